import { createExcelDouble } from "../support/excel";
import { PlanWorkbook } from "../plan/plan-hf";
import { sheet } from "../plan/registers";

const NBSP = "\u00a0";

/** The double's result for each formula, typed into column B beside texts in column A. */
async function results(texts: string[], formulas: string[]) {
  const { run, driver } = createExcelDouble({ sheets: [{ name: "Blad1", cells: texts.map((t) => [`'${t}`]) }] });
  await run(async (context) => {
    context.workbook.worksheets.getItem("Blad1").getRange(`B1:B${formulas.length}`).formulas = formulas.map((f) => [f]);
  });
  return formulas.map((_, i) => driver.value("Blad1", `B${i + 1}`));
}

// Excel: `=` between texts ignores case (EXACT is the case-sensitive comparison) and keeps accents;
// a text is never equal to a number; texts are compared as texts, not read as dates (README, "Text comparison").
describe("text comparison in the double is Excel's, not HyperFormula's default", () => {
  it("= ignores case and keeps accents, also against a cell", async () => {
    expect(await results(["Jà", "JA"], ['=A1="ja"', '=A2="ja"', '="É"="é"', '="e"="é"', '=A1=A2'])).toEqual([false, true, true, false, false]);
  });

  it("= tells a no-break space from a space, and texts that look like dates or times apart", async () => {
    expect(await results([], [`="a b"="a${NBSP}b"`, '="1/2/2020"="01/02/2020"', '="12:00"="12:00:00"', '="1"=1', '="1/2/2020"=DATE(2020,1,2)', '="b">"a"'])).toEqual([false, false, false, false, false, true]);
  });

  it("COUNTIFS and SUMPRODUCT lookups match labels ignoring case but not accents", async () => {
    const texts = ["hoog", "HOOG", "hóóg", "Hoog"];
    expect(await results(texts, ['=COUNTIFS(A1:A4,"hoog")', '=SUMPRODUCT(--(A1:A4="hoog"))', '=COUNTIFS(A1:A4,"hóóg")'])).toEqual([3, 3, 1]);
  });

  it("the plan tests' workbook uses the same engine set-up", () => {
    const snapshot = sheet("Blad1", { row: 0, column: 0 }, [["Jà", "1/2/2020"]]);
    const wb = new PlanWorkbook(snapshot, { sheets: [], names: [], blocks: [], registerSheet: "Blad1", registerColumns: { kind: "insert-columns", atColumn: 2, count: 0 } } as never);
    wb.hf.setCellContents({ sheet: wb.sheetId("Blad1"), row: 1, col: 0 }, [['=A1="ja"', '=B1="01/02/2020"', '=A1="JÀ"']]);
    expect([wb.value("Blad1", 1, 0), wb.value("Blad1", 1, 1), wb.value("Blad1", 1, 2)]).toEqual([false, false, true]);
  });
});
