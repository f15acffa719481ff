/** Shape and per-cell view of plan blocks, whatever their form (grid or fill). */
import type { CellRect } from "../types";
import { compileR1C1 } from "./r1c1";
import type { CellBlock, FillBlock, PlanBlock, PlanCell, WritePlan } from "./types";

export function isFillBlock(block: PlanBlock): block is FillBlock {
  return block.kind === "fill";
}

/** The rectangle a block writes (absolute, 0-based). */
export function blockRect(block: PlanBlock): CellRect {
  if (isFillBlock(block)) return { row: block.row, column: block.column, rowCount: block.rowCount, columnCount: block.formulasR1C1.length };
  return { row: block.row, column: block.column, rowCount: block.cells.length, columnCount: block.cells[0]?.length ?? 0 };
}

/**
 * The block's cells one by one: a fill becomes the A1 formula each of its cells gets. For writers
 * that work cell by cell (.xlsx) and for tests; O(cells) — appliers that can fill should not call it.
 */
export function blockCells(block: PlanBlock): PlanCell[][] {
  if (!isFillBlock(block)) return block.cells;
  const compiled = block.formulasR1C1.map(compileR1C1);
  return Array.from({ length: block.rowCount }, (_, r) =>
    compiled.map((toA1, c): PlanCell => ({ kind: "formula", formula: toA1(block.row + r, block.column + c) })),
  );
}

/** A fill as an equivalent grid block (same id, formats and boldness). */
export function expandFill(block: PlanBlock): CellBlock {
  if (!isFillBlock(block)) return block;
  const { kind: _kind, rowCount: _rows, formulasR1C1: _formulas, ...rest } = block;
  return { ...rest, cells: blockCells(block) };
}

/**
 * Whole columns the plan's register step inserts (a plain range's new columns, or room made before a
 * table grows): where and how many, or null. Plan coordinates are after this insert.
 */
export function insertedColumns(plan: WritePlan): { at: number; count: number } | null {
  const action = plan.registerColumns;
  if (action.kind === "insert-columns" && action.count > 0) return { at: action.atColumn, count: action.count };
  if (action.kind === "add-table-columns" && action.insertColumnsFirst) return { at: action.firstColumn, count: action.insertColumnsFirst };
  return null;
}
