/**
 * The history sheet through Office.js: reading the recorded assessments, and recording one as
 * values in the Excel table `PK_History` on the sheet `Partnerkaart historie`. Three syncs (more
 * only to read a history over ~4 MB): what exists, what it holds, then every write.
 *
 * Ownership (docs/ownership.md): the sheet is written only when it is missing, empty, or its first
 * row holds exactly our headers; anything else is refused before the first write, naming the cell.
 * Everything on a proven sheet is the record itself. The table is rebuilt on each recording
 * (converted to a range, written, added again): growing it in place needs `Table.resize`
 * (ExcelApi 1.13), over the manifest's 1.8. Only the rows from the first one that changes are
 * written (a new snapshot: its own rows), so a recording's request does not grow with the history:
 * 1.34 MB at 5,000 partners, where the whole table passed 5 MB at the fourth snapshot.
 *
 * Reading takes the first 2,000 rows with the sheet's shape, and any further rows in blocks of one
 * response each (about 0.63 MB per snapshot of 5,000 partners; Excel on the web refuses a response
 * over 5 MB, reached at about eight such snapshots read at once).
 */
import type { Language } from "../core/host";
import {
  comparisonChoiceOf,
  HISTORY_COLUMNS,
  HISTORY_SHEET,
  HISTORY_TABLE,
  HISTORY_TEXT_COLUMNS,
  historyHeaders,
  historySheetState,
  linkedRenames,
  linkTableGrid,
  readHistory,
  RENAME_COLUMN,
  recordedRows,
  wouldReplace,
  type Assessment,
  type ComparisonChoice,
  type HistorySheetState,
  type PartnerRename,
} from "../core/history";
import { foreignTargetMessage, type ForeignTarget } from "../core/plan";
import { columnLetter, isBlank } from "../core/text";
import type { CellValue } from "../core/types";
import { HostFailureError } from "./errors";
import { rowJsonBytes } from "./bytes";
import { DEFAULT_RESPONSE_BUDGET_BYTES, ESTIMATED_BYTES_PER_CELL, MEASURED_SIZE_MARGIN } from "./snapshot";
import { SyncCounter } from "./sync";


export interface HistoryRead {
  state: HistorySheetState["kind"];
  assessments: Assessment[];
  /** The table's language and data rows (what the live comparison formulas read): null and 0 unless the sheet is ours. */
  language: Language | null;
  rowCount: number;
  /** The user's links from renamed partners to their earlier names. */
  renames: PartnerRename[];
  syncs: number;
}

export interface RecordOutcome {
  /** False when a snapshot with that date and label exists and `replace` was not given: nothing written. */
  recorded: boolean;
  /** A snapshot with the same date and label was (or would be) replaced. */
  replaces: boolean;
  /** Data rows in the history table afterwards. */
  rows: number;
  syncs: number;
}

/** Rows of the history sheet read with its shape in sync 2: a history that fits is read in two syncs. */
const FIRST_BLOCK_ROWS = 2000;

/** Places `values` (read at 0-based `rowIndex`, `columnIndex`) into `grid`. */
function place(grid: CellValue[][], values: unknown[][], rowIndex: number, columnIndex: number): void {
  values.forEach((source, i) => {
    const row = grid[rowIndex + i];
    if (row) for (let c = 0; c < source.length && columnIndex + c < row.length; c++) row[columnIndex + c] = source[c] as CellValue;
  });
}

/**
 * The sheet's cells from A1 to the used range's end. The first rows came with sync 2; the rest are
 * read in row blocks of one response each (Excel on the web refuses a response over 5 MB; a
 * snapshot of 5,000 partners is about 0.63 MB), sized by the bytes the first rows measured.
 */
async function fromA1(counter: SyncCounter, sheet: Excel.Worksheet, used: Excel.Range, first: Excel.Range): Promise<CellValue[][]> {
  const end = used.rowIndex + used.rowCount;
  const width = used.columnIndex + used.columnCount;
  const grid: CellValue[][] = Array.from({ length: end }, () => new Array<CellValue>(width).fill(""));
  const firstValues = first.isNullObject ? [] : (first.values as unknown[][]);
  if (!first.isNullObject) place(grid, firstValues, first.rowIndex, first.columnIndex);
  const measured = firstValues.reduce<number>((most, row) => Math.max(most, rowJsonBytes(row)), 0);
  // Nothing measured (the first rows empty): the snapshot reader's conservative guess per cell.
  const bytesPerRow = measured > 0 ? measured * MEASURED_SIZE_MARGIN : used.columnCount * ESTIMATED_BYTES_PER_CELL;
  const rowsPerBlock = Math.max(1, Math.floor(DEFAULT_RESPONSE_BUDGET_BYTES / bytesPerRow));
  for (let row = Math.max(FIRST_BLOCK_ROWS, used.rowIndex); row < end; row += rowsPerBlock) {
    const block = sheet.getRangeByIndexes(row, used.columnIndex, Math.min(rowsPerBlock, end - row), used.columnCount);
    block.load("values");
    // eslint-disable-next-line no-restricted-syntax -- one response per block sized by bytes: only a history over ~4 MB takes more than one.
    await counter.sync();
    place(grid, block.values as unknown[][], row, used.columnIndex);
  }
  return grid;
}

interface Found {
  sheet: Excel.Worksheet;
  table: Excel.Table;
  state: HistorySheetState;
  tableSheet: string | null;
  /** The table's rows (header included) as it stands, for a rollback; null without a table. */
  tableRowCount: number | null;
  /** Rows below the header up to the last used one (blank rows inside included). */
  rowsBelowHeader: number;
  /** The history table's columns below the header as they stand on the sheet, blank rows inside included, up to the last filled one. */
  tableRows: CellValue[][];
}

/** Syncs 1–2 (more for a history over ~4 MB): whether the sheet and table exist, and what the sheet holds. */
async function findHistory(context: Excel.RequestContext, counter: SyncCounter): Promise<Found> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(HISTORY_SHEET);
  const table = context.workbook.tables.getItemOrNullObject(HISTORY_TABLE);
  sheet.load("name");
  table.load("name");
  await counter.sync();
  let used: Excel.Range | null = null;
  let first: Excel.Range | null = null;
  let tableSheet: Excel.Worksheet | null = null;
  let tableRange: Excel.Range | null = null;
  if (!sheet.isNullObject) {
    used = sheet.getUsedRangeOrNullObject();
    used.load("rowIndex, columnIndex, rowCount, columnCount");
    // The used part of the first rows, whatever the sheet's size: most histories are read whole here.
    first = sheet.getRange(`1:${FIRST_BLOCK_ROWS}`).getUsedRangeOrNullObject();
    first.load("values, rowIndex, columnIndex");
    sheet.protection.load("protected");
  }
  if (!table.isNullObject) {
    tableSheet = table.worksheet;
    tableSheet.load("name");
    tableRange = table.getRange();
    tableRange.load("rowCount");
  }
  if (used || tableSheet) await counter.sync();
  const values = sheet.isNullObject ? null : used && first && !used.isNullObject ? await fromA1(counter, sheet, used, first) : [];
  const tableRows = (values ?? []).slice(1).map((row) => row.slice(0, HISTORY_COLUMNS.length));
  while (tableRows.length > 0 && tableRows[tableRows.length - 1].every(isBlank)) tableRows.pop();
  return { sheet, table, state: historySheetState(values), tableSheet: tableSheet ? tableSheet.name : null, tableRowCount: tableRange ? tableRange.rowCount : null, rowsBelowHeader: Math.max(0, (values?.length ?? 0) - 1), tableRows };
}

export async function readHistoryFromWorkbook(context: Excel.RequestContext): Promise<HistoryRead> {
  const counter = new SyncCounter(context);
  const { state, rowsBelowHeader } = await findHistory(context, counter);
  if (state.kind !== "ours") return { state: state.kind, assessments: [], language: null, rowCount: 0, renames: [], syncs: counter.syncs };
  return { state: state.kind, assessments: readHistory(state.rows), language: state.language, rowCount: rowsBelowHeader, renames: state.renames, syncs: counter.syncs };
}

/**
 * The history table as the live comparison needs it: the chosen assessment (by date and label), the
 * table's language and rows, whether that snapshot records goals and whether names are linked.
 * Fails with "item-not-found" when the assessment is no longer recorded.
 */
export async function readComparisonChoice(
  context: Excel.RequestContext,
  wanted: { date: string; label: string },
): Promise<{ choice: ComparisonChoice; syncs: number; assessment: Assessment; renames: PartnerRename[] }> {
  const history = await readHistoryFromWorkbook(context);
  const chosen = history.assessments.find((a) => a.date === wanted.date && a.label === wanted.label);
  if (!chosen || history.language === null) {
    throw new HostFailureError("item-not-found", `The assessment of ${wanted.date} "${wanted.label}" is not on the sheet "${HISTORY_SHEET}".`, HISTORY_SHEET);
  }
  const choice = comparisonChoiceOf(chosen, { language: history.language, rowCount: history.rowCount, renameCount: history.renames.length });
  // The assessment and the links too: the chart's realised movement picks its partners from them.
  return { choice, syncs: history.syncs, assessment: chosen, renames: history.renames };
}

function refuse(target: ForeignTarget): never {
  const failure = new HostFailureError("foreign-content", foreignTargetMessage("en", target), target.kind === "name" ? undefined : target.sheetName);
  failure.target = target;
  throw failure;
}

/**
 * Records `assessment` (replacing the snapshot with the same date and label only when `replace`).
 * New rows are written in the table's own language, or `language` for a new table.
 */
export async function recordAssessmentInWorkbook(
  context: Excel.RequestContext,
  assessment: Assessment,
  language: Language,
  options: { replace: boolean },
): Promise<RecordOutcome> {
  const counter = new SyncCounter(context);
  const found = await findHistory(context, counter);
  const { state } = found;
  if (state.kind === "foreign") {
    refuse({ kind: "cell", sheetName: HISTORY_SHEET, row: state.row, column: state.column, content: state.content });
  }
  if (found.tableSheet !== null && found.tableSheet !== HISTORY_SHEET) {
    refuse({ kind: "name", name: HISTORY_TABLE, pointsTo: found.tableSheet, plannedTo: HISTORY_SHEET });
  }
  if (state.kind !== "missing" && found.sheet.protection.protected) throw new HostFailureError("protected-sheet", `Sheet "${HISTORY_SHEET}" is protected.`, HISTORY_SHEET);
  const existing = state.kind === "ours" ? state.rows : [];
  const replaces = wouldReplace(existing, assessment);
  if (replaces && !options.replace) return { recorded: false, replaces, rows: existing.length, syncs: counter.syncs };

  const tableLanguage = state.kind === "ours" ? state.language : language;
  const rows = recordedRows(existing, assessment, tableLanguage);
  const { grid, firstChanged } = tableWrite(state.kind === "ours", found.tableRows, existing, rows, replaces, historyHeaders(tableLanguage));
  // The rows as they stand, gaps included: a rollback puts back exactly these.
  const before = state.kind === "ours" ? [historyHeaders(state.language), ...found.tableRows] : null;
  try {
    const sheet = state.kind === "missing" ? context.workbook.worksheets.add(HISTORY_SHEET) : found.sheet;
    writeTable(sheet, found.table, grid, firstChanged, found.tableRows.length + 1);
    await counter.sync();
  } catch (error) {
    // A batch is not a transaction: put back what the failed one changed, then report the failure.
    await restore(context, counter, state.kind, before, firstChanged, found.tableRowCount).catch(() => undefined);
    throw error;
  }
  return { recorded: true, replaces, rows: rows.length, syncs: counter.syncs };
}

/**
 * The table's cells after recording, and the sheet row (0-based) from which they differ from what
 * stands: the header and the snapshots before it stay as they are. A new snapshot goes below the
 * rows as they stand (blank rows and notes among them stay where they are); a replaced one closes
 * up the record, and when a blank row sits inside the table that moves every row after it, so then
 * everything below the header is written.
 */
function tableWrite(ours: boolean, tableRows: CellValue[][], existing: CellValue[][], rows: CellValue[][], replaces: boolean, header: CellValue[]): { grid: CellValue[][]; firstChanged: number } {
  if (!ours) return { grid: [header, ...rows], firstChanged: 0 };
  if (!replaces) return { grid: [header, ...tableRows, ...rows.slice(existing.length)], firstChanged: 1 + tableRows.length };
  const gapless = tableRows.length === existing.length;
  return { grid: [header, ...rows], firstChanged: gapless ? 1 + firstDifferentRow(existing, rows) : 1 };
}

/** The index of the first row that differs between `a` and `b` (the shorter one's length when one begins the other). */
function firstDifferentRow(a: readonly CellValue[][], b: readonly CellValue[][]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i].length !== b[i].length || a[i].some((value, c) => value !== b[i][c])) return i;
  return n;
}

/**
 * Writes the table's rows from sheet row `firstChanged` (0-based; 0 writes the header too) over the
 * old ones, clears rows a larger table left below it, and makes A1 to the last row the table again.
 * Only the changed rows travel: recording a snapshot costs its own rows whatever the history holds
 * (the whole table at 5,000 partners and four snapshots is over Excel's 5 MB per request).
 */
function writeTable(sheet: Excel.Worksheet, table: Excel.Table, grid: CellValue[][], firstChanged: number, oldRowCount: number): void {
  if (!table.isNullObject) table.convertToRange();
  const lastColumn = columnLetter(HISTORY_COLUMNS.length - 1);
  // Rows a replaced, larger snapshot leaves behind: cleared, they were ours.
  if (oldRowCount > grid.length) sheet.getRange(`A${grid.length + 1}:${lastColumn}${oldRowCount}`).clear("Contents");
  if (firstChanged < grid.length) {
    const changed = grid.slice(firstChanged);
    const range = sheet.getRange(`A${firstChanged + 1}:${lastColumn}${grid.length}`);
    // Formats before values, so text stays text.
    range.numberFormat = changed.map((row) => row.map((_, c) => (HISTORY_TEXT_COLUMNS.has(c) ? "@" : "General")));
    range.values = changed as (string | number | boolean)[][];
  }
  const whole = `A1:${lastColumn}${grid.length}`;
  sheet.tables.add(whole, true).name = HISTORY_TABLE;
  sheet.getRange(whole).format.autofitColumns();
}

/** Back to the sheet as it was: removed when it was new, else its rows from `firstChanged` and its table (over its old rows) put back. */
async function restore(
  context: Excel.RequestContext,
  counter: SyncCounter,
  was: HistorySheetState["kind"],
  before: CellValue[][] | null,
  firstChanged: number,
  tableRowCount: number | null,
): Promise<void> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(HISTORY_SHEET);
  sheet.load("name");
  await counter.sync();
  if (sheet.isNullObject) return;
  // Every table on the sheet: the failed batch may have added one before naming it.
  const tables = sheet.tables;
  tables.load("items/name");
  const used = sheet.getUsedRangeOrNullObject();
  used.load("rowIndex,rowCount");
  await counter.sync();
  if (was === "missing") sheet.delete();
  else {
    for (const table of tables.items) table.convertToRange();
    const lastColumn = columnLetter(HISTORY_COLUMNS.length - 1);
    // The failed batch wrote nothing above `firstChanged`: the old rows from there are written back
    // over whatever it wrote. Rows below the old table were empty (they belong to the sheet, which is
    // ours): the batch's values and formats there go.
    const lastUsedRow = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
    const oldEnd = before?.length ?? 0;
    if (before && oldEnd > firstChanged) sheet.getRange(`A${firstChanged + 1}:${lastColumn}${oldEnd}`).values = before.slice(firstChanged) as (string | number | boolean)[][];
    if (lastUsedRow > oldEnd) sheet.getRange(`A${oldEnd + 1}:${lastColumn}${lastUsedRow}`).clear("All");
    if (before && tableRowCount !== null) sheet.tables.add(`A1:${lastColumn}${tableRowCount}`, true).name = HISTORY_TABLE;
  }
  await counter.sync();
}

/**
 * Stores the user's link from a renamed partner to its earlier name in the link table beside the
 * history table (R:T on the history sheet, which must be ours: it holds the recorded assessments the
 * names come from). Two syncs to read, one to write: the whole link table in one range.
 */
export async function linkRenameInWorkbook(context: Excel.RequestContext, rename: PartnerRename): Promise<{ renames: PartnerRename[]; syncs: number }> {
  const counter = new SyncCounter(context);
  const { state, sheet } = await findHistory(context, counter);
  if (state.kind === "foreign") refuse({ kind: "cell", sheetName: HISTORY_SHEET, row: state.row, column: state.column, content: state.content });
  if (state.kind !== "ours") throw new HostFailureError("item-not-found", `There is no recorded assessment on "${HISTORY_SHEET}" to link a name to.`, HISTORY_SHEET);
  if (sheet.protection.protected) throw new HostFailureError("protected-sheet", `Sheet "${HISTORY_SHEET}" is protected.`, HISTORY_SHEET);
  const renames = linkedRenames(state.renames, rename);
  // Rows the old table used and the new one does not (a replaced link) are emptied: they were ours.
  const height = Math.max(renames.length, state.renames.length) + 1;
  const grid = linkTableGrid(renames, state.language, height);
  const range = sheet.getRangeByIndexes(0, RENAME_COLUMN, height, 3);
  // Names stay text ("=x", "1-2"): format first, then the values.
  range.numberFormat = grid.map(() => ["@", "@", "General"]);
  range.values = grid;
  range.format.autofitColumns();
  await counter.sync();
  return { renames, syncs: counter.syncs };
}
