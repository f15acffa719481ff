/**
 * Response sizes counted from the cells we hold: they decide how reads are cut under Excel on the
 * web's 5 MB, so they must equal what JSON in UTF-8 really takes (the double measures the same).
 */
import { jsonBytes, rowJsonBytes } from "../../src/excel/bytes";

const utf8 = new TextEncoder();
const realBytes = (value: unknown) => utf8.encode(JSON.stringify(value)).length;

describe("jsonBytes: the UTF-8 bytes of a cell value as JSON", () => {
  test.each<[string, unknown]>([
    ["plain text", "Bibliotheek Noord"],
    ["empty text", ""],
    ["quotes and backslashes", 'Zei "ja" \\ nee'],
    ["line breaks and tabs", "regel 1\nregel 2\tkolom\r"],
    ["other control characters", "a\u0001b\u001fc"],
    ["accents (2 bytes)", "Energiecoöperatie Één"],
    ["the euro sign and CJK (3 bytes)", "€ 1.250,- 中文"],
    ["a surrogate pair (4 bytes)", "Partner 😀"],
    ["a lone surrogate (escaped)", "a\ud800b"],
    ["an integer", 1446500],
    ["a decimal", 2.5],
    ["a negative exponent", -1.2345678901234567e-100],
    ["true", true],
    ["false", false],
    ["null", null],
  ])("%s", (_label, value) => {
    expect(jsonBytes(value)).toBe(realBytes(value));
  });

  test("NaN and Infinity are written as null", () => {
    expect(jsonBytes(Number.NaN)).toBe(realBytes(Number.NaN));
    expect(jsonBytes(Number.POSITIVE_INFINITY)).toBe(realBytes(Number.POSITIVE_INFINITY));
  });

  test("a row: its cells, the commas between them, its brackets and the comma after it", () => {
    const row = ["Bibliotheek", 3.5, "", true, null, "Één"];
    expect(rowJsonBytes(row)).toBe(realBytes(row) + 1);
    expect(rowJsonBytes([])).toBe(realBytes([]) + 1);
  });
});
