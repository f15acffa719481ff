/**
 * Assessments over time (issue 19), loaded only when the pane shows it: record the register as a
 * dated, labelled assessment on the history sheet (asking before replacing one), and compare the
 * register with a recorded one: who moved, who changed strategy, who is new, gone or ambiguous.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, Checkbox, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { assessmentOf, compareAssessments, defaultComparison, isIsoDate, yearAssessments, type AssessedPartner, type Assessment, type PartnerRename } from "../core/history";
import { isHostFailure, type Language, type WorkbookHost } from "../core/host";
import { foreignTargetMessage } from "../core/plan";
import type { Analysis, AnalysisSettings, SheetSnapshot } from "../core/types";
import { useTexts } from "./i18n";
import { historyPaneText, type HistoryPaneKey } from "./i18n/history";
import { RenameLink } from "./RenameLink";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  select: { minWidth: 0, maxWidth: "100%", "& select": { minWidth: 0, maxWidth: "100%" } },
});

export interface HistorySectionProps {
  host: WorkbookHost;
  snapshot: SheetSnapshot;
  analysis: Analysis;
  settings: AnalysisSettings;
  /** yyyy-mm-dd; the pane passes today. */
  today: string;
  /** The assessment the next apply compares the register with live (OutputOptions.comparison), if any. */
  inRegister?: { date: string; label: string } | null;
  onInRegisterChange?: (choice: { date: string; label: string } | null) => void;
}

const keyOf = (a: Assessment) => `${a.date} ${a.label}`;

/**
 * An assessment the register can be compared with: one recorded on the history sheet, or an earlier
 * year the register keeps as columns ("Invloed 2025" beside "Invloed 2026"). A year's columns are
 * compared in the pane as they are; to show them in the register they are recorded first (the live
 * columns read the history table), with the settings that analyse the register as it was that year.
 */
interface Comparable {
  key: string;
  assessment: Assessment;
  yearSettings: AnalysisSettings | null;
}

/** The recorded assessments and the register's earlier years not recorded under their own date and label, by date. */
function comparables(recorded: readonly Assessment[] | null, snapshot: SheetSnapshot, analysis: Analysis, settings: AnalysisSettings): Comparable[] | null {
  if (recorded === null) return null;
  const recordedKeys = new Set(recorded.map(keyOf));
  const years = yearAssessments(snapshot, analysis, settings)
    .filter((y) => !recordedKeys.has(keyOf(y.assessment)))
    .map((y) => ({ key: `columns ${keyOf(y.assessment)}`, assessment: y.assessment, yearSettings: y.settings }));
  const all = [...years, ...recorded.map((a) => ({ key: keyOf(a), assessment: a, yearSettings: null }))];
  // Stable: recorded ones keep their order among the same date.
  return all.sort((a, b) => (a.assessment.date < b.assessment.date ? -1 : a.assessment.date > b.assessment.date ? 1 : 0));
}

export function HistorySection({ host, snapshot, analysis, settings, today, inRegister = null, onInRegisterChange }: HistorySectionProps) {
  const { p, language } = useTexts();
  const h = (key: HistoryPaneKey, params?: Record<string, string | number>) => historyPaneText(language, key, params);
  const styles = useStyles();
  const { history, renames, setRenames, reload } = useRecordedHistory(host);
  const [date, setDate] = useState(today);
  const [label, setLabel] = useState("");
  const [confirming, setConfirming] = useState(false);
  const { busy, message, run } = useAction(language);
  const recorded = (rows: number): Message => ({ intent: "success", text: p("history.recorded", { rows }) });
  const failed = (details: string) => p("history.failed", { details });

  const record = (replace: boolean) => {
    setConfirming(false);
    return run(async () => {
      const outcome = await host.recordAssessment!(snapshot, settings, date, label.trim(), replace);
      if (!outcome.recorded) {
        setConfirming(true);
        return null;
      }
      await reload();
      return recorded(outcome.rows);
    }, failed);
  };
  const link = (rename: PartnerRename) =>
    run(async () => {
      setRenames(await host.linkRename!(rename));
      return { intent: "success", text: h("history.link.done", { current: rename.currentName, earlier: rename.earlierName }) };
    }, (details) => h("history.link.failed", { details }));
  const recordYear = ({ assessment, yearSettings }: Comparable) =>
    run(async () => {
      const outcome = await host.recordAssessment!(snapshot, yearSettings!, assessment.date, assessment.label, false);
      await reload();
      return outcome.recorded ? recorded(outcome.rows) : { intent: "error", text: h("history.year.exists", { label: assessment.label }) };
    }, failed);

  const problem = !isIsoDate(date) ? p("history.dateInvalid") : label.trim() === "" ? p("history.labelNeeded") : null;
  const choices = useMemo(() => comparables(history, snapshot, analysis, settings), [history, snapshot, analysis, settings]);
  const { earlier, choose } = useEarlierChoice(choices, today, inRegister, onInRegisterChange);
  const comparison = useMemo(() => (earlier ? compareAssessments(earlier.assessment, assessmentOf(analysis, today, ""), renames) : null), [earlier, analysis, today, renames]);

  return (
    <div className={styles.stack}>
      <RecordForm
        {...{ date, label, problem, busy, confirming }}
        canRecord={host.recordAssessment !== undefined}
        onDateChange={setDate}
        onLabelChange={setLabel}
        onRecord={(replace) => void record(replace)}
        onCancelReplace={() => setConfirming(false)}
      />
      {message && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {choices === null && <Text>{p("history.loading")}</Text>}
      {choices?.length === 0 && <Text>{p("history.none")}</Text>}
      {choices && earlier && comparison && (
        <ComparisonView
          {...{ choices, earlier, comparison, inRegister, onInRegisterChange, busy }}
          selectClassName={styles.select}
          onChoose={choose}
          onRecordYear={() => void recordYear(earlier)}
          onLink={host.linkRename ? (rename) => void link(rename) : undefined}
        />
      )}
    </div>
  );
}

type Message = { intent: "success" | "error"; text: string };

/** One action at a time: busy while it runs, then its message, or its failure's in the user's words. */
function useAction(language: Language) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const run = async (action: () => Promise<Message | null>, failure: (details: string) => string) => {
    setBusy(true);
    try {
      const outcome = await action();
      if (outcome) setMessage(outcome);
    } catch (error) {
      setMessage({ intent: "error", text: failure(failureDetails(error, language)) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}

/** The recorded assessments and rename links, read when the section opens and after each change. */
function useRecordedHistory(host: WorkbookHost) {
  const [history, setHistory] = useState<Assessment[] | null>(null);
  const [renames, setRenames] = useState<PartnerRename[]>([]);
  const reload = useCallback(async () => {
    const [read, links] = await Promise.all([host.readHistory?.() ?? [], host.readRenames?.() ?? []]);
    setHistory(read);
    setRenames(links);
    return read;
  }, [host]);
  useEffect(() => {
    void reload().catch(() => setHistory([]));
  }, [reload]);
  return { history, renames, setRenames, reload };
}

/** The earlier assessment to compare with: the one chosen, else the default for today. */
function useEarlierChoice(
  choices: Comparable[] | null,
  today: string,
  inRegister: { date: string; label: string } | null,
  onInRegisterChange: HistorySectionProps["onInRegisterChange"],
) {
  const [chosen, setChosen] = useState<string | null>(null);
  const earlier = useMemo(() => {
    if (!choices || choices.length === 0) return null;
    const byDefault = defaultComparison(
      choices.map((c) => c.assessment),
      today,
    );
    return choices.find((c) => c.key === chosen) ?? choices.find((c) => c.assessment === byDefault) ?? choices[choices.length - 1];
  }, [choices, chosen, today]);
  // A live comparison kept from an earlier session is shown as chosen; one no longer recorded is dropped, so an apply never asks for it.
  useEffect(() => {
    if (!choices || !inRegister || !onInRegisterChange) return;
    const kept = choices.find((c) => c.yearSettings === null && c.assessment.date === inRegister.date && c.assessment.label === inRegister.label);
    if (kept) setChosen(kept.key);
    else onInRegisterChange(null);
  }, [choices, inRegister, onInRegisterChange]);
  const choose = (key: string) => {
    setChosen(key);
    const next = choices?.find((c) => c.key === key);
    if (!next || !inRegister || !onInRegisterChange) return;
    // Only a recorded assessment can be shown in the register.
    onInRegisterChange(next.yearSettings === null ? { date: next.assessment.date, label: next.assessment.label } : null);
  };
  return { earlier, choose };
}

function failureDetails(error: unknown, language: Language): string {
  return isHostFailure(error) ? (error.target ? foreignTargetMessage(language, error.target) : error.details) : String(error);
}

interface RecordFormProps {
  date: string;
  label: string;
  /** Why the date and label cannot be recorded yet, or null. */
  problem: string | null;
  busy: boolean;
  confirming: boolean;
  canRecord: boolean;
  onDateChange: (date: string) => void;
  onLabelChange: (label: string) => void;
  onRecord: (replace: boolean) => void;
  onCancelReplace: () => void;
}

/** Date, label and the record button; asks before replacing an assessment of the same date and label. */
function RecordForm({ date, label, problem, busy, confirming, canRecord, onDateChange, onLabelChange, onRecord, onCancelReplace }: RecordFormProps) {
  const { p } = useTexts();
  return (
    <>
      <Field label={p("history.date")} validationMessage={problem === p("history.dateInvalid") ? problem : undefined}>
        <Input value={date} onChange={(_, data) => onDateChange(data.value)} />
      </Field>
      <Field label={p("history.label")}>
        <Input value={label} onChange={(_, data) => onLabelChange(data.value)} />
      </Field>
      <Button appearance="primary" disabled={busy || problem !== null || !canRecord} onClick={() => onRecord(false)}>
        {p("history.record")}
      </Button>
      {confirming && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{p("history.replace.title", { date, label: label.trim() })}</MessageBarTitle>
            {p("history.replace.body")}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => onRecord(true)}>{p("history.replace.confirm")}</Button>
            <Button onClick={onCancelReplace}>{p("history.replace.cancel")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}

interface ComparisonViewProps {
  choices: Comparable[];
  earlier: Comparable;
  comparison: ReturnType<typeof compareAssessments>;
  inRegister: { date: string; label: string } | null;
  onInRegisterChange?: (choice: { date: string; label: string } | null) => void;
  busy: boolean;
  selectClassName: string;
  onChoose: (key: string) => void;
  /** Records the chosen year's columns on the history sheet, so the register can show the comparison. */
  onRecordYear: () => void;
  /** Absent when the host cannot link renames. */
  onLink?: (rename: PartnerRename) => void;
}

/** The chosen earlier assessment and how the register compares with it. */
function ComparisonView({ choices, earlier, comparison, inRegister, onInRegisterChange, busy, selectClassName, onChoose, onRecordYear, onLink }: ComparisonViewProps) {
  const { p, language } = useTexts();
  const h = (key: HistoryPaneKey, params?: Record<string, string | number>) => historyPaneText(language, key, params);
  const list = (partners: readonly AssessedPartner[]) => partners.map((x) => p("history.row", { partner: x.partner, row: x.row })).join(", ");
  return (
    <>
      <Field label={p("history.compareWith")} className={selectClassName}>
        <Select value={earlier.key} onChange={(_, data) => onChoose(data.value)}>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.yearSettings === null ? `${c.assessment.date} – ${c.assessment.label}` : h("history.year.option", { label: c.assessment.label })}
            </option>
          ))}
        </Select>
      </Field>
      {onInRegisterChange && earlier.yearSettings === null && (
        <Checkbox
          checked={inRegister !== null}
          label={h("history.inRegister")}
          onChange={(_, data) => onInRegisterChange(data.checked === true ? { date: earlier.assessment.date, label: earlier.assessment.label } : null)}
        />
      )}
      {earlier.yearSettings !== null && (
        <Button disabled={busy} onClick={onRecordYear}>
          {h("history.year.record", { label: earlier.assessment.label, date: earlier.assessment.date })}
        </Button>
      )}
      <Text>
        {p("history.compare.summary", {
          moved: comparison.movements.filter((m) => !m.unchanged).length,
          matched: comparison.movements.length,
          changed: comparison.movements.filter((m) => m.strategyChanged).length,
          asAdvised: comparison.movements.filter((m) => m.movedAsAdvised === true).length,
        })}
      </Text>
      {comparison.matching.added.length > 0 && <Text>{p("history.added", { list: list(comparison.matching.added) })}</Text>}
      {comparison.matching.gone.length > 0 && <Text>{p("history.gone", { list: list(comparison.matching.gone) })}</Text>}
      {onLink && (
        <RenameLink
          newNames={comparison.matching.added.map((x) => x.partner)}
          goneNames={comparison.matching.gone.map((x) => x.partner)}
          busy={busy}
          className={selectClassName}
          onLink={onLink}
        />
      )}
      {comparison.matching.ambiguous.length > 0 && (
        <Text>{p("history.ambiguous", { list: comparison.matching.ambiguous.map((a) => list(a.current)).join(", ") })}</Text>
      )}
    </>
  );
}
