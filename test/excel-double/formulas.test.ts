import { createExcelDouble, invalidNameReason } from "../support/excel";

const workbook = () =>
  createExcelDouble({
    sheets: [
      {
        name: "Register",
        cells: [
          ["Partner", "Invloed", "Afhankelijkheid"],
          ["Bibliotheek", 5, 5],
          ["Schoolbestuur", 2, 4],
          ["Aannemer", 4, 2],
        ],
      },
      { name: "Parameter blad", cells: [["Laag", 2], ["Hoog", 4]] },
    ],
  });

describe("formulas, names and cross-sheet references", () => {
  it("evaluates formulas that use workbook names and other sheets, and recomputes after a user edit", async () => {
    const { run, driver } = workbook();
    await run(async (context) => {
      const names = context.workbook.names;
      names.add("Lijn_Laag", context.workbook.worksheets.getItem("Parameter blad").getRange("B1"));
      names.add("Lijn_Hoog", "='Parameter blad'!$B$2");
      const register = context.workbook.worksheets.getItem("Register");
      register.getRange("D1:E1").values = [["Vereist", "Positie"]];
      register.getRange("D2:E4").formulas = [2, 3, 4].map((row) => [
        `=Lijn_Laag+(C${row}-1)/4*(Lijn_Hoog-Lijn_Laag)`,
        `=IF(B${row}>=D${row},"boven","onder")`,
      ]);
      register.getRange("F2").formulas = [["=COUNTIFS(E2:E4,\"onder\")"]];
      await context.sync();
    });
    // Required influence rises linearly from 2 (dependency 1) to 4 (dependency 5).
    expect(driver.values("Register", "D2:E4")).toEqual([
      [4, "boven"],
      [3.5, "onder"],
      [2.5, "boven"],
    ]);
    expect(driver.value("Register", "F2")).toBe(1);

    await driver.setCell("Parameter blad", "B2", 6);
    expect(driver.values("Register", "D2:E2")).toEqual([[6, "onder"]]);
    expect(driver.value("Register", "F2")).toBe(2);
  });

  it("lists names with formula, type and value", async () => {
    const { run } = workbook();
    await run(async (context) => {
      context.workbook.names.add("Lijn_Laag", "='Parameter blad'!$B$1");
      context.workbook.names.add("Drempel", "=3");
      const items = context.workbook.names;
      items.load("items/name, items/formula, items/type, items/value");
      const missing = context.workbook.names.getItemOrNullObject("Bestaat_niet");
      await context.sync();
      expect(items.items.map((n) => [n.name, n.formula, n.type, n.value])).toEqual([
        ["Lijn_Laag", "='Parameter blad'!$B$1", "Range", "'Parameter blad'!$B$1"],
        ["Drempel", "=3", "Integer", 3],
      ]);
      expect(missing.isNullObject).toBe(true);
    });
  });

  it.each([
    ["1Lijn", "start"],
    ["Lijn laag", "spaces"],
    ["A1", "cell reference"],
    ["R1C1", "cell reference"],
    ["XFD1048576", "cell reference"],
    ["x".repeat(256), "255"],
    ["", "empty"],
  ])("rejects the invalid name %j with InvalidArgument (%s)", async (name) => {
    const { run, driver } = workbook();
    await run(async (context) => {
      context.workbook.names.add(name, "=1");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(driver.names()).toEqual([]);
    expect(invalidNameReason(name)).not.toBeNull();
  });

  it.each(["_lijn", "\\lijn", "Lijn.Laag", "Lijn_Laag2", "XFE1", "RC1x"])("accepts the valid name %j", (name) => {
    expect(invalidNameReason(name)).toBeNull();
  });

  it("rejects a duplicate name with ItemAlreadyExists", async () => {
    const { run } = workbook();
    await run(async (context) => {
      context.workbook.names.add("Lijn", "=1");
      context.workbook.names.add("LIJN", "=2");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    });
  });

  it("evaluates comparisons inside SUMPRODUCT element-wise, as Excel does", async () => {
    // Excel evaluates SUMPRODUCT's arguments as arrays; a yes-word lookup of a trimmed cell relies on it.
    const { driver } = createExcelDouble({
      sheets: [{ name: "S", cells: [["ja", "yes", "x"], [" yes ", '=SUMPRODUCT(--(A1:C1=TRIM(A2&"")))', '=SUMPRODUCT(--(A1:C1="nee"))']] }],
    });
    expect(driver.values("S", "B2:C2")).toEqual([[1, 0]]);
  });

  it("evaluates a bare TRUE as Excel does", async () => {
    const { run, driver } = workbook();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Register").getRange("G1").formulas = [["=IF(B2>3,TRUE,FALSE)"]];
    });
    expect(driver.value("Register", "G1")).toBe(true);
  });
});

describe("inserting cells", () => {
  it("shifts formulas, names, tables and chart ranges when a column is inserted", async () => {
    const { run, driver } = createExcelDouble({
      sheets: [
        {
          name: "Register",
          cells: [
            ["Partner", "Invloed", "Afhankelijkheid", "Dubbel"],
            ["A", 5, 1, "=B2*2"],
            ["B", 2, 3, "=B3*2"],
          ],
          tables: [{ name: "Partners", address: "A1:D3" }],
        },
        { name: "Samenvatting", cells: [["=SUM(Register!B2:B3)"]] },
      ],
      names: [{ name: "Invloed_Kolom", formula: "=Register!$B$2:$B$3" }],
    });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      const chart = sheet.charts.add("XYScatter" as Excel.ChartType, sheet.getRange("A1:A1"), "Columns" as Excel.ChartSeriesBy);
      const series = chart.series.add("Partners");
      series.setXAxisValues(sheet.getRange("C2:C3"));
      series.setValues(sheet.getRange("B2:B3"));
      await context.sync();
      sheet.getRange("B:B").insert("Right" as Excel.InsertShiftDirection);
      await context.sync();
    });
    expect(driver.formulas("Register", "E2:E3")).toEqual([["=C2*2"], ["=C3*2"]]);
    expect(driver.values("Register", "E2:E3")).toEqual([[10], [4]]);
    expect(driver.formulas("Samenvatting", "A1")).toEqual([["=SUM(Register!C2:C3)"]]);
    expect(driver.names()).toEqual([expect.objectContaining({ name: "Invloed_Kolom", formula: "=Register!$C$2:$C$3" })]);
    // Inserted inside the table: the table grows and gets a new column.
    expect(driver.tables("Register")[0]).toMatchObject({ address: "Register!A1:E3", columns: ["Partner", "Column1", "Invloed", "Afhankelijkheid", "Dubbel"] });
    const [chart] = driver.charts("Register");
    const partners = chart.series.find((s) => s.name === "Partners")!;
    expect(partners).toMatchObject({ xAddress: "Register!D2:D3", valuesAddress: "Register!C2:C3", x: [1, 3], y: [5, 2] });
  });

  it("shifts cells right within the rows of a partial range", async () => {
    const { run, driver } = createExcelDouble({
      sheets: [{ name: "Blad1", cells: [["a", "b", "c"], ["d", "e", "f"]] }],
    });
    await run(async (context) => {
      const inserted = context.workbook.worksheets.getItem("Blad1").getRange("B1").insert("Right" as Excel.InsertShiftDirection);
      inserted.load("address");
      await context.sync();
      expect(inserted.address).toBe("Blad1!B1");
    });
    expect(driver.values("Blad1", "A1:D2")).toEqual([
      ["a", "", "b", "c"],
      ["d", "e", "f", ""],
    ]);
  });

  it("deletes a column shifting cells left; references to deleted cells become #REF!", async () => {
    const { run, driver } = createExcelDouble({
      sheets: [{ name: "Blad1", cells: [[1, 2, 3, "=B1", "=C1"]] }],
    });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("B:B").delete("Left" as Excel.DeleteShiftDirection);
    });
    expect(driver.values("Blad1", "A1:D1")).toEqual([[1, 3, "#REF!", 3]]);
    expect(driver.formulas("Blad1", "D1")).toEqual([["=B1"]]);
  });
});
