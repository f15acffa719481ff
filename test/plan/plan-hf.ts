/**
 * Test helper: a HyperFormula workbook holding a snapshot's sheet with a WritePlan applied, so the
 * planned formulas are evaluated by a real formula engine. Applies the plan the way an applier
 * must: sheets, column insert (cells shift right), blocks, workbook names.
 */
import type { HyperFormula } from "hyperformula";
import { absoluteReference } from "../../src/core/plan/formulas";
import type { PlanCell, WritePlan } from "../../src/core/plan/types";
import type { CellValue, SheetSnapshot } from "../../src/core/types";
import { formulaText } from "../../src/core/text";
import { blockCells, insertedColumns } from "../../src/core/plan/blocks";
import { createExcelEngine } from "../support/excel/engine";

/** A plan cell as HyperFormula takes it (text always literal). */
export function toHfContent(cell: PlanCell): string | number | boolean | null {
  switch (cell.kind) {
    case "formula":
      return cell.formula;
    case "number":
      return cell.value;
    case "boolean":
      return cell.value;
    case "text":
      return `'${cell.value}`; // always literal text
    case "empty":
      return null;
  }
}

function snapshotContent(value: CellValue, formula: string | null): string | number | boolean | null {
  if (formula) return formula;
  if (value === null || value === "") return null;
  if (typeof value === "string") return `'${value}`;
  return value;
}

export class PlanWorkbook {
  readonly hf: HyperFormula;
  constructor(
    readonly snapshot: SheetSnapshot,
    readonly plan: WritePlan,
  ) {
    // The Excel double's engine set-up: one configuration for every test that evaluates our formulas.
    this.hf = createExcelEngine();
    this.hf.suspendEvaluation();
    this.hf.addSheet(snapshot.sheetName);
    const insert = insertedColumns(plan);
    const sheet = this.sheetId(snapshot.sheetName);
    snapshot.values.forEach((cells, i) =>
      cells.forEach((value, j) => {
        let column = snapshot.origin.column + j;
        if (insert && column >= insert.at) column += insert.count;
        const content = snapshotContent(value, formulaText(snapshot.formulas?.[i]?.[j], value));
        if (content !== null) this.hf.setCellContents({ sheet, row: snapshot.origin.row + i, col: column }, content);
      }),
    );
    for (const s of plan.sheets) if (!this.hf.doesSheetExist(s.name)) this.hf.addSheet(s.name);
    for (const name of plan.names) this.hf.addNamedExpression(name.name, `=${absoluteReference(name.sheetName, name.rect)}`);
    for (const block of plan.blocks) {
      this.hf.setCellContents(
        { sheet: this.sheetId(block.sheetName), row: block.row, col: block.column },
        blockCells(block).map((r) => r.map(toHfContent)),
      );
    }
    this.hf.resumeEvaluation();
  }

  sheetId(name: string): number {
    const id = this.hf.getSheetId(name);
    if (id === undefined) throw new Error(`no sheet ${name}`);
    return id;
  }

  value(sheetName: string, row: number, column: number): CellValue {
    const v = this.hf.getCellValue({ sheet: this.sheetId(sheetName), row, col: column });
    if (v === null || v === undefined) return "";
    if (typeof v === "object") return (v as { value: string }).value;
    return v as CellValue;
  }

  /** Type a value into a cell as a user would (text stays text). */
  set(sheetName: string, row: number, column: number, value: CellValue) {
    this.hf.setCellContents({ sheet: this.sheetId(sheetName), row, col: column }, snapshotContent(value, null));
  }

  /** The value of a named single cell. */
  named(name: string): CellValue {
    const planned = this.plan.names.find((n) => n.name === name);
    if (!planned) throw new Error(`plan has no name ${name}`);
    return this.value(planned.sheetName, planned.rect.row, planned.rect.column);
  }

  setNamed(name: string, value: CellValue) {
    const planned = this.plan.names.find((n) => n.name === name)!;
    this.set(planned.sheetName, planned.rect.row, planned.rect.column, value);
  }

  /**
   * The register sheet as a user sees it now (values after recomputation), as a snapshot the
   * analyser can read, with the plan's names: what the next run of the add-in would read.
   */
  registerSnapshot(): SheetSnapshot {
    const sheet = this.sheetId(this.plan.registerSheet);
    const dims = this.hf.getSheetDimensions(sheet);
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const formats: string[][] = [];
    const insert = this.plan.registerColumns.kind === "insert-columns" ? this.plan.registerColumns : null;
    for (let r = 0; r < dims.height; r++) {
      values.push([]);
      formulas.push([]);
      formats.push([]);
      for (let c = 0; c < dims.width; c++) {
        values[r].push(this.value(this.plan.registerSheet, r, c));
        formulas[r].push(this.hf.getCellFormula({ sheet, row: r, col: c }) ?? null);
        // Formats travel with the cells: shift the snapshot's formats like the insert did.
        const original = insert && c >= insert.atColumn ? (c < insert.atColumn + insert.count ? -1 : c - insert.count) : c;
        const f = original < 0 ? null : this.snapshot.numberFormats?.[r - this.snapshot.origin.row]?.[original - this.snapshot.origin.column];
        formats[r].push(f ?? "General");
      }
    }
    const shiftRect = <T extends { column: number }>(rect: T): T =>
      insert && rect.column >= insert.atColumn ? { ...rect, column: rect.column + insert.count } : rect;
    const table = this.plan.registerColumns.kind === "add-table-columns" ? this.plan.registerColumns : null;
    return {
      sheetName: this.plan.registerSheet,
      origin: { row: 0, column: 0 },
      values,
      numberFormats: this.snapshot.numberFormats ? formats : null,
      formulas,
      hiddenColumns: this.snapshot.hiddenColumns.map((c) => shiftRect({ column: c }).column),
      mergedAreas: this.snapshot.mergedAreas.map(shiftRect),
      tables: this.snapshot.tables.map((tb) =>
        table && tb.name === table.tableName
          ? {
              ...tb,
              rect: { ...tb.rect, columnCount: tb.rect.columnCount + table.headers.length },
              columnNames: [...tb.columnNames, ...table.headers],
            }
          : { ...tb, rect: shiftRect(tb.rect) },
      ),
      selection: null,
      definedNames: this.plan.names.filter((n) => n.sheetName === this.plan.registerSheet).map((n) => ({ name: n.name, rect: n.rect })),
    };
  }
}
