/**
 * Where a long register ends. The analysis looks for the end block by block (1,024 rows at a time)
 * while it reads the rows; these registers put blank gaps, totals and footnotes around the block
 * edges and check that the partners, the end and the location are those of the register as built,
 * and the same as findRegister's single scan.
 */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import { findRegister } from "../../src/core/locate";
import type { CellValue, SheetSnapshot } from "../../src/core/types";
import { sheet } from "./sheet";

type Ending = "sheet-end" | "totals" | "footnote" | "blank-then-note";

interface Built {
  snapshot: SheetSnapshot;
  partnerRows: number[];
  totalsRow: number | null;
}

/** A register from row 2 (0-based 1) with `partners` rows, blank gaps before the given partner indices, and an ending. */
function build(partners: number, gaps: Map<number, number>, ending: Ending, scalesInHeader: boolean): Built {
  const values: CellValue[][] = [["Partnerregister 2026"], scalesInHeader ? ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"] : ["Partner", "Invloed", "Afhankelijkheid"]];
  const partnerRows: number[] = [];
  for (let i = 0; i < partners; i++) {
    for (let g = gaps.get(i) ?? 0; g > 0; g--) values.push(["", "", ""]);
    partnerRows.push(values.length);
    values.push([`Partner ${i + 1}`, (i % 5) + 1, ((i * 3) % 5) + 1]);
  }
  let totalsRow: number | null = null;
  if (ending === "totals") {
    totalsRow = values.length;
    values.push(["Totaal", "", ""]);
  } else if (ending === "footnote") values.push(["* Bron: eigen inventarisatie", "", ""]);
  else if (ending === "blank-then-note") values.push(["", "", ""], ["Opgesteld door team Subsidies", "", ""]);
  // Rows below the end that would be partners if the scan went on.
  if (ending !== "sheet-end") for (let i = 0; i < 5; i++) values.push([`Na het einde ${i + 1}`, 3, 3]);
  return { snapshot: sheet(values), partnerRows, totalsRow };
}

describe("a register longer than one block", () => {
  it("ends where it was built to end, and where a single scan says", () => {
    const nearBlockEdge = fc.integer({ min: 1010, max: 1030 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2040, max: 3100 }),
        fc.array(fc.tuple(fc.oneof(nearBlockEdge, nearBlockEdge.map((n) => n + 1024), fc.integer({ min: 1, max: 2000 })), fc.integer({ min: 1, max: 40 })), { maxLength: 4 }),
        fc.constantFrom<Ending>("sheet-end", "totals", "footnote", "blank-then-note"),
        fc.boolean(),
        (partners, gapList, ending, scalesInHeader) => {
          const { snapshot, partnerRows, totalsRow } = build(partners, new Map(gapList), ending, scalesInHeader);
          const analysis = analyzeSheet(snapshot);
          expect(analysis.partners.count).toBe(partners);
          expect(analysis.rows.map((p) => p.row - 1)).toEqual(partnerRows);
          expect(analysis.location).toMatchObject({ firstDataRow: 2, lastDataRow: partnerRows.at(-1), totalsRow });
          expect(analysis.location).toEqual(findRegister(snapshot).location);
        },
      ),
      { seed: 20261130, numRuns: 40 },
    );
  });

  it("in an Excel table ends at a typed total row, wherever it falls", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2999 }), fc.boolean(), (totalAt, showTotals) => {
        const values: CellValue[][] = [["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"]];
        for (let i = 0; i < 3000; i++) values.push(i === totalAt ? ["Totaal", "", ""] : [`Partner ${i + 1}`, (i % 5) + 1, 2]);
        if (showTotals) values.push(["Totaal", "", ""]);
        const table = { name: "Partners", rect: { row: 0, column: 0, rowCount: values.length, columnCount: 3 }, showHeaders: true, showTotals, columnNames: values[0] as string[] };
        const snapshot = sheet(values, { tables: [table] });
        const analysis = analyzeSheet(snapshot);
        expect(analysis.partners.count).toBe(totalAt);
        expect(analysis.location).toMatchObject({ tableName: "Partners", firstDataRow: 1, lastDataRow: totalAt, totalsRow: totalAt + 1 });
        expect(analysis.location).toEqual(findRegister(snapshot).location);
      }),
      { seed: 20261131, numRuns: 25 },
    );
  });
});
