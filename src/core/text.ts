/**
 * Small text and address helpers shared by the register reader, the task pane and the CLI.
 */
import type { CellValue } from "./types";

/** Excel's sheet size (rows 1–1,048,576, columns A–XFD). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

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
  if (typeof value !== "string") return value === null || value === undefined;
  if (value.length === 0) return true;
  // A text whose first character cannot be whitespace is not blank: no trimmed copy (a million cells).
  return mayBeSpace(value.charCodeAt(0)) ? value.trim() === "" : false;
}

/**
 * Whether a cell holds a formula, from Excel's `range.formulas` entry and the cell's value: a
 * formula entry starts with "=", a constant's entry is the constant itself (or null in a snapshot).
 */
export function isFormulaCell(formula: CellValue | undefined, value: CellValue | undefined): formula is string {
  return typeof formula === "string" && formula.length > 1 && formula.charCodeAt(0) === 61 && formula !== value;
}

/**
 * Whether a cell holds something, from its value and its `formulas` entry: a value, or a formula
 * even when it shows nothing (a constant "" or a space does not count).
 */
export function cellHoldsContent(value: CellValue | undefined, formula: CellValue | undefined): boolean {
  return !isBlank(value) || isFormulaCell(formula, value);
}

/** The cell's formula text, or null for a constant (see isFormulaCell). */
export function formulaText(formula: CellValue | undefined, value: CellValue | undefined): string | null {
  return isFormulaCell(formula, value) ? formula : null;
}

const EXCEL_ERROR = /^#(REF!|N\/A|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/i;

/** True for Excel error values as `range.values` gives them ("#REF!", "#N/A" …). */
export function isErrorValue(value: CellValue | undefined): boolean {
  if (typeof value !== "string" || value.length === 0) return false;
  // An error value starts with "#" once trimmed: most texts are ruled out by their first character.
  const first = value.charCodeAt(0);
  return (first === 35 || mayBeSpace(first)) && EXCEL_ERROR.test(value.trim());
}

/** The cell as a user would read it, for messages. */
export function displayText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(+value.toPrecision(12));
  // A text with nothing to trim is returned as it is: the same string, not a copy that the
  // analysis would keep for every partner.
  if (typeof value === "string" && value.length > 0 && !mayBeSpace(value.charCodeAt(0)) && !mayBeSpace(value.charCodeAt(value.length - 1))) return value;
  return String(value).trim();
}

/**
 * Whether trim() may remove this character: the control characters and space up to U+0020, and
 * ECMAScript's other white space (U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000, U+FEFF). Exact above U+0020, so "€ 12.500" is ruled out by its first character: a
 * euro amount in every row of a register used to cost a trim and a regular expression.
 */
function mayBeSpace(code: number): boolean {
  if (code <= 32) return true;
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
