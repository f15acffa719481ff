import { readFileSync } from "node:fs";
import { analyzeSheet } from "../../src/core/analyze";
import { generateRegister } from "../support/generate";
import { csvCells, expectColumnsMatch, fixture, haveFixture, makeHarness, outputOptions, type Harness } from "./harness";

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
  return harness;
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

  test("plain values mode: the same results as values, and a re-run gives the same workbook", async () => {
    const harness = generatedHarness(25, "table");
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    const output = outputOptions({ mode: "values" }, { enabled: true });
    await harness.host.apply(snapshot, {}, output);
    expectColumnsMatch(harness, analysis);
    const once = harness.driver.snapshotAll();
    await harness.host.apply(await harness.host.readActiveSheet(), {}, output);
    expect(harness.driver.snapshotAll()).toEqual(once);
  });

  test.each(["range", "table"] as const)("generated %s register: columns match, user cells unchanged", async (layout) => {
    const harness = generatedHarness(40, layout);
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    await harness.host.apply(snapshot, {}, outputOptions());
    expectColumnsMatch(harness, analysis);
  });
});

