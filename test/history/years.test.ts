import { analyzeSheet } from "../../src/core/analyze";
import { headerYear } from "../../src/core/headers";
import { assessmentOf, assessmentsFromYearColumns, compareAssessments, earlierYearColumns } from "../../src/core/history";
import { sheet } from "../core/sheet";

const yearly = sheet([
  ["Partner", "Invloed 2024", "Afhankelijkheid 2024", "Invloed 2025", "Afhankelijkheid 2025", "Invloed 2026", "Afhankelijkheid 2026", "Subsidie"],
  ["Schoolbestuur", 1, 4, 2, 4, 4, 4, 1000],
  ["Welzijn", 3, 5, 3, 5, 3, 4, 2000],
]);

describe("registers with years as columns", () => {
  it("reads a single year from a header, not a range of years or a scale", () => {
    expect(headerYear("Invloed 2026")).toBe(2026);
    expect(headerYear("Afhankelijkheid (1-5) 2025")).toBe(2025);
    expect(headerYear("Invloed (1-10)")).toBeNull();
    expect(headerYear("Invloed 2024-2026")).toBeNull();
    expect(headerYear("Invloed")).toBeNull();
    expect(headerYear("Subsidie 12025")).toBeNull();
  });

  it("takes the latest year as the current score", () => {
    const a = analyzeSheet(yearly);
    expect(a.mapping.influence?.header).toBe("Invloed 2026");
    expect(a.mapping.dependency?.header).toBe("Afhankelijkheid 2026");
    expect(a.rows.map((r) => [r.influence, r.dependency])).toEqual([
      [4, 4],
      [3, 4],
    ]);
  });

  it("does not take next year's still empty columns as current: the latest year with scores is, and a warning says so", () => {
    const ready = sheet([
      ["Partner", "Invloed 2025", "Afhankelijkheid 2025", "Subsidie 2025", "Invloed 2026", "Afhankelijkheid 2026", "Subsidie 2026", "Invloed 2027", "Afhankelijkheid 2027", "Subsidie 2027"],
      ["Schoolbestuur", 2, 4, 900, 4, 4, 1000, "", "", ""],
      ["Welzijn", 3, 5, 1900, 3, 4, 2000, "", "", ""],
    ]);
    const a = analyzeSheet(ready);
    expect([a.mapping.influence?.header, a.mapping.dependency?.header, a.mapping.subsidy?.header]).toEqual(["Invloed 2026", "Afhankelijkheid 2026", "Subsidie 2026"]);
    expect(a.rows.map((r) => [r.influence, r.dependency, r.subsidy])).toEqual([
      [4, 4, 1000],
      [3, 4, 2000],
    ]);
    expect(a.warnings.filter((w) => w.code === "year-column-empty").map((w) => w.params)).toEqual([
      { column: "H", header: "Invloed 2027", usedColumn: "E", used: "Invloed 2026" },
      { column: "I", header: "Afhankelijkheid 2027", usedColumn: "F", used: "Afhankelijkheid 2026" },
      { column: "J", header: "Subsidie 2027", usedColumn: "G", used: "Subsidie 2026" },
    ]);
    // 2025 is history, 2027 is not (it is after the current year).
    expect(assessmentsFromYearColumns(ready, a).map((h) => h.label)).toEqual(["2025"]);
    // A column the user chose stays chosen, empty or not.
    const chosen = analyzeSheet(ready, { mapping: { influence: 7 } });
    expect(chosen.mapping.influence?.header).toBe("Invloed 2027");
    // Once next year holds one score, it is current.
    const started = sheet(ready.values.map((row, i) => (i === 1 ? [...row.slice(0, 7), 5, 4, 1100] : row)));
    expect(analyzeSheet(started).mapping.influence?.header).toBe("Invloed 2027");
  });

  it("keeps a header without a year as the current score beside yearly ones", () => {
    const a = analyzeSheet(sheet([["Partner", "Invloed 2024", "Invloed", "Afhankelijkheid"], ["A", 1, 3, 3]]));
    expect(a.mapping.influence?.header).toBe("Invloed");
  });

  it("makes the earlier years assessments of their own, oldest first", () => {
    const current = analyzeSheet(yearly);
    expect(earlierYearColumns(yearly, current).map((y) => [y.year, y.influence, y.dependency])).toEqual([
      [2024, 1, 2],
      [2025, 3, 4],
    ]);
    const history = assessmentsFromYearColumns(yearly, current);
    expect(history.map((h) => [h.label, h.date])).toEqual([
      ["2024", "2024-12-31"],
      ["2025", "2025-12-31"],
    ]);
    expect(history[1].partners.map((p) => [p.partner, p.influence, p.dependency, p.strategy])).toEqual([
      ["Schoolbestuur", 2, 4, "raise-influence"],
      ["Welzijn", 3, 5, "raise-influence"],
    ]);
    const c = compareAssessments(history[1], assessmentOf(current, "2026-12-31", "2026"));
    expect(c.movements.map((m) => [m.partner, m.vertical, m.horizontal, m.strategy, m.movedAsAdvised])).toEqual([
      ["Schoolbestuur", "up", null, "secure", true],
      ["Welzijn", null, "left", "raise-influence", false],
    ]);
  });

  it("follows the user's choice of current columns", () => {
    const settings = { mapping: { influence: 3, dependency: 4 } };
    const chosen = analyzeSheet(yearly, settings);
    expect(assessmentsFromYearColumns(yearly, chosen, settings).map((h) => h.label)).toEqual(["2024"]);
  });

  it("finds no history in a register without years", () => {
    const plain = sheet([["Partner", "Invloed", "Afhankelijkheid"], ["A", 2, 3]]);
    expect(earlierYearColumns(plain, analyzeSheet(plain))).toEqual([]);
  });
});
