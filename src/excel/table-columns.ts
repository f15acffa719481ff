/**
 * Adding our columns to the user's Excel table. `TableColumnCollection.add` shifts every cell right
 * of the table in its rows, and Excel on the web refuses that with OperationCellsExceedLimit when
 * rows × (16,383 − table columns) exceeds 33,554,000 cells: from about 2,050 rows ("Error handling
 * with the application-specific JavaScript APIs", learn.microsoft.com). For such tables, where
 * `Table.resize` exists (ExcelApi 1.13), the headers are written into the empty cells right of the
 * table and the table is resized over them: nothing moves, so the limit is not reached, and the
 * columns are still part of the table. Without 1.13 `add` is used and, on the web, its refusal
 * reaches the user as its own message ("too-many-cells").
 */
import { textNeedsProtection } from "../core/plan";
import type { CellRect } from "../core/types";
import type { Requirements } from "./env";

/** The most cells one operation may affect in Excel on the web. */
export const OPERATION_CELLS_LIMIT = 33_554_000;
/** The sheet's last column index counted the way Microsoft's formula for the limit counts it. */
const LAST_COLUMN = 16_383;

/** Whether adding `count` columns one by one to a table of `rect` could exceed the web's limit. */
export function addWouldExceedWebLimit(rect: CellRect, count: number): boolean {
  // Each add shifts the cells right of the (by then one column wider) table.
  return rect.rowCount * (LAST_COLUMN - rect.columnCount) > OPERATION_CELLS_LIMIT || count > LAST_COLUMN - rect.columnCount;
}

/**
 * Queues our columns into the table. Returns the table's rect before the resize when it resized
 * (the rollback then resizes back and clears the cells), or null when it used `columns.add`.
 */
export function queueTableColumns(
  sheet: Excel.Worksheet,
  table: Excel.Table,
  tableRect: CellRect | undefined,
  headers: readonly string[],
  requirements: Requirements,
): CellRect | null {
  if (!tableRect || !addWouldExceedWebLimit(tableRect, headers.length) || !requirements.excelApi("1.13")) {
    for (const header of headers) table.columns.add(null as unknown as number, undefined, header);
    return null;
  }
  // The plan puts the columns right of the table only where those cells are free (or inserted empty).
  const right = tableRect.column + tableRect.columnCount;
  sheet.getRangeByIndexes(tableRect.row, right, 1, headers.length).values = [headers.map((header) => (textNeedsProtection(header) ? `'${header}` : header))];
  table.resize(sheet.getRangeByIndexes(tableRect.row, tableRect.column, tableRect.rowCount, tableRect.columnCount + headers.length));
  return { ...tableRect };
}

/** Undoes `queueTableColumns`' resize: the table back to `before`, the cells it took in cleared. */
export function queueUndoTableResize(sheet: Excel.Worksheet, table: Excel.Table, before: CellRect, addedColumns: number): void {
  table.resize(sheet.getRangeByIndexes(before.row, before.column, before.rowCount, before.columnCount));
  if (addedColumns > 0) sheet.getRangeByIndexes(before.row, before.column + before.columnCount, before.rowCount, addedColumns).clear("All");
}
