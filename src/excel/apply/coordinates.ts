/**
 * Where the plan's cells were before the column action: the structure stage inserts whole columns
 * or adds table columns, and the stages before it read and compare cells at their old places.
 */
import { blockRect, insertedColumns, type PlanBlock, type WritePlan } from "../../core/plan";
import type { CellRect } from "../../core/types";
import { HostFailureError } from "../errors";
import type { InsertedColumns } from "./journal";

/** Whole columns the structure step inserts on the register sheet, if any. */
export function insertedWholeColumns(plan: WritePlan): InsertedColumns | null {
  const inserted = insertedColumns(plan);
  return inserted && { sheetName: plan.registerColumns.sheetName, atColumn: inserted.at, count: inserted.count };
}

export function isFreshColumn(sheetName: string, column: number, plan: WritePlan): boolean {
  const inserted = insertedWholeColumns(plan);
  return !!inserted && inserted.sheetName === sheetName && column >= inserted.atColumn && column < inserted.atColumn + inserted.count;
}

/** Where a post-action column was before inserted columns shifted it. */
export function preActionColumn(column: number, plan: WritePlan): number {
  const inserted = insertedWholeColumns(plan);
  if (inserted && column >= inserted.atColumn + inserted.count) return column - inserted.count;
  return column;
}

/**
 * The block's cells before the column action, or "fresh" when they are all new cells (inserted
 * columns, or added table columns within the table's rows).
 */
export function preActionRect(block: PlanBlock, plan: WritePlan, tableRect: CellRect | undefined): CellRect | "fresh" {
  const rect = blockRect(block);
  if (block.sheetName !== plan.registerSheet) return rect;
  const lastColumn = rect.column + rect.columnCount - 1;
  const inserted = insertedWholeColumns(plan);
  if (inserted) {
    if (rect.column >= inserted.atColumn && lastColumn < inserted.atColumn + inserted.count) return "fresh";
    if (rect.column >= inserted.atColumn + inserted.count) return { ...rect, column: rect.column - inserted.count };
    if (lastColumn < inserted.atColumn) return rect;
    throw new HostFailureError("invalid-argument", `Block ${block.id} straddles the new columns; the plan cannot be applied safely.`, block.sheetName);
  }
  const action = plan.registerColumns;
  if (action.kind === "add-table-columns" && tableRect) {
    const lastRow = rect.row + rect.rowCount - 1;
    const insideColumns = rect.column >= action.firstColumn && lastColumn < action.firstColumn + action.headers.length;
    const withinTableRows = rect.row >= tableRect.row && lastRow < tableRect.row + tableRect.rowCount;
    // Added table columns grow the table over the (empty) columns beside it.
    if (insideColumns && withinTableRows) return "fresh";
  }
  return rect;
}
