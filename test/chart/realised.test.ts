/**
 * The realised movement in the chart specification and the SVG (issue 19, item 4): given each
 * partner's previous position, a dashed arrow from there to its current marker with a legend entry;
 * without previous positions nothing of it, and the SVG exactly as before. With Chromium, saves
 * test-artifacts/chart-realised-nl.png (`--chart` with `--compare`) for a human look.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { runAnalyze } from "../../src/cli/analyze";
import { chromiumAvailable } from "../../src/cli/chart-svg";
import { readXlsx } from "../../src/cli/readers";
import { analyzeSheet } from "../../src/core/analyze";
import { planChartData } from "../../src/core/chart";
import { planWrite } from "../../src/core/plan";
import type { SheetSnapshot } from "../../src/core/types";
import { buildChartSpec, MOVEMENT_LIMIT, renderChartSvg, type PreviousPosition } from "../../src/core/chart";
import { DEFAULT_CHART_OPTIONS } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import { EARLIER, HEADER, NOW } from "../history/live-data";
import { chartRegisters, findAll, groupsOfClass, handBuiltAnalysis } from "./support";

const options = { ...DEFAULT_CHART_OPTIONS, language: "nl" as const };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

const svgGroupsOfClass = (svg: string, cls: string) => groupsOfClass(parser.parse(svg), cls);

// Rows 2–4 (handBuiltAnalysis numbers rows from 2).
const analysis = handBuiltAnalysis([
  { partner: "Schoolbestuur", influence: 4, dependency: 2, strategy: "contract" },
  { partner: "Welzijn", influence: 3, dependency: 4, strategy: "raise-influence" },
  { partner: "Nieuw BV", influence: 2, dependency: 2, strategy: "contract" },
]);
// Schoolbestuur rose from 2 to 4; Welzijn stayed where it was; Nieuw BV has no earlier position.
const previous: PreviousPosition[] = [
  { row: 2, x: 2, y: 2 },
  { row: 3, x: 4, y: 3 },
];

describe("the realised movement in the chart specification and the SVG", () => {
  it("runs from a moved partner's previous position to its current one, dashed, with its legend entry", () => {
    const [spec] = buildChartSpec(analysis, { ...options, previous });
    expect(spec.realised).toEqual([{ row: 2, partner: "Schoolbestuur", strategy: "contract", from: { x: 2, y: 2 }, to: { x: 2, y: 4 } }]);
    const svg = renderChartSvg(spec);
    expect(XMLValidator.validate(svg)).toBe(true);
    const realised = svgGroupsOfClass(svg, "realised");
    expect(realised.map((g) => [g["data-row"], g["data-from"], g["data-to"]])).toEqual([["2", "2 2", "2 4"]]);
    const [path] = findAll(realised[0], "path");
    expect(path["stroke-dasharray"]).toBeDefined();
    expect(path["marker-end"]).toBe("url(#pk-arrow-realised)");
    // Dashed where the advised movement is solid, and heavier.
    const advised = findAll(svgGroupsOfClass(svg, "movement"), "line");
    for (const line of advised) expect(line["stroke-dasharray"]).toBeUndefined();
    const legend = svgGroupsOfClass(svg, "legend-realised");
    expect(legend).toHaveLength(1);
    expect(findAll(legend, "text")[0]["#text"]).toBe("Gerealiseerde beweging");
    expect(findAll(legend, "line")[0]["stroke-dasharray"]).toBeDefined();

    const [english] = buildChartSpec(analysis, { ...options, language: "en", previous });
    expect(renderChartSvg(english)).toContain(">Realised movement</text>");
  });

  it("is absent without previous positions, and the SVG is then the same as before", () => {
    const [plain] = buildChartSpec(analysis, options);
    const [empty] = buildChartSpec(analysis, { ...options, previous: [] });
    expect(plain.realised).toEqual([]);
    const svg = renderChartSvg(plain);
    expect(svg).not.toContain("realised");
    expect(svg).not.toContain(t("nl", "chart.realised"));
    expect(renderChartSvg(empty)).toBe(svg);
  });

  it("keeps the largest moves up to the movement limit, in register order, and says so", () => {
    const count = MOVEMENT_LIMIT + 5;
    const many = handBuiltAnalysis(Array.from({ length: count }, (_, i) => ({ partner: `P${i}`, influence: 5, dependency: 3, strategy: "contract" as const })));
    // Partner i rose by (i + 1) / count: the first five moved least.
    const before = Array.from({ length: count }, (_, i) => ({ row: i + 2, x: 3, y: 5 - (4 * (i + 1)) / count }));
    const [spec] = buildChartSpec(many, { ...options, previous: before });
    expect(spec.realised.map((m) => m.row)).toEqual(before.slice(5).map((p) => p.row));
    expect(spec.notices.map((n) => n.key)).toContain("chart.notice.realisedLimited");
    expect(svgGroupsOfClass(renderChartSvg(spec), "realised")).toHaveLength(MOVEMENT_LIMIT);
  });
});

describe("the realised movement's helper cells for Excel", () => {
  it.each(["formulas", "values"] as const)("are not planned without the comparison columns in the plan (%s), even given previous positions", async (mode) => {
    const snapshot = (await readXlsx(chartRegisters()[0].file)).find((s) => s.sheetName === "Partners") as SheetSnapshot;
    const analysis = analyzeSheet(snapshot);
    const chartOptions = { ...options, previous: analysis.rows.map((r) => ({ row: r.row, x: r.dependency - 0.5, y: r.influence - 0.5 })) };
    const plan = planWrite(snapshot, analysis, { language: "nl", mode, chart: chartOptions });
    const data = planChartData(analysis, plan, chartOptions);
    // The spec has them (the SVG draws them), the live chart has nothing to bind them to.
    expect(data.specs[0].realised.length).toBeGreaterThan(0);
    expect(data.bindings[0].realised).toBeNull();
    expect(data.blocks.filter((b) => b.id.startsWith("chart.realised"))).toEqual([]);
  });
});

describe("analyze --chart with --compare", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "pk-realised-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const csv = (rows: (string | number)[][]) => [HEADER, ...rows].map((r) => r.map((v) => String(v).replace(".", ",")).join(";")).join("\n");
  const run = (args: string[]) => runAnalyze(args, { stdout: () => undefined, stderr: () => undefined });

  it("draws the realised movement of the partners the comparison matched; --chart alone does not", async () => {
    writeFileSync(join(dir, "earlier.csv"), csv(EARLIER));
    writeFileSync(join(dir, "now.csv"), csv(NOW));
    expect(await run([join(dir, "now.csv"), "--compare", join(dir, "earlier.csv"), "--chart", join(dir, "compared.svg")])).toBe(0);
    const compared = readFileSync(join(dir, "compared.svg"), "utf8");
    // Schoolbestuur (row 2), Welzijn (3) and Buurt* (6) moved; Nieuw BV and Buurthuis are new.
    expect(svgGroupsOfClass(compared, "realised").map((g) => [g["data-row"], g["data-from"], g["data-to"]])).toEqual([
      ["2", "4 2", "4 4.5"],
      ["3", "5 3", "4 3"],
      ["6", "2 2", "1 4"],
    ]);
    expect(compared).toContain(">Gerealiseerde beweging</text>");
    if (chromiumAvailable()) {
      mkdirSync("test-artifacts", { recursive: true });
      const png = join("test-artifacts", "chart-realised-nl.png");
      expect(await run([join(dir, "now.csv"), "--compare", join(dir, "earlier.csv"), "--chart", png])).toBe(0);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
    }

    expect(await run([join(dir, "now.csv"), "--chart", join(dir, "plain.svg")])).toBe(0);
    const plain = readFileSync(join(dir, "plain.svg"), "utf8");
    expect(svgGroupsOfClass(plain, "realised")).toEqual([]);
    expect(plain).not.toContain("Gerealiseerde beweging");
  }, 60_000);
});
