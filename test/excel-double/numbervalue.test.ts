import { createExcelDouble, numberValue } from "../support/excel";

// Expected results are the examples and rules of Excel's NUMBERVALUE documentation.
describe("NUMBERVALUE (added to HyperFormula by the double)", () => {
  it.each([
    ['"2.500,27", ",", "."', 2500.27],
    ['"3.5%"', 0.035],
    ['"1 234,5", ",", "."', 1234.5],
    ['"9%%"', 0.0009],
    ['""', 0],
    ['"3,5", ",", "."', 3.5],
    ['"1.234.567,89", ",", "."', 1234567.89],
    ['"-4,25", ",xyz", "."', -4.25],
  ])("NUMBERVALUE(%s) = %p", async (args, expected) => {
    const { run, driver } = createExcelDouble({ sheets: [{ name: "Blad1" }] });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("A1").formulas = [[`=NUMBERVALUE(${args})`]];
    });
    expect(driver.value("Blad1", "A1")).toBeCloseTo(expected, 12);
  });

  it.each([
    ['"1,2,3", ","', "a second decimal separator"],
    ['"1,5.000", ",", "."', "a group separator after the decimal separator"],
    ['"abc"', "text that is no number"],
    ['"1.5", ".", "."', "equal separators"],
  ])("NUMBERVALUE(%s) is #VALUE! (%s)", async (args) => {
    const { run, driver } = createExcelDouble({ sheets: [{ name: "Blad1" }] });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Blad1").getRange("A1").formulas = [[`=NUMBERVALUE(${args})`]];
    });
    expect(driver.value("Blad1", "A1")).toBe("#VALUE!");
  });

  it("reads a cell's text with a decimal comma, as the add-in's formulas do", async () => {
    const { run, driver } = createExcelDouble({ sheets: [{ name: "Blad1", cells: [["'3,5", "=NUMBERVALUE(A1,\",\",\".\")*2"]] }] });
    await run(async () => undefined);
    expect(driver.value("Blad1", "B1")).toBe(7);
  });

  it("ignores spaces anywhere, as documented, but not other white space (undocumented: the stricter reading)", () => {
    expect(numberValue(" 3 000 ", ".", ",")).toBe(3000);
    expect(numberValue("3\u00a0000", ".", ",")).toBeNull();
    expect(numberValue("3\t000", ".", ",")).toBeNull();
  });
});
