/**
 * Properties of the write plan over damaged generated registers with the user's own content beside
 * them: no planned cell lands on a cell that held user content (checked here independently of the
 * planner's own checker), and — through the Excel double — applying twice leaves the workbook as
 * applying once, and planning on the applied workbook plans the same cells.
 */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { planWrite, type WritePlan } from "../../src/core/plan";
import { isBlank } from "../../src/core/text";
import { RegisterError, type Analysis, type CellValue, type SheetSnapshot } from "../../src/core/types";
import { makeHarness } from "../excel/harness";
import { generateRegister, type GeneratedRegister } from "../support/generate";
import { checkProperty } from "./check";
import { mutateRegister, type Mutation } from "./mutate";
import { blockCells, insertedColumns } from "../../src/core/plan/blocks";

const FILE = "test/robustness/plan-registers.test.ts";

/** User content right of the register: none, a notes column against it, or a block further right. */
type Beside = { kind: "none" } | { kind: "notes"; gap: number; texts: string[] };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("error-in-influence", "error-in-dependency"), index: fc.nat(), error: fc.constantFrom("#REF!", "#N/A") }),
  fc.record({ kind: fc.constant("rename-partner"), index: fc.nat(), name: fc.string({ unit: "grapheme", maxLength: 20 }) }),
  fc.record({ kind: fc.constant("formula-like-name"), index: fc.nat(), prefix: fc.constantFrom("=", "+", "-", "@") }),
  fc.record({ kind: fc.constant("hide-row"), index: fc.nat() }),
);

const beside: fc.Arbitrary<Beside> = fc.oneof(
  fc.constant<Beside>({ kind: "none" }),
  fc.record({
    kind: fc.constant("notes" as const),
    gap: fc.integer({ min: 0, max: 12 }),
    texts: fc.array(fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 15 }), fc.constantFrom("=1+1", "-", "Noot", "€ 5,-")), { minLength: 1, maxLength: 6 }),
  }),
);

const planCase = (maxPartners: number) =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    partners: fc.integer({ min: 1, max: maxPartners }),
    layout: fc.constantFrom("range" as const, "table" as const),
    titleRows: fc.boolean(),
    firstColumn: fc.integer({ min: 0, max: 3 }),
    totalsRow: fc.boolean(),
    mutations: fc.array(mutation, { maxLength: 6 }),
    beside,
    mode: fc.constantFrom("formulas" as const, "values" as const),
  });

type PlanCase = typeof planCase extends (n: number) => fc.Arbitrary<infer T> ? T : never;

/** Builds the case's sheet: the register, damaged, with the user's notes right of it. */
function buildSheet(c: PlanCase): GeneratedRegister {
  const register = generateRegister({ ...c, footnote: true, hiddenRowRate: 0 });
  mutateRegister(register, c.mutations, 0);
  const notes = c.beside;
  if (notes.kind === "notes") {
    const { snapshot } = register;
    const width = snapshot.values[0].length;
    const at = width + notes.gap;
    const header = register.headerRow - snapshot.origin.row;
    snapshot.values.forEach((line, r) => {
      const extra = Array<CellValue>(at + 1 - width).fill("");
      const k = r - header;
      if (k >= 0 && k < notes.texts.length) extra[extra.length - 1] = notes.texts[k];
      line.push(...extra);
      snapshot.numberFormats?.[r].push(...extra.map(() => "General"));
      snapshot.formulas?.[r].push(...extra.map(() => null));
    });
  }
  return register;
}

/** Plan coordinates are after the column insert; map a column back to the snapshot (null: inserted). */
function columnBeforeInsert(plan: WritePlan, column: number): number | null {
  const insert = insertedColumns(plan);
  if (!insert || column < insert.at) return column;
  if (column < insert.at + insert.count) return null;
  return column - insert.count;
}

function userValueAt(snapshot: SheetSnapshot, row: number, column: number): CellValue {
  const line = snapshot.values[row - snapshot.origin.row];
  const v = line?.[column - snapshot.origin.column];
  const formula = snapshot.formulas?.[row - snapshot.origin.row]?.[column - snapshot.origin.column];
  return formula ?? (v === undefined ? "" : v);
}

function analyse(snapshot: SheetSnapshot): Analysis | null {
  try {
    return analyzeSheet(snapshot);
  } catch (error) {
    if (error instanceof RegisterError) return null;
    throw error;
  }
}

const output = (mode: "formulas" | "values", chart: boolean): OutputOptions => ({
  language: "nl",
  mode,
  chart: { ...DEFAULT_CHART_OPTIONS, enabled: chart },
});

describe("write plan on generated registers", () => {
  it("never targets a cell that held the user's content", () => {
    checkProperty(
      fc.property(planCase(25), (c) => {
        const { snapshot } = buildSheet(c);
        const analysis = analyse(snapshot);
        if (!analysis) return;
        const plan = planWrite(snapshot, analysis, output(c.mode, true));
        for (const block of plan.blocks) {
          if (block.sheetName !== snapshot.sheetName) continue;
          blockCells(block).forEach((line, r) =>
            line.forEach((_, k) => {
              const row = block.row + r;
              const original = columnBeforeInsert(plan, block.column + k);
              if (original === null) return;
              const held = userValueAt(snapshot, row, original);
              expect({ block: block.id, row: row + 1, column: original, held }).toEqual({ block: block.id, row: row + 1, column: original, held: isBlank(held) ? held : "<blank>" });
            }),
          );
        }
      }),
      { seed: 777, numRuns: 60, file: FILE },
    );
  });

  it("through the Excel double: applying twice equals applying once, and the applied workbook plans the same cells", async () => {
    await checkProperty(
      fc.asyncProperty(planCase(6), async (c) => {
        const { snapshot } = buildSheet(c);
        const first = analyse(snapshot);
        if (!first) return;
        const { driver, host } = makeHarness();
        driver.loadSnapshot(snapshot);
        const options = output(c.mode, true);
        const seen = await host.readActiveSheet();
        const plan1 = planWrite(seen, analyzeSheet(seen), options);
        await host.apply(seen, {}, options);
        const once = driver.snapshotAll();

        const applied = await host.readActiveSheet();
        const second = analyzeSheet(applied);
        // The user's register reads the same after our columns were added. Targets aside: the
        // re-read takes our own target columns for the register's (a bug since fixed, regressions.test.ts).
        const withoutTargets = (a: Analysis) => a.rows.map((r) => ({ ...r, target: null }));
        expect(withoutTargets(second)).toEqual(withoutTargets(first));
        expect(second.skipped).toEqual(first.skipped);
        const plan2 = planWrite(applied, second, options);
        expect(plan2.registerColumns.kind).toBe("existing-columns");
        expect(plan2.columns).toEqual(plan1.columns);
        const cellsOf = (plan: WritePlan) =>
          plan.blocks
            .filter((b) => b.sheetName === plan.registerSheet)
            .map((b) => ({ row: b.row, column: b.column, cells: blockCells(b) }))
            .sort((a, b) => a.row - b.row || a.column - b.column);
        expect(cellsOf(plan2)).toEqual(cellsOf(plan1));

        await host.apply(applied, {}, options);
        expect(driver.snapshotAll()).toEqual(once);
      }),
      { seed: 99, numRuns: 4, file: FILE },
    );
  });
});
