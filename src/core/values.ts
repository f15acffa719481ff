/**
 * Reading cell values the way a civil servant meant them: scores, labels, amounts, yes/no.
 * The word lists and label tables are exported because the formula writer must make Excel do
 * exactly the same conversions.
 */
import { displayText, isBlank, isErrorValue, normalizeText } from "./text";
import type { CellValue } from "./types";

export { parseAmount, parseAmountText } from "./amounts";

/** "Alternatives desirable" counts as yes for these (compared after trimming, any case). */
export const YES_WORDS: readonly string[] = ["ja", "j", "yes", "y", "true", "waar", "1", "x"];
/** …and as no for these. Blank or anything else also means no. */
export const NO_WORDS: readonly string[] = ["nee", "n", "no", "false", "onwaar", "0"];

/** Ordinal label scales, lowest first, lower-case. Dutch and English words share positions. */
export const LABELS_3_NL: readonly string[] = ["laag", "gemiddeld", "hoog"];
export const LABELS_3_EN: readonly string[] = ["low", "medium", "high"];
export const LABELS_5_NL: readonly string[] = ["zeer laag", "laag", "gemiddeld", "hoog", "zeer hoog"];
export const LABELS_5_EN: readonly string[] = ["very low", "low", "medium", "high", "very high"];

/** Words that only occur on the five-level scale: one of them in a column makes it 1–5. */
export const FIVE_LEVEL_ONLY: readonly string[] = ["zeer laag", "zeer hoog", "very low", "very high"];

/**
 * Label → value on the 3-level scale (1–3) and on the 5-level scale (1–5). Every accepted label
 * appears here, so a formula writer can build its lookup from these tables.
 */
export const LABEL_VALUES_3: Readonly<Record<string, number>> = {
  laag: 1,
  gemiddeld: 2,
  hoog: 3,
  low: 1,
  medium: 2,
  high: 3,
};
export const LABEL_VALUES_5: Readonly<Record<string, number>> = {
  "zeer laag": 1,
  laag: 2,
  gemiddeld: 3,
  hoog: 4,
  "zeer hoog": 5,
  "very low": 1,
  low: 2,
  medium: 3,
  high: 4,
  "very high": 5,
};

/**
 * The text as the written formulas see it: `TRIM(SUBSTITUTE(text, UNICHAR(160), " "))`. No-break
 * spaces count as spaces; spaces (U+0020 only, like Excel's TRIM) go at both ends and runs of them
 * become one. Other white space (tabs, line breaks) stays, so such a text matches no word and no
 * number on either side (docs/text-grammar.md).
 */
export function trimLikeExcel(text: string): string {
  const spaced = text.includes("\u00a0") ? text.replace(/\u00a0/g, " ") : text;
  // Most texts have nothing to trim: no copy for them.
  if (spaced.charCodeAt(0) !== 32 && spaced.charCodeAt(spaced.length - 1) !== 32 && !spaced.includes("  ")) return spaced;
  return spaced.replace(/ {2,}/g, " ").replace(/^ | $/g, "");
}

/**
 * How a word cell (label, yes/no) is compared with the word tables: trimmed as the formulas trim it,
 * then ignoring case, as Excel's `=` between texts does; accents count (`=` keeps them).
 */
export function normalizeLabel(text: string): string {
  return trimLikeExcel(text).toLowerCase();
}

export type YesNo = "yes" | "no" | "unknown";

export function parseYesNo(value: CellValue | undefined): YesNo {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (isBlank(value)) return "unknown";
  const word = normalizeLabel(String(value));
  if (YES_WORDS.includes(word)) return "yes";
  if (NO_WORDS.includes(word)) return "no";
  return "unknown";
}

/** What a score cell holds. Numbers are raw: a percent-formatted 0.35 is reported as 35 with `percent`. */
export type ParsedScore = Readonly<
  | { kind: "blank" }
  | { kind: "error"; text: string }
  | { kind: "number"; value: number; percent: boolean }
  | { kind: "label"; label: string }
  | { kind: "unusable"; text: string }
>;

/**
 * Every ParsedScore has the same fields in the same order (those its kind lacks are undefined), so
 * the per-row code that reads `kind` sees one object shape rather than five (V8 handles up to four
 * shapes at a property access quickly, more slowly beyond).
 */
function numberScore(value: number, percent: boolean): ParsedScore {
  return { kind: "number", value, percent, label: undefined, text: undefined } as ParsedScore;
}
function labelScore(label: string): ParsedScore {
  return { kind: "label", value: undefined, percent: undefined, label, text: undefined } as ParsedScore;
}
function textScore(kind: "error" | "unusable", text: string): ParsedScore {
  return { kind, value: undefined, percent: undefined, label: undefined, text } as ParsedScore;
}
const BLANK_SCORE = { kind: "blank", value: undefined, percent: undefined, label: undefined, text: undefined } as ParsedScore;

/** Names Excel and LibreOffice give the default format in various languages. */
const GENERAL_FORMATS = new Set(["general", "standaard", "standard", "algemeen", "@"]);

/** How Excel shows a number in a cell of some format: as a date or time, as a percentage, or plainly. */
export type NumberReading = "plain" | "percent" | "date";

/**
 * Readings per format string: a score column has one or two formats, but asking per cell ran
 * several regular expressions per row. Bounded so a sheet of all-different formats cannot grow it.
 */
const FORMAT_CACHE_LIMIT = 10_000;
const formatReadings = new Map<string, NumberReading>();
/** The format asked last: consecutive cells of a column mostly share it. */
let lastFormat: string | null = null;
let lastReading: NumberReading = "plain";

/** How a number in a cell with `format` reads (one cached answer per distinct format). */
export function numberFormatReading(format: string | null | undefined): NumberReading {
  if (!format) return "plain";
  if (format === lastFormat) return lastReading;
  let reading = formatReadings.get(format);
  if (reading === undefined) {
    if (formatReadings.size >= FORMAT_CACHE_LIMIT) formatReadings.clear();
    reading = showsDate(format) ? "date" : showsPercent(format) ? "percent" : "plain";
    formatReadings.set(format, reading);
  }
  lastFormat = format;
  lastReading = reading;
  return reading;
}

/** Formats that show a date or time (a date typed in a score column is not a score). */
function showsDate(format: string): boolean {
  if (GENERAL_FORMATS.has(format.trim().toLowerCase())) return false;
  const stripped = format
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  return /[dmyhs]/i.test(stripped) && !/^[#0.,\s%€$E+-]*$/i.test(stripped);
}

function showsPercent(format: string): boolean {
  return format.replace(/"[^"]*"/g, "").replace(/\\./g, "").includes("%");
}

/**
 * An Excel serial day number as the date a user typed ("2026-03-01"), for messages. Null when the
 * serial lies outside the dates JavaScript can represent (Excel shows such a cell as ####).
 */
export function serialToIsoDate(serial: number): string | null {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return serial % 1 === 0 ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
}

/** A score written as text (docs/text-grammar.md): digits, at most one decimal comma or point between digits. */
const SCORE_NUMBER_TEXT = /^[0-9]+([.,][0-9]+)?$/;

/**
 * A score number written as text ("3,5", "3.5", "4"), already trimmed like Excel; null otherwise.
 * No sign, no exponent, no inner space: the score formula cannot tell those from typing errors
 * ("1 5"), so neither side reads them.
 */
export function parseNumberText(text: string): number | null {
  if (!SCORE_NUMBER_TEXT.test(text)) return null;
  return Number(text.replace(",", "."));
}

/**
 * Whole and half scores (0, 0.5 … 100) share one result each: a register's score columns
 * hold 100,000+ of them, and objects that live as long as the analysis are what the garbage
 * collector copies.
 */
const HALF_SCORES: readonly ParsedScore[] = Array.from({ length: 201 }, (_, twice) => numberScore(twice / 2, false));

/** One shared result per accepted label, for the same reason. */
const LABEL_SCORES = new Map<string, ParsedScore>(Object.keys(LABEL_VALUES_5).map((label) => [label, labelScore(label)]));

function plainNumberScore(value: number): ParsedScore {
  const twice = value * 2;
  return Number.isInteger(twice) && twice >= 0 && twice <= 200 && !Object.is(value, -0) ? HALF_SCORES[twice] : numberScore(value, false);
}

/** Lookups after which a text cache checks whether it pays, and the share of hits it must reach. */
const MEMO_TRIAL = 1024;
const MEMO_MIN_HIT_RATE = 0.5;

/**
 * Parse results per distinct text. A register's columns repeat their texts ("ja", "3,5", "hoog")
 * over thousands of rows, and a Map lookup costs less than trimming and regular expressions per
 * cell. A column of mostly different texts (amounts such as "€ 12.500,-") would only fill the
 * Map: after a trial of lookups with too few hits the cache is dropped and texts are parsed
 * directly. Non-text values always go straight to `parse`; bounded for sheets of all-different texts.
 */
export function memoizeTexts<T>(parse: (value: CellValue | undefined) => T, limit = 100_000): (value: CellValue | undefined) => T {
  let cache: Map<string, T> | null = new Map<string, T>();
  let lookups = 0;
  let hits = 0;
  return (value) => {
    if (typeof value !== "string" || cache === null) return parse(value);
    let result = cache.get(value);
    if (result !== undefined) {
      hits++;
    } else {
      result = parse(value);
      if (cache.size >= limit) cache.clear();
      cache.set(value, result);
    }
    if (++lookups === MEMO_TRIAL && hits < MEMO_MIN_HIT_RATE * MEMO_TRIAL) cache = null;
    return result;
  };
}

/** Reads one score cell; `numberFormat` tells percentages and dates apart from plain numbers (text ignores it). */
export function parseScore(value: CellValue | undefined, numberFormat?: string | null): ParsedScore {
  if (isBlank(value)) return BLANK_SCORE;
  if (isErrorValue(value)) return textScore("error", String(value).trim());
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return textScore("unusable", String(value));
    const reading = numberFormatReading(numberFormat);
    if (reading === "date") return textScore("unusable", serialToIsoDate(value) ?? displayText(value));
    if (reading === "percent") return numberScore(value * 100, true);
    return plainNumberScore(value);
  }
  if (typeof value === "boolean") return textScore("unusable", value ? "TRUE" : "FALSE");
  // Excel-trimmed, not trim(): a user-defined label is then matched as its lookup formula matches it.
  const text = trimLikeExcel(String(value));
  // "35%" and "35 %": the number before one trailing percent sign (the formula's LEFT and TRIM).
  const body = text.endsWith("%") ? trimLikeExcel(text.slice(0, -1)) : null;
  const n = parseNumberText(body ?? text);
  if (n !== null) return body === null ? plainNumberScore(n) : numberScore(n, true);
  const label = text.toLowerCase();
  if (Object.hasOwn(LABEL_VALUES_5, label)) return LABEL_SCORES.get(label) ?? labelScore(label);
  return textScore("unusable", text);
}

/** Words in the partner column that mark a totals row rather than a partner. */
export const TOTAL_WORDS: readonly string[] = ["totaal", "totalen", "total", "totals", "grand total", "eindtotaal", "subtotaal", "subtotal", "som", "sum"];

/** The first word of every total label (after normalising). */
const TOTAL_FIRST_WORDS: readonly string[] = ["totaal", "totalen", "total", "totals", "grand", "eindtotaal", "subtotaal", "subtotal", "som", "sum"];
const LONGEST_TOTAL_WORD = 10;
/** Lower-case initials of TOTAL_FIRST_WORDS, as character codes. */
const TOTAL_INITIALS: readonly number[] = [...new Set(TOTAL_FIRST_WORDS.map((w) => w.charCodeAt(0)))];
/** Their first two letters, as (first << 8 | second) codes. */
const TOTAL_PREFIXES: readonly number[] = [...new Set(TOTAL_FIRST_WORDS.map((w) => (w.charCodeAt(0) << 8) | w.charCodeAt(1)))];

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * True when the text's first word shows it is no total label, decided on its ASCII start without
 * Unicode normalisation (this runs for every row of a register). False means "look closer": the
 * start holds non-ASCII text or "%", or a word a total label can begin with.
 */
function surelyNoTotal(value: string): boolean {
  // Most partner names start with a letter no total word starts with: decided on one character.
  const initial = value.charCodeAt(0) | 0x20;
  if (initial >= 97 && initial <= 122) {
    if (!TOTAL_INITIALS.includes(initial)) return true;
    // Two letters no total word starts with ("St" of "Stichting") decide it as well.
    const second = value.charCodeAt(1) | 0x20;
    if (second >= 97 && second <= 122 && !TOTAL_PREFIXES.includes((initial << 8) | second)) return true;
  }
  let start = 0;
  for (; start < value.length; start++) {
    const code = value.charCodeAt(start);
    if (code >= 128 || code === 37) return false;
    if (isAsciiLetterOrDigit(code)) break;
  }
  if (start === value.length) return true;
  let end = start;
  // A word longer than any total word decides it: no need to read the rest ("Stichting…").
  while (end < value.length && isAsciiLetterOrDigit(value.charCodeAt(end))) if (++end - start > LONGEST_TOTAL_WORD) return true;
  const word = value.slice(start, end).toLowerCase();
  // A non-ASCII character right after the word may still belong to it ("Totaäl" normalises to "totaal").
  const wordMayGoOn = end < value.length && value.charCodeAt(end) >= 128;
  return wordMayGoOn ? !TOTAL_FIRST_WORDS.some((w) => w.startsWith(word)) : !TOTAL_FIRST_WORDS.includes(word);
}

export function isTotalLabel(value: CellValue | undefined): boolean {
  if (typeof value !== "string" || surelyNoTotal(value)) return false;
  const n = normalizeText(value);
  return TOTAL_WORDS.includes(n) || /^(totaal|total|eindtotaal|subtotaal)\b/.test(n);
}

/** A footnote line below a register: "* Scores …", "Bron: …", "Noot: …". */
export function looksLikeFootnote(value: CellValue | undefined): boolean {
  if (typeof value !== "string") return false;
  const t = value.trim();
  // The second pattern needs a colon: most cells (partner names) are ruled out without regexes.
  return /^(\*|†|¹|²|\(\d\)|\d\))/.test(t) || (t.includes(":") && /^(bron|noot|toelichting|opmerking|opmerkingen|note|notes|source|let op)\s*:/i.test(t));
}
