/** What a plan will do, in the terms the task pane's result and the CLI report use. */
import { cellAddress } from "../text";
import { blockRect, isFillBlock } from "./blocks";
import type { PlannedColumnKey, WritePlan } from "./types";

export interface PlanDescription {
  registerSheet: string;
  parameterSheet: string;
  /** The new register columns' header cells, left to right: "H4". */
  columnHeaders: { key: PlannedColumnKey; header: string; address: string }[];
  /** "table T gets N columns", "N columns inserted at H", "written into existing columns", "written beside the register". */
  structure: WritePlan["registerColumns"]["kind"];
  names: string[];
  blockCount: number;
  cellCount: number;
  formulaCount: number;
}

export function describePlan(plan: WritePlan): PlanDescription {
  let cellCount = 0;
  let formulaCount = 0;
  for (const block of plan.blocks) {
    const rect = blockRect(block);
    cellCount += rect.rowCount * rect.columnCount;
    if (isFillBlock(block)) formulaCount += rect.rowCount * rect.columnCount;
    else for (const row of block.cells) for (const cell of row) if (cell.kind === "formula") formulaCount += 1;
  }
  return {
    registerSheet: plan.registerSheet,
    parameterSheet: plan.parameterSheet,
    columnHeaders: [...plan.columns]
      .sort((a, b) => a.column - b.column)
      .map((c) => ({ key: c.key, header: c.header, address: cellAddress(plan.headerRow, c.column) })),
    structure: plan.registerColumns.kind,
    names: plan.names.map((n) => n.name),
    blockCount: plan.blocks.length,
    cellCount,
    formulaCount,
  };
}
