import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { SelfCheckReport } from "../core/host";
import { STRATEGY_KEYS, type StrategyKey } from "../core/types";
import { useTexts } from "./i18n";
import { selfCheckText, type SelfCheckMessageKey } from "./i18n/self-check";

/** Disagreeing rows listed one by one; the count says how many more there are. */
export const SHOWN_MISMATCHES = 5;

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: "normal", wordBreak: "normal" },
  row: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  cell: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`, textAlign: "start", verticalAlign: "top" },
  headerCell: { fontWeight: tokens.fontWeightSemibold },
  number: { textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

interface SelfCheckOutcomeProps {
  report: SelfCheckReport;
  /** An apply is running: the remedy waits for it. */
  applying: boolean;
  /** Apply again with plain values instead of formulas. */
  onWriteValues: () => void;
}

/**
 * What Excel computed in the written columns and summary against what the pane worked out (issue 15,
 * B): a quiet line when they agree; on a disagreement the rows, what Excel shows and what was expected,
 * and the offer to write values instead of formulas.
 */
export function SelfCheckOutcome({ report, applying, onWriteValues }: SelfCheckOutcomeProps) {
  const { p, c, locale, language } = useTexts();
  const s = (key: SelfCheckMessageKey, params?: Record<string, string | number>) => selfCheckText(language, key, params);
  const styles = useStyles();
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  const agrees = report.mismatchCount === 0 && report.summaryMismatches.length === 0;
  if (agrees) {
    return (
      <div className={styles.stack}>
        <h3>{s("selfCheck.heading")}</h3>
        <Text>{s("selfCheck.agrees", { checked: number(report.checkedRows) })}</Text>
        {report.checkedRows < report.totalRows && <Text>{s("selfCheck.partly", { checked: number(report.checkedRows), total: number(report.totalRows) })}</Text>}
      </div>
    );
  }
  const shown = report.mismatches.slice(0, SHOWN_MISMATCHES);
  const rowsWithMismatch = new Set(report.mismatches.map((m) => m.row));
  const differsText = () => {
    if (report.mismatchCount === 0) return s("selfCheck.differs.summaryOnly");
    // One row can disagree in both position and strategy: count rows, not cells, when all are listed.
    const rowCount = report.mismatches.length === report.mismatchCount ? rowsWithMismatch.size : report.mismatchCount;
    return rowCount === 1 ? s("selfCheck.differs.oneRow", { row: report.mismatches[0].row }) : s("selfCheck.differs.rows", { count: number(rowCount) });
  };
  // Counts as counts, money as euros; anything else (an error value) as Excel shows it.
  const measureText = (measure: "count" | "subsidy", text: string) => {
    const value = Number(text);
    if (text === "" || !Number.isFinite(value)) return shownText(text);
    return measure === "subsidy" ? new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 2 }).format(value) : number(value);
  };
  const more = report.mismatchCount - shown.length;
  const shownText = (text: string) => (text === "" ? s("selfCheck.empty") : text);
  const itemName = (key: string) => (isStrategy(key) ? c(`strategy.${key}`) : key === "above" || key === "below" ? p(`result.position.${key}`) : key);
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{s("selfCheck.differs.title")}</MessageBarTitle>
        <div className={styles.stack}>
          <Text>{differsText()}</Text>
          {shown.length > 0 && <MismatchTable mismatches={shown} shownText={shownText} />}
          {more > 0 && <Text>{s("selfCheck.moreRows", { count: number(more) })}</Text>}
          {report.summaryMismatches.length > 0 && (
            <ul className={styles.list}>
              {report.summaryMismatches.slice(0, SHOWN_MISMATCHES).map((m) => (
                <li key={`${m.key}-${m.measure}`}>
                  {s("selfCheck.summaryLine", { item: itemName(m.key), measure: s(`selfCheck.measure.${m.measure}`), excel: measureText(m.measure, m.excel), expected: measureText(m.measure, m.expected) })}
                </li>
              ))}
            </ul>
          )}
          <Text>{s("selfCheck.writeValuesHint")}</Text>
        </div>
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onWriteValues} disabled={applying}>
          {s("selfCheck.writeValues")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** The disagreeing cells: row, column, what Excel shows and what the pane expected. */
function MismatchTable({ mismatches, shownText }: { mismatches: SelfCheckReport["mismatches"]; shownText: (text: string) => string }) {
  const { language } = useTexts();
  const s = (key: SelfCheckMessageKey) => selfCheckText(language, key);
  const styles = useStyles();
  return (
    <table className={styles.table} aria-label={s("selfCheck.differs.title")}>
      <thead>
        <tr className={styles.row}>
          <th scope="col" className={mergeClasses(styles.cell, styles.headerCell, styles.number)}>{s("selfCheck.col.row")}</th>
          <th scope="col" className={mergeClasses(styles.cell, styles.headerCell)}>{s("selfCheck.col.column")}</th>
          <th scope="col" className={mergeClasses(styles.cell, styles.headerCell)}>{s("selfCheck.col.excel")}</th>
          <th scope="col" className={mergeClasses(styles.cell, styles.headerCell)}>{s("selfCheck.col.expected")}</th>
        </tr>
      </thead>
      <tbody>
        {mismatches.map((mismatch) => (
          <tr key={`${mismatch.row}-${mismatch.column}`} className={styles.row}>
            <td className={mergeClasses(styles.cell, styles.number)}>{mismatch.row}</td>
            <td className={styles.cell}>{s(`selfCheck.column.${mismatch.column}`)}</td>
            <td className={styles.cell}>{shownText(mismatch.excel)}</td>
            <td className={styles.cell}>{shownText(mismatch.expected)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function isStrategy(key: string): key is StrategyKey {
  return (STRATEGY_KEYS as readonly string[]).includes(key);
}
