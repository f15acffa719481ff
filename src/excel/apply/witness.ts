/**
 * The insert's witness: a cell that tells the rollback, after a failed structure request, whether
 * the whole-column insert in it ran. A batch is not a transaction: Office stops at the failing
 * statement and earlier ones stay applied (learn.microsoft.com, "OfficeExtension.Error class": its
 * traceMessages example), so without a witness the insert is sent in a request of its own
 * (structure.ts), one sync more.
 *
 * Why a cell right of the insert: the insert exists because the user has content there, and an
 * insert moves every cell at column c ≥ the insert point to c + count (learn.microsoft.com,
 * "Excel.Range insert": "Inserts a cell or a range of cells into the worksheet in place of this
 * range, and shifts the other cells to make space"). So a constant that preflight reads at (r, c),
 * while (r, c + count) holds something else, is found at (r, c + count) exactly when the insert
 * ran; no write of the apply targets that cell (it is the user's). The other ideas are not exact
 * here: a plain range has no table whose column count would tell; the register's header row ends
 * left of the insert, so the insert does not move it; the used range depends on formats, which an
 * insert copies into the new columns. A formula is not taken (the insert may rewrite its
 * references), nor a cell whose two readings are equal.
 *
 * Its two readings come from preflight, the sync right before the structure request, so a user's
 * edit since the pane read the sheet does not mislead it. Should the cell hold neither reading in
 * the rollback (the user typed into it within that second), the rollback says it cannot tell.
 */
import { blockRect, insertedColumns, type WritePlan } from "../../core/plan";
import { cellAddress, columnLetter, EXCEL_MAX_COLUMNS, formulaText, isBlank } from "../../core/text";
import type { CellValue, SheetSnapshot } from "../../core/types";
import type { InsertedColumns } from "./journal";

/** A cell whose content after a failed request tells whether `columns` were inserted. */
export interface InsertWitness {
  columns: InsertedColumns;
  row: number;
  /** Where the witness's content stands once the insert ran: its column before, plus the count. */
  column: number;
  /** What that cell holds if the insert ran: the constant that stood `count` columns left of it. */
  ifInserted: CellValue;
  /** What it holds if the insert did not run. */
  ifNotInserted: CellValue;
}

/** The witness's row from its column before the insert to its column after, as preflight reads it. */
export interface WitnessRead {
  columns: InsertedColumns;
  row: number;
  column: number;
  range: Excel.Range;
}

/**
 * Queue reading a witness candidate in preflight: a constant at or right of the insert point that
 * the snapshot shows differing from the cell `count` columns right of it, and that no planned block
 * covers once shifted. Null without a plain whole-column insert (a table's insert is synced alone)
 * or without such a cell.
 */
export function queueWitnessRead(plan: WritePlan, expected: SheetSnapshot, registerSheet: Excel.Worksheet): WitnessRead | null {
  const inserted = insertedColumns(plan);
  if (!inserted || plan.registerColumns.kind !== "insert-columns" || expected.sheetName !== plan.registerSheet) return null;
  const columns = { sheetName: plan.registerSheet, atColumn: inserted.at, count: inserted.count };
  const candidate = witnessCandidate(plan, expected, columns);
  if (!candidate) return null;
  const range = registerSheet.getRangeByIndexes(candidate.row, candidate.column, 1, columns.count + 1);
  range.load("formulas");
  return { columns, ...candidate, range };
}

/** The witness, from preflight's reading of the candidate: null when the cell no longer qualifies. */
export function witnessFromRead(read: WitnessRead | null): InsertWitness | null {
  if (!read) return null;
  const row = (read.range.formulas as CellValue[][])[0];
  const before = row[0];
  const shiftedBefore = row[read.columns.count];
  if (!isWitnessConstant(before) || before === shiftedBefore) return null;
  return { columns: read.columns, row: read.row, column: read.column + read.columns.count, ifInserted: before, ifNotInserted: shiftedBefore };
}

/** Queue the rollback's reading of the witness cell (in its inspection sync). */
export function queueWitnessInspection(workbook: Excel.Workbook, witness: InsertWitness): Excel.Range {
  const cell = workbook.worksheets.getItem(witness.columns.sheetName).getRangeByIndexes(witness.row, witness.column, 1, 1);
  cell.load("formulas");
  return cell;
}

/** Whether the insert ran, from the inspected witness cell ("unknown": it holds neither reading). */
export function witnessVerdict(witness: InsertWitness, cell: Excel.Range): "ran" | "not-run" | "unknown" {
  const now = (cell.formulas as CellValue[][])[0][0];
  if (now === witness.ifInserted) return "ran";
  if (now === witness.ifNotInserted) return "not-run";
  return "unknown";
}

/** Why the rollback left the inserted columns and the cells in them alone. */
export function unknownInsertMessage(witness: InsertWitness): string {
  const { sheetName, atColumn, count } = witness.columns;
  const columns = `${columnLetter(atColumn)}:${columnLetter(atColumn + count - 1)}`;
  return `could not tell whether columns ${sheetName}!${columns} were inserted: cell ${cellAddress(witness.row, witness.column)} changed during the apply`;
}

/** First cell (row by row) that can serve as witness by the snapshot. */
function witnessCandidate(plan: WritePlan, expected: SheetSnapshot, columns: InsertedColumns): { row: number; column: number } | null {
  const { origin, values, formulas } = expected;
  const width = values[0]?.length ?? 0;
  const shiftedIsPlanned = plannedCellTest(plan);
  const content = (r: number, c: number): CellValue => values[r]?.[c] ?? "";
  for (let r = 0; r < values.length; r += 1) {
    // A cell that the insert would move past XFD cannot witness it.
    const lastWitness = Math.min(width, EXCEL_MAX_COLUMNS - columns.count - origin.column);
    for (let c = Math.max(0, columns.atColumn - origin.column); c < lastWitness; c += 1) {
      const value = content(r, c);
      if (!isWitnessConstant(value) || formulaText(formulas?.[r]?.[c], value) !== null) continue;
      if (value === content(r, c + columns.count)) continue;
      const row = origin.row + r;
      const column = origin.column + c;
      if (!shiftedIsPlanned(row, column + columns.count)) return { row, column };
    }
  }
  return null;
}

/** Whether a cell of the register sheet (after the column action) is one the plan writes. */
function plannedCellTest(plan: WritePlan): (row: number, column: number) => boolean {
  const rects = plan.blocks.filter((block) => block.sheetName === plan.registerSheet).map(blockRect);
  return (row, column) => rects.some((rect) => row >= rect.row && row < rect.row + rect.rowCount && column >= rect.column && column < rect.column + rect.columnCount);
}

/** A non-empty constant as `formulas` gives it back (a string beginning with "=" may be a formula). */
function isWitnessConstant(value: CellValue | undefined): value is string | number | boolean {
  if (value === null || value === undefined || isBlank(value)) return false;
  return typeof value !== "string" || !value.startsWith("=");
}
