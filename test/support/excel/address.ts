/**
 * A1 addresses for the Excel double: parse "Blad1!$A$1:B2", "A:C", "2:5"; format as Excel does
 * ("Blad1!A1:B2", a quoted sheet name when it needs quotes, "A:A" for whole columns).
 */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** 0-based absolute rectangle on one sheet. */
export interface Rect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7})$/;

/** Splits "Sheet!A1:B2" / "'My sheet'!A1" into sheet name (unquoted) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address.trim() };
  let sheet = address.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1).trim() };
}

/** Parses a local address (no sheet) into a rectangle, or null when it is not a valid address. */
export function parseLocal(local: string): Rect | null {
  const parts = local.split(":");
  if (parts.length > 2 || parts.length === 0) return null;
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb) {
    const r1 = Number(ca[2]) - 1;
    const r2 = Number(cb[2]) - 1;
    const c1 = columnIndex(ca[1]);
    const c2 = columnIndex(cb[1]);
    if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS || c1 >= MAX_COLUMNS || c2 >= MAX_COLUMNS) return null;
    return { row: Math.min(r1, r2), column: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, columnCount: Math.abs(c2 - c1) + 1 };
  }
  if (parts.length === 2) {
    const xa = COLS.exec(a);
    const xb = COLS.exec(b);
    if (xa && xb) {
      const c1 = columnIndex(xa[1]);
      const c2 = columnIndex(xb[1]);
      if (c1 >= MAX_COLUMNS || c2 >= MAX_COLUMNS) return null;
      return { row: 0, column: Math.min(c1, c2), rowCount: MAX_ROWS, columnCount: Math.abs(c2 - c1) + 1 };
    }
    const ya = ROWS.exec(a);
    const yb = ROWS.exec(b);
    if (ya && yb) {
      const r1 = Number(ya[1]) - 1;
      const r2 = Number(yb[1]) - 1;
      if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS) return null;
      return { row: Math.min(r1, r2), column: 0, rowCount: Math.abs(r2 - r1) + 1, columnCount: MAX_COLUMNS };
    }
  }
  return null;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !looksLikeCellReference(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function formatLocal(rect: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (rect.rowCount === MAX_ROWS) {
    return `${d}${columnLetters(rect.column)}:${d}${columnLetters(rect.column + rect.columnCount - 1)}`;
  }
  if (rect.columnCount === MAX_COLUMNS) return `${d}${rect.row + 1}:${d}${rect.row + rect.rowCount}`;
  const first = `${d}${columnLetters(rect.column)}${d}${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return first;
  return `${first}:${d}${columnLetters(rect.column + rect.columnCount - 1)}${d}${rect.row + rect.rowCount}`;
}

export function formatAddress(sheetName: string, rect: Rect, absolute = false): string {
  return `${quoteSheet(sheetName)}!${formatLocal(rect, absolute)}`;
}

/** True for texts Excel would read as a cell reference: A1, XFD1048576, R1C1, R, C. */
export function looksLikeCellReference(name: string): boolean {
  if (/^[A-Za-z]{1,3}\d+$/.test(name)) {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(name)!;
    return columnIndex(m[1]) < MAX_COLUMNS && Number(m[2]) >= 1 && Number(m[2]) <= MAX_ROWS;
  }
  return /^[Rr](\d*)([Cc](\d*))?$/.test(name) || /^[Cc]\d*$/.test(name);
}

export function rectContains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rowCount <= outer.row + outer.rowCount &&
    inner.column + inner.columnCount <= outer.column + outer.columnCount
  );
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount
  );
}

export const cellKey = (row: number, column: number): string => `${row},${column}`;
export const parseCellKey = (key: string): [number, number] => key.split(",").map(Number) as [number, number];
