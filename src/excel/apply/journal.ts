/**
 * The undo journal of one apply: what each stage replaced or added, filled in as the stages learn
 * it, and `rollback()`, which restores it in two syncs (one to inspect what exists now, since a
 * failed sync may have applied some of its statements, one to undo). A column insert sent with
 * other statements is confirmed in that inspection by its witness (`witness.ts`).
 */
import { type PlannedConditionalFormat, textNeedsProtection } from "../../core/plan";
import type { CellRect } from "../../core/types";
import type { SyncCounter } from "../sync";
import { queueUndoTableResize } from "../table-columns";
import type { ApplyOptions } from "./options";
import { queueWitnessInspection, unknownInsertMessage, witnessVerdict, type InsertWitness } from "./witness";
import { addConditionalFormat } from "./write";

/** What a block replaced, to put back on rollback. */
export interface CellJournal {
  sheetName: string;
  rect: CellRect;
  formulas: unknown[][];
  /** How `formulas` was read: fills are journalled in R1C1 (relative references, same text per row). */
  notation: "A1" | "R1C1";
  /** To tell a formula from text that begins with "=" (its formula and value are the same text). */
  values: unknown[][];
  numberFormats: unknown[][];
  bold: boolean | null;
  /** The cells were empty, formats included: undo clears them (no per-cell arrays kept). */
  empty?: boolean;
}

export interface InsertedColumns {
  sheetName: string;
  atColumn: number;
  count: number;
}

export class Journal {
  /** How far the apply got. */
  stage: "preflight" | "structure" | "writes" | "done" = "preflight";
  /** Sheets created by the structure sync (they did not exist in preflight). */
  createdSheets: string[] = [];
  /** Whole columns inserted (set once the sync that inserted them succeeded). */
  insertedColumns: InsertedColumns | null = null;
  /**
   * A column insert in the request being sent, with statements after it: if that request fails,
   * the rollback reads the witness to learn whether the insert (and so anything after it) ran.
   */
  unconfirmedInsert: InsertWitness | null = null;
  tableColumns: { sheetName: string; tableName: string; originalCount: number; resizedFrom: CellRect | null } | null = null;
  /** The table's column count before the apply (read in preflight). */
  originalTableColumns: number | null = null;
  cells: CellJournal[] = [];
  /** Previous formula ("=Sheet!$A$1") of names that existed; null for names we add. */
  names: { name: string; previousFormula: string | null }[] = [];
  widths: { sheetName: string; column: number; previousPoints: number }[] = [];
  /** Planned conditional formats, and whether their rect held one before (a re-run: ours). */
  conditionalFormats: { format: PlannedConditionalFormat; hadFormats: boolean }[] = [];

  /** Put the workbook back as the journal says it was; nothing to do before the structure stage. */
  async rollback(context: Excel.RequestContext, counter: SyncCounter, extension: ApplyOptions["extension"]): Promise<void> {
    if (this.stage === "preflight") return;
    const workbook = context.workbook;
    // After "done" too: AppliedPlan.rollback undoes a finished apply (a failed self-check).
    const wroteAfterStructure = this.stage === "writes" || this.stage === "done";
    const now = this.queueInspection(workbook, wroteAfterStructure);
    const undoExtension = wroteAfterStructure ? extension?.queueRollback() : undefined;
    const witness = this.unconfirmedInsert;
    const witnessCell = witness && queueWitnessInspection(workbook, witness);
    await counter.sync();
    undoExtension?.();
    // An insert that did not run stopped its request there: nothing queued after it ran either.
    // A witness that cannot tell: only what is certain is undone (never columns that may be the user's).
    const insert = witness && witnessCell ? witnessVerdict(witness, witnessCell) : "confirmed";
    if (witness && insert === "ran") this.insertedColumns = witness.columns;
    const structureDone = wroteAfterStructure && (insert === "ran" || insert === "confirmed");

    if (structureDone) {
      // Cells first, at their post-action positions, before the structure is taken back.
      for (const cells of this.cells) restoreCells(workbook, cells);
      for (const { width, column } of now.widths) {
        if (column.format.columnWidth === width.previousPoints) continue;
        workbook.worksheets.getItem(width.sheetName).getRangeByIndexes(0, width.column, 1, 1).getEntireColumn().format.columnWidth = width.previousPoints;
      }
      for (const { format, hadFormats } of this.conditionalFormats) {
        if (this.createdSheets.includes(format.sheetName)) continue;
        const target = workbook.worksheets
          .getItem(format.sheetName)
          .getRangeByIndexes(format.rect.row, format.rect.column, format.rect.rowCount, format.rect.columnCount);
        target.conditionalFormats.clearAll();
        // A re-run's rect held our own highlight from last time: put it back.
        if (hadFormats) addConditionalFormat(target, format);
      }
      for (const { item, previousFormula } of now.names) {
        if (item.isNullObject) continue;
        if (previousFormula === null) item.delete();
        else item.formula = previousFormula;
      }
    }
    this.queueStructureUndo(workbook, now.tableCount);
    now.sheets.forEach((proxy) => {
      if (!proxy.isNullObject) proxy.delete();
    });
    await counter.sync();
    if (witness && insert === "unknown") throw new Error(unknownInsertMessage(witness));
  }

  /** Loads of what exists now: created sheets, names, the table's columns, and (after the writes) widths. */
  private queueInspection(workbook: Excel.Workbook, structureDone: boolean) {
    const sheets = this.createdSheets.map((name) => {
      const proxy = workbook.worksheets.getItemOrNullObject(name);
      proxy.load("name");
      return proxy;
    });
    const names = this.names.map(({ name, previousFormula }) => {
      const item = workbook.names.getItemOrNullObject(name);
      item.load("name");
      return { item, previousFormula };
    });
    const tableCount = this.tableColumns ? workbook.tables.getItem(this.tableColumns.tableName).columns.getCount() : null;
    // Widths: only those that really changed are put back (a write may have failed before them).
    const widths = structureDone
      ? this.widths.map((width) => {
          const column = workbook.worksheets.getItem(width.sheetName).getRangeByIndexes(0, width.column, 1, 1);
          column.format.load("columnWidth");
          return { width, column };
        })
      : [];
    return { sheets, names, tableCount, widths };
  }

  /** Remove added table columns and inserted whole columns. */
  private queueStructureUndo(workbook: Excel.Workbook, tableCount: OfficeExtension.ClientResult<number> | null): void {
    if (this.tableColumns && tableCount && this.originalTableColumns !== null) {
      const table = workbook.tables.getItem(this.tableColumns.tableName);
      const resizedFrom = this.tableColumns.resizedFrom;
      if (resizedFrom) {
        queueUndoTableResize(workbook.worksheets.getItem(this.tableColumns.sheetName), table, resizedFrom, tableCount.value - this.originalTableColumns);
      } else {
        // Added columns are the last ones; delete from the end so indices stay valid.
        for (let index = tableCount.value - 1; index >= this.originalTableColumns; index -= 1) table.columns.getItemAt(index).delete();
      }
    }
    if (this.insertedColumns) {
      const inserted = this.insertedColumns;
      workbook.worksheets.getItem(inserted.sheetName).getRangeByIndexes(0, inserted.atColumn, 1, inserted.count).getEntireColumn().delete("Left");
    }
  }
}

/** Queue putting back one journalled block of cells. */
function restoreCells(workbook: Excel.Workbook, cells: CellJournal): void {
  const range = workbook.worksheets.getItem(cells.sheetName).getRangeByIndexes(cells.rect.row, cells.rect.column, cells.rect.rowCount, cells.rect.columnCount);
  if (cells.empty) {
    range.clear("All");
    return;
  }
  // Formats first so text stays text, except "@" over a formula (it would turn into text):
  // those get General until the formula is back, then their "@" again.
  const isFormula = (r: number, c: number) => {
    const formula = cells.formulas[r][c];
    return typeof formula === "string" && formula.startsWith("=") && formula !== cells.values[r][c];
  };
  let textOverFormula = false;
  range.numberFormat = cells.numberFormats.map((row, r) =>
    row.map((format, c) => {
      if (format === "@" && isFormula(r, c)) {
        textOverFormula = true;
        return "General";
      }
      return format;
    }),
  ) as string[][];
  const restored = cells.formulas.map((row, r) =>
    row.map((value, c) => (typeof value === "string" && !isFormula(r, c) && textNeedsProtection(value) ? `'${value}` : value)),
  );
  if (cells.notation === "R1C1") range.formulasR1C1 = restored as string[][];
  else range.formulas = restored as string[][];
  if (textOverFormula) range.numberFormat = cells.numberFormats as string[][];
  if (cells.bold !== null) range.format.font.bold = cells.bold;
}
