/**
 * Which scale a score column uses: a header hint wins; then labels; then percent formatting;
 * else the smallest standard scale that holds every value.
 */
import { scaleHintFromHeader } from "./headers";
import { FIVE_LEVEL_ONLY, normalizeLabel, LABELS_3_EN, LABELS_3_NL, LABELS_5_EN, LABELS_5_NL, LABEL_VALUES_3, LABEL_VALUES_5, type ParsedScore } from "./values";
import type { AnalysisSettings, Scale } from "./types";
import { RegisterError } from "./types";

/** Candidate scales, smallest first. */
export const STANDARD_SCALES: readonly { min: number; max: number }[] = [
  { min: 1, max: 5 },
  { min: 0, max: 5 },
  { min: 1, max: 10 },
  { min: 0, max: 10 },
  { min: 0, max: 100 },
];

const ENGLISH_LABELS = new Set(["low", "medium", "high", "very low", "very high"]);

/**
 * The scale when the user set it or the header names it ("Invloed (1-5)"); null when it has to be
 * guessed from the values. Known scales let the analysis read each row once.
 */
export function knownScale(header: string, override?: AnalysisSettings["influenceScale"]): Scale | null {
  if (override) {
    if (!(Number.isFinite(override.min) && Number.isFinite(override.max) && override.max > override.min)) {
      throw new RegisterError("invalid-setting", `Scale ${override.min}–${override.max} is not a range from low to high.`);
    }
    const kind = override.kind ?? (override.labels ? "labels" : "numeric");
    return { min: override.min, max: override.max, kind, ...(override.labels ? { labels: [...override.labels] } : {}), source: "user" };
  }
  const hint = scaleHintFromHeader(header);
  if (hint) return { min: hint.min, max: hint.max, kind: hint.percent ? "percent" : "numeric", source: "header" };
  return null;
}

/**
 * The scale guessed from a column's scores: labels, then percent formatting, then the smallest
 * standard scale. A column that mixes labels and numbers gets the reading under which more of its
 * scores are usable: one "hoog" among thirteen scores of 1–10 does not make the column a 1–3 label
 * scale; a few numbers among labels do not undo the labels. The odd cells are then skipped with their reason.
 */
export function scaleFromValues(scores: readonly ParsedScore[]): Scale {
  // Plain loops: a register can have 100,000+ scores (no per-score arrays, no spreading into Math.min).
  const labels: string[] = [];
  let numberCount = 0;
  let percentCount = 0;
  let low = Infinity;
  let high = -Infinity;
  for (const s of scores) {
    if (s.kind === "label") labels.push(s.label);
    else if (s.kind === "number") {
      numberCount++;
      if (s.percent) percentCount++;
      if (s.value < low) low = s.value;
      if (s.value > high) high = s.value;
    }
  }
  const labelScale = labels.length > 0 ? scaleOfLabels(labels) : null;
  if (labelScale && numberCount === 0) return labelScale;
  let numeric: Scale;
  if (numberCount > 0 && percentCount > numberCount / 2) numeric = { min: 0, max: 100, kind: "percent", source: "percentFormat" };
  else {
    if (numberCount === 0) {
      low = 1;
      high = 5;
    }
    const fit = STANDARD_SCALES.find((s) => low >= s.min && high <= s.max) ?? STANDARD_SCALES[STANDARD_SCALES.length - 1];
    numeric = { min: fit.min, max: fit.max, kind: "numeric", source: "values" };
  }
  if (!labelScale) return numeric;
  return usableCount(scores, labelScale) >= usableCount(scores, numeric) ? labelScale : numeric;
}

function scaleOfLabels(labels: string[]): Scale {
  const five = labels.some((l) => FIVE_LEVEL_ONLY.includes(l));
  let englishCount = 0;
  for (const l of labels) if (ENGLISH_LABELS.has(l)) englishCount++;
  const english = englishCount > labels.length / 2;
  const names = five ? (english ? LABELS_5_EN : LABELS_5_NL) : english ? LABELS_3_EN : LABELS_3_NL;
  return { min: 1, max: names.length, kind: "labels", labels: [...names], source: "labels" };
}

/** How many scores read as a number on `scale`. */
function usableCount(scores: readonly ParsedScore[], scale: Scale): number {
  let count = 0;
  for (const s of scores) {
    const value = scoreOnScale(s, scale);
    if (value !== null && onScale(value, scale)) count++;
  }
  return count;
}

/** A parsed score as a number on `scale`, or null when it cannot be one (labels on a scale that has none). */
export function scoreOnScale(score: ParsedScore, scale: Scale): number | null {
  if (score.kind === "number") return score.value;
  // Labels the user defined for this scale ("slecht", "matig", "goed") count from the scale's minimum.
  if (scale.source === "user" && scale.labels && (score.kind === "label" || score.kind === "unusable")) {
    const at = scale.labels.map(normalizeLabel).indexOf(normalizeLabel(score.kind === "label" ? score.label : score.text));
    if (at >= 0) return scale.min + at;
  }
  if (score.kind !== "label") return null;
  const levels = scale.kind === "labels" ? (scale.labels?.length ?? scale.max - scale.min + 1) : scale.max - scale.min + 1;
  if (scale.min !== 1) return null;
  if (levels === 5) return LABEL_VALUES_5[score.label] ?? null;
  if (levels === 3 && Object.hasOwn(LABEL_VALUES_3, score.label)) return LABEL_VALUES_3[score.label];
  return null;
}

/** Whether `value` lies on the scale, allowing for floating-point noise. */
export function onScale(value: number, scale: Scale): boolean {
  const tolerance = 1e-9 * (scale.max - scale.min);
  return value >= scale.min - tolerance && value <= scale.max + tolerance;
}
