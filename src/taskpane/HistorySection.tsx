/**
 * Assessments over time (issue 19), loaded only when the pane shows it: record the register as a
 * dated, labelled assessment on the history sheet (asking before replacing one), and compare the
 * register with a recorded one: who moved, who changed strategy, who is new, gone or ambiguous.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, Checkbox, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { assessmentOf, compareAssessments, defaultComparison, isIsoDate, type AssessedPartner, type Assessment, type PartnerRename } from "../core/history";
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

export function HistorySection({ host, snapshot, analysis, settings, today, inRegister = null, onInRegisterChange }: HistorySectionProps) {
  const { p, language } = useTexts();
  const h = (key: HistoryPaneKey, params?: Record<string, string | number>) => historyPaneText(language, key, params);
  const styles = useStyles();
  const { history, renames, setRenames, reload } = useRecordedHistory(host);
  const [date, setDate] = useState(today);
  const [label, setLabel] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);

  const record = async (replace: boolean) => {
    setConfirming(false);
    setBusy(true);
    try {
      const outcome = await host.recordAssessment!(snapshot, settings, date, label.trim(), replace);
      if (!outcome.recorded) setConfirming(true);
      else {
        setMessage({ intent: "success", text: p("history.recorded", { rows: outcome.rows }) });
        await reload();
      }
    } catch (error) {
      setMessage({ intent: "error", text: p("history.failed", { details: failureDetails(error, language) }) });
    } finally {
      setBusy(false);
    }
  };

  const link = async (rename: PartnerRename) => {
    setBusy(true);
    try {
      setRenames(await host.linkRename!(rename));
      setMessage({ intent: "success", text: h("history.link.done", { current: rename.currentName, earlier: rename.earlierName }) });
    } catch (error) {
      setMessage({ intent: "error", text: h("history.link.failed", { details: failureDetails(error, language) }) });
    } finally {
      setBusy(false);
    }
  };

  const problem = !isIsoDate(date) ? p("history.dateInvalid") : label.trim() === "" ? p("history.labelNeeded") : null;
  const { earlier, choose } = useEarlierChoice(history, today, inRegister, onInRegisterChange);
  const comparison = useMemo(() => (earlier ? compareAssessments(earlier, assessmentOf(analysis, today, ""), renames) : null), [earlier, analysis, today, renames]);

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
      {history === null && <Text>{p("history.loading")}</Text>}
      {history?.length === 0 && <Text>{p("history.none")}</Text>}
      {history && earlier && comparison && (
        <ComparisonView
          {...{ history, earlier, comparison, inRegister, onInRegisterChange, busy }}
          selectClassName={styles.select}
          onChoose={choose}
          onLink={host.linkRename ? (rename) => void link(rename) : undefined}
        />
      )}
    </div>
  );
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
  history: Assessment[] | null,
  today: string,
  inRegister: { date: string; label: string } | null,
  onInRegisterChange: HistorySectionProps["onInRegisterChange"],
) {
  const [chosen, setChosen] = useState<string | null>(null);
  const earlier = useMemo(() => {
    if (!history || history.length === 0) return null;
    return history.find((a) => keyOf(a) === chosen) ?? defaultComparison(history, today) ?? history[history.length - 1];
  }, [history, chosen, today]);
  // A live comparison kept from an earlier session is shown as chosen; one no longer recorded is dropped, so an apply never asks for it.
  useEffect(() => {
    if (!history || !inRegister || !onInRegisterChange) return;
    const kept = history.find((a) => a.date === inRegister.date && a.label === inRegister.label);
    if (kept) setChosen(keyOf(kept));
    else onInRegisterChange(null);
  }, [history, inRegister, onInRegisterChange]);
  const choose = (key: string) => {
    setChosen(key);
    const next = history?.find((a) => keyOf(a) === key);
    if (next && inRegister && onInRegisterChange) onInRegisterChange({ date: next.date, label: next.label });
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
  history: Assessment[];
  earlier: Assessment;
  comparison: ReturnType<typeof compareAssessments>;
  inRegister: { date: string; label: string } | null;
  onInRegisterChange?: (choice: { date: string; label: string } | null) => void;
  busy: boolean;
  selectClassName: string;
  onChoose: (key: string) => void;
  /** Absent when the host cannot link renames. */
  onLink?: (rename: PartnerRename) => void;
}

/** The chosen earlier assessment and how the register compares with it. */
function ComparisonView({ history, earlier, comparison, inRegister, onInRegisterChange, busy, selectClassName, onChoose, onLink }: ComparisonViewProps) {
  const { p, language } = useTexts();
  const h = (key: HistoryPaneKey, params?: Record<string, string | number>) => historyPaneText(language, key, params);
  const list = (partners: readonly AssessedPartner[]) => partners.map((x) => p("history.row", { partner: x.partner, row: x.row })).join(", ");
  return (
    <>
      <Field label={p("history.compareWith")} className={selectClassName}>
        <Select value={keyOf(earlier)} onChange={(_, data) => onChoose(data.value)}>
          {history.map((a) => (
            <option key={keyOf(a)} value={keyOf(a)}>
              {`${a.date} – ${a.label}`}
            </option>
          ))}
        </Select>
      </Field>
      {onInRegisterChange && (
        <Checkbox
          checked={inRegister !== null}
          label={h("history.inRegister")}
          onChange={(_, data) => onInRegisterChange(data.checked === true ? { date: earlier.date, label: earlier.label } : null)}
        />
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
