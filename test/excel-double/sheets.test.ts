import { createExcelDouble } from "../support/excel";

const book = () =>
  createExcelDouble({
    sheets: [
      { name: "Register", cells: [["Partner", "Invloed"], ["A", 3]] },
      { name: "Parameters", cells: [["Drempel", 3]] },
      { name: "Samenvatting", cells: [["=Parameters!B1*2", "=Register!B2"]] },
    ],
    names: [{ name: "Drempel", formula: "=Parameters!$B$1" }],
  });

describe("worksheets", () => {
  it("adds sheets, rejects invalid or duplicate names, and counts them", async () => {
    const { run, driver } = book();
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      const added = sheets.add("Partnerkaart").load("name, position");
      const count = sheets.getCount();
      await context.sync();
      expect([added.name, added.position, count.value]).toEqual(["Partnerkaart", 3, 4]);
      sheets.add("Te lang voor een bladnaam in Excel!");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      sheets.add("register");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      sheets.add("a[1]");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(driver.sheetNames()).toEqual(["Register", "Parameters", "Samenvatting", "Partnerkaart"]);
  });

  it("keeps formulas and names pointing at a renamed sheet, and shows #REF! after it is deleted", async () => {
    const { run, driver } = book();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Parameters").name = "Instellingen";
    });
    expect(driver.formulas("Samenvatting", "A1")).toEqual([["=Instellingen!B1*2"]]);
    expect(driver.names()[0].formula).toBe("=Instellingen!$B$1");
    await driver.setCell("Instellingen", "B1", 5);
    expect(driver.value("Samenvatting", "A1")).toBe(10);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Register").delete();
    });
    expect(driver.value("Samenvatting", "B1")).toBe("#REF!");
  });

  it("activates sheets and reads the selection through the API", async () => {
    const { run, driver } = book();
    await driver.select("Parameters", "B1");
    await run(async (context) => {
      const selected = context.workbook.getSelectedRange().load("address");
      const active = context.workbook.worksheets.getActiveWorksheet().load("name");
      await context.sync();
      expect([selected.address, active.name]).toEqual(["Parameters!B1", "Parameters"]);
      context.workbook.worksheets.getItem("Samenvatting").activate();
    });
    expect(driver.activeSheet()).toBe("Samenvatting");
  });

  it("tells onChanged handlers of the add-in's own writes, marked ThisLocalAddin", async () => {
    const { run } = book();
    const seen: unknown[] = [];
    await run(async (context) => {
      context.workbook.worksheets.getItem("Register").onChanged.add(async (event) => {
        seen.push([event.address, event.triggerSource]);
      });
      await context.sync();
      context.workbook.worksheets.getItem("Register").getRange("C1:C2").values = [["Kloof"], [1]];
      context.workbook.worksheets.getItem("Parameters").getRange("C1").values = [["elders"]];
      await context.sync();
    });
    expect(seen).toEqual([["C1:C2", "ThisLocalAddin"]]);
  });

  it("hides a sheet but keeps one visible", async () => {
    const { run } = createExcelDouble({ sheets: [{ name: "Enige" }] });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Enige").visibility = "Hidden" as Excel.SheetVisibility;
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
  });
});
