/** The cell predicates every reader path runs per cell: their fast paths must agree with their definitions. */
import fc from "fast-check";
import { cellHoldsContent, displayText, formulaText, isBlank, isErrorValue, isFormulaCell } from "../../src/core/text";
import { memoizeTexts } from "../../src/core/values";

const SEED = 20261129;
const whitespace = ["", " ", "\t", "\n", "\u00a0", "\u1680", "\u2003", "\u3000", "\ufeff", "\u200b"];

describe("isBlank", () => {
  it("is true exactly for null, undefined and text that trims to nothing, whatever the characters", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 6 }),
      fc.array(fc.constantFrom(...whitespace), { maxLength: 5 }).map((parts) => parts.join("")),
      fc.tuple(fc.constantFrom(...whitespace), fc.string({ unit: "binary", maxLength: 4 })).map(([space, rest]) => space + rest),
    );
    fc.assert(
      fc.property(text, (value) => isBlank(value) === (value.trim() === "")),
      { seed: SEED, numRuns: 2000 },
    );
    expect([null, undefined, 0, false].map((value) => isBlank(value))).toEqual([true, true, false, false]);
  });
});

describe("the white space the predicates skip", () => {
  it("is exactly what trim() removes, for every UTF-16 code unit", () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      const space = ch.trim() === "";
      if (isBlank(ch) !== space || isBlank(`${ch}x`) || displayText(`${ch}x${ch}`) !== `${ch}x${ch}`.trim() || isErrorValue(`${ch}#N/A`) !== space) {
        wrong.push(code.toString(16));
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("isErrorValue", () => {
  it("agrees with its definition (an Excel error once trimmed, any case) whatever surrounds it", () => {
    const errors = ["#REF!", "#N/A", "#DIV/0!", "#value!", "#NAME?", "#SPILL!", "#GETTING_DATA"];
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.tuple(fc.array(fc.constantFrom(...whitespace), { maxLength: 2 }), fc.constantFrom(...errors), fc.array(fc.constantFrom(...whitespace, "x"), { maxLength: 2 })).map(
        ([before, error, after]) => before.join("") + error + after.join(""),
      ),
    );
    const definition = /^#(REF!|N\/A|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/i;
    fc.assert(
      fc.property(text, (value) => isErrorValue(value) === definition.test(value.trim())),
      { seed: SEED, numRuns: 2000 },
    );
    expect([" #REF!", "\u00a0#N/A ", "Partner #1", "#REF! x", 7, null].map((value) => isErrorValue(value))).toEqual([true, true, false, false, false, false]);
  });
});

describe("isFormulaCell", () => {
  it("tells a formula from a constant as Excel's range.formulas gives them", () => {
    expect(isFormulaCell("=SUM(A1:A3)", 6)).toBe(true);
    expect(isFormulaCell('=""', "")).toBe(true); // a formula that shows nothing
    expect(isFormulaCell(5, 5)).toBe(false); // a number constant
    expect(isFormulaCell("Bibliotheek", "Bibliotheek")).toBe(false);
    expect(isFormulaCell("=Gemeente", "=Gemeente")).toBe(false); // text typed as '=Gemeente
    expect(isFormulaCell("=", "=")).toBe(false);
    expect(isFormulaCell(null, "x")).toBe(false); // a snapshot that marks constants null
    expect(formulaText("=1+1", 2)).toBe("=1+1");
    expect(formulaText("x", "x")).toBeNull();
    // What a planned cell may not overwrite: a value, or a formula that shows nothing.
    expect(cellHoldsContent("", '=""')).toBe(true);
    expect(cellHoldsContent(" ", " ")).toBe(false);
    expect(cellHoldsContent(undefined, undefined)).toBe(false);
    expect(cellHoldsContent(0, 0)).toBe(true);
  });
});

describe("memoizeTexts", () => {
  it("gives what the parser gives, asking it once per text, and passes other values through", () => {
    const asked: unknown[] = [];
    const parse = (value: unknown) => {
      asked.push(value);
      return typeof value === "string" ? value.length : -1;
    };
    const memo = memoizeTexts(parse, 3);
    expect(["ja", "nee", "ja", "ja"].map(memo)).toEqual([2, 3, 2, 2]);
    expect(asked).toEqual(["ja", "nee"]);
    expect([7, 7].map(memo)).toEqual([-1, -1]);
    expect(asked).toEqual(["ja", "nee", 7, 7]);
    // Bounded: past the limit the cache starts again, the answers stay the same.
    expect(["a", "b", "c", "d", "ja"].map(memo)).toEqual([1, 1, 1, 1, 2]);
  });
});
