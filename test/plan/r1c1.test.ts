import { analyzeSheet } from "../../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { blockCells, isFillBlock } from "../../src/core/plan/blocks";
import { planWrite } from "../../src/core/plan/plan";
import { r1c1ToA1 } from "../../src/core/plan/r1c1";
import { PlanWorkbook } from "./plan-hf";
import { sheet } from "./registers";

describe("r1c1ToA1", () => {
  // Cell F6 is row 5, column 5 (0-based).
  const at = (formula: string) => r1c1ToA1(formula, 5, 5);

  it("converts the reference forms the plan writes", () => {
    expect(at("=RC3")).toBe("=$C6");
    expect(at("=R3C2")).toBe("=$B$3");
    expect(at("=R[-1]C[2]")).toBe("=H5");
    expect(at("=R[2]C1+RC[-5]")).toBe("=$A8+A6");
    expect(at("=RC")).toBe("=F6");
    expect(at("=SUM(R1C1:R[1]C)")).toBe("=SUM($A$1:F7)");
  });

  it("keeps sheet prefixes, names, function names and quoted text", () => {
    expect(at("='Blad ''1'''!R3C2*PK_LineLow")).toBe("='Blad ''1'''!$B$3*PK_LineLow");
    expect(at('=IF(RC1="RC1",ROUND(RC2,0),"R1C1")')).toBe('=IF($A6="RC1",ROUND($B6,0),"R1C1")');
    expect(at("=PK_RC1+RC1X")).toBe("=PK_RC1+RC1X");
  });

  it("rejects a reference above row 1", () => {
    expect(() => r1c1ToA1("=R[-3]C1", 1, 0)).toThrow(RangeError);
  });
});

describe("formula columns are filled down", () => {
  const register = (partners: number) =>
    sheet("Register", { row: 0, column: 0 }, [
      ["Partner", "Invloed", "Afhankelijkheid"],
      ...Array.from({ length: partners }, (_, i) => [`Partner ${i + 1}`, (i % 5) + 1, ((i * 3) % 5) + 1]),
    ]);
  const output: OutputOptions = { language: "nl", mode: "formulas", chart: DEFAULT_CHART_OPTIONS };

  it("the plan holds each register formula once, whatever the number of partners", () => {
    const small = register(10);
    const large = register(1000);
    const fillsOf = (snapshot: ReturnType<typeof register>) =>
      planWrite(snapshot, analyzeSheet(snapshot), output)
        .blocks.filter(isFillBlock)
        .map((b) => ({ column: b.column, formulas: b.formulasR1C1, rows: b.rowCount }));
    const fillsSmall = fillsOf(small);
    const fillsLarge = fillsOf(large);
    expect(fillsSmall.length).toBeGreaterThan(0);
    expect(fillsLarge.map((f) => f.formulas)).toEqual(fillsSmall.map((f) => f.formulas));
    expect(fillsLarge.map((f) => f.rows)).toEqual(fillsSmall.map(() => 1000));
    // Row-independent: no A1 reference with a row number in the filled formulas.
    for (const f of fillsLarge.flatMap((x) => x.formulas)) expect(f).not.toMatch(/\$[A-Z]+\$?\d/);
  });

  it("each filled row computes its own partner's gap and strategy (HyperFormula over the expanded cells)", () => {
    const snapshot = register(40);
    const analysis = analyzeSheet(snapshot);
    const plan = planWrite(snapshot, analysis, output);
    const book = new PlanWorkbook(snapshot, plan);
    const gapColumn = plan.columns.find((c) => c.key === "gap")!.column;
    for (const row of analysis.rows) expect(book.value(plan.registerSheet, row.row - 1, gapColumn)).toBeCloseTo(row.gap, 9);
    // The expanded formula of a row refers to that row only.
    const fill = plan.blocks.find((b) => isFillBlock(b) && b.purpose === "register-data")!;
    const cells = blockCells(fill);
    expect(cells[7][0]).toMatchObject({ kind: "formula" });
    const formula = (cells[7][0] as { formula: string }).formula;
    const rows = [...formula.matchAll(/\$[A-Z]+(\d+)/g)].map((m) => Number(m[1]));
    expect(new Set(rows)).toEqual(new Set([fill.row + 7 + 1]));
  });
});
