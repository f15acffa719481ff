/**
 * Writes a chart to disk for the CLI: .svg as is, .png through a headless Chromium screenshot
 * (Debian's /usr/bin/chromium driven by playwright-core; no network, a throwaway profile).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { ct } from "./i18n";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { buildChartSpec, renderChartSvg, type ChartSpecOptions } from "../core/chart";
import { DEFAULT_CHART_OPTIONS, type ChartOptions, type Language } from "../core/host";
import type { Analysis } from "../core/types";

export const CHROMIUM_PATH = process.env.PK_CHROMIUM ?? "/usr/bin/chromium";

/** Flags that work on these machines (see toolchain-notes): no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class ChartOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartOutputError";
  }
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** A launched Chromium with a fresh profile; `close` also removes the profile. */
export async function launchChromium(deviceScaleFactor = 1) {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "pk-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    offline: true,
    deviceScaleFactor,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Renders an SVG document to PNG bytes at `scale` device pixels per CSS pixel. */
export async function svgToPng(svg: string, scale = 2, lang: Language = "en"): Promise<Buffer> {
  if (!chromiumAvailable()) throw new ChartOutputError(ct(lang, "cli.error.chart-no-chromium", { path: CHROMIUM_PATH }));
  const width = Number(/width="(\d+)"/.exec(svg)?.[1] ?? 960);
  const height = Number(/height="(\d+)"/.exec(svg)?.[1] ?? 640);
  const browser = await launchChromium(scale);
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    // A page of its own, not a file URL: nothing is fetched.
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
    const element = await page.$("svg");
    if (!element) throw new ChartOutputError("The chart did not render.");
    return await element.screenshot({ type: "png" });
  } finally {
    await browser.close();
  }
}

/** Writes `svg` to `path` as .svg or .png (chosen by the extension). */
export async function writeChart(path: string, svg: string, lang: Language = "en"): Promise<void> {
  const extension = extname(path).toLowerCase();
  if (extension !== ".svg" && extension !== ".png") throw new ChartOutputError(ct(lang, "cli.error.chart-type", { file: path }));
  const content = extension === ".svg" ? svg : await svgToPng(svg, 2, lang);
  try {
    writeFileSync(path, content);
  } catch (error) {
    throw new ChartOutputError(ct(lang, "cli.error.chart-write", { file: path, detail: (error as Error).message }));
  }
}

/** The CLI's `--chart`: the chart of all partners, in the user's language, to .svg or .png; with `previous` (from --compare) the realised movement too. */
export async function writeAnalysisChart(analysis: Analysis, path: string, lang: Language, options: Partial<ChartOptions> & Pick<ChartSpecOptions, "previous"> = {}): Promise<void> {
  const [spec] = buildChartSpec(analysis, { ...DEFAULT_CHART_OPTIONS, ...options, perGoal: false, language: lang });
  await writeChart(path, renderChartSvg(spec), lang);
}
