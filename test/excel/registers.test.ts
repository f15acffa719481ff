/**
 * Real registers through the Office host: the shared fixtures (when present) and the project's own
 * test registers, loaded into the double from .xlsx, applied, and checked against the core.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeSheet } from "../../src/core/analyze";
import { buildChartSpec } from "../../src/core/chart";
import { buildEnglishOffset, buildPercentTable, buildTargets } from "../registers/builders";
import { expectColumnsMatch, fixture, haveFixture, makeHarness, outputOptions } from "./harness";

const SHARED = ["gemeente-voorbeeldstad.xlsx", "register-en.xlsx", "rommelig-register.xlsx"];
const dir = mkdtempSync(join(tmpdir(), "pk-excel-"));

async function applyAndCheck(path: string, activeSheet?: string) {
  const harness = makeHarness();
  await harness.driver.loadXlsx(path, activeSheet ? { activeSheet } : {});
  const snapshot = await harness.host.readActiveSheet();
  const analysis = analyzeSheet(snapshot, {});
  expect(analysis.rows.length).toBeGreaterThan(0);
  const output = outputOptions({}, { enabled: true, perGoal: true });
  const result = await harness.host.apply(snapshot, {}, output);
  expectColumnsMatch(harness, analysis);
  // One chart per societal goal, each found again by its name.
  const specs = buildChartSpec(analysis, { ...output.chart, language: "nl" });
  expect(result.chartNames).toEqual(specs.map((spec) => spec.name));
  const placed = [...harness.driver.charts(result.sheetName), ...harness.driver.charts(result.parameterSheet)].map((c) => c.name);
  expect(placed.sort()).toEqual(specs.map((spec) => spec.name).sort());
  expect(result.syncs).toBeLessThanOrEqual(5);
}

describe.each(SHARED)("shared fixture %s", (name) => {
  (haveFixture(name) ? test : test.skip)("apply: columns equal the core's, one chart per goal", async () => {
    await applyAndCheck(fixture(name));
  });
});

describe("the project's own registers", () => {
  test("English, offset on a second sheet", async () => {
    await applyAndCheck(await buildEnglishOffset(dir), "Overview");
  });
  test("Excel table with percent influence", async () => {
    await applyAndCheck(await buildPercentTable(dir));
  });
  test("register with its own target columns", async () => {
    await applyAndCheck(await buildTargets(dir));
  });
});
