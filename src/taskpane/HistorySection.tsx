/**
 * Assessments over time (issue 19), loaded only when the pane shows it: record the register as a
 * dated, labelled assessment on the history sheet (asking before replacing one), and compare the
 * register with a recorded one: who moved, who changed strategy, who is new, gone or ambiguous.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { assessmentOf, compareAssessments, defaultComparison, isIsoDate, type AssessedPartner, type Assessment } from "../core/history";
import { isHostFailure, type WorkbookHost } from "../core/host";
import { foreignTargetMessage } from "../core/plan";
import type { Analysis, AnalysisSettings, SheetSnapshot } from "../core/types";
import { useTexts } from "./i18n";

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
}

const keyOf = (a: Assessment) => `${a.date} ${a.label}`;

export function HistorySection({ host, snapshot, analysis, settings, today }: HistorySectionProps) {
  const { p, language } = useTexts();
  const styles = useStyles();
  const [history, setHistory] = useState<Assessment[] | null>(null);
  const [date, setDate] = useState(today);
  const [label, setLabel] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);

  const reload = useCallback(async () => {
    const read = (await host.readHistory?.()) ?? [];
    setHistory(read);
    return read;
  }, [host]);
  useEffect(() => {
    void reload().catch(() => setHistory([]));
  }, [reload]);

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
      const details = isHostFailure(error) ? (error.target ? foreignTargetMessage(language, error.target) : error.details) : String(error);
      setMessage({ intent: "error", text: p("history.failed", { details }) });
    } finally {
      setBusy(false);
    }
  };

  const problem = !isIsoDate(date) ? p("history.dateInvalid") : label.trim() === "" ? p("history.labelNeeded") : null;
  const earlier = useMemo(() => {
    if (!history || history.length === 0) return null;
    return history.find((a) => keyOf(a) === chosen) ?? defaultComparison(history, today) ?? history[history.length - 1];
  }, [history, chosen, today]);
  const comparison = useMemo(() => (earlier ? compareAssessments(earlier, assessmentOf(analysis, today, "")) : null), [earlier, analysis, today]);
  const list = (partners: readonly AssessedPartner[]) => partners.map((x) => p("history.row", { partner: x.partner, row: x.row })).join(", ");

  return (
    <div className={styles.stack}>
      <Field label={p("history.date")} validationMessage={problem === p("history.dateInvalid") ? problem : undefined}>
        <Input value={date} onChange={(_, data) => setDate(data.value)} />
      </Field>
      <Field label={p("history.label")}>
        <Input value={label} onChange={(_, data) => setLabel(data.value)} />
      </Field>
      <Button appearance="primary" disabled={busy || problem !== null || !host.recordAssessment} onClick={() => void record(false)}>
        {p("history.record")}
      </Button>
      {confirming && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{p("history.replace.title", { date, label: label.trim() })}</MessageBarTitle>
            {p("history.replace.body")}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void record(true)}>{p("history.replace.confirm")}</Button>
            <Button onClick={() => setConfirming(false)}>{p("history.replace.cancel")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {message && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {history === null && <Text>{p("history.loading")}</Text>}
      {history?.length === 0 && <Text>{p("history.none")}</Text>}
      {history && earlier && comparison && (
        <>
          <Field label={p("history.compareWith")} className={styles.select}>
            <Select value={keyOf(earlier)} onChange={(_, data) => setChosen(data.value)}>
              {history.map((a) => (
                <option key={keyOf(a)} value={keyOf(a)}>
                  {`${a.date} – ${a.label}`}
                </option>
              ))}
            </Select>
          </Field>
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
          {comparison.matching.ambiguous.length > 0 && (
            <Text>{p("history.ambiguous", { list: comparison.matching.ambiguous.map((a) => list(a.current)).join(", ") })}</Text>
          )}
        </>
      )}
    </div>
  );
}
