/**
 * One exceljs worksheet as the SheetSnapshot the add-in makes with Office.js: values as Excel shows
 * them (formula cells give their cached result), number formats, tables, hidden columns, merged
 * areas, and the workbook names that point into it.
 */
import ExcelJS from "exceljs";
import type { CellRect, CellValue, DefinedNameRef, SheetSnapshot, TableSnapshot } from "../../core/types";
import { columnIndex } from "../../core/text";


const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel's serial day number for a date (what `range.values` gives for a date cell). */
export function excelSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

export function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return excelSerial(value);
  if (typeof value === "object") {
    if ("error" in value && value.error) return String(value.error);
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((p) => p.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      // A formula saved without a cached result: Excel would compute it; we cannot, so it reads as blank.
      if (result === undefined || result === null) return "";
      return plainValue(result as ExcelJS.CellValue);
    }
    if ("text" in value && typeof (value as ExcelJS.CellHyperlinkValue).text === "string") return (value as ExcelJS.CellHyperlinkValue).text;
  }
  return String(value);
}

export function formulaOf(value: ExcelJS.CellValue): string | null {
  if (value && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    const f = (value as ExcelJS.CellFormulaValue).formula ?? (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
    return f ? `=${f}` : null;
  }
  return null;
}

function parseRef(ref: string): CellRect {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) throw new Error(`Unreadable range "${ref}"`);
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? columnIndex(m[3]) : left;
  return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
}

interface TableModel {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns?: { name: string }[];
  rows?: unknown[];
}

function tableOf(raw: unknown): TableSnapshot | null {
  const holder = raw as { table?: TableModel; model?: TableModel };
  const model: TableModel | undefined = holder.table ?? holder.model ?? (raw as TableModel);
  if (!model) return null;
  const showHeaders = model.headerRow !== false;
  const showTotals = !!model.totalsRow;
  let rect: CellRect;
  if (model.tableRef && model.tableRef.includes(":")) rect = parseRef(model.tableRef);
  else if (model.ref) {
    const start = parseRef(model.ref);
    const rowCount = (model.rows?.length ?? 0) + (showHeaders ? 1 : 0) + (showTotals ? 1 : 0);
    rect = { row: start.row, column: start.column, rowCount, columnCount: model.columns?.length ?? 1 };
  } else return null;
  return {
    name: model.displayName ?? model.name ?? "Table",
    rect,
    showHeaders,
    showTotals,
    columnNames: (model.columns ?? []).map((c) => String(c.name ?? "")),
  };
}

/** A worksheet's tables, as loaded from a file or added since (exceljs keeps both kinds). */
export function worksheetTables(ws: ExcelJS.Worksheet): TableSnapshot[] {
  return ws
    .getTables()
    .map((entry) => tableOf(Array.isArray(entry) ? entry[0] : entry))
    .filter((t): t is TableSnapshot => t !== null);
}

/** The most cells of rows that hold something that a sheet's snapshot builds (24 bytes a cell). */
export const MAX_SNAPSHOT_CELLS = 20_000_000;

/** A sheet whose rows with content, across the columns in use, hold more cells than MAX_SNAPSHOT_CELLS. */
export class SheetTooLargeError extends Error {
  constructor(readonly params: { sheet: string; rows: number; columns: number; cell: string; limit: number }) {
    super(`Sheet "${params.sheet}" is too large to read.`);
  }
}

/**
 * One worksheet as a snapshot of the rectangle its content spans. Only rows that hold something get
 * cells of their own; the empty rows in between share one row of blanks, so a stray value at
 * XFD1048576 costs a million pointers, not 17 billion cells.
 */
export function snapshotOfWorksheet(ws: ExcelJS.Worksheet): SheetSnapshot {
  const tables = worksheetTables(ws);
  const { top, left, bottom, right, lastCell, contentRows } = extentOf(ws, tables);
  const width = right - left + 1;
  // Rows of a table without content of their own are built too (the table may be empty).
  const builtRows = new Set(contentRows.map((row) => row.number - 1));
  for (const t of tables) for (let r = t.rect.row; r < t.rect.row + t.rect.rowCount; r++) builtRows.add(r);
  if (builtRows.size * width > MAX_SNAPSHOT_CELLS) {
    throw new SheetTooLargeError({ sheet: ws.name, rows: builtRows.size, columns: width, cell: lastCell, limit: MAX_SNAPSHOT_CELLS });
  }
  const emptyValues: CellValue[] = new Array<CellValue>(width).fill("");
  const emptyFormats: string[] = new Array<string>(width).fill("General");
  const emptyFormulas: (string | null)[] = new Array<string | null>(width).fill(null);
  const height = bottom - top + 1;
  const values = new Array<CellValue[]>(height).fill(emptyValues);
  const numberFormats = new Array<string[]>(height).fill(emptyFormats);
  const formulas = new Array<(string | null)[]>(height).fill(emptyFormulas);
  for (const r of builtRows) {
    const row = ws.getRow(r + 1);
    const vRow: CellValue[] = new Array<CellValue>(width);
    const fRow: string[] = new Array<string>(width);
    const formulaRow: (string | null)[] = new Array<string | null>(width);
    for (let c = left; c <= right; c++) {
      const cell = row.getCell(c + 1);
      // Excel shows a merged area's value in its top-left cell only; the others read as "".
      const merged = cell.type === ExcelJS.ValueType.Merge;
      vRow[c - left] = merged ? "" : plainValue(cell.value);
      fRow[c - left] = cell.numFmt || "General";
      formulaRow[c - left] = merged ? null : formulaOf(cell.value);
    }
    values[r - top] = vRow;
    numberFormats[r - top] = fRow;
    formulas[r - top] = formulaRow;
  }
  return {
    sheetName: ws.name,
    origin: { row: top, column: left },
    values,
    numberFormats,
    formulas,
    hiddenColumns: hiddenColumnsOf(ws, right),
    mergedAreas: mergedAreasOf(ws),
    tables,
    selection: null,
  };
}

/**
 * The rectangle the sheet's content and tables span (A1 alone for an empty sheet), the right-most
 * cell with content (named when the sheet is too large), and the rows that hold something.
 */
function extentOf(ws: ExcelJS.Worksheet, tables: TableSnapshot[]) {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  let lastCell = "";
  const contentRows: ExcelJS.Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    let holdsContent = false;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      // A formula that shows nothing is content all the same: Excel's used range holds it.
      if (plainValue(cell.value) === "" && formulaOf(cell.value) === null) return;
      holdsContent = true;
      top = Math.min(top, rowNumber - 1);
      bottom = Math.max(bottom, rowNumber - 1);
      left = Math.min(left, colNumber - 1);
      if (colNumber - 1 >= right) lastCell = cell.address;
      right = Math.max(right, colNumber - 1);
    });
    if (holdsContent) contentRows.push(row);
  });
  for (const t of tables) {
    top = Math.min(top, t.rect.row);
    left = Math.min(left, t.rect.column);
    bottom = Math.max(bottom, t.rect.row + t.rect.rowCount - 1);
    right = Math.max(right, t.rect.column + t.rect.columnCount - 1);
  }
  if (bottom < 0) return { top: 0, left: 0, bottom: 0, right: 0, lastCell, contentRows };
  return { top, left, bottom, right, lastCell, contentRows };
}

function hiddenColumnsOf(ws: ExcelJS.Worksheet, right: number): number[] {
  const hiddenColumns: number[] = [];
  const columnCount = Math.max(right + 1, ws.columnCount);
  for (let c = 0; c < columnCount; c++) if (ws.getColumn(c + 1).hidden) hiddenColumns.push(c);
  return hiddenColumns;
}

function mergedAreasOf(ws: ExcelJS.Worksheet): CellRect[] {
  const merges = (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  return Object.values(merges).map((m) => ({
    row: m.top - 1,
    column: m.left - 1,
    rowCount: m.bottom - m.top + 1,
    columnCount: m.right - m.left + 1,
  }));
}

/** Parses "'Sheet'!$A$1:$B$2" / "Sheet!$A$1" into sheet and rect; null for anything else. */
export function parseSheetReference(reference: string): { sheetName: string; rect: CellRect } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!'\s]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(reference.trim());
  if (!m) return null;
  const sheetName = (m[1] ?? m[2]).replace(/''/g, "'");
  const c1 = columnIndex(m[3]);
  const r1 = Number(m[4]) - 1;
  const c2 = m[5] ? columnIndex(m[5]) : c1;
  const r2 = m[6] ? Number(m[6]) - 1 : r1;
  return { sheetName, rect: { row: Math.min(r1, r2), column: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, columnCount: Math.abs(c2 - c1) + 1 } };
}

/** Workbook names that point at one rectangle of `sheetName` (what SheetSnapshot.definedNames holds). */
export function definedNamesOnSheet(workbook: ExcelJS.Workbook, sheetName: string): DefinedNameRef[] {
  const model = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  const out: DefinedNameRef[] = [];
  for (const entry of model) {
    if (entry.ranges.length !== 1) continue;
    const parsed = parseSheetReference(entry.ranges[0]);
    if (parsed && parsed.sheetName === sheetName) out.push({ name: entry.name, rect: parsed.rect });
  }
  return out;
}
