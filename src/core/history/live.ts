/**
 * The live comparison with an earlier assessment, added to a write plan (issue 19, item 2 and 5):
 * the comparison columns beside the register (formulas on the history table, `comparisonFormulas`)
 * and, on the parameter sheet, the chosen snapshot's date and label with the money then per
 * strategy and the partners that changed strategy (`moneyThenFormulas`). `planWrite` stays as it
 * is: this extends its plan the way the chart's helper blocks do — the columns go right of
 * Partnerkaart's own, the plan's column action grows by them, and each column carries its proof for
 * the ownership rule (our header over formulas of our shape: docs/ownership.md).
 */
import { cellAt } from "../locate";
import type { Language, OutputOptions } from "../host";
import { t } from "../i18n";
import { PARAMETER_NAMES, strategyLabelName } from "../names";
import {
  absoluteCell,
  absoluteReference,
  columnIsOurs,
  dataBands,
  quoteSheetName,
  rowRelative,
  type CellBlock,
  type CellContent,
  type ColumnWidth,
  type FillBlock,
  type OwnedColumnProof,
  type PlanCell,
  type RegisterColumnsAction,
  type WritePlan,
} from "../plan";
import { cellHoldsContent } from "../text";
import { STRATEGY_KEYS, type Analysis, type SheetSnapshot } from "../types";
import type { Assessment } from "./record";
import { historyText } from "./texts";
import { comparisonFormulas, moneyThenFormulas, type ComparisonRefs } from "./formulas";
import { COMPARISON_COLUMNS, comparisonHeader, ourComparisonHeaders, type ComparisonColumn } from "./headers";

/** The earlier assessment to compare with, and what the history table it lives in looks like. */
export interface ComparisonChoice {
  date: string;
  label: string;
  /** The history table's language: its strategy labels are matched, and its yes/no words shown. */
  historyLanguage: Language;
  /** Rows below the history sheet's header up to its last used row (the history and link tables' data rows). */
  historyRowCount: number;
  /** Whether the chosen snapshot records goals: only then does a register with a goal column match on it. */
  snapshotHasGoals: boolean;
  /** Whether the user linked renamed partners (the link table beside the history table, over the same rows): the formulas follow the links. */
  hasRenames?: boolean;
}

/** The choice of comparing with `assessment`, recorded in a history table in `language` with `rowCount` rows below its header and `renameCount` links. */
export function comparisonChoiceOf(assessment: Assessment, table: { language: Language; rowCount: number; renameCount: number }): ComparisonChoice {
  return {
    date: assessment.date,
    label: assessment.label,
    historyLanguage: table.language,
    historyRowCount: table.rowCount,
    snapshotHasGoals: assessment.partners.some((p) => p.goal !== null),
    hasRenames: table.renameCount > 0,
  };
}

/** Where the comparison block starts on the parameter sheet: under the summary (D16). */
export const COMPARISON_BLOCK_CELL = { row: 15, column: 3 } as const;

const NUMBER_FORMATS: Record<ComparisonColumn, string | null> = {
  matchName: "@",
  matchCount: "0",
  previousInfluence: "0.0#",
  previousDependency: "0.0#",
  influenceChange: "+0.0#;-0.0#;0",
  dependencyChange: "+0.0#;-0.0#;0",
  movement: null,
  previousStrategy: null,
  strategyChanged: null,
  movedAsAdvised: null,
};

const text = (value: string): PlanCell => ({ kind: "text", value });
const formula = (value: string): PlanCell => ({ kind: "formula", formula: value });

function snapshotCell(snapshot: SheetSnapshot, row: number, column: number): CellContent {
  return { value: cellAt(snapshot, row, column), formula: snapshot.formulas?.[row - snapshot.origin.row]?.[column - snapshot.origin.column] };
}

/** Whether `count` columns from `first` hold nothing in any row the snapshot has. */
function columnsAreFree(snapshot: SheetSnapshot, first: number, count: number): boolean {
  for (let r = 0; r < snapshot.values.length; r++) {
    for (let c = first; c < first + count; c++) {
      const i = c - snapshot.origin.column;
      if (i >= 0 && cellHoldsContent(snapshot.values[r][i], snapshot.formulas?.[r]?.[i])) return false;
    }
  }
  return true;
}

/** The plan's new columns push columns at and right of the insert; where a pre-action column ends up. */
function afterAction(plan: WritePlan, column: number): number {
  const action = plan.registerColumns;
  const inserted =
    action.kind === "insert-columns" ? { at: action.atColumn, count: action.count } : action.kind === "add-table-columns" && action.insertColumnsFirst ? { at: action.firstColumn, count: action.insertColumnsFirst } : null;
  return inserted && column >= inserted.at ? column + inserted.count : column;
}

/** The R1C1 formulas of the comparison columns when they start at `first` (post-action). */
function formulasAt(plan: WritePlan, analysis: Analysis, first: number, history: Language, output: Language, byGoal: boolean, renames: boolean, historyRowCount: number): Record<ComparisonColumn, string> {
  const columnOf = (key: "influenceScore" | "dependencyScore" | "strategy") => plan.columns.find((c) => c.key === key)!.column;
  const own = (c: ComparisonColumn) => rowRelative(first + COMPARISON_COLUMNS.indexOf(c));
  const parameterCell = (row: number) => `${quoteSheetName(plan.parameterSheet)}!R${row + 1}C${COMPARISON_BLOCK_CELL.column + 2}`;
  const goal = analysis.mapping.goal;
  const refs: ComparisonRefs = {
    r1c1: true,
    historyFirstRow: 2,
    // An empty table still gets a one-row range: the formulas then find nothing (#N/A), not #REF!.
    historyLastRow: Math.max(2, historyRowCount + 1),
    compareDate: parameterCell(COMPARISON_BLOCK_CELL.row + 1),
    compareLabel: parameterCell(COMPARISON_BLOCK_CELL.row + 2),
    partner: rowRelative(analysis.mapping.partner!.column),
    goal: byGoal && goal ? rowRelative(goal.column) : null,
    influence: rowRelative(columnOf("influenceScore")),
    dependency: rowRelative(columnOf("dependencyScore")),
    strategy: rowRelative(columnOf("strategy")),
    influenceMin: PARAMETER_NAMES.influenceMin,
    influenceMax: PARAMETER_NAMES.influenceMax,
    dependencyMin: PARAMETER_NAMES.dependencyMin,
    dependencyMax: PARAMETER_NAMES.dependencyMax,
    matchName: own("matchName"),
    renames,
    matchCount: own("matchCount"),
    previousInfluence: own("previousInfluence"),
    previousDependency: own("previousDependency"),
    influenceChange: own("influenceChange"),
    dependencyChange: own("dependencyChange"),
    previousStrategy: own("previousStrategy"),
  };
  return comparisonFormulas(refs, history, { output, labelNames: true });
}

/** What each comparison column may hold and still be ours: its header, and its formula in any language, with or without the goal. */
function proofsAt(plan: WritePlan, analysis: Analysis, choice: ComparisonChoice, first: number, proofColumn: (c: ComparisonColumn) => number): OwnedColumnProof[] {
  const languages = ["nl", "en"] as const;
  const flags = [true, false];
  const variants = languages.flatMap((history) =>
    languages.flatMap((output) => flags.flatMap((byGoal) => flags.map((renames) => formulasAt(plan, analysis, first, history, output, byGoal, renames, choice.historyRowCount)))),
  );
  return COMPARISON_COLUMNS.map((c) => ({
    key: c,
    column: proofColumn(c),
    headers: ourComparisonHeaders(c),
    formulasR1C1: [...new Set(variants.map((v) => v[c]))],
    values: "none",
    labels: [],
  }));
}

/**
 * Where the comparison columns go (post-action), and the column action grown to make room: an
 * earlier run's comparison columns that prove themselves ours are reused in place, else new ones
 * go right of Partnerkaart's own columns, inserted as whole columns (or added to the table) when
 * anything stands there.
 */
function placeComparison(snapshot: SheetSnapshot, analysis: Analysis, plan: WritePlan, choice: ComparisonChoice, language: Language): { first: number; action: RegisterColumnsAction; fresh: boolean } {
  const count = COMPARISON_COLUMNS.length;
  const { headerRow } = analysis.location;
  const bands = dataBands(analysis);
  const headers = snapshot.values[headerRow - snapshot.origin.row] ?? [];
  const firstHeader = ourComparisonHeaders(COMPARISON_COLUMNS[0]);
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i];
    if (typeof header !== "string" || !firstHeader.includes(header.trim())) continue;
    const pre = snapshot.origin.column + i;
    const first = afterAction(plan, pre);
    const proofs = proofsAt(plan, analysis, choice, first, (c) => pre + COMPARISON_COLUMNS.indexOf(c));
    if (proofs.every((proof) => columnIsOurs(proof, headerRow, bands, (row, column) => snapshotCell(snapshot, row, column)))) {
      return { first, action: plan.registerColumns, fresh: false };
    }
  }

  const action = plan.registerColumns;
  const newHeaders = COMPARISON_COLUMNS.map((c) => comparisonHeader(language, c));
  const lastOurs = Math.max(...plan.columns.map((c) => c.column));
  switch (action.kind) {
    case "insert-columns":
      // planWrite's new columns are the rightmost: ours follow them inside the same insert.
      return { first: action.atColumn + action.count, action: { ...action, count: action.count + count }, fresh: true };
    case "add-table-columns": {
      const first = action.firstColumn + action.headers.length;
      const insertFirst = action.insertColumnsFirst ? action.insertColumnsFirst + count : columnsAreFree(snapshot, first, count) ? undefined : action.headers.length + count;
      return { first, action: { ...action, headers: [...action.headers, ...newHeaders], ...(insertFirst ? { insertColumnsFirst: insertFirst } : {}) }, fresh: true };
    }
    case "none":
    case "existing-columns": {
      // Nothing inserted: pre-action columns are post-action ones.
      const table = analysis.location.tableName ? snapshot.tables.find((tb) => tb.name === analysis.location.tableName) : undefined;
      const tableEnd = table ? table.rect.column + table.rect.columnCount - 1 : -1;
      const first = Math.max(lastOurs, analysis.location.lastColumn, tableEnd) + 1;
      const free = columnsAreFree(snapshot, first, count);
      if (table && first === tableEnd + 1) {
        return { first, action: { kind: "add-table-columns", sheetName: plan.registerSheet, tableName: table.name, firstColumn: first, headers: newHeaders, ...(free ? {} : { insertColumnsFirst: count }) }, fresh: true };
      }
      if (!free) return { first, action: { kind: "insert-columns", sheetName: plan.registerSheet, atColumn: first, count }, fresh: true };
      return { first, action: action.kind === "none" ? action : { kind: "none", sheetName: plan.registerSheet }, fresh: true };
    }
  }
}

/** The comparison block on the parameter sheet: the chosen snapshot, the money then per strategy, the partners that changed strategy. */
function parameterBlocks(plan: WritePlan, analysis: Analysis, choice: ComparisonChoice, language: Language, strategyChangedColumn: number): CellBlock[] {
  const { row, column } = COMPARISON_BLOCK_CELL;
  const sheetName = plan.parameterSheet;
  const block = (id: string, at: number, cells: PlanCell[][], bold: boolean, columnNumberFormats: (string | null)[] | null): CellBlock => ({
    id,
    purpose: "summary",
    sheetName,
    row: at,
    column,
    cells,
    columnNumberFormats,
    bold,
  });
  const snapshotRefs = {
    historyFirstRow: 2,
    historyLastRow: Math.max(2, choice.historyRowCount + 1),
    compareDate: absoluteCell(row + 1, column + 1),
    compareLabel: absoluteCell(row + 2, column + 1),
  };
  const { firstDataRow, lastDataRow } = analysis.location;
  const changedRange = absoluteReference(plan.registerSheet, { row: firstDataRow, column: strategyChangedColumn, rowCount: Math.max(1, lastDataRow - firstDataRow + 1), columnCount: 1 });
  const amountColumn = plan.columns.find((c) => c.key === "subsidyAmount")?.column ?? analysis.mapping.subsidy?.column ?? null;
  const amountRange = amountColumn === null ? null : absoluteReference(plan.registerSheet, { row: firstDataRow, column: amountColumn, rowCount: Math.max(1, lastDataRow - firstDataRow + 1), columnCount: 1 });
  // New partners show #N/A in "strategy changed": not a change.
  const changed = `--(IFERROR(${changedRange},"")="${t(language, "history.yes")}")`;
  const moneyFormats = [null, "0", "#,##0"];
  return [
    block("history.compare.caption", row, [[text(historyText(language, "compare.caption"))]], true, null),
    block(
      "history.compare.snapshot",
      row + 1,
      [
        [text(historyText(language, "compare.date")), text(choice.date)],
        [text(historyText(language, "compare.label")), text(choice.label)],
      ],
      false,
      [null, "@"],
    ),
    block("history.compare.money-header", row + 3, [[text(t(language, "summary.strategy")), text(historyText(language, "compare.countThen")), text(historyText(language, "compare.subsidyThen"))]], true, null),
    block(
      "history.compare.money",
      row + 4,
      STRATEGY_KEYS.map((k) => {
        const then = moneyThenFormulas(snapshotRefs, k, choice.historyLanguage);
        return [formula(`=${strategyLabelName(k)}`), formula(then.count), formula(then.subsidy)];
      }),
      false,
      moneyFormats,
    ),
    block(
      "history.compare.changed",
      row + 4 + STRATEGY_KEYS.length,
      [[text(historyText(language, "compare.changed")), formula(`=SUMPRODUCT(${changed})`), amountRange === null ? { kind: "number", value: 0 } : formula(`=SUMPRODUCT(${changed},${amountRange})`)]],
      true,
      moneyFormats,
    ),
  ];
}

/**
 * `plan` with the live comparison with `choice` added. Values mode writes no formulas, so it gets
 * none: the plan comes back as it was.
 */
export function withComparison(snapshot: SheetSnapshot, analysis: Analysis, plan: WritePlan, choice: ComparisonChoice, output: Pick<OutputOptions, "language">): WritePlan {
  if (plan.mode !== "formulas" || !analysis.mapping.partner) return plan;
  const language = output.language;
  const { first, action, fresh } = placeComparison(snapshot, analysis, plan, choice, language);
  const byGoal = choice.snapshotHasGoals && analysis.mapping.goal !== null && analysis.mapping.goal !== undefined;
  const formulas = formulasAt(plan, analysis, first, choice.historyLanguage, language, byGoal, choice.hasRenames === true, choice.historyRowCount);
  const columnOf = (c: ComparisonColumn) => first + COMPARISON_COLUMNS.indexOf(c);
  const header: CellBlock = {
    id: "history.compare.header",
    purpose: "register-header",
    sheetName: plan.registerSheet,
    row: plan.headerRow,
    column: first,
    cells: [COMPARISON_COLUMNS.map((c) => text(comparisonHeader(language, c)))],
    columnNumberFormats: null,
    bold: true,
  };
  const data: FillBlock[] = dataBands(analysis).map((band, b) => ({
    kind: "fill",
    id: `history.compare.data.${b}`,
    purpose: "register-data",
    sheetName: plan.registerSheet,
    row: band.first,
    column: first,
    rowCount: band.last - band.first + 1,
    formulasR1C1: COMPARISON_COLUMNS.map((c) => formulas[c]),
    columnNumberFormats: COMPARISON_COLUMNS.map((c) => NUMBER_FORMATS[c]),
    bold: false,
  }));
  const widths: ColumnWidth[] = fresh
    ? COMPARISON_COLUMNS.map((c) => ({ sheetName: plan.registerSheet, column: columnOf(c), widthChars: Math.min(28, Math.max(10, comparisonHeader(language, c).length + 2)) }))
    : [];
  return {
    ...plan,
    registerColumns: action,
    blocks: [...plan.blocks, header, ...data, ...parameterBlocks(plan, analysis, choice, language, columnOf("strategyChanged"))],
    columnWidths: [...plan.columnWidths, ...widths],
    ownership: { ...plan.ownership, columns: [...plan.ownership.columns, ...proofsAt(plan, analysis, choice, first, columnOf)] },
  };
}
