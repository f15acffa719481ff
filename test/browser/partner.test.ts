/**
 * Partner pages and the share check in the BUILT pane, in Chromium over the Excel double (issue 20),
 * in Dutch and English: a user chooses the partners below the line, makes their pages (one partner's
 * name is not a valid sheet name), finds the pages in the workbook naming only their own partner,
 * checks before sharing (the register, its subsidy column, a hidden column with notes, a hidden
 * sheet, and a cell note where Excel can list notes) and goes to the hidden column.
 * Screenshot: test-artifacts/pane-partner-<language>-light.png.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { CHROMIUM_PATH } from "../../src/cli/chart-svg";
import { analyzeSheet } from "../../src/core/analyze";
import { t } from "../../src/core/i18n";
import { isValidSheetName, partnerSheetName, partnersBelowLine, sheetNameKey } from "../../src/core/partner";
import { snapshotFromRows } from "../../src/core/snapshot";
import type { CellValue } from "../../src/core/types";
import { paneText, type PaneMessageKey } from "../../src/taskpane/i18n";
import { partnerText, type PartnerMessageKey } from "../../src/taskpane/i18n/partner";
import type { SheetInit } from "../support/excel";
import { ARTIFACTS, openPane, plainSpaces, runAxe, startBrowser, violationsOf, workbookIn, type BrowserFixture, type Variant } from "./support";

const ready = existsSync(CHROMIUM_PATH);
if (!ready) console.warn(`Partner pane browser test SKIPPED: no Chromium at ${CHROMIUM_PATH} (CI installs it via .ci/run).`);

/** Column E (notes on partners) is hidden; subsidies are distinctive numbers a scan can find. */
const REGISTER: CellValue[][] = [
  ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Subsidie", "Notities"],
  ["Schoolbestuur Noord", 2, 4, 120001, "wil meer geld"],
  ["Stichting [Welzijn]: Noord/Zuid", 3, 5, 230002, "ontevreden over de wethouder"],
  ["Bibliotheek", 5, 5, 340003, ""],
  ["Opdrachtnemer", 4, 2, 560005, "contract loopt af"],
  ["Vervangbare partner", 1.5, 1.5, 670006, "twijfel"],
];
const NOTES_COLUMN = 4;
const SHEET = "Partners";
const PARTNER_NAMES = REGISTER.slice(1).map((row) => String(row[0]));
const SUBSIDIES = REGISTER.slice(1).map((row) => Number(row[3]));
const HIDDEN_SHEET: SheetInit = { name: "Intern", cells: [["Budget 2027", 1500000]], visibility: "Hidden" };

/** A note in the hidden column: found where Excel can list notes (ExcelApi 1.18), said to be unchecked below it. */
const NOTE = { address: "E3", text: "Gesprek 12 november: dreigt te stoppen" };

/** Dutch at the manifest's minimum (1.8), English on a current Excel (1.18: comments and notes are read). */
const VARIANTS: (Variant & { excelApi: string })[] = [
  { language: "nl", displayLanguage: "nl-NL", theme: "light", excelApi: "1.8" },
  { language: "en", displayLanguage: "en-US", theme: "light", excelApi: "1.18" },
];

/** The text of each item of a list, without its buttons. */
async function itemTexts(list: Locator): Promise<string[]> {
  const texts: string[] = [];
  for (const item of await list.getByRole("listitem").all()) texts.push(plainSpaces(await item.locator("span").first().innerText()));
  return texts;
}

/** Polls `read` until it gives `wanted` (a selection is made by the pane's next Excel.run), or returns what it gave last. */
async function settled<T>(read: () => Promise<T>, wanted: T, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

(ready ? describe : describe.skip)("partner pages and the share check in the built pane", () => {
  let browser: BrowserFixture;
  beforeAll(async () => {
    browser = await startBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  test.each(VARIANTS)(
    "$displayLanguage, ExcelApi $excelApi: choose the partners below the line, make their pages, check before sharing, go to the hidden column",
    async (variant) => {
      const { language } = variant;
      const p = (key: PaneMessageKey, params?: Record<string, string | number>) => paneText(language, key, params);
      const q = (key: PartnerMessageKey, params?: Record<string, string | number>) => partnerText(language, key, params);
      const register = snapshotFromRows(SHEET, REGISTER, { hiddenColumns: [NOTES_COLUMN] });
      const analysis = analyzeSheet(register);
      const below = partnersBelowLine(analysis).map((i) => analysis.partners.partner[i]);
      // Guards: three pages, one for a name Excel refuses as a sheet name, and partners left out.
      expect(below).toHaveLength(3);
      expect(below.filter((name) => !isValidSheetName(name))).toEqual(["Stichting [Welzijn]: Noord/Zuid"]);
      expect(below.length).toBeLessThan(PARTNER_NAMES.length);

      const { page, pageErrors, outsideRequests } = await openPane(browser, {
        displayLanguage: variant.displayLanguage,
        theme: variant.theme,
        snapshot: register,
        excelApi: variant.excelApi,
        extraSheets: [HIDDEN_SHEET],
        registerNotes: { [NOTE.address]: NOTE.text },
      });
      const annotationsRead = variant.excelApi === "1.18";
      const workbook = workbookIn(page);
      try {
        await page.getByRole("heading", { name: p("register.heading"), level: 2, exact: true }).waitFor({ timeout: 20_000 });
        await page.getByRole("button", { name: p("partner.heading"), exact: true }).click();
        const section = page.getByRole("region", { name: p("partner.heading"), exact: true });
        const make = section.getByRole("button", { name: q("partner.make"), exact: true });
        await make.waitFor();
        expect(await make.isDisabled()).toBe(true);

        // Choose: every partner below the line is ticked, the others are not.
        await section.getByRole("button", { name: q("partner.belowLine"), exact: true }).click();
        const partners = section.getByRole("group", { name: q("partner.choose") });
        const ticked = await Promise.all(PARTNER_NAMES.map(async (name) => [name, await partners.getByRole("checkbox", { name, exact: true }).isChecked()] as const));
        expect(ticked).toEqual(PARTNER_NAMES.map((name) => [name, below.includes(name)]));

        // Make: the message names the new sheets and says how to share one page alone.
        await make.click();
        const taken = new Set([SHEET, HIDDEN_SHEET.name].map(sheetNameKey));
        const sheetNames = below.map((name) => {
          const sheetName = partnerSheetName(name, (candidate) => taken.has(sheetNameKey(candidate)));
          taken.add(sheetNameKey(sheetName));
          return sheetName;
        });
        expect(sheetNames.every(isValidSheetName)).toBe(true);
        const made = q("partner.made", { sheets: sheetNames.map((name) => `"${name}"`).join(", ") });
        await section.getByText(made, { exact: true }).waitFor({ timeout: 20_000 });
        expect(made).toMatch(language === "nl" ? /Verplaatsen of kopiëren, \(nieuwe map\)/ : /Move or Copy, \(new book\)/);

        // The pages exist; each shows its partner's name and subsidy and nothing of the others.
        expect(await workbook.sheetNames()).toEqual([SHEET, HIDDEN_SHEET.name, ...sheetNames]);
        for (const [k, sheetName] of sheetNames.entries()) {
          const own = PARTNER_NAMES.indexOf(below[k]);
          const used = await workbook.usedRange(sheetName);
          if (!used) throw new Error(`Page ${sheetName} is empty`);
          const address = used.slice(used.lastIndexOf("!") + 1);
          const cells = (await workbook.values(sheetName, address)).flat().map(String);
          const formulas = (await workbook.formulas(sheetName, address)).flat().filter((f) => typeof f === "string" && f.startsWith("="));
          const charts = await workbook.charts(sheetName);
          const chartTexts = charts.flatMap((chart) => [chart.title ?? "", ...chart.series.map((series) => series.name)]);
          expect({ sheetName, partner: (await workbook.values(sheetName, "B3"))[0][0], charts: charts.length, formulas }).toEqual({ sheetName, partner: below[k], charts: 1, formulas: [] });
          expect(cells).toContain(t(language, "partner.title"));
          expect(chartTexts).toContain(t(language, "partner.others"));
          const everything = [...cells, ...chartTexts].join("\n");
          const others = PARTNER_NAMES.filter((_, j) => j !== own).filter((name) => everything.includes(name));
          expect({ sheetName, others }).toEqual({ sheetName, others: [] });
          expect({ sheetName, subsidies: SUBSIDIES.filter((amount, j) => j !== own && everything.includes(String(amount))) }).toEqual({ sheetName, subsidies: [] });
        }

        // Check before sharing: what a partner given the whole workbook would see.
        await section.getByRole("button", { name: q("partner.share.check"), exact: true }).click();
        const findings = section.getByRole("list", { name: q("partner.share.check") });
        await findings.waitFor({ timeout: 20_000 });
        const texts = await itemTexts(findings);
        const expected = [
          q("partner.share.partner-data", { sheet: SHEET, address: "A1:E6", detail: String(PARTNER_NAMES.length) }),
          q("partner.share.subsidy-column", { sheet: SHEET, address: "D1:D6", detail: "Subsidie" }),
          ...sheetNames.map((sheet, k) => q("partner.share.partner-page", { sheet, address: "B3", detail: below[k] })),
          q("partner.share.hidden-sheet", { sheet: HIDDEN_SHEET.name, address: "", detail: "Hidden" }),
          q("partner.share.hidden-columns", { sheet: SHEET, address: "E1:E6", detail: "E" }),
          ...(annotationsRead ? [q("partner.share.note", { sheet: SHEET, address: NOTE.address, detail: NOTE.text })] : []),
        ].map(plainSpaces);
        expect([...texts].sort()).toEqual([...expected].sort());
        // Below ExcelApi 1.10 / 1.18 the pane says comments and notes were not checked.
        const unchecked = [q("partner.share.commentsUnchecked"), q("partner.share.notesUnchecked")];
        for (const text of unchecked) expect({ text, shown: await section.getByText(text, { exact: true }).count() }).toEqual({ text, shown: annotationsRead ? 0 : 1 });
        // The share check removes nothing: the hidden sheet and the register are as they were.
        expect(await workbook.values(HIDDEN_SHEET.name, "A1:B1")).toEqual(HIDDEN_SHEET.cells);
        expect(await workbook.values(SHEET, "A1:E6")).toEqual(REGISTER);

        // Each finding on a visible sheet has "go to"; a hidden sheet says how to unhide it instead.
        const item = (text: string) => findings.getByRole("listitem").filter({ hasText: text });
        const goTo = q("partner.share.goTo");
        const hiddenSheetText = plainSpaces(q("partner.share.hidden-sheet", { sheet: HIDDEN_SHEET.name, address: "", detail: "Hidden" }));
        expect(await item(hiddenSheetText).getByRole("button", { name: goTo }).count()).toBe(0);
        for (const text of expected.filter((text) => text !== hiddenSheetText)) expect({ text, buttons: await item(text).getByRole("button", { name: goTo }).count() }).toEqual({ text, buttons: 1 });
        await findings.scrollIntoViewIfNeeded();
        writeFileSync(join(ARTIFACTS, `pane-partner-${language}-${variant.theme}.png`), await page.screenshot({ fullPage: true }));

        await item(plainSpaces(q("partner.share.hidden-columns", { sheet: SHEET, address: "E1:E6", detail: "E" }))).getByRole("button", { name: goTo }).click();
        expect(await settled(() => workbook.selection(), `${SHEET}!E1:E6`)).toBe(`${SHEET}!E1:E6`);
        expect(await workbook.activeSheet()).toBe(SHEET);

        expect(violationsOf(await runAxe(page), "partner section", variant)).toEqual([]);
        expect(pageErrors).toEqual([]);
        expect(outsideRequests).toEqual([]);
      } finally {
        await page.close();
      }
    },
    180_000,
  );
});
