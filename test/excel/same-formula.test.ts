/**
 * A re-run leaves out cells that already hold what it would write; Excel spells a formula back in
 * its own way, so the comparison allows exactly those spellings and nothing that changes meaning.
 */
import { sameFormulaText } from "../../src/excel/apply/checks";

describe("sameFormulaText: Excel's spelling of our formula counts as ours", () => {
  test.each([
    ["=Partners!R[2]C3&\"\"", "='Partners'!R[2]C3&\"\"", "quotes a plain sheet name does not need"],
    ["=IF(RC14>=-1E-09*(PK_InfMax-PK_InfMin),1,0)", "=IF(RC14>=-0.000000001*(PK_InfMax-PK_InfMin),1,0)", "a number's shortest spelling"],
    ["=IF(RC14>=-1e-9,1,0)", "=IF(RC14>=-0.000000001,1,0)", "lower-case exponent"],
    ["=_xlfn.UNICHAR(160)&RC3", "=UNICHAR(160)&RC3", "the _xlfn. prefix of a newer function"],
    ["=SUM( $E$5:$E$9 )", "=SUM($E$5:$E$9)", "spaces"],
  ])("%s ≡ %s (%s)", (excel, ours) => {
    expect(sameFormulaText(excel, ours)).toBe(true);
  });

  test.each([
    ["=Partners!R[2]C4", "='Partners'!R[2]C3", "another column"],
    ["=Partners!$K$6", "=Partners!$K$5", "another row"],
    ["='Sheet 1'!A1", "=Sheet1!A1", "another sheet (a space needs its quotes)"],
    ["=IF(A1=\"0.50\",1,0)", "=IF(A1=\"0.5\",1,0)", "a number inside a string is text"],
    ["=IF(A1=\"a b\",1,0)", "=IF(A1=\"ab\",1,0)", "spaces inside a string"],
    ["=RC11-RC13", "=RC11+RC13", "another operator"],
    ["=0.1", "=0.10000001", "another number"],
  ])("%s ≢ %s (%s)", (excel, ours) => {
    expect(sameFormulaText(excel, ours)).toBe(false);
  });
});
