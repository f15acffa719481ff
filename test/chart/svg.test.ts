import { XMLParser, XMLValidator } from "fast-xml-parser";
import { analyzeFile } from "../../src/cli/analyze";
import { buildChartSpec, renderChartSvg, STRATEGY_STYLES } from "../../src/core/chart";
import { DEFAULT_CHART_OPTIONS } from "../../src/core/host";
import { STRATEGY_KEYS, type StrategyKey } from "../../src/core/types";
import { chartRegisters, findAll, groupsOfClass, handBuiltAnalysis, seedAnalysis } from "./support";

const options = { ...DEFAULT_CHART_OPTIONS, language: "nl" as const };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: false, isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute });


describe("SVG rendering", () => {
  it("is well-formed, accessible and has one marker per partner in its strategy colour", () => {
    const [spec] = buildChartSpec(seedAnalysis(), options);
    const svg = renderChartSvg(spec);
    expect(XMLValidator.validate(svg)).toBe(true);
    const tree = parser.parse(svg);
    const root = tree.svg[0];
    expect(root.role).toBe("img");
    expect(root.title[0]["#text"]).toBe(spec.title);
    expect(String(root.desc[0]["#text"])).toContain("Borgen: 2 partners.");
    const points = groupsOfClass(tree, "point");
    expect(points).toHaveLength(7);
    for (const p of points) {
      const strategy = p["data-strategy"] as StrategyKey;
      const markerNode = [...findAll(p, "circle"), ...findAll(p, "rect"), ...findAll(p, "path")][0];
      const color = markerNode.fill === "none" ? markerNode.stroke : markerNode.fill;
      expect(color).toBe(STRATEGY_STYLES[strategy].color);
    }
    // Legend: every strategy name, the line and the threshold.
    const legendText = findAll(groupsOfClass(tree, "legend"), "text").map((t) => String(t["#text"]));
    for (const s of spec.series) expect(legendText).toContain(`${s.name} (${s.points.length})`);
    expect(legendText).toContain("Ambitielijn");
    // Arrows: one per partner that should move, with an SVG arrowhead and a target marker.
    const movements = groupsOfClass(tree, "movement");
    expect(movements).toHaveLength(4);
    for (const m of movements) expect(String(findAll(m, "line")[0]["marker-end"])).toMatch(/^url\(#pk-arrow-/);
    expect(findAll(tree, "marker")).toHaveLength(STRATEGY_KEYS.length);
  });

  it("escapes names that look like markup or entities", () => {
    const evil = '<script>alert("x")</script> & Zn';
    const a = handBuiltAnalysis([
      { partner: evil, influence: 2, dependency: 4, strategy: "raise-influence" },
      { partner: "=HYPERLINK(\"http://x\")", influence: 4, dependency: 2, strategy: "contract" },
    ]);
    const [spec] = buildChartSpec(a, options);
    const svg = renderChartSvg(spec);
    expect(svg).not.toContain("<script>");
    expect(XMLValidator.validate(svg)).toBe(true);
    const tree = parser.parse(svg);
    // Read back as the very text the register holds: shown as text, never run.
    const textOf = (node: unknown) => String(typeof node === "object" && node !== null ? (node as Record<string, unknown>)["#text"] : node);
    const pointTitles = groupsOfClass(tree, "point").map((g) => textOf((g.title as unknown[])[0]));
    expect(pointTitles).toContainEqual(expect.stringContaining(`${evil} — `));
    const labelTexts = findAll(groupsOfClass(tree, "label"), "tspan").map((t) => String(t["#text"]));
    expect(labelTexts.join(" ")).toContain("<script>");
    expect(findAll(tree, "script")).toHaveLength(0);
  });

  it("draws the ambition line and the threshold where the axes put those values", () => {
    const [spec] = buildChartSpec(seedAnalysis(), options);
    const tree = parser.parse(renderChartSvg(spec));
    const xTicks = new Map(groupsOfClass(tree, "x-tick").map((g) => [Number(g["data-value"]), Number(findAll(g, "line")[0].x1)]));
    const yTicks = new Map(groupsOfClass(tree, "y-tick").map((g) => [Number(g["data-value"]), Number(findAll(g, "line")[0].y1)]));
    expect([...xTicks.keys()]).toEqual([1, 2, 3, 4, 5]);
    const line = findAll(tree, "line").find((l) => l.class === "ambition-line")!;
    expect(Number(line.x1)).toBeCloseTo(xTicks.get(1)!, 1);
    expect(Number(line.y1)).toBeCloseTo(yTicks.get(2)!, 1); // atLowest = 2
    expect(Number(line.x2)).toBeCloseTo(xTicks.get(5)!, 1);
    expect(Number(line.y2)).toBeCloseTo(yTicks.get(4)!, 1); // atHighest = 4
    const threshold = findAll(groupsOfClass(tree, "threshold"), "line")[0];
    expect(Number(threshold.x1)).toBeCloseTo(xTicks.get(3)!, 1);
    expect(threshold["stroke-dasharray"]).toBeTruthy();
  });

  it.each(chartRegisters().map((r) => [r.name, r.file]))("%s register: every partner drawn, every name placed, no two labels overlap", async (_name, file) => {
    const { analysis } = await analyzeFile(file, null, "nl");
    const [spec] = buildChartSpec(analysis, options);
    const tree = parser.parse(renderChartSvg(spec));
    expect(groupsOfClass(tree, "point")).toHaveLength(analysis.rows.length);
    const boxes = groupsOfClass(tree, "label").map((g) => String(g["data-box"]).split(" ").map(Number));
    const unplaced = Number(findAll(tree, "g").find((g) => g.class === "labels")!["data-unplaced"]);
    expect(boxes.length + unplaced).toBe(analysis.rows.length);
    // At most 25 partners: "auto" names them all, and on these registers all fit.
    expect(unplaced).toBe(0);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [ax, ay, aw, ah] = boxes[i];
        const [bx, by, bw, bh] = boxes[j];
        expect(ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah).toBe(false);
      }
  });
});

describe("strategy palette", () => {
  const channel = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const luminance = (hex: string) => {
    const [r, g, b] = rgb(hex).map(channel);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };

  it("every strategy colour has at least 3:1 contrast on white (WCAG 1.4.11)", () => {
    for (const k of STRATEGY_KEYS) expect(1.05 / (luminance(STRATEGY_STYLES[k].color) + 0.05)).toBeGreaterThanOrEqual(3);
  });

  it("colours stay apart under simulated protanopia and deuteranopia, and shapes differ anyway", () => {
    // Viénot, Brettel & Mollon (1999) simulation matrices on linear RGB.
    const simulations = {
      protan: [
        [0.11238, 0.88762, 0],
        [0.11238, 0.88762, 0],
        [0.00401, -0.00401, 1],
      ],
      deutan: [
        [0.29275, 0.70725, 0],
        [0.29275, 0.70725, 0],
        [-0.02234, 0.02234, 1],
      ],
    };
    for (const matrix of Object.values(simulations)) {
      const seen = STRATEGY_KEYS.map((k) => {
        const lin = rgb(STRATEGY_STYLES[k].color).map(channel);
        return matrix.map((row) => row.reduce((sum, m, i) => sum + m * lin[i], 0));
      });
      for (let i = 0; i < seen.length; i++)
        for (let j = i + 1; j < seen.length; j++) {
          const distance = Math.hypot(...seen[i].map((v, c) => Math.cbrt(Math.max(v, 0)) - Math.cbrt(Math.max(seen[j][c], 0))));
          expect(distance).toBeGreaterThan(0.12);
        }
    }
    expect(new Set(STRATEGY_KEYS.map((k) => STRATEGY_STYLES[k].marker)).size).toBe(STRATEGY_KEYS.length);
  });
});
