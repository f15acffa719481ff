import { analyzeFile } from "../../src/cli/analyze";
import { AUTO_LABEL_LIMIT, buildChartSpec, MOVEMENT_LIMIT, STRATEGY_STYLES, type ChartSpec } from "../../src/core/chart";
import { DEFAULT_CHART_OPTIONS, type ChartOptions } from "../../src/core/host";
import { STRATEGY_KEYS, type StrategyKey } from "../../src/core/types";
import { fixtureRegisters, handBuiltAnalysis, seedAnalysis } from "./support";

const options = (over: Partial<ChartOptions> = {}, language: "nl" | "en" = "nl") => ({ ...DEFAULT_CHART_OPTIONS, ...over, language });
const seriesOf = (spec: ChartSpec, strategy: StrategyKey) => spec.series.find((s) => s.strategy === strategy)!;

describe("chart specification from the shared fixtures", () => {
  const fixtures = fixtureRegisters();
  if (fixtures.length === 0) {
    it.skip("shared fixtures absent (../shared/fixtures): skipped", () => undefined);
    return;
  }
  it.each(fixtures.map((f) => [f.name, f] as const))("%s: series, bounds, line, threshold as expected", async (_name, fixture) => {
    const { analysis } = await analyzeFile(fixture.file, null, "nl");
    const [spec] = buildChartSpec(analysis, options());
    const e = fixture.expected;
    for (const strategy of STRATEGY_KEYS) {
      const expectedPartners = e.rows.filter((r) => r.strategy === strategy).map((r) => r.row);
      expect(seriesOf(spec, strategy).points.map((p) => p.row).sort((a, b) => a - b)).toEqual(expectedPartners.sort((a, b) => a - b));
    }
    expect([spec.xAxis.min, spec.xAxis.max]).toEqual(e.dependencyScale);
    expect([spec.yAxis.min, spec.yAxis.max]).toEqual(e.influenceScale);
    expect(spec.line.from).toEqual({ x: e.dependencyScale[0], y: e.line.atLowestDependency });
    expect(spec.line.to).toEqual({ x: e.dependencyScale[1], y: e.line.atHighestDependency });
    expect(spec.threshold).toMatchObject({ x: e.highDependencyAbove, yFrom: e.influenceScale[0], yTo: e.influenceScale[1] });
    expect(spec.pointCount).toBe(e.rows.length);
    // Every fixture has at most 25 partners: "auto" names them all.
    expect(spec.labelledCount).toBe(e.rows.length);
  });

  const gemeente = fixtures.find((f) => f.name === "gemeente-voorbeeldstad");
  (gemeente ? it : it.skip)("municipal register: arrows go where framework.md says partners should move", async () => {
    const { analysis } = await analyzeFile(gemeente!.file, null, "nl");
    const [spec] = buildChartSpec(analysis, options());
    const e = gemeente!.expected;
    const required = (d: number) => e.line.atLowestDependency + ((d - e.dependencyScale[0]) / (e.dependencyScale[1] - e.dependencyScale[0])) * (e.line.atHighestDependency - e.line.atLowestDependency);
    const dependencyMeetingLine = (influence: number) =>
      e.dependencyScale[0] + ((influence - e.line.atLowestDependency) / (e.line.atHighestDependency - e.line.atLowestDependency)) * (e.dependencyScale[1] - e.dependencyScale[0]);
    const movers = e.rows.filter((r) => r.strategy !== "secure" && r.strategy !== "contract");
    expect(spec.movements.map((m) => m.row)).toEqual(movers.map((r) => r.row));
    for (const r of movers) {
      const m = spec.movements.find((x) => x.row === r.row)!;
      expect(m.from).toEqual({ x: r.dependency, y: r.influence });
      if (r.strategy === "reduce-dependency") {
        const left = Math.min(Math.max(e.dependencyScale[0], dependencyMeetingLine(r.influence)), e.highDependencyAbove);
        expect(m.to.x).toBeCloseTo(left, 9);
        expect(m.to.y).toBeCloseTo(r.influence, 9);
      } else {
        expect(m.to.x).toBeCloseTo(r.dependency, 9);
        expect(m.to.y).toBeCloseTo(required(r.dependency), 9);
      }
    }
  });

  (gemeente ? it : it.skip)("municipal register per goal: one chart per societal goal, together all partners once", async () => {
    const { analysis } = await analyzeFile(gemeente!.file, null, "nl");
    const specs = buildChartSpec(analysis, options({ perGoal: true }));
    const goals = [...new Set(analysis.rows.map((r) => r.goal))];
    expect(specs.map((s) => s.goal)).toEqual(goals);
    expect(specs.map((s) => s.name)).toEqual(goals.map((g) => `Partnerkaart – ${g}`));
    expect(specs.flatMap((s) => s.series.flatMap((x) => x.points.map((p) => p.row))).sort((a, b) => a - b)).toEqual(analysis.rows.map((r) => r.row));
    for (const spec of specs) for (const p of spec.series.flatMap((s) => s.points)) expect(p.goal).toBe(spec.goal);
  });
});

describe("chart specification from hand-built analyses", () => {
  it("the seed examples: one series per strategy in the fixed colours, legend names in the user's language", () => {
    const [nl] = buildChartSpec(seedAnalysis(), options());
    const [en] = buildChartSpec(seedAnalysis(), options({}, "en"));
    expect(nl.series.map((s) => s.strategy)).toEqual([...STRATEGY_KEYS]);
    expect(seriesOf(nl, "secure").points.map((p) => p.partner)).toEqual(["Z: bibliotheek", "Z: ambassadeur"]);
    expect(seriesOf(nl, "raise-influence").points.map((p) => [p.x, p.y])).toEqual([[4, 2], [4.5, 2]]);
    expect(seriesOf(nl, "reduce-dependency").name).toBe("Afhankelijkheid verminderen");
    expect(seriesOf(en, "reduce-dependency").name).toBe("Reduce dependency");
    expect(nl.xAxis.title).toBe("Afhankelijkheid van de partner (1–5)");
    expect(en.yAxis.title).toBe("Influence on the goal (1–5)");
    for (const s of nl.series) expect(s.color).toBe(STRATEGY_STYLES[s.strategy].color);
    expect(nl.name).toBe("Partnerkaart");
    expect(en.name).toBe("Partnerkaart"); // the workbook object keeps its name whatever the language
  });

  it("movement: the seed's targets, nothing for secure and contract", () => {
    const [spec] = buildChartSpec(seedAnalysis(), options());
    expect(spec.movements.map((m) => [m.partner, m.to.x, m.to.y])).toEqual([
      ["X: schoolbestuur", 4, 3.5],
      ["Y: welzijnsinstelling", 3, 3],
      ["X: vervuilend bedrijf", 4.5, 3.75],
      ["Weinig invloed", 1.5, 2.25],
    ]);
    const [off] = buildChartSpec(seedAnalysis(), options({ movement: false }));
    expect(off.movements).toEqual([]);
  });

  it("a register's own target wins, even for a partner that could stay", () => {
    const a = handBuiltAnalysis([{ partner: "Bieb", influence: 4, dependency: 4, strategy: "secure", target: { influence: 4.5, dependency: 3.5, source: "register" } }]);
    const [spec] = buildChartSpec(a, options());
    expect(spec.movements).toEqual([expect.objectContaining({ partner: "Bieb", to: { x: 3.5, y: 4.5 }, source: "register" })]);
  });

  it("labels: all up to 25 points; beyond, only partners below the line, with a notice", () => {
    const make = (n: number) =>
      handBuiltAnalysis(
        Array.from({ length: n }, (_, i) => ({ partner: `P${i}`, influence: i % 3 === 0 ? 1 : 5, dependency: 1 + (i % 5), strategy: i % 3 === 0 ? "strengthen-or-replace" : ("contract" as StrategyKey) })),
      );
    const [small] = buildChartSpec(make(AUTO_LABEL_LIMIT), options());
    expect(small.labelledCount).toBe(AUTO_LABEL_LIMIT);
    expect(small.notices).toEqual([]);
    const big = make(40);
    const [spec] = buildChartSpec(big, options());
    const labelled = spec.series.flatMap((s) => s.points).filter((p) => p.labelled);
    const below = big.rows.filter((r) => r.position === "below");
    expect(labelled.map((p) => p.row).sort((a, b) => a - b)).toEqual(below.map((r) => r.row));
    expect(spec.notices).toEqual([expect.objectContaining({ key: "chart.notice.labelsLimited", params: expect.objectContaining({ labelled: below.length, total: 40 }) })]);
    expect(spec.notices[0].text).toContain(`${below.length} van de 40`);
  });

  it("labels: more than 25 below the line keeps the 25 largest subsidies", () => {
    const a = handBuiltAnalysis(Array.from({ length: 60 }, (_, i) => ({ partner: `P${i}`, influence: 1, dependency: 2, strategy: "strengthen-or-replace" as StrategyKey, subsidy: (i * 7919) % 100 })));
    const [spec] = buildChartSpec(a, options());
    const labelled = spec.series.flatMap((s) => s.points).filter((p) => p.labelled);
    expect(labelled).toHaveLength(AUTO_LABEL_LIMIT);
    const smallestShown = Math.min(...labelled.map((p) => p.subsidy!));
    const notShown = spec.series.flatMap((s) => s.points).filter((p) => !p.labelled);
    expect(Math.max(...notShown.map((p) => p.subsidy!))).toBeLessThanOrEqual(smallestShown);
    expect(spec.labelRule).toBe("largest-subsidies");
    // The adapter's label cells follow labelledRows: the labelled points, in register order.
    expect(spec.labelledRows).toEqual(labelled.map((p) => p.row).sort((x, y) => x - y));
  });

  it("labels none: nothing labelled and no notice (the user chose it)", () => {
    const [spec] = buildChartSpec(seedAnalysis(), options({ labels: "none" }));
    expect(spec.labelledCount).toBe(0);
    expect(spec.notices).toEqual([]);
  });

  it("movement arrows are limited for huge registers, keeping the largest moves, with a notice", () => {
    const a = handBuiltAnalysis(
      Array.from({ length: 100 }, (_, i) => ({
        partner: `P${i}`,
        influence: 1,
        dependency: 2,
        strategy: "strengthen-or-replace" as StrategyKey,
        target: { influence: 1 + (i % 50) / 49, dependency: 2, source: "recommended" as const },
      })),
    );
    const [spec] = buildChartSpec(a, options());
    const moving = a.rows.filter((r) => r.target.influence > 1);
    expect(spec.movements).toHaveLength(MOVEMENT_LIMIT);
    const shortestShown = Math.min(...spec.movements.map((m) => m.to.y - m.from.y));
    const longestHidden = Math.max(...moving.filter((r) => !spec.movements.some((m) => m.row === r.row)).map((r) => r.target.influence - r.influence));
    expect(longestHidden).toBeLessThanOrEqual(shortestShown);
    // Equal moves (P0 and P50 …) keep the upper row; arrows come in register order.
    const byMoveThenRow = [...moving].sort((x, y) => y.target.influence - y.influence - (x.target.influence - x.influence) || x.row - y.row);
    expect(spec.movements.map((m) => m.row)).toEqual(
      byMoveThenRow
        .slice(0, MOVEMENT_LIMIT)
        .map((r) => r.row)
        .sort((x, y) => x - y),
    );
    expect(spec.notices).toContainEqual(expect.objectContaining({ key: "chart.notice.movementLimited", params: { shown: MOVEMENT_LIMIT, total: moving.length } }));
  });

  it("marker area is proportional to the subsidy", () => {
    const [spec] = buildChartSpec(seedAnalysis(), options({ sizeBySubsidy: true }));
    const points = spec.series.flatMap((s) => s.points);
    const library = points.find((p) => p.partner === "Z: bibliotheek")!; // 1 200 000
    const contractor = points.find((p) => p.partner === "Opdrachtnemer")!; // 75 000
    expect(library.markerSize ** 2 / contractor.markerSize ** 2).toBeCloseTo(1200000 / 75000, 6);
    const none = points.find((p) => p.partner === "X: vervuilend bedrijf")!; // 0
    expect(none.markerSize).toBeGreaterThanOrEqual(2); // still visible, Excel's minimum is 2
    const [unsized] = buildChartSpec(handBuiltAnalysis([{ partner: "A", influence: 3, dependency: 3, strategy: "contract" }]), options({ sizeBySubsidy: true }));
    expect(unsized.sizeBySubsidy).toBe(false);
    expect(unsized.notices.map((n) => n.key)).toEqual(["chart.notice.noSubsidy"]);
  });

  it("one goal only, and a goal nobody has says so", () => {
    const a = handBuiltAnalysis([
      { partner: "A", influence: 3, dependency: 3, strategy: "contract", goal: "Energie" },
      { partner: "B", influence: 3, dependency: 3, strategy: "contract", goal: "Jeugd" },
    ]);
    const [energie] = buildChartSpec(a, options({ goal: " energie " }));
    expect(energie.series.flatMap((s) => s.points).map((p) => p.partner)).toEqual(["A"]);
    expect(energie.name).toBe("Partnerkaart – energie");
    const [none] = buildChartSpec(a, options({ goal: "Wonen" }));
    expect(none.pointCount).toBe(0);
    expect(none.notices.map((n) => n.key)).toEqual(["chart.notice.goalEmpty"]);
  });

  it("per goal without a goal column: one chart and a notice", () => {
    const specs = buildChartSpec(seedAnalysis(), options({ perGoal: true }));
    expect(specs).toHaveLength(1);
    expect(specs[0].notices.map((n) => n.key)).toEqual(["chart.notice.noGoalColumn"]);
  });

  it("label scales carry their labels as tick texts; percent axes say %", () => {
    const a = handBuiltAnalysis([{ partner: "A", influence: 2, dependency: 2, strategy: "contract" }], {
      influenceScale: { min: 1, max: 3, kind: "labels", labels: ["laag", "gemiddeld", "hoog"], source: "labels" },
      dependencyScale: { min: 0, max: 100, kind: "percent", source: "percentFormat" },
    });
    const [spec] = buildChartSpec(a, options());
    expect(spec.yAxis).toMatchObject({ min: 1, max: 3, majorUnit: 1, tickLabels: ["laag", "gemiddeld", "hoog"], title: "Invloed op het doel" });
    expect(spec.xAxis).toMatchObject({ min: 0, max: 100, majorUnit: 10, tickLabels: null, title: "Afhankelijkheid van de partner (%)" });
  });
});
