/**
 * The pane's state: one reducer over explicit phases. Pure (no React, no host), so every transition
 * can be read here and tested without rendering.
 *
 *   reading ──read──▶ found | not-found ──apply──▶ applying ──▶ applied
 *      ▲                    │                          │
 *      └──── re-read ◀──────┘        failure ◀─────────┘ (shown on top of whatever phase it left)
 */
import { analyzeSheet, registerHeaders } from "../core/analyze";
import { placeOnLine, strategyChanges, type StrategyChange } from "../core/changes";
import {
  DEFAULT_CHART_OPTIONS,
  isHostFailure,
  type ApplyProgress,
  type ApplyResult,
  type ChartOptions,
  type HostFailure,
  type OutputOptions,
  type SheetEvent,
  type StoredState,
} from "../core/host";
import { RegisterError, type AmbitionLine, type Analysis, type AnalysisSettings, type HeaderCellInfo, type SheetSnapshot } from "../core/types";
import type { PaneMessageKey } from "./i18n";

export type PaneOutput = Omit<OutputOptions, "language">;

export const DEFAULT_OUTPUT: PaneOutput = { mode: "formulas", chart: { ...DEFAULT_CHART_OPTIONS } };

export type Phase = "reading" | "not-found" | "found" | "applying" | "applied";

export type Outcome =
  | { kind: "analysis"; analysis: Analysis; headers: HeaderCellInfo[] }
  | { kind: "register-error"; error: RegisterError }
  | { kind: "crash"; failure: HostFailure };

/** What the last apply wrote: the result, and the line it used (the baseline for "what changed"). */
export interface Applied {
  result: ApplyResult;
  settings: AnalysisSettings;
  /** Where its chart went: the options may change after the apply. */
  placement: ChartOptions["placement"];
  /** The partners whose strategy this apply changed against the apply before (null for the first). */
  changes: { count: number; first: StrategyChange[] } | null;
}

export interface Announcement {
  key: PaneMessageKey;
  params?: Record<string, string | number>;
}

export interface PaneState {
  phase: Phase;
  snapshot: SheetSnapshot | null;
  /** The analysis of `snapshot` under this sheet's settings (null while nothing was read). */
  outcome: Outcome | null;
  settingsBySheet: Record<string, AnalysisSettings>;
  /** Settings restored from an older state without a sheet name: tried on the first sheet read. */
  unnamedSettings: AnalysisSettings | null;
  output: PaneOutput;
  progress: ApplyProgress | null;
  applied: Applied | null;
  /** Shown on top of any phase until dismissed. */
  failure: HostFailure | null;
  /** The sheet of an apply the user cancelled while Excel waited for a cell edit: nothing was written there. */
  cancelledOn: string | null;
  /** The sheet the user edited after it was analysed. */
  changedSheet: string | null;
  announcement: Announcement | null;
  /** Where focus goes after the last transition; `seq` makes a repeated target a new request. */
  focus: { target: "result" | "failure"; seq: number } | null;
  /** The line the partners' strategy changes are counted against: the last applied one, else the one first read. */
  baseline: LineSettings | null;
  /** Work a sheet event asks for, done (after its delay) by the sheet-events hook. */
  request: SheetRequest | null;
}

export interface LineSettings {
  line: AmbitionLine;
  highDependencyAbove: number;
}

/** Re-read the sheet, or compare it with what was analysed; `seq` makes each request new. */
export interface SheetRequest {
  kind: "read" | "compare";
  sheetName: string;
  delayMs: number;
  seq: number;
}

/** Selection changes come in bursts while the user drags; wait for a pause before re-reading. */
export const SELECTION_DEBOUNCE_MS = 300;
/** Wait for a burst of edits to end before comparing the sheet with what was analysed. */
export const CHANGE_DEBOUNCE_MS = 150;

export type PaneAction =
  | { type: "restored"; stored: StoredState | null }
  | { type: "read-started" }
  | { type: "read-done"; snapshot: SheetSnapshot }
  | { type: "failed"; failure: HostFailure }
  | { type: "settings-changed"; settings: AnalysisSettings }
  | { type: "output-changed"; output: PaneOutput }
  | { type: "apply-started" }
  | { type: "apply-progress"; progress: ApplyProgress }
  | { type: "apply-done"; result: ApplyResult; settings: AnalysisSettings }
  | { type: "failure-dismissed" }
  | { type: "sheet-event"; event: SheetEvent }
  | { type: "change-found"; seen: SheetSnapshot }
  | { type: "announce"; announcement: Announcement };

export const INITIAL_STATE: PaneState = {
  phase: "reading",
  snapshot: null,
  outcome: null,
  settingsBySheet: {},
  unnamedSettings: null,
  output: DEFAULT_OUTPUT,
  progress: null,
  applied: null,
  failure: null,
  cancelledOn: null,
  changedSheet: null,
  announcement: null,
  focus: null,
  baseline: null,
  request: null,
};

/** A HostFailure from whatever was thrown, naming the sheet when the error does not. */
export function toFailure(error: unknown, sheet: string | undefined): HostFailure {
  if (isHostFailure(error)) return { code: error.code, details: error.details, sheet: error.sheet ?? sheet, ...(error.target ? { target: error.target } : {}) };
  const details = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: "unknown", details, sheet };
}

export function analyse(snapshot: SheetSnapshot, settings: AnalysisSettings): Outcome {
  try {
    return { kind: "analysis", analysis: analyzeSheet(snapshot, settings), headers: registerHeaders(snapshot, settings) };
  } catch (error) {
    if (error instanceof RegisterError) return { kind: "register-error", error };
    return { kind: "crash", failure: toFailure(error, snapshot.sheetName) };
  }
}

/** The settings the pane uses on `snapshot`'s sheet. */
export function settingsOf(state: PaneState): AnalysisSettings {
  const sheet = state.snapshot?.sheetName;
  return sheet ? (state.settingsBySheet[sheet] ?? {}) : {};
}

/** The phase a settled read or correction leads to: the result of an apply on this sheet stays shown. */
function settledPhase(outcome: Outcome, applied: Applied | null): Phase {
  if (outcome.kind !== "analysis") return "not-found";
  return applied ? "applied" : "found";
}

function withOutcome(state: PaneState, snapshot: SheetSnapshot, settingsBySheet: Record<string, AnalysisSettings>): PaneState {
  const outcome = analyse(snapshot, settingsBySheet[snapshot.sheetName] ?? {});
  const announcement: Announcement | null =
    outcome.kind === "analysis"
      ? { key: "register.announceFound", params: { sheet: outcome.analysis.location.sheetName, count: outcome.analysis.partners.count } }
      : outcome.kind === "register-error"
        ? { key: "nothing.title" }
        : state.announcement;
  const newSheet = state.snapshot?.sheetName !== snapshot.sheetName;
  const baseline =
    outcome.kind === "analysis" && (newSheet || state.baseline === null)
      ? { line: outcome.analysis.line, highDependencyAbove: outcome.analysis.highDependencyAbove }
      : state.baseline;
  // A correction that settles while an apply runs changes what is shown, not the apply's phase or its progress messages.
  if (state.phase === "applying") return { ...state, snapshot, settingsBySheet, outcome, baseline };
  return { ...state, snapshot, settingsBySheet, outcome, phase: settledPhase(outcome, state.applied), announcement, baseline };
}

/** What a sheet event asks for: another sheet is read, a selection re-detects only while nothing was found, an edit is compared. */
function requestFor(state: PaneState, event: SheetEvent): SheetRequest | null {
  const seq = (state.request?.seq ?? 0) + 1;
  const current = state.snapshot;
  if (event.kind === "activated") {
    return !current || current.sheetName !== event.sheetName ? { kind: "read", sheetName: event.sheetName, delayMs: 0, seq } : null;
  }
  if (event.kind === "selection-changed") {
    return state.outcome?.kind !== "analysis" ? { kind: "read", sheetName: event.sheetName, delayMs: SELECTION_DEBOUNCE_MS, seq } : null;
  }
  // Edits come in bursts (paste, fill), and Excel may report our own writes after the apply finished.
  return current && current.sheetName === event.sheetName ? { kind: "compare", sheetName: event.sheetName, delayMs: CHANGE_DEBOUNCE_MS, seq } : null;
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "restored": {
      const stored = action.stored;
      if (!stored) return state;
      const output: PaneOutput = { mode: stored.output.mode, chart: { ...DEFAULT_CHART_OPTIONS, ...stored.output.chart } };
      // Without a sheet name (older state) the settings are tried on whichever sheet is read first.
      return stored.sheetName
        ? { ...state, output, settingsBySheet: { ...state.settingsBySheet, [stored.sheetName]: stored.settings } }
        : { ...state, output, unnamedSettings: stored.settings };
    }
    case "read-started":
      return state.phase === "applying" ? state : { ...state, phase: "reading" };
    case "read-done": {
      const { snapshot } = action;
      const sameSheet = state.snapshot?.sheetName === snapshot.sheetName;
      let settingsBySheet = state.settingsBySheet;
      if (state.unnamedSettings && !(snapshot.sheetName in settingsBySheet)) settingsBySheet = { ...settingsBySheet, [snapshot.sheetName]: state.unnamedSettings };
      // Another sheet: what was applied belongs to the previous one.
      const next: PaneState = { ...state, unnamedSettings: null, changedSheet: null, applied: sameSheet ? state.applied : null };
      return withOutcome(next, snapshot, settingsBySheet);
    }
    case "failed": {
      const phase = state.phase === "reading" || state.phase === "applying" ? (state.outcome ? settledPhase(state.outcome, state.applied) : "not-found") : state.phase;
      // The user's own choice, not a failure: a calm word, no alarm, focus stays where it was.
      if (action.failure.code === "cancelled") {
        const sheet = action.failure.sheet ?? state.snapshot?.sheetName ?? "";
        return { ...state, phase, progress: null, cancelledOn: sheet, announcement: { key: "apply.cancelled", params: { sheet } } };
      }
      return { ...state, phase, progress: null, failure: action.failure, focus: { target: "failure", seq: (state.focus?.seq ?? 0) + 1 } };
    }
    case "settings-changed": {
      if (!state.snapshot) return state;
      return withOutcome(state, state.snapshot, { ...state.settingsBySheet, [state.snapshot.sheetName]: action.settings });
    }
    case "output-changed":
      return { ...state, output: action.output };
    case "apply-started":
      return { ...state, phase: "applying", failure: null, cancelledOn: null, progress: { fraction: 0, step: "reading" }, announcement: { key: "apply.busy" } };
    case "apply-progress":
      return { ...state, progress: action.progress, announcement: { key: `apply.step.${action.progress.step}` } };
    case "apply-done": {
      const sheet = action.result.sheetName;
      // Usually the settings shown; when the debounce had not caught up, analyse what was applied.
      const settled = state.snapshot && action.settings !== settingsOf(state) ? withOutcome(state, state.snapshot, { ...state.settingsBySheet, [sheet]: action.settings }) : state;
      const analysis = settled.outcome?.kind === "analysis" ? settled.outcome.analysis : null;
      // Against the line of the apply before, on the partners as analysed now.
      const before = state.applied && state.baseline && analysis ? placeOnLine(analysis, state.baseline.line, state.baseline.highDependencyAbove) : null;
      const changes = before && analysis ? strategyChanges(analysis.partners, before.strategy, analysis.partners.strategy, 10) : null;
      const applied: Applied = { result: action.result, settings: action.settings, placement: state.output.chart.placement, changes };
      return {
        ...settled,
        baseline: analysis ? { line: analysis.line, highDependencyAbove: analysis.highDependencyAbove } : settled.baseline,
        phase: "applied",
        progress: null,
        applied,
        changedSheet: null,
        settingsBySheet: { ...state.settingsBySheet, [sheet]: action.settings },
        announcement: { key: "result.announce", params: { count: action.result.summary.total.count, sheet } },
        focus: { target: "result", seq: (state.focus?.seq ?? 0) + 1 },
      };
    }
    case "failure-dismissed":
      return { ...state, failure: null, cancelledOn: null };
    case "sheet-event": {
      if (state.phase === "applying") return state; // our own writes
      const request = requestFor(state, action.event);
      return request ? { ...state, request } : state;
    }
    case "change-found":
      // Only news about the analysis still shown, and never about our own writes.
      if (state.snapshot !== action.seen || state.phase === "applying") return state;
      return { ...state, changedSheet: action.seen.sheetName, announcement: { key: "changed.title" } };
    case "announce":
      return { ...state, announcement: action.announcement };
  }
}
