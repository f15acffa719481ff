/**
 * The BUILT task pane in a real browser (Debian's Chromium), against the strict Excel double.
 *
 * The production build is served on 127.0.0.1; the page's request for Office.js on Microsoft's CDN
 * is answered with the test host (test-host/entry.ts: the Excel double loaded with a register, and
 * an Office stand-in with a display language and theme). Every other outside request is refused
 * and must not happen. A user's walk through the pane, by role and label: the summary card with
 * Apply on the first screen (360×640, no scrolling), correct a column, drag the ambition line by
 * pointer and by keyboard (the live figures are analyzeSheet's under that line), apply, read the
 * result; then the double's workbook is checked against the core's own analysis of the same
 * register under the same choices, and the pane at 320 px neither overflows nor breaks a word.
 * axe-core checks the pane before and after apply. A register whose scale is guessed opens the
 * scale section by itself. Screenshots: test-artifacts/pane-{first,line,result}-<language>-<theme>.png.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { analyzeFile, SAMPLE_REGISTER } from "../../src/cli/analyze";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../src/cli/chart-svg";
import { analyzeSheet } from "../../src/core/analyze";
import { snapshotFromRows } from "../../src/core/snapshot";
import type { Language } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import { PARAMETER_NAMES, PARAMETER_SHEET_NAME } from "../../src/core/names";
import { columnLetter, formulaText } from "../../src/core/text";
import { STRATEGY_KEYS, type Analysis, type AnalysisSettings, type ConceptKey, type Position, type SheetSnapshot } from "../../src/core/types";
import { paneText, type PaneMessageKey } from "../../src/taskpane/i18n";
import { selfCheckText, type SelfCheckMessageKey } from "../../src/taskpane/i18n/self-check";
import { registerAddress } from "../../src/taskpane/model";
import { productionBuild } from "../bundle/build-output";
import { serveDirectory, type StaticSite } from "./serve";
import { buildTestHostScript } from "./test-host/build";
import type { TestHostConfig, TestHostReadback } from "./test-host/config";
import { ARTIFACTS, OFFICE_JS_URL, PANE_VIEWPORT, plainSpaces, runAxe, violationsOf, workbookIn, type Variant } from "./support";
import { SHARED_FIXTURES } from "../support/fixtures";

const MUNICIPAL_FIXTURE = join(SHARED_FIXTURES, "gemeente-voorbeeldstad.xlsx");
const REGISTER_FILE = existsSync(MUNICIPAL_FIXTURE) ? MUNICIPAL_FIXTURE : SAMPLE_REGISTER;
/** The narrowest pane the layout is made for. */
const NARROWEST = { width: 320, height: 640 };
/** The manifest's minimum requirement set; the pane must work with it. */
const EXCEL_API = "1.8";
/** The concept whose column the user sets to none and back (it changes strategies, so it matters). */
const CORRECTED_CONCEPT: ConceptKey = "alternativesDesirable";
/**
 * The ambition line the user sets: lower than the default 2 → 4, so some partners change place. The
 * left end is dragged with the pointer, the right end moved with the keyboard (five steps down).
 */
const NEW_LINE = { atLowestDependency: 1.5, atHighestDependency: 3.5 };
/** The line editor's chart in its own units (LineEditor.tsx): the plot inside the SVG's viewBox. */
const CHART_VIEW = { height: 240, plotTop: 12, plotHeight: 240 - 12 - 34 };

const ready = existsSync(CHROMIUM_PATH);
if (!ready) console.warn(`Built task pane browser test SKIPPED: no Chromium at ${CHROMIUM_PATH} (CI installs it via .ci/run).`);

const VARIANTS: Variant[] = [
  { language: "nl", displayLanguage: "nl-NL", theme: "light" },
  { language: "en", displayLanguage: "en-US", theme: "light" },
  { language: "nl", displayLanguage: "nl-NL", theme: "dark" },
  { language: "en", displayLanguage: "en-US", theme: "dark" },
];

/** What a user types for a number: the decimal comma in Dutch. */
function typed(value: number, language: Language): string {
  const text = String(value);
  return language === "nl" ? text.replace(".", ",") : text;
}

function euros(amount: number, language: Language): string {
  return plainSpaces(new Intl.NumberFormat(language === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR", maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount));
}

/** "=Partnerkaart!$B$2" or "='Sheet 1'!$B$2:$B$3" → sheet and plain address. */
function referenceOf(formula: string): { sheet: string; address: string } {
  const match = /^=(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(formula);
  if (!match) throw new Error(`Not a reference: ${formula}`);
  return { sheet: (match[1] ?? match[2]).replace(/''/g, "'"), address: match[3].replace(/\$/g, "") };
}

/** The choice a column combobox shows: a native select's chosen option, or a Fluent Dropdown's button text. */
async function shownChoice(combobox: Locator): Promise<string> {
  return plainSpaces(await combobox.evaluate((el) => (el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? "") : ((el as HTMLElement).innerText ?? ""))));
}

/** Chooses an option as a user would: from a native select's list, or by opening the Dropdown and clicking it. */
async function choose(page: Page, combobox: Locator, option: string): Promise<void> {
  if (await combobox.evaluate((el) => el instanceof HTMLSelectElement)) {
    await combobox.selectOption({ label: option });
  } else {
    await combobox.click();
    await page.getByRole("option", { name: option, exact: true }).click();
  }
}

/** Polls `check` until it holds (the pane re-renders after a short debounce). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function cellTexts(table: Locator): Promise<string[][]> {
  const rows = await table.getByRole("row").all();
  const out: string[][] = [];
  for (const row of rows) {
    const cells = await row.getByRole("cell").allTextContents();
    if (cells.length > 0) out.push(cells.map(plainSpaces));
  }
  return out;
}

/** Words of the page's visible texts that the browser broke across two lines (none may be: "opdrachtgeverschap"). */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.querySelector("main")!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

/** The rows of a figures table as texts (strategy or position, count, euros). */
function figuresOf(analysis: Analysis, language: Language, p: (key: PaneMessageKey) => string): string[][] {
  const { summary } = analysis;
  return [
    ...STRATEGY_KEYS.map((key) => [t(language, `strategy.${key}`), String(summary.byStrategy[key].count), euros(summary.byStrategy[key].subsidy, language)]),
    [p("result.total"), String(summary.total.count), euros(summary.total.subsidy, language)],
  ];
}

/**
 * HyperFormula (behind the double) knows no structured references (`Partners[Subsidie]`); such a
 * cell is loaded as the value Excel saved with it, which is what the pane reads from it anyway.
 */
function withoutStructuredReferences(sheet: SheetSnapshot): SheetSnapshot {
  const structured = /[A-Za-z_][\w.]*\[/;
  return { ...sheet, formulas: sheet.formulas?.map((row, r) => row.map((entry, c) => {
    const formula = formulaText(entry, sheet.values[r][c]);
    return formula && structured.test(formula) ? null : formula;
  })) ?? null };
}

(ready ? describe : describe.skip)("the built task pane in Chromium over the Excel double", () => {
  let site: StaticSite;
  let context: BrowserContext;
  let profile: string;
  let testHostScript: string;
  let snapshot: SheetSnapshot;
  let detected: Analysis;

  beforeAll(async () => {
    const started = Date.now();
    const [outputDir, script, loaded] = await Promise.all([
      Promise.resolve().then(() => {
        const directory = productionBuild();
        console.log(`Production build ready in ${((Date.now() - started) / 1000).toFixed(1)} s (reused when fresh)`);
        return directory;
      }),
      buildTestHostScript(),
      analyzeFile(REGISTER_FILE, null, "nl"),
    ]);
    testHostScript = script;
    snapshot = withoutStructuredReferences(loaded.snapshot);
    detected = analyzeSheet(snapshot);
    site = await serveDirectory(outputDir);
    profile = mkdtempSync(join(tmpdir(), "pk-pane-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: PANE_VIEWPORT,
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    console.log(`Browser pane test: register ${REGISTER_FILE} (sheet "${snapshot.sheetName}", ${detected.rows.length} partners)`);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await site?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test.each(VARIANTS)("$displayLanguage, $theme: detect, correct a column, change the line, apply; the workbook holds the core's results", async (variant) => {
    const { language } = variant;
    const p = (key: PaneMessageKey, params?: Record<string, string | number>) => paneText(language, key, params);
    const mapped = detected.mapping[CORRECTED_CONCEPT];
    if (!mapped) throw new Error(`The register ${REGISTER_FILE} has no column for ${CORRECTED_CONCEPT}; choose another concept to correct`);

    // The expectation: the core's analysis of the same sheet under the choices the user will make.
    const settings: AnalysisSettings = { mapping: { [CORRECTED_CONCEPT]: mapped.column }, line: NEW_LINE, highDependencyAbove: detected.highDependencyAbove };
    const expected = analyzeSheet(snapshot, settings);
    // Guard: the new line must move at least one partner, or this test could not tell whether it was applied.
    expect(expected.rows.map((r) => r.strategy)).not.toEqual(detected.rows.map((r) => r.strategy));

    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const outsideRequests: string[] = [];
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
    });
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${site.origin}/`)) return route.continue();
      if (url === OFFICE_JS_URL) return route.fulfill({ status: 200, contentType: "text/javascript", body: testHostScript });
      outsideRequests.push(url);
      return route.abort("blockedbyclient");
    });
    const hostConfig: TestHostConfig = { displayLanguage: variant.displayLanguage, theme: variant.theme, snapshot, excelApi: EXCEL_API };
    await page.addInitScript((config) => {
      (window as unknown as { __partnerkaartHostConfig: unknown }).__partnerkaartHostConfig = config;
      const violations: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
      document.addEventListener("securitypolicyviolation", (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    }, hostConfig);

    try {
      await page.goto(`${site.origin}/taskpane.html`);

      // Detect: the register, its sheet and the number of partners, on a card with Apply on the first screen.
      await page
        .getByRole("heading", { name: p("register.heading"), level: 2, exact: true })
        .waitFor({ timeout: 20_000 })
        .catch(async (error: Error) => {
          // Say what the pane shows instead (a failure bar carries the technical details).
          const shown = await page.locator("body").innerText().catch(() => "(page unreadable)");
          throw new Error(`${error.message}\nThe pane shows:\n${shown}\nPage errors: ${pageErrors.join(" | ") || "none"}`);
        });
      const location = detected.location;
      const registerSection = page.getByRole("region", { name: p("register.heading"), exact: true });
      const registerText = plainSpaces(await registerSection.innerText());
      expect(registerText).toContain(location.sheetName);
      if (location.tableName) expect(registerText).toContain(location.tableName);
      expect(registerText).toContain(`${columnLetter(location.firstColumn)}${location.headerRow + 1}:`);
      expect(registerText).toContain(p("register.partners", { count: detected.rows.length }));
      const applyButton = page.getByRole("button", { name: p("apply.button"), exact: true });
      const applyBox = await applyButton.boundingBox();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      if (!applyBox) throw new Error("Apply has no box");
      expect(applyBox.y).toBeGreaterThanOrEqual(0);
      expect(applyBox.y + applyBox.height).toBeLessThanOrEqual(PANE_VIEWPORT.height);
      expect(applyBox.x + applyBox.width).toBeLessThanOrEqual(PANE_VIEWPORT.width);
      writeFileSync(join(ARTIFACTS, `pane-first-${language}-${variant.theme}.png`), await page.screenshot());
      // Sections start closed on this register (nothing in it needs a look).
      for (const name of [p("line.heading"), p("mapping.heading"), p("options.heading")]) {
        expect({ name, expanded: await page.getByRole("button", { name, exact: true }).getAttribute("aria-expanded") }).toEqual({ name, expanded: "false" });
      }

      // Correct a column: the concept to none, then back (now marked as chosen by the user).
      await page.getByRole("button", { name: p("mapping.heading"), exact: true }).click();
      const concept = t(language, `concept.${CORRECTED_CONCEPT}`);
      const dropdown = page.getByRole("combobox", { name: concept, exact: true });
      const columnOption = p("mapping.columnOption", { letter: columnLetter(mapped.column), header: mapped.header });
      await dropdown.waitFor();
      expect(await shownChoice(dropdown)).toBe(columnOption);
      await choose(page, dropdown, p("mapping.none"));
      await eventually(async () => (await shownChoice(dropdown)) === p("mapping.none"), `${concept} shows ${p("mapping.none")}`);
      await choose(page, dropdown, columnOption);
      await eventually(async () => (await shownChoice(dropdown)) === columnOption, `${concept} shows ${columnOption}`);
      await page.getByText(p("mapping.userChosen"), { exact: true }).waitFor();

      // The ambition line on the chart: the left end dragged with the pointer, the right end by keyboard.
      await page.getByRole("button", { name: p("line.heading"), exact: true }).click();
      const low = page.getByRole("slider", { name: p("line.handle.atLowest") });
      const high = page.getByRole("slider", { name: p("line.handle.atHighest") });
      await low.waitFor();
      expect(await low.getAttribute("aria-valuenow")).toBe(String(detected.line.atLowestDependency));
      expect(await high.getAttribute("aria-valuenow")).toBe(String(detected.line.atHighestDependency));
      await low.scrollIntoViewIfNeeded();
      const chartBox = await page.locator("figure svg").boundingBox();
      const handle = await low.boundingBox();
      if (!chartBox || !handle) throw new Error("the line editor's chart is not on screen");
      const { min, max } = detected.influenceScale;
      const yOf = (value: number) => chartBox.y + ((CHART_VIEW.plotTop + (1 - (value - min) / (max - min)) * CHART_VIEW.plotHeight) * chartBox.height) / CHART_VIEW.height;
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      // Through a few places on the way, as a hand moves, to the new value.
      for (const value of [1.9, 1.7, NEW_LINE.atLowestDependency]) await page.mouse.move(handle.x + handle.width / 2, yOf(value), { steps: 3 });
      await page.mouse.up();
      expect(await low.getAttribute("aria-valuenow")).toBe(String(NEW_LINE.atLowestDependency));
      await high.focus();
      const steps = Math.round((detected.line.atHighestDependency - NEW_LINE.atHighestDependency) * 10);
      for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
      expect(await high.getAttribute("aria-valuenow")).toBe(String(NEW_LINE.atHighestDependency));
      // The fields, the precise alternative, show the same numbers.
      expect(await page.getByRole("textbox", { name: p("line.atLowest") }).inputValue()).toBe(typed(NEW_LINE.atLowestDependency, language));
      expect(await page.getByRole("textbox", { name: p("line.atHighest") }).inputValue()).toBe(typed(NEW_LINE.atHighestDependency, language));
      // Live, before anything is written: the figures analyzeSheet gives under this line.
      expect(figuresOf(expected, language, p)).not.toEqual(figuresOf(analyzeSheet(snapshot, { mapping: settings.mapping }), language, p));
      const liveTable = page.getByRole("table", { name: p("line.live.byStrategy") });
      await eventually(async () => JSON.stringify(await cellTexts(liveTable)) === JSON.stringify(figuresOf(expected, language, p)), "the live figures under the new line");
      const below = expected.summary.byPosition.below;
      await page.getByText(p("line.live.below", { count: below.count, amount: euros(below.subsidy, language) }), { exact: true }).waitFor();
      expect(await page.evaluate(() => document.querySelector(".ambition-line")?.getAttribute("data-y1"))).toBe(String(NEW_LINE.atLowestDependency));
      writeFileSync(join(ARTIFACTS, `pane-line-${language}-${variant.theme}.png`), await page.screenshot({ fullPage: true }));

      const axeBefore = violationsOf(await runAxe(page), "before apply", variant);

      // Apply; the result shows counts per strategy and per position.
      await applyButton.click();
      const resultHeading = page.getByRole("heading", { name: p("result.heading"), level: 2 });
      await resultHeading.waitFor({ timeout: 30_000 });
      const byStrategy = await cellTexts(page.getByRole("table", { name: p("result.byStrategy"), exact: true }));
      const strategyRows = expected.rows.reduce((sums, row) => sums.set(row.strategy, [...(sums.get(row.strategy) ?? []), row.subsidy ?? 0]), new Map<string, number[]>());
      const sum = (amounts: number[] = []) => amounts.reduce((a, b) => a + b, 0);
      expect(byStrategy).toEqual([
        ...STRATEGY_KEYS.map((key) => [t(language, `strategy.${key}`), String(strategyRows.get(key)?.length ?? 0), euros(sum(strategyRows.get(key)), language)]),
        [p("result.total"), String(expected.rows.length), euros(sum(expected.rows.map((r) => r.subsidy ?? 0)), language)],
      ]);
      const byPosition = await cellTexts(page.getByRole("table", { name: p("result.byPosition"), exact: true }));
      const positions: Position[] = ["above", "below"];
      expect(byPosition.map((cells) => cells.slice(0, 2))).toEqual(
        positions.map((position) => [p(`result.position.${position}`), String(expected.rows.filter((r) => r.position === position).length)]),
      );
      // Focus moves to the result, so a screen reader reads it next.
      expect(await resultHeading.evaluate((el) => el === document.activeElement)).toBe(true);

      // The pane re-read the sheet: the advice columns it just wrote are not taken for the user's own targets.
      for (const target of ["targetInfluence", "targetDependency"] as const) {
        if (detected.mapping[target]) continue;
        const select = page.getByRole("combobox", { name: t(language, `concept.${target}`), exact: true });
        expect({ target, shows: await shownChoice(select) }).toEqual({ target, shows: p("mapping.none") });
      }

      // The new columns by letter and the header the user sees, not by cell address.
      const newColumns = await page.getByRole("list", { name: p("result.columns", { sheet: detected.location.sheetName }) }).getByRole("listitem").allTextContents();
      expect(newColumns.length).toBeGreaterThan(0);
      for (const item of newColumns) expect(item).toMatch(/^[A-Z]{1,3}: \S/);
      // The register keeps the address of the user's own columns, although its table grew to take in ours.
      const register = detected.location;
      const registerLine = register.tableName
        ? p("register.foundTable", { table: register.tableName, sheet: register.sheetName, address: registerAddress(detected) })
        : p("register.foundRange", { sheet: register.sheetName, address: registerAddress(detected) });
      await expect(page.getByText(registerLine, { exact: true }).count()).resolves.toBe(1);

      const axeAfter = violationsOf(await runAxe(page), "after apply", variant);
      writeFileSync(join(ARTIFACTS, `pane-result-${language}-${variant.theme}.png`), await page.screenshot({ fullPage: true }));

      // At the narrowest pane: nothing wider than the pane, no word broken inside.
      await page.setViewportSize(NARROWEST);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(NARROWEST.width);
      expect(await brokenWords(page)).toEqual([]);
      await page.setViewportSize(PANE_VIEWPORT);

      // The workbook: the new columns right of the register, with live formulas that Excel (here
      // HyperFormula) evaluates to the core's positions and strategies under the chosen line.
      const workbook = workbookIn(page);
      const sheet = location.sheetName;
      const used = await workbook.usedRange(sheet);
      const lastColumn = /:([A-Z]+)\d+$/.exec(used ?? "")?.[1] ?? "A";
      const headerRowNumber = location.headerRow + 1;
      const [headers] = await workbook.values(sheet, `A${headerRowNumber}:${lastColumn}${headerRowNumber}`);
      const positionColumn = columnLetter(headers.indexOf(t(language, "column.position")));
      const strategyColumn = columnLetter(headers.indexOf(t(language, "column.strategy")));
      expect({ position: headers.indexOf(t(language, "column.position")) > location.lastColumn, strategy: headers.indexOf(t(language, "column.strategy")) > location.lastColumn }).toEqual({
        position: true,
        strategy: true,
      });
      const firstRow = Math.min(...expected.rows.map((r) => r.row));
      const lastRow = Math.max(...expected.rows.map((r) => r.row));
      const positionCells = await workbook.values(sheet, `${positionColumn}${firstRow}:${positionColumn}${lastRow}`);
      const strategyCells = await workbook.values(sheet, `${strategyColumn}${firstRow}:${strategyColumn}${lastRow}`);
      expect(expected.rows.map((r) => ({ row: r.row, position: positionCells[r.row - firstRow][0], strategy: strategyCells[r.row - firstRow][0] }))).toEqual(
        expected.rows.map((r) => ({ row: r.row, position: t(language, `position.${r.position}`), strategy: t(language, `strategy.${r.strategy}`) })),
      );
      const formulas = [
        ...(await workbook.formulas(sheet, `${positionColumn}${firstRow}:${positionColumn}${lastRow}`)),
        ...(await workbook.formulas(sheet, `${strategyColumn}${firstRow}:${strategyColumn}${lastRow}`)),
      ].flat();
      expect(formulas.filter((f) => !String(f).startsWith("="))).toEqual([]);

      // The user's own cells are as they were.
      const original = snapshot.values;
      const originalAddress = `${columnLetter(snapshot.origin.column)}${snapshot.origin.row + 1}:${columnLetter(snapshot.origin.column + original[0].length - 1)}${snapshot.origin.row + original.length}`;
      expect(await workbook.values(sheet, originalAddress)).toEqual(original);

      // The parameter sheet with its named cells: the line the user typed, the threshold.
      const sheetNames = await workbook.sheetNames();
      expect(sheetNames).toContain(PARAMETER_SHEET_NAME);
      const names = await workbook.names();
      const namedValue = async (name: string) => {
        const entry = names.find((n) => n.name === name);
        if (!entry) throw new Error(`No workbook name ${name}; names: ${names.map((n) => n.name).join(", ")}`);
        const reference = referenceOf(entry.formula);
        expect(reference.sheet).toBe(PARAMETER_SHEET_NAME);
        return (await workbook.values(reference.sheet, reference.address))[0][0];
      };
      expect(await namedValue(PARAMETER_NAMES.lineAtLowest)).toBe(NEW_LINE.atLowestDependency);
      expect(await namedValue(PARAMETER_NAMES.lineAtHighest)).toBe(NEW_LINE.atHighestDependency);
      expect(await namedValue(PARAMETER_NAMES.highDependencyAbove)).toBe(expected.highDependencyAbove);

      // A scatter chart whose strategy series plot every analysed partner once.
      const charts = (await Promise.all(sheetNames.map((name) => workbook.charts(name)))).flat();
      expect(charts.length).toBeGreaterThan(0);
      const chart = charts[0];
      expect(chart.chartType).toMatch(/scatter/i);
      const strategyNames = STRATEGY_KEYS.map((key) => t(language, `strategy.${key}`));
      const plotted = chart.series
        .filter((series) => strategyNames.some((name) => series.name.startsWith(name)))
        .flatMap((series) => (series.y ?? []).filter((y) => typeof y === "number"));
      expect(plotted).toHaveLength(expected.rows.length);

      expect(axeBefore).toEqual([]);
      expect(axeAfter).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(outsideRequests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("a register whose scale is guessed opens the scale section by itself (en, light), and axe finds nothing", async () => {
    const variant = VARIANTS[1];
    const p = (key: PaneMessageKey, params?: Record<string, string | number>) => paneText(variant.language, key, params);
    // No scale in the headers: 1–5 is guessed from the scores.
    const guessed = snapshotFromRows("Partners", [
      ["Partner", "Invloed", "Afhankelijkheid", "Subsidie"],
      ["Bibliotheek", 5, 5, 300000],
      ["Schoolbestuur", 2, 4, 150000],
      ["Opdrachtnemer", 4, 2, 50000],
      ["Kleine partner", 1.5, 1.5, 10000],
    ]);
    expect(analyzeSheet(guessed).warnings.map((w) => w.code)).toContain("scale-guessed");
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${site.origin}/`)) return route.continue();
      if (url === OFFICE_JS_URL) return route.fulfill({ status: 200, contentType: "text/javascript", body: testHostScript });
      return route.abort("blockedbyclient");
    });
    const hostConfig: TestHostConfig = { displayLanguage: variant.displayLanguage, theme: variant.theme, snapshot: guessed, excelApi: EXCEL_API };
    await page.addInitScript((config) => {
      (window as unknown as { __partnerkaartHostConfig: unknown }).__partnerkaartHostConfig = config;
    }, hostConfig);
    try {
      await page.goto(`${site.origin}/taskpane.html`);
      await page.getByRole("heading", { name: p("register.heading"), level: 2, exact: true }).waitFor({ timeout: 20_000 });
      const scales = page.getByRole("button", { name: new RegExp(`^${p("scale.heading")}`) });
      expect(await scales.getAttribute("aria-expanded")).toBe("true");
      await page.getByRole("group", { name: p("scale.influence") }).waitFor();
      expect(await page.getByRole("button", { name: p("mapping.heading"), exact: true }).getAttribute("aria-expanded")).toBe("false");
      expect(violationsOf(await runAxe(page), "guessed scale", variant)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
  test.each([VARIANTS[0], VARIANTS[1]])(
    "$displayLanguage: after a yes-word on the parameter sheet was changed, the next apply shows the self-check notice",
    async (variant) => {
      const { language } = variant;
      const p = (key: PaneMessageKey, params?: Record<string, string | number>) => paneText(language, key, params);
      const s = (key: SelfCheckMessageKey, params?: Record<string, string | number>) => selfCheckText(language, key, params);
      // The welfare institution (3 at dependency 5, alternatives "ja") should reduce its dependency.
      const register = snapshotFromRows("Partners", [
        ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Subsidie"],
        ["Bibliotheek", 5, 5, "nee", 300000],
        ["Schoolbestuur", 2, 4, "nee", 150000],
        ["Welzijnsinstelling", 3, 5, "ja", 200000],
        ["Opdrachtnemer", 4, 2, "ja", 50000],
      ]);
      const welfareRow = 4;
      expect(analyzeSheet(register).rows.find((row) => row.row === welfareRow)?.strategy).toBe("reduce-dependency");
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.route("**/*", async (route) => {
        const url = route.request().url();
        if (url.startsWith(`${site.origin}/`)) return route.continue();
        if (url === OFFICE_JS_URL) return route.fulfill({ status: 200, contentType: "text/javascript", body: testHostScript });
        return route.abort("blockedbyclient");
      });
      const hostConfig: TestHostConfig = { displayLanguage: variant.displayLanguage, theme: variant.theme, snapshot: register, excelApi: EXCEL_API };
      await page.addInitScript((config) => {
        (window as unknown as { __partnerkaartHostConfig: unknown }).__partnerkaartHostConfig = config;
      }, hostConfig);
      const workbook = workbookIn(page);
      try {
        await page.goto(`${site.origin}/taskpane.html`);
        await page.getByRole("heading", { name: p("register.heading"), level: 2, exact: true }).waitFor({ timeout: 20_000 });
        await page.getByRole("button", { name: p("apply.button"), exact: true }).click();
        // The first apply agrees with Excel.
        await page.getByText(s("selfCheck.agrees", { checked: 4 })).waitFor({ timeout: 20_000 });

        // A colleague edits the yes-word list on the parameter sheet (the add-in keeps such edits): "ja" no longer counts in Excel.
        const yesWords = (await workbook.names()).find((name) => name.name === PARAMETER_NAMES.yesWords);
        if (!yesWords) throw new Error("No yes-word list was written");
        const list = referenceOf(yesWords.formula);
        const [first] = list.address.split(":");
        const column = first.replace(/\d+/g, "");
        const firstRow = Number(first.replace(/\D+/g, ""));
        const words = (await workbook.values(list.sheet, list.address)).map((row) => row[0]);
        const at = words.indexOf("ja");
        expect(at).toBeGreaterThanOrEqual(0);
        await page.evaluate(
          ([sheet, address]) => (window as unknown as { __partnerkaartTest: TestHostReadback }).__partnerkaartTest.setCell(sheet, address, "jawel"),
          [list.sheet, `${column}${firstRow + at}`] as const,
        );

        await page.getByRole("button", { name: p("apply.again"), exact: true }).click();
        const notice = page.getByRole("group", { name: s("selfCheck.differs.title") });
        await notice.waitFor({ timeout: 20_000 });
        const rows = await cellTexts(notice.getByRole("table"));
        // The workbook speaks the pane's language: Excel's formula says raise influence, the pane reduce dependency.
        expect(rows).toContainEqual([String(welfareRow), s("selfCheck.column.strategy"), t(language, "strategy.raise-influence"), t(language, "strategy.reduce-dependency")]);
        expect(rows).toHaveLength(1);
        expect(plainSpaces(await notice.innerText())).toContain(plainSpaces(s("selfCheck.differs.oneRow", { row: welfareRow })));
        await notice.getByRole("button", { name: s("selfCheck.writeValues") }).waitFor();
        await notice.scrollIntoViewIfNeeded();
        writeFileSync(join(ARTIFACTS, `pane-selfcheck-${language}-${variant.theme}.png`), await page.screenshot());
        expect(pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    120_000,
  );
});
