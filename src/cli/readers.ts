/**
 * Reading .xlsx and .csv files into the same SheetSnapshot that the add-in makes with Office.js:
 * values as Excel shows them (formula cells give their cached result), number formats, tables,
 * hidden columns, merged areas.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { CellRect, CellValue, DefinedNameRef, SheetSnapshot, TableSnapshot } from "../core/types";
import { columnIndex } from "../core/text";
import { snapshotFromRows } from "../core/snapshot";

/** A file the CLI cannot read; the message names the file (and sheet). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

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
  if (!m) throw new InputError(`Unreadable range "${ref}"`);
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

/** One worksheet as a snapshot of its used range. */
export function snapshotOfWorksheet(ws: ExcelJS.Worksheet): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const v = plainValue(cell.value);
      if (v === "") return;
      top = Math.min(top, rowNumber - 1);
      bottom = Math.max(bottom, rowNumber - 1);
      left = Math.min(left, colNumber - 1);
      right = Math.max(right, colNumber - 1);
    });
  });
  const tables = ws
    .getTables()
    .map((entry) => tableOf(Array.isArray(entry) ? entry[0] : entry))
    .filter((t): t is TableSnapshot => t !== null);
  for (const t of tables) {
    top = Math.min(top, t.rect.row);
    left = Math.min(left, t.rect.column);
    bottom = Math.max(bottom, t.rect.row + t.rect.rowCount - 1);
    right = Math.max(right, t.rect.column + t.rect.columnCount - 1);
  }
  if (bottom < 0) {
    top = 0;
    left = 0;
    bottom = 0;
    right = 0;
  }
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r + 1);
    const vRow: CellValue[] = [];
    const fRow: string[] = [];
    const formulaRow: (string | null)[] = [];
    for (let c = left; c <= right; c++) {
      const cell = row.getCell(c + 1);
      // Excel shows a merged area's value in its top-left cell only; the others read as "".
      const merged = cell.type === ExcelJS.ValueType.Merge;
      vRow.push(merged ? "" : plainValue(cell.value));
      fRow.push(cell.numFmt || "General");
      formulaRow.push(merged ? null : formulaOf(cell.value));
    }
    values.push(vRow);
    numberFormats.push(fRow);
    formulas.push(formulaRow);
  }
  const hiddenColumns: number[] = [];
  const columnCount = Math.max(right + 1, ws.columnCount);
  for (let c = 0; c < columnCount; c++) if (ws.getColumn(c + 1).hidden) hiddenColumns.push(c);
  const merges = (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  const mergedAreas: CellRect[] = Object.values(merges).map((m) => ({
    row: m.top - 1,
    column: m.left - 1,
    rowCount: m.bottom - m.top + 1,
    columnCount: m.right - m.left + 1,
  }));
  return {
    sheetName: ws.name,
    origin: { row: top, column: left },
    values,
    numberFormats,
    formulas,
    hiddenColumns,
    mergedAreas,
    tables,
    selection: null,
  };
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

/** Every worksheet of an .xlsx file, in workbook order, each with the workbook names that point into it. */
export async function readXlsx(path: string): Promise<SheetSnapshot[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new InputError(`Cannot read "${path}" as an Excel workbook: ${(error as Error).message}`);
  }
  const sheets: SheetSnapshot[] = [];
  workbook.eachSheet((ws) => sheets.push({ ...snapshotOfWorksheet(ws), definedNames: definedNamesOnSheet(workbook, ws.name) }));
  return sheets;
}

/** Splits CSV text into rows of fields: `;` or `,` separated (whichever the first line uses more), quotes as in RFC 4180. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const count = (sep: string) => firstLine.replace(/"[^"]*"/g, "").split(sep).length - 1;
  const separator = count(";") >= count(",") && count(";") > 0 ? ";" : count("\t") > count(",") ? "\t" : ",";
  const rows: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV file as a one-sheet snapshot named after the file; every cell is text, as typed. */
export function snapshotOfCsv(text: string, sheetName: string): SheetSnapshot {
  return snapshotFromRows(sheetName, parseCsv(text));
}

export async function readCsv(path: string, sheetName: string): Promise<SheetSnapshot> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    throw new InputError(`Cannot read "${path}": ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  return snapshotOfCsv(buffer.toString("utf8"), sheetName);
}
