/**
 * One sheet-name quoter: the plan always quotes (valid for every sheet name in Excel, LibreOffice
 * and HyperFormula), while Excel shows a plain sheet name without quotes. A name that already
 * reads the planned reference is left alone; one that reads it relatively is not the same name.
 */
import { absoluteReference, isSameReference, quoteSheetName } from "../../src/core/plan";

describe("references the plan writes", () => {
  test("every sheet name is quoted, an apostrophe doubled", () => {
    expect(quoteSheetName("Partners")).toBe("'Partners'");
    expect(quoteSheetName("R1C1")).toBe("'R1C1'");
    expect(quoteSheetName("Jan's lijst")).toBe("'Jan''s lijst'");
    expect(absoluteReference("RC2partners", { row: 0, column: 3, rowCount: 1, columnCount: 1 })).toBe("'RC2partners'!$D$1");
  });

  test("Excel's unquoted form of the planned reference is the same reference", () => {
    const planned = `=${absoluteReference("Partners", { row: 0, column: 3, rowCount: 4, columnCount: 1 })}`;
    expect(isSameReference("=Partners!$D$1:$D$4", planned)).toBe(true);
    expect(isSameReference("=partners!$d$1:$d$4", planned)).toBe(true);
    expect(isSameReference("='Jan''s lijst'!$A$1", "=Jan's lijst!$A$1")).toBe(true);
  });

  test("a relative or different reference is not", () => {
    const planned = `=${absoluteReference("Partners", { row: 0, column: 3, rowCount: 1, columnCount: 1 })}`;
    expect(isSameReference("=Partners!D1", planned)).toBe(false);
    expect(isSameReference("=Partners!$D$2", planned)).toBe(false);
    expect(isSameReference("=Other!$D$1", planned)).toBe(false);
  });
});
