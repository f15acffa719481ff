/**
 * Writes a chart to disk for the CLI: .svg as is, .png through a headless Chromium screenshot
 * (Debian's /usr/bin/chromium driven by playwright-core; no network, a throwaway profile).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";

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
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  if (!chromiumAvailable()) throw new ChartOutputError(`PNG output needs Chromium at ${CHROMIUM_PATH}; write an .svg instead.`);
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
export async function writeChart(path: string, svg: string): Promise<void> {
  const extension = extname(path).toLowerCase();
  if (extension === ".svg") writeFileSync(path, svg, "utf8");
  else if (extension === ".png") writeFileSync(path, await svgToPng(svg));
  else throw new ChartOutputError(`Unknown chart file type "${extension}": use .svg or .png.`);
}
