/**
 * Reading the active worksheet into a SheetSnapshot in a constant number of round trips:
 * sync 1 learns the shape (used range, tables, names, selection, merged areas), sync 2 reads the
 * cells and everything that depends on the shape. Only a used range larger than the response
 * budget (Excel on the web: 5 MB per response) is read in further row blocks, one sync per block,
 * each sized by what the rows already read measured: the count grows with bytes, not rows.
 */
import { OFFICE_REQUEST_BUDGET_BYTES } from "../core/request-budget";
import type { CellRect, CellValue, DefinedNameRef, SheetSnapshot } from "../core/types";
import { rowJsonBytes } from "./bytes";
import type { Requirements } from "./env";
import { officeErrorCode } from "./errors";
import { rectOf, sheetOfAddress, SyncCounter } from "./sync";

export interface SnapshotOptions {
  requirements: Requirements;
  /** Bytes one response may carry; default 4 MB, under Excel on the web's 5 MB. */
  responseBudgetBytes?: number;
  /** Counts syncs across a whole operation; a new one is made when absent. */
  counter?: SyncCounter;
}

/**
 * Estimated bytes one cell costs in a response that carries values, numberFormat and formulas
 * (JSON text of a partner name twice plus a short format). Conservative, so the first block, sized
 * before any cell was seen, stays under budget; it is about 2.7 times what generated registers cost.
 */
export const ESTIMATED_BYTES_PER_CELL = 96;
/** A read's responses keep under the same budget as an apply's requests. */
export const DEFAULT_RESPONSE_BUDGET_BYTES = OFFICE_REQUEST_BUDGET_BYTES;
/**
 * Blocks after the first are sized from the bytes per row measured on a sample of the rows read so
 * far, times this margin (rows further down may hold longer text than the sample).
 */
export const MEASURED_SIZE_MARGIN = 1.25;
/** Rows of each block whose bytes are counted (evenly spread): the cost does not grow with the block. */
const SAMPLE_ROWS = 64;

/** How much larger each new guess per cell is when Excel refused the first block (long texts at the top). */
const FIRST_BLOCK_GUESS_GROWTH = 8;
const FIRST_BLOCK_ATTEMPTS = 3;

/** Thrown inside a read when Excel refused the first block: the read starts again with a larger guess. */
class FirstBlockTooLarge extends Error {
  constructor(readonly original: unknown) {
    super("The first block of cells was too large for one response");
  }
}

export async function readActiveSheetSnapshot(context: Excel.RequestContext, options: SnapshotOptions): Promise<SheetSnapshot> {
  // The first block rides with the shape-dependent loads of sync 2, so a refusal fails all of them;
  // the read starts again (one cheap shape sync more) with a guess per cell that many times larger.
  const counted = { ...options, counter: options.counter ?? new SyncCounter(context) };
  let bytesPerCell = ESTIMATED_BYTES_PER_CELL;
  // The selection is a hint: while a chart or shape is selected Excel has no selected range and
  // fails the request with InvalidSelection (by design, office-js #2268, #8). The shape sync is then
  // sent again without it, so clicking our chart costs one sync, never the read.
  let withSelection = true;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readWithFirstBlockGuess(context, counted, bytesPerCell, withSelection);
    } catch (error) {
      if (error instanceof SelectionUnavailable) {
        withSelection = false;
        attempt -= 1;
        continue;
      }
      if (!(error instanceof FirstBlockTooLarge)) throw error;
      if (attempt === FIRST_BLOCK_ATTEMPTS) throw error.original;
      bytesPerCell *= FIRST_BLOCK_GUESS_GROWTH;
    }
  }
}

/** Thrown inside a read when the shape sync failed because no cells are selected (a chart is). */
class SelectionUnavailable extends Error {
  constructor() {
    super("No cells are selected (a chart or shape is)");
  }
}

async function readWithFirstBlockGuess(
  context: Excel.RequestContext,
  options: SnapshotOptions & { counter: SyncCounter },
  bytesPerCell: number,
  withSelection: boolean,
): Promise<SheetSnapshot> {
  const counter = options.counter;
  const budget = options.responseBudgetBytes ?? DEFAULT_RESPONSE_BUDGET_BYTES;

  // --- Sync 1: the shape ------------------------------------------------------------------------
  const shape = queueShape(context.workbook, options.requirements, withSelection);
  try {
    await counter.sync();
  } catch (error) {
    if (withSelection && officeErrorCode(error) === "InvalidSelection") throw new SelectionUnavailable();
    throw error;
  }
  const { sheet, usedRange, mergedAreas } = shape;
  const origin = { row: usedRange.rowIndex, column: usedRange.columnIndex };
  const rowCount = usedRange.rowCount;
  const columnCount = usedRange.columnCount;

  // --- Sync 2 (and more only for very large sheets): cells and shape-dependent facts --------------
  // Queued before the first block of cells, which rides with them in sync 2.
  const tableParts = queueTableParts(shape.tables);
  const nameRanges = queueNameRanges([...shape.workbookNames.items, ...(shape.sheetNames?.items ?? [])]);
  // Hidden columns: only probe each column when the used range says some (not all, not none) are hidden.
  const hiddenColumnProbes = columnProbes(usedRange, columnCount);
  // The first block is sized by a conservative guess per cell (a sheet that fits is read in 2 syncs).
  const firstBlockRows = Math.max(1, Math.floor(budget / (bytesPerCell * Math.max(1, columnCount))));
  const cells = await readCellBlocks(counter, usedRange, rowCount, columnCount, budget, firstBlockRows);

  const merged: CellRect[] =
    mergedAreas && !mergedAreas.isNullObject ? mergedAreas.areas.items.map((area) => rectOf(area)) : [];
  return {
    sheetName: sheet.name,
    origin,
    ...cells,
    hiddenColumns: hiddenColumnProbes.read(origin.column),
    mergedAreas: merged,
    tables: tableParts.map(({ table, range, columns }) => ({
      name: table.name,
      rect: rectOf(range),
      showHeaders: table.showHeaders,
      showTotals: table.showTotals,
      columnNames: columns.items.map((column) => column.name),
    })),
    selection: selectionOf(shape),
    definedNames: definedNamesOn(sheet.name, nameRanges),
  };
}

/** Sync 1's loads: the used range, tables, names, merged areas (1.13) and the selection (1.9, else the one range). */
function queueShape(workbook: Excel.Workbook, requirements: Requirements, withSelection: boolean) {
  const sheet = workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const usedRange = sheet.getUsedRange(true);
  usedRange.load("rowIndex,columnIndex,rowCount,columnCount,columnHidden");
  const tables = sheet.tables;
  tables.load("items/name,items/showHeaders,items/showTotals");
  const workbookNames = workbook.names;
  workbookNames.load("items/name,items/type");
  // Sheet-scoped names (ExcelApi 1.4); the test double does not model them, hence the guard.
  const sheetNames = sheet.names as Excel.NamedItemCollection | undefined;
  sheetNames?.load("items/name,items/type");
  const mergedAreas =
    requirements.excelApi("1.13") && typeof usedRange.getMergedAreasOrNullObject === "function" ? usedRange.getMergedAreasOrNullObject() : null;
  if (mergedAreas) mergedAreas.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
  // Feature checks beside the requirement set: a host (or test double) may lack a method.
  const selectionAreas =
    withSelection && requirements.excelApi("1.9") && typeof workbook.getSelectedRanges === "function" ? workbook.getSelectedRanges() : null;
  if (selectionAreas) selectionAreas.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
  const legacySelection = withSelection && !selectionAreas ? workbook.getSelectedRange() : null;
  if (legacySelection) legacySelection.load("rowIndex,columnIndex,rowCount,columnCount,worksheet/name");
  return { sheet, usedRange, tables, workbookNames, sheetNames, mergedAreas, selectionAreas, legacySelection };
}

function queueTableParts(tables: Excel.TableCollection) {
  return tables.items.map((table) => {
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    const columns = table.columns;
    columns.load("items/name");
    return { table, range, columns };
  });
}

function queueNameRanges(names: Excel.NamedItem[]) {
  return names
    .filter((name) => name.type === "Range")
    .map((name) => {
      const range = name.getRangeOrNullObject();
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      return { name: name.name, range };
    });
}

/**
 * The used range's cells in row blocks of one response each: the first rides with the rest of
 * sync 2; the next are sized by what the rows read so far measured.
 */
async function readCellBlocks(counter: SyncCounter, usedRange: Excel.Range, rowCount: number, columnCount: number, budget: number, firstBlockRows: number) {
  // Excel's rows are kept as they come (no copy per cell): the core reads `formulas` as Excel gives it.
  // Sized up front and filled by index: 100,000 rows pushed one by one into three arrays copy them as they grow.
  const values = new Array<CellValue[]>(rowCount);
  const numberFormats = new Array<string[]>(rowCount);
  const formulas = new Array<CellValue[]>(rowCount);

  let rowsPerBlock = firstBlockRows;
  let measuredRowBytes = 0;
  let firstRow = 0;
  do {
    const blockRows = Math.min(rowsPerBlock, rowCount - firstRow);
    const block = blockRows > 0 ? usedRange.getCell(firstRow, 0).getResizedRange(blockRows - 1, columnCount - 1) : null;
    block?.load("values,numberFormat,formulas");
    try {
      // eslint-disable-next-line no-restricted-syntax -- one response per block sized by bytes: the syncs grow with bytes, not rows (issue 6).
      await counter.sync();
    } catch (error) {
      // A later block whose rows turned out longer than measured: read it again in halves. The
      // first block carries the rest of sync 2: the whole read starts again with a larger guess.
      if (firstRow === 0 && blockRows > 1 && isResponseTooLarge(error)) throw new FirstBlockTooLarge(error);
      if (firstRow === 0 || blockRows <= 1 || !isResponseTooLarge(error)) throw error;
      rowsPerBlock = Math.ceil(blockRows / 2);
      continue;
    }
    if (!block) break;
    const blockValues = block.values as CellValue[][];
    const blockFormats = block.numberFormat as string[][];
    const blockFormulas = block.formulas as CellValue[][];
    placeRows(values, blockValues, firstRow);
    placeRows(numberFormats, blockFormats, firstRow);
    placeRows(formulas, blockFormulas, firstRow);
    firstRow += blockRows;
    if (firstRow < rowCount) {
      measuredRowBytes = Math.max(measuredRowBytes, sampledRowBytes(blockValues, blockFormats, blockFormulas));
      rowsPerBlock = Math.max(1, Math.floor(budget / (measuredRowBytes * MEASURED_SIZE_MARGIN)));
    }
  } while (firstRow < rowCount);
  return { values, numberFormats, formulas };
}

/** Names that point at one area of this sheet (names of several areas are not ours). */
function definedNamesOn(sheetName: string, nameRanges: { name: string; range: Excel.Range }[]): DefinedNameRef[] {
  const definedNames: DefinedNameRef[] = [];
  for (const { name, range } of nameRanges) {
    if (range.isNullObject) continue;
    if (range.address.includes(",")) continue;
    if (sheetOfAddress(range.address) !== sheetName) continue;
    definedNames.push({ name, rect: rectOf(range) });
  }
  return definedNames;
}

function selectionOf({ sheet, selectionAreas, legacySelection }: ReturnType<typeof queueShape>): CellRect | null {
  if (selectionAreas && selectionAreas.areas.items.length > 0) return rectOf(selectionAreas.areas.items[0]);
  if (legacySelection && legacySelection.worksheet.name === sheet.name) return rectOf(legacySelection);
  return null;
}

/** Average response bytes of one row (values, numberFormat and formulas), from up to SAMPLE_ROWS rows. */
function sampledRowBytes(values: CellValue[][], numberFormats: string[][], formulas: CellValue[][]): number {
  const rows = values.length;
  if (rows === 0) return 1;
  const step = Math.max(1, Math.floor(rows / SAMPLE_ROWS));
  let bytes = 0;
  let sampled = 0;
  for (let r = 0; r < rows; r += step) {
    // Each row appears once in each of the three arrays, with a comma between rows.
    bytes += rowJsonBytes(values[r]) + rowJsonBytes(numberFormats[r]) + rowJsonBytes(formulas[r]);
    sampled += 1;
  }
  return Math.max(1, bytes / sampled);
}

function isResponseTooLarge(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit" || code === "OperationCellsExceedLimit";
}

/** Puts a block's rows in place from row `at` (a loop, not splice(...rows): one argument per row overflows the stack). */
function placeRows<T>(target: T[][], rows: T[][], at: number): void {
  for (let r = 0; r < rows.length; r += 1) target[at + r] = rows[r];
}

function columnProbes(usedRange: Excel.Range, columnCount: number) {
  if (usedRange.columnHidden !== null) {
    const allHidden = usedRange.columnHidden === true;
    return {
      read: (firstColumn: number) => (allHidden ? range(firstColumn, columnCount) : []),
    };
  }
  const probes: Excel.Range[] = [];
  for (let c = 0; c < columnCount; c += 1) {
    const column = usedRange.getColumn(c);
    column.load("columnHidden");
    probes.push(column);
  }
  return {
    read: (firstColumn: number) =>
      probes.flatMap((probe, c) => (probe.columnHidden ? [firstColumn + c] : [])),
  };
}

function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}
