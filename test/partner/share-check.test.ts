/** The share check on the Excel double: it finds what a partner would see, and changes nothing. */
import { analyzeSheet } from "../../src/core/analyze";
import type { CellValue } from "../../src/core/types";
import { makeHarness } from "../excel/harness";

const REGISTER: CellValue[][] = [
  ["Partner", "Invloed", "Afhankelijkheid", "Subsidie", "Notities"],
  ["Schoolbestuur Noord", 2, 4, 120001, "wil meer geld"],
  ["Bibliotheek", 5, 5, 340003, ""],
  ["Opdrachtnemer", 4, 2, 560005, "contract loopt af"],
];

function workbook(extra: { hiddenNotes?: boolean; hiddenSheet?: boolean; excelApi?: string } = {}) {
  return makeHarness({
    sheets: [
      {
        name: "Partners",
        cells: REGISTER,
        hiddenColumns: extra.hiddenNotes === false ? [] : ["E"],
        comments: { B3: "Score besproken met de directeur" },
        notes: { D4: "Bedrag nog niet toegekend", A2: "Contactpersoon: J. de Vries" },
      },
      { name: "Intern", cells: [["Budget 2027", 1500000]], visibility: extra.hiddenSheet === false ? "Visible" : "Hidden" },
      { name: "Leeg verborgen", visibility: "Hidden" },
    ],
    activeSheet: "Partners",
    names: [{ name: "Budget", formula: "=Intern!$B$1" }],
  }, { excelApi: extra.excelApi });
}

describe("check before sharing", () => {
  it("finds the hidden column with notes, the hidden sheet, the subsidy column, the partners and a name into hidden data", async () => {
    const harness = workbook();
    const analysis = analyzeSheet(await harness.host.readActiveSheet());
    const before = harness.driver.snapshotAll();
    const result = await harness.host.checkBeforeSharing!(analysis);
    expect(harness.driver.snapshotAll()).toEqual(before);
    const found = result.findings.map((f) => [f.kind, f.sheet, f.address, f.detail]);
    // Exactly these: an empty hidden sheet shows a partner nothing; comments and notes need a newer Excel.
    expect(found).toEqual([
      ["partner-data", "Partners", "A1:E4", "3"],
      ["subsidy-column", "Partners", "D1:D4", "Subsidie"],
      ["hidden-sheet", "Intern", null, "Hidden"],
      ["name-to-hidden-data", "Intern", "B1", "Budget"],
      ["hidden-columns", "Partners", "E1:E4", "E"],
    ]);
    expect([result.commentsChecked, result.notesChecked]).toEqual([false, false]);
  });

  it("lists comments from ExcelApi 1.10 and notes from 1.18, each at its cell, and still changes nothing", async () => {
    const comments = workbook({ excelApi: "1.10" });
    const withComments = await comments.host.checkBeforeSharing!(null);
    expect([withComments.commentsChecked, withComments.notesChecked]).toEqual([true, false]);
    expect(withComments.findings.filter((f) => f.kind === "comment" || f.kind === "note")).toEqual([
      { kind: "comment", sheet: "Partners", address: "B3", detail: "Score besproken met de directeur" },
    ]);

    const both = workbook({ excelApi: "1.18" });
    const before = both.driver.snapshotAll();
    const result = await both.host.checkBeforeSharing!(null);
    expect(both.driver.snapshotAll()).toEqual(before);
    expect([result.commentsChecked, result.notesChecked]).toEqual([true, true]);
    expect(result.findings.filter((f) => f.kind === "comment" || f.kind === "note")).toEqual([
      { kind: "comment", sheet: "Partners", address: "B3", detail: "Score besproken met de directeur" },
      { kind: "note", sheet: "Partners", address: "A2", detail: "Contactpersoon: J. de Vries" },
      { kind: "note", sheet: "Partners", address: "D4", detail: "Bedrag nog niet toegekend" },
    ]);
  });

  it("reports no hidden columns or sheets where there are none, and no empty hidden column", async () => {
    const harness = workbook({ hiddenNotes: false, hiddenSheet: false });
    // An empty hidden column inside the used range (A:G): nothing a partner could see.
    harness.driver.setCell("Partners", "G1", "Opmerking");
    await harness.double.run(async (context) => {
      context.workbook.worksheets.getItem("Partners").getRange("F:F").columnHidden = true;
      await context.sync();
    });
    const result = await harness.host.checkBeforeSharing!(null);
    expect(result.findings).toEqual([]);
  });

  it("lists every partner page in the workbook: each names its partner and shows its scores", async () => {
    const harness = workbook({ hiddenNotes: false, hiddenSheet: false });
    const analysis = analyzeSheet(await harness.host.readActiveSheet());
    const rows = analysis.rows.filter((r) => r.partner !== "Bibliotheek").map((r) => r.row);
    const made = await harness.host.makePartnerPages!(analysis, { rows, includeSubsidy: false, date: "2026-12-06" });
    // A user's sheet that merely mentions a partner is no page.
    harness.driver.setCell("Intern", "B3", "Bibliotheek");
    const result = await harness.host.checkBeforeSharing!(analysis);
    expect(result.findings.filter((f) => f.kind === "partner-page").map((f) => [f.sheet, f.address, f.detail])).toEqual(
      made.pages.map((page) => [page.sheetName, "B3", page.partner]),
    );
    expect(made.pages.map((page) => page.partner)).toEqual(["Schoolbestuur Noord", "Opdrachtnemer"]);
  });

  it("finds hidden rows that hold something", async () => {
    const harness = makeHarness({ sheets: [{ name: "Partners", cells: REGISTER, hiddenRows: [2] }] });
    const result = await harness.host.checkBeforeSharing!(null);
    expect(result.findings.map((f) => [f.kind, f.sheet, f.address, f.detail])).toEqual([["hidden-rows", "Partners", "A3:E3", "3"]]);
  });
});
