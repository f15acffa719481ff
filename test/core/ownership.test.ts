/**
 * The ownership rule on its own (core/plan/ownership.ts), without the Excel double: what proves a
 * cell, column, sheet or name Partnerkaart's, and what does not.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import {
  columnName,
  dataCellIsOurs,
  foreignNames,
  foreignParameterSheet,
  formulaShape,
  foreignTargetMessage,
  planWrite,
  snapshotView,
  foreignTargets,
} from "../../src/core/plan";
import { r1c1ToA1 } from "../../src/core/plan/r1c1";
import { PlanWorkbook } from "../plan/plan-hf";
import { sheet } from "../plan/registers";

const output = (overrides: Partial<OutputOptions> = {}): OutputOptions => ({ language: "nl", mode: "formulas", chart: DEFAULT_CHART_OPTIONS, ...overrides });

const register = () =>
  sheet("Partners", { row: 0, column: 0 }, [
    ["Partner", "Invloed", "Afhankelijkheid", "Subsidie"],
    ["Bibliotheek", 5, 5, 12000],
    ["Schoolbestuur", 2, 4, 30000],
    ["Welzijn", 3, 5, 45000],
  ]);

test("formulas compare by shape: references, sheet prefixes, spacing, case, number spelling and _xlfn. do not matter", () => {
  expect(formulaShape("=IF(ISNUMBER($K4),$K4>=-0.000000001*(PK_InfMax-PK_InfMin),\"\")")).toBe(
    formulaShape("= if(isnumber(Partners!RC11), RC11 >= -1E-09 * (PK_InfMax - PK_InfMin), \"\")"),
  );
  expect(formulaShape("=_xlfn.NUMBERVALUE('Blad 1'!A1)")).toBe(formulaShape("=NUMBERVALUE(B7)"));
  expect(formulaShape("=A1*100")).not.toBe(formulaShape("=A1*10"));
  expect(formulaShape("=SUM(A1:A3)")).not.toBe(formulaShape("=AVERAGE(A1:A3)"));
});

test("a register column is ours only under our header with our formulas; a user's numbers prove it only with its PK_Col_ name", () => {
  const snapshot = register();
  const plan = planWrite(snapshot, analyzeSheet(snapshot), output());
  const gap = plan.ownership.columns.find((c) => c.key === "gap")!;
  const ours = r1c1ToA1(gap.formulasR1C1[0], 2, gap.column);
  expect(dataCellIsOurs(gap, { value: 0.5, formula: ours }, 2, gap.column)).toBe(true);
  expect(dataCellIsOurs(gap, { value: "", formula: "" }, 2, gap.column)).toBe(true);
  expect(dataCellIsOurs(gap, { value: "bellen in mei", formula: "bellen in mei" }, 2, gap.column)).toBe(false);
  expect(dataCellIsOurs(gap, { value: 3, formula: "=B3+C3" }, 2, gap.column)).toBe(false);
  // Found by header only (no name): a plain number is not proof.
  expect(gap.values).toBe("none");
  expect(dataCellIsOurs(gap, { value: 0.5, formula: 0.5 }, 2, gap.column)).toBe(false);
});

test("a re-run finds its columns by their headers and formulas even when the PK_Col_ names were deleted", () => {
  const snapshot = register();
  const first = planWrite(snapshot, analyzeSheet(snapshot), output());
  const written = new PlanWorkbook(snapshot, first).registerSnapshot();
  const withoutNames = { ...written, definedNames: [] };
  const again = planWrite(withoutNames, analyzeSheet(withoutNames), output());
  expect(again.registerColumns.kind).toBe("existing-columns");
  expect(foreignTargets(again, snapshotView(withoutNames))).toEqual([]);
});

test("a stray PK_Col_ name on a user's input column neither hides the column from the analysis nor makes it ours", () => {
  const snapshot = { ...register(), definedNames: [{ name: columnName("influenceScore"), rect: { row: 0, column: 1, rowCount: 1, columnCount: 1 } }] };
  const analysis = analyzeSheet(snapshot);
  expect(analysis.mapping.influence?.column).toBe(1);
  const plan = planWrite(snapshot, analysis, output());
  expect(plan.columns.find((c) => c.key === "influenceScore")!.column).toBeGreaterThan(3);
  expect(foreignTargets(plan, snapshotView(snapshot))).toEqual([
    expect.objectContaining({ kind: "name", name: columnName("influenceScore") }),
  ]);
});

test("names: only a PK_ name that already points where the plan puts it may stay; quoting and $ do not matter", () => {
  const snapshot = register();
  const plan = planWrite(snapshot, analyzeSheet(snapshot), output());
  const line = plan.names.find((n) => n.name === "PK_LineAtLowest")!;
  const here = `=${plan.parameterSheet}!$B$${line.rect.row + 1}`;
  expect(foreignNames(plan, new Map([["PK_LineAtLowest", here]]))).toEqual([]);
  expect(foreignNames(plan, new Map([["PK_LineAtLowest", "'Eigen blad'!$B$1"]]))).toEqual([
    expect.objectContaining({ kind: "name", name: "PK_LineAtLowest", pointsTo: "'Eigen blad'!$B$1" }),
  ]);
});

test("a parameter sheet is ours by its title cell, in either language; an empty sheet may be used, a user's may not", () => {
  const snapshot = register();
  const plan = planWrite(snapshot, analyzeSheet(snapshot), output({ language: "en" }));
  const nlTitle = plan.ownership.parameterTitles.find((title) => title.includes("instellingen"))!;
  expect(foreignParameterSheet(plan, { value: nlTitle, formula: nlTitle }, false)).toBeNull();
  expect(foreignParameterSheet(plan, { value: "", formula: "" }, true)).toBeNull();
  const foreign = foreignParameterSheet(plan, { value: "Mijn begroting", formula: "Mijn begroting" }, false);
  expect(foreign).toEqual({ kind: "sheet", sheetName: "Partnerkaart", content: "Mijn begroting" });
  expect(foreignTargetMessage("nl", foreign!)).toContain('"Partnerkaart"');
  expect(foreignTargetMessage("en", foreign!)).toContain("Rename that sheet");
});

test("the message names the cell, what it holds and what to do, in Dutch and English", () => {
  const target = { kind: "cell" as const, sheetName: "Partners", row: 5, column: 7, content: "bellen in mei" };
  expect(foreignTargetMessage("nl", target)).toContain('Partners!H6 met "bellen in mei"');
  expect(foreignTargetMessage("en", target)).toContain('Partners!H6, which holds "bellen in mei"');
});
