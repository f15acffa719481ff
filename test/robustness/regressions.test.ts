/**
 * Regression cases: bugs the robustness work found, each fixed, each kept here so it stays fixed.
 * The case's name says what was wrong and which file fixed it.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { RegisterError, type CellValue } from "../../src/core/types";
import { generateRegister } from "../support/generate";

function analyseOrRegisterError(run: () => unknown): "analysed" | "register-error" {
  try {
    run();
    return "analysed";
  } catch (error) {
    if (error instanceof RegisterError) return "register-error";
    throw error;
  }
}

describe("regressions in src/core", () => {
  // src/core/values.ts serialToIsoDate: new Date(ms).toISOString() throws "RangeError: Invalid time
  // value" for a date-formatted serial outside JavaScript's date range (about ±100,000,000 days).
  // Excel shows such a cell as ####; the row should be skipped as unusable, not crash the analysis.
  it("fixed (src/core/values.ts): a date-formatted score of 200,000,000 skips the row instead of throwing RangeError", () => {
    const register = generateRegister({ partners: 5, seed: 7, layout: "range", defectRate: 0 });
    const row = register.expected[2].row - 1 - register.snapshot.origin.row;
    const column = register.columns.dependency - register.snapshot.origin.column;
    register.snapshot.values[row][column] = 200_000_000;
    register.snapshot.numberFormats![row][column] = "d-m-yyyy";
    const analysis = analyzeSheet(register.snapshot);
    expect(analysis.skipped).toEqual([expect.objectContaining({ row: register.expected[2].row, reason: "unusable-dependency" })]);
  });

  // src/core/locate.ts lastColumnOf: Math.max(0, ...snapshot.values.map(r => r.length)) spreads one
  // argument per sheet row; V8 overflows its stack at about 125,000 arguments. Any used range of
  // more than ~125,000 rows (130,000 partners, or 100 partners with 150,000 formatted blank rows
  // below) fails with "RangeError: Maximum call stack size exceeded". src/core/scales.ts scaleFromValues
  // (Math.min(...values) / Math.max(...values)) has the same limit when no header hint gives the scale.
  it("fixed (src/core/locate.ts): a sheet of 150,000 rows is analysed instead of overflowing the stack", () => {
    const register = generateRegister({ partners: 100, seed: 3, layout: "range" });
    const width = register.snapshot.values[0].length;
    for (let i = 0; i < 150_000; i++) register.snapshot.values.push(Array<CellValue>(width).fill(""));
    register.snapshot.numberFormats = null;
    register.snapshot.formulas = null;
    expect(analyseOrRegisterError(() => analyzeSheet(register.snapshot))).toBe("analysed");
  });
});

describe("regressions found through the Excel double", () => {
  // src/core (analyzeSheet / headers): after an apply, the add-in's own "Beoogde invloed (advies)" and
  // "Beoogde afhankelijkheid (advies)" columns are mapped as the register's target columns, so a re-run
  // reports target.source "register" and reads the targets back from our formulas. planWrite already
  // excludes its own PK_Col_ columns (existingPlannedColumns); analyzeSheet does not.
  // test/support/excel/model.ts: the double's HyperFormula is built without `useArrayArithmetic: true`,
  // so SUMPRODUCT(--(PK_YesWords=…)) and the label lookups evaluate to #VALUE! (Excel computes them):
  // a partner with alternatives "x" and high dependency shows "Invloed vergroten" in the double where
  // analyzeSheet says reduce-dependency, and its advised target differs.
  it("fixed (src/core + Excel double): re-analysing an applied workbook keeps the recommended targets", async () => {
    const { makeHarness } = await import("../excel/harness");
    const { DEFAULT_CHART_OPTIONS } = await import("../../src/core/host");
    const register = generateRegister({ partners: 3, seed: 1, layout: "range", titleRows: false, firstColumn: 0, totalsRow: false, hiddenRowRate: 0 });
    const first = analyzeSheet(register.snapshot);
    const { driver, host } = makeHarness();
    driver.loadSnapshot(register.snapshot);
    const output = { language: "nl" as const, mode: "formulas" as const, chart: { ...DEFAULT_CHART_OPTIONS } };
    await host.apply(await host.readActiveSheet(), {}, output);
    const second = analyzeSheet(await host.readActiveSheet());
    expect(second.rows.map((r) => r.target)).toEqual(first.rows.map((r) => r.target));
  });
});
