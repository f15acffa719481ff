/**
 * The pane's behaviour as hooks over the reducer in ./state: a session (reading, applying,
 * corrections), the sheet events (dispatched into the reducer, which decides what they ask for),
 * and the ambition line's draft (what the handles and fields show before it is committed).
 * Components only render what these return.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { placeOnLine, registerChange, strategyChanges } from "../core/changes";
import type { ApplyProgress, WorkbookHost } from "../core/host";
import type { AmbitionLine, Analysis, AnalysisSettings, ConceptKey } from "../core/types";
import { checkLineDraft, checkScaleDraft, lineDraftOf, withMapping, withScale, type LineCheck, type LineDraft, type ScaleDraft } from "./model";
import { INITIAL_STATE, analyse, paneReducer, settingsOf, toFailure, type LineSettings, type PaneAction, type PaneOutput, type PaneState } from "./state";

/** How long the line waits after the last change before the whole analysis follows it. */
export const LINE_DEBOUNCE_MS = 200;

export interface Session {
  state: PaneState;
  dispatch: (action: PaneAction) => void;
  analysis: Analysis | null;
  settings: AnalysisSettings;
  read: () => Promise<void>;
  apply: (settings: AnalysisSettings) => Promise<void>;
  /** Apply again writing plain values instead of formulas (the self-check's remedy); the option follows. */
  applyAsValues: (settings: AnalysisSettings) => Promise<void>;
  /** Stops an apply that waits for Excel's cell edit mode to end; nothing is written. */
  cancelApply: () => void;
  reanalyseAndApply: () => Promise<void>;
  selectRow: (row: number) => Promise<void>;
  changeSettings: (change: (current: AnalysisSettings) => AnalysisSettings) => void;
  changeMapping: (concept: ConceptKey, column: number | null) => void;
  changeOutput: (output: PaneOutput) => void;
  resetCorrections: () => void;
}

/** Restores what the workbook remembers, reads the active sheet, and applies on request. */
export function useSession(host: WorkbookHost): Session {
  const [state, dispatch] = useReducer(paneReducer, INITIAL_STATE);
  const sheetName = state.snapshot?.sheetName;
  const settings = useMemo(() => settingsOf(state), [state]);
  const analysis = state.outcome?.kind === "analysis" ? state.outcome.analysis : null;

  const read = useCallback(async () => {
    dispatch({ type: "read-started" });
    try {
      dispatch({ type: "read-done", snapshot: await host.readActiveSheet() });
    } catch (error) {
      dispatch({ type: "failed", failure: toFailure(error, sheetName) });
    }
  }, [host, sheetName]);

  useStartup(host, dispatch);
  const { output, snapshot } = state;
  const { runApply, cancelApply } = useApplyRunner(host, output, dispatch);

  const apply = useCallback(
    async (applySettings: AnalysisSettings) => {
      if (snapshot) await runApply(snapshot, applySettings);
    },
    [snapshot, runApply],
  );

  const applyAsValues = useCallback(
    async (applySettings: AnalysisSettings) => {
      if (!snapshot) return;
      const valuesOutput: PaneOutput = { ...output, mode: "values" };
      dispatch({ type: "output-changed", output: valuesOutput });
      await runApply(snapshot, applySettings, valuesOutput);
    },
    [snapshot, output, runApply],
  );

  const reanalyseAndApply = useCallback(async () => {
    let fresh;
    try {
      fresh = await host.readActiveSheet();
    } catch (error) {
      dispatch({ type: "failed", failure: toFailure(error, sheetName) });
      return;
    }
    dispatch({ type: "read-done", snapshot: fresh });
    const freshSettings = state.settingsBySheet[fresh.sheetName] ?? {};
    if (analyse(fresh, freshSettings).kind === "analysis") await runApply(fresh, freshSettings);
  }, [host, sheetName, state.settingsBySheet, runApply]);

  const selectRow = useCallback(
    async (row: number) => {
      if (!sheetName) return;
      try {
        await host.selectRow(sheetName, row);
      } catch (error) {
        dispatch({ type: "failed", failure: toFailure(error, sheetName) });
      }
    },
    [host, sheetName],
  );

  const changeSettings = useCallback(
    (change: (current: AnalysisSettings) => AnalysisSettings) => {
      const next = change(settings);
      if (next !== settings) dispatch({ type: "settings-changed", settings: next });
    },
    [settings],
  );
  const changeMapping = useCallback((concept: ConceptKey, column: number | null) => changeSettings((s) => withMapping(s, concept, column)), [changeSettings]);
  const changeOutput = useCallback((next: PaneOutput) => dispatch({ type: "output-changed", output: next }), []);
  const resetCorrections = useCallback(() => dispatch({ type: "settings-changed", settings: {} }), []);

  return { state, dispatch, analysis, settings, read, apply, applyAsValues, cancelApply, reanalyseAndApply, selectRow, changeSettings, changeMapping, changeOutput, resetCorrections };
}

/** On opening: what the workbook remembers, then the active sheet (nothing once the pane is gone). */
function useStartup(host: WorkbookHost, dispatch: (action: PaneAction) => void): void {
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const stored = await host.loadState();
        if (!cancelled) dispatch({ type: "restored", stored });
      } catch (error) {
        if (!cancelled) dispatch({ type: "failed", failure: toFailure(error, undefined) });
      }
      if (cancelled) return;
      try {
        const snapshot = await host.readActiveSheet();
        if (!cancelled) dispatch({ type: "read-done", snapshot });
      } catch (error) {
        if (!cancelled) dispatch({ type: "failed", failure: toFailure(error, undefined) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [host, dispatch]);
}

/** One apply at a time: write, remember the settings, read the sheet again; cancellable while Excel waits. */
function useApplyRunner(host: WorkbookHost, output: PaneOutput, dispatch: (action: PaneAction) => void) {
  const cancelRef = useRef<AbortController | null>(null);
  const runApply = useCallback(
    async (target: NonNullable<PaneState["snapshot"]>, applySettings: AnalysisSettings, applyOutput: PaneOutput = output) => {
      dispatch({ type: "apply-started" });
      const cancel = new AbortController();
      cancelRef.current = cancel;
      try {
        const onProgress = (progress: ApplyProgress) => dispatch({ type: "apply-progress", progress });
        const result = await host.apply(target, applySettings, { ...applyOutput, language: host.language }, onProgress, cancel.signal);
        dispatch({ type: "apply-done", result, settings: applySettings });
        // Remembered only after a successful apply: saving changes the workbook, and the user asked for that now.
        await host.saveState({ version: 1, settings: applySettings, output: applyOutput, sheetName: target.sheetName });
        // The sheet now holds our columns: the next apply must compare against what is there now.
        const fresh = await host.readActiveSheet();
        if (fresh.sheetName === target.sheetName) dispatch({ type: "read-done", snapshot: fresh });
      } catch (error) {
        // A failure to remember or re-read after a successful write is shown too; the result stays.
        dispatch({ type: "failed", failure: toFailure(error, target.sheetName) });
      } finally {
        if (cancelRef.current === cancel) cancelRef.current = null;
      }
    },
    [host, output, dispatch],
  );
  const cancelApply = useCallback(() => cancelRef.current?.abort(), []);
  return { runApply, cancelApply };
}

/**
 * Sheet events go into the reducer, which says what they ask for (a read, or a comparison of the
 * sheet with what was analysed); this hook does that work after the request's delay. A newer
 * request cancels a waiting one, so bursts of events cost one read.
 */
export function useSheetEvents(host: WorkbookHost, session: Session): void {
  const { dispatch, read } = session;
  const { request, snapshot } = session.state;

  useEffect(() => host.onSheetEvent((event) => dispatch({ type: "sheet-event", event })), [host, dispatch]);

  useEffect(() => {
    if (!request) return;
    const seen = snapshot;
    const timer = setTimeout(() => {
      if (request.kind === "read") {
        void read();
        return;
      }
      if (!seen || seen.sheetName !== request.sheetName) return;
      void (async () => {
        let changed = true;
        try {
          const now = await host.readActiveSheet();
          changed = registerChange(seen, now) !== null;
        } catch {
          // Could not look: say it may have changed rather than stay silent.
        }
        if (changed) dispatch({ type: "change-found", seen });
      })();
    }, request.delayMs);
    return () => clearTimeout(timer);
    // Only a new request starts work; a new snapshot alone does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
}

/** The live figures for a line: counts and money per strategy and position, and who changes strategy. */
export interface LiveFigures {
  placement: ReturnType<typeof placeOnLine>;
  changes: ReturnType<typeof strategyChanges>;
}

export interface LineDraftState {
  draft: LineDraft;
  check: LineCheck;
  /** Set while the draft holds a valid line. */
  live: LiveFigures | null;
  setDraft: (draft: LineDraft) => void;
  /** The settings to apply: the draft's line when valid, even before the debounce committed it. */
  settingsToApply: () => AnalysisSettings | null;
  scaleDrafts: Partial<Record<"influence" | "dependency", ScaleDraft>>;
  scaleInvalid: Record<"influence" | "dependency", boolean>;
  setScaleDraft: (axis: "influence" | "dependency", draft: ScaleDraft) => void;
}

/**
 * The ambition line as the user drags or types it: checked against the scales, with live figures
 * from the core on every change, committed to the settings (and so to the full analysis and chart)
 * after a short pause.
 */
export function useLineDraft(session: Session, locale: string): LineDraftState | null {
  const { analysis, settings, changeSettings, state } = session;
  const [lineDraft, setLineDraft] = useState<LineDraft | null>(null);
  const [scaleDrafts, setScaleDrafts] = useState<Partial<Record<"influence" | "dependency", ScaleDraft>>>({});
  const sheetName = state.snapshot?.sheetName ?? null;

  // Another sheet: what was typed belongs to the previous one.
  useEffect(() => {
    setLineDraft(null);
    setScaleDrafts({});
  }, [sheetName]);

  const draft = lineDraft ?? (analysis ? lineDraftOf(analysis, locale) : null);
  const check = useMemo(
    () => (analysis && draft ? checkLineDraft(draft, analysis.influenceScale, analysis.dependencyScale, locale) : null),
    [analysis, draft, locale],
  );

  useEffect(() => {
    if (!lineDraft || !check?.line || check.threshold === null) return;
    const line = check.line;
    const threshold = check.threshold;
    const timer = setTimeout(() => changeSettings((current) => (sameLine(current, line, threshold) ? current : { ...current, line, highDependencyAbove: threshold })), LINE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [lineDraft, check, changeSettings]);

  const baseline: LineSettings | null = state.baseline;
  const basePlacement = useMemo(() => (analysis && baseline ? placeOnLine(analysis, baseline.line, baseline.highDependencyAbove) : null), [analysis, baseline]);
  const live = useMemo((): LiveFigures | null => {
    if (!analysis || !check?.line || check.threshold === null) return null;
    const placement = placeOnLine(analysis, check.line, check.threshold);
    const changes = basePlacement ? strategyChanges(analysis.partners, basePlacement.strategy, placement.strategy, 5) : { count: 0, first: [] };
    return { placement, changes };
  }, [analysis, check, basePlacement]);

  const scaleInvalid = {
    influence: scaleDrafts.influence ? checkScaleDraft(scaleDrafts.influence) === null : false,
    dependency: scaleDrafts.dependency ? checkScaleDraft(scaleDrafts.dependency) === null : false,
  };

  const setScaleDraft = (axis: "influence" | "dependency", scaleDraft: ScaleDraft) => {
    setScaleDrafts((all) => ({ ...all, [axis]: scaleDraft }));
    const scale = checkScaleDraft(scaleDraft);
    if (scale && analysis) {
      const current = axis === "influence" ? analysis.influenceScale : analysis.dependencyScale;
      changeSettings((s) => withScale(s, axis, scale, current));
      // The line follows the new scale unless the user typed one that still fits.
      setLineDraft(null);
    }
  };

  const settingsToApply = (): AnalysisSettings | null => {
    if (!check?.line || check.threshold === null || scaleInvalid.influence || scaleInvalid.dependency) return null;
    return lineDraft && !sameLine(settings, check.line, check.threshold) ? { ...settings, line: check.line, highDependencyAbove: check.threshold } : settings;
  };

  if (!analysis || !draft || !check) return null;
  return { draft, check, live, setDraft: setLineDraft, settingsToApply, scaleDrafts, scaleInvalid, setScaleDraft };
}

function sameLine(settings: AnalysisSettings, line: AmbitionLine, threshold: number): boolean {
  return (
    settings.line?.atLowestDependency === line.atLowestDependency &&
    settings.line?.atHighestDependency === line.atHighestDependency &&
    settings.highDependencyAbove === threshold
  );
}
