/**
 * Partner pages on the Excel double: each page stands alone (values only, a chart of its own cells)
 * and holds nothing that names or prices another partner.
 */
import { analyzeSheet } from "../../src/core/analyze";
import type { PartnerPageRequest } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import { isValidSheetName } from "../../src/core/partner";
import type { Analysis } from "../../src/core/types";
import { makeHarness, type Harness } from "../excel/harness";
import { REGISTER } from "./register";

const NAMES = REGISTER.slice(1).map((row) => String(row[0]));
const SUBSIDIES = REGISTER.slice(1).map((row) => Number(row[4]));
const CHOSEN = ["Schoolbestuur Noord", "Stichting [Welzijn]: Noord/Zuid", "Bibliotheek"];

async function analysed(harness: Harness): Promise<Analysis> {
  return analyzeSheet(await harness.host.readActiveSheet());
}

function request(analysis: Analysis, names: string[], includeSubsidy = true): PartnerPageRequest {
  return { rows: names.map((name) => analysis.rows.find((r) => r.partner === name)!.row), includeSubsidy, date: "2026-12-06" };
}

function setUp(): Harness {
  return makeHarness({
    sheets: [
      { name: "Partners", cells: REGISTER },
      // A user's own sheet that happens to carry a partner's name: never the page.
      { name: "Bibliotheek", cells: [["Mijn aantekeningen over de bibliotheek"]] },
    ],
    activeSheet: "Partners",
  });
}

/** Every text a page shows: cell values and formulas, chart and axis titles, series names and labels. */
function pageTexts(harness: Harness, sheet: string): { cells: string[]; formulas: string[]; chart: string[]; seriesRanges: string[] } {
  const state = harness.driver.snapshotAll().sheets.find((s) => s.name === sheet)!;
  // Nothing out of sight: no hidden row or column (with or without content), comment or note on a page.
  expect({ sheet, hiddenRows: state.hiddenRows, hiddenColumns: state.hiddenColumns, comments: state.comments, notes: state.notes }).toEqual({
    sheet,
    hiddenRows: [],
    hiddenColumns: [],
    comments: {},
    notes: {},
  });
  const cells = Object.values(state.cells).map((c) => String(c.value));
  const formulas = Object.values(state.cells).flatMap((c) => (c.formula ? [c.formula] : []));
  const chart = state.charts.flatMap((c) => [
    c.name,
    c.title ?? "",
    c.categoryAxis.title ?? "",
    c.valueAxis.title ?? "",
    ...c.series.flatMap((s) => [s.name, ...s.points.map((p) => p.labelShows ?? ""), ...s.points.map((p) => p.dataLabelFormula ?? "")]),
  ]);
  const seriesRanges = state.charts.flatMap((c) => c.series.flatMap((s) => [s.xAddress ?? "", s.valuesAddress ?? ""]));
  return { cells, formulas, chart, seriesRanges };
}

describe("partner pages in the workbook", () => {
  it("makes a standalone page per partner, naming no other partner and showing no other subsidy", async () => {
    const harness = setUp();
    const analysis = await analysed(harness);
    const namesBefore = harness.driver.names();
    const result = await harness.host.makePartnerPages!(analysis, request(analysis, CHOSEN));

    expect(result.pages.map((p) => p.partner)).toEqual(CHOSEN);
    expect(result.pages.every((p) => !p.updated)).toBe(true);
    const sheetNames = result.pages.map((p) => p.sheetName);
    expect(sheetNames).toEqual(["Schoolbestuur Noord", "Stichting Welzijn Noord Zuid", "Bibliotheek (2)"]);
    for (const name of sheetNames) expect(isValidSheetName(name)).toBe(true);
    // The user's sheet called "Bibliotheek" is untouched.
    expect(harness.driver.values("Bibliotheek", "A1:B2")).toEqual([
      ["Mijn aantekeningen over de bibliotheek", ""],
      ["", ""],
    ]);
    // No name added or pointing at a page.
    expect(harness.driver.names()).toEqual(namesBefore);

    let moving = 0;
    result.pages.forEach((page) => {
      const own = NAMES.indexOf(page.partner);
      const { cells, formulas, chart, seriesRanges } = pageTexts(harness, page.sheetName);
      const everything = [...cells, ...chart].join("\n");
      expect(formulas).toEqual([]);
      for (let j = 0; j < NAMES.length; j++) {
        if (j === own) continue;
        expect(everything).not.toContain(NAMES[j]);
        expect(everything).not.toContain(String(SUBSIDIES[j]));
        expect(everything).not.toContain(SUBSIDIES[j].toLocaleString("nl-NL"));
      }
      expect(cells).toContain(page.partner);
      expect(cells).toContain(String(SUBSIDIES[own]));
      // Every series reads this page's cells, and nothing else.
      expect(seriesRanges.length).toBeGreaterThan(0);
      for (const address of seriesRanges) expect(address.replace(/^'|'!.*$|!.*$/g, "")).toBe(page.sheetName.replace(/'/g, "''"));
      // The partner's point carries its name; the other partners' points are there, without labels.
      const series = harness.driver.charts(page.sheetName)[0].series;
      const others = series.find((s) => s.name === t("nl", "partner.others"))!;
      expect(others.x).toHaveLength(NAMES.length - 1);
      expect(others.points.some((p) => p.hasDataLabel)).toBe(false);
      expect(others.hasDataLabels).toBe(false);
      const labelled = series.flatMap((s) => s.points.filter((p) => p.hasDataLabel).map((p) => p.labelShows));
      expect(labelled).toEqual([page.partner]);
      // A label is text: no label formula that could point anywhere.
      expect(series.flatMap((s) => s.points.map((p) => p.dataLabelFormula)).filter((f) => f !== null)).toEqual([]);
      // The others' points are every other partner's (dependency, influence), sorted, so the register's order does not name them.
      const pairs = others.x!.map((x, i) => [Number(x), Number(others.y![i])]);
      const expectedPairs = analysis.rows
        .filter((r) => r.partner !== page.partner)
        .map((r) => [r.dependency, r.influence])
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(pairs).toEqual(expectedPairs);
      expect(chart.filter((text) => text !== "").length).toBeGreaterThan(4);

      // The frame a partner is shown against: the ambition line across the dependency scale, the
      // threshold across the influence scale (dashed), and the advised movement from its point to its target.
      const row = analysis.rows.find((r) => r.partner === page.partner)!;
      const points = (name: string) => {
        const found = series.find((s) => s.name === name);
        return found ? found.x!.map((x, i) => [x, found.y![i]]) : null;
      };
      const { influenceScale: influence, dependencyScale: dependency } = analysis;
      expect(points(t("nl", "chart.line"))).toEqual([
        [dependency.min, analysis.line.atLowestDependency],
        [dependency.max, analysis.line.atHighestDependency],
      ]);
      expect(points(t("nl", "chart.threshold"))).toEqual([
        [analysis.highDependencyAbove, influence.min],
        [analysis.highDependencyAbove, influence.max],
      ]);
      expect(series.find((s) => s.name === t("nl", "chart.threshold"))!.line.lineStyle).toBe("Dash");
      expect(points(page.partner)).toEqual([[row.dependency, row.influence]]);
      const moves = row.target.influence !== row.influence || row.target.dependency !== row.dependency;
      if (moves) moving += 1;
      expect(points(t("nl", "partner.movement"))).toEqual(
        moves
          ? [
              [row.dependency, row.influence],
              [row.target.dependency, row.target.influence],
            ]
          : null,
      );
      // The others are small and grey, the partner large and in its strategy's colour.
      expect([others.markerSize, others.markerBackgroundColor]).toEqual([5, "#9CA3AF"]);
      expect(series.find((s) => s.name === page.partner)!.markerSize).toBeGreaterThan(others.markerSize!);
    });
    // Guard: among the three, a partner with an advised movement and one without.
    expect(moving).toBeGreaterThan(0);
    expect(moving).toBeLessThan(result.pages.length);
  });

  it("leaves the subsidy out unless asked", async () => {
    const harness = setUp();
    const analysis = await analysed(harness);
    const result = await harness.host.makePartnerPages!(analysis, request(analysis, ["Bibliotheek"], false));
    const { cells } = pageTexts(harness, result.pages[0].sheetName);
    expect(cells).not.toContain("340003");
    expect(cells.join("\n")).not.toContain(t("nl", "concept.subsidy"));
  });

  it("updates a page made again instead of adding a copy, also after the user renamed it", async () => {
    const harness = setUp();
    let analysis = await analysed(harness);
    const first = await harness.host.makePartnerPages!(analysis, request(analysis, CHOSEN));
    const sheetCount = harness.driver.sheetNames().length;
    await harness.double.run(async (context) => {
      context.workbook.worksheets.getItem(first.pages[0].sheetName).name = "Voor het overleg";
      await context.sync();
    });
    harness.driver.setCell("Partners", "B2", 3);
    harness.driver.activate("Partners");
    analysis = await analysed(harness);
    const second = await harness.host.makePartnerPages!(analysis, request(analysis, CHOSEN));
    expect(second.pages.map((p) => p.updated)).toEqual([true, true, true]);
    expect(second.pages[0].sheetName).toBe("Voor het overleg");
    expect(harness.driver.sheetNames()).toHaveLength(sheetCount);
    expect(harness.driver.sheetNames().filter((n) => n.startsWith("PK_tmp"))).toEqual([]);
    const { cells } = pageTexts(harness, "Voor het overleg");
    expect(cells).toContain("3 (schaal 1–5)");
    expect(harness.driver.charts("Voor het overleg")).toHaveLength(1);
  });

  it("refuses to make a page again over a note the user typed beside it, naming the cell, and writes nothing", async () => {
    const harness = setUp();
    const analysis = await analysed(harness);
    const first = await harness.host.makePartnerPages!(analysis, request(analysis, ["Bibliotheek"]));
    const page = first.pages[0].sheetName;
    harness.driver.setCell(page, "E24", "Afspraak 12 mei: subsidie opnieuw bekijken");
    const before = harness.driver.snapshotAll();
    const failure = await harness.host.makePartnerPages!(analysis, request(analysis, CHOSEN)).then(
      () => null,
      (error: { code?: string; details?: string }) => error,
    );
    expect(failure?.code).toBe("foreign-content");
    expect(failure?.details).toContain(`${page}!E24`);
    expect(failure?.details).toContain("Afspraak 12 mei");
    expect(harness.driver.snapshotAll()).toEqual(before);
  });

  it("leaves the workbook as it was when Excel fails half-way", async () => {
    const harness = setUp();
    const analysis = await analysed(harness);
    await harness.host.makePartnerPages!(analysis, request(analysis, ["Bibliotheek"]));
    const before = harness.driver.snapshotAll();
    // The fourth sync is the write batch (the sheets, their heads and the old page's content before it); fail an operation in its middle.
    harness.failAtSync(4, "InvalidArgument", 40);
    await expect(harness.host.makePartnerPages!(analysis, request(analysis, CHOSEN))).rejects.toBeDefined();
    expect(harness.driver.snapshotAll()).toEqual(before);
  });
});
