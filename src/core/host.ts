/**
 * The port between the task pane and whatever hosts the workbook (`WorkbookHost`), with what goes
 * through it: output options, results, failures. src/excel implements it with Office.js; tests
 * implement it over the in-memory Excel double. The pane never sees `Excel`. What only the pane
 * needs of the host (theme, stored state, progress) is `pane-contracts.ts`. Pure types: no Office,
 * no React.
 */
import type { ForeignTarget } from "./foreign";
import type { PartnerRename } from "./history/match";
import type { Assessment } from "./history/record";
import type { ApplyProgress, CancelSignal, StoredState, Theme } from "./pane-contracts";
import type { Analysis, AnalysisSettings, SheetSnapshot, Summary, SkippedRow } from "./types";

export type { ApplyProgress, CancelSignal, StoredState, Theme };

export type Language = "nl" | "en";

export type LabelRule = "auto" | "all" | "below-line" | "largest-subsidies" | "none";

export interface ChartOptions {
  enabled: boolean;
  /** Where the chart goes: on the parameter sheet, or beside the register without covering content. */
  placement: "parameter-sheet" | "beside-register";
  /** Which partners get a name label. "auto" labels all up to a limit, then those below the line. */
  labels: LabelRule;
  /** Segments from a partner to its target, for partners that should move. */
  movement: boolean;
  /** Marker area proportional to the subsidy amount. */
  sizeBySubsidy: boolean;
  /** Only the partners of this societal goal; null = all partners. Ignored when perGoal. */
  goal: string | null;
  /** One chart per societal goal. */
  perGoal: boolean;
}

export interface OutputOptions {
  language: Language;
  /** Live formulas (default) or plain values. */
  mode: "formulas" | "values";
  chart: ChartOptions;
  /**
   * Compare the register live with this recorded assessment (issue 19): comparison columns beside
   * the register and the money then on the parameter sheet, as formulas on the history table.
   * Formulas mode only; absent or null: no comparison.
   */
  comparison?: { date: string; label: string } | null;
}

export const DEFAULT_CHART_OPTIONS: ChartOptions = {
  enabled: true,
  placement: "beside-register",
  labels: "auto",
  movement: true,
  sizeBySubsidy: false,
  goal: null,
  perGoal: false,
};

/** A row where Excel's computed position or strategy differs from the analysis (1-based sheet row). */
export interface SelfCheckMismatch {
  row: number;
  column: "position" | "strategy";
  /** What Excel computed ("" for nothing). */
  excel: string;
  /** What the analysis expects ("" for a row it skipped). */
  expected: string;
}

/** The apply's read-back of what Excel computed in the columns and the summary, against the analysis. */
export interface SelfCheckReport {
  /** Rows of the register compared one by one (the first ones; the summary covers all). */
  checkedRows: number;
  totalRows: number;
  /** All row disagreements; `mismatches` holds the first of them. */
  mismatchCount: number;
  mismatches: SelfCheckMismatch[];
  /**
   * Every checked row that should show a position and strategy shows nothing: Excel did not keep
   * the write (on the web a pending cell edit can swallow it, office-js #1393). The host then
   * restores the workbook and fails with "write-dropped" instead of reporting success.
   */
  writeMissing: boolean;
  /** Summary cells that differ: `key` is a strategy or position key. */
  summaryMismatches: { key: string; measure: "count" | "subsidy"; excel: string; expected: string }[];
}

export interface ApplyResult {
  sheetName: string;
  /** Where the new columns went, as A1 addresses of their headers. */
  columnHeaders: string[];
  parameterSheet: string;
  chartNames: string[];
  summary: Summary;
  skipped: SkippedRow[];
  /** Things the user should know: labels limited to N partners, movement segments limited, … (i18n keys + params). */
  notices: { key: string; params: Record<string, string | number> }[];
  /** How many context.sync() calls the apply took (shown in details, measured in the bench). */
  syncs: number;
  /**
   * Formulas mode: what Excel computed, compared with the analysis. On a disagreement `notices`
   * also holds "notice.selfCheck.mismatch", which offers values instead of formulas.
   */
  selfCheck?: SelfCheckReport;
}

/** Every failure the host reports; each has its own message in the pane. */
export const HOST_FAILURE_CODES = [
  "protected-sheet",
  "protected-workbook",
  "cell-edit-mode",
  "cancelled",
  "write-dropped",
  "invalid-selection",
  "register-changed",
  "foreign-content",
  "item-not-found",
  "payload-too-large",
  "too-many-cells",
  "no-room-to-insert",
  "insert-delete-conflict",
  "merged-range-conflict",
  "filtered-range-conflict",
  "pivot-table-conflict",
  "formula-too-long",
  "empty-chart-series",
  "invalid-argument",
  "unsupported-requirement-set",
  "no-register",
  "missing-column",
  "unknown",
] as const;

export type HostFailureCode = (typeof HOST_FAILURE_CODES)[number];

/** A failure the pane can explain: `code` selects a localised message, `details` is the technical text. */
export interface HostFailure {
  code: HostFailureCode;
  details: string;
  sheet?: string;
  /** For "foreign-content": the cell, sheet or name that is not Partnerkaart's. */
  target?: ForeignTarget;
}

/** What recording an assessment did (issue 19). */
export interface RecordAssessmentResult {
  /** False when a snapshot with that date and label exists and replacing was not confirmed: nothing written. */
  recorded: boolean;
  /** A snapshot with the same date and label was (or would be) replaced. */
  replaces: boolean;
  /** Rows in the history table afterwards. */
  rows: number;
}

/** Which partner pages to make (issue 20). */
export interface PartnerPageRequest {
  /** 1-based register rows of the chosen partners (Analysis.partners.row). */
  rows: number[];
  /** The partner's own subsidy on its page; never another partner's. */
  includeSubsidy: boolean;
  /** Shown on each page as given, e.g. "2026-12-06". */
  date: string;
}

export interface PartnerPageResult {
  pages: { partner: string; sheetName: string; updated: boolean }[];
}

/** Something a partner would see in the whole workbook (the share check); removes nothing. */
export interface ShareFinding {
  kind: "partner-data" | "subsidy-column" | "partner-page" | "hidden-sheet" | "hidden-columns" | "hidden-rows" | "name-to-hidden-data" | "comment" | "note";
  sheet: string;
  /** Where to go on the sheet (A1, no sheet name); null for the sheet as a whole. */
  address: string | null;
  /** What it is: a partner count, column letters, a name, a comment's or note's text. */
  detail: string;
}

export interface ShareCheckResult {
  findings: ShareFinding[];
  /** Comments need ExcelApi 1.10; below it they are not checked and the pane says so. */
  commentsChecked: boolean;
  /** Notes (Excel's classic cell notes) need ExcelApi 1.18; likewise. */
  notesChecked: boolean;
}

export type SheetEvent = { kind: "activated" | "selection-changed" | "data-changed"; sheetName: string };

export interface WorkbookHost {
  readonly language: Language;
  readonly theme: Theme;
  /** A snapshot of the active sheet (used range, formats, tables, hidden columns, selection). */
  readActiveSheet(): Promise<SheetSnapshot>;
  /**
   * Analyse the snapshot with `settings`, plan and write columns, parameters, summary and chart.
   * Rejects with a HostFailure-shaped error (see isHostFailure) and leaves the workbook as it was.
   * `expected` is the snapshot the user saw: if the register changed since, it fails with "register-changed".
   */
  apply(
    expected: SheetSnapshot,
    settings: AnalysisSettings,
    output: OutputOptions,
    onProgress?: (progress: ApplyProgress) => void,
    /** Cancels while the apply waits for cell edit mode to end; it then fails with "cancelled" and writes nothing. */
    cancel?: CancelSignal,
  ): Promise<ApplyResult>;
  /** The assessments recorded on the history sheet, in the order first recorded. Optional: hosts without history omit it. */
  readHistory?(): Promise<Assessment[]>;
  /** The user's links from renamed partners to their earlier names, stored beside the history table. */
  readRenames?(): Promise<PartnerRename[]>;
  /** Stores a link from a renamed partner to its earlier name (replacing an earlier link of that name); resolves with every link. */
  linkRename?(rename: PartnerRename): Promise<PartnerRename[]>;
  /**
   * Records the register (analysed with `settings`) as an assessment on `date` (yyyy-mm-dd) under
   * `label`. When that date and label exist it writes only with `replace` (the pane asks first).
   * Rejects with a HostFailure, e.g. "foreign-content" when the history sheet is not ours.
   */
  recordAssessment?(expected: SheetSnapshot, settings: AnalysisSettings, date: string, label: string, replace: boolean): Promise<RecordAssessmentResult>;
  /** Select a 1-based sheet row of the register (for "show me the skipped row"). */
  selectRow(sheetName: string, row: number): Promise<void>;
  loadState(): Promise<StoredState | null>;
  saveState(state: StoredState): Promise<void>;
  /** Subscribe to sheet events; returns an unsubscribe function. */
  onSheetEvent(listener: (event: SheetEvent) => void): () => void;
  /**
   * One sheet per chosen partner: values only, a chart of that page's cells in which only this
   * partner is named; a page made again is replaced. Optional: hosts without it offer no pages.
   */
  makePartnerPages?(analysis: Analysis, request: PartnerPageRequest): Promise<PartnerPageResult>;
  /** Lists what a partner would see in the whole workbook (`analysis`: the register, if known). */
  checkBeforeSharing?(analysis: Analysis | null): Promise<ShareCheckResult>;
  /** Activates a visible sheet and selects `address` (A1, no sheet name) on it: the share check's "go to". */
  goTo?(sheetName: string, address: string): Promise<void>;
}

export function isHostFailure(error: unknown): error is HostFailure {
  return typeof error === "object" && error !== null && "code" in error && "details" in error;
}
