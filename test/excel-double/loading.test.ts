import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { SheetSnapshot } from "../../src/core/types";
import { createExcelDouble } from "../support/excel";

describe("loading workbooks into the double", () => {
  it("loads a SheetSnapshot at its origin with formats, hidden columns, merges, tables and names", async () => {
    const snapshot: SheetSnapshot = {
      sheetName: "Partners 2024",
      origin: { row: 2, column: 1 },
      values: [
        ["Partner", "Invloed", "Score"],
        ["Bibliotheek", 0.8, 1.6],
      ],
      numberFormats: [
        ["General", "General", "General"],
        ["General", "0%", "General"],
      ],
      formulas: [
        [null, null, null],
        [null, null, "=C4*2"],
      ],
      hiddenColumns: [3],
      mergedAreas: [{ row: 0, column: 1, rowCount: 1, columnCount: 3 }],
      tables: [{ name: "Register", rect: { row: 2, column: 1, rowCount: 2, columnCount: 3 }, showHeaders: true, showTotals: false, columnNames: ["Partner", "Invloed", "Score"] }],
      definedNames: [{ name: "Invloed_Kolom", rect: { row: 3, column: 2, rowCount: 1, columnCount: 1 } }],
    };
    const { run, driver } = createExcelDouble();
    driver.loadSnapshot(snapshot);
    expect(driver.usedRange("Partners 2024")).toBe("'Partners 2024'!B3:D4");
    expect(driver.texts("Partners 2024", "C4:D4")).toEqual([["80%", "1.6"]]);
    expect(driver.tables()[0]).toMatchObject({ name: "Register", address: "'Partners 2024'!B3:D4" });
    expect(driver.names()[0]).toMatchObject({ name: "Invloed_Kolom", value: "'Partners 2024'!$C$4" });
    await run(async (context) => {
      const d = context.workbook.worksheets.getActiveWorksheet().getRange("D1").load("columnHidden");
      const merged = context.workbook.worksheets.getActiveWorksheet().getRange("A1:E5").getMergedAreasOrNullObject().load("address");
      await context.sync();
      expect(d.columnHidden).toBe(true);
      expect(merged.address).toBe("'Partners 2024'!B1:D1");
    });
  });

  it("loads an .xlsx file written by exceljs, formulas (with _xlfn prefixes) evaluated", async () => {
    const dir = mkdtempSync(join(tmpdir(), "excel-double-"));
    try {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Register");
      sheet.getCell("A1").value = "Partner";
      sheet.getCell("B1").value = "Invloed";
      sheet.getCell("A2").value = "Bibliotheek";
      sheet.getCell("B2").value = "3,5";
      sheet.getCell("C2").value = { formula: '_xlfn.NUMBERVALUE(B2,",",".")*2', result: 7 } as ExcelJS.CellFormulaValue;
      sheet.getCell("D2").value = 0.25;
      sheet.getCell("D2").numFmt = "0%";
      sheet.getColumn(5).hidden = true;
      sheet.mergeCells("F1:G1");
      workbook.definedNames.add("Register!$B$2", "Invloed_Eerste");
      const path = join(dir, "register.xlsx");
      await workbook.xlsx.writeFile(path);

      const { driver } = createExcelDouble();
      await driver.loadXlsx(path);
      expect(driver.values("Register", "A1:D2")).toEqual([
        ["Partner", "Invloed", "", ""],
        ["Bibliotheek", "3,5", 7, 0.25],
      ]);
      expect(driver.formulas("Register", "C2")).toEqual([['=NUMBERVALUE(B2,",",".")*2']]);
      expect(driver.texts("Register", "D2")).toEqual([["25%"]]);
      const state = driver.snapshotAll().sheets[0];
      expect(state.hiddenColumns).toEqual([4]);
      expect(state.merged).toEqual(["F1:G1"]);
      expect(driver.names()).toEqual([expect.objectContaining({ name: "Invloed_Eerste", type: "Range" })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("snapshots compare equal after an idempotent write is applied twice", async () => {
    const { run, driver } = createExcelDouble({ sheets: [{ name: "Blad1", cells: [["a", 1]] }] });
    const apply = () =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Blad1").getRange("C1").formulas = [["=B1*2"]];
      });
    await apply();
    const once = driver.snapshotAll();
    await apply();
    expect(driver.snapshotAll()).toEqual(once);
    expect(once.sheets[0].cells.C1).toEqual({ value: 2, formula: "=B1*2" });
  });
});
