/**
 * CSV and "Unicode text" files as text and rows: the encoding (decodeText), the separator and
 * RFC 4180 quotes (parseCsv), Excel's sheet limits, and the one-sheet snapshot (snapshotOfCsv).
 */
import type { SheetSnapshot } from "../core/types";
import { snapshotFromRows } from "../core/snapshot";

import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from "../core/text";

// Excel's own sheet size: a register beyond it cannot have come from Excel, nor go back into it.
export { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS };

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
