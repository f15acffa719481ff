/**
 * Sheet names in the references the adapter writes. Excel needs quotes around a sheet name that
 * begins like an R1C1 reference (`RC2partners`, `R1C1`): without them it reads the name as a cell
 * reference and refuses the formula (apache/poi#545, EPPlusSoftware/EPPlus#214). The plan quotes
 * every sheet name, which Excel, LibreOffice and HyperFormula all accept.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { t } from "../../src/core/i18n";
import { columnName, HEADER_KEYS } from "../../src/core/plan";
import { cellValue, makeHarness, nameCell, outputOptions } from "./harness";

const cells = [
  ["Partner", "Invloed", "Afhankelijkheid"],
  ["Bibliotheek", 5, 5],
  ["Schoolbestuur", 2, 4],
];

describe("names point at sheets whatever the sheet is called", () => {
  test.each(["RC2partners", "R1C1", "C3"])("a register sheet called %s: the apply succeeds and every column name points at its header", async (sheet) => {
    const harness = makeHarness({ sheets: [{ name: sheet, cells }] });
    const snapshot = await harness.host.readActiveSheet();
    expect(analyzeSheet(snapshot, {}).rows).toHaveLength(2);
    const result = await harness.host.apply(snapshot, {}, outputOptions());
    expect(result.sheetName).toBe(sheet);
    for (const column of ["influenceScore", "gap", "strategy"] as const) {
      const at = nameCell(harness, columnName(column));
      expect(at.sheet).toBe(sheet);
      expect(cellValue(harness, sheet, at.row, at.column)).toBe(t("nl", HEADER_KEYS[column]));
    }
  });
});
