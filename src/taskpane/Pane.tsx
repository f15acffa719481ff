import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Field,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { analyzeSheet, registerHeaders } from "../core/analyze";
import {
  DEFAULT_CHART_OPTIONS,
  isHostFailure,
  type ApplyProgress,
  type ApplyResult,
  type ChartOptions,
  type HostFailure,
  type SheetEvent,
  type WorkbookHost,
} from "../core/host";
import { RegisterError, type Analysis, type AnalysisSettings, type ConceptKey, type HeaderCellInfo, type SheetSnapshot } from "../core/types";
import { ownOutputColumns } from "../core/locate";
import { FailureBar } from "./FailureBar";
import { useTexts } from "./i18n";
import { LineSection } from "./LineSection";
import {
  checkLineDraft,
  checkScaleDraft,
  goalsOf,
  lineDraftOf,
  withMapping,
  withScale,
  type LineDraft,
  type ScaleDraft,
} from "./model";
import { OptionsSection, type PaneOutput } from "./OptionsSection";
import { MappingSection, NothingFound, RegisterSummary, ScaleSection } from "./RegisterSections";
import { NoticesSection, ResultSection, SkippedSection } from "./ResultSection";

/** How long typing in the line fields waits before the preview and analysis follow. */
export const LINE_DEBOUNCE_MS = 200;
/** Selection changes come in bursts while the user drags; wait for a pause before re-reading. */
const SELECTION_DEBOUNCE_MS = 300;
/** Wait for a burst of edits to end before comparing the sheet with what was analysed. */
const CHANGE_DEBOUNCE_MS = 150;

export const DEFAULT_OUTPUT: PaneOutput = { mode: "formulas", chart: { ...DEFAULT_CHART_OPTIONS } };

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    "& h1": { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
    "& h2": { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
    "& h3": { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  },
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
});

type Outcome =
  | { kind: "analysis"; analysis: Analysis; headers: HeaderCellInfo[] }
  | { kind: "register-error"; error: RegisterError }
  | { kind: "crash"; failure: HostFailure };

function analyse(snapshot: SheetSnapshot, settings: AnalysisSettings): Outcome {
  try {
    return { kind: "analysis", analysis: analyzeSheet(snapshot, settings), headers: registerHeaders(snapshot, settings) };
  } catch (error) {
    if (error instanceof RegisterError) return { kind: "register-error", error };
    return { kind: "crash", failure: toFailure(error, snapshot.sheetName) };
  }
}

function toFailure(error: unknown, sheet: string | undefined): HostFailure {
  if (isHostFailure(error)) return { code: error.code, details: error.details, sheet: error.sheet ?? sheet, ...(error.target ? { target: error.target } : {}) };
  const details = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: "unknown", details, sheet };
}

export function Pane({ host }: { host: WorkbookHost }) {
  const texts = useTexts();
  const { p, language } = texts;
  const styles = useStyles();

  const [snapshot, setSnapshot] = useState<SheetSnapshot | null>(null);
  const [reading, setReading] = useState(true);
  const [settingsBySheet, setSettingsBySheet] = useState<Record<string, AnalysisSettings>>({});
  const [output, setOutput] = useState<PaneOutput>(DEFAULT_OUTPUT);
  const [lineDraft, setLineDraft] = useState<LineDraft | null>(null);
  const [scaleDrafts, setScaleDrafts] = useState<Partial<Record<"influence" | "dependency", ScaleDraft>>>({});
  const [progress, setProgress] = useState<ApplyProgress | null>(null);
  const [result, setResult] = useState<ApplyResult | null>(null);
  // Where the applied chart went: the result names its sheet, and the options may change after apply.
  const [resultPlacement, setResultPlacement] = useState<ChartOptions["placement"]>(DEFAULT_CHART_OPTIONS.placement);
  const [failure, setFailure] = useState<HostFailure | null>(null);
  const [changedSheet, setChangedSheet] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [focusTarget, setFocusTarget] = useState<{ target: "result" | "failure" } | null>(null);

  const resultHeadingRef = useRef<HTMLHeadingElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  // Events arrive through a subscription made once; these refs give it the current state.
  const applyingRef = useRef(false);
  const snapshotRef = useRef<SheetSnapshot | null>(null);
  const outcomeKindRef = useRef<Outcome["kind"] | null>(null);
  const pendingUnnamedSettings = useRef<AnalysisSettings | null>(null);

  const sheetName = snapshot?.sheetName ?? null;
  const settings = useMemo(() => (sheetName ? (settingsBySheet[sheetName] ?? {}) : {}), [sheetName, settingsBySheet]);
  const outcome = useMemo(() => (snapshot ? analyse(snapshot, settings) : null), [snapshot, settings]);
  const analysis = outcome?.kind === "analysis" ? outcome.analysis : null;
  const ownColumns = useMemo(() => ownOutputColumns(snapshot), [snapshot]);

  snapshotRef.current = snapshot;
  outcomeKindRef.current = outcome?.kind ?? null;

  const updateSettings = useCallback(
    (change: (current: AnalysisSettings) => AnalysisSettings) => {
      if (!sheetName) return;
      setSettingsBySheet((all) => ({ ...all, [sheetName]: change(all[sheetName] ?? {}) }));
    },
    [sheetName],
  );

  const read = useCallback(async () => {
    setReading(true);
    try {
      const next = await host.readActiveSheet();
      const previous = snapshotRef.current;
      if (!previous || previous.sheetName !== next.sheetName) {
        // Another sheet: what was typed and applied belongs to the previous one.
        setLineDraft(null);
        setScaleDrafts({});
        setResult(null);
      }
      setSnapshot(next);
      setChangedSheet(null);
      return next;
    } catch (error) {
      setFailure(toFailure(error, snapshotRef.current?.sheetName));
      setFocusTarget({ target: "failure" });
      return null;
    } finally {
      setReading(false);
    }
  }, [host]);

  // Start: restore what was remembered, then read the active sheet.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const stored = await host.loadState();
        if (stored && !cancelled) {
          setOutput({ mode: stored.output.mode, chart: { ...DEFAULT_CHART_OPTIONS, ...stored.output.chart } });
          // Without a sheet name (older state) the settings are tried on whichever sheet is active.
          if (stored.sheetName) setSettingsBySheet({ [stored.sheetName]: stored.settings });
          else pendingUnnamedSettings.current = stored.settings;
        }
      } catch (error) {
        if (!cancelled) setFailure(toFailure(error, undefined));
      }
      if (!cancelled) {
        const first = await read();
        const unnamed = pendingUnnamedSettings.current;
        if (first && unnamed) setSettingsBySheet((all) => ({ ...all, [first.sheetName]: all[first.sheetName] ?? unnamed }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [host, read]);

  // Sheet events: re-detect on another sheet; re-detect on selection only while nothing was found
  // (the user is pointing at their table); an edit of the register only raises a notice.
  useEffect(() => {
    let selectionTimer: ReturnType<typeof setTimeout> | undefined;
    let changeTimer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = host.onSheetEvent((event: SheetEvent) => {
      if (applyingRef.current) return; // our own writes
      const current = snapshotRef.current;
      if (event.kind === "activated") {
        if (!current || current.sheetName !== event.sheetName) void read();
      } else if (event.kind === "selection-changed") {
        if (outcomeKindRef.current !== "analysis") {
          clearTimeout(selectionTimer);
          selectionTimer = setTimeout(() => void read(), SELECTION_DEBOUNCE_MS);
        }
      } else if (event.kind === "data-changed" && current && current.sheetName === event.sheetName) {
        // Edits come in bursts (paste, fill), and Excel may report our own writes after the apply
        // finished: compare with what the pane analysed before saying the register changed.
        clearTimeout(changeTimer);
        changeTimer = setTimeout(() => void confirmChange(event.sheetName), CHANGE_DEBOUNCE_MS);
      }
    });
    const confirmChange = async (changed: string) => {
      const seen = snapshotRef.current;
      if (!seen || seen.sheetName !== changed || applyingRef.current) return;
      let differs = true;
      try {
        const now = await host.readActiveSheet();
        if (now.sheetName === changed) differs = JSON.stringify(now.values) !== JSON.stringify(seen.values);
      } catch {
        // Could not look: say it may have changed rather than stay silent.
      }
      if (differs && snapshotRef.current === seen && !applyingRef.current) {
        setChangedSheet(changed);
        setAnnouncement(p("changed.title"));
      }
    };
    return () => {
      clearTimeout(selectionTimer);
      clearTimeout(changeTimer);
      unsubscribe();
    };
  }, [host, read, p]);

  // Announce what was found after each read or correction.
  useEffect(() => {
    if (applyingRef.current) return; // the apply's own progress is being announced
    if (outcome?.kind === "analysis") {
      setAnnouncement(p("register.announceFound", { sheet: outcome.analysis.location.sheetName, count: outcome.analysis.partners.count }));
    } else if (outcome?.kind === "register-error") {
      setAnnouncement(p("nothing.title"));
    }
  }, [outcome, p]);

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.target === "result") resultHeadingRef.current?.focus();
    else failureRef.current?.focus();
  }, [focusTarget]);

  // The line fields: a draft as typed, checked against the scales, committed after a short pause.
  const shownLineDraft = lineDraft ?? (analysis ? lineDraftOf(analysis, texts.locale) : null);
  const lineCheck = useMemo(
    () => (analysis && shownLineDraft ? checkLineDraft(shownLineDraft, analysis.influenceScale, analysis.dependencyScale, texts.locale) : null),
    [analysis, shownLineDraft, texts.locale],
  );
  useEffect(() => {
    if (!lineDraft || !lineCheck?.line || lineCheck.threshold === null) return;
    const line = lineCheck.line;
    const threshold = lineCheck.threshold;
    const timer = setTimeout(() => {
      updateSettings((current) => {
        const same =
          current.line?.atLowestDependency === line.atLowestDependency &&
          current.line?.atHighestDependency === line.atHighestDependency &&
          current.highDependencyAbove === threshold;
        return same ? current : { ...current, line, highDependencyAbove: threshold };
      });
    }, LINE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [lineDraft, lineCheck, updateSettings]);

  const onScaleDraft = (axis: "influence" | "dependency", draft: ScaleDraft) => {
    setScaleDrafts((all) => ({ ...all, [axis]: draft }));
    const scale = checkScaleDraft(draft);
    if (scale && analysis) {
      const current = axis === "influence" ? analysis.influenceScale : analysis.dependencyScale;
      updateSettings((s) => withScale(s, axis, scale, current));
      // The line follows the new scale unless the user typed one that still fits.
      setLineDraft(null);
    }
  };
  const scaleInvalid = {
    influence: scaleDrafts.influence ? checkScaleDraft(scaleDrafts.influence) === null : false,
    dependency: scaleDrafts.dependency ? checkScaleDraft(scaleDrafts.dependency) === null : false,
  };

  const onMapping = useCallback(
    (concept: ConceptKey, column: number | null) => updateSettings((s) => withMapping(s, concept, column)),
    [updateSettings],
  );
  const goals = useMemo(() => (analysis ? goalsOf(analysis) : []), [analysis]);

  const resetCorrections = () => {
    if (!sheetName) return;
    setSettingsBySheet((all) => ({ ...all, [sheetName]: {} }));
    setLineDraft(null);
    setScaleDrafts({});
  };

  const selectRow = async (row: number) => {
    if (!sheetName) return;
    try {
      await host.selectRow(sheetName, row);
    } catch (error) {
      setFailure(toFailure(error, sheetName));
      setFocusTarget({ target: "failure" });
    }
  };

  const runApply = async (target: SheetSnapshot, applySettings: AnalysisSettings) => {
    applyingRef.current = true;
    setFailure(null);
    setProgress({ fraction: 0, step: "reading" });
    setAnnouncement(p("apply.busy"));
    try {
      const applied = await host.apply(target, applySettings, { ...output, language }, (step) => {
        setProgress(step);
        setAnnouncement(p(`apply.step.${step.step}`));
      });
      setResult(applied);
      setResultPlacement(output.chart.placement);
      setChangedSheet(null);
      setAnnouncement(p("result.announce", { count: applied.summary.total.count, sheet: applied.sheetName }));
      // Remembered only after a successful apply: saving changes the workbook, and the user asked for that now.
      await host.saveState({ version: 1, settings: applySettings, output, sheetName: target.sheetName });
      // The sheet now holds our columns: the next apply must compare against what is there now.
      const fresh = await host.readActiveSheet();
      if (fresh.sheetName === target.sheetName) setSnapshot(fresh);
      setFocusTarget({ target: "result" });
    } catch (error) {
      // After a successful write, a failure to remember or re-read is shown too; the result stays.
      // The failure bar is an alert and takes focus, so it is announced by itself.
      setFailure(toFailure(error, target.sheetName));
      setFocusTarget({ target: "failure" });
    } finally {
      applyingRef.current = false;
      setProgress(null);
    }
  };

  const onApply = async () => {
    if (!snapshot || !analysis || !lineCheck) return;
    if (!lineCheck.line || lineCheck.threshold === null || scaleInvalid.influence || scaleInvalid.dependency) {
      setAnnouncement(p("apply.fixFirst"));
      return;
    }
    // Apply exactly what the fields show, even if the debounce has not caught up yet.
    const applySettings: AnalysisSettings = lineDraft ? { ...settings, line: lineCheck.line, highDependencyAbove: lineCheck.threshold } : settings;
    if (lineDraft) updateSettings(() => applySettings);
    await runApply(snapshot, applySettings);
  };

  const onReanalyseAndApply = async () => {
    const fresh = await read();
    if (!fresh) return;
    const freshOutcome = analyse(fresh, settingsBySheet[fresh.sheetName] ?? {});
    if (freshOutcome.kind !== "analysis") return; // the pane now shows why
    await runApply(fresh, settingsBySheet[fresh.sheetName] ?? {});
  };

  const applying = progress !== null;
  const invalidInput = !lineCheck?.line || scaleInvalid.influence || scaleInvalid.dependency;
  const hasCorrections = Object.keys(settings).length > 0;
  const skipped = analysis?.skipped ?? result?.skipped ?? [];

  return (
    <main className={styles.root} aria-busy={reading || applying}>
      <h1>{p("app.title")}</h1>
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {announcement}
      </div>

      {failure && <FailureBar ref={failureRef} failure={failure} fallbackSheet={sheetName} onDismiss={() => setFailure(null)} />}

      {changedSheet && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{p("changed.title")}</MessageBarTitle>
            {p("changed.body", { sheet: changedSheet })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void read()}>{p("changed.reanalyse")}</Button>
            <Button onClick={() => void onReanalyseAndApply()} disabled={applying}>
              {p("changed.reapply")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {reading && !snapshot && <Spinner size="small" label={p("app.loading")} />}

      {outcome?.kind === "crash" && !failure && (
        <FailureBar failure={outcome.failure} fallbackSheet={sheetName} onDismiss={() => void read()} />
      )}

      {outcome?.kind === "register-error" && snapshot && (
        <NothingFound
          error={outcome.error}
          sheetName={snapshot.sheetName}
          hasCorrections={hasCorrections}
          onReanalyse={() => void read()}
          onResetCorrections={resetCorrections}
        />
      )}

      {outcome?.kind === "analysis" && shownLineDraft && lineCheck && (
        <>
          <RegisterSummary analysis={outcome.analysis} ownColumns={ownColumns} onReanalyse={() => void read()} />
          <NoticesSection warnings={outcome.analysis.warnings} />
          <MappingSection analysis={outcome.analysis} headers={outcome.headers} onChange={onMapping} />
          <ScaleSection analysis={outcome.analysis} drafts={scaleDrafts} onDraft={onScaleDraft} invalid={scaleInvalid} />
          <LineSection
            analysis={outcome.analysis}
            draft={shownLineDraft}
            check={lineCheck}
            chart={output.chart}
            onDraft={setLineDraft}
            previewAnalysis={outcome.analysis}
          />
          <OptionsSection output={output} goals={goals} onChange={setOutput} />
          <section aria-labelledby="apply-heading" className={styles.stack}>
            <h2 id="apply-heading" className={styles.visuallyHidden}>
              {p("apply.button")}
            </h2>
            <div>
              <Button appearance="primary" onClick={() => void onApply()} disabled={applying} aria-describedby={invalidInput ? "apply-fix-first" : undefined}>
                {applying ? p("apply.busy") : result ? p("apply.again") : p("apply.button")}
              </Button>
            </div>
            {invalidInput && (
              <span id="apply-fix-first" className={styles.visuallyHidden}>
                {p("apply.fixFirst")}
              </span>
            )}
            {progress && (
              <Field label={p("apply.progress")} validationMessage={p(`apply.step.${progress.step}`)} validationState="none">
                <ProgressBar value={progress.fraction} max={1} />
              </Field>
            )}
          </section>
        </>
      )}

      {result && <ResultSection ref={resultHeadingRef} result={result} chartPlacement={resultPlacement} snapshot={snapshot} />}

      <SkippedSection
        skipped={skipped}
        scales={analysis ? { influence: analysis.influenceScale, dependency: analysis.dependencyScale } : null}
        onSelectRow={(row) => void selectRow(row)}
      />
    </main>
  );
}
