/** The pieces that keep a 100,000-partner analysis cheap: name grouping, columns, top-k, text caches. */
import fc from "fast-check";
import { Leaders } from "../../src/core/chart/spec";
import { analyzeSheet } from "../../src/core/analyze";
import { planChartData } from "../../src/core/chart/plan-data";
import { DEFAULT_CHART_OPTIONS } from "../../src/core/host";
import { planWrite } from "../../src/core/plan";
import { nameKey, repeatedNames } from "../../src/core/duplicates";
import { partnerColumnsOf, partnerRows } from "../../src/core/partners";
import { memoizeTexts, parseAmount } from "../../src/core/values";
import { sheet } from "./sheet";
import { generateRegister } from "../support/generate";

/** The plain reading: a Map of normalised names. */
function repeatedByMap(names: string[]): number[][] {
  const groups = new Map<string, number[]>();
  names.forEach((name, i) => {
    const key = nameKey(name);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()].filter((g) => g.length > 1).sort((a, b) => a[0] - b[0]);
}

describe("repeated partner names", () => {
  it("groups exactly the names a trimmed, case-blind, single-spaced comparison calls equal", () => {
    // Few letters, so names repeat; spaces, tabs, no-break spaces, Latin-1 and other capitals, so normalising matters.
    const letter = fc.constantFrom("a", "A", "b", "B", "é", "É", "ß", "ö", "Ö", "İ", "Σ", "σ", " ", "  ", "\t", "\u00a0", "\u2003", "1");
    const name = fc.array(letter, { maxLength: 6 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 60 }), (names) => {
        expect(repeatedNames(names)).toEqual(repeatedByMap(names));
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it("names the rows of a partner typed twice in different case and spacing", () => {
    const analysis = analyzeSheet(
      sheet([
        ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"],
        ["Stichting De Linde", 3, 4],
        ["Bibliotheek Oost", 2, 2],
        ["  stichting  de LINDE ", 4, 4],
      ]),
    );
    const duplicate = analysis.warnings.find((w) => w.code === "duplicate-partner");
    expect(duplicate?.rows).toEqual([2, 4]);
    expect(duplicate?.params?.partner).toBe("Stichting De Linde");
    // Written when first read, and still part of the warning as data (the CLI's --json).
    expect(duplicate?.message).toBe('Partner "Stichting De Linde" appears on rows 2, 4.');
    expect(JSON.parse(JSON.stringify(duplicate))).toEqual({ code: "duplicate-partner", rows: [2, 4], params: { partner: "Stichting De Linde", rows: "2, 4" }, message: duplicate?.message });
  });
});

describe("partner columns", () => {
  it("hold every field of every analysed partner, and give them back as objects", () => {
    const analysis = analyzeSheet(
      sheet([
        ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Subsidie", "Doel"],
        ["A", 2, 4, "ja", "€ 12.500,-", "Participatie"],
        ["B", 4.5, 1.5, "nee", "", ""],
        ["C", 1, 5, "", 300, "Gezondheid"],
      ]),
    );
    const rows = analysis.rows;
    expect(rows.map((r) => [r.partner, r.strategy, r.subsidy, r.goal])).toEqual([
      ["A", "reduce-dependency", 12500, "Participatie"],
      ["B", "contract", null, null],
      ["C", "raise-influence", 300, "Gezondheid"],
    ]);
    // Columns from objects and back again lose nothing.
    expect(partnerRows(partnerColumnsOf(rows))).toEqual(rows);
    expect(analysis.partners.count).toBe(3);
  });
});

describe("registers longer than a block of rows", () => {
  it("give the same results whether the scales are named (read and analysed block by block) or guessed (two whole passes)", () => {
    const register = generateRegister({ partners: 2_600, seed: 11, layout: "range" });
    const named = analyzeSheet(register.snapshot);
    // The same sheet with "(1-5)" taken out of the score headers: the scales are guessed from all scores first.
    const unnamed = structuredClone(register.snapshot);
    const headerCells = unnamed.values[register.headerRow - unnamed.origin.row];
    for (const key of ["influence", "dependency"] as const) {
      const offset = register.columns[key] - unnamed.origin.column;
      headerCells[offset] = String(headerCells[offset]).replace(/\s*\(.*\)/, "");
    }
    const guessed = analyzeSheet(unnamed);
    expect([named.influenceScale.source, guessed.influenceScale.source]).toEqual(["header", "labels"]);
    expect(named.rows).toEqual(guessed.rows);
    expect(named.skipped).toEqual(guessed.skipped);
    expect(named.summary).toEqual(guessed.summary);
    // And what the generator wrote down while making the sheet.
    expect(named.rows.map((r) => r.row)).toEqual(register.expected.filter((e) => e.skip === null).map((e) => e.row));
    expect(named.skipped.map((s) => [s.row, s.reason])).toEqual(register.expected.filter((e) => e.skip !== null).map((e) => [e.row, e.skip]));
  });
});

describe("the live-formula path", () => {
  it("plans the columns and the chart without building an object per partner", () => {
    const snapshot = sheet([
      ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Subsidie", "Doel"],
      ...Array.from({ length: 40 }, (_, i) => [`Partner ${i}`, 1 + (i % 5), 1 + ((i * 3) % 5), 1000 * i, i % 2 ? "Participatie" : "Gezondheid"]),
    ]);
    const analysis = analyzeSheet(snapshot);
    // What a 100,000-partner apply must not do: materialise the rows.
    Object.defineProperty(analysis, "rows", {
      get: () => {
        throw new Error("rows built");
      },
    });
    const output = { language: "nl" as const, mode: "formulas" as const, chart: { ...DEFAULT_CHART_OPTIONS, perGoal: true } };
    const plan = planWrite(snapshot, analysis, output);
    const data = planChartData(analysis, plan, { ...output.chart, language: "nl" });
    expect(data.specs.map((s) => s.pointCount)).toEqual([20, 20]);
    // 40 partners is more than the automatic label limit: some are labelled, each with its own name cell.
    expect(data.bindings.every((b) => b.labelCells.length === b.labelledPoints.length && b.labelledPoints.length > 0)).toBe(true);
  });
});

describe("Leaders", () => {
  it("keeps the items a stable sort by both keys and a slice keep", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -3, max: 3 })), { maxLength: 80 }), fc.integer({ min: 0, max: 30 }), (keys, count) => {
        const leaders = new Leaders(count);
        keys.forEach(([primary, secondary], item) => leaders.offer(item, primary, secondary));
        const sortedAndSliced = keys
          .map((key, item) => ({ key, item }))
          .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1])
          .slice(0, count)
          .map(({ item }) => item);
        expect(leaders.ascending()).toEqual(sortedAndSliced.sort((a, b) => a - b));
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });
});

describe("text caches", () => {
  it("give the parser's answer whether the cache pays or is dropped", () => {
    // Mostly different amounts: the cache is dropped after its trial; repeated ones: it stays.
    const different = Array.from({ length: 3000 }, (_, i) => `€ ${i + 1}.${String(i % 1000).padStart(3, "0")},-`);
    const repeated = Array.from({ length: 3000 }, (_, i) => `€ ${(i % 7) + 1}.000,-`);
    for (const texts of [different, repeated, [...repeated, ...different, ...repeated]]) {
      const cached = memoizeTexts(parseAmount);
      expect(texts.map(cached)).toEqual(texts.map(parseAmount));
    }
  });
});
