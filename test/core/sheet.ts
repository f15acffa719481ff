/** Builds SheetSnapshots for core tests: a grid placed at an origin, plus optional extras. */
import type { CellValue, SheetSnapshot } from "../../src/core/types";

export function sheet(values: CellValue[][], extras: Partial<SheetSnapshot> = {}): SheetSnapshot {
  const width = Math.max(...values.map((r) => r.length));
  return {
    sheetName: "Blad1",
    origin: { row: 0, column: 0 },
    values: values.map((r) => Array.from({ length: width }, (_, i) => (r[i] === undefined ? "" : r[i]))),
    numberFormats: null,
    formulas: null,
    hiddenColumns: [],
    hiddenRows: [],
    mergedAreas: [],
    tables: [],
    selection: null,
    ...extras,
  };
}
