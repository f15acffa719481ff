/**
 * Reading .xlsx and .csv files into the same SheetSnapshot that the add-in makes with Office.js
 * (the sheet itself: xlsx/snapshot.ts; CSV text: csv.ts). What is refused is refused here, before
 * anything is inflated or parsed: an empty, foreign, damaged or too large file.
 */
import { readFile } from "node:fs/promises";
import { getHeapStatistics } from "node:v8";
import ExcelJS from "exceljs";
import type { SheetSnapshot } from "../core/types";
import { ct, type CliMessageKey } from "./i18n";
import { CsvLimitError, CsvQuoteError, decodeText, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, sheetNameFromFileName, snapshotOfCsv, type TextEncoding } from "./csv";
import { definedNamesOnSheet, SheetTooLargeError, snapshotOfWorksheet } from "./xlsx/snapshot";

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
