import { createExcelDouble } from "../support/excel";

const workbook = () =>
  createExcelDouble({
    sheets: [
      {
        name: "Register",
        cells: [
          ["Partner", "Invloed", "Afhankelijkheid"],
          ["Bibliotheek", 5, 1],
          ["Schoolbestuur", 2, 4],
          ["Aannemer", 4, 2],
        ],
      },
      { name: "Parameter blad", cells: [["Factor", 10], ["Label", "x"]] },
    ],
  });

describe("Range.formulasR1C1", () => {
  it("a single formula fills the range; row-relative references point at each cell's own row", async () => {
    const { run, driver } = workbook();
    await run(async (context) => {
      context.workbook.names.add("Factor", context.workbook.worksheets.getItem("Parameter blad").getRange("B1"));
      const register = context.workbook.worksheets.getItem("Register");
      // Influence × dependency + the factor, per row.
      register.getRange("D2:D4").formulasR1C1 = "=RC2*RC3+Factor" as unknown as string[][];
      // The row above (R[-1]), column B, plus an absolute cell on another sheet.
      register.getRange("E3:E4").formulasR1C1 = "=R[-1]C2+'Parameter blad'!R1C2" as unknown as string[][];
      await context.sync();
    });
    expect(driver.values("Register", "D2:D4")).toEqual([[5 * 1 + 10], [2 * 4 + 10], [4 * 2 + 10]]);
    expect(driver.values("Register", "E3:E4")).toEqual([[5 + 10], [2 + 10]]);
    expect(driver.formulas("Register", "D3:E3")).toEqual([["=$B3*$C3+Factor", "=$B2+'Parameter blad'!$B$1"]]);
  });

  it("text inside quotes and names that look like references stay as they are", async () => {
    const { run, driver } = workbook();
    await run(async (context) => {
      const register = context.workbook.worksheets.getItem("Register");
      register.getRange("F2:F3").formulasR1C1 = [['=IF(RC1="RC1","R1C1",RC1&"")'], ['=ROUND(RC2/3,0)']];
      await context.sync();
    });
    expect(driver.values("Register", "F2:F3")).toEqual([["Bibliotheek"], [1]]);
    expect(driver.formulas("Register", "F2:F3")).toEqual([['=IF($A2="RC1","R1C1",$A2&"")'], ["=ROUND($B3/3,0)"]]);
  });

  it("reads formulas back in R1C1 relative to each cell, constants as they are", async () => {
    const { run } = workbook();
    const read = await run(async (context) => {
      const register = context.workbook.worksheets.getItem("Register");
      register.getRange("D2:D3").formulas = [["=B2+$C$3"], ["=B2*2"]];
      const range = register.getRange("C2:D3");
      range.load("formulasR1C1");
      await context.sync();
      return range.formulasR1C1;
    });
    expect(read).toEqual([
      [1, "=RC[-2]+R3C3"],
      [4, "=R[-1]C[-2]*2"],
    ]);
  });

  it("a 2D array must match the range like formulas does", async () => {
    const { run } = workbook();
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("Register").getRange("D2:D4").formulasR1C1 = [["=RC2"]];
        await context.sync();
      }),
    ).rejects.toThrow(/argument is invalid/);
  });
});
