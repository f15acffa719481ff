import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ApplyProgress } from "../core/host";
import type { Analysis, RegisterError, Summary } from "../core/types";
import { useTexts } from "./i18n";
import { columnsToCheck, formatUserNumber, registerAddress } from "./model";
import { skipReasonText } from "./RegisterNotes";

/** Skipped rows named one by one on the card; the rest are in the Skipped rows section. */
const SKIPPED_ON_CARD = 3;

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  check: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  progress: { width: "100%" },
  visuallyHidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
});

export function formatAmount(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
}

interface SummaryCardProps {
  analysis: Analysis;
  ownColumns: ReadonlySet<number>;
  /** The figures under the line as shown (the draft while the user drags it). */
  figures: Summary;
  line: { atLowest: number; atHighest: number };
  applying: boolean;
  progress: ApplyProgress | null;
  applied: boolean;
  /** Why Apply cannot run now (invalid line or scale values), or null. */
  blockedReason: string | null;
  onApply: () => void;
  /** Stops an apply that waits for Excel's cell edit mode. */
  onCancel: () => void;
  onReanalyse: () => void;
}

/**
 * The first screen: where the register is, how many partners, what was skipped and why, whether
 * the columns need a look, the line's outcome, and the primary action.
 */
export function SummaryCard({ analysis, ownColumns, figures, line, applying, progress, applied, blockedReason, onApply, onCancel, onReanalyse }: SummaryCardProps) {
  const texts = useTexts();
  const { p, locale } = texts;
  const styles = useStyles();
  const { location } = analysis;
  const address = registerAddress(analysis, ownColumns);
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const toCheck = columnsToCheck(analysis).length;
  const skipped = analysis.skipped;
  const scales = { influence: analysis.influenceScale, dependency: analysis.dependencyScale };
  return (
    <section aria-labelledby="register-heading" className={styles.card}>
      <h2 id="register-heading">{p("register.heading")}</h2>
      <Text>
        {location.tableName
          ? p("register.foundTable", { table: location.tableName, sheet: location.sheetName, address })
          : p("register.foundRange", { sheet: location.sheetName, address })}
      </Text>
      <Text>{p("register.partners", { count: number(analysis.partners.count) })}</Text>
      <Text className={toCheck > 0 ? styles.check : undefined}>
        {toCheck === 0 ? p("register.columnsRecognised") : toCheck === 1 ? p("register.checkColumn") : p("register.checkColumns", { count: toCheck })}
      </Text>
      {skipped.length === 0 ? (
        <Text>{p("register.noneSkipped")}</Text>
      ) : (
        <div>
          <Text id="card-skipped">{p("register.skippedCount", { count: number(skipped.length) })}</Text>
          <ul className={styles.list} aria-labelledby="card-skipped">
            {skipped.slice(0, SKIPPED_ON_CARD).map((row) => (
              <li key={`${row.row}-${row.reason}`}>{skipReasonText(texts, row, scales)}</li>
            ))}
            {skipped.length > SKIPPED_ON_CARD && <li>{p("register.moreSkipped", { count: number(skipped.length - SKIPPED_ON_CARD) })}</li>}
          </ul>
        </div>
      )}
      <Text>
        {p("register.lineSummary", {
          atLowest: formatUserNumber(line.atLowest, locale),
          atHighest: formatUserNumber(line.atHighest, locale),
          below: number(figures.byPosition.below.count),
          count: number(figures.total.count),
          amount: formatAmount(figures.byPosition.below.subsidy, locale),
        })}
      </Text>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={onApply} disabled={applying} aria-describedby={blockedReason ? "apply-blocked" : undefined}>
          {applying ? p("apply.busy") : applied ? p("apply.again") : p("apply.button")}
        </Button>
        <Button onClick={onReanalyse} disabled={applying}>
          {p("register.reread")}
        </Button>
      </div>
      {blockedReason && (
        <span id="apply-blocked" className={styles.visuallyHidden}>
          {blockedReason}
        </span>
      )}
      {progress?.step === "waiting-for-cell-edit" && (
        // On Windows a click in the pane does not end the edit (office-js #806, #3388): without this the wait looks like a hang.
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{p("apply.waiting.title")}</MessageBarTitle>
            {p("apply.step.waiting-for-cell-edit")}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onCancel}>{p("apply.cancel")}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {progress && progress.step !== "waiting-for-cell-edit" && (
        // A native progress element: the Fluent one would add its package to the first download for a few seconds of use.
        <label>
          <Text block>{`${p("apply.progress")}: ${p(`apply.step.${progress.step}`)}`}</Text>
          <progress className={styles.progress} value={progress.fraction} max={1} />
        </label>
      )}
    </section>
  );
}

interface NothingFoundProps {
  error: RegisterError;
  sheetName: string;
  hasCorrections: boolean;
  onReanalyse: () => void;
  onResetCorrections: () => void;
}

/** What to do when no register could be analysed: the core's reason, then how to fix it. */
export function NothingFound({ error, sheetName, hasCorrections, onReanalyse, onResetCorrections }: NothingFoundProps) {
  const { p, c } = useTexts();
  const { details } = error;
  const reason = c(`error.${error.code}`, {
    sheet: details.sheet ?? sheetName,
    concept: details.concept ? c(`concept.${details.concept}`) : "",
    row: details.row ?? "",
    column: details.column ?? "",
    detail: error.message,
  });
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{p("nothing.title")}</MessageBarTitle>
        <p>{reason}</p>
        <p>{p("nothing.help")}</p>
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onReanalyse}>{p("register.reread")}</Button>
        {hasCorrections && <Button onClick={onResetCorrections}>{p("nothing.resetCorrections")}</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}
