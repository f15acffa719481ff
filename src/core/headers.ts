/**
 * Mapping header texts to concepts by meaning: Dutch and English synonyms, word stems, scale hints
 * stripped. Each concept gets its best column and each column is used once.
 */
import { normalizeText } from "./text";
import type { CellValue, ConceptKey } from "./types";

/** Synonyms per concept, already normalised (lower-case, no accents or punctuation). */
export const CONCEPT_SYNONYMS: Readonly<Record<ConceptKey, readonly string[]>> = {
  partner: [
    "partner", "partners", "naam", "naam partner", "partnernaam", "naam organisatie", "organisatienaam", "organisatie",
    "partij", "instelling", "aanvrager", "ontvanger", "subsidieontvanger", "begunstigde", "organisation", "organization",
    "name", "partner name", "organisation name", "organization name", "recipient", "applicant", "stakeholder",
  ],
  influence: [
    "invloed", "invloed op doel", "mate van invloed", "mate van invloed op doel", "invloedscore", "invloed score",
    "bijdrage aan doel", "bijdrage", "influence", "influence score", "impact", "impact score", "contribution",
  ],
  dependency: [
    "afhankelijkheid", "mate van afhankelijkheid", "afhankelijk", "afhankelijkheidsscore", "afhankelijkheid score", "onvervangbaarheid",
    "dependency", "dependence", "dependency score", "irreplaceability", "dependent",
  ],
  alternativesDesirable: [
    "alternatieven wenselijk", "alternatief wenselijk", "alternatief gewenst", "alternatieven gewenst",
    "concurrentie wenselijk", "concurrentie gewenst", "alternatives desirable", "alternative desirable",
    "alternatives wanted", "competition desirable", "alternatieven", "alternatief", "alternatives", "concurrentie",
    "competition",
  ],
  subsidy: [
    "subsidie", "subsidiebedrag", "subsidie bedrag", "bedrag", "verleend bedrag", "vastgesteld bedrag", "budget",
    "bijdrage gemeente", "grant", "grant amount", "amount", "funding", "subsidy",
  ],
  goal: [
    "maatschappelijk doel", "doel", "doelstelling", "doelen", "beleidsdoel", "thema", "programma", "opgave", "goal", "societal goal", "policy goal",
    "theme", "programme", "program", "objective",
  ],
  targetInfluence: [
    "beoogde invloed", "gewenste invloed", "doel invloed", "streefwaarde invloed", "target influence", "desired influence",
  ],
  targetDependency: [
    "beoogde afhankelijkheid", "gewenste afhankelijkheid", "doel afhankelijkheid", "streefwaarde afhankelijkheid",
    "target dependency", "desired dependency",
  ],
};

const SYNONYM_WORDS = Object.fromEntries(
  Object.entries(CONCEPT_SYNONYMS).map(([concept, synonyms]) => [concept, synonyms.map((s) => [s, s.split(" ")] as const)]),
) as unknown as Record<ConceptKey, readonly (readonly [string, readonly string[]])[]>;

/** Words that make a header describe something ABOUT the partner, not its name ("Type organisatie"). */
const PARTNER_ATTRIBUTE_WORDS = new Set([
  "type", "soort", "categorie", "code", "nr", "nummer", "id", "contact", "contactpersoon", "adres", "kvk", "vorm",
  "sector", "category", "kind", "number", "address", "email", "telefoon", "phone", "plaats", "website",
]);
/** Words that make a score header a target rather than the current score. */
const TARGET_WORDS = new Set(["beoogd", "beoogde", "gewenst", "gewenste", "target", "desired", "streefwaarde", "streef", "toekomst"]);

/** A scale hint found in a header: "(1-5)", "1–10", "(%)". */
export interface ScaleHint {
  min: number;
  max: number;
  percent: boolean;
}

const RANGE_HINT = /(\d+(?:[.,]\d+)?)\s*(?:-|–|—|tot en met|t\/m|tot|to)\s*(\d+(?:[.,]\d+)?)\s*(%)?/i;

/** The scale hint in a header, if any. */
export function scaleHintFromHeader(header: string): ScaleHint | null {
  const range = RANGE_HINT.exec(header);
  if (range) {
    const min = Number(range[1].replace(",", "."));
    const max = Number(range[2].replace(",", "."));
    if (max > min && !(min >= 1900 && max <= 2200)) return { min, max, percent: range[3] === "%" || /%|procent|percent/i.test(header) };
  }
  if (/%|\bprocent\b|\bpercent(age)?\b/i.test(header)) return { min: 0, max: 100, percent: true };
  return null;
}

/**
 * A range in the header that is not a scale from low to high ("(5-5)", "(10-1)", "(0-0)"), as
 * written; null when there is none, or when it reads as years ("2024-2026").
 */
export function unusableScaleHint(header: string): string | null {
  const range = RANGE_HINT.exec(header);
  if (!range) return null;
  const min = Number(range[1].replace(",", "."));
  const max = Number(range[2].replace(",", "."));
  if (max > min || (min >= 1900 && max <= 2200)) return null;
  return range[0].trim();
}

const SINGLE_YEAR = /(?<![\d.,])((?:19|20|21)\d\d)(?![\d.,])/g;

/**
 * The one year a header names ("Invloed 2026" → 2026), or null: none, several, or a range of
 * years ("2024-2026"). Registers that keep a score per year in columns of their own name it so.
 */
export function headerYear(header: string): number | null {
  const range = RANGE_HINT.exec(header);
  if (range && Number(range[1]) >= 1900 && Number(range[2]) <= 2200) return null;
  const years = (range ? header.replace(range[0], " ") : header).match(SINGLE_YEAR);
  return years && years.length === 1 ? Number(years[0]) : null;
}

/** Concepts a register may keep per year ("Invloed 2025", "Subsidie 2026"). */
export const YEARLY_CONCEPTS = ["influence", "dependency", "subsidy"] as const satisfies readonly ConceptKey[];

/** The same header but for another year: same meaning words, a different single year. */
export function sameHeaderOtherYears(headers: readonly { column: number; header: string }[], mapped: string): Map<number, number> {
  const words = headerWords(mapped).join(" ");
  const byYear = new Map<number, number>();
  for (const h of headers) {
    const year = headerYear(h.header);
    if (year !== null && h.header !== mapped && headerWords(h.header).join(" ") === words && !byYear.has(year)) byYear.set(year, h.column);
  }
  return byYear;
}

/** Sort key among columns that name a concept equally well: no year is current, then the latest year. */
function recency(header: string): number {
  return headerYear(header) ?? Number.MAX_SAFE_INTEGER;
}

const SCORE_CACHE_LIMIT = 50_000;
const wordsCache = new Map<string, string[]>();

/** The header reduced to the words that carry its meaning: hints, units and years removed. */
export function headerWords(header: string): string[] {
  let words = wordsCache.get(header);
  if (!words) {
    if (wordsCache.size >= SCORE_CACHE_LIMIT) wordsCache.clear();
    words = computeHeaderWords(header);
    wordsCache.set(header, words);
  }
  return words;
}

function computeHeaderWords(header: string): string[] {
  const withoutHints = header
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(RANGE_HINT, " ")
    .replace(/\b(19|20)\d\d\b/g, " ")
    .replace(/€|\beur\b|\beuro\b|%/gi, " ")
    .replace(/\bin\b\s*$/i, " ");
  return normalizeText(withoutHints)
    .split(" ")
    .filter((w) => w !== "" && !/^\d+$/.test(w) && w !== "%" && w !== "€");
}

// Header search looks at many cells that repeat (data rows above a header, re-runs): remember scores.
/**
 * Every concept's score per header text, keyed by the text itself: the header search asks for each
 * cell of 300 rows and 8 concepts, and a key string per question cost more than the answer.
 */
const scoreCache = new Map<string, Partial<Record<ConceptKey, number>>>();

/** How well `header` names `concept`: 0 = not at all, 100 = an exact synonym. */
export function conceptScore(concept: ConceptKey, header: string): number {
  let scores = scoreCache.get(header);
  if (!scores) {
    if (scoreCache.size >= SCORE_CACHE_LIMIT) scoreCache.clear();
    scores = {};
    scoreCache.set(header, scores);
  }
  let score = scores[concept];
  if (score === undefined) {
    score = computeConceptScore(concept, header);
    scores[concept] = score;
  }
  return score;
}

function computeConceptScore(concept: ConceptKey, header: string): number {
  const words = headerWords(header);
  if (words.length === 0) return 0;
  const phrase = words.join(" ");
  const isTarget = words.some((w) => TARGET_WORDS.has(w));
  if ((concept === "influence" || concept === "dependency") && isTarget) return 0;
  if ((concept === "targetInfluence" || concept === "targetDependency") && !isTarget && !CONCEPT_SYNONYMS[concept].includes(phrase)) return 0;
  let best = 0;
  for (const [synonym, synWords] of SYNONYM_WORDS[concept]) {
    if (phrase === synonym) return 100;
    const at = findWords(words, synWords);
    if (at >= 0) {
      const extra = words.length - synWords.length;
      best = Math.max(best, 80 - 6 * at - 2 * extra + 2 * synWords.length);
      continue;
    }
    // Word stems: "invloedscore", "subsidiebedragen", "dependencies".
    if (synWords.length === 1 && synonym.length >= 5) {
      const stemAt = words.findIndex(
        (w) => w.startsWith(synonym) || (synonym.endsWith("y") && w.startsWith(`${synonym.slice(0, -1)}ies`)),
      );
      if (stemAt >= 0) best = Math.max(best, 55 - 6 * stemAt - 2 * (words.length - 1));
    }
  }
  if (concept === "partner" && best > 0 && best < 100 && words.some((w) => PARTNER_ATTRIBUTE_WORDS.has(w))) best = Math.min(best, 15);
  return Math.max(0, best);
}

function findWords(words: readonly string[], sought: readonly string[]): number {
  for (let i = 0; i + sought.length <= words.length; i++) {
    if (sought.every((s, k) => words[i + k] === s)) return i;
  }
  return -1;
}

export interface HeaderCell {
  /** 0-based absolute column. */
  column: number;
  header: string;
}

/** Lowest score that counts as a match. */
export const MIN_CONCEPT_SCORE = 20;

/**
 * Best column per concept, each column used at most once: the highest-scoring (concept, column)
 * pairs are taken first. `fixed` pins concepts to columns (or to "absent") beforehand.
 */
export function mapHeaders(
  headers: HeaderCell[],
  fixed: Partial<Record<ConceptKey, number | null>> = {},
): Partial<Record<ConceptKey, { column: number; header: string; score: number }>> {
  const result: Partial<Record<ConceptKey, { column: number; header: string; score: number }>> = {};
  const usedColumns = new Set<number>();
  const decided = new Set<ConceptKey>();
  for (const [concept, column] of Object.entries(fixed) as [ConceptKey, number | null | undefined][]) {
    if (column === undefined) continue;
    decided.add(concept);
    if (column === null) continue;
    const header = headers.find((h) => h.column === column)?.header ?? "";
    result[concept] = { column, header, score: 100 };
    usedColumns.add(column);
  }
  const candidates: { concept: ConceptKey; column: number; header: string; score: number; order: number; recency: number }[] = [];
  const conceptOrder: ConceptKey[] = ["partner", "influence", "dependency", "targetInfluence", "targetDependency", "alternativesDesirable", "subsidy", "goal"];
  conceptOrder.forEach((concept, order) => {
    if (decided.has(concept)) return;
    for (const h of headers) {
      if (usedColumns.has(h.column)) continue;
      const score = conceptScore(concept, h.header);
      if (score >= MIN_CONCEPT_SCORE) candidates.push({ concept, column: h.column, header: h.header, score, order, recency: recency(h.header) });
    }
  });
  // Years as columns ("Invloed 2025", "Invloed 2026"): the latest year is the current score.
  candidates.sort((a, b) => b.score - a.score || a.order - b.order || b.recency - a.recency || a.column - b.column);
  for (const c of candidates) {
    if (result[c.concept] || usedColumns.has(c.column)) continue;
    result[c.concept] = { column: c.column, header: c.header, score: c.score };
    usedColumns.add(c.column);
  }
  return result;
}

/** The non-blank header texts of one sheet row within [firstColumn, lastColumn], for mapping dropdowns. */
export function headerCellsOfRow(
  values: CellValue[][],
  origin: { row: number; column: number },
  row: number,
  firstColumn = origin.column,
  lastColumn = origin.column + (values[0]?.length ?? 0) - 1,
): HeaderCell[] {
  const r = values[row - origin.row];
  if (!r) return [];
  const cells: HeaderCell[] = [];
  for (let c = firstColumn; c <= lastColumn; c++) {
    const v = r[c - origin.column];
    if (typeof v === "string" && v.trim() !== "") cells.push({ column: c, header: v.trim() });
    else if (typeof v === "number") cells.push({ column: c, header: String(v) });
  }
  return cells;
}
