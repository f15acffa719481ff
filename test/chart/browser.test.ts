/**
 * The municipal register's chart in a real browser (Debian's Chromium): rendered geometry, not
 * pixels. Saves test-artifacts/chart-gemeente.png (chart-sample.png without the shared fixtures) for a human look.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeFile } from "../../src/cli/analyze";
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from "../../src/cli/chart-svg";
import { buildChartSpec, renderChartSvg } from "../../src/core/chart";
import { DEFAULT_CHART_OPTIONS } from "../../src/core/host";
import { chartRegisters } from "./support";

// The municipal fixture when present, else the project's own sample register.
const register = chartRegisters()[0];
const ready = chromiumAvailable() && register !== undefined;
if (!ready) {
  // Visible in the test output, not a silent pass.
  console.warn(`Browser chart test skipped: ${chromiumAvailable() ? "no register to draw" : `no Chromium at ${CHROMIUM_PATH}`}.`);
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const within = (inner: Rect, outer: Rect, slack = 0.5) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;

(ready ? describe : describe.skip)(`${register?.name} chart in Chromium`, () => {
  it("renders points inside the plot, labels apart and inside, legend, line at its scale positions", async () => {
    const { analysis } = await analyzeFile(register!.file, null, "nl");
    const [spec] = buildChartSpec(analysis, { ...DEFAULT_CHART_OPTIONS, language: "nl" });
    const svg = renderChartSvg(spec);
    const browser = await launchChromium(1);
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1000, height: 700 });
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      const measured = await page.evaluate(() => {
        const box = (el: Element): Rect => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        const byValue = (cls: string) =>
          Object.fromEntries([...document.querySelectorAll(`g.${cls}`)].map((g) => [g.getAttribute("data-value"), box(g.querySelector("line")!)]));
        const line = document.querySelector("line.ambition-line")!;
        return {
          svg: box(document.querySelector("svg")!),
          plot: box(document.querySelector("rect.plot-background")!),
          points: [...document.querySelectorAll("g.point")].map((g) => ({ row: g.getAttribute("data-row"), x: Number(g.getAttribute("data-x")), y: Number(g.getAttribute("data-y")), box: box(g.querySelector(".marker")!) })),
          labels: [...document.querySelectorAll("g.label text")].map(box),
          legendItems: [...document.querySelectorAll("g.legend g.legend-item")].map((g) => ({ text: g.textContent, box: box(g) })),
          xTicks: byValue("x-tick"),
          yTicks: byValue("y-tick"),
          line: box(line),
          lineEnds: { x1: Number(line.getAttribute("data-x1")), y1: Number(line.getAttribute("data-y1")), x2: Number(line.getAttribute("data-x2")), y2: Number(line.getAttribute("data-y2")) },
        };
      });
      mkdirSync("test-artifacts", { recursive: true });
      writeFileSync(join("test-artifacts", `chart-${register!.name}.png`), await (await page.$("svg"))!.screenshot({ type: "png" }));

      expect(measured.points).toHaveLength(analysis.rows.length);
      for (const p of measured.points) {
        const cx = p.box.x + p.box.width / 2;
        const cy = p.box.y + p.box.height / 2;
        expect(within({ x: cx, y: cy, width: 0, height: 0 }, measured.plot)).toBe(true);
        // The marker sits where the axes put its scores (tick lines for whole and half scores).
        const xTick = measured.xTicks[String(Math.round(p.x))];
        const x0 = measured.xTicks["1"].x;
        const xUnit = measured.xTicks["2"].x - x0;
        const yUnit = measured.yTicks["1"].y - measured.yTicks["2"].y;
        expect(xTick).toBeDefined();
        // Within 2 px: a triangle's box centre lies a little below its point.
        expect(Math.abs(cx - (x0 + (p.x - 1) * xUnit))).toBeLessThan(2);
        expect(Math.abs(cy - (measured.yTicks["1"].y - (p.y - 1) * yUnit))).toBeLessThan(2);
      }
      expect(measured.labels.length).toBeGreaterThanOrEqual(analysis.rows.length - 3);
      for (const label of measured.labels) expect(within(label, measured.svg)).toBe(true);
      for (let i = 0; i < measured.labels.length; i++)
        for (let j = i + 1; j < measured.labels.length; j++) expect(overlap(measured.labels[i], measured.labels[j])).toBe(false);
      expect(measured.legendItems.map((l) => l.text)).toEqual(spec.series.map((s) => `${s.name} (${s.points.length})`));
      for (const item of measured.legendItems) expect(within(item.box, measured.svg)).toBe(true);
      // Ambition line: from (1, 2) to (5, 4) in scale positions.
      expect(measured.lineEnds).toEqual({ x1: 1, y1: analysis.line.atLowestDependency, x2: 5, y2: analysis.line.atHighestDependency });
      // Its rendered box spans tick 1 to tick 5 across and the line's two heights up (give or take the stroke).
      const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(2.5);
      near(measured.line.x, measured.xTicks["1"].x);
      near(measured.line.x + measured.line.width, measured.xTicks["5"].x);
      near(measured.line.y, measured.yTicks[String(analysis.line.atHighestDependency)].y);
      near(measured.line.y + measured.line.height, measured.yTicks[String(analysis.line.atLowestDependency)].y);
    } finally {
      await browser.close();
    }
  });
});
