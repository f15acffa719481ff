/**
 * Amounts of money as civil servants type them (docs/text-grammar.md): a one-scan path for the
 * common texts and the general reading the subsidy formula follows, tied by a property test.
 */
import { isBlank, isErrorValue } from "./text";
import type { CellValue } from "./types";

/**
 * An amount of money (docs/text-grammar.md): numbers as they are; text like "€ 1.250.000,00",
 * "€ 12.500,-", "1,250,000.00", "EUR 300000", "300 euro", "-€ 1.000". Null when it is not an amount.
 * The subsidy formula (plan/formulas.ts subsidyAmountFormula) reads every text the same way.
 */
export function parseAmount(value: CellValue | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || isBlank(value) || isErrorValue(value)) return null;
  const length = plainAmountChars(value);
  return length < 0 ? parseAmountText(value) : amountFromChars(amountChars, length);
}

/**
 * The general reading of an amount text, step by step as the subsidy formula takes it: upper case;
 * no-break spaces and spaces out; "EURO", "EUR", "€", ",-" and ".-" out, each everywhere, in that
 * order; then the grammar's number. About ten times the cost of the one-scan path, which gives the
 * same results on the texts it takes (a property test holds them together).
 */
export function parseAmountText(value: string): number | null {
  if (isBlank(value) || isErrorValue(value)) return null;
  const cleaned = value
    .toUpperCase()
    .replace(/\u00a0| /g, "")
    .split("EURO")
    .join("")
    .split("EUR")
    .join("")
    .split("€")
    .join("")
    .split(",-")
    .join("")
    .split(".-")
    .join("");
  if (cleaned.length > amountChars.length) amountChars = new Uint16Array(cleaned.length * 2);
  for (let i = 0; i < cleaned.length; i++) amountChars[i] = cleaned.charCodeAt(i);
  return amountFromChars(amountChars, cleaned.length);
}

const CODE = { zero: 48, nine: 57, dot: 46, comma: 44, minus: 45, space: 32, nbsp: 0xa0, euro: 0x20ac } as const;
/** The characters of one amount without spaces and €, reused between calls (no string per amount). */
let amountChars = new Uint16Array(64);
/** Up to this many digits the amount is computed exactly from integers; longer ones go through Number(text). */
const EXACT_DIGITS = 15;
/** The subsidy formula looks for group separators at five places: more groups are no amount. */
const MAX_GROUP_SEPARATORS = 5;

/**
 * The one-scan path for the texts most amounts are ("€ 12.500,-", "1.250.000,00", "-€ 300"): digits,
 * ".", ",", "-", spaces and €, of which the general steps only strip spaces and €, then ",-" and
 * ".-". Copies the rest into amountChars and gives its length; -1 for any other text (letters, tabs
 * …). No regular expressions, no copies: this runs for every amount of a register.
 */
function plainAmountChars(value: string): number {
  if (value.length > amountChars.length) amountChars = new Uint16Array(value.length * 2);
  let n = 0;
  let dashes = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === CODE.space || code === CODE.nbsp || code === CODE.euro) continue;
    if (code === CODE.minus) dashes = true;
    else if (!((code >= CODE.zero && code <= CODE.nine) || code === CODE.dot || code === CODE.comma)) return -1;
    amountChars[n++] = code;
  }
  if (!dashes) return n;
  // As split(",-").join("") and then split(".-").join(""): left to right, what a removal joins stays.
  return dropPairs(amountChars, dropPairs(amountChars, n, CODE.comma), CODE.dot);
}

/** Removes every `first` followed by "-" from b[0, end), in one left-to-right pass; the new length. */
function dropPairs(b: Uint16Array, end: number, first: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (b[i] === first && i + 1 < end && b[i + 1] === CODE.minus) i++;
    else b[n++] = b[i];
  }
  return n;
}

function isDigit(code: number): boolean {
  return code >= CODE.zero && code <= CODE.nine;
}

/**
 * The grammar's number in b[0, end): an optional leading "-", then digits and separators, first and
 * last a digit. Both "." and ",": the last one is the decimal separator, once, the other groups
 * before it. One kind: group separators when they stand every three digits after a first group of
 * one to three digits (at most five of them); else, when there is one, the decimal separator.
 */
function amountFromChars(b: Uint16Array, end: number): number | null {
  let start = 0;
  let negative = false;
  if (end > 0 && b[0] === CODE.minus) {
    negative = true;
    start = 1;
  }
  if (start >= end || !isDigit(b[start]) || !isDigit(b[end - 1])) return null;
  let commas = 0;
  let dots = 0;
  let firstSep = -1;
  let lastComma = -1;
  let lastDot = -1;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const code = b[i];
    if (isDigit(code)) digits++;
    else if (code === CODE.comma) {
      commas++;
      lastComma = i;
      if (firstSep < 0) firstSep = i;
    } else if (code === CODE.dot) {
      dots++;
      lastDot = i;
      if (firstSep < 0) firstSep = i;
    } else return null;
  }
  // Which separator is the decimal one, by position; -1 for none.
  let decimalAt = -1;
  if (commas > 0 && dots > 0) {
    const decimalIsComma = lastComma > lastDot;
    if ((decimalIsComma ? commas : dots) > 1) return null;
    decimalAt = decimalIsComma ? lastComma : lastDot;
  } else if (commas + dots > 0) {
    const separators = commas + dots;
    const firstGroup = firstSep - start;
    let grouped = firstGroup >= 1 && firstGroup <= 3 && end - start === firstGroup + 4 * separators && separators <= MAX_GROUP_SEPARATORS;
    for (let k = 0; grouped && k < separators; k++) grouped = !isDigit(b[firstSep + 4 * k]);
    if (!grouped) {
      if (separators > 1) return null;
      decimalAt = firstSep;
    }
  }
  if (digits > EXACT_DIGITS) return amountByText(b, start, end, decimalAt, negative);
  let whole = 0;
  let scale = 1;
  for (let i = start; i < end; i++) {
    const code = b[i];
    if (isDigit(code)) {
      whole = whole * 10 + (code - CODE.zero);
      if (decimalAt >= 0 && i > decimalAt) scale *= 10;
    }
  }
  // Both exact integers below 2^53: the division rounds once, as Number("12.34") does.
  const amount = whole / scale;
  return negative ? -amount : amount;
}

/** The long-digit case of amountFromChars: through Number(text). */
function amountByText(b: Uint16Array, start: number, end: number, decimalAt: number, negative: boolean): number | null {
  let text = "";
  for (let i = start; i < end; i++) {
    if (i === decimalAt) text += ".";
    else if (isDigit(b[i])) text += String.fromCharCode(b[i]);
  }
  const amount = Number(text);
  if (!Number.isFinite(amount)) return null;
  return negative ? -amount : amount;
}
