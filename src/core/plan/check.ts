/**
 * Safety check before anything is written: every non-empty cell a plan targets, the sheets it writes
 * to and the names it points must be Partnerkaart's by the rule in `ownership.ts`. The plan's
 * coordinates are after its column insert; the workbook's are before, so a register-sheet cell is
 * looked up where it stands before the insert (a freshly inserted column holds nothing).
 */
import { cellAt } from "../locate";
import type { SheetSnapshot } from "../types";
import { blockRect, insertedColumns } from "./blocks";
import { absoluteReference } from "./formulas";
import { foreignCell, foreignNames, foreignParameterSheet, plannedCellIsOurs, type CellContent, type ForeignTarget } from "./ownership";
import type { WritePlan } from "./types";

/** What the checker reads of a workbook, as it is before the plan is applied. */
export interface WorkbookView {
  /** A cell's content, or null when the sheet does not exist (or is not known to this view). */
  cell(sheetName: string, row: number, column: number): CellContent | null;
  /** Whether the sheet exists and holds nothing at all; null when unknown. */
  sheetIsEmpty(sheetName: string): boolean | null;
  /** Existing names among those the plan writes, with their current reference ("Sheet!$A$1"). */
  names: ReadonlyMap<string, string>;
}

/** Everything the plan would overwrite or repoint that is not Partnerkaart's; at most `limit` cell findings. */
export function foreignTargets(plan: WritePlan, view: WorkbookView, limit = 20): ForeignTarget[] {
  const found: ForeignTarget[] = [...foreignNames(plan, view.names)];
  const { row: titleRow, column: titleColumn } = plan.ownership.parameterTitleCell;
  const parameterTitle = view.cell(plan.parameterSheet, titleRow, titleColumn);
  const parameterSheetIsEmpty = view.sheetIsEmpty(plan.parameterSheet);
  if (parameterTitle !== null && parameterSheetIsEmpty !== null) {
    const sheet = foreignParameterSheet(plan, parameterTitle, parameterSheetIsEmpty);
    if (sheet) return [...found, sheet];
  }
  const insert = insertedColumns(plan);
  // A column after the insert as it stands before it (null: a freshly inserted, empty column).
  const beforeInsert = (sheetName: string, column: number): number | null => {
    if (sheetName !== plan.registerSheet || !insert || column < insert.at) return column;
    if (column < insert.at + insert.count) return null;
    return column - insert.count;
  };
  let cells = 0;
  for (const block of plan.blocks) {
    const rect = blockRect(block);
    const titleOfSheet = () => view.cell(block.sheetName, titleRow, titleColumn) ?? { value: "", formula: "" };
    for (let c = 0; c < rect.columnCount; c++) {
      const column = rect.column + c;
      const original = beforeInsert(block.sheetName, column);
      if (original === null) continue;
      for (let r = 0; r < rect.rowCount; r++) {
        const row = rect.row + r;
        const content = view.cell(block.sheetName, row, original);
        if (content === null) break;
        if (plannedCellIsOurs(plan, block, row, column, content, titleOfSheet)) continue;
        found.push(foreignCell(block.sheetName, row, original, content));
        if (++cells >= limit) return found;
      }
    }
  }
  return found;
}

/** A view of one sheet snapshot: other sheets are unknown. */
export function snapshotView(snapshot: SheetSnapshot): WorkbookView {
  return {
    cell: (sheetName, row, column) =>
      sheetName !== snapshot.sheetName
        ? null
        : { value: cellAt(snapshot, row, column), formula: snapshot.formulas?.[row - snapshot.origin.row]?.[column - snapshot.origin.column] },
    sheetIsEmpty: () => null,
    names: new Map((snapshot.definedNames ?? []).map((n) => [n.name, absoluteReference(snapshot.sheetName, n.rect)])),
  };
}

export interface UserCellConflict {
  sheetName: string;
  /** 0-based absolute cell (before the plan's column insert). */
  row: number;
  column: number;
  /** What the cell holds. */
  value: string;
}

/** Every register-sheet cell of the snapshot the plan would overwrite although it is not Partnerkaart's. */
export function userCellsTargetedByPlan(snapshot: SheetSnapshot, plan: WritePlan): UserCellConflict[] {
  return foreignTargets(plan, { ...snapshotView(snapshot), names: new Map() }, Number.MAX_SAFE_INTEGER).flatMap((target) =>
    target.kind === "cell" ? [{ sheetName: target.sheetName, row: target.row, column: target.column, value: target.content }] : [],
  );
}
