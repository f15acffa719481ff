/**
 * planWrite's structure: where columns go, what a re-run reuses, values mode, the user-content
 * checker, the byte-budget splitter, the file-format prefixes and the formula vocabulary.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import { userCellsTargetedByPlan } from "../../src/core/plan/check";
import { cellPayloadBytes, splitBlockByBytes } from "../../src/core/plan/chunks";
import { describePlan } from "../../src/core/plan/describe";
import { decimalLiteral, TOLERANCE_LITERAL, toFileFormula } from "../../src/core/plan/formulas";
import { ON_LINE_TOLERANCE } from "../../src/core/line";
import { PARAMETER_SHEET_NAME } from "../../src/core/names";
import { planWrite } from "../../src/core/plan/plan";
import { textNeedsProtection, type CellBlock, type PlannedColumnKey, type WritePlan } from "../../src/core/plan/types";
import { STRATEGY_KEYS, type CellValue, type SheetSnapshot } from "../../src/core/types";
import { PlanWorkbook } from "./plan-hf";
import { ownRegisters, sheet } from "./registers";
import { blockCells } from "../../src/core/plan/blocks";

const output = (mode: OutputOptions["mode"] = "formulas", language: OutputOptions["language"] = "nl"): OutputOptions => ({
  language,
  mode,
  chart: DEFAULT_CHART_OPTIONS,
});

const plain = () => ownRegisters()[0].snapshot; // A1-based plain range, columns A:G
const table = () => ownRegisters()[3].snapshot; // table A3:E8 with a note in G4

function withValue(snapshot: SheetSnapshot, row: number, column: number, value: CellValue): SheetSnapshot {
  const width = Math.max(snapshot.values[0].length, column - snapshot.origin.column + 1);
  const values = snapshot.values.map((r) => [...r, ...Array<CellValue>(width - r.length).fill("")]);
  values[row - snapshot.origin.row][column - snapshot.origin.column] = value;
  const numberFormats = snapshot.numberFormats?.map((r) => [...r, ...Array<string>(width - r.length).fill("General")]) ?? null;
  return { ...snapshot, values, numberFormats };
}

const col = (plan: WritePlan, key: PlannedColumnKey) => plan.columns.find((c) => c.key === key)!.column;

test("a plain register with free columns to its right gets its columns there, headers in the output language", () => {
  const snapshot = plain();
  const analysis = analyzeSheet(snapshot);
  const plan = planWrite(snapshot, analysis, output("formulas", "en"));
  expect(plan.registerColumns.kind).toBe("none");
  expect(col(plan, "influenceScore")).toBe(analysis.location.lastColumn + 1);
  expect(describePlan(plan).columnHeaders.map((h) => `${h.address} ${h.header}`)).toEqual([
    `H3 ${t("en", "column.influenceScore")}`,
    `I3 ${t("en", "column.dependencyScore")}`,
    `J3 ${t("en", "column.requiredInfluence")}`,
    `K3 ${t("en", "column.gap")}`,
    `L3 ${t("en", "column.position")}`,
    `M3 ${t("en", "column.strategy")}`,
    `N3 ${t("en", "column.targetInfluence")}`,
    `O3 ${t("en", "column.targetDependency")}`,
    `P3 ${t("en", "column.subsidyAmount")}`,
  ]);
  expect(plan.parameterSheet).toBe(PARAMETER_SHEET_NAME);
  expect(userCellsTargetedByPlan(snapshot, plan)).toEqual([]);
});

test("the checker finds a user's cell in a planned spot, and planning for that sheet inserts columns instead", () => {
  const snapshot = plain();
  const plan = planWrite(snapshot, analyzeSheet(snapshot), output());
  const gap = col(plan, "gap");
  const crowded = withValue(snapshot, 5, gap, "do not touch");
  expect(userCellsTargetedByPlan(crowded, plan)).toEqual([expect.objectContaining({ row: 5, column: gap, value: "do not touch" })]);

  const replanned = planWrite(crowded, analyzeSheet(crowded), output());
  expect(replanned.registerColumns).toEqual({ kind: "insert-columns", sheetName: snapshot.sheetName, atColumn: col(plan, "influenceScore"), count: 9 });
  expect(userCellsTargetedByPlan(crowded, replanned)).toEqual([]);
});

test("a table with a note beside it grows by inserted columns, so the note moves right instead of being overwritten", () => {
  const snapshot = table();
  const plan = planWrite(snapshot, analyzeSheet(snapshot), output("formulas", "en"));
  expect(plan.registerColumns).toEqual({
    kind: "add-table-columns",
    sheetName: "Table",
    tableName: "Partners",
    firstColumn: 5,
    headers: plan.columns.map((c) => c.header),
    insertColumnsFirst: 8,
  });
  const wb = new PlanWorkbook(snapshot, plan);
  expect(wb.value("Table", 3, 6 + 8)).toBe("keep me");
});

test("values mode writes the analysis as plain numbers and labels, no formulas in the register", () => {
  const snapshot = plain();
  const analysis = analyzeSheet(snapshot);
  const plan = planWrite(snapshot, analysis, output("values"));
  const data = plan.blocks.filter((b) => b.purpose === "register-data");
  expect(data.flatMap((b) => blockCells(b).flat()).some((c) => c.kind === "formula")).toBe(false);
  const wb = new PlanWorkbook(snapshot, plan);
  for (const r of analysis.rows) {
    expect([wb.value(plan.registerSheet, r.row - 1, col(plan, "gap")), wb.value(plan.registerSheet, r.row - 1, col(plan, "strategy"))]).toEqual([
      r.gap,
      t("nl", `strategy.${r.strategy}`),
    ]);
  }
});

test("a re-run finds its columns by name after the user moved them, and the formulas follow", () => {
  const snapshot = plain();
  const analysis = analyzeSheet(snapshot);
  const first = planWrite(snapshot, analysis, output());
  const written = new PlanWorkbook(snapshot, first).registerSnapshot();
  // The user swaps the gap and strategy columns (cells and the names that point at them travel together).
  const gap = col(first, "gap");
  const strategy = col(first, "strategy");
  const swap = <T,>(rows: T[][]) => rows.map((r) => r.map((v, c) => (c === gap ? r[strategy] : c === strategy ? r[gap] : v)));
  const moved: SheetSnapshot = {
    ...written,
    values: swap(written.values),
    formulas: swap(written.formulas!),
    definedNames: written.definedNames!.map((n) =>
      n.name === "PK_Col_Gap" ? { ...n, rect: { ...n.rect, column: strategy } } : n.name === "PK_Col_Strategy" ? { ...n, rect: { ...n.rect, column: gap } } : n,
    ),
  };
  const again = planWrite(moved, analyzeSheet(moved), output());
  expect(again.registerColumns.kind).toBe("existing-columns");
  expect([col(again, "gap"), col(again, "strategy")]).toEqual([strategy, gap]);
  expect(userCellsTargetedByPlan(moved, again)).toEqual([]);
  const wb = new PlanWorkbook(moved, again);
  for (const r of analysis.rows) {
    expect(wb.value(again.registerSheet, r.row - 1, strategy)).toBeCloseTo(r.gap, 9);
    expect(wb.value(again.registerSheet, r.row - 1, gap)).toBe(t("nl", `strategy.${r.strategy}`));
  }
});

test("partner names that begin with = + - @ stay outside formulas; labels and captions are text cells", () => {
  const snapshot = plain();
  const plan = planWrite(snapshot, analyzeSheet(snapshot), output());
  const formulas = plan.blocks.flatMap((b) => blockCells(b).flat()).flatMap((c) => (c.kind === "formula" ? [c.formula] : []));
  for (const name of ["Stichting Plus", "Muziekschool", "Vluchtelingenwerk"]) expect(formulas.some((f) => f.includes(name))).toBe(false);
  const labelCells = plan.blocks.filter((b) => b.purpose === "labels").flatMap((b) => blockCells(b).flat());
  expect(labelCells.filter((c) => c.kind !== "text" && c.kind !== "number" && c.kind !== "empty")).toEqual([]);
  expect(labelCells.filter((c) => c.kind === "text").length).toBeGreaterThan(7);
  expect(textNeedsProtection("=Stichting Plus")).toBe(true);
  expect(textNeedsProtection("@Vluchtelingenwerk")).toBe(true);
  expect(textNeedsProtection("3,5")).toBe(true);
  expect(textNeedsProtection("Borgen")).toBe(false);
});

test("formulas use only functions Excel 2016+ and LibreOffice share, English names, no bare TRUE, no structured references", () => {
  const allowed = new Set([
    "IF", "IFERROR", "AND", "NOT", "ISNUMBER", "ISLOGICAL", "TRIM", "SUBSTITUTE", "UPPER", "NUMBERVALUE", "SUMPRODUCT",
    "MIN", "MAX", "ABS", "SUM", "COUNTIFS", "SUMIFS", "TRUE", "FALSE", "NA",
    // The text grammar's checks (docs/text-grammar.md); UNICHAR is Excel 2013+, written _xlfn.UNICHAR in files.
    "UNICHAR", "CHAR", "LEFT", "RIGHT", "LEN", "FIND", "MID", "OR", "ISERROR",
  ]);
  for (const register of ownRegisters()) {
    const plan = planWrite(register.snapshot, analyzeSheet(register.snapshot), output());
    const formulas = plan.blocks.flatMap((b) => blockCells(b).flat()).flatMap((c) => (c.kind === "formula" ? [c.formula] : []));
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) {
      const withoutStrings = f.replace(/"[^"]*"/g, '""');
      const used = [...withoutStrings.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]);
      expect(used.filter((name) => !allowed.has(name))).toEqual([]);
      expect(withoutStrings).not.toMatch(/\bTRUE\b(?!\()|\bFALSE\b(?!\()|\[@|;/);
      expect(f.length).toBeLessThan(8192);
    }
  }
});

test("the .xlsx form of a formula prefixes NUMBERVALUE with _xlfn. and nothing else", () => {
  expect(toFileFormula('=IFERROR(NUMBERVALUE(A1,".",","),SUM(B1:B2))')).toBe('IFERROR(_xlfn.NUMBERVALUE(A1,".",","),SUM(B1:B2))');
  expect(toFileFormula("=_xlfn.NUMBERVALUE(A1)")).toBe("_xlfn.NUMBERVALUE(A1)");
});

test("a large block splits into row bands under the byte budget that together are the block", () => {
  const rows = 20_000;
  const block: CellBlock = {
    id: "register.data.x",
    purpose: "register-data",
    sheetName: "S",
    row: 10,
    column: 3,
    cells: Array.from({ length: rows }, (_, i) => [
      { kind: "formula", formula: `=IF(ISNUMBER($B${i + 11}),$B${i + 11}*2,"")` },
      { kind: "text", value: "Zakelijk opdrachtgeverschap" },
    ]),
    columnNumberFormats: ["0.00", null],
    bold: false,
  };
  const budget = 100_000;
  const bands = splitBlockByBytes(block, budget);
  expect(bands.length).toBeGreaterThan(5);
  let nextRow = block.row;
  for (const band of bands) {
    expect(band.row).toBe(nextRow);
    expect(band.column).toBe(block.column);
    expect(band.cells.flat().reduce((s, c) => s + cellPayloadBytes(c), 0)).toBeLessThanOrEqual(budget);
    // The JSON Office would send for this band stays under the budget too.
    expect(JSON.stringify(band.cells.map((r) => r.map((c) => (c.kind === "formula" ? c.formula : c.kind === "text" ? c.value : "")))).length).toBeLessThanOrEqual(budget);
    nextRow += band.cells.length;
  }
  expect(bands.flatMap((b) => blockCells(b))).toEqual(blockCells(block));
  expect(splitBlockByBytes({ ...block, cells: blockCells(block).slice(0, 3) }, budget)).toHaveLength(1);
});

test("a register on a sheet called Partnerkaart keeps its sheet; the parameters go to another one", () => {
  const snapshot = { ...sheet(PARAMETER_SHEET_NAME, { row: 0, column: 0 }, [["Partner", "Invloed", "Afhankelijkheid"], ["A", 2, 3], ["B", 4, 1]]) };
  const plan = planWrite(snapshot, analyzeSheet(snapshot), output());
  expect(plan.registerSheet).toBe(PARAMETER_SHEET_NAME);
  expect(plan.parameterSheet).not.toBe(PARAMETER_SHEET_NAME);
  expect(plan.blocks.filter((b) => b.purpose === "parameters").every((b) => b.sheetName === plan.parameterSheet)).toBe(true);
});

test("the tolerance is written as a plain decimal that every engine reads as the core's number", () => {
  expect(TOLERANCE_LITERAL).toMatch(/^0\.0*1$/);
  expect(Number(TOLERANCE_LITERAL)).toBe(ON_LINE_TOLERANCE);
  expect(decimalLiteral(0.25)).toBe("0.25");
  expect(decimalLiteral(-12.5)).toBe("-12.5");
});

test("summary counts and money stay right when a strategy label is renamed to text a COUNTIFS criterion would misread", () => {
  const snapshot = plain();
  const analysis = analyzeSheet(snapshot);
  const plan = planWrite(snapshot, analysis, output());
  const wb = new PlanWorkbook(snapshot, plan);
  const renamed = ["<= 2 jaar contract", "Versterken ~ vervangen", "=Borgen", "* opdracht", "? invloed"];
  const keys = ["contract", "strengthen-or-replace", "secure", "raise-influence", "reduce-dependency"] as const;
  keys.forEach((key, i) => wb.setNamed(`PK_Label_${key.replace(/-/g, "_")}`, renamed[i]));
  const summary = plan.blocks.find((b) => b.id === "summary.strategies")!;
  STRATEGY_KEYS.forEach((key, i) => {
    const tally = analysis.summary.byStrategy[key];
    expect([wb.value(plan.parameterSheet, summary.row + i, summary.column + 1), wb.value(plan.parameterSheet, summary.row + i, summary.column + 2)]).toEqual([
      tally.count,
      tally.subsidy,
    ]);
  });
});

test("a scale with the user's own labels is read alike by the formulas and the core: every partner gets the core's strategy", () => {
  const snapshot = sheet("Eigen labels", { row: 0, column: 0 }, [
    ["Partner", "Invloed", "Afhankelijkheid"],
    ["Bibliotheek", "Goed", "hoog"],
    ["Schoolbestuur", "slecht", "hoog"],
    ["Welzijn", " matig", "laag"],
    ["Aannemer", "goed", "laag"],
  ]);
  const analysis = analyzeSheet(snapshot, { influenceScale: { min: 1, max: 3, kind: "labels", labels: ["slecht", "matig", "goed"] } });
  expect(analysis.rows).toHaveLength(4);
  const plan = planWrite(snapshot, analysis, output());
  const wb = new PlanWorkbook(snapshot, plan);
  for (const r of analysis.rows) {
    expect(wb.value(plan.registerSheet, r.row - 1, col(plan, "strategy"))).toBe(t("nl", `strategy.${r.strategy}`));
  }
});
