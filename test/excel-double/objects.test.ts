import { createExcelDouble } from "../support/excel";

const registerWithTable = () =>
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
        tables: [{ name: "Partners", address: "A1:C4" }],
      },
    ],
  });

describe("tables", () => {
  it("gives header, body and whole ranges, columns and row count", async () => {
    const { run } = registerWithTable();
    await run(async (context) => {
      const table = context.workbook.tables.getItem("Partners");
      const header = table.getHeaderRowRange().load("address, values");
      const body = table.getDataBodyRange().load("address");
      const whole = table.getRange().load("address");
      const totals = table.getTotalRowRange();
      table.columns.load("items/name, items/index");
      table.rows.load("count");
      table.load("name, showTotals");
      await context.sync();
      expect([header.address, body.address, whole.address]).toEqual(["Register!A1:C1", "Register!A2:C4", "Register!A1:C4"]);
      expect(table.columns.items.map((c) => [c.name, c.index])).toEqual([
        ["Partner", 0],
        ["Invloed", 1],
        ["Afhankelijkheid", 2],
      ]);
      expect(table.rows.count).toBe(3);
      expect(table.showTotals).toBe(false);
      totals.load("address");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
  });

  it("grows the table when a column is added, writing header and values", async () => {
    const { run, driver } = registerWithTable();
    await run(async (context) => {
      const table = context.workbook.worksheets.getItem("Register").tables.getItem("Partners");
      table.columns.add(undefined, [["=B2*2"], ["=B3*2"], ["=B4*2"]], "Dubbel");
      const range = table.getRange().load("address");
      await context.sync();
      expect(range.address).toBe("Register!A1:D4");
    });
    expect(driver.tables("Register")[0].columns).toEqual(["Partner", "Invloed", "Afhankelijkheid", "Dubbel"]);
    expect(driver.values("Register", "D2:D4")).toEqual([[10], [4], [8]]);
  });

  it("inserts an added column inside the table, shifting the table's cells right but not those beside it", async () => {
    const { run, driver } = createExcelDouble({
      sheets: [{ name: "Blad1", cells: [["Naam", "Score", "", "Notitie"], ["a", 1, "", "x"], ["b", 2]] }],
    });
    driver.loadWorkbook({
      sheets: [
        {
          name: "Blad1",
          cells: [["Naam", "Score", "", "Notitie"], ["a", 1, "", "x"], ["b", 2], ["onder", "de", "tabel"]],
          tables: [{ name: "Scores", address: "A1:B3" }],
        },
      ],
    });
    await run(async (context) => {
      context.workbook.tables.getItem("Scores").columns.add(1, [["Nieuw"], ["n1"], ["n2"]]);
    });
    expect(driver.tables()[0]).toMatchObject({ address: "Blad1!A1:C3", columns: ["Naam", "Nieuw", "Score"] });
    expect(driver.values("Blad1", "A1:E4")).toEqual([
      ["Naam", "Nieuw", "Score", "", "Notitie"],
      ["a", "n1", 1, "", "x"],
      ["b", "n2", 2, "", ""],
      ["onder", "de", "tabel", "", ""],
    ]);
  });

  it("creates a table from a range and finds it with getItemOrNullObject", async () => {
    const { run, driver } = createExcelDouble({ sheets: [{ name: "Blad1", cells: [["Naam", "Naam", ""], [1, 2, 3]] }] });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Blad1");
      const table = sheet.tables.add("A1:C2", true);
      table.name = "Scores";
      const found = sheet.tables.getItemOrNullObject("scores");
      const absent = sheet.tables.getItemOrNullObject("Andere");
      found.load("name");
      await context.sync();
      expect(found.name).toBe("Scores");
      expect(absent.isNullObject).toBe(true);
    });
    // Excel makes header texts unique and non-empty.
    expect(driver.tables()[0].columns).toEqual(["Naam", "Naam2", "Column1"]);
  });
});

describe("charts", () => {
  it("reads back what each series plots, following later edits of its ranges", async () => {
    const { run, driver } = registerWithTable();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      const chart = sheet.charts.add("XYScatter" as Excel.ChartType, sheet.getRange("B1:C4"), "Columns" as Excel.ChartSeriesBy);
      chart.title.text = "Partners";
      chart.axes.categoryAxis.minimum = 1;
      chart.axes.categoryAxis.maximum = 5;
      chart.axes.valueAxis.title.text = "Invloed";
      const line = chart.series.add("Ambitielijn");
      line.setXAxisValues(sheet.getRange("E2:E3"));
      line.setValues(sheet.getRange("F2:F3"));
      line.format.line.color = "#C00000";
      line.markerStyle = "None" as Excel.ChartMarkerStyle;
      sheet.getRange("E2:F3").values = [
        [1, 2],
        [5, 4],
      ];
      const first = chart.series.getItemAt(0);
      first.points.getItemAt(1).dataLabel.formula = "=Register!$A$3";
      first.points.getItemAt(1).markerBackgroundColor = "#FF0000";
      chart.setPosition("E6", "L20");
      await context.sync();
      chart.series.load("items/name");
      await context.sync();
      expect(chart.series.items.map((s) => s.name)).toEqual(["Afhankelijkheid", "Ambitielijn"]);
    });
    const [chart] = driver.charts("Register");
    expect(chart).toMatchObject({ chartType: "XYScatter", title: "Partners", categoryAxis: { minimum: 1, maximum: 5 }, valueAxis: { title: "Invloed" } });
    expect(chart.left).toBe(4 * 48);
    expect(chart.top).toBe(5 * 15);
    // A scatter chart takes the first column as X and names the series after the header above its values.
    expect(chart.series[0]).toMatchObject({ name: "Afhankelijkheid", xAddress: "Register!B2:B4", valuesAddress: "Register!C2:C4" });
    expect(chart.series[1]).toMatchObject({ x: [1, 5], y: [2, 4], line: { color: "#C00000" }, markerStyle: "None" });
    expect(chart.series[0].points).toEqual([expect.objectContaining({ index: 1, labelShows: "Schoolbestuur", markerBackgroundColor: "#FF0000" })]);

    await driver.setCell("Register", "F3", 4.5);
    expect(driver.charts("Register")[0].series[1].y).toEqual([2, 4.5]);
  });

  it("takes a series line style of Excel.ChartLineStyle, and fails the batch with InvalidArgument for any other", async () => {
    const { run, driver } = registerWithTable();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      const chart = sheet.charts.add("XYScatter" as Excel.ChartType, sheet.getRange("B1:C4"));
      chart.series.getItemAt(0).format.line.lineStyle = "Dash" as Excel.ChartLineStyle;
      await context.sync();
      chart.series.getItemAt(0).format.line.lineStyle = "Dashed" as Excel.ChartLineStyle;
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(driver.charts("Register")[0].series[0].line.lineStyle).toBe("Dash");
  });

  it("finds charts by name and deletes them", async () => {
    const { run, driver } = registerWithTable();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      const chart = sheet.charts.add("XYScatter" as Excel.ChartType, sheet.getRange("B1:C4"));
      chart.name = "Partnerkaart";
      await context.sync();
      const found = sheet.charts.getItemOrNullObject("Partnerkaart");
      const absent = sheet.charts.getItemOrNullObject("Andere");
      await context.sync();
      expect([found.isNullObject, absent.isNullObject]).toEqual([false, true]);
      found.delete();
    });
    expect(driver.charts("Register")).toEqual([]);
  });
});

describe("formats, merges, conditional formats, settings and selection", () => {
  it("writes and reads fonts, fills, column widths and hidden columns", async () => {
    const { run, driver } = registerWithTable();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      sheet.getRange("A1:C1").format.font.bold = true;
      sheet.getRange("A2").format.fill.color = "#FFFF00";
      sheet.getRange("B:B").columnHidden = true;
      sheet.getRange("A:A").format.autofitColumns();
      await context.sync();
      const header = sheet.getRange("A1:C1").load("format/font/bold, columnHidden");
      const b = sheet.getRange("B1").load("columnHidden");
      const width = sheet.getRange("A1").format.load("columnWidth");
      await context.sync();
      expect(header.format.font.bold).toBe(true);
      expect(header.columnHidden).toBeNull();
      expect(b.columnHidden).toBe(true);
      expect(width.columnWidth).toBeGreaterThan(48);
    });
    expect(driver.snapshotAll().sheets[0].cells.A2.style).toEqual({ fill: "#FFFF00" });
  });

  it("formats entire columns without making them used, and moves the format with an inserted column", async () => {
    const { run, driver } = registerWithTable();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      sheet.getRange("E:E").numberFormat = "0%" as unknown as string[][];
      await context.sync();
      sheet.getRange("E2").values = [[0.25]];
      sheet.getRange("A:A").insert("Right" as Excel.InsertShiftDirection);
      const used = sheet.getUsedRange().load("address");
      await context.sync();
      expect(used.address).toBe("Register!B1:F4");
    });
    expect(driver.texts("Register", "F2:F3")).toEqual([["25%"], [""]]);
    expect(driver.numberFormats("Register", "E3:F3")).toEqual([["General", "0%"]]);
  });

  it("reports merged areas and conditional formats", async () => {
    const { run, driver } = createExcelDouble({ sheets: [{ name: "Blad1", cells: [["Titel"], [1], [2]], merged: ["A1:C1"] }] });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Blad1");
      const merged = sheet.getRange("A1:D3").getMergedAreasOrNullObject();
      merged.load("address, areaCount");
      const none = sheet.getRange("A2:A3").getMergedAreasOrNullObject();
      const cf = sheet.getRange("A2:A3").conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
      cf.cellValue.format.fill.color = "#F4CCCC";
      cf.cellValue.rule = { formula1: "0", operator: "LessThan" };
      await context.sync();
      expect(merged.address).toBe("Blad1!A1:C1");
      expect(merged.areaCount).toBe(1);
      expect(none.isNullObject).toBe(true);
    });
    expect(driver.snapshotAll().sheets[0].conditionalFormats).toEqual([
      { address: "A2:A3", type: "CellValue", rule: { formula1: "0", operator: "LessThan", formula2: undefined }, fill: "#F4CCCC", fontColor: null },
    ]);
  });

  it("stores settings as JSON and finds them with getItemOrNullObject", async () => {
    const { run, driver } = registerWithTable();
    await run(async (context) => {
      context.workbook.settings.add("partnerkaart", { version: 1, when: new Date(0) });
      const missing = context.workbook.settings.getItemOrNullObject("anders");
      await context.sync();
      const setting = context.workbook.settings.getItemOrNullObject("partnerkaart").load("value");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(setting.value).toEqual({ version: 1, when: "1970-01-01T00:00:00.000Z" });
    });
    expect(driver.settings()).toEqual({ partnerkaart: { version: 1, when: "1970-01-01T00:00:00.000Z" } });
  });

  it("selects a range and fires selection and change events registered at sync", async () => {
    const { run, driver } = registerWithTable();
    const seen: string[] = [];
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      sheet.onSelectionChanged.add(async (event) => void seen.push(`selected ${event.address}`));
      context.workbook.worksheets.onChanged.add(async (event) => void seen.push(`changed ${event.address}`));
      expect(driver.eventHandlerCount()).toBe(0);
      sheet.getRange("A3:C3").select();
      await context.sync();
    });
    expect(driver.eventHandlerCount()).toBe(2);
    expect(driver.selection()).toBe("Register!A3:C3");
    await driver.select("Register", "B2");
    await driver.setCell("Register", "B2", 4);
    expect(seen).toEqual(["selected B2", "changed B2"]);
  });
});

describe("comments and notes", () => {
  const annotated = (excelApi: string) =>
    createExcelDouble({
      sheets: [
        { name: "Register", cells: [["Partner", "Subsidie"], ["Bibliotheek", 340003]], comments: { B2: "Bedrag besproken" }, notes: { A2: "Contact: J. de Vries" } },
        { name: "Intern", notes: { C5: "Alleen intern" } },
      ],
      requirementSets: { ExcelApi: excelApi },
    });
  const read = (double: ReturnType<typeof annotated>, kind: "comments" | "notes") =>
    double.run(async (context) => {
      const collection = context.workbook[kind];
      collection.load("items/content");
      await context.sync();
      const located = collection.items.map((item) => ({ content: item.content, location: item.getLocation().load("address") }));
      await context.sync();
      return located.map(({ content, location }) => [location.address, content]);
    });

  it("lists each with its cell: comments from ExcelApi 1.10, notes from 1.18, sheet by sheet", async () => {
    const double = annotated("1.18");
    expect(await read(double, "comments")).toEqual([["Register!B2", "Bedrag besproken"]]);
    expect(await read(double, "notes")).toEqual([
      ["Register!A2", "Contact: J. de Vries"],
      ["Intern!C5", "Alleen intern"],
    ]);
  });

  it("refuses them below their requirement sets (ApiNotFound)", async () => {
    await expect(read(annotated("1.9"), "comments")).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(read(annotated("1.17"), "notes")).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(await read(annotated("1.17"), "comments")).toHaveLength(1);
  });

  it("move with their cell when columns are inserted, and go with a deleted cell", async () => {
    const double = annotated("1.18");
    await double.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Register");
      sheet.getRange("A:A").insert("Right");
      sheet.getRange("B2").delete("Up");
      await context.sync();
    });
    expect(await read(double, "comments")).toEqual([["Register!C2", "Bedrag besproken"]]);
    expect(await read(double, "notes")).toEqual([["Intern!C5", "Alleen intern"]]);
    expect(double.driver.snapshotAll().sheets.map((s) => [s.name, s.comments, s.notes])).toEqual([
      ["Register", { C2: "Bedrag besproken" }, {}],
      ["Intern", {}, { C5: "Alleen intern" }],
    ]);
  });
});
