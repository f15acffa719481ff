/**
 * Reading the active worksheet into a SheetSnapshot in a constant number of round trips:
 * sync 1 learns the shape (used range, tables, names, selection, merged areas), sync 2 reads the
 * cells and everything that depends on the shape. Only a used range larger than the response
 * budget (Excel on the web: 5 MB per response) is read in further row blocks, one sync per block.
 */
import type { CellRect, CellValue, DefinedNameRef, SheetSnapshot, TableSnapshot } from "../core/types";
import type { Requirements } from "./env";
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
 * (JSON text of a partner name twice plus a short format). Conservative, so a block stays under budget.
 */
export const ESTIMATED_BYTES_PER_CELL = 96;
export const DEFAULT_RESPONSE_BUDGET_BYTES = 4 * 1024 * 1024;
/** Rows per probe block when hidden rows are found without getSpecialCells (before ExcelApi 1.9). */
const HIDDEN_ROW_PROBE_BLOCK = 256;
/** Request bytes of one per-row probe (getCell + load rowHidden) as Office.js serialises it, rounded up. */
const BYTES_PER_ROW_PROBE = 220;

interface CellBlock {
  firstRow: number;
  range: Excel.Range;
}

export async function readActiveSheetSnapshot(context: Excel.RequestContext, options: SnapshotOptions): Promise<SheetSnapshot> {
  const counter = options.counter ?? new SyncCounter(context);
  const requirements = options.requirements;
  const budget = options.responseBudgetBytes ?? DEFAULT_RESPONSE_BUDGET_BYTES;
  const workbook = context.workbook;

  // --- Sync 1: the shape ------------------------------------------------------------------------
  const sheet = workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const usedRange = sheet.getUsedRange(true);
  usedRange.load("rowIndex,columnIndex,rowCount,columnCount,rowHidden,columnHidden");
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
  const selectionAreas = requirements.excelApi("1.9") && typeof workbook.getSelectedRanges === "function" ? workbook.getSelectedRanges() : null;
  if (selectionAreas) selectionAreas.load("areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount");
  await counter.sync();

  const origin = { row: usedRange.rowIndex, column: usedRange.columnIndex };
  const rowCount = usedRange.rowCount;
  const columnCount = usedRange.columnCount;

  // --- Sync 2 (and more only for very large sheets): cells and shape-dependent facts --------------
  const rowsPerBlock = Math.max(1, Math.floor(budget / (ESTIMATED_BYTES_PER_CELL * Math.max(1, columnCount))));
  const blocks: CellBlock[] = [];
  for (let firstRow = 0; firstRow < rowCount; firstRow += rowsPerBlock) {
    const blockRows = Math.min(rowsPerBlock, rowCount - firstRow);
    const range = usedRange.getCell(firstRow, 0).getResizedRange(blockRows - 1, columnCount - 1);
    blocks.push({ firstRow, range });
  }

  const tableParts = tables.items.map((table) => {
    const range = table.getRange();
    range.load("rowIndex,columnIndex,rowCount,columnCount");
    const columns = table.columns;
    columns.load("items/name");
    return { table, range, columns };
  });

  const nameRanges = [...workbookNames.items, ...(sheetNames?.items ?? [])]
    .filter((name) => name.type === "Range")
    .map((name) => {
      const range = name.getRangeOrNullObject();
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      return { name: name.name, range };
    });

  // Hidden columns: only probe each column when the used range says some (not all, not none) are hidden.
  const hiddenColumnProbes = columnProbes(usedRange, columnCount);

  const hiddenRowReader = hiddenRowsReader(usedRange, rowCount, requirements, budget);

  const legacySelection = selectionAreas ? null : workbook.getSelectedRange();
  if (legacySelection) legacySelection.load("rowIndex,columnIndex,rowCount,columnCount,worksheet/name");

  const values: CellValue[][] = new Array(rowCount);
  const numberFormats: string[][] = new Array(rowCount);
  const formulas: (string | null)[][] = new Array(rowCount);

  // Each block is one response; the first one rides with the rest of sync 2.
  for (let index = 0; index < blocks.length; index += 1) {
    const block = blocks[index];
    block.range.load("values,numberFormat,formulas");
    await counter.sync();
    copyBlock(block, values, numberFormats, formulas);
    // Free the proxy's copy before the next block arrives.
    block.range = undefined as unknown as Excel.Range;
  }
  if (blocks.length === 0) await counter.sync();

  const hiddenColumns = hiddenColumnProbes.read(origin.column);
  const hiddenRows = await hiddenRowReader.read(origin.row, counter);

  const tableSnapshots: TableSnapshot[] = tableParts.map(({ table, range, columns }) => ({
    name: table.name,
    rect: rectOf(range),
    showHeaders: table.showHeaders,
    showTotals: table.showTotals,
    columnNames: columns.items.map((column) => column.name),
  }));

  const definedNames: DefinedNameRef[] = [];
  for (const { name, range } of nameRanges) {
    if (range.isNullObject) continue;
    if (range.address.includes(",")) continue; // several areas: not one of ours
    if (sheetOfAddress(range.address) !== sheet.name) continue;
    definedNames.push({ name, rect: rectOf(range) });
  }

  let selection: CellRect | null = null;
  if (selectionAreas && selectionAreas.areas.items.length > 0) selection = rectOf(selectionAreas.areas.items[0]);
  else if (legacySelection && legacySelection.worksheet.name === sheet.name) selection = rectOf(legacySelection);

  const merged: CellRect[] =
    mergedAreas && !mergedAreas.isNullObject ? mergedAreas.areas.items.map((area) => rectOf(area)) : [];

  return {
    sheetName: sheet.name,
    origin,
    values,
    numberFormats,
    formulas,
    hiddenColumns,
    hiddenRows,
    mergedAreas: merged,
    tables: tableSnapshots,
    selection,
    definedNames,
  };
}

function copyBlock(block: CellBlock, values: CellValue[][], numberFormats: string[][], formulas: (string | null)[][]): void {
  const blockValues = block.range.values as CellValue[][];
  const blockFormats = block.range.numberFormat as string[][];
  const blockFormulas = block.range.formulas as unknown[][];
  for (let r = 0; r < blockValues.length; r += 1) {
    const valueRow = blockValues[r];
    const formulaRow = blockFormulas[r];
    values[block.firstRow + r] = valueRow;
    numberFormats[block.firstRow + r] = blockFormats[r].map((format) => String(format));
    // `formulas` repeats constants; a formula is a string starting with "=" that differs from the value.
    formulas[block.firstRow + r] = formulaRow.map((formula, c) =>
      typeof formula === "string" && formula.startsWith("=") && formula !== valueRow[c] ? formula : null,
    );
  }
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

/**
 * Hidden rows without a proxy per row: none or all when the used range says so; else the visible
 * cells (ExcelApi 1.9) give the visible row runs; before 1.9, blocks of rows are probed and only
 * mixed blocks are probed row by row in one extra sync.
 */
function hiddenRowsReader(usedRange: Excel.Range, rowCount: number, requirements: Requirements, budget: number) {
  if (usedRange.rowHidden !== null) {
    const allHidden = usedRange.rowHidden === true;
    return { read: async (firstRow: number) => (allHidden ? range(firstRow, rowCount) : []) };
  }
  if (requirements.excelApi("1.9") && typeof usedRange.getSpecialCellsOrNullObject === "function") {
    const visible = usedRange.getSpecialCellsOrNullObject("Visible");
    visible.load("areas/items/rowIndex,areas/items/rowCount");
    return {
      read: async (firstRow: number) => {
        const isVisible = new Uint8Array(rowCount);
        if (!visible.isNullObject) {
          for (const area of visible.areas.items) {
            for (let r = area.rowIndex; r < area.rowIndex + area.rowCount; r += 1) isVisible[r - firstRow] = 1;
          }
        }
        const hidden: number[] = [];
        for (let r = 0; r < rowCount; r += 1) if (!isVisible[r]) hidden.push(firstRow + r);
        return hidden;
      },
    };
  }
  const blocks: { first: number; count: number; range: Excel.Range }[] = [];
  for (let first = 0; first < rowCount; first += HIDDEN_ROW_PROBE_BLOCK) {
    const count = Math.min(HIDDEN_ROW_PROBE_BLOCK, rowCount - first);
    const block = usedRange.getCell(first, 0).getResizedRange(count - 1, 0);
    block.load("rowHidden");
    blocks.push({ first, count, range: block });
  }
  return {
    read: async (firstRow: number, counter: SyncCounter) => {
      const hidden: number[] = [];
      const mixedRows: number[] = [];
      for (const block of blocks) {
        if (block.range.rowHidden === true) hidden.push(...range(firstRow + block.first, block.count));
        else if (block.range.rowHidden === null) mixedRows.push(...range(block.first, block.count));
      }
      // Rows of mixed blocks one by one, in requests under the budget (one sync per budget's worth).
      const probesPerRequest = Math.max(1, Math.floor(budget / BYTES_PER_ROW_PROBE));
      for (let start = 0; start < mixedRows.length; start += probesPerRequest) {
        const rowProbes = mixedRows.slice(start, start + probesPerRequest).map((r) => {
          const row = usedRange.getCell(r, 0);
          row.load("rowHidden");
          return { row: r, range: row };
        });
        await counter.sync();
        for (const probe of rowProbes) if (probe.range.rowHidden) hidden.push(firstRow + probe.row);
      }
      return hidden.sort((a, b) => a - b);
    },
  };
}

function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}
