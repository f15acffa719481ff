/**
 * Inputs at the edges of size and range: more rows than a function call can take as arguments,
 * dates JavaScript cannot represent, many repeated partner names.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { scaleFromValues } from "../../src/core/scales";
import type { CellValue } from "../../src/core/types";
import { isTotalLabel, parseScore, serialToIsoDate, type ParsedScore } from "../../src/core/values";
import { sheet } from "./sheet";

describe("more scores than a call can spread (200,000)", () => {
  const count = 200_000;
  it("guesses the scale from the values when no header hint gives it", () => {
    const scores = Array.from({ length: count }, (_, i) => parseScore(i % 7 === 0 ? 8 : (i % 5) + 1));
    expect(scaleFromValues(scores)).toMatchObject({ min: 1, max: 10, source: "values" });
  });
  it("takes the percent scale when most values are percent-formatted", () => {
    const scores = Array.from({ length: count }, (_, i) => parseScore(i % 3 === 0 ? 4 : 0.35, i % 3 === 0 ? "General" : "0%"));
    expect(scaleFromValues(scores)).toMatchObject({ min: 0, max: 100, kind: "percent" });
  });
});

describe("dates outside JavaScript's range", () => {
  it("have no ISO date; the score is unusable and shows the number typed", () => {
    expect(serialToIsoDate(200_000_000)).toBeNull();
    expect(serialToIsoDate(-200_000_000)).toBeNull();
    expect(serialToIsoDate(46082)).toBe("2026-03-01");
    expect(parseScore(200_000_000, "d-m-yyyy")).toEqual({ kind: "unusable", text: "200000000" } satisfies ParsedScore);
  });
});

describe("totals rows", () => {
  it("are recognised with accents, case and punctuation, and partner names are not", () => {
    for (const label of ["Totaal", "TOTAAL:", "Tötaal", "Grand total", "Subtotaal regio", "Som", "sum"]) expect(isTotalLabel(label)).toBe(true);
    for (const name of ["Stichting Totem", "Sommelier Vereniging", "Zorggroep Zuid", "Café Zomer", "Stichting Ster"]) {
      expect(isTotalLabel(name)).toBe(false);
    }
  });
});

describe("duplicate partner names", () => {
  it("are reported once per name, in the order of each name's first row, with every row", () => {
    const names = ["B", "A", "b ", "C", "a", "B", "D", " A"];
    const rows: CellValue[][] = [["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"], ...names.map((n, i) => [n, (i % 5) + 1, ((i + 2) % 5) + 1])];
    const analysis = analyzeSheet(sheet(rows));
    const duplicates = analysis.warnings.filter((w) => w.code === "duplicate-partner");
    // Sheet rows are 1-based and the header is row 1: names[i] is on row i + 2.
    expect(duplicates.map((w) => [w.params?.partner, w.rows])).toEqual([
      ["B", [2, 4, 7]],
      ["A", [3, 6, 9]],
    ]);
  });
});
