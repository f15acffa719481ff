/**
 * Issue 15 A2: the formulas the add-in writes and the core read every text alike
 * (docs/text-grammar.md). Registers of texts drawn from the grammar, and from just outside it, are
 * analysed by the core and recomputed by the shared Excel engine (test/support/excel/engine.ts):
 * the same scores, strategy and amount per row, the same count and money per strategy.
 */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { planWrite } from "../../src/core/plan/plan";
import { PARAMETER_NAMES, strategyLabelName } from "../../src/core/names";
import type { PlannedColumnKey, WritePlan } from "../../src/core/plan/types";
import { STRATEGY_KEYS, type CellValue } from "../../src/core/types";
import { PlanWorkbook } from "./plan-hf";
import { sheet } from "./registers";

const output: OutputOptions = { language: "nl", mode: "formulas", chart: DEFAULT_CHART_OPTIONS };
const HEADER = ["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Subsidie"];

function columnOf(plan: WritePlan, key: PlannedColumnKey): number {
  const c = plan.columns.find((col) => col.key === key);
  if (!c) throw new Error(`no ${key} column`);
  return c.column;
}

/** Per data row what the workbook computes and what the core says, and the summary both ways. */
function compare(rows: CellValue[][]) {
  const snapshot = sheet("Register", { row: 0, column: 0 }, [HEADER, ...rows]);
  const analysis = analyzeSheet(snapshot);
  const plan = planWrite(snapshot, analysis, output);
  const wb = new PlanWorkbook(snapshot, plan);
  const strategyOfLabel = new Map(STRATEGY_KEYS.map((k) => [wb.named(strategyLabelName(k)), k as string]));
  const at = (r: number, key: PlannedColumnKey) => wb.value(plan.registerSheet, r, columnOf(plan, key));
  // Without an amount column (every amount a number) the summary sums the register's own cells.
  const hasAmountColumn = plan.columns.some((c) => c.key === "subsidyAmount");
  const amountAt = (r: number) => (hasAmountColumn ? at(r, "subsidyAmount") : typeof rows[r - 1][4] === "number" ? rows[r - 1][4] : "");
  const byRow = new Map(analysis.rows.map((r) => [r.row - 1, r]));
  const workbook: unknown[] = [];
  const core: unknown[] = [];
  for (let r = 1; r <= rows.length; r++) {
    const cells = rows[r - 1].map((v) => JSON.stringify(v)).join(" | ");
    const result = byRow.get(r);
    const strategy = at(r, "strategy");
    workbook.push({ cells, influence: at(r, "influenceScore"), dependency: at(r, "dependencyScore"), strategy: strategy === "" ? "" : (strategyOfLabel.get(strategy) ?? strategy), amount: amountAt(r) });
    core.push(
      result
        ? { cells, influence: result.influence, dependency: result.dependency, strategy: result.strategy, amount: result.subsidy ?? "" }
        : { cells, influence: at(r, "influenceScore"), dependency: at(r, "dependencyScore"), strategy: "", amount: amountAt(r) },
    );
  }
  const summary = plan.names.find((n) => n.name === PARAMETER_NAMES.summary)!.rect;
  const money: Record<string, unknown> = {};
  for (let i = 0; i < summary.rowCount; i++) {
    const label = wb.value(plan.parameterSheet, summary.row + i, summary.column);
    const key = strategyOfLabel.get(label);
    if (key) money[key] = { count: wb.value(plan.parameterSheet, summary.row + i, summary.column + 1), subsidy: wb.value(plan.parameterSheet, summary.row + i, summary.column + 2) };
  }
  const coreMoney = Object.fromEntries(STRATEGY_KEYS.map((k) => [k, { count: analysis.summary.byStrategy[k].count, subsidy: analysis.summary.byStrategy[k].subsidy }]));
  return { workbook, core, money, coreMoney, analysis };
}

const NBSP = "\u00a0";

test("the issue's texts: scores, yes/no words and amounts read alike by the formulas and the core", () => {
  const rows: CellValue[][] = [
    ["A", `2,5${NBSP}`, 4, "nee", "12.50"],
    ["B", "1 5", 4, "nee", "1.5"],
    ["C", 3, 4, `ja${NBSP}`, "(300)"],
    ["D", 3, 4, "Jà", "300 euro"],
    ["E", 2, 4, "JA", "€ 1 000"],
    ["F", 4, 2, "x", `€${NBSP}75.000`],
    ["G", "35 %", "4,5", "nee", "€ 12.500,-"],
    ["H", "zeer hoog", "Zeer  Hoog", "nee", "-€ 1.000"],
    ["I", "hóóg", "2", "nee", "1.250.000,00"],
    ["J", "+3", "4", "nee", "1,250,000.00"],
    ["K", "3.", "4", "nee", "1.25.0"],
    ["L", "1e0", "4", "nee", "EUR 4500"],
    ["M", "4", "4", "1/2/2020", "12,5"],
    [NBSP, "4", "4", "ja", "100"],
    ["\t", "4", "2", "ja", "100"],
    ["\u2003", "4", "2", "ja", "100"],
    ["N", "4", "2", "ja", "100"],
  ];
  const { workbook, core, money, coreMoney, analysis } = compare(rows);
  expect(workbook).toEqual(core);
  expect(money).toEqual(coreMoney);
  // The grammar's choices, as a user reads them (docs/text-grammar.md).
  const row = (name: string) => analysis.rows.find((r) => r.partner === name);
  expect(row("A")?.influence).toBe(2.5);
  expect(row("B")).toBeUndefined();
  expect([row("A")?.subsidy, row("B"), row("C")?.subsidy, row("D")?.subsidy, row("E")?.subsidy, row("F")?.subsidy]).toEqual([12.5, undefined, null, 300, 1000, 75000]);
  expect([row("C")?.alternativesDesirable, row("D")?.alternativesDesirable, row("E")?.alternativesDesirable]).toEqual([true, false, true]);
  expect([row("H")?.subsidy, row("I"), row("J"), row("K"), row("L")]).toEqual([-1000, undefined, undefined, undefined, undefined]);
});

// ------------------------------------------------------------------ texts drawn from the grammar

/** Random case, as people type. */
const anyCase = (word: string) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(""));
/** What can stand around a text: nothing, spaces, no-break spaces. */
const padding = fc.constantFrom("", "", " ", "  ", NBSP, ` ${NBSP}`);
const padded = (text: fc.Arbitrary<string>) => fc.tuple(padding, text, padding).map(([a, t, b]) => a + t + b);
const digits = (min: number, max: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));

const scoreNumberText = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.option(fc.tuple(fc.constantFrom(",", "."), digits(1, 2)), { nil: undefined }), fc.constantFrom("", "", "%", " %"))
  .map(([whole, fraction, percent]) => `${whole}${fraction ? fraction[0] + fraction[1] : ""}${percent}`);
const LABEL_WORDS = ["laag", "gemiddeld", "hoog", "zeer laag", "zeer hoog", "low", "medium", "high", "very low", "very high"];
const labelText = fc.constantFrom(...LABEL_WORDS, "zeer  hoog", "very  high").chain(anyCase);
/** Just outside the grammar: what NUMBERVALUE, TRIM or a collation would read differently. */
const scoreNearMiss = fc.constantFrom("1 5", "+3", "-1", "3.", ".5", "1e0", "3,5,0", "3%%", "%5", "%", "hóóg", "Hoog\t", "\thoog", "n.v.t.", "?", "0x3", "3/4", "12:00", "1/2/2020", "3 à 4", "2\u202f5", "LAAG.");
const scoreCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: padded(scoreNumberText) },
  { weight: 3, arbitrary: padded(labelText) },
  { weight: 2, arbitrary: scoreNearMiss },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(2.5, 4.25, true, "", null) },
);

const yesNoCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: padded(fc.constantFrom("ja", "j", "yes", "y", "true", "waar", "1", "x", "nee", "n", "no", "false", "onwaar", "0").chain(anyCase)) },
  { weight: 2, arbitrary: fc.constantFrom<CellValue>("Jà", "jä", "ja.", "ja ja", "1.0", "01", "1/1", "\tja", "", null, true, false, 1, 0, 2) },
);

const amountText = fc
  .tuple(
    fc.constantFrom("", "", "-", "€ ", "€", `€${NBSP}`, "EUR ", "-€ ", "€ -"),
    fc.integer({ min: 1, max: 999 }),
    fc.array(digits(3, 3), { maxLength: 3 }),
    fc.constantFrom(".", ","),
    fc.constantFrom("", "", ",00", ".50", ",5", ",-", ".-", ",25"),
    fc.constantFrom("", "", " euro", " EUR", " €"),
  )
  .map(([lead, first, groups, separator, tail, unit]) => `${lead}${[String(first), ...groups].join(separator)}${tail}${unit}`);
const amountNearMiss = fc.constantFrom("(300)", "+500", "1.25.0", "12.", ".5", "1e3", "€", "300-", "3 00", "12,50,5", "1.000.000.000.000.000.000", "1,5.0", "1.,5", "€ 12.500,--", "EURO", "euros 5", "5 eur.", "1/2/2020", "12:00");
const amountCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: padded(amountText) },
  { weight: 2, arbitrary: padded(fc.tuple(digits(1, 7), fc.option(fc.tuple(fc.constantFrom(",", "."), digits(1, 3)), { nil: undefined })).map(([w, f]) => w + (f ? f[0] + f[1] : ""))) },
  { weight: 2, arbitrary: amountNearMiss },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(1250, 0, -40, 12.5, "", null, true) },
);

const roundMoney = (money: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(money).map(([k, v]) => [k, { ...(v as object), subsidy: Math.round(((v as { subsidy: number }).subsidy || 0) * 1e6) / 1e6 }]));

test("texts drawn from the grammar and just outside it: the same per row and the same money per strategy (fixed seed)", () => {
  // Now and then a partner cell of white space only: that row does not count, on either side.
  const blankPartner = fc.option(fc.constantFrom(" ", NBSP, "\t", "\n", "\u2003", "\u3000"), { freq: 12, nil: undefined });
  const register = fc.array(fc.tuple(blankPartner, scoreCell, scoreCell, yesNoCell, amountCell), { minLength: 1, maxLength: 14 });
  fc.assert(
    fc.property(register, (cells) => {
      const rows: CellValue[][] = cells.map(([blank, influence, dependency, alternatives, amount], i) => [blank ?? `Partner ${i + 1}`, influence, dependency, alternatives, amount]);
      const compared = compare(rows);
      expect(compared.workbook).toEqual(compared.core);
      expect(roundMoney(compared.money)).toEqual(roundMoney(compared.coreMoney));
    }),
    { numRuns: 40, seed: 20261206 },
  );
});
