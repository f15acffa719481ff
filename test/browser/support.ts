/**
 * What the browser tests share: the built pane served on 127.0.0.1 with the test host in place of
 * Office.js, a page opened on it with every outside request refused and recorded, the double's
 * workbook read back from the page, and axe-core's findings.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../src/cli/chart-svg";
import type { Language } from "../../src/core/host";
import { productionBuild, repositoryRoot } from "../bundle/build-output";
import { serveDirectory, type StaticSite } from "./serve";
import { buildTestHostScript } from "./test-host/build";
import type { TestHostConfig, TestHostReadback } from "./test-host/config";

export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const ARTIFACTS = join(repositoryRoot, "test-artifacts");
const AXE_SOURCE = join(repositoryRoot, "node_modules", "axe-core", "axe.min.js");
/** A task pane in Excel is about 350 px wide; the first screen of a small laptop is 640 px high. */
export const PANE_VIEWPORT = { width: 360, height: 640 };

export interface Variant {
  language: Language;
  displayLanguage: string;
  theme: "light" | "dark";
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Spaces as Intl writes them differ between ICU versions (NBSP, narrow NBSP). */
export const plainSpaces = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

/** The production build served, the test host bundled, and Chromium with a fresh profile. */
export interface BrowserFixture {
  site: StaticSite;
  context: BrowserContext;
  testHostScript: string;
  close(): Promise<void>;
}

export async function startBrowser(): Promise<BrowserFixture> {
  const started = Date.now();
  const [outputDir, testHostScript] = await Promise.all([
    Promise.resolve().then(() => {
      const directory = productionBuild();
      console.log(`Production build ready in ${((Date.now() - started) / 1000).toFixed(1)} s (reused when fresh)`);
      return directory;
    }),
    buildTestHostScript(),
  ]);
  const site = await serveDirectory(outputDir);
  const profile = mkdtempSync(join(tmpdir(), "pk-pane-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: PANE_VIEWPORT });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    site,
    context,
    testHostScript,
    async close() {
      await context.close();
      await site.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPane {
  page: Page;
  /** Uncaught errors and console errors of the page. */
  pageErrors: string[];
  /** Requests to anywhere but the served pane and Office.js: refused, and none may happen. */
  outsideRequests: string[];
}

/** A new page with the pane at taskpane.html, its Office.js answered by the test host loaded with `config`. */
export async function openPane(fixture: BrowserFixture, config: TestHostConfig): Promise<OpenedPane> {
  const page = await fixture.context.newPage();
  page.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  const outsideRequests: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
  });
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${fixture.site.origin}/`)) return route.continue();
    if (url === OFFICE_JS_URL) return route.fulfill({ status: 200, contentType: "text/javascript", body: fixture.testHostScript });
    outsideRequests.push(url);
    return route.abort("blockedbyclient");
  });
  await page.addInitScript((hostConfig) => {
    (window as unknown as { __partnerkaartHostConfig: unknown }).__partnerkaartHostConfig = hostConfig;
  }, config);
  await page.goto(`${fixture.site.origin}/taskpane.html`);
  return { page, pageErrors, outsideRequests };
}

/** The double's workbook in the page, read through `window.__partnerkaartTest`. */
export function workbookIn(page: Page) {
  type W = Window & { __partnerkaartTest: TestHostReadback };
  return {
    sheetNames: () => page.evaluate(() => (window as unknown as W).__partnerkaartTest.sheetNames()),
    values: (sheet: string, address: string) => page.evaluate(([s, a]) => (window as unknown as W).__partnerkaartTest.values(s, a), [sheet, address] as const),
    formulas: (sheet: string, address: string) => page.evaluate(([s, a]) => (window as unknown as W).__partnerkaartTest.formulas(s, a), [sheet, address] as const),
    usedRange: (sheet: string) => page.evaluate((s) => (window as unknown as W).__partnerkaartTest.usedRange(s), sheet),
    names: () => page.evaluate(() => (window as unknown as W).__partnerkaartTest.names()),
    charts: (sheet: string) => page.evaluate((s) => (window as unknown as W).__partnerkaartTest.charts(s), sheet),
    activeSheet: () => page.evaluate(() => (window as unknown as W).__partnerkaartTest.activeSheet()),
    selection: () => page.evaluate(() => (window as unknown as W).__partnerkaartTest.selection()),
  };
}

/** axe-core's findings on the whole page, and how many rules it passed (so an empty list means it ran). */
export async function runAxe(page: Page): Promise<{ violations: AxeViolation[]; passed: number }> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline script) does not apply.
  if (!injected) await page.evaluate(readFileSync(AXE_SOURCE, "utf8"));
  return page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const results = await axe.run(document);
    return {
      violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })),
      passed: results.passes.length,
    };
  });
}

/** Every axe finding (any impact), logged so a failure says what and where. */
export function violationsOf({ violations, passed }: { violations: AxeViolation[]; passed: number }, when: string, variant: Variant): AxeViolation[] {
  expect(passed).toBeGreaterThan(10);
  if (violations.length > 0) {
    console.log(
      `axe (${variant.language}-${variant.theme}, ${when}): ${violations.length} finding(s):\n` +
        violations.map((v) => `  [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).join("; ")}`).join("\n"),
    );
  }
  return violations;
}
