import { analyzeSheet } from "../../src/core/analyze";
import { ownOutputColumns } from "../../src/core/locate";
import { newColumnsOf, registerAddress } from "../../src/taskpane/model";
import { PARTNER_ROWS, partnerSheet } from "../support/registers";

/** The partner register after an apply: two output columns H and I with our headers and their PK_Col_ names (both prove them ours). */
function sheetAfterApply() {
  const sheet = partnerSheet();
  sheet.values = sheet.values.map((row, index) => [...row, index === 0 ? "Afstand tot ambitielijn" : null, index === 0 ? "Strategie" : null]);
  sheet.definedNames = [
    { name: "PK_Col_Gap", rect: { row: 0, column: 7, rowCount: 1, columnCount: 1 } },
    { name: "PK_Col_Strategy", rect: { row: 0, column: 8, rowCount: 1, columnCount: 1 } },
  ];
  return sheet;
}

test("the new columns are named by letter and the header text the sheet shows", () => {
  expect(newColumnsOf(["Partners!H1", "'Partners'!I1", "J1"], sheetAfterApply())).toEqual([
    { letter: "H", header: "Afstand tot ambitielijn" },
    { letter: "I", header: "Strategie" },
    { letter: "J", header: null },
  ]);
  expect(newColumnsOf(["Partners!H1"], null)).toEqual([{ letter: "H", header: null }]);
});

test("the register's address leaves out the columns an apply added", () => {
  const sheet = sheetAfterApply();
  const analysis = analyzeSheet(sheet, {});
  const lastRow = PARTNER_ROWS.length; // header in row 1, data below
  expect(registerAddress(analysis, ownOutputColumns(sheet))).toBe(`A1:G${lastRow}`);
  // Without the names the columns count as the register's (nothing says they are ours).
  expect(ownOutputColumns(partnerSheet()).size).toBe(0);
});
