import { createExcelDouble } from "../support/excel";

const twoSheets = () =>
  createExcelDouble({
    sheets: [
      { name: "Blad1", cells: [["Partner", "Invloed"], ["Bibliotheek", 5], ["Schoolbestuur", 2]] },
      { name: "Parameters", cells: [["Lijn laag", 2], ["Lijn hoog", 4]] },
    ],
  });

describe("writing cells", () => {
  it("rejects a 2D array whose shape differs from the range with InvalidArgument and changes nothing", async () => {
    const { run, driver } = twoSheets();
    const before = driver.snapshotAll();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("C1:C3").values = [["a"], ["b"]];
      await expect(context.sync()).rejects.toMatchObject({
        code: "InvalidArgument",
        message: "The argument is invalid or missing or has an incorrect format.",
        debugInfo: expect.objectContaining({ code: "InvalidArgument", errorLocation: "Range.values" }),
      });
    });
    expect(driver.snapshotAll()).toEqual(before);
  });

  it("rejects formulas and numberFormat of the wrong shape too", async () => {
    const { run } = twoSheets();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Blad1");
      sheet.getRange("C1:D1").formulas = [["=1", "=2", "=3"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheet.getRange("C1:D1").numberFormat = [["0%"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  it("sets every cell from a scalar", async () => {
    const { run, driver } = twoSheets();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Blad1").getRange("C1:D2");
      range.values = 7 as unknown as number[][];
      range.numberFormat = "0.0" as unknown as string[][];
      await context.sync();
    });
    expect(driver.values("Blad1", "C1:D2")).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(driver.texts("Blad1", "C1:D1")).toEqual([["7.0", "7.0"]]);
  });

  it("turns a value starting with = or + into a formula, keeps text after an apostrophe, and leaves null cells alone", async () => {
    const { run, driver } = twoSheets();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("C2:F2").values = [["=B2*2", "+B2+1", "'=B2", null]];
      context.workbook.worksheets.getItem("Blad1").getRange("F2").values = [["bestaand"]];
      await context.sync();
      context.workbook.worksheets.getItem("Blad1").getRange("C2:F2").values = [[null, null, null, null]];
      await context.sync();
    });
    expect(driver.values("Blad1", "C2:F2")).toEqual([[10, 6, "=B2", "bestaand"]]);
    expect(driver.formulas("Blad1", "C2:D2")).toEqual([["=B2*2", "=+B2+1"]]);
  });

  it("shows error values as Excel's error strings with valueType Error", async () => {
    const { run } = twoSheets();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Blad1").getRange("C1:E1");
      range.formulas = [["=1/0", "=NA()", "=B1*2"]];
      range.load("values, valueTypes, text");
      await context.sync();
      expect(range.values).toEqual([["#DIV/0!", "#N/A", "#VALUE!"]]);
      expect(range.valueTypes).toEqual([["Error", "Error", "Error"]]);
      expect(range.text).toEqual([["#DIV/0!", "#N/A", "#VALUE!"]]);
    });
  });

  it("rejects a formula that does not parse with InvalidArgument", async () => {
    const { run } = twoSheets();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("C1").formulas = [["=SUM(A1"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  it("fails writes to a protected sheet with AccessDenied and leaves the sheet as it was", async () => {
    const { run, driver } = twoSheets();
    driver.protect("Blad1");
    const before = driver.snapshotAll();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("A1").values = [["Nieuw"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
      const protection = context.workbook.worksheets.getItem("Blad1").protection;
      protection.load("protected");
      await context.sync();
      expect(protection.protected).toBe(true);
    });
    expect(driver.snapshotAll()).toEqual(before);
  });

  it("keeps operations before a failing one and applies none after it (Excel batches are not transactions)", async () => {
    const { run, driver } = twoSheets();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Blad1");
      sheet.getRange("C1").values = [["voor"]];
      sheet.getRange("D1:D2").values = [["te klein"]];
      sheet.getRange("E1").values = [["na"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(driver.values("Blad1", "C1:E1")).toEqual([["voor", "", ""]]);
  });

  it("does not deliver loads of a failed batch", async () => {
    const { run } = twoSheets();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Blad1").getRange("A1");
      range.load("values");
      context.workbook.worksheets.getItem("Blad1").getRange("A1:A2").values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("lets a test inject a failure at the n-th operation", async () => {
    const { run, driver } = twoSheets();
    driver.failOperation(1, "GeneralException");
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Blad1");
      sheet.getRange("C1").values = [["een"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "GeneralException" });
    });
    // Operation 0 is getItem's object creation, operation 1 the write: nothing was written.
    expect(driver.value("Blad1", "C1")).toBe("");
  });

  it("clears contents, formats or both", async () => {
    const { run, driver } = twoSheets();
    driver.setNumberFormat("Blad1", "B2:B3", "0%");
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("B2").clear("Contents");
      context.workbook.worksheets.getItem("Blad1").getRange("B3").clear("Formats");
      await context.sync();
    });
    expect(driver.values("Blad1", "B2:B3")).toEqual([[""], [2]]);
    expect(driver.numberFormats("Blad1", "B2:B3")).toEqual([["0%"], ["General"]]);
  });
});

describe("cell edit mode", () => {
  it("rejects a request with InvalidOperationInCellEditMode while the user edits a cell", async () => {
    const { run, driver } = twoSheets();
    driver.enterCellEditMode();
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("Blad1").getRange("C1").values = [["x"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(driver.value("Blad1", "C1")).toBe("");
  });

  it("waits with delayForCellEdit until the user leaves edit mode", async () => {
    const { run, driver } = twoSheets();
    driver.enterCellEditMode();
    const done = run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("C1").values = [["x"]];
      await context.sync();
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(driver.value("Blad1", "C1")).toBe("");
    driver.exitCellEditMode();
    await done;
    expect(driver.value("Blad1", "C1")).toBe("x");
  });
});

describe("payload", () => {
  it("estimates request and response sizes and rejects a request over the 5 MB limit", async () => {
    const { run, driver } = twoSheets();
    const column = Array.from({ length: 2000 }, (_, i) => [`Partner met een lange naam nummer ${i}`, i]);
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Blad1").getRange("A1:B2000");
      range.values = column;
      await context.sync();
      range.load("values");
      await context.sync();
    });
    const bytes = Buffer.byteLength(JSON.stringify(column));
    expect(driver.largestRequestBytes).toBeGreaterThan(bytes);
    expect(driver.largestRequestBytes).toBeLessThan(bytes + 1000);
    expect(driver.largestResponseBytes).toBeGreaterThanOrEqual(bytes);

    const big = Array.from({ length: 120000 }, (_, i) => [`Partner met een lange naam nummer ${i}`, i]);
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(5 * 1024 * 1024);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("D1:E120000").values = big;
      await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(driver.value("Blad1", "D1")).toBe("");
  });

  it("counts syncs, including Excel.run's final sync of queued operations", async () => {
    const { run, driver } = twoSheets();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("C1").values = [["x"]];
      await context.sync();
      context.workbook.worksheets.getItem("Blad1").getRange("C2").values = [["y"]];
    });
    expect(driver.syncCount).toBe(2);
    expect(driver.value("Blad1", "C2")).toBe("y");
  });
});
