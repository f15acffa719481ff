/**
 * Property: whatever real-world damage a register carries, analyzeSheet accounts for every partner
 * row exactly once — analysed with the scores the user wrote, or skipped with the reason and
 * column a careful reader would name — and every result lies on its scales.
 */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import { columnLetter } from "../../src/core/text";
import { RegisterError, type Analysis } from "../../src/core/types";
import { generateRegister, GENERATED_SCALE } from "../support/generate";
import { checkProperty } from "./check";
import { mutateRegister, type Mutation } from "./mutate";

const FILE = "test/robustness/analyze-registers.test.ts";
const index = fc.nat({ max: 10_000 });
const errorValue = fc.constantFrom("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?");
const dateFormat = fc.constantFrom("d-m-yyyy", "dd/mm/yyyy", "yyyy-mm-dd", "d mmm yyyy", "m/d/yy h:mm");

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("error-in-influence", "error-in-dependency", "error-in-partner"), index, error: errorValue }),
  fc.record({
    kind: fc.constantFrom("date-in-influence", "date-in-dependency"),
    index,
    serial: fc.integer({ min: 1, max: 60_000 }),
    format: dateFormat,
  }),
  fc.record({ kind: fc.constant("boolean-in-influence"), index, value: fc.boolean() }),
  fc.record({ kind: fc.constant("rename-partner"), index, name: fc.string({ unit: "grapheme", maxLength: 40 }) }),
  fc.record({ kind: fc.constant("formula-like-name"), index, prefix: fc.constantFrom("=", "+", "-", "@") }),
  fc.record({
    kind: fc.constant("anything-in-unmapped-column"),
    index,
    column: fc.constantFrom("contact", "remarks"),
    value: fc.oneof(fc.string({ unit: "grapheme", maxLength: 20 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), errorValue),
  }),
  fc.record({ kind: fc.constant("hide-row"), index }),
  fc.record({ kind: fc.constant("hide-column"), column: fc.constantFrom("partner", "influence", "dependency", "subsidy", "remarks") }),
  fc.record({ kind: fc.constant("merge-title"), columns: fc.integer({ min: 1, max: 9 }) }),
);

const registerCase = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  partners: fc.integer({ min: 0, max: 60 }),
  layout: fc.constantFrom("range" as const, "table" as const),
  titleRows: fc.boolean(),
  firstColumn: fc.integer({ min: 0, max: 5 }),
  totalsRow: fc.boolean(),
  footnote: fc.boolean(),
  mutations: fc.array(mutation, { maxLength: 15 }),
  // Now and then a sheet whose used range runs 50,000 blank (formatted) rows below the register.
  blankRowsBelow: fc.oneof({ weight: 19, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(50_000) }),
});

function analyseOrRegisterError(run: () => Analysis): Analysis | null {
  try {
    return run();
  } catch (error) {
    if (error instanceof RegisterError) return null;
    throw new Error(`analyzeSheet threw ${(error as Error)?.name}: ${(error as Error)?.message}, not a RegisterError`);
  }
}

describe("analyzeSheet on damaged registers", () => {
  it("accounts for every partner row once, with the scores written or the reason and column a reader would name", () => {
    checkProperty(
      fc.property(registerCase, (c) => {
        const register = generateRegister({ ...c, hiddenRowRate: 0 });
        const expected = mutateRegister(register, c.mutations, c.blankRowsBelow);
        const analysis = analyseOrRegisterError(() => analyzeSheet(register.snapshot));
        if (analysis === null) {
          // Only a register without any partner row may be refused.
          expect(expected.length).toBe(0);
          return;
        }
        const analysed = new Map(analysis.rows.map((r) => [r.row, r]));
        const skipped = new Map(analysis.skipped.map((s) => [s.row, s]));
        expect(analysed.size).toBe(analysis.rows.length);
        expect(skipped.size).toBe(analysis.skipped.length);
        expect(analysis.rows.length + analysis.skipped.length).toBe(expected.length);
        for (const e of expected) {
          const result = analysed.get(e.row);
          const skip = skipped.get(e.row);
          if (e.skip === null) {
            expect({ row: e.row, skipped: skip?.reason ?? null }).toEqual({ row: e.row, skipped: null });
            expect(result).toMatchObject({
              partner: e.partner,
              influence: e.influence,
              dependency: e.dependency,
              subsidy: e.subsidy,
              alternativesDesirable: e.alternativesDesirable,
            });
          } else {
            expect({ row: e.row, analysed: result !== undefined }).toEqual({ row: e.row, analysed: false });
            const column = e.skipColumn === null ? null : columnLetter(register.columns[e.skipColumn]);
            expect(skip).toMatchObject({ reason: e.skip, column });
            expect(skip!.message).toContain(String(e.row));
          }
        }
        expect(analysis.influenceScale).toMatchObject(GENERATED_SCALE);
        expect(analysis.dependencyScale).toMatchObject(GENERATED_SCALE);
        expect(analysis.summary.total.count).toBe(analysis.rows.length);
      }),
      { seed: 20261129, numRuns: 80, file: FILE },
    );
  });
});
