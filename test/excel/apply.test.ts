import { readFileSync } from "node:fs";
import { analyzeSheet } from "../../src/core/analyze";
import { columnName, positionLabelName, strategyLabelName } from "../../src/core/plan";
import type { Analysis, PartnerResult, SheetSnapshot } from "../../src/core/types";
import { generateRegister } from "../support/generate";
import { csvCells, excelArrayArithmetic, fixture, haveFixture, makeHarness, outputOptions, type Harness } from "./harness";

const SEED = "seed-examples.csv";

/** The seed examples from the shared fixtures, or (in a user's clone) a generated register. */
function seedWorkbook() {
  if (haveFixture(SEED)) {
    return { sheets: [{ name: "Partners", cells: csvCells(readFileSync(fixture(SEED), "utf8")) }] };
  }
  return null;
}

function generatedHarness(partners: number, layout: "range" | "table" = "range"): Harness {
  const register = generateRegister({ partners, seed: 7, layout, hiddenRowRate: 0 });
  const harness = makeHarness();
  harness.driver.loadSnapshot(register.snapshot);
  excelArrayArithmetic(harness.double);
  return harness;
}

/** Where a PK_ name points (sheet, 0-based row/column), read from the workbook. */
function nameCell(harness: Harness, name: string): { sheet: string; row: number; column: number } {
  const item = harness.driver.names().find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (!item) throw new Error(`no name ${name}`);
  const match = /^=?'?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(item.formula);
  if (!match) throw new Error(`unexpected formula ${item.formula}`);
  const letters = match[2];
  let column = 0;
  for (const ch of letters) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { sheet: match[1].replace(/''/g, "'"), row: Number(match[3]) - 1, column: column - 1 };
}

function cellValue(harness: Harness, sheet: string, row: number, column: number) {
  let letters = "";
  let n = column + 1;
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return harness.driver.value(sheet, `${letters}${row + 1}`);
}

/** The evaluated gap, position and strategy of every analysed partner equal the core's. */
function expectColumnsMatch(harness: Harness, analysis: Analysis) {
  const gap = nameCell(harness, columnName("gap"));
  const position = nameCell(harness, columnName("position"));
  const strategy = nameCell(harness, columnName("strategy"));
  const labelOf = (name: string) => {
    const cell = nameCell(harness, name);
    return cellValue(harness, cell.sheet, cell.row, cell.column);
  };
  for (const result of analysis.rows) {
    const row = result.row - 1;
    expect(cellValue(harness, gap.sheet, row, gap.column)).toBeCloseTo(result.gap, 9);
    expect(cellValue(harness, position.sheet, row, position.column)).toBe(labelOf(positionLabelName(result.position)));
    expect(cellValue(harness, strategy.sheet, row, strategy.column)).toBe(labelOf(strategyLabelName(result.strategy)));
  }
}

function userCells(snapshot: SheetSnapshot): { row: number; column: number; value: unknown }[] {
  const cells: { row: number; column: number; value: unknown }[] = [];
  snapshot.values.forEach((line, r) =>
    line.forEach((value, c) => {
      if (value !== "" && value !== null) cells.push({ row: snapshot.origin.row + r, column: snapshot.origin.column + c, value });
    }),
  );
  return cells;
}

describe("apply writes live columns that Excel evaluates like the core", () => {
  const seed = seedWorkbook();
  (seed ? test : test.skip)("seed examples: gap, position and strategy per partner", async () => {
    const harness = makeHarness(seed!);
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    const result = await harness.host.apply(snapshot, {}, outputOptions());
    expect(result.sheetName).toBe("Partners");
    expectColumnsMatch(harness, analysis);
  });

  test.each(["range", "table"] as const)("generated %s register: columns match, user cells unchanged", async (layout) => {
    const harness = generatedHarness(40, layout);
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    await harness.host.apply(snapshot, {}, outputOptions());
    expectColumnsMatch(harness, analysis);
  });
});

export { expectColumnsMatch, userCells, nameCell, cellValue, generatedHarness };
export type { PartnerResult };
