/**
 * Safety check: does a plan write into a cell that holds the user's content? The plan's
 * coordinates are after its column insert; the snapshot's are before, so the snapshot is shifted
 * the way the insert shifts the sheet before comparing.
 */
import { cellAt } from "../locate";
import type { SheetSnapshot } from "../types";
import { blockRect, insertedColumns } from "./blocks";
import { existingPlannedColumns, snapshotCellIsUsed } from "./plan";
import type { WritePlan } from "./types";

export interface UserCellConflict {
  sheetName: string;
  /** 0-based absolute cell the plan targets (after the insert). */
  row: number;
  column: number;
  blockId: string;
  /** The user's value there, as the snapshot read it. */
  value: string;
}

/**
 * Every planned register-sheet cell that holds user content. Cells of Partnerkaart's own columns
 * (found by their PK_Col_ names in the snapshot) between the header row and the last data row are
 * not user content: a re-run rewrites them.
 */
export function userCellsTargetedByPlan(snapshot: SheetSnapshot, plan: WritePlan): UserCellConflict[] {
  if (snapshot.sheetName !== plan.registerSheet) return [];
  const ownColumns = new Set(existingPlannedColumns(snapshot).values());
  const insert = insertedColumns(plan);
  // Map a column after the insert back to the snapshot's column (null: a freshly inserted, empty column).
  const beforeInsert = (column: number): number | null => {
    if (!insert || column < insert.at) return column;
    if (column < insert.at + insert.count) return null;
    return column - insert.count;
  };
  const conflicts: UserCellConflict[] = [];
  for (const block of plan.blocks) {
    if (block.sheetName !== plan.registerSheet) continue;
    const rect = blockRect(block);
    const originals = Array.from({ length: rect.columnCount }, (_, j) => beforeInsert(block.column + j));
    for (let i = 0; i < rect.rowCount; i++) {
      const row = block.row + i;
      originals.forEach((original, j) => {
        if (original === null) return;
        const own = ownColumns.has(original) && row >= plan.headerRow && row <= plan.lastDataRow;
        if (!own && snapshotCellIsUsed(snapshot, row, original)) {
          conflicts.push({ sheetName: block.sheetName, row, column: block.column + j, blockId: block.id, value: String(cellAt(snapshot, row, original) ?? "") });
        }
      });
    }
  }
  return conflicts;
}

export function plannedTargetsOverlapUserContent(snapshot: SheetSnapshot, plan: WritePlan): boolean {
  return userCellsTargetedByPlan(snapshot, plan).length > 0;
}
