/** Properties that hold for any register: where it sits does not change what it says. */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import type { CellValue } from "../../src/core/types";
import { sheet } from "./sheet";

const partnerRow = fc.tuple(
  fc.integer({ min: 2, max: 10 }).map((n) => n / 2), // influence 1–5 in halves
  fc.integer({ min: 2, max: 10 }).map((n) => n / 2), // dependency 1–5 in halves
  fc.constantFrom("ja", "nee", ""),
);

describe("properties", () => {
  it("gives the same positions and strategies wherever the register sits on the sheet", () => {
    fc.assert(
      fc.property(
        fc.array(partnerRow, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 3 }),
        (partners, rowOffset, columnOffset, titleRows) => {
          const register: CellValue[][] = [
            ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk"],
            ...partners.map(([inf, dep, alt], i) => [`Partner ${i}`, inf, dep, alt]),
          ];
          const atA1 = analyzeSheet(sheet(register));
          const titled: CellValue[][] = [...Array.from({ length: titleRows }, (_, i) => (i === 0 ? ["Overzicht"] : [])), ...register];
          const moved = analyzeSheet(sheet(titled, { origin: { row: rowOffset, column: columnOffset } }));
          const shift = rowOffset + titleRows;
          expect(moved.rows.map((r) => [r.row - shift, r.partner, r.position, r.strategy, r.gap])).toEqual(
            atA1.rows.map((r) => [r.row, r.partner, r.position, r.strategy, r.gap]),
          );
        },
      ),
      { numRuns: 60, seed: 20260101 },
    );
  });

  it("puts a partner above the line exactly when its gap is not negative, and high dependency exactly above 3", () => {
    fc.assert(
      fc.property(fc.array(partnerRow, { minLength: 1, maxLength: 12 }), (partners) => {
        const a = analyzeSheet(
          sheet([["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"], ...partners.map(([inf, dep], i) => [`P${i}`, inf, dep])]),
        );
        for (const r of a.rows) {
          expect(r.position === "above").toBe(r.gap >= -1e-9 * 4);
          expect(r.highDependency).toBe(r.dependency > 3);
          // The line rises from 2 at dependency 1 to 4 at dependency 5.
          expect(r.requiredInfluence).toBeCloseTo(2 + (r.dependency - 1) / 2, 12);
        }
      }),
      { numRuns: 60, seed: 20260102 },
    );
  });
});
