/** Issue 16, the cells: a mixed score column, unusable scale hints, subsidies too large to add up. */
import { analyzeSheet } from "../../src/core/analyze";
import { warningText } from "../../src/core/i18n";
import { sheet } from "./sheet";

describe("a numeric score column holding one word", () => {
  // Thirteen scores on 1–10 and one "hoog": the numbers decide the scale.
  const scores = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 6, 7, 8];
  const snapshot = sheet([
    ["Partner", "Invloed", "Afhankelijkheid (1-5)"],
    ...scores.map((score, i) => [`Partner ${i + 1}`, score, 3]),
    ["Partner 14", "hoog", 3],
  ]);
  const analysis = analyzeSheet(snapshot);

  it("reads the column on the scale its numbers fit, not as labels", () => {
    expect(analysis.influenceScale).toMatchObject({ min: 1, max: 10, kind: "numeric" });
    expect(analysis.rows.map((r) => r.influence)).toEqual(scores);
  });

  it("skips the odd cell with its reason", () => {
    expect(analysis.skipped.map((s) => ({ row: s.row, reason: s.reason, value: s.value, column: s.column }))).toEqual([
      { row: 15, reason: "unusable-influence", value: "hoog", column: "B" },
    ]);
  });

  it("notes that the column is mixed", () => {
    const mixed = analysis.warnings.filter((w) => w.code === "mixed-scale-values");
    expect(mixed.map((w) => warningText("en", w))).toEqual(["The influence column mixes numbers and labels."]);
  });

  it("still reads a column of labels with one number as labels", () => {
    const labels = analyzeSheet(
      sheet([
        ["Partner", "Invloed", "Afhankelijkheid (1-5)"],
        ["A", "laag", 3],
        ["B", "hoog", 3],
        ["C", "gemiddeld", 3],
        ["D", "2", 3],
      ]),
    );
    expect(labels.influenceScale).toMatchObject({ kind: "labels", min: 1, max: 3 });
    expect(labels.rows.map((r) => r.influence)).toEqual([1, 3, 2, 2]);
  });
});

describe("scale hints that are no scale", () => {
  it.each(["(5-5)", "(10-1)", "(0-0)"])("Invloed %s: the scale is guessed, with a note that the hint was not usable", (hint) => {
    const analysis = analyzeSheet(
      sheet([
        ["Partner", `Invloed ${hint}`, "Afhankelijkheid"],
        ["A", 4, 2],
        ["B", 2, 4],
      ]),
    );
    expect(analysis.influenceScale).toMatchObject({ min: 1, max: 5, source: "values" });
    const notes = analysis.warnings.filter((w) => w.code === "scale-hint-unusable");
    expect(notes.map((w) => warningText("en", w))).toEqual([
      `The influence header "Invloed ${hint}" names the range "${hint.slice(1, -1)}", which is not a scale from low to high; the scale was not taken from it.`,
    ]);
    expect(warningText("nl", notes[0])).toContain(`De kop "Invloed ${hint}" (invloed)`);
  });

  it("says nothing about a usable hint or a span of years", () => {
    const analysis = analyzeSheet(
      sheet([
        ["Partner", "Invloed (1-5)", "Afhankelijkheid 2024-2026"],
        ["A", 4, 2],
        ["B", 2, 4],
      ]),
    );
    expect(analysis.warnings.filter((w) => w.code === "scale-hint-unusable")).toEqual([]);
  });
});

describe("subsidies that overflow", () => {
  const analysis = analyzeSheet(
    sheet([
      ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Subsidie"],
      ["Bibliotheek", 5, 5, 1e308],
      ["Schoolbestuur", 2, 4, 1e308],
      ["Welzijn", 3, 5, "€ 12.500"],
      ["Sportclub", 4, 2, -1e308],
    ]),
  );

  it("keeps every sum finite, leaving out the amounts too large to add up", () => {
    expect(analysis.summary.total).toEqual({ count: 4, subsidy: 12_500 });
    expect(analysis.summary.byPosition.below).toEqual({ count: 2, subsidy: 12_500 });
    expect(analysis.summary.byStrategy.secure).toEqual({ count: 1, subsidy: 0 });
  });

  it("names the rows in a note", () => {
    const note = analysis.warnings.find((w) => w.code === "subsidy-too-large")!;
    expect(note.rows).toEqual([2, 3, 5]);
    expect(warningText("nl", note)).toBe("De subsidie op rij(en) 2, 3, 5 is te groot om op te tellen (meer dan 9 biljard) en telt niet mee in de totalen.");
  });
});
