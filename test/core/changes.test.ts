import { analyzeSheet } from "../../src/core/analyze";
import { coveringRect, firstChangedCell, placeOnLine, registerChange, strategyChanges } from "../../src/core/changes";
import { STRATEGY_KEYS, type CellValue } from "../../src/core/types";
import { sheet } from "./sheet";

/** framework.md's seed examples, with amounts and alternatives, on 1–5. */
const SEED: CellValue[][] = [
  ["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Subsidie"],
  ["Schoolbestuur", 2, 4, "nee", 150000],
  ["Welzijnsinstelling", 3, 5, "ja", 200000],
  ["Bibliotheek", 5, 5, "nee", 300000],
  ["Vervuilend bedrijf", 2, 4.5, "nee", 0],
  ["Ambassadeur", 4.5, 5, "nee", 25000],
  ["Opdrachtnemer", 4, 2, "ja", 50000],
  ["Kleine partner", 1.5, 1.5, "ja", "€ 10.000,00"],
  ["Zonder bedrag", 3, 3, "nee", ""],
];

describe("placeOnLine: the partners on another ambition line", () => {
  const snapshot = sheet(SEED);
  const analysis = analyzeSheet(snapshot);

  test.each([
    { line: { atLowestDependency: 2, atHighestDependency: 4 }, threshold: 3 },
    { line: { atLowestDependency: 1, atHighestDependency: 3 }, threshold: 3 },
    { line: { atLowestDependency: 1.5, atHighestDependency: 5 }, threshold: 2 },
    { line: { atLowestDependency: 3, atHighestDependency: 3 }, threshold: 4.5 },
    { line: { atLowestDependency: 1, atHighestDependency: 1 }, threshold: 1 },
  ])("line $line.atLowestDependency → $line.atHighestDependency, threshold $threshold: the figures analyzeSheet gives with that line", ({ line, threshold }) => {
    const expected = analyzeSheet(snapshot, { line, highDependencyAbove: threshold });
    const placed = placeOnLine(analysis, line, threshold);
    expect(placed.summary).toEqual(expected.summary);
    expect([...placed.strategy].map((code) => STRATEGY_KEYS[code])).toEqual(expected.rows.map((row) => row.strategy));
  });

  test("strategyChanges names the partners that move, with the strategy before and after", () => {
    const before = placeOnLine(analysis, analysis.line, analysis.highDependencyAbove);
    const after = placeOnLine(analysis, { atLowestDependency: 1, atHighestDependency: 2 }, analysis.highDependencyAbove);
    const changes = strategyChanges(analysis.partners, before.strategy, after.strategy);
    // The school board (2 at dependency 4) needed 3.5 and now 1.75: above, so it is secured.
    expect(changes.first).toContainEqual({ row: 2, partner: "Schoolbestuur", from: "raise-influence", to: "secure" });
    expect(changes.count).toBe(changes.first.length);
    expect(changes.count).toBeGreaterThan(1);
    expect(strategyChanges(analysis.partners, before.strategy, before.strategy)).toEqual({ count: 0, first: [] });
    expect(strategyChanges(analysis.partners, before.strategy, after.strategy, 1).first).toHaveLength(1);
  });
});

describe("registerChange: has the register changed since it was read", () => {
  const seen = sheet(SEED);
  const copy = () => sheet(SEED.map((row) => [...row]));

  test("the same values read again are no change", () => {
    expect(registerChange(seen, copy())).toBeNull();
  });

  test("an edited score is found by its address, with the value before and after", () => {
    const now = copy();
    now.values[6][1] = 3;
    expect(registerChange(seen, now)).toEqual({ kind: "cell", cell: { row: 6, column: 1, address: "B7", before: 4, after: 3 } });
    now.values[6][1] = "4";
    expect(registerChange(seen, now)).toEqual({ kind: "cell", cell: { row: 6, column: 1, address: "B7", before: 4, after: "4" } });
  });

  test("a row typed below the register and a cell emptied are changes; blank and empty are the same", () => {
    const longer = sheet([...SEED, ["Nieuwe partner", 3, 3, "nee", 1000]]);
    expect(registerChange(seen, longer)).toMatchObject({ kind: "cell", cell: { address: "A10", before: null, after: "Nieuwe partner" } });
    const blankRow = sheet([...SEED, ["", "  ", null, "", ""]]);
    expect(registerChange(seen, blankRow)).toBeNull();
    const emptied = copy();
    emptied.values[1][4] = "";
    expect(registerChange(seen, emptied)).toMatchObject({ kind: "cell", cell: { address: "E2", before: 150000, after: "" } });
  });

  test("another sheet is a change; a region limits where it looks", () => {
    expect(registerChange(seen, { ...copy(), sheetName: "Blad2" })).toEqual({ kind: "other-sheet", before: "Blad1", after: "Blad2" });
    const now = copy();
    now.values[8][4] = 99;
    expect(registerChange(seen, now, { row: 0, column: 0, rowCount: 9, columnCount: 4 })).toBeNull();
    expect(registerChange(seen, now, { row: 0, column: 0, rowCount: 9, columnCount: 5 })).not.toBeNull();
  });

  test("a range read back at its own origin compares cell for cell with the snapshot", () => {
    const band = { row: 3, column: 1, rowCount: 2, columnCount: 2 };
    const readBack = { origin: { row: 3, column: 1 }, values: [[5, 5], [2, 4.5]] as CellValue[][] };
    expect(firstChangedCell(seen, readBack, band)).toBeNull();
    readBack.values[1][0] = 2.5;
    expect(firstChangedCell(seen, readBack, band)).toEqual({ row: 4, column: 1, address: "B5", before: 2, after: 2.5 });
  });

  test("coveringRect spans both grids wherever they start", () => {
    expect(coveringRect({ origin: { row: 2, column: 1 }, values: [[1, 2, 3]] }, { origin: { row: 0, column: 3 }, values: [[1], [2], [3], [4]] })).toEqual({
      row: 0,
      column: 1,
      rowCount: 4,
      columnCount: 3,
    });
  });
});
