import { createExcelDouble } from "../support/excel";

const register = () =>
  createExcelDouble({
    sheets: [
      {
        name: "Blad1",
        cells: [
          ["Partner", "Invloed", "Afhankelijkheid"],
          ["Bibliotheek", 5, 5],
          ["Schoolbestuur", 2, 4],
        ],
      },
      { name: "Leeg" },
    ],
    activeSheet: "Blad1",
  });

describe("load and sync", () => {
  it("throws PropertyNotLoaded when a property is read without load and sync", async () => {
    const { run } = register();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Blad1").getRange("A1:C3");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      // Loaded but not yet synced: still unavailable.
      expect(() => range.values).toThrow(/The property 'values' is not available/);
      await context.sync();
      expect(range.values).toEqual([
        ["Partner", "Invloed", "Afhankelijkheid"],
        ["Bibliotheek", 5, 5],
        ["Schoolbestuur", 2, 4],
      ]);
      // address was not loaded
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies writes only at sync, in order", async () => {
    const { run, driver } = register();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Blad1");
      sheet.getRange("D1").values = [["Eerste"]];
      sheet.getRange("D1").values = [["Tweede"]];
      expect(driver.value("Blad1", "D1")).toBe("");
      await context.sync();
      expect(driver.value("Blad1", "D1")).toBe("Tweede");
    });
    expect(driver.syncCount).toBe(1);
  });

  it("gives address with the sheet name and the used range", async () => {
    const { run } = register();
    await run(async (context) => {
      const used = context.workbook.worksheets.getActiveWorksheet().getUsedRange(true);
      used.load("address, rowIndex, columnIndex, rowCount, columnCount");
      const blank = context.workbook.worksheets.getItem("Leeg").getUsedRange();
      blank.load("address");
      const blankOrNull = context.workbook.worksheets.getItem("Leeg").getUsedRangeOrNullObject();
      await context.sync();
      expect(used.address).toBe("Blad1!A1:C3");
      expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([0, 0, 3, 3]);
      expect(blank.address).toBe("Leeg!A1");
      expect(blankOrNull.isNullObject).toBe(true);
    });
  });

  it("resolves getItemOrNullObject at sync and fails getItem of a missing sheet when used", async () => {
    const { run } = register();
    await run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Parameters");
      const present = context.workbook.worksheets.getItemOrNullObject("blad1");
      present.load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Blad1");
      context.workbook.worksheets.getItem("Parameters").getRange("A1").values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  it("loads collection items with their properties", async () => {
    const { run } = register();
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name, items/position");
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.position])).toEqual([
        ["Blad1", 0],
        ["Leeg", 1],
      ]);
      expect(() => sheets.items[0].visibility).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });
});

describe("the Excel namespace stand-in", () => {
  it("offers Office.js enums and OfficeExtension.Error through installGlobals", async () => {
    const { run, installGlobals } = register();
    const restore = installGlobals();
    try {
      expect(Excel.InsertShiftDirection.right).toBe("Right");
      expect(Excel.ChartType.xyscatter).toBe("XYScatter");
      expect(Excel.ErrorCodes.invalidOperationInCellEditMode).toBe("InvalidOperationInCellEditMode");
      const failure = await run(async (context) => {
        context.workbook.worksheets.getItem("Blad1").getRange("A1:B1").values = [[1]];
        await context.sync();
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OfficeExtension.Error);
      expect(failure).toMatchObject({ code: Excel.ErrorCodes.invalidArgument });
    } finally {
      restore();
    }
    expect((globalThis as { Excel?: unknown }).Excel).toBeUndefined();
  });
});
