/**
 * Properties over generated registers (fixed seed, bounded runs): the plan never writes over a
 * user's cell — checked on the applied workbook, not only by the plan's own checker — and planning
 * again on the written result targets the same cells with the same content (idempotent).
 */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { userCellsTargetedByPlan } from "../../src/core/plan/check";
import { planWrite } from "../../src/core/plan/plan";
import type { WritePlan } from "../../src/core/plan/types";
import type { Analysis, AnalysisSettings, CellValue, SheetSnapshot } from "../../src/core/types";
import { generateRegister, type RegisterLayout } from "../support/generate";
import { PlanWorkbook } from "./plan-hf";
import { blockCells, insertedColumns } from "../../src/core/plan/blocks";

const output: OutputOptions = { language: "nl", mode: "formulas", chart: DEFAULT_CHART_OPTIONS };

/** Puts note cells into the snapshot at absolute positions (growing the used range as Excel would). */
function withNotes(snapshot: SheetSnapshot, notes: { row: number; column: number; text: string }[]): SheetSnapshot {
  const lastRow = Math.max(snapshot.origin.row + snapshot.values.length - 1, ...notes.map((n) => n.row));
  const lastColumn = Math.max(snapshot.origin.column + snapshot.values[0].length - 1, ...notes.map((n) => n.column));
  const rows = lastRow - snapshot.origin.row + 1;
  const columns = lastColumn - snapshot.origin.column + 1;
  const grid = <T,>(source: T[][] | null, blank: T): T[][] =>
    Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => source?.[i]?.[j] ?? blank));
  const values = grid<CellValue>(snapshot.values, "");
  for (const n of notes) if (values[n.row - snapshot.origin.row][n.column - snapshot.origin.column] === "") values[n.row - snapshot.origin.row][n.column - snapshot.origin.column] = n.text;
  return {
    ...snapshot,
    values,
    numberFormats: snapshot.numberFormats ? grid(snapshot.numberFormats, "General") : null,
    formulas: snapshot.formulas ? grid<CellValue>(snapshot.formulas, null) : null,
  };
}

function pinned(analysis: Analysis): AnalysisSettings {
  const pin = (s: Analysis["influenceScale"]) => ({ min: s.min, max: s.max, kind: s.kind, ...(s.labels ? { labels: s.labels } : {}) });
  return {
    influenceScale: pin(analysis.influenceScale),
    dependencyScale: pin(analysis.dependencyScale),
    mapping: { partner: analysis.mapping.partner!.column, influence: analysis.mapping.influence!.column, dependency: analysis.mapping.dependency!.column },
  };
}

function shiftOf(plan: WritePlan): (column: number) => number {
  const insert = insertedColumns(plan);
  return (c) => (insert && c >= insert.at ? c + insert.count : c);
}

const registerBlocks = (plan: WritePlan) =>
  plan.blocks.filter((b) => b.sheetName === plan.registerSheet).map((b) => ({ row: b.row, column: b.column, cells: blockCells(b) }));

const arbitraryRegister = fc.record({
  partners: fc.integer({ min: 3, max: 12 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  layout: fc.constantFrom<RegisterLayout>("range", "table"),
  titleRows: fc.boolean(),
  firstColumn: fc.integer({ min: 0, max: 3 }),
  totalsRow: fc.boolean(),
  footnote: fc.boolean(),
  // Notes right of the register: offsets from its last column and from its header row.
  notes: fc.array(fc.record({ rowOffset: fc.integer({ min: -3, max: 16 }), columnOffset: fc.integer({ min: 1, max: 10 }) }), { maxLength: 3 }),
});

test("plans never overwrite a user's cell, and planning again on the result targets the same cells", () => {
  const actions = new Set<string>();
  fc.assert(
    fc.property(arbitraryRegister, (spec) => {
      const generated = generateRegister({ ...spec, defectRate: 0.1, hiddenRowRate: 0 });
      const base = generated.snapshot;
      const lastColumn = base.origin.column + base.values[0].length - 1;
      const snapshot = withNotes(
        base,
        spec.notes.map((n, i) => ({ row: Math.max(0, generated.headerRow + n.rowOffset), column: lastColumn + n.columnOffset, text: `=note ${i}` })),
      );
      const analysis = analyzeSheet(snapshot);
      const plan = planWrite(snapshot, analysis, output);
      actions.add(plan.registerColumns.kind + (plan.registerColumns.kind === "add-table-columns" && plan.registerColumns.insertColumnsFirst ? "+insert" : ""));
      expect(userCellsTargetedByPlan(snapshot, plan)).toEqual([]);

      // What the user sees after the write: every cell of theirs still holds its value (shifted if columns were inserted).
      const wb = new PlanWorkbook(snapshot, plan);
      const shift = shiftOf(plan);
      snapshot.values.forEach((cells, i) =>
        cells.forEach((value, j) => {
          if (value === "" || value === null) return;
          const row = snapshot.origin.row + i;
          const column = shift(snapshot.origin.column + j);
          const formula = snapshot.formulas?.[i]?.[j] ?? null;
          // A user's formula must still be there; its value is the engine's business.
          const cell = formula
            ? wb.hf.getCellFormula({ sheet: wb.sheetId(plan.registerSheet), row, col: column })
            : wb.value(plan.registerSheet, row, column);
          expect({ row, column, cell }).toEqual({ row, column, cell: formula ?? value });
        }),
      );

      // Planning again on the written sheet: the same columns, the same cells, no new column.
      const written = wb.registerSnapshot();
      const again = planWrite(written, analyzeSheet(written, pinned(analysis)), output);
      expect(again.registerColumns.kind).toBe("existing-columns");
      expect(again.columns).toEqual(plan.columns);
      expect(registerBlocks(again)).toEqual(registerBlocks(plan));
      expect(again.names.map((n) => [n.name, n.sheetName, n.rect])).toEqual(plan.names.map((n) => [n.name, n.sheetName, n.rect]));
      expect(userCellsTargetedByPlan(written, again)).toEqual([]);
    }),
    { seed: 20261129, numRuns: 12 },
  );
  // The runs covered free columns, inserted columns and grown tables (with and without an insert).
  expect([...actions].sort()).toEqual(["add-table-columns", "add-table-columns+insert", "insert-columns", "none"]);
});
