/**
 * The project's own registers (see builders.ts), read from real files by the CLI exactly as a user
 * runs it. Expected numbers are worked out by hand from framework.md's formulas in the comments.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../support/cli";
import type { AnalysisJson } from "../../src/cli/format";
import { buildEnglishOffset, buildLabelsCsv, buildMessy, buildMissingDependency, buildPercentTable, buildTargets } from "./builders";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "partnerkaart-registers-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function analyse(file: string): Promise<AnalysisJson> {
  const result = await runCli([file, "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}
const byRow = (a: AnalysisJson, row: number) => a.rows.find((r) => r.row === row)!;

describe("English register with its header on row 7 starting in column D, on the second sheet", () => {
  let a: AnalysisJson;
  beforeAll(async () => (a = await analyse(await buildEnglishOffset(dir))));

  it("finds the register on the sheet that has one, at D7", () => {
    expect(a.sheet).toBe("Overview");
    expect(a.headerRow).toBe(7);
    expect(a.mapping.partner).toEqual(expect.objectContaining({ column: "D", header: "Organisation name" }));
    expect(a.mapping.influence?.header).toBe("Impact score");
    expect(a.mapping.dependency?.header).toBe("Dependence");
    expect(a.mapping.alternativesDesirable?.header).toBe("Competition desirable");
    expect(a.mapping.subsidy?.header).toBe("Grant amount");
    expect(a.mapping.goal?.header).toBe("Programme");
  });

  it("guesses 1–10 from values up to 10 and puts the line at 3.25 and 7.75", () => {
    expect(a.influenceScale).toEqual([1, 10]);
    expect(a.dependencyScale).toEqual([1, 10]);
    expect(a.line).toEqual({ atLowestDependency: 3.25, atHighestDependency: 7.75 });
    expect(a.highDependencyAbove).toBe(5.5);
  });

  it("places every partner as worked out by hand", () => {
    // Harbour 8 at 9: required 3.25 + 8/9·4.5 = 7.25 → above, high, no alternatives → secure.
    expect(byRow(a, 8)).toEqual(expect.objectContaining({ requiredInfluence: 7.25, gap: 0.75, position: "above", strategy: "secure", subsidy: 1250000 }));
    // Food bank 3 at 8: required 6.75 → below, high, "Yes" → reduce dependency; its influence meets the line at 0.5 → clamped to 1.
    expect(byRow(a, 9)).toEqual(expect.objectContaining({ gap: -3.75, strategy: "reduce-dependency", target: { influence: 3, dependency: 1, source: "recommended" } }));
    // Open Streets 7 at 2: required 3.75 → above, low → contract; "12,500" is twelve thousand five hundred.
    expect(byRow(a, 10)).toEqual(expect.objectContaining({ strategy: "contract", subsidy: 12500 }));
    // Skyline 2 at 3: required 4.25 → below, low → strengthen or replace, target up to the line.
    expect(byRow(a, 11)).toEqual(expect.objectContaining({ strategy: "strengthen-or-replace", target: { influence: 4.25, dependency: 3, source: "recommended" } }));
    // Metro 4 at 10, "false" → raise influence.
    expect(byRow(a, 12)).toEqual(expect.objectContaining({ requiredInfluence: 7.75, strategy: "raise-influence", goal: "Mobility" }));
  });

  it("sums subsidies below the line for the finance team", () => {
    expect(a.summary.byPosition.below).toEqual({ count: 3, subsidy: 45000 + 9000 + 0 });
    expect(a.summary.byPosition.above).toEqual({ count: 2, subsidy: 1250000 + 12500 });
  });
});

describe("Excel table with percent-formatted influence and a 0–100 dependency hint", () => {
  let a: AnalysisJson;
  beforeAll(async () => (a = await analyse(await buildPercentTable(dir))));

  it("uses the table and reads both axes on 0–100", () => {
    expect(a.table).toBe("tblSubsidies");
    expect(a.influenceScale).toEqual([0, 100]);
    expect(a.influenceScaleInfo).toEqual(expect.objectContaining({ kind: "percent", source: "percentFormat" }));
    expect(a.dependencyScale).toEqual([0, 100]);
    expect(a.line).toEqual({ atLowestDependency: 25, atHighestDependency: 75 });
  });

  it("reports 80 % as 80 and counts a point on the line (55 at 60) as above", () => {
    expect(byRow(a, 4)).toEqual(expect.objectContaining({ influence: 80, requiredInfluence: 70, strategy: "secure" }));
    const onTheLine = byRow(a, 6);
    expect(Math.abs(onTheLine.gap)).toBeLessThan(1e-9);
    expect(onTheLine.position).toBe("above");
  });

  it("reads Dutch amounts like € 12.500,- and € 1.250.000,00", () => {
    expect(byRow(a, 4).subsidy).toBe(12500);
    expect(byRow(a, 5).subsidy).toBe(1250000);
    expect(byRow(a, 6).subsidy).toBe(8000);
  });

  it("moves the near-monopoly left to where 30 meets the line (dependency 10)", () => {
    expect(byRow(a, 5)).toEqual(expect.objectContaining({ strategy: "reduce-dependency", target: { influence: 30, dependency: 10, source: "recommended" } }));
  });
});

describe("CSV with ; and a BOM, five-level labels in any case", () => {
  let a: AnalysisJson;
  beforeAll(async () => (a = await analyse(buildLabelsCsv(dir))));

  it("maps zeer laag … zeer hoog to 1–5", () => {
    expect(a.influenceScale).toEqual([1, 5]);
    expect(a.dependencyScale).toEqual([1, 5]);
    expect(a.rows.map((r) => [r.partner, r.influence, r.dependency])).toEqual([
      ['Stichting "De Brug"', 5, 4],
      ["Sportfederatie Zuid", 2, 1],
      ["Woonstichting Oost", 3, 5],
      ["Taalcafé Centrum", 1, 3],
    ]);
  });

  it("gives the strategies of framework.md's table", () => {
    expect(a.rows.map((r) => r.strategy)).toEqual(["secure", "contract", "reduce-dependency", "strengthen-or-replace"]);
  });
});

describe("a messy register", () => {
  let a: AnalysisJson;
  beforeAll(async () => (a = await analyse(await buildMessy(dir))));

  it("finds the header under the merged title and stops at the totals row", () => {
    expect(a.headerRow).toBe(4);
    expect(a.mapping.partner?.header).toBe("Organisatie");
    const rows = [...a.rows.map((r) => r.row), ...a.skipped.map((s) => s.row)];
    expect(rows).not.toContain(16);
    expect(rows).not.toContain(18);
    expect(rows).not.toContain(8);
  });

  it("keeps names that begin with = + - @ as names", () => {
    expect(a.rows.map((r) => r.partner)).toEqual(expect.arrayContaining(["=Samen Sterk", "+Plus Welzijn", "-Min Zorg"]));
    expect(a.skipped.find((s) => s.row === 10)?.partner).toBe("@Home Wonen");
  });

  it("reads the partners after the blank row", () => {
    expect(byRow(a, 9)).toEqual(expect.objectContaining({ partner: "-Min Zorg", strategy: "strengthen-or-replace" }));
    expect(byRow(a, 14)).toEqual(expect.objectContaining({ gap: -0.5, strategy: "strengthen-or-replace" }));
  });

  it("skips every unusable row with its row, column, value and reason", () => {
    expect(a.skipped.map((s) => ({ row: s.row, reason: s.reason, column: s.column, value: s.value }))).toEqual([
      { row: 10, reason: "error-value", column: "C", value: "#REF!" },
      { row: 11, reason: "unusable-dependency", column: "D", value: "2026-03-01" },
      { row: 12, reason: "unusable-influence", column: "C", value: "onbekend" },
      { row: 13, reason: "influence-out-of-scale", column: "C", value: "7" },
      { row: 15, reason: "missing-partner", column: "A", value: null },
    ]);
  });

  it("words a skipped row in English for the CLI and logs, as text and in its JSON", () => {
    const outside = a.skipped.find((s) => s.row === 13)!;
    expect(outside.message).toBe("row 13: influence 7 in column C lies outside the scale 1–5");
    expect(JSON.parse(JSON.stringify(outside))).toEqual({ row: 13, partner: outside.partner, reason: "influence-out-of-scale", column: "C", value: "7", message: outside.message });
    expect(a.skipped.find((s) => s.row === 10)!.message).toBe("row 10: column C holds the error #REF!");
  });

  it("warns about the partner that appears twice and the hidden subsidy column", () => {
    expect(a.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "duplicate-partner", rows: [5, 14] }), expect.objectContaining({ code: "hidden-column" })]),
    );
    // The hidden column still counts: 20 000 + 4 000 + 50 000 go to partners below the line.
    expect(a.summary.byPosition.below).toEqual({ count: 3, subsidy: 74000 });
  });

  it("lists the skipped rows in Dutch by default", async () => {
    const text = (await runCli([join(dir, "messy.xlsx")])).stdout;
    expect(text).toContain("rij 10: kolom C bevat de fout #REF!");
    expect(text).toContain("rij 13: invloed 7 in kolom C valt buiten de schaal 1–5");
    expect(text).toContain("rij 15: geen partnernaam in kolom A");
  });
});

describe("target columns in the register", () => {
  let a: AnalysisJson;
  beforeAll(async () => (a = await analyse(await buildTargets(dir))));

  it("uses the register's target where there is one and the recommendation elsewhere", () => {
    expect(a.mapping.targetInfluence?.header).toBe("Target influence");
    expect(a.mapping.influence?.header).toBe("Influence 1–10");
    expect(byRow(a, 2).target).toEqual({ influence: 8, dependency: 9, source: "register" });
    // City Welfare 4: meets the line at 1 + (4 − 3.25)/4.5 · 9 = 2.5, below the threshold 5.5.
    expect(byRow(a, 3).target).toEqual({ influence: 4, dependency: 2.5, source: "recommended" });
    expect(byRow(a, 4).target).toEqual({ influence: 6, dependency: 2, source: "recommended" });
  });
});

describe("a register without a dependency column", () => {
  it("fails with a message naming the file, the sheet, the column and the header row", async () => {
    const file = await buildMissingDependency(dir);
    const nl = await runCli([file]);
    expect(nl.code).not.toBe(0);
    expect(nl.stdout).toBe("");
    expect(nl.stderr).toContain(file);
    expect(nl.stderr).toContain('Blad "Blad1"');
    expect(nl.stderr).toContain("Afhankelijkheid");
    expect(nl.stderr).toContain("kopregel 2");
    const en = await runCli([file, "--lang", "en"]);
    expect(en.stderr).toContain("no Dependency column (header row 2)");
  });
});
