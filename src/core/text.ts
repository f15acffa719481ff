/**
 * Small text and address helpers shared by the register reader, the task pane and the CLI.
 */
import type { CellValue } from "./types";

/** Lower-case, accents removed, punctuation turned into spaces, whitespace collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9%€]+/g, " ")
    .trim();
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetter(columnIndex: number): string {
  if (!Number.isInteger(columnIndex) || columnIndex < 0) throw new RangeError(`Invalid column index ${columnIndex}`);
  let letters = "";
  let n = columnIndex + 1;
  while (n > 0) {
    const remainder = (n - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** 0 for "A", 26 for "AA"; case-insensitive. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new RangeError(`Invalid column letters "${letters}"`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B7" for row 6, column 1 (both 0-based). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** True for "", null, or text of only whitespace. */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

const EXCEL_ERROR = /^#(REF!|N\/A|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/i;

/** True for Excel error values as `range.values` gives them ("#REF!", "#N/A" …). */
export function isErrorValue(value: CellValue | undefined): boolean {
  return typeof value === "string" && value.includes("#") && EXCEL_ERROR.test(value.trim());
}

/** The cell as a user would read it, for messages. */
export function displayText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(+value.toPrecision(12));
  return String(value).trim();
}
