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
