import { forwardRef, useEffect, useMemo, useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { STRATEGY_STYLES } from "../core/chart/palette";
import type { ApplyResult, ChartOptions } from "../core/host";
import { warningText } from "../core/i18n";
import { STRATEGY_KEYS, type AnalysisWarning, type Position, type Scale, type SheetSnapshot, type SkippedRow, type SkipReason } from "../core/types";
import { useTexts, type Texts } from "./i18n";
import { formatUserNumber, newColumnsOf } from "./model";

const POSITIONS: readonly Position[] = ["above", "below"];

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Swatch and name side by side; a long name wraps beside its swatch, never below it.
  nameWithSwatch: { display: "flex", alignItems: "flex-start", gap: tokens.spacingHorizontalSNudge },
  swatch: {
    flexShrink: 0,
    width: "12px",
    height: "12px",
    // Centred on the first line of the name (line height 20px, swatch 12px).
    marginTop: "4px",
    borderRadius: tokens.borderRadiusSmall,
    // A theme stroke around every colour, so the grey one also shows on a dark background.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxSizing: "border-box",
  },
  // Plain table elements styled like Fluent's small table: the pane only lists figures, and Fluent's
  // Table would add its package to the first download for a section shown only after an apply.
  // At the narrowest pane a long word ("opdrachtgeverschap") is hyphenated where the pane's language
  // allows (FluentProvider sets lang), else broken anywhere rather than the table overflowing.
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, overflowWrap: "anywhere", hyphens: "auto" },
  row: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  // Narrow side padding: at 320–360px every pixel goes to the strategy names.
  cell: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`, textAlign: "start", verticalAlign: "middle" },
  headerCell: { fontWeight: tokens.fontWeightSemibold },
  // Figures line up: right-aligned, tabular digits, never broken over two lines.
  number: { textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums", overflowWrap: "normal" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  heading: { outline: "none" },
});

/** Whole euros: the summary is an overview, the cents stay in the workbook. */
export function formatEuros(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
}

interface ResultSectionProps {
  result: ApplyResult;
  /** Where the applied chart was put (the chart is on that sheet). */
  chartPlacement: ChartOptions["placement"];
  /** The sheet as read after apply: the new columns' header texts come from it. */
  snapshot: SheetSnapshot | null;
}

/** Counts and subsidy per strategy and per position, and the host's notices. The heading takes focus after apply. */
export const ResultSection = forwardRef<HTMLHeadingElement, ResultSectionProps>(function ResultSection({ result, chartPlacement, snapshot }, headingRef) {
  const { p, c, any, locale } = useTexts();
  const styles = useStyles();
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const { summary } = result;
  const newColumns = newColumnsOf(result.columnHeaders, snapshot?.sheetName === result.sheetName ? snapshot : null);
  const chartSheet = chartPlacement === "parameter-sheet" ? result.parameterSheet : result.sheetName;
  return (
    <section aria-labelledby="result-heading" className={styles.stack}>
      <h2 id="result-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
        {p("result.heading")}
      </h2>
      <Text>{p("result.done", { sheet: result.sheetName, parameterSheet: result.parameterSheet })}</Text>
      {newColumns.length > 0 && (
        <div>
          <Text id="new-columns-label">{p("result.columns", { sheet: result.sheetName })}</Text>
          <ul className={styles.list} aria-labelledby="new-columns-label">
            {newColumns.map(({ letter, header }) => (
              <li key={letter}>{header === null ? p("result.columnUnnamed", { letter }) : p("result.column", { letter, header })}</li>
            ))}
          </ul>
        </div>
      )}
      {result.chartNames.length === 1 && <Text>{p("result.chart", { name: result.chartNames[0], sheet: chartSheet })}</Text>}
      {result.chartNames.length > 1 && (
        <Text>{p("result.charts", { sheet: chartSheet, names: result.chartNames.map((name) => `"${name}"`).join(", ") })}</Text>
      )}

      <h3 id="by-strategy-heading">{p("result.byStrategy")}</h3>
      <table className={styles.table} aria-labelledby="by-strategy-heading">
        <thead>
          <tr className={styles.row}>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell)}>{p("result.col.strategy")}</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell, styles.number)}>{p("result.col.count")}</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell, styles.number)}>{p("result.col.subsidy")}</th>
          </tr>
        </thead>
        <tbody>
          {STRATEGY_KEYS.map((strategy) => (
            <tr key={strategy} className={styles.row}>
              <td className={styles.cell}>
                <span className={styles.nameWithSwatch}>
                  {/* The shared palette colour, so the pane's legend matches the chart. */}
                  <span aria-hidden="true" className={styles.swatch} style={{ backgroundColor: STRATEGY_STYLES[strategy].color }} />
                  <span>{c(`strategy.${strategy}`)}</span>
                </span>
              </td>
              <td className={mergeClasses(styles.cell, styles.number)}>{count(summary.byStrategy[strategy].count)}</td>
              <td className={mergeClasses(styles.cell, styles.number)}>{formatEuros(summary.byStrategy[strategy].subsidy, locale)}</td>
            </tr>
          ))}
          <tr className={styles.row}>
            <td className={styles.cell}>{p("result.total")}</td>
            <td className={mergeClasses(styles.cell, styles.number)}>{count(summary.total.count)}</td>
            <td className={mergeClasses(styles.cell, styles.number)}>{formatEuros(summary.total.subsidy, locale)}</td>
          </tr>
        </tbody>
      </table>

      <h3 id="by-position-heading">{p("result.byPosition")}</h3>
      <table className={styles.table} aria-labelledby="by-position-heading">
        <thead>
          <tr className={styles.row}>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell)}>{p("result.col.position")}</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell, styles.number)}>{p("result.col.count")}</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell, styles.number)}>{p("result.col.subsidy")}</th>
          </tr>
        </thead>
        <tbody>
          {POSITIONS.map((position) => (
            <tr key={position} className={styles.row}>
              <td className={styles.cell}>{p(`result.position.${position}`)}</td>
              <td className={mergeClasses(styles.cell, styles.number)}>{count(summary.byPosition[position].count)}</td>
              <td className={mergeClasses(styles.cell, styles.number)}>{formatEuros(summary.byPosition[position].subsidy, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {result.notices.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <h3>{p("result.notices")}</h3>
            <ul className={styles.list}>
              {result.notices.map((notice, index) => (
                <li key={index}>{any(notice.key, notice.params)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
});

/** A skipped row's reason in the user's language, with the scale for out-of-scale scores. */
export function skipReasonText(texts: Texts, skipped: SkippedRow, scales: { influence: Scale; dependency: Scale } | null): string {
  const scale = skipped.reason === "dependency-out-of-scale" ? scales?.dependency : scales?.influence;
  return texts.c(`skip.${skipped.reason}`, {
    row: skipped.row,
    column: skipped.column ?? "?",
    value: skipped.value ?? "",
    min: scale ? formatUserNumber(scale.min, texts.locale) : "?",
    max: scale ? formatUserNumber(scale.max, texts.locale) : "?",
  });
}

interface SkippedSectionProps {
  skipped: SkippedRow[];
  scales: { influence: Scale; dependency: Scale } | null;
  onSelectRow: (row: number) => void;
}

/**
 * Skipped rows listed a page at a time: a register of 100,000 rows can skip thousands, and a
 * list item with a button for each would make the pane slow to draw and long to scroll. Past a
 * page, the counts per reason come first: they tell what to fix in the register.
 */
export const SKIPPED_PAGE = 50;

export function SkippedSection({ skipped, scales, onSelectRow }: SkippedSectionProps) {
  const texts = useTexts();
  const styles = useStyles();
  const [shown, setShown] = useState(SKIPPED_PAGE);
  useEffect(() => setShown(SKIPPED_PAGE), [skipped]);
  const byReason = useMemo(() => {
    const counts = new Map<SkipReason, number>();
    for (const row of skipped) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
    return [...counts];
  }, [skipped]);
  if (skipped.length === 0) return null;
  const format = (n: number) => new Intl.NumberFormat(texts.locale).format(n);
  const paged = skipped.length > SKIPPED_PAGE;
  const remaining = skipped.length - shown;
  return (
    <section aria-labelledby="skipped-heading" className={styles.stack}>
      <h2 id="skipped-heading">{texts.p("skipped.heading")}</h2>
      {paged && (
        <>
          <h3 id="skipped-reasons-heading">{texts.p("skipped.byReason")}</h3>
          <ul className={styles.list} aria-labelledby="skipped-reasons-heading">
            {byReason.map(([reason, count]) => (
              <li key={reason}>
                <Text>{texts.p("skipped.reasonCount", { reason: texts.p(`skipped.reason.${reason}`), count: format(count) })}</Text>
              </li>
            ))}
          </ul>
          <Text>{texts.p("skipped.shownOf", { shown: format(Math.min(shown, skipped.length)), count: format(skipped.length) })}</Text>
        </>
      )}
      <ul className={styles.list}>
        {skipped.slice(0, shown).map((row) => (
          <li key={`${row.row}-${row.reason}`}>
            <Text>{skipReasonText(texts, row, scales)}</Text>{" "}
            <Button size="small" appearance="secondary" onClick={() => onSelectRow(row.row)}>
              {texts.p("skipped.select", { row: row.row })}
            </Button>
          </li>
        ))}
      </ul>
      {remaining > 0 && (
        <div>
          <Button onClick={() => setShown((n) => n + SKIPPED_PAGE)}>{texts.p("skipped.showMore", { count: format(Math.min(SKIPPED_PAGE, remaining)) })}</Button>
        </div>
      )}
    </section>
  );
}

/** Duplicate partners named in full before the rest are counted: there can be thousands. */
export const DUPLICATES_SHOWN = 10;

/** What the analysis noticed about the register (the same partner twice, a hidden column, a guessed scale). */
export function NoticesSection({ warnings }: { warnings: AnalysisWarning[] }) {
  const texts = useTexts();
  const styles = useStyles();
  if (warnings.length === 0) return null;
  const duplicates = warnings.filter((w) => w.code === "duplicate-partner");
  const shown = [...warnings.filter((w) => w.code !== "duplicate-partner"), ...duplicates.slice(0, DUPLICATES_SHOWN)];
  const more = duplicates.length - DUPLICATES_SHOWN;
  return (
    <section aria-labelledby="notes-heading" className={styles.stack}>
      <h2 id="notes-heading">{texts.p("notes.heading")}</h2>
      <ul className={styles.list}>
        {shown.map((warning, i) => (
          <li key={`${warning.code}-${i}`}>
            <Text>{warningText(texts.language, warning)}</Text>
          </li>
        ))}
        {more > 0 && (
          <li>
            <Text>{texts.p("notes.moreDuplicates", { count: new Intl.NumberFormat(texts.locale).format(more) })}</Text>
          </li>
        )}
      </ul>
    </section>
  );
}
