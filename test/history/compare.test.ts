import { analyzeSheet } from "../../src/core/analyze";
import { assessmentOf, compareAssessments, matchPartners, movementOf, type AssessedPartner } from "../../src/core/history";
import type { CellValue } from "../../src/core/types";
import { sheet } from "../core/sheet";

const header = ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Subsidie"];

function assessed(rows: CellValue[][], date = "2025-03-01", label = "2025") {
  return assessmentOf(analyzeSheet(sheet([header, ...rows])), date, label);
}

describe("recording an assessment", () => {
  it("keeps per partner the scores with their scales, the line, position, strategy and subsidy", () => {
    const a = assessed([["Schoolbestuur", 2, 4, "nee", 1000]], "2026-01-15", "na convenant");
    expect(a).toMatchObject({ date: "2026-01-15", label: "na convenant" });
    expect(a.partners[0]).toEqual({
      row: 2,
      partner: "Schoolbestuur",
      goal: null,
      influence: 2,
      dependency: 4,
      influenceScale: { min: 1, max: 5 },
      dependencyScale: { min: 1, max: 5 },
      requiredInfluence: 3.5,
      position: "below",
      strategy: "raise-influence",
      subsidy: 1000,
      line: { atLowestDependency: 2, atHighestDependency: 4 },
    });
  });

  it("refuses a date that is not yyyy-mm-dd", () => {
    expect(() => assessed([["A", 1, 1, "nee", 0]], "15-01-2026")).toThrow(/yyyy-mm-dd/);
  });
});

describe("matching partners", () => {
  const then = assessed([
    ["Stichting Welzijn", 3, 5, "ja", 100],
    ["Bibliotheek", 5, 5, "nee", 200],
    ["Oude Naam BV", 2, 2, "ja", 300],
    ["Dubbel", 1, 1, "ja", 0],
    ["Dubbel", 2, 2, "ja", 0],
  ]).partners;

  it("matches on the normalised name and lists new, gone and ambiguous partners with their rows", () => {
    const now = assessed([
      ["  stichting   WELZIJN ", 3, 4, "ja", 100],
      ["Buurtteam", 2, 3, "nee", 50],
      ["Dubbel", 3, 3, "ja", 0],
    ]).partners;
    const m = matchPartners(then, now);
    expect(m.matched.map((x) => [x.previous.row, x.current.row])).toEqual([[2, 2]]);
    expect(m.added.map((p) => [p.partner, p.row])).toEqual([["Buurtteam", 3]]);
    expect(m.gone.map((p) => [p.partner, p.row])).toEqual([
      ["Bibliotheek", 3],
      ["Oude Naam BV", 4],
    ]);
    expect(m.ambiguous).toHaveLength(1);
    expect(m.ambiguous[0].previous.map((p) => p.row)).toEqual([5, 6]);
    expect(m.ambiguous[0].current.map((p) => p.row)).toEqual([4]);
  });

  it("matches a renamed partner through the user's link to its earlier name", () => {
    const now = assessed([["Nieuwe Naam BV", 2, 2, "ja", 300]]).partners;
    expect(matchPartners(then, now).matched).toEqual([]);
    const m = matchPartners(then, now, [{ earlierName: "oude naam bv", currentName: "Nieuwe Naam BV" }]);
    expect(m.matched).toHaveLength(1);
    expect(m.matched[0].renamedFrom).toBe("Oude Naam BV");
    expect(m.gone.map((p) => p.partner)).not.toContain("Oude Naam BV");
  });

  it("takes the goal into the key when both assessments have goals", () => {
    const withGoal = (rows: CellValue[][]) =>
      assessmentOf(analyzeSheet(sheet([["Partner", "Doel", "Invloed (1-5)", "Afhankelijkheid (1-5)"], ...rows])), "2025-01-01", "x").partners;
    const before = withGoal([
      ["GGD", "Gezondheid", 2, 4],
      ["GGD", "Veiligheid", 4, 2],
    ]);
    const after = withGoal([
      ["GGD", "veiligheid", 5, 2],
      ["GGD", "Gezondheid", 3, 4],
    ]);
    const m = matchPartners(before, after);
    expect(m.byGoal).toBe(true);
    expect(m.ambiguous).toEqual([]);
    expect(m.matched.map((x) => [x.previous.goal, x.current.influence])).toEqual([
      ["Veiligheid", 5],
      ["Gezondheid", 3],
    ]);
  });
});

describe("movement per partner", () => {
  const base = assessed([["P", 2, 4, "nee", 0]]).partners[0];
  const at = (influence: number, dependency: number, over: Partial<AssessedPartner> = {}): AssessedPartner => ({ ...base, influence, dependency, ...over });

  it("names up/down/left/right with the size in scale units, or unchanged", () => {
    expect(movementOf(at(2, 4), at(3.5, 4))).toMatchObject({ vertical: "up", horizontal: null, influenceChange: 1.5, dependencyChange: 0, unchanged: false });
    expect(movementOf(at(2, 4), at(1, 2))).toMatchObject({ vertical: "down", horizontal: "left", influenceChange: -1, dependencyChange: -2 });
    expect(movementOf(at(2, 4), at(2, 5))).toMatchObject({ vertical: null, horizontal: "right", dependencyChange: 1 });
    expect(movementOf(at(0.1 + 0.2, 4), at(0.3, 4))).toMatchObject({ unchanged: true, influenceChange: 0 });
  });

  it("says whether the movement followed the previous strategy's advice", () => {
    // raise-influence advises up; reduce-dependency advises left; secure advises staying.
    expect(movementOf(at(2, 4, { strategy: "raise-influence" }), at(3, 4)).movedAsAdvised).toBe(true);
    expect(movementOf(at(2, 4, { strategy: "raise-influence" }), at(2, 3)).movedAsAdvised).toBe(false);
    expect(movementOf(at(3, 5, { strategy: "reduce-dependency" }), at(3, 4)).movedAsAdvised).toBe(true);
    expect(movementOf(at(5, 5, { strategy: "secure" }), at(5, 5)).movedAsAdvised).toBeNull();
  });

  it("places an earlier score on another scale proportionally on the current one", () => {
    const then = at(3, 3); // 1–5: the middle
    const now = at(5.5, 5.5, { influenceScale: { min: 1, max: 10 }, dependencyScale: { min: 1, max: 10 } });
    expect(movementOf(then, now)).toMatchObject({ previousInfluence: 5.5, unchanged: true });
  });
});

describe("comparing two assessments", () => {
  it("reports movements, strategy changes and the money per strategy then and now", () => {
    const then = assessed([
      ["Schoolbestuur", 2, 4, "nee", 1000],
      ["Welzijn", 3, 5, "ja", 2000],
      ["Weg BV", 4, 2, "ja", 500],
    ]);
    const now = assessed(
      [
        ["Schoolbestuur", 4.5, 4, "nee", 1500],
        ["Welzijn", 3, 5, "ja", 2000],
        ["Nieuw", 1.5, 1.5, "ja", 100],
      ],
      "2026-03-01",
      "2026",
    );
    const c = compareAssessments(then, now);
    expect(c.movements.map((m) => [m.partner, m.vertical, m.influenceChange, m.previousStrategy, m.strategy, m.strategyChanged, m.movedAsAdvised])).toEqual([
      ["Schoolbestuur", "up", 2.5, "raise-influence", "secure", true, true],
      ["Welzijn", null, 0, "reduce-dependency", "reduce-dependency", false, false],
    ]);
    const money = Object.fromEntries(c.money.map((s) => [s.strategy, [s.then, s.now]]));
    expect(money["raise-influence"]).toEqual([{ count: 1, subsidy: 1000 }, { count: 0, subsidy: 0 }]);
    expect(money.secure).toEqual([{ count: 0, subsidy: 0 }, { count: 1, subsidy: 1500 }]);
    expect(money.contract).toEqual([{ count: 1, subsidy: 500 }, { count: 0, subsidy: 0 }]);
    expect(money["strengthen-or-replace"]).toEqual([{ count: 0, subsidy: 0 }, { count: 1, subsidy: 100 }]);
    expect(c.total).toEqual({ then: { count: 3, subsidy: 3500 }, now: { count: 3, subsidy: 3600 } });
    expect(c.matching.gone.map((p) => p.partner)).toEqual(["Weg BV"]);
    expect(c.matching.added.map((p) => p.partner)).toEqual(["Nieuw"]);
  });
});
