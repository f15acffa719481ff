/**
 * The planned formulas, evaluated by HyperFormula, give what analyzeSheet gives — for the shared
 * fixtures and the project's own registers, and again after a user changes a score or a parameter.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type Language, type OutputOptions } from "../../src/core/host";
import { planWrite } from "../../src/core/plan/plan";
import { PARAMETER_NAMES, positionLabelName, strategyLabelName } from "../../src/core/names";
import type { PlannedColumnKey, WritePlan } from "../../src/core/plan/types";
import { STRATEGY_KEYS, type Analysis, type AnalysisSettings, type CellValue, type SheetSnapshot } from "../../src/core/types";
import { PlanWorkbook } from "./plan-hf";
import { fixtureRegisters, ownRegisters, sheet, type NamedRegister } from "./registers";

const output = (language: Language = "nl"): OutputOptions => ({ language, mode: "formulas", chart: DEFAULT_CHART_OPTIONS });

function column(plan: WritePlan, key: PlannedColumnKey): number {
  const c = plan.columns.find((col) => col.key === key);
  if (!c) throw new Error(`no ${key} column`);
  return c.column;
}

/** Position and strategy keys as the workbook's label cells name them. */
function keyOfLabel(wb: PlanWorkbook, text: CellValue): string {
  for (const k of STRATEGY_KEYS) if (wb.named(strategyLabelName(k)) === text) return k;
  for (const p of ["above", "below"] as const) if (wb.named(positionLabelName(p)) === text) return p;
  return `unknown label ${JSON.stringify(text)}`;
}

/** Compares every data row's formula results with the analysis; rows the core skipped must show "". */
function expectWorkbookMatches(wb: PlanWorkbook, plan: WritePlan, analysis: Analysis) {
  // With no partners the loop below would compare nothing and pass.
  expect(analysis.rows.length).toBeGreaterThan(0);
  const sheetName = plan.registerSheet;
  const at = (r: number, key: PlannedColumnKey) => wb.value(sheetName, r, column(plan, key));
  const byRow = new Map(analysis.rows.map((r) => [r.row - 1, r]));
  let compared = 0;
  for (let r = analysis.location.firstDataRow; r <= analysis.location.lastDataRow; r++) {
    if (r === analysis.location.totalsRow) continue;
    const result = byRow.get(r);
    const where = `sheet row ${r + 1}`;
    if (!result) {
      expect({ where, gap: at(r, "gap"), strategy: at(r, "strategy") }).toEqual({ where, gap: "", strategy: "" });
      continue;
    }
    compared++;
    const got = {
      where,
      influence: at(r, "influenceScore"),
      dependency: at(r, "dependencyScore"),
      position: keyOfLabel(wb, at(r, "position")),
      strategy: keyOfLabel(wb, at(r, "strategy")),
    };
    expect(got).toEqual({ where, influence: result.influence, dependency: result.dependency, position: result.position, strategy: result.strategy });
    expect(at(r, "requiredInfluence") as number).toBeCloseTo(result.requiredInfluence, 9);
    expect(at(r, "gap") as number).toBeCloseTo(result.gap, 9);
    expect({ where, ti: round(at(r, "targetInfluence")), td: round(at(r, "targetDependency")) }).toEqual({
      where,
      ti: round(result.target.influence),
      td: round(result.target.dependency),
    });
    if (plan.columns.some((c) => c.key === "subsidyAmount")) {
      expect({ where, amount: at(r, "subsidyAmount") }).toEqual({ where, amount: result.subsidy ?? "" });
    }
  }
  expect(compared).toBe(analysis.rows.length);
}

const round = (v: CellValue) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v);

/** The summary block's numbers: per strategy and position, from the workbook. */
function summaryOf(wb: PlanWorkbook) {
  const names = (wb.plan.names.find((n) => n.name === PARAMETER_NAMES.summary)!).rect;
  const rows: Record<string, { count: CellValue; subsidy: CellValue }> = {};
  for (let i = 0; i < names.rowCount; i++) {
    const label = wb.value(wb.plan.parameterSheet, names.row + i, names.column);
    rows[String(label)] = {
      count: wb.value(wb.plan.parameterSheet, names.row + i, names.column + 1),
      subsidy: wb.value(wb.plan.parameterSheet, names.row + i, names.column + 2),
    };
  }
  return rows;
}

function expectSummaryMatches(wb: PlanWorkbook, analysis: Analysis) {
  const rows = summaryOf(wb);
  for (const k of STRATEGY_KEYS) {
    const label = String(wb.named(strategyLabelName(k)));
    expect({ k, ...rows[label] }).toEqual({ k, count: analysis.summary.byStrategy[k].count, subsidy: analysis.summary.byStrategy[k].subsidy });
  }
  for (const p of ["above", "below"] as const) {
    const label = String(wb.named(positionLabelName(p)));
    expect({ p, ...rows[label] }).toEqual({ p, count: analysis.summary.byPosition[p].count, subsidy: analysis.summary.byPosition[p].subsidy });
  }
}

let registers: NamedRegister[] = [];
beforeAll(async () => {
  const fixtures = await fixtureRegisters();
  if (fixtures.length === 0) console.warn("test/plan: ../shared/fixtures is absent; only the project's own registers are checked.");
  registers = [...fixtures, ...ownRegisters()];
});

test("the formula columns equal the core's gap, position, strategy and targets on every register", () => {
  expect(registers.length).toBeGreaterThanOrEqual(4);
  for (const register of registers) {
    const analysis = analyzeSheet(register.snapshot);
    const plan = planWrite(register.snapshot, analysis, output());
    const wb = new PlanWorkbook(register.snapshot, plan);
    try {
      expectWorkbookMatches(wb, plan, analysis);
      expectSummaryMatches(wb, analysis);
    } catch (error) {
      (error as Error).message = `${register.name}: ${(error as Error).message}`;
      throw error;
    }
  }
});

/** Same register with one cell typed over (absolute coordinates of the original sheet). */
function withCell(snapshot: SheetSnapshot, row: number, col: number, value: CellValue): SheetSnapshot {
  const values = snapshot.values.map((r) => [...r]);
  values[row - snapshot.origin.row][col - snapshot.origin.column] = value;
  return { ...snapshot, values };
}

function pinnedSettings(analysis: Analysis): AnalysisSettings {
  const pin = (s: Analysis["influenceScale"]) => ({ min: s.min, max: s.max, kind: s.kind, ...(s.labels ? { labels: s.labels } : {}) });
  return { influenceScale: pin(analysis.influenceScale), dependencyScale: pin(analysis.dependencyScale), line: analysis.line, highDependencyAbove: analysis.highDependencyAbove };
}

test("after a user changes a score, the line and the threshold, Excel's results equal analyzeSheet on the changed input", () => {
  for (const register of registers) {
    const analysis = analyzeSheet(register.snapshot);
    const plan = planWrite(register.snapshot, analysis, output("en"));
    const wb = new PlanWorkbook(register.snapshot, plan);
    const settings = pinnedSettings(analysis);
    const { min, max } = analysis.influenceScale;
    // The first analysed partner's influence becomes the scale's top, typed as text with a decimal comma.
    const first = analysis.rows[0];
    const influenceColumn = analysis.mapping.influence!.column;
    const typed = String(max - (max - min) / 4).replace(".", ",");
    const insertShift = (c: number) =>
      plan.registerColumns.kind === "insert-columns" && c >= plan.registerColumns.atColumn ? c + plan.registerColumns.count : c;
    wb.set(plan.registerSheet, first.row - 1, insertShift(influenceColumn), typed);
    const changedSnapshot = withCell(register.snapshot, first.row - 1, influenceColumn, typed);
    // The line's low end goes up by a tenth of the range; the threshold moves down a quarter.
    const line = { atLowestDependency: analysis.line.atLowestDependency + (max - min) / 10, atHighestDependency: analysis.line.atHighestDependency };
    wb.setNamed(PARAMETER_NAMES.lineAtLowest, line.atLowestDependency);
    const threshold = analysis.highDependencyAbove - (analysis.dependencyScale.max - analysis.dependencyScale.min) / 4;
    wb.setNamed(PARAMETER_NAMES.highDependencyAbove, threshold);
    const changed = analyzeSheet(changedSnapshot, { ...settings, line, highDependencyAbove: threshold });
    try {
      expectWorkbookMatches(wb, plan, changed);
      expectSummaryMatches(wb, changed);
    } catch (error) {
      (error as Error).message = `${register.name} (changed): ${(error as Error).message}`;
      throw error;
    }
  }
});

test("renaming a strategy in its label cell renames it in the register and keeps the summary counting", () => {
  const register = ownRegisters()[0];
  const analysis = analyzeSheet(register.snapshot);
  const plan = planWrite(register.snapshot, analysis, output("nl"));
  const wb = new PlanWorkbook(register.snapshot, plan);
  const strategy = analysis.rows[0].strategy;
  wb.setNamed(strategyLabelName(strategy), "Investeren");
  const strategyColumn = column(plan, "strategy");
  const renamed = analysis.rows.filter((r) => r.strategy === strategy);
  expect(renamed.length).toBeGreaterThan(0);
  for (const r of renamed) expect(wb.value(plan.registerSheet, r.row - 1, strategyColumn)).toBe("Investeren");
  expect(summaryOf(wb)["Investeren"].count).toBe(renamed.length);
});

test("near the line the formulas use the core's tolerance (0.55 at dependency 0.6 on a 0–1 line is on it)", () => {
  const values: CellValue[][] = [["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk"]];
  const influences = [0.55, 0.55 - 1e-12, 0.55 - 1e-8, 0.55 + 1e-12, 0.25, 0.75, 0.29];
  const dependencies = [0.6, 0.6, 0.6, 0.6, 0, 1, 0.1];
  influences.forEach((inf, i) => values.push([`P${i}`, inf, dependencies[i], "nee"]));
  const snapshot = sheet("Lijn", { row: 0, column: 0 }, values);
  const settings: AnalysisSettings = {
    influenceScale: { min: 0, max: 1 },
    dependencyScale: { min: 0, max: 1 },
    line: { atLowestDependency: 0.25, atHighestDependency: 0.75 },
  };
  const analysis = analyzeSheet(snapshot, settings);
  expect(analysis.rows.map((r) => r.position)).toEqual(["above", "above", "below", "above", "above", "above", "below"]);
  const plan = planWrite(snapshot, analysis, output());
  expectWorkbookMatches(new PlanWorkbook(snapshot, plan), plan, analysis);
});
