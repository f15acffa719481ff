import fc from "fast-check";
import {
  LABEL_VALUES_3,
  LABEL_VALUES_5,
  LABELS_5_NL,
  NO_WORDS,
  TOTAL_WORDS,
  YES_WORDS,
  isTotalLabel,
  looksLikeFootnote,
  numberFormatReading,
  parseAmount,
  parseAmountText,
  parseScore,
  parseYesNo,
} from "../../src/core/values";
import { columnIndex, columnLetter, normalizeText } from "../../src/core/text";

describe("scores", () => {
  it("does not take names of built-in object properties for score labels", () => {
    for (const word of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(parseScore(word).kind).toBe("unusable");
    }
  });

  it("reads numbers, text with a decimal comma or point, and percentages", () => {
    expect(parseScore(4)).toEqual({ kind: "number", value: 4, percent: false });
    expect(parseScore("3,5")).toEqual({ kind: "number", value: 3.5, percent: false });
    expect(parseScore(" 4.5 ")).toEqual({ kind: "number", value: 4.5, percent: false });
    expect(parseScore(0.35, "0%")).toEqual({ kind: "number", value: 35, percent: true });
    expect(parseScore("35 %")).toEqual({ kind: "number", value: 35, percent: true });
    expect(parseScore("12,5%")).toEqual({ kind: "number", value: 12.5, percent: true });
    // A no-break space counts as a space (the formulas replace it before TRIM).
    expect(parseScore("2,5\u00a0")).toEqual({ kind: "number", value: 2.5, percent: false });
    expect(parseScore("\u00a0zeer\u00a0 hoog")).toEqual({ kind: "label", label: "zeer hoog" });
  });

  it("recognises labels in any case and spacing", () => {
    expect(parseScore("Zeer  Hoog")).toEqual({ kind: "label", label: "zeer hoog" });
    expect(parseScore("LOW")).toEqual({ kind: "label", label: "low" });
  });

  it("does not guess unusable scores", () => {
    for (const text of ["n.v.t.", "?", "onbekend", "3 à 4", "1.000,5"]) expect(parseScore(text).kind).toBe("unusable");
    // Outside docs/text-grammar.md: the score formula could not tell these from typing errors.
    for (const text of ["1 5", "+3", "-1", "3.", ".5", "1e0", "3%%", "%5", "hóóg", "2\u202f5", "hoog\t"]) expect({ text, kind: parseScore(text).kind }).toEqual({ text, kind: "unusable" });
    expect(parseScore("")).toEqual({ kind: "blank" });
    expect(parseScore(null)).toEqual({ kind: "blank" });
    expect(parseScore("#N/A")).toEqual({ kind: "error", text: "#N/A" });
    expect(parseScore(true).kind).toBe("unusable");
  });

  it("treats a date in a score column as unusable and shows it as a date", () => {
    // 46082 is 1 March 2026 in Excel's day numbering.
    expect(parseScore(46082, "dd-mm-yyyy")).toEqual({ kind: "unusable", text: "2026-03-01" });
    expect(parseScore(46082, "General")).toEqual({ kind: "number", value: 46082, percent: false });
  });

  it("label tables agree with framework.md: laag/gemiddeld/hoog → 1–3, zeer laag…zeer hoog → 1–5", () => {
    expect([LABEL_VALUES_3.laag, LABEL_VALUES_3.gemiddeld, LABEL_VALUES_3.hoog]).toEqual([1, 2, 3]);
    expect(LABELS_5_NL.map((l) => LABEL_VALUES_5[l])).toEqual([1, 2, 3, 4, 5]);
    expect([LABEL_VALUES_3.low, LABEL_VALUES_3.high, LABEL_VALUES_5["very high"]]).toEqual([1, 3, 5]);
  });
});

describe("amounts", () => {
  it.each([
    ["€ 1.250.000,00", 1250000],
    ["€ 12.500,-", 12500],
    ["€ 300.000", 300000],
    ["1,250,000.00", 1250000],
    ["12,500", 12500],
    ["€ 0,00", 0],
    ["12,50", 12.5],
    ["EUR 4500", 4500],
    ["-€ 1.000", -1000],
    // docs/text-grammar.md: one separator is decimal unless it groups three digits.
    ["12.50", 12.5],
    ["1.5", 1.5],
    ["300 euro", 300],
    ["€ 1 000", 1000],
    ["€\u00a075.000", 75000],
    ["€ 1.000.000.000", 1000000000],
    [250000, 250000],
  ])("%s is %d", (text, amount) => {
    expect(parseAmount(text)).toBe(amount);
  });

  it("gives null for what is not an amount", () => {
    for (const text of ["", "n.v.t.", "#REF!", "1.2.3", "€", "(300)", "+500", "300-", "12.", ".5", "1e3", "1.25.0", "€ 12.500,--"]) expect({ text, amount: parseAmount(text) }).toEqual({ text, amount: null });
  });

  it("reads every text of digits, separators, signs, brackets, spaces and € as the general reading does", () => {
    // The one-scan reader serves most amounts; the general one (regular expressions) defines them.
    const amountText = fc
      .array(fc.constantFrom(..."0123456789.,,..--+()€  \u00a0".split(""), "EUR", "\t", "x"), { maxLength: 24 })
      .map((parts) => parts.join(""));
    const grouped = fc
      .tuple(fc.constantFrom("", "€ ", "-€ ", "(", "+"), fc.integer({ min: 0, max: 99999 }), fc.array(fc.integer({ min: 0, max: 9999 }), { maxLength: 6 }), fc.constantFrom(".", ","), fc.constantFrom("", ",-", ".--", ",00", ".5", ",25", ")"))
      .map(([lead, first, groups, sep, tail]) => lead + [String(first), ...groups.map((g) => String(g).padStart(3, "0"))].join(sep) + tail);
    fc.assert(
      fc.property(fc.oneof(amountText, grouped), (text) => {
        expect(Object.is(parseAmount(text), parseAmountText(text))).toBe(true);
      }),
      { numRuns: 3000, seed: 20261129 },
    );
  });
});

describe("yes/no", () => {
  it("accepts exactly framework.md's words in any case", () => {
    expect(YES_WORDS).toEqual(["ja", "j", "yes", "y", "true", "waar", "1", "x"]);
    expect(NO_WORDS).toEqual(["nee", "n", "no", "false", "onwaar", "0"]);
    for (const w of ["JA", "Yes", " x ", "Waar", "1"]) expect(parseYesNo(w)).toBe("yes");
    for (const w of ["Nee", "N", "onwaar", "0"]) expect(parseYesNo(w)).toBe("no");
    expect(parseYesNo(true)).toBe("yes");
    expect(parseYesNo(1)).toBe("yes");
    for (const w of ["", "?", "misschien", null]) expect(parseYesNo(w)).toBe("unknown");
    // As the formula compares: no-break spaces trimmed, case ignored, accents kept.
    expect([parseYesNo("ja\u00a0"), parseYesNo("Jà"), parseYesNo("\tja"), parseYesNo("ja ja")]).toEqual(["yes", "unknown", "unknown", "unknown"]);
  });
});

describe("register edges", () => {
  it("tells a total label by its shortcuts exactly as by its definition (normalised text against the total words)", () => {
    const definition = (text: string) => {
      const n = normalizeText(text);
      return TOTAL_WORDS.includes(n) || /^(totaal|total|eindtotaal|subtotaal)\b/.test(n);
    };
    const piece = fc.constantFrom("Totaal", "TOTAL", "totalen", "Grand total", "Eindtotaal", "subtotaal", "Som", "sum", "Stichting", "Sportclub", "Theater", "Ein", "Tö", "S", "T", "ä", "é", " ", ":", "-", "%", "2026", "x");
    const text = fc.oneof(fc.array(piece, { maxLength: 4 }).map((parts) => parts.join("")), fc.string({ unit: "grapheme", maxLength: 10 }));
    fc.assert(
      fc.property(text, (value) => isTotalLabel(value) === definition(value)),
      { seed: 20261129, numRuns: 3000 },
    );
  });

  it("recognises totals rows and footnotes", () => {
    expect(isTotalLabel("Totaal")).toBe(true);
    expect(isTotalLabel("TOTAL:")).toBe(true);
    expect(isTotalLabel("Totaal 2026")).toBe(true);
    expect(isTotalLabel("Totaalzorg BV")).toBe(false);
    expect(looksLikeFootnote("* Scores op schaal 1-5")).toBe(true);
    expect(looksLikeFootnote("Bron: beleidsteam")).toBe(true);
    expect(looksLikeFootnote("Stichting Bron")).toBe(false);
  });
});

describe("text helpers", () => {
  it("converts column letters both ways", () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(["A", "z", "AA", "ZZ", "AAA"].map(columnIndex)).toEqual([0, 25, 26, 701, 702]);
  });
  it("normalises case, accents and punctuation", () => {
    expect(normalizeText("  Coöperatie: Énergie—Noord! ")).toBe("cooperatie energie noord");
  });
});

describe("number formats", () => {
  it("tells dates from numbers, whatever the default format is called", () => {
    for (const f of ["dd-mm-yyyy", "m/d/yyyy", "d mmmm yyyy", "[$-413]d-mmm-jj;@", "hh:mm"]) expect(numberFormatReading(f)).toBe("date");
    for (const f of ["General", "Standaard", "0%", "#,##0.00", '"€" #,##0', "_-€ * #,##0.00_-", '0 "dagen"', "0.0E+00", "@"]) {
      expect(numberFormatReading(f)).not.toBe("date");
    }
    expect(numberFormatReading("0.0%")).toBe("percent");
    expect(numberFormatReading('0 "%"')).not.toBe("percent");
  });
});
