/**
 * The structure stage: create the planned sheets that are missing, then insert whole columns or
 * add table columns. The same sync reads what sheets that turned out to exist hold now (a re-run's
 * parameter sheet), and the widths and highlights the writes will replace, for the journal.
 */
import { foreignParameterSheet, type CellContent, type CellBlock, type WritePlan } from "../../core/plan";
import type { CellValue, SheetSnapshot } from "../../core/types";
import { HostFailureError } from "../errors";
import { queueTableColumns } from "../table-columns";
import type { BudgetedBatch } from "./batch";
import type { Journal } from "./journal";
import type { ApplyOptions } from "./options";
import type { QueuedWrite } from "./write";
import { foreignTargetFailure, queueChecks, verifyChecks, type CellCheck } from "./checks";
import { insertedWholeColumns, isFreshColumn, preActionColumn, preActionRect } from "./coordinates";
import type { Preflight } from "./preflight";

/** Loads queued before the structural operations, so they read the state before them. */
export interface StructureLoads {
  lateChecks: CellCheck[];
  parameterSheetProbe: { title: Excel.Range; used: Excel.Range } | null;
  formatsBefore: { format: WritePlan["conditionalFormats"][number]; count: OfficeExtension.ClientResult<number> | null }[];
  widthsBefore: { width: WritePlan["columnWidths"][number]; column: Excel.Range }[];
}

export function queueStructureLoads(plan: WritePlan, expected: SheetSnapshot, found: Preflight, budget: number): StructureLoads {
  const { sheets, created, reused, tableRect } = found;
  const sheetOf = (name: string) => sheets.sheet(name);
  // Sheets that existed but were not known before: the parameter sheet, a few hundred cells.
  const lateChecks = queueChecks(plan, new Set(reused.map((s) => s.name)), sheetOf, tableRect, expected, budget, false);
  for (const check of lateChecks) check.load();
  // An existing parameter sheet must be ours (its title cell says so) or empty (ownership.ts).
  const parameterSheetProbe = (() => {
    const sheet = reused.find((s) => s.name === plan.parameterSheet)?.proxy;
    if (!sheet) return null;
    const { row, column } = plan.ownership.parameterTitleCell;
    const title = sheet.getRangeByIndexes(row, column, 1, 1);
    title.load("values,formulas");
    const used = sheet.getUsedRangeOrNullObject(false);
    used.load("address");
    return { title, used };
  })();
  for (const { proxy } of reused) proxy.protection.load("protected");
  const formatsBefore = plan.conditionalFormats.map((format) => {
    if (created.has(format.sheetName)) return { format, count: null };
    const asBlock = { id: format.id, sheetName: format.sheetName, row: format.rect.row, column: format.rect.column, cells: Array.from({ length: format.rect.rowCount }, () => new Array(format.rect.columnCount)) } as CellBlock;
    const before = preActionRect(asBlock, plan, tableRect);
    if (before === "fresh") return { format, count: null };
    const count = sheetOf(format.sheetName).getRangeByIndexes(before.row, before.column, before.rowCount, before.columnCount).conditionalFormats.getCount();
    return { format, count };
  });
  const widthsBefore = plan.columnWidths
    .filter((width) => !created.has(width.sheetName) && !isFreshColumn(width.sheetName, width.column, plan))
    .map((width) => {
      const column = sheetOf(width.sheetName).getRangeByIndexes(0, preActionColumn(width.column, plan), 1, 1);
      column.format.load("columnWidth");
      return { width, column };
    });
  return { lateChecks, parameterSheetProbe, formatsBefore, widthsBefore };
}

/** Rough request bytes of the structure sync without writes: its loads and the structural operations. */
export function structureRequestBytes(found: Preflight, loads: StructureLoads): number {
  const operations = loads.lateChecks.length + loads.formatsBefore.length + loads.widthsBefore.length + found.reused.length + found.created.size + 4;
  return operations * BYTES_PER_STRUCTURE_OPERATION;
}

/** An object path, its instantiation and one load or call (the real runtime sends ~250 bytes). */
const BYTES_PER_STRUCTURE_OPERATION = 300;

/**
 * Queue the structural changes and the `early` writes after them, sync, and verify and journal what
 * the loads found. A column insert rides in the same request only with a witness (`witness.ts`).
 */
export async function changeStructure(
  context: Excel.RequestContext,
  plan: WritePlan,
  found: Preflight,
  loads: StructureLoads,
  options: ApplyOptions,
  batch: BudgetedBatch,
  journal: Journal,
  early: readonly QueuedWrite[],
): Promise<void> {
  const { registerSheet, sheets, created, reused, table, tableRect, targets } = found;
  const action = plan.registerColumns;
  journal.stage = "structure";
  journal.createdSheets = [...created];
  // The new sheets' own objects serve every later range on them (a lookup by name costs each one a path).
  for (const name of created) sheets.adopt(name, context.workbook.worksheets.add(name));
  // Column changes last: if this sync fails, they did not happen (Office stops at the failing statement).
  const inserted = insertedWholeColumns(plan);
  if (inserted) {
    registerSheet.getRangeByIndexes(0, inserted.atColumn, 1, inserted.count).getEntireColumn().insert("Right");
    if (found.insertWitness) {
      // Should this request fail after the insert, the witness tells the rollback whether it ran.
      journal.unconfirmedInsert = found.insertWitness;
    } else {
      // Nothing could tell (or table columns are added too, which a failure must tell apart from
      // the insert): the insert gets its own sync, so a failure of the next request comes after it.
      await batch.send();
      journal.insertedColumns = inserted;
    }
  }
  if (table !== null && action.kind === "add-table-columns") {
    const resizedFrom = queueTableColumns(registerSheet, table, tableRect, action.headers, options.requirements);
    journal.tableColumns = { sheetName: action.sheetName, tableName: action.tableName, originalCount: journal.originalTableColumns ?? 0, resizedFrom };
  }
  options.extension?.queueLookups();
  if (early.length > 0) {
    for (const write of early) {
      batch.add(write.bytes);
      write.queue();
    }
    // Some cells and names may now be written: a rollback puts back what the journal holds for them.
    journal.stage = "writes";
  }
  await batch.send();
  if (inserted) journal.insertedColumns = inserted;
  journal.unconfirmedInsert = null;

  for (const { name, proxy } of reused) {
    if (proxy.protection.protected) throw new HostFailureError("protected-sheet", `Sheet "${name}" is protected.`, name);
  }
  const probe = loads.parameterSheetProbe;
  const parameterTitle: CellContent | null =
    probe && !probe.used.isNullObject ? { value: (probe.title.values as CellValue[][])[0][0], formula: (probe.title.formulas as CellValue[][])[0][0] } : null;
  const foreignSheet = parameterTitle && foreignParameterSheet(plan, parameterTitle, false);
  if (foreignSheet) throw foreignTargetFailure(foreignSheet, plan.parameterSheet);
  verifyChecks(plan, loads.lateChecks, (sheetName) => (sheetName === plan.parameterSheet && parameterTitle) || { value: "", formula: "" }, journal, targets);

  journal.conditionalFormats = loads.formatsBefore.map(({ format, count }) => ({ format, hadFormats: (count?.value ?? 0) > 0 }));
  journal.widths = loads.widthsBefore.map(({ width, column }) => ({ sheetName: width.sheetName, column: width.column, previousPoints: column.format.columnWidth }));
}
