import { analyzeSheet, registerHeaders } from "../../src/core/analyze";
import { findRegister } from "../../src/core/locate";
import { RegisterError, type CellValue } from "../../src/core/types";
import { sheet } from "./sheet";

const seedExamples: CellValue[][] = [
  // framework.md's seed table.
  ["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk"],
  ["X: schoolbestuur", 2, 4, "nee"],
  ["Y: welzijnsinstelling", 3, 5, "ja"],
  ["Z: bibliotheek", 5, 5, "nee"],
  ["X: vervuilend bedrijf", 2, 4.5, "nee"],
  ["Z: ambassadeur", 4.5, 5, "nee"],
  ["vervangbare opdrachtnemer", 4, 2, "ja"],
  ["vervangbare partner", 1.5, 1.5, "ja"],
];

describe("analyzeSheet on framework.md's seed examples", () => {
  it("gives the strategies of the seed table", () => {
    const a = analyzeSheet(sheet(seedExamples));
    expect(a.rows.map((r) => r.strategy)).toEqual([
      "raise-influence",
      "reduce-dependency",
      "secure",
      "raise-influence",
      "secure",
      "contract",
      "strengthen-or-replace",
    ]);
    expect(a.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(a.skipped).toEqual([]);
  });

  it("summarises per strategy and position", () => {
    const values = seedExamples.map((r, i) => [...r, i === 0 ? "Subsidie" : i * 1000]);
    const a = analyzeSheet(sheet(values));
    expect(a.summary.byStrategy.secure).toEqual({ count: 2, subsidy: 3000 + 5000 });
    expect(a.summary.byPosition.below).toEqual({ count: 4, subsidy: 1000 + 2000 + 4000 + 7000 });
    expect(a.summary.total.count).toBe(7);
  });
});

describe("settings override every guess", () => {
  it("uses the given line, threshold and scales", () => {
    const a = analyzeSheet(sheet(seedExamples), {
      line: { atLowestDependency: 1, atHighestDependency: 1 },
      highDependencyAbove: 4.5,
      influenceScale: { min: 0, max: 10 },
    });
    expect(a.influenceScale).toEqual(expect.objectContaining({ min: 0, max: 10, source: "user" }));
    // Flat line at 1: everyone is above; only dependency 5 is high.
    expect(a.rows.map((r) => r.strategy)).toEqual(["contract", "reduce-dependency", "secure", "contract", "secure", "contract", "contract"]);
  });

  it("uses the columns the user chose and marks them as chosen", () => {
    const values: CellValue[][] = [
      ["Partner", "Invloed", "Score B", "Afhankelijkheid"],
      ["A", 4, 1, 5],
    ];
    const a = analyzeSheet(sheet(values), { mapping: { influence: 2 } });
    expect(a.mapping.influence).toEqual({ column: 2, header: "Score B", source: "user" });
    expect(a.rows[0].influence).toBe(1);
    expect(a.mapping.partner?.source).toBe("auto");
  });

  it("uses the header row the user gave", () => {
    const values: CellValue[][] = [
      ["Partner", "Invloed", "Afhankelijkheid"],
      ["Oud", 1, 1],
      [],
      ["Partner", "Invloed", "Afhankelijkheid"],
      ["Nieuw", 5, 5],
    ];
    expect(analyzeSheet(sheet(values)).rows.map((r) => r.partner)).toEqual(["Oud"]);
    expect(analyzeSheet(sheet(values), { headerRow: 3 }).rows.map((r) => r.partner)).toEqual(["Nieuw"]);
  });

  it("rejects settings that cannot work, naming what is wrong", () => {
    expect(() => analyzeSheet(sheet(seedExamples), { mapping: { influence: 1, dependency: 1 } })).toThrow(/column B is chosen for both/);
    expect(() => analyzeSheet(sheet(seedExamples), { mapping: { partner: null } })).toThrow(RegisterError);
    expect(() => analyzeSheet(sheet(seedExamples), { tableName: "Nope" })).toThrow(/no table named "Nope"/);
    expect(() => analyzeSheet(sheet(seedExamples), { influenceScale: { min: 5, max: 1 } })).toThrow(/not a range/);
  });
});

describe("finding the register", () => {
  const tableValues: CellValue[][] = [
    ["Overzicht", "", "", "", "", "", "", ""],
    ["Partner", "Invloed", "Afhankelijkheid", "", "Naam", "Invloed", "Afhankelijkheid", "Thema"],
    ["A", 4, 4, "", "P", 1, 1, "x"],
    ["", "", "", "", "", "", "", ""],
    ["B", 2, 2, "", "Q", 5, 5, "y"],
  ];
  const tables = [
    { name: "Links", rect: { row: 1, column: 0, rowCount: 4, columnCount: 3 }, showHeaders: true, showTotals: false, columnNames: ["Partner", "Invloed", "Afhankelijkheid"] },
    { name: "Rechts", rect: { row: 1, column: 4, rowCount: 4, columnCount: 4 }, showHeaders: true, showTotals: false, columnNames: ["Naam", "Invloed", "Afhankelijkheid", "Thema"] },
  ];

  it("prefers the table that holds the selection", () => {
    const found = findRegister(sheet(tableValues, { tables, selection: { row: 2, column: 5, rowCount: 1, columnCount: 1 } }));
    expect(found.location.tableName).toBe("Rechts");
    const other = findRegister(sheet(tableValues, { tables, selection: { row: 4, column: 1, rowCount: 1, columnCount: 1 } }));
    expect(other.location.tableName).toBe("Links");
  });

  it("ignores a fully blank row inside a table: it is not a partner and not a skipped row", () => {
    const a = analyzeSheet(sheet(tableValues, { tables }), { tableName: "Links" });
    expect(a.rows.map((r) => r.row)).toEqual([3, 5]);
    expect(a.skipped).toEqual([]);
  });

  it("works with a snapshot whose used range does not start at A1", () => {
    const values: CellValue[][] = [
      ["Register"],
      [],
      ["Organisatie", "Invloed", "Afhankelijkheid"],
      ["Stichting", "4", "2"],
    ];
    const a = analyzeSheet(sheet(values, { origin: { row: 9, column: 3 } }));
    expect(a.location.headerRow).toBe(11);
    expect(a.location.firstColumn).toBe(3);
    expect(a.rows[0]).toEqual(expect.objectContaining({ row: 13, partner: "Stichting", strategy: "contract" }));
  });

  it("stops at a footnote right below the partners", () => {
    const values: CellValue[][] = [
      ["Partner", "Invloed", "Afhankelijkheid"],
      ["A", 3, 3],
      ["* schaal 1-5", "", ""],
    ];
    const a = analyzeSheet(sheet(values));
    expect(a.location.lastDataRow).toBe(1);
    expect(a.skipped).toEqual([]);
  });

  it("explains when there is no register at all", () => {
    const error = (() => {
      try {
        analyzeSheet(sheet([["Begroting"], ["Post", "Bedrag"], ["Huur", 100]]));
      } catch (e) {
        return e as RegisterError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(RegisterError);
    expect(error!.code).toBe("no-register");
    expect(error!.details.sheet).toBe("Blad1");
  });

  it("names the missing column of a header row that has two of the three", () => {
    const values: CellValue[][] = [["Partnerregister"], ["Partner", "Invloed (1-5)", "Opmerking"], ["Stichting De Linde", 4, "goed"]];
    expect(() => analyzeSheet(sheet(values))).toThrow(expect.objectContaining({ code: "missing-column", details: { sheet: "Blad1", concept: "dependency", row: 2 } }));
  });

  it("gives the pane the register's headers with their columns", () => {
    const headers = registerHeaders(sheet(tableValues, { tables }), { tableName: "Rechts" });
    expect(headers).toEqual([
      { column: 4, letter: "E", header: "Naam" },
      { column: 5, letter: "F", header: "Invloed" },
      { column: 6, letter: "G", header: "Afhankelijkheid" },
      { column: 7, letter: "H", header: "Thema" },
    ]);
  });
});

describe("scales", () => {
  it("takes the smallest standard scale that holds every value", () => {
    const withValues = (inf: number[], dep: number[]) =>
      analyzeSheet(sheet([["Partner", "Invloed", "Afhankelijkheid"], ...inf.map((v, i) => [`P${i}`, v, dep[i]])]));
    expect(withValues([1, 5], [2, 3]).influenceScale).toEqual(expect.objectContaining({ min: 1, max: 5, source: "values" }));
    expect(withValues([0, 5], [2, 3]).influenceScale).toEqual(expect.objectContaining({ min: 0, max: 5 }));
    expect(withValues([1, 7], [2, 3]).influenceScale).toEqual(expect.objectContaining({ min: 1, max: 10 }));
    expect(withValues([0, 7], [2, 3]).influenceScale).toEqual(expect.objectContaining({ min: 0, max: 10 }));
    expect(withValues([0, 70], [2, 3]).influenceScale).toEqual(expect.objectContaining({ min: 0, max: 100 }));
  });

  it("lets the header hint win over the values", () => {
    const a = analyzeSheet(sheet([["Partner", "Invloed (1-10)", "Afhankelijkheid"], ["P", 3, 3]]));
    expect(a.influenceScale).toEqual(expect.objectContaining({ min: 1, max: 10, source: "header" }));
    expect(a.line).toEqual({ atLowestDependency: 3.25, atHighestDependency: 7.75 });
  });

  it("reads percent-formatted cells as a 0–100 scale", () => {
    const a = analyzeSheet(
      sheet([["Partner", "Invloed", "Afhankelijkheid"], ["P", 0.6, 0.2]], {
        numberFormats: [["General", "General", "General"], ["General", "0%", "0.0%"]],
      }),
    );
    expect(a.influenceScale).toEqual(expect.objectContaining({ min: 0, max: 100, kind: "percent" }));
    expect(a.rows[0]).toEqual(expect.objectContaining({ influence: 60, dependency: 20 }));
  });
});

describe("an empty register", () => {
  it("is reported as having no partner rows below its header row", () => {
    expect(() => analyzeSheet(sheet([["Titel"], ["Partner", "Invloed", "Afhankelijkheid"]]))).toThrow(
      expect.objectContaining({ code: "no-data", details: { sheet: "Blad1", row: 2 } }),
    );
  });
});

describe("user-defined labels and totals rows", () => {
  it("reads the user's own labels when the scale is set with them", () => {
    const values: CellValue[][] = [
      ["Partner", "Invloed", "Afhankelijkheid"],
      ["A", "goed", 2],
      ["B", "Slecht", 2],
      ["C", "matig", 2],
    ];
    expect(() => analyzeSheet(sheet(values))).not.toThrow();
    expect(analyzeSheet(sheet(values)).skipped.map((s) => s.reason)).toEqual(["unusable-influence", "unusable-influence", "unusable-influence"]);
    const a = analyzeSheet(sheet(values), { influenceScale: { min: 1, max: 3, kind: "labels", labels: ["slecht", "matig", "goed"] } });
    expect(a.rows.map((r) => r.influence)).toEqual([3, 1, 2]);
  });

  it("ends the register at a 'Totaal' label next to the sum, not only in the first column", () => {
    const values: CellValue[][] = [
      ["Partner", "Invloed", "Afhankelijkheid", "Subsidie"],
      ["A", 4, 2, 100],
      ["", "", "Totaal", 100],
      ["B", 4, 2, 100],
    ];
    const a = analyzeSheet(sheet(values));
    expect(a.location.totalsRow).toBe(2);
    expect(a.rows.map((r) => r.partner)).toEqual(["A"]);
    expect(a.skipped).toEqual([]);
  });
});

describe("no row is dropped silently", () => {
  it("skips a row that has only a note, but not a row whose only content is a formula result", () => {
    const values: CellValue[][] = [
      ["Partner", "Invloed", "Afhankelijkheid", "Toelichting", "Nr"],
      ["A", 4, 2, "", 1],
      ["", "", "", "navragen bij wethouder", 2],
      ["", "", "", "", 3],
    ];
    const formulas = values.map((row, r) => row.map((_, c) => (c === 4 && r > 0 ? "=ROW()-1" : null)));
    const a = analyzeSheet(sheet(values, { formulas }));
    expect(a.rows.map((r) => r.row)).toEqual([2]);
    expect(a.skipped).toEqual([expect.objectContaining({ row: 3, reason: "missing-partner", column: "A" })]);
  });
});
