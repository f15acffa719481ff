/** Builds SheetSnapshots for core tests: a grid placed at an origin, plus optional extras. */
import { snapshotFromRows } from "../../src/core/snapshot";
import type { CellValue, SheetSnapshot } from "../../src/core/types";

export function sheet(values: CellValue[][], extras: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return snapshotFromRows("Blad1", values, extras, extras.origin);
}
