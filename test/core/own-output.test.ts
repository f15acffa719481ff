import { analyzeSheet, registerHeaders } from "../../src/core/analyze";
import { sheet } from "./sheet";

// A register after a first run: the add-in's own columns (E, F) sit beside the user's, their header
// cells carrying PK_Col_ names. Their headers read like input concepts in both languages.
const rerun = sheet(
  [
    ["Partner", "Invloed", "Afhankelijkheid", "Subsidie", "Beoogde invloed (advies)", "Invloed (score)"],
    ["Bibliotheek", 2, 4, 1000, 3.5, 2],
    ["Sportclub", 4, 2, 500, 4, 4],
  ],
  {
    definedNames: [
      { name: "PK_Col_TargetInfluence", rect: { row: 0, column: 4, rowCount: 1, columnCount: 1 } },
      { name: "PK_Col_InfluenceScore", rect: { row: 0, column: 5, rowCount: 1, columnCount: 1 } },
    ],
  },
);

describe("re-running on a register that holds the add-in's own output", () => {
  it("does not read its own target column as the register's target", () => {
    const analysis = analyzeSheet(rerun);
    expect(analysis.mapping.targetInfluence).toBeNull();
    expect(analysis.rows.map((r) => r.target.source)).toEqual(["recommended", "recommended"]);
    // Bibliotheek: below the line at high dependency, so it should rise to the line (3.5), not "stay".
    expect(analysis.rows[0].strategy).toBe("raise-influence");
  });

  it("keeps the user's own influence column, not the written score column", () => {
    expect(analyzeSheet(rerun).mapping.influence?.column).toBe(1);
  });

  it("offers only the user's columns in the mapping dropdowns", () => {
    expect(registerHeaders(rerun).map((h) => h.letter)).toEqual(["A", "B", "C", "D"]);
  });

  it("without those names the same headers are the user's and are read", () => {
    const userColumns = { ...rerun, definedNames: [] };
    expect(analyzeSheet(userColumns).mapping.targetInfluence?.column).toBe(4);
  });
});
