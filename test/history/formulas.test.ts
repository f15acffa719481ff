/** The comparison columns as formulas, recomputed by HyperFormula in the Excel double, against the core's comparison. */
import { analyzeSheet } from "../../src/core/analyze";
import { t } from "../../src/core/i18n";
import {
  COMPARISON_COLUMNS,
  HISTORY_SHEET,
  assessmentOf,
  compareAssessments,
  comparisonFormulas,
  historyHeaders,
  moneyThenFormulas,
  recordedRows,
  type Assessment,
} from "../../src/core/history";
import type { Language } from "../../src/core/host";
import { columnLetter } from "../../src/core/text";
import { STRATEGY_KEYS, type CellValue } from "../../src/core/types";
import { createExcelDouble } from "../support/excel";
import { sheet } from "../core/sheet";

const header = ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Subsidie"];
const assess = (rows: CellValue[][], date: string, label: string) => {
  const analysis = analyzeSheet(sheet([header, ...rows]));
  return { analysis, assessment: assessmentOf(analysis, date, label) };
};

const earlier = assess(
  [
    ["Schoolbestuur", 2, 4, "nee", 1000],
    ["Welzijn", 3, 5, "ja", 2000],
    ["A*", 4, 2, "ja", 10],
    ["Café", 4, 2, "ja", 10],
    ["Dubbel", 1, 1, "ja", 0],
    ["Dubbel", 2, 2, "ja", 0],
  ],
  "2025-03-01",
  "2025?",
);
const other = assess([["Schoolbestuur", 5, 5, "nee", 1000]], "2025-03-01", "2025x");
const now = assess(
  [
    ["  schoolbestuur ", 4.5, 4, "nee", 1500],
    ["Welzijn", 3, 4, "ja", 2000],
    ["AB", 4, 2, "ja", 10],
    ["Cafe", 4, 2, "ja", 10],
    ["Dubbel", 3, 3, "ja", 0],
    ["Bibliotheek", 5, 5, "nee", 0],
  ],
  "2026-03-01",
  "2026",
);

/** The register with its current scores and strategy as values (columns A–D), the comparison columns from E. */
async function workbookWithComparison(history: Assessment[], chosen: Assessment, language: Language) {
  let rows: CellValue[][] = [];
  for (const a of history) rows = recordedRows(rows, a, language);
  const current = now.analysis.rows;
  const first = COMPARISON_COLUMNS.length;
  const double = createExcelDouble({
    sheets: [
      { name: "Register", cells: [["Partner", "Invloed", "Afhankelijkheid", "Strategie"], ...current.map((r) => [r.partner, r.influence, r.dependency, t(language, `strategy.${r.strategy}`)])] },
      { name: HISTORY_SHEET, cells: [historyHeaders(language), ...rows] },
      { name: "Keuze", cells: [[chosen.date, chosen.label]] },
    ],
  });
  const letter = (c: (typeof COMPARISON_COLUMNS)[number]) => columnLetter(4 + COMPARISON_COLUMNS.indexOf(c));
  await double.run(async (context) => {
    const register = context.workbook.worksheets.getItem("Register");
    register.getRange(`E2:${columnLetter(4 + first - 1)}${current.length + 1}`).formulas = current.map((_, i) => {
      const r = i + 2;
      const own = (c: (typeof COMPARISON_COLUMNS)[number]) => `${letter(c)}${r}`;
      const formulas = comparisonFormulas(
        {
          historyFirstRow: 2,
          historyLastRow: rows.length + 1,
          compareDate: "Keuze!$A$1",
          compareLabel: "Keuze!$B$1",
          partner: `A${r}`,
          goal: null,
          influence: `B${r}`,
          dependency: `C${r}`,
          strategy: `D${r}`,
          influenceMin: "1",
          influenceMax: "5",
          dependencyMin: "1",
          dependencyMax: "5",
          matchCount: own("matchCount"),
          previousInfluence: own("previousInfluence"),
          previousDependency: own("previousDependency"),
          influenceChange: own("influenceChange"),
          dependencyChange: own("dependencyChange"),
          previousStrategy: own("previousStrategy"),
        },
        language,
      );
      return COMPARISON_COLUMNS.map((c) => formulas[c]);
    });
    await context.sync();
  });
  const values = double.driver.values("Register", `E2:${columnLetter(4 + first - 1)}${current.length + 1}`);
  return values.map((row) => Object.fromEntries(COMPARISON_COLUMNS.map((c, i) => [c, row[i]])));
}

describe("comparison columns as formulas", () => {
  it("show, per partner, what the core's comparison reports (HyperFormula)", async () => {
    const excel = await workbookWithComparison([earlier.assessment, other.assessment], earlier.assessment, "nl");
    const core = compareAssessments(earlier.assessment, now.assessment);
    for (const m of core.movements) {
      const cells = excel[m.row - 2];
      expect(cells.previousInfluence).toBe(m.previousInfluence);
      expect(cells.previousDependency).toBe(m.previousDependency);
      expect(cells.influenceChange).toBe(m.influenceChange);
      expect(cells.dependencyChange).toBe(m.dependencyChange);
      expect(cells.previousStrategy).toBe(t("nl", `strategy.${m.previousStrategy}`));
      expect(cells.strategyChanged).toBe(m.strategyChanged ? "ja" : "nee");
      expect(cells.movedAsAdvised).toBe(m.movedAsAdvised === null ? "–" : m.movedAsAdvised ? "ja" : "nee");
    }
    expect(core.movements.map((m) => m.partner)).toEqual(["schoolbestuur", "Welzijn"]);
    expect(excel[0]).toMatchObject({ movement: "omhoog", influenceChange: 2.5, strategyChanged: "ja", movedAsAdvised: "ja" });
    expect(excel[1]).toMatchObject({ movement: "links", dependencyChange: -1, strategyChanged: "nee", movedAsAdvised: "ja" });
  });

  it("match names exactly: no wildcards, accents count, a name found twice or not at all gives #N/A", async () => {
    const excel = await workbookWithComparison([earlier.assessment], earlier.assessment, "nl");
    // "AB" is not "A*", "Cafe" is not "Café", "Dubbel" is ambiguous, "Bibliotheek" is new.
    expect(excel.slice(2).map((cells) => cells.matchCount)).toEqual([0, 0, 2, 0]);
    for (const row of [2, 3, 4, 5]) expect(excel[row]).toMatchObject({ previousInfluence: "#N/A", movement: "#N/A", strategyChanged: "#N/A" });
  });

  it("follow the chosen snapshot, with a label that holds a wildcard character taken literally", async () => {
    const excel = await workbookWithComparison([earlier.assessment, other.assessment], other.assessment, "en");
    expect(excel[0]).toMatchObject({ previousInfluence: 5, previousDependency: 5, movement: "down, left", previousStrategy: "Secure", movedAsAdvised: "–" });
    expect(excel[1]).toMatchObject({ matchCount: 0, previousInfluence: "#N/A" });
  });
});

describe("the money then, as formulas", () => {
  it("count and subsidy per strategy of the chosen snapshot, as the core's comparison (a label with '?' taken literally)", async () => {
    const withBlankSubsidy = assess([["Zonder bedrag", 2, 4, "nee", ""], ["Met bedrag", 2, 4, "nee", 700]], "2025-03-01", "2025*").assessment;
    let rows: CellValue[][] = [];
    for (const a of [earlier.assessment, other.assessment, withBlankSubsidy]) rows = recordedRows(rows, a, "nl");
    for (const chosen of [earlier.assessment, withBlankSubsidy]) {
      const double = createExcelDouble({
        sheets: [
          { name: HISTORY_SHEET, cells: [historyHeaders("nl"), ...rows] },
          { name: "Keuze", cells: [[chosen.date, chosen.label]] },
        ],
      });
      const refs = { historyFirstRow: 2, historyLastRow: rows.length + 1, compareDate: "Keuze!$A$1", compareLabel: "Keuze!$B$1" };
      await double.run(async (context) => {
        context.workbook.worksheets.getItem("Keuze").getRange(`A2:B${STRATEGY_KEYS.length + 1}`).formulas = STRATEGY_KEYS.map((k) => {
          const f = moneyThenFormulas(refs, k, "nl");
          return [f.count, f.subsidy];
        });
        await context.sync();
      });
      const core = compareAssessments(chosen, now.assessment).money.map((m) => [m.then.count, m.then.subsidy]);
      expect(double.driver.values("Keuze", `A2:B${STRATEGY_KEYS.length + 1}`)).toEqual(core);
    }
  });
});
