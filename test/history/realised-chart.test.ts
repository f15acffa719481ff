/**
 * The realised movement in the native chart (issue 19, item 4), applied through the Office.js
 * adapter to the strict Excel double (HyperFormula recomputes every formula): with a comparison the
 * chart has one dashed series from each moved partner's previous scores to its current ones, which
 * follows a score edit without the add-in; without a comparison it has none.
 */
import { t } from "../../src/core/i18n";
import type { Harness } from "../excel/harness";
import { makeHarness, outputOptions } from "../excel/harness";
import { EARLIER, HEADER, NOW } from "./live-data";

const comparison = { date: "2025-03-01", label: "2025" };
const realisedName = t("nl", "chart.realised");

/** The register with the earlier scores recorded as "2025", then the current scores typed in. */
async function recordedThenChanged(): Promise<Harness> {
  const h = makeHarness({ sheets: [{ name: "Register", cells: [HEADER, ...EARLIER] }] });
  const recorded = await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-03-01", "2025", false);
  expect(recorded.recorded).toBe(true);
  await h.driver.setCells("Register", `A2:E${NOW.length + 1}`, NOW);
  return h;
}

const seriesNamed = (h: Harness, name: string) => h.driver.charts("Register")[0].series.filter((s) => s.name === name);

/** The series' points as [dependency, influence] pairs, blanks as ["", ""]. */
function pointsOf(h: Harness, name: string): unknown[][] {
  const [series] = seriesNamed(h, name);
  const rounded = (v: unknown) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v);
  return series.x!.map((x, i) => [rounded(x), rounded(series.y![i])]);
}

describe("the realised movement in the chart", () => {
  it("is one dashed series from each matched partner's previous scores to its current ones, and follows a score edit", async () => {
    const h = await recordedThenChanged();
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison }, { enabled: true }));

    expect(seriesNamed(h, realisedName)).toHaveLength(1);
    // Schoolbestuur (4, 2) → (4, 4.5), Welzijn (5, 3) → (4, 3), Buurt* (2, 2) → (1, 4); "Nieuw BV" and
    // "Buurthuis" are new (no previous position): no segment. A blank row ends each segment.
    expect(pointsOf(h, realisedName)).toEqual([[4, 2], [4, 4.5], ["", ""], [5, 3], [4, 3], ["", ""], [2, 2], [1, 4]]);

    // Without colour: dashed and heavier than the advised movement's solid line.
    const [realised] = seriesNamed(h, realisedName);
    const [advised] = seriesNamed(h, t("nl", "chart.movement"));
    expect(realised.chartType).toBe("XYScatterLinesNoMarkers");
    expect(realised.line.lineStyle).toBe("Dash");
    expect(advised.line.lineStyle).not.toBe("Dash");
    expect(realised.line.weight).toBeGreaterThan(advised.line.weight);
    expect(h.driver.charts("Register")[0].displayBlanksAs).toBe("NotPlotted");

    // Welzijn's influence rises from 3 to 5: Excel moves the segment's end, without the add-in.
    await h.driver.setCell("Register", "B3", 5);
    expect(pointsOf(h, realisedName)).toEqual([[4, 2], [4, 4.5], ["", ""], [5, 3], [4, 5], ["", ""], [2, 2], [1, 4]]);
  });

  it("starts where the partner stood in another assessment when the user picks that one on the parameter sheet", async () => {
    const h = makeHarness({ sheets: [{ name: "Register", cells: [HEADER, ...EARLIER] }] });
    // A year before "2025": Schoolbestuur's influence was 1.
    await h.driver.setCell("Register", "B2", 1);
    await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2024-03-01", "2024", false);
    await h.driver.setCells("Register", `A2:E${EARLIER.length + 1}`, EARLIER);
    await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-03-01", "2025", false);
    await h.driver.setCells("Register", `A2:E${NOW.length + 1}`, NOW);
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison }, { enabled: true }));
    expect(pointsOf(h, realisedName).slice(0, 2)).toEqual([[4, 2], [4, 4.5]]);

    // The compared assessment's date and label (the cells under the summary): Excel recomputes the start.
    expect(h.driver.values("Partnerkaart", "E17:E18")).toEqual([["2025-03-01"], ["2025"]]);
    await h.driver.setCells("Partnerkaart", "E17:E18", [["2024-03-01"], ["2024"]]);
    expect(pointsOf(h, realisedName).slice(0, 2)).toEqual([[4, 1], [4, 4.5]]);
  });

  it("is absent without a comparison", async () => {
    const h = await recordedThenChanged();
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({}, { enabled: true }));
    expect(h.driver.charts("Register")).toHaveLength(1);
    expect(seriesNamed(h, realisedName)).toEqual([]);
  });
});
