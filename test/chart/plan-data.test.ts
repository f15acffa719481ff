/**
 * The live chart's data: planChartData's blocks applied with the write plan in a real formula
 * engine (HyperFormula), read back through the bindings the Excel adapter will use.
 */
import { readXlsx } from "../../src/cli/readers";
import { analyzeSheet } from "../../src/core/analyze";
import { planChartData, SEGMENT_ROWS } from "../../src/core/chart/plan-data";
import { DEFAULT_CHART_OPTIONS, type ChartOptions } from "../../src/core/host";
import { planWrite } from "../../src/core/plan";
import { STRATEGY_KEYS, type Analysis, type SheetSnapshot, type StrategyKey } from "../../src/core/types";
import { PlanWorkbook } from "../plan/plan-hf";
import { chartRegisters } from "./support";
import { blockCells } from "../../src/core/plan/blocks";
import { columnIndex } from "../../src/core/text";

// The municipal fixture when present, else the project's own sample register.
const register = chartRegisters()[0];

/** Reads a range like 'Partnerkaart'!$Q$3:$Q$27 from the workbook, top to bottom. */
function readRange(book: PlanWorkbook, reference: string) {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(reference);
  if (!m) throw new Error(`unexpected reference ${reference}`);
  const sheet = m[1].replace(/''/g, "'");
  const first = Number(m[3]) - 1;
  const last = m[5] ? Number(m[5]) - 1 : first;
  const out = [];
  for (let r = first; r <= last; r++) out.push(book.value(sheet, r, columnIndex(m[2])));
  return out;
}

async function setUp(chart: Partial<ChartOptions> = {}, mode: "formulas" | "values" = "formulas") {
  const snapshots = await readXlsx(register.file);
  const snapshot = snapshots.find((s) => s.sheetName === "Partners") as SheetSnapshot;
  const analysis = analyzeSheet(snapshot);
  const options = { ...DEFAULT_CHART_OPTIONS, ...chart, language: "nl" as const };
  const plan = planWrite(snapshot, analysis, { language: "nl", mode, chart: options });
  const data = planChartData(analysis, plan, options);
  const book = new PlanWorkbook(snapshot, { ...plan, blocks: [...plan.blocks, ...data.blocks] });
  return { snapshot, analysis, plan, data, book };
}

/** Register rows (1-based) whose point is plotted (not #N/A) in the strategy's series. */
function plottedRows(book: PlanWorkbook, data: Awaited<ReturnType<typeof setUp>>["data"], chart: number, strategy: StrategyKey) {
  const binding = data.bindings[chart];
  const ys = readRange(book, binding.series.find((s) => s.strategy === strategy)!.yValues);
  return binding.pointRows.filter((_, i) => typeof ys[i] === "number");
}

const rowsWith = (analysis: Analysis, strategy: StrategyKey, goal?: string | null) =>
  analysis.rows.filter((r) => r.strategy === strategy && (goal === undefined || r.goal === goal)).map((r) => r.row);

describe(`chart data for the live Excel chart (${register.name} register)`, () => {
  it("each strategy series plots exactly the partners of that strategy, at their scores", async () => {
    const { analysis, data, book } = await setUp();
    expect(data.bindings).toHaveLength(1);
    for (const k of STRATEGY_KEYS) expect(plottedRows(book, data, 0, k)).toEqual(rowsWith(analysis, k));
    const binding = data.bindings[0];
    const xs = readRange(book, binding.series[0].xValues);
    const secureYs = readRange(book, binding.series.find((s) => s.strategy === "secure")!.yValues);
    for (const r of analysis.rows) {
      const i = binding.pointRows.indexOf(r.row);
      expect(xs[i]).toBe(r.dependency);
      if (r.strategy === "secure") expect(secureYs[i]).toBe(r.influence);
    }
    const names = readRange(book, binding.labelColumn);
    // Every register row has a point slot (a skipped row plots nowhere until a user fixes its score).
    const analysed = new Set(analysis.rows.map((r) => r.row));
    expect(binding.pointRows.map((row, i) => [row, names[i]]).filter(([row]) => analysed.has(row as number))).toEqual(analysis.rows.map((r) => [r.row, r.partner]));
    expect(binding.pointRows).toEqual(expect.arrayContaining(analysis.skipped.map((s) => s.row)));
    // Legend names come from the named label cells.
    expect(binding.series.map((s) => readRange(book, s.nameCell)[0])).toEqual(binding.series.map((s) => s.name));
    // A labelled point's label cell holds its own partner's name.
    expect(binding.labelledPoints.length).toBeGreaterThan(0);
    expect(binding.labelCells.map((c) => readRange(book, c)[0])).toEqual(binding.labelledPoints.map((i) => names[i]));
    expect(binding.labelledPoints.map((i) => binding.pointRows[i])).toEqual(data.specs[0].labelledRows);
  });

  it("line and threshold read the named parameter cells, and follow them when a user changes them", async () => {
    const { analysis, data, book } = await setUp();
    const b = data.bindings[0];
    expect(readRange(book, b.line.xValues)).toEqual([1, 5]);
    expect(readRange(book, b.line.yValues)).toEqual([analysis.line.atLowestDependency, analysis.line.atHighestDependency]);
    expect(readRange(book, b.threshold.xValues)).toEqual([3, 3]);
    expect(readRange(book, b.threshold.yValues)).toEqual([1, 5]);
    book.setNamed("PK_LineAtHighest", 4.5);
    book.setNamed("PK_HighDependencyAbove", 3.5);
    expect(readRange(book, b.line.yValues)).toEqual([analysis.line.atLowestDependency, 4.5]);
    expect(readRange(book, b.threshold.xValues)).toEqual([3.5, 3.5]);
  });

  it("a partner changes series when Excel recomputes its strategy", async () => {
    const { analysis, data, book, plan } = await setUp();
    const school = analysis.rows.find((r) => r.strategy === "raise-influence")!;
    book.set(plan.registerSheet, school.row - 1, analysis.mapping.influence!.column, 5);
    expect(plottedRows(book, data, 0, "raise-influence")).not.toContain(school.row);
    expect(plottedRows(book, data, 0, "secure")).toContain(school.row);
  });

  it("movement segments are one series, from a partner's scores to its target columns with a blank between; targets one point each", async () => {
    const { analysis, data, book } = await setUp();
    const b = data.bindings[0];
    const movements = data.specs[0].movements;
    expect(movements.length).toBeGreaterThan(1);
    expect(b.movement!.segments.map((m) => m.row)).toEqual(movements.map((m) => m.row));
    const xs = readRange(book, b.movement!.xValues);
    const ys = readRange(book, b.movement!.yValues);
    expect(xs).toHaveLength(movements.length * SEGMENT_ROWS - 1);
    const targetXs = readRange(book, b.targets!.xValues);
    const targetYs = readRange(book, b.targets!.yValues) as number[];
    movements.forEach((m, k) => {
      const r = analysis.rows.find((x) => x.row === m.row)!;
      const at = k * SEGMENT_ROWS;
      expect([xs[at], xs[at + 1]]).toEqual([r.dependency, r.target.dependency]);
      expect(ys[at]).toBe(r.influence);
      expect(ys[at + 1]).toBeCloseTo(r.target.influence, 9);
      // The blank that ends the segment's line: an empty cell, which the chart shows as a gap.
      if (k < movements.length - 1) expect([xs[at + 2], ys[at + 2]].every((v) => v === null || v === "")).toBe(true);
      expect(targetXs[k]).toBe(r.target.dependency);
      expect(targetYs[k]).toBeCloseTo(r.target.influence, 9);
    });
  });

  it("the labels series plots every analysed partner once, at its scores, whatever its strategy", async () => {
    const { analysis, data, book } = await setUp();
    const b = data.bindings[0];
    const xs = readRange(book, b.labels!.xValues);
    const ys = readRange(book, b.labels!.yValues);
    const plotted = b.pointRows.flatMap((row, i) => (typeof ys[i] === "number" ? [[row, xs[i], ys[i]]] : []));
    expect(plotted).toEqual(analysis.rows.map((r) => [r.row, r.dependency, r.influence]));
  });

  it("on the register sheet the chart sits right of everything the plan writes there, columns added beside ours included", async () => {
    const { analysis, plan } = await setUp();
    const ours = Math.max(...plan.columns.map((c) => c.column));
    const options = { ...DEFAULT_CHART_OPTIONS, language: "nl" as const };
    expect(planChartData(analysis, plan, options).bindings[0].placement.column).toBe(ours + 2);
    // A comparison's columns (issue 19) are a block beside ours: the chart moves past them.
    const beside = { kind: "fill" as const, id: "beside", purpose: "register-data" as const, sheetName: plan.registerSheet, row: plan.firstDataRow, column: ours + 1, rowCount: 3, formulasR1C1: ["=1", "=2", "=3"] };
    const widened = { ...plan, blocks: [...plan.blocks, beside as unknown as (typeof plan.blocks)[number]] };
    expect(planChartData(analysis, widened, options).bindings[0].placement.column).toBe(ours + 3 + 2);
  });

  it("per goal: one set of series per chart, each holding only that goal's partners", async () => {
    const { analysis, data, book } = await setUp({ perGoal: true });
    expect(data.bindings.map((b) => b.chartName)).toEqual(data.specs.map((s) => s.name));
    expect(data.bindings.length).toBeGreaterThan(1);
    data.specs.forEach((spec, i) => {
      for (const k of STRATEGY_KEYS) expect(plottedRows(book, data, i, k)).toEqual(rowsWith(analysis, k, spec.goal));
    });
    // Stacked charts do not share a top-left cell.
    expect(new Set(data.bindings.map((b) => b.placement.anchorCell)).size).toBe(data.bindings.length);
  });

  it.each([
    ["formulas", { perGoal: true }],
    ["values", {}],
  ] as const)("every chart has one point per register data row, in sheet order, beside its name (%s mode)", async (mode, chart) => {
    const { snapshot, analysis, plan, data, book } = await setUp(chart, mode);
    const dataRows = plan.lastDataRow - plan.firstDataRow + 1;
    expect(dataRows).toBeGreaterThan(1);
    const partnerColumn = analysis.mapping.partner!.column - snapshot.origin.column;
    for (const binding of data.bindings) {
      const names = readRange(book, binding.labelColumn);
      expect(binding.pointRows).toHaveLength(dataRows);
      expect(readRange(book, binding.series[0].yValues)).toHaveLength(dataRows);
      expect(binding.pointRows.every((row, i) => i === 0 || row === binding.pointRows[i - 1] + 1)).toBe(true);
      // Register cells as the name column shows them (a formula there appends "").
      const registerNames = binding.pointRows.map((row) => {
        const value = snapshot.values[row - 1 - snapshot.origin.row][partnerColumn];
        return mode === "formulas" ? String(value ?? "") : (analysis.rows.find((r) => r.row === row)?.partner ?? "");
      });
      expect(names).toEqual(registerNames);
    }
  });

  it("values mode: the same points, written as numbers and #N/A", async () => {
    const { analysis, data, book } = await setUp({}, "values");
    for (const k of STRATEGY_KEYS) expect(plottedRows(book, data, 0, k)).toEqual(rowsWith(analysis, k));
  });

  it("formulas use only common functions and never hold a partner name or goal text", async () => {
    const { analysis, data } = await setUp({ perGoal: true });
    const formulas = data.blocks.flatMap((b) => blockCells(b).flat()).flatMap((c) => (c.kind === "formula" ? [c.formula] : []));
    expect(formulas.length).toBeGreaterThan(100);
    const functions = new Set(formulas.flatMap((f) => [...f.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1])));
    for (const fn of functions) expect(["IF", "IFERROR", "AND", "ISNUMBER", "NA", "TRIM"]).toContain(fn);
    const userStrings = [...analysis.rows.map((r) => r.partner), ...analysis.rows.flatMap((r) => (r.goal ? [r.goal] : []))];
    // The only string literal is the empty one; no user text anywhere.
    expect(formulas.filter((f) => userStrings.some((s) => f.includes(s)) || f.replace(/""/g, "").includes('"'))).toEqual([]);
  });
});

describe("number formats of the chart data", () => {
  it.each(["formulas", "values"] as const)("never formats a formula cell as text (%s mode)", async (mode) => {
    // Excel stores a formula entered into a "@" cell as its text, so the chart would plot nothing.
    const { plan, data } = await setUp({ movement: true }, mode);
    const textFormattedFormulas = [...plan.blocks, ...data.blocks].flatMap((block) =>
      blockCells(block).flatMap((row, r) =>
        row.flatMap((cell, c) =>
          cell.kind === "formula" && block.columnNumberFormats?.[c] === "@" ? [`${block.id} row ${r} column ${c}`] : [],
        ),
      ),
    );
    expect(textFormattedFormulas).toEqual([]);
  });
});
