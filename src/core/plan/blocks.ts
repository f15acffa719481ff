/** Shape and per-cell view of plan blocks, whatever their form (grid or fill). */
import type { CellRect } from "../types";
import { compileR1C1 } from "./r1c1";
import type { CellBlock, FillBlock, PlanBlock, PlanCell } from "./types";

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
