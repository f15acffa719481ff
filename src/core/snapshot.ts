import type { CellValue, SheetSnapshot } from "./types";

/**
 * A snapshot of plain rows placed at `origin` (A1 by default), every row padded to the widest with
 * empty cells; `extra` sets or overrides anything else (formats, tables, names …). The CSV reader and
 * the test drivers build their sheets with it.
 */
export function snapshotFromRows(
  sheetName: string,
  rows: CellValue[][],
  extra: Partial<SheetSnapshot> = {},
  origin: { row: number; column: number } = { row: 0, column: 0 },
): SheetSnapshot {
  let width = 1;
  for (const row of rows) if (row.length > width) width = row.length;
  const values = rows.length > 0 ? rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] === undefined ? "" : r[i]))) : [[""]];
  return {
    sheetName,
    origin,
    values,
    numberFormats: null,
    formulas: null,
    hiddenColumns: [],
    mergedAreas: [],
    tables: [],
    selection: null,
    ...extra,
  };
}

/** The value at an absolute 0-based cell, "" outside the snapshot. */
export function cellAt(snapshot: SheetSnapshot, row: number, column: number): CellValue {
  const r = snapshot.values[row - snapshot.origin.row];
  return r ? cellIn(r, column - snapshot.origin.column) : "";
}

/** A row array's cell, "" beyond its end (rows may be ragged). */
export function cellIn(cells: CellValue[], offset: number): CellValue {
  const value = cells[offset];
  return value === undefined ? "" : value;
}

/** The number format at an absolute 0-based cell, if known. */
export function formatAt(snapshot: SheetSnapshot, row: number, column: number): string | null {
  const r = snapshot.numberFormats?.[row - snapshot.origin.row];
  return r?.[column - snapshot.origin.column] ?? null;
}

/** The last 0-based row the snapshot holds. */
export function lastRowOf(snapshot: SheetSnapshot): number {
  return snapshot.origin.row + snapshot.values.length - 1;
}
