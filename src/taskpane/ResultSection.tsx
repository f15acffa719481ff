import { useEffect, useRef, type ReactNode } from "react";
import { MessageBar, MessageBarBody, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { StrategyChange } from "../core/changes";
import { STRATEGY_STYLES } from "../core/chart";
import type { ApplyResult, ChartOptions } from "../core/host";
import { STRATEGY_KEYS, type Position, type SheetSnapshot, type Summary } from "../core/types";
import { useTexts } from "./i18n";
import { newColumnsOf } from "./model";
import { SelfCheckOutcome } from "./SelfCheckOutcome";

/** The host's notice of a self-check disagreement: the self-check outcome below says it in full. */
const SELF_CHECK_NOTICE = "notice.selfCheck.mismatch";

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
  // Words are never broken inside ("opdrachtgeverschap"): a small size keeps the longest strategy
  // name, its count and its amount on a 320 px pane; names wrap between words only.
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, overflowWrap: "normal", wordBreak: "normal", hyphens: "manual" },
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
  /** The partners whose strategy this apply changed against the one before; null after the first. */
  changes: { count: number; first: StrategyChange[] } | null;
  /** An apply is running (the self-check's remedy waits for it). */
  applying: boolean;
  /** Apply again with values instead of formulas (offered when Excel computed something else). */
  onWriteValues: () => void;
  /** A new number asks for focus on the heading (after each apply), so a screen reader reads the result next. */
  focusRequest: number | null;
}

/** Counts and subsidy per strategy and per position, what changed, and the host's notices. */
export function ResultSection({ result, chartPlacement, snapshot, changes, applying, onWriteValues, focusRequest }: ResultSectionProps) {
  const { p, any } = useTexts();
  const styles = useStyles();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusRequest !== null) headingRef.current?.focus();
  }, [focusRequest]);
  const { summary } = result;
  const newColumns = newColumnsOf(result.columnHeaders, snapshot?.sheetName === result.sheetName ? snapshot : null);
  const notices = result.selfCheck ? result.notices.filter((notice) => notice.key !== SELF_CHECK_NOTICE) : result.notices;
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

      <FiguresTables summary={summary} idPrefix="result" />
      <ChangesList changes={changes} heading={p("result.changed")} none={p("result.changedNone")} />

      {result.selfCheck && <SelfCheckOutcome report={result.selfCheck} applying={applying} onWriteValues={onWriteValues} />}

      {notices.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <h3>{p("result.notices")}</h3>
            <ul className={styles.list}>
              {notices.map((notice, index) => (
                <li key={index}>{any(notice.key, notice.params)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}


/** Count and subsidy per strategy (with the chart's colours) and per position, as two small tables. */
export function FiguresTables({ summary, idPrefix, headings }: { summary: Summary; idPrefix: string; headings?: { byStrategy: string; byPosition: string } }) {
  const { p, c } = useTexts();
  const styles = useStyles();
  const strategyRows = STRATEGY_KEYS.map((strategy) => ({
    key: strategy,
    name: (
      <span className={styles.nameWithSwatch}>
        {/* The shared palette colour, so the pane's legend matches the chart. */}
        <span aria-hidden="true" className={styles.swatch} style={{ backgroundColor: STRATEGY_STYLES[strategy].color }} />
        <span>{c(`strategy.${strategy}`)}</span>
      </span>
    ),
    tally: summary.byStrategy[strategy],
  }));
  return (
    <>
      <TallyTable
        id={`${idPrefix}-by-strategy`}
        heading={headings?.byStrategy ?? p("result.byStrategy")}
        nameHeader={p("result.col.strategy")}
        rows={[...strategyRows, { key: "total", name: p("result.total"), tally: summary.total }]}
      />
      <TallyTable
        id={`${idPrefix}-by-position`}
        heading={headings?.byPosition ?? p("result.byPosition")}
        nameHeader={p("result.col.position")}
        rows={POSITIONS.map((position) => ({ key: position, name: p(`result.position.${position}`), tally: summary.byPosition[position] }))}
      />
    </>
  );
}

/** A heading and a table of names with their count and subsidy. */
function TallyTable({ id, heading, nameHeader, rows }: { id: string; heading: string; nameHeader: string; rows: { key: string; name: ReactNode; tally: { count: number; subsidy: number } }[] }) {
  const { p, locale } = useTexts();
  const styles = useStyles();
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  return (
    <>
      <h3 id={id}>{heading}</h3>
      <table className={styles.table} aria-labelledby={id}>
        <thead>
          <tr className={styles.row}>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell)}>{nameHeader}</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell, styles.number)}>{p("result.col.count")}</th>
            <th scope="col" className={mergeClasses(styles.cell, styles.headerCell, styles.number)}>{p("result.col.subsidy")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, tally }) => (
            <tr key={key} className={styles.row}>
              <td className={styles.cell}>{name}</td>
              <td className={mergeClasses(styles.cell, styles.number)}>{count(tally.count)}</td>
              <td className={mergeClasses(styles.cell, styles.number)}>{formatEuros(tally.subsidy, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The partners whose strategy changed: how many, and the first few by name and row. */
export function ChangesList({ changes, heading, none }: { changes: { count: number; first: StrategyChange[] } | null; heading: string; none: string }) {
  const { p, c, locale } = useTexts();
  const styles = useStyles();
  if (!changes) return null;
  const more = changes.count - changes.first.length;
  return (
    <div className={styles.stack}>
      <Text weight="semibold">{heading}</Text>
      {changes.count === 0 ? (
        none && <Text>{none}</Text>
      ) : (
        <ul className={styles.list} aria-label={heading}>
          {changes.first.map((change) => (
            <li key={change.row}>
              {p("line.live.change", { partner: change.partner, row: change.row, from: c(`strategy.${change.from}`), to: c(`strategy.${change.to}`) })}
            </li>
          ))}
          {more > 0 && <li>{p("line.live.moreChanges", { count: new Intl.NumberFormat(locale).format(more) })}</li>}
        </ul>
      )}
    </div>
  );
}
