/**
 * Reading .xlsx and .csv files into the same SheetSnapshot that the add-in makes with Office.js:
 * values as Excel shows them (formula cells give their cached result), number formats, tables,
 * hidden columns, merged areas.
 */
import { readFile } from "node:fs/promises";
import { getHeapStatistics } from "node:v8";
import ExcelJS from "exceljs";
import type { CellRect, CellValue, DefinedNameRef, SheetSnapshot, TableSnapshot } from "../core/types";
import { columnIndex } from "../core/text";
import { snapshotFromRows } from "../core/snapshot";
import { ct, type CliMessageKey } from "./i18n";

/** A file the CLI cannot read: a message key of the core's resources and its parameters (always the file). */
export class InputError extends Error {
  constructor(
    readonly key: CliMessageKey,
    readonly params: Record<string, string | number> & { file: string },
  ) {
    super(ct("en", key, params));
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

/** The most cells of rows that hold something that a sheet's snapshot builds (24 bytes a cell). */
export const MAX_SNAPSHOT_CELLS = 20_000_000;

/** A sheet whose rows with content, across the columns in use, hold more cells than MAX_SNAPSHOT_CELLS. */
class SheetTooLargeError extends Error {
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
      const v = plainValue(cell.value);
      if (v === "") return;
      holdsContent = true;
      top = Math.min(top, rowNumber - 1);
      bottom = Math.max(bottom, rowNumber - 1);
      left = Math.min(left, colNumber - 1);
      if (colNumber - 1 >= right) lastCell = cell.address;
      right = Math.max(right, colNumber - 1);
    });
    if (holdsContent) contentRows.push(row);
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
  const bytes = await readBytes(path);
  checkWorkbookBytes(bytes, path);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    // exceljs's own message ("End of data reached", "Corrupted zip ?") means nothing to a user.
    throw new InputError("cli.error.xlsx-damaged", { file: path });
  }
  const sheets: SheetSnapshot[] = [];
  try {
    workbook.eachSheet((ws) => sheets.push({ ...snapshotOfWorksheet(ws), definedNames: definedNamesOnSheet(workbook, ws.name) }));
  } catch (error) {
    if (error instanceof SheetTooLargeError) throw new InputError("cli.error.sheet-too-large", { file: path, ...error.params });
    throw new InputError("cli.error.xlsx-damaged", { file: path });
  }
  if (sheets.length === 0) throw new InputError("cli.error.xlsx-no-workbook", { file: path });
  return sheets;
}

/**
 * What the file's first bytes and its zip directory say, before exceljs inflates anything: an
 * empty file, an old .xls or a password-protected workbook (both OLE compound files), an .ods, a
 * zip without a workbook, or one that inflates to more than can be read in memory (a zip bomb).
 */
export function checkWorkbookBytes(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new InputError("cli.error.empty-file", { file });
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Excel saves a workbook with a password as an OLE file holding an "EncryptedPackage" stream.
    if (indexOfBytes(bytes, utf16leBytes("EncryptedPackage")) >= 0) throw new InputError("cli.error.password", { file });
    throw new InputError("cli.error.legacy-format", { file, format: ".xls" });
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) throw new InputError("cli.error.xlsx-not-zip", { file });
  const entries = zipDirectory(bytes);
  if (entries === null) throw new InputError("cli.error.xlsx-damaged", { file });
  if (entries.some((e) => e.name === "mimetype") && indexOfBytes(bytes.subarray(0, 200), asciiBytes("opendocument")) >= 0) {
    throw new InputError("cli.error.legacy-format", { file, format: ".ods" });
  }
  if (!entries.some((e) => e.name === "xl/workbook.xml")) throw new InputError("cli.error.xlsx-no-workbook", { file });
  let unpacked = 0;
  for (const entry of entries) unpacked += entry.size;
  refuseAboveMemory(file, unpacked * XLSX_MEMORY_PER_XML_BYTE, "cli.error.xlsx-too-large", unpacked);
}

/**
 * Memory a read takes per byte, measured with test/hostile/measure-large-inputs.ts: exceljs holds
 * the whole workbook (300,000 rows, 125 MB of XML: 1.6 GB peak); a CSV of 1,048,575 rows (186 MB)
 * peaked at 3.5 GB through analysis and JSON output. Rounded up.
 */
export const XLSX_MEMORY_PER_XML_BYTE = 14;
export const CSV_MEMORY_PER_BYTE = 20;

/** Refuses, before reading, a file whose reading would need more memory than this Node process may use (a bomb, or a giant). */
function refuseAboveMemory(file: string, neededBytes: number, key: "cli.error.xlsx-too-large" | "cli.error.csv-too-large", size: number): void {
  const available = getHeapStatistics().heap_size_limit;
  if (neededBytes <= available) return;
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  throw new InputError(key, { file, size: mb(size), needed: mb(neededBytes), available: mb(available) });
}

interface ZipEntry {
  name: string;
  size: number;
}

/** The names and unpacked sizes in a zip's central directory; null when there is none to be found (a truncated file). */
function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record sits in the last 22 bytes, plus a comment of at most 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder("utf-8").decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // 0xFFFFFFFF: a zip64 size, over 4 GB.
    entries.push({ name, size: size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

function utf16leBytes(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, "utf16le"));
}

function indexOfBytes(bytes: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle);
}

/** Excel's own sheet size: a register beyond it cannot have come from Excel, nor go back into it. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/**
 * The text of a CSV or "Unicode text" file. A byte-order mark decides; else the bytes are taken as
 * UTF-8 when they are valid UTF-8, and as Windows-1252 (what Dutch Excel's "CSV (gescheiden door
 * lijstscheidingsteken)" writes) when they are not. UTF-16 without a mark is recognised by its zero bytes.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const unmarkedUtf16 = utf16WithoutMark(bytes);
  if (unmarkedUtf16) return { text: new TextDecoder(unmarkedUtf16).decode(bytes), encoding: unmarkedUtf16 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** ASCII text in UTF-16 has a zero byte in every pair: at the odd offsets (LE) or the even ones (BE). */
function utf16WithoutMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const sample = Math.min(bytes.length - (bytes.length % 2), 512);
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.9 && evenZeros === 0) return "utf-16le";
  if (evenZeros > pairs * 0.9 && oddZeros === 0) return "utf-16be";
  return null;
}

/** The field separator: whichever of `;`, tab and `,` the first non-blank line uses most outside quotes (`;` wins a tie, as Dutch Excel writes it). */
function separatorOf(text: string): string {
  let start = 0;
  let line = "";
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    line = text.slice(start, end);
    if (line.trim() !== "") break;
    start = end + 1;
  }
  const outsideQuotes = line.replace(/"[^"]*"/g, "");
  const count = (separator: string) => outsideQuotes.split(separator).length - 1;
  const candidates = [";", "\t", ","];
  let best = ";";
  for (const candidate of candidates) if (count(candidate) > count(best)) best = candidate;
  return count(best) > 0 ? best : ",";
}

/**
 * Splits CSV text into rows of fields: `;`, tab or `,` separated (see separatorOf), quotes as in
 * RFC 4180. A quote that is never closed is an error naming the line it opened on (it would
 * otherwise swallow every row after it into one field). More rows or columns than an Excel sheet
 * holds are refused while reading, before they take memory.
 */
export function parseCsv(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = separatorOf(body);
  const rows: string[][] = [];
  let row: string[] = [];
  let line = 1;
  let i = 0;
  const length = body.length;
  const endRow = () => {
    if (row.length > EXCEL_MAX_COLUMNS) throw new CsvLimitError("columns", row.length, line);
    rows.push(row);
    if (rows.length > EXCEL_MAX_ROWS) throw new CsvLimitError("rows", rows.length, line);
    row = [];
  };
  while (i < length) {
    // One field per turn: [i, …) up to a separator, a line end or the end of the text.
    let field: string;
    if (body.charCodeAt(i) === 34 /* " */) {
      const openedOn = line;
      let parts = "";
      let from = i + 1;
      for (;;) {
        const quote = body.indexOf('"', from);
        if (quote < 0) throw new CsvQuoteError(openedOn);
        parts += body.slice(from, quote);
        line += countLineBreaks(body, from, quote);
        if (body.charCodeAt(quote + 1) === 34) {
          parts += '"';
          from = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      // Text after the closing quote (`"a"b`) belongs to the field, as Excel reads it.
      const rest = nextDelimiter(body, i, separator);
      field = rest > i ? parts + body.slice(i, rest) : parts;
      i = rest;
    } else {
      const end = nextDelimiter(body, i, separator);
      field = body.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= length) break;
    const ch = body[i];
    if (ch === separator) {
      i++;
      // A separator at the very end of the text leaves one empty last field.
      if (i >= length) row.push("");
    } else {
      i += ch === "\r" && body[i + 1] === "\n" ? 2 : 1;
      endRow();
      line++;
    }
  }
  if (row.length > 0) endRow();
  return rows;
}

/** Where the unquoted field starting at `from` ends: the next separator, line break or the end. */
function nextDelimiter(text: string, from: number, separator: string): number {
  const separatorCode = separator.charCodeAt(0);
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === separatorCode || code === 10 || code === 13) return i;
  }
  return text.length;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at >= 0 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/** A quoted field that never ends. */
export class CsvQuoteError extends Error {
  constructor(readonly line: number) {
    super(`A quote opened on line ${line} is never closed.`);
    this.name = "CsvQuoteError";
  }
}

/** A CSV with more rows or columns than an Excel sheet holds. */
export class CsvLimitError extends Error {
  constructor(
    readonly limit: "rows" | "columns",
    readonly count: number,
    readonly line: number,
  ) {
    super(`More ${limit} than an Excel sheet holds (line ${line}).`);
    this.name = "CsvLimitError";
  }
}

/** A CSV file as a one-sheet snapshot named after the file; every cell is text, as typed. */
export function snapshotOfCsv(text: string, sheetName: string): SheetSnapshot {
  const rows = parseCsv(text);
  // Padded in place: a copy of a million rows would double the memory the rows take.
  let width = 1;
  for (const row of rows) if (row.length > width) width = row.length;
  for (const row of rows) while (row.length < width) row.push("");
  return snapshotFromRows(sheetName, [], rows.length > 0 ? { values: rows } : {});
}

/**
 * A valid Excel sheet name made from a file name: at most 31 characters, none of `[ ] : * ? / \`,
 * no `'` at either end, not the reserved "History", not empty.
 */
export function sheetNameFromFileName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  let name = fileName.replace(/[[\]:*?/\\\u0000-\u001f\u007f]/g, "_").replace(/^'+|'+$/g, "").trim();
  if (name.length > 31) {
    name = name.slice(0, 31);
    // Not half a surrogate pair at the cut.
    if (/[\ud800-\udbff]$/.test(name)) name = name.slice(0, 30);
    name = name.replace(/'+$/, "").trimEnd();
  }
  if (name === "") return "Register";
  if (name.toLowerCase() === "history") return "History_";
  return name;
}

export interface ReadCsvResult {
  snapshot: SheetSnapshot;
  encoding: TextEncoding;
}

/** A .csv or tab-separated .txt file as a one-sheet snapshot named after the file, with the encoding it was read in. */
export async function readCsvFile(path: string, sheetName: string): Promise<ReadCsvResult> {
  const bytes = await readBytes(path);
  if (bytes.length === 0) throw new InputError("cli.error.empty-file", { file: path });
  refuseAboveMemory(path, bytes.length * CSV_MEMORY_PER_BYTE, "cli.error.csv-too-large", bytes.length);
  const { text, encoding } = decodeText(bytes);
  try {
    return { snapshot: snapshotOfCsv(text, sheetNameFromFileName(sheetName)), encoding };
  } catch (error) {
    if (error instanceof CsvQuoteError) throw new InputError("cli.error.csv-quote", { file: path, line: error.line });
    if (error instanceof CsvLimitError) {
      const limit = error.limit === "rows" ? EXCEL_MAX_ROWS : EXCEL_MAX_COLUMNS;
      throw new InputError(`cli.error.csv-${error.limit}`, { file: path, line: error.line, limit });
    }
    throw error;
  }
}

export async function readCsv(path: string, sheetName: string): Promise<SheetSnapshot> {
  return (await readCsvFile(path, sheetName)).snapshot;
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError("cli.error.unreadable", { file: path, detail: code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a file" : (error as Error).message });
  }
}
