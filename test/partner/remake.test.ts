/**
 * Making a partner page again replaces its sheet, so the old page may hold only what a page
 * writes: its lines (A:B from row 3 to the date line) and its chart data (M:O from row 3, numbers
 * in N and O). A user's cell anywhere else on it stops the remake, named, with the workbook as it was.
 */
import { analyzeSheet } from "../../src/core/analyze";
import type { PartnerPageRequest } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import { buildPartnerPage } from "../../src/core/partner";
import type { Analysis, CellValue } from "../../src/core/types";
import { writePartnerPages } from "../../src/excel/partner-page";
import { makeHarness, type Harness } from "../excel/harness";
import { REGISTER } from "./register";

const PARTNER = "Bibliotheek";

function request(analysis: Analysis, names: string[]): PartnerPageRequest {
  return { rows: names.map((name) => analysis.rows.find((r) => r.partner === name)!.row), includeSubsidy: true, date: "2026-12-07" };
}

async function withPage(): Promise<{ harness: Harness; analysis: Analysis; page: string }> {
  const harness = makeHarness({ sheets: [{ name: "Partners", cells: REGISTER }], activeSheet: "Partners" });
  const analysis = analyzeSheet(await harness.host.readActiveSheet());
  const made = await harness.host.makePartnerPages!(analysis, request(analysis, [PARTNER]));
  return { harness, analysis, page: made.pages[0].sheetName };
}

/** The last filled row (1-based) of a column from row 3 down, as the page wrote it. */
function lastFilledRow(harness: Harness, page: string, column: string): number {
  const cells = harness.driver.values(page, `${column}3:${column}200`).map((row) => row[0]);
  const filled = cells.length - 1 - [...cells].reverse().findIndex((value) => value !== "");
  expect(filled).toBeGreaterThan(4);
  expect(filled).toBeLessThan(cells.length - 1);
  return 3 + filled;
}

type Placement = (rows: { lines: number; data: number }) => string;

describe("making a partner page again", () => {
  const cases: [string, Placement, CellValue][] = [
    ["a note directly below the lines", ({ lines }) => `A${lines + 1}`, "Notitie: bel in januari"],
    ["a note in B below the lines, after a blank row", ({ lines }) => `B${lines + 2}`, "Contactpersoon: J. de Vries"],
    ["a note inside the 40-row window after a blank gap", () => "A35", "Afspraak 12 mei"],
    ["a user's formula below the lines", ({ lines }) => `A${lines + 3}`, "=1+1"],
    ["a value directly under the chart data", ({ data }) => `M${data + 1}`, "Totaal"],
    ["a value under the chart data after a gap", () => "M200", 4711],
    ["a number in O far under the chart data", ({ data }) => `O${data + 30}`, 12],
    ["a note beside the chart data, where the page leaves M blank", () => "M4", "Bron: register 2025"],
    ["a note in M2, which the page leaves blank", () => "M2", "Zie tabblad Partners"],
    // Blank to the double's surrounding region, not to Excel's: the adapter finds it either way.
    ["a user's formula that shows nothing, right under the chart data", ({ data }) => `N${data + 1}`, '=""'],
  ];
  it.each(cases)("refuses %s, naming the cell, and writes nothing", async (_, placement, content) => {
    const { harness, analysis, page } = await withPage();
    const cell = placement({ lines: lastFilledRow(harness, page, "A"), data: lastFilledRow(harness, page, "N") });
    await harness.driver.setCell(page, cell, content);
    const before = harness.driver.snapshotAll();
    const failure = await harness.host.makePartnerPages!(analysis, request(analysis, ["Schoolbestuur Noord", PARTNER])).then(
      () => null,
      (error: { code?: string; details?: string }) => error,
    );
    expect(failure?.code).toBe("foreign-content");
    expect(failure?.details).toContain(`${page}!${cell}`);
    expect(failure?.details).toContain(String(content));
    expect(harness.driver.snapshotAll()).toEqual(before);
  });

  it("refuses a page that holds a chart of the user's besides its own, naming the chart, and writes nothing", async () => {
    const { harness, analysis, page } = await withPage();
    await harness.double.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(page);
      sheet.charts.add("ColumnClustered", sheet.getRange("N3:O5"), "Columns").name = "Mijn subsidiegrafiek";
      await context.sync();
    });
    const before = harness.driver.snapshotAll();
    const failure = await harness.host.makePartnerPages!(analysis, request(analysis, [PARTNER])).then(
      () => null,
      (error: { code?: string; details?: string }) => error,
    );
    expect(failure?.code).toBe("foreign-content");
    expect(failure?.details).toContain('"Mijn subsidiegrafiek"');
    expect(failure?.details).toContain(page);
    expect(harness.driver.snapshotAll()).toEqual(before);
  });

  it("remakes a page exactly as it was written, twice, with one more read than a first make", async () => {
    const { harness, analysis, page } = await withPage();
    const firstMakeSyncs = harness.syncsOfLastCall();
    for (let run = 0; run < 2; run++) {
      const result = await harness.host.makePartnerPages!(analysis, request(analysis, [PARTNER]));
      expect(result.pages).toEqual([{ partner: PARTNER, sheetName: page, updated: true }]);
      expect(harness.syncsOfLastCall()).toBe(firstMakeSyncs + 1);
    }
    expect(harness.driver.sheetNames()).toEqual(["Partners", page]);
  });

  it("remakes a page whose own texts the user edited (the meaning, the proposal, the chart data)", async () => {
    const { harness, analysis, page } = await withPage();
    const proposalRow = 3 + harness.driver.values(page, "A3:A20").findIndex((row) => row[0] === t("nl", "partner.proposal"));
    await harness.driver.setCell(page, `B${proposalRow}`, "Een convenant voor vier jaar, besproken op 12 mei");
    await harness.driver.setCell(page, "O3", 2.5);
    const result = await harness.host.makePartnerPages!(analysis, request(analysis, [PARTNER]));
    expect(result.pages[0].updated).toBe(true);
    expect(harness.driver.value(page, `B${proposalRow}`)).not.toContain("12 mei");
  });

  it("remakes in Dutch a page made in English, whatever language the old page's labels are in", async () => {
    const { harness, analysis, page } = await withPage();
    const index = analysis.partners.partner.indexOf(PARTNER);
    const english = buildPartnerPage(analysis, index, { language: "en", date: "2026-12-07", includeSubsidy: false });
    await harness.double.run((context) => writePartnerPages(context, [english], "en"));
    expect(harness.driver.value(page, "A1")).toBe(t("en", "partner.title"));
    const result = await harness.host.makePartnerPages!(analysis, request(analysis, [PARTNER]));
    expect(result.pages[0]).toEqual({ partner: PARTNER, sheetName: page, updated: true });
    expect(harness.driver.value(page, "A1")).toBe(t("nl", "partner.title"));
  });

  it("leaves the workbook as it was when Excel fails in the write request of a remake", async () => {
    const { harness, analysis } = await withPage();
    const before = harness.driver.snapshotAll();
    // Syncs: the sheet list, the heads, the old page's content, then the write request.
    harness.failAtSync(4, "InvalidArgument", 40);
    await expect(harness.host.makePartnerPages!(analysis, request(analysis, ["Schoolbestuur Noord", PARTNER]))).rejects.toBeDefined();
    expect(harness.driver.snapshotAll()).toEqual(before);
  });
});
