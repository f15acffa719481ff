import { readFileSync } from "node:fs";
import { generate, REQUIREMENT_SETS_JSON } from "../../scripts/requirement-sets";
import { createExcelDouble } from "../support/excel";
import { requirementOf } from "../support/excel/requirements";

const workbook = (excelApi: string) =>
  createExcelDouble({ sheets: [{ name: "Blad1", cells: [["a", 1]] }, { name: "Blad2" }], requirementSets: { ExcelApi: excelApi } });

describe("requirement sets", () => {
  it("the checked-in member table is what the script generates from @types/office-js", () => {
    expect(JSON.parse(readFileSync(REQUIREMENT_SETS_JSON, "utf8"))).toEqual(generate());
  });

  it("takes each member's set from the typings' annotations", () => {
    expect(requirementOf("WorksheetCollection", "onSelectionChanged")).toBe("ExcelApi 1.9");
    expect(requirementOf("WorksheetCollection", "onActivated")).toBe("ExcelApi 1.7");
    expect(requirementOf("Workbook", "getSelectedRanges")).toBe("ExcelApi 1.9");
    expect(requirementOf("Table", "resize")).toBe("ExcelApi 1.13");
  });

  it("answers isSetSupported from the workbook's sets", () => {
    const { requirements } = workbook("1.8");
    expect(requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    expect(requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    expect(requirements.isSetSupported("ExcelApiOnline", "1.1")).toBe(false);
  });

  it("fails the batch with ApiNotFound at a member above the sets, keeping what ran before it", async () => {
    const { run, driver } = workbook("1.8");
    const handler = jest.fn();
    await expect(
      run(async (context) => {
        context.workbook.worksheets.onActivated.add(handler);
        context.workbook.worksheets.onSelectionChanged.add(handler);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(driver.eventHandlerCount("activated")).toBe(1);
    expect(driver.eventHandlerCount("selectionChanged")).toBe(0);
  });

  it("refuses to load a property above the sets", async () => {
    const { run } = workbook("1.8");
    await expect(
      run(async (context) => {
        context.workbook.getSelectedRanges().load("areas/items/address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("allows the same members where the sets include them", async () => {
    const { run, driver } = workbook("1.9");
    await run(async (context) => {
      context.workbook.worksheets.onSelectionChanged.add(jest.fn());
      const areas = context.workbook.getSelectedRanges();
      areas.load("areas/items/address");
      await context.sync();
      expect(areas.areas.items.map((area) => area.address)).toEqual(["Blad1!A1"]);
    });
    expect(driver.eventHandlerCount("selectionChanged")).toBe(1);
  });
});
