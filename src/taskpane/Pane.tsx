import { useEffect, useMemo, useRef } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { WorkbookHost } from "../core/host";
import type { Analysis, HeaderCellInfo } from "../core/types";
import { ownOutputColumns } from "../core/locate";
import { FailureBar } from "./FailureBar";
import { useLineDraft, useSession, useSheetEvents, type LineDraftState, type Session } from "./hooks";
import { useTexts } from "./i18n";
import { columnsToCheck, formatUserNumber, goalsOf, scalesNeedLook } from "./model";
import { NoticesSection, SkippedSection } from "./RegisterNotes";
import { lazyPart } from "./lazyPart";
import { Section } from "./Section";
import { NothingFound, SummaryCard } from "./SummaryCard";

// Not needed for the first screen: loaded when a section is opened or after the first apply.
const LineEditor = lazyPart(() => import("./LineEditor").then((m) => m.LineEditor));
const MappingSection = lazyPart(() => import("./RegisterSections").then((m) => m.MappingSection));
const ScaleSection = lazyPart(() => import("./RegisterSections").then((m) => m.ScaleSection));
const OptionsSection = lazyPart(() => import("./OptionsSection").then((m) => m.OptionsSection));
const ResultSection = lazyPart(() => import("./ResultSection").then((m) => m.ResultSection));
const HistorySection = lazyPart(() => import("./HistorySection").then((m) => m.HistorySection));

/** Today as yyyy-mm-dd in the user's own time zone. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
const PartnerSection = lazyPart(() => import("./PartnerSection").then((m) => m.PartnerSection));

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    // Words wrap between words only: the pane is narrow, Dutch words are long.
    overflowWrap: "normal",
    wordBreak: "normal",
    "& h1": { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
    "& h2": { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
    "& h3": { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  },
  visuallyHidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
});

/** The pane: renders what the session, sheet-events and line-draft hooks hold; no state of its own. */
export function Pane({ host }: { host: WorkbookHost }) {
  const texts = useTexts();
  const { p, locale } = texts;
  const styles = useStyles();
  const session = useSession(host);
  useSheetEvents(host, session);
  const line = useLineDraft(session, locale);
  const { state, analysis, settings } = session;
  const { phase, snapshot, outcome, failure } = state;
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.focus?.target === "failure") failureRef.current?.focus();
  }, [state.focus]);

  const applying = phase === "applying";
  const sheetName = snapshot?.sheetName ?? null;
  const announcement = state.announcement ? p(state.announcement.key, state.announcement.params) : "";

  return (
    <main className={styles.root} aria-busy={phase === "reading" || applying}>
      <h1>{p("app.title")}</h1>
      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {announcement}
      </div>

      {failure && <FailureBar ref={failureRef} failure={failure} fallbackSheet={sheetName} onDismiss={() => session.dispatch({ type: "failure-dismissed" })} />}

      <SessionBars
        cancelledOn={state.cancelledOn}
        changedSheet={state.changedSheet}
        applying={applying}
        onDismiss={() => session.dispatch({ type: "failure-dismissed" })}
        onReanalyse={() => void session.read()}
        onReapply={() => void session.reanalyseAndApply()}
      />

      {phase === "reading" && !snapshot && <Text>{p("app.loading")}</Text>}

      {outcome?.kind === "crash" && !failure && <FailureBar failure={outcome.failure} fallbackSheet={sheetName} onDismiss={() => void session.read()} />}

      {outcome?.kind === "register-error" && snapshot && (
        <NothingFound
          error={outcome.error}
          sheetName={snapshot.sheetName}
          hasCorrections={Object.keys(settings).length > 0}
          onReanalyse={() => void session.read()}
          onResetCorrections={session.resetCorrections}
        />
      )}

      {analysis && line && (line.check.line ?? analysis.line) && <AnalysisView host={host} session={session} analysis={analysis} line={line} />}
    </main>
  );
}

interface SessionBarsProps {
  /** The sheet whose apply the user cancelled, or null. */
  cancelledOn: string | null;
  /** The sheet that changed since it was read, or null. */
  changedSheet: string | null;
  applying: boolean;
  onDismiss: () => void;
  onReanalyse: () => void;
  onReapply: () => void;
}

/** A cancelled apply, and a register that changed since the pane read it. */
function SessionBars({ cancelledOn, changedSheet, applying, onDismiss, onReanalyse, onReapply }: SessionBarsProps) {
  const { p } = useTexts();
  return (
    <>
      {cancelledOn !== null && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{p("apply.cancelled", { sheet: cancelledOn })}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={onDismiss}>{p("failure.dismiss")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {changedSheet && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{p("changed.title")}</MessageBarTitle>
            {p("changed.body", { sheet: changedSheet })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onReanalyse}>{p("changed.reanalyse")}</Button>
            <Button onClick={onReapply} disabled={applying}>
              {p("changed.reapply")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}

interface AnalysisViewProps {
  host: WorkbookHost;
  session: Session;
  analysis: Analysis;
  line: LineDraftState;
}

/** Everything shown once a register is analysed: the summary, the last apply's result and the sections. */
function AnalysisView({ host, session, analysis, line }: AnalysisViewProps) {
  const { p } = useTexts();
  const { state, settings } = session;
  const { phase, snapshot, outcome, applied } = state;
  const ownColumns = useMemo(() => ownOutputColumns(snapshot), [snapshot]);
  const goals = useMemo(() => goalsOf(analysis), [analysis]);
  const applying = phase === "applying";
  const blocked = line.settingsToApply() === null;
  const { onApply, onWriteValues } = applyActions(session, line);
  const sheetName = snapshot?.sheetName ?? null;
  const shownLine = line.check.line ?? analysis.line;

  return (
    <>
      <SummaryCard
        analysis={analysis}
        ownColumns={ownColumns}
        figures={line.live?.placement.summary ?? analysis.summary}
        line={{ atLowest: shownLine.atLowestDependency, atHighest: shownLine.atHighestDependency }}
        applying={applying}
        progress={state.progress}
        applied={applied !== null}
        blockedReason={blocked ? p("apply.fixFirst") : null}
        onApply={onApply}
        onCancel={session.cancelApply}
        onReanalyse={() => void session.read()}
      />

      {applied && (
        <ResultSection
            result={applied.result}
            chartPlacement={applied.placement}
            snapshot={snapshot}
            changes={applied.changes}
            applying={applying}
            onWriteValues={onWriteValues}
            focusRequest={state.focus?.target === "result" ? state.focus.seq : null}
          />
      )}

      <RegisterSections
        analysis={analysis}
        line={line}
        sheetName={sheetName}
        headers={outcome?.kind === "analysis" ? outcome.headers : []}
        sinceApplied={applied !== null}
        onChangeMapping={session.changeMapping}
        onSelectRow={(row) => void session.selectRow(row)}
      />

      <Section id="options" title={p("options.heading")}>
          <OptionsSection output={state.output} goals={goals} onChange={session.changeOutput} />
      </Section>

      {host.recordAssessment && snapshot && (
        <Section id="history" title={p("history.heading")}>
          <HistorySection
            fallback={<Text>{p("history.loading")}</Text>}
            host={host}
            snapshot={snapshot}
            analysis={analysis}
            settings={line.settingsToApply() ?? settings}
            today={localToday()}
            inRegister={state.output.comparison ?? null}
            onInRegisterChange={(comparison) => session.changeOutput({ ...state.output, comparison })}
          />
        </Section>
      )}
      {(host.makePartnerPages || host.checkBeforeSharing) && (
        <Section id="partner" title={p("partner.heading")}>
          <PartnerSection host={host} analysis={analysis} today={localToday()} />
        </Section>
      )}
    </>
  );
}

/** Apply, and apply as values, with the line being edited; a line that cannot be applied is announced instead. */
function applyActions(session: Session, line: LineDraftState) {
  const onApply = () => {
    const applySettings = line.settingsToApply();
    if (!applySettings) {
      session.dispatch({ type: "announce", announcement: { key: "apply.fixFirst" } });
      return;
    }
    void session.apply(applySettings);
  };

  const onWriteValues = () => {
    const applySettings = line.settingsToApply();
    if (applySettings) void session.applyAsValues(applySettings);
    else session.dispatch({ type: "announce", announcement: { key: "apply.fixFirst" } });
  };
  return { onApply, onWriteValues };
}

interface RegisterSectionsProps {
  analysis: Analysis;
  line: LineDraftState;
  sheetName: string | null;
  /** The register's headers, for choosing a column. */
  headers: HeaderCellInfo[];
  /** The register was applied in this session: the line editor compares with what was applied. */
  sinceApplied: boolean;
  onChangeMapping: Session["changeMapping"];
  onSelectRow: (row: number) => void;
}

/** The ambition line, how the register was read (columns, scales), its notes and its skipped rows. */
function RegisterSections({ analysis, line, sheetName, headers, sinceApplied, onChangeMapping, onSelectRow }: RegisterSectionsProps) {
  const { p, locale } = useTexts();
  const fmt = (n: number) => formatUserNumber(n, locale);
  const shownLine = line.check.line ?? analysis.line;
  return (
    <>
      <Section
        id="line"
        title={p("line.heading")}
        summary={p("line.summary", { atLowest: fmt(shownLine.atLowestDependency), atHighest: fmt(shownLine.atHighestDependency), threshold: fmt(line.check.threshold ?? analysis.highDependencyAbove) })}
        needsLook={Object.keys(line.check.problems).length > 0}
        resetKey={sheetName ?? ""}
      >
        <LineEditor
          fallback={<Text>{p("line.loading")}</Text>}
          analysis={analysis}
          draft={line.draft}
          check={line.check}
          live={line.live}
          sinceApplied={sinceApplied}
          onDraft={line.setDraft}
        />
      </Section>

      <Section id="mapping" title={p("mapping.heading")} needsLook={columnsToCheck(analysis).length > 0} resetKey={sheetName ?? ""}>
          <MappingSection analysis={analysis} headers={headers} onChange={onChangeMapping} />
      </Section>

      <Section id="scale" title={p("scale.heading")} needsLook={scalesNeedLook(analysis) || line.scaleInvalid.influence || line.scaleInvalid.dependency} resetKey={sheetName ?? ""}>
          <ScaleSection analysis={analysis} drafts={line.scaleDrafts} onDraft={line.setScaleDraft} invalid={line.scaleInvalid} />
      </Section>

      {analysis.warnings.length > 0 && (
        <Section id="notes" title={p("notes.heading")} needsLook={analysis.warnings.some((w) => w.code === "duplicate-partner")} resetKey={sheetName ?? ""}>
          <NoticesSection warnings={analysis.warnings} />
        </Section>
      )}

      {analysis.skipped.length > 0 && (
        <Section id="skipped" title={p("skipped.heading")}>
          <SkippedSection
            skipped={analysis.skipped}
            scales={{ influence: analysis.influenceScale, dependency: analysis.dependencyScale }}
            onSelectRow={onSelectRow}
          />
        </Section>
      )}
    </>
  );
}
