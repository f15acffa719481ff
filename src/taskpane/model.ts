/**
 * Pure helpers of the pane: parsing what the user types, validating the ambition line and scales,
 * describing the register. No React here, so the rules are easy to read and reuse.
 */
import type { AmbitionLine, Analysis, AnalysisSettings, ConceptKey, Scale, SheetSnapshot } from "../core/types";
import { CONCEPT_KEYS } from "../core/types";
import { conceptScore } from "../core/headers";
import { cellAddress, columnIndex, columnLetter } from "../core/text";
import type { PaneMessageKey } from "./i18n";

/** A number as a Dutch or English user types it: "2,5", "2.5", " 3 ". Null when it is not one. */
export function parseUserNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s+/g, "");
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

/** A number for a field the user edits: plain digits and the locale's decimal separator. */
export function formatUserNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 4, useGrouping: false }).format(value);
}

export interface FieldProblem {
  key: PaneMessageKey;
  params: Record<string, string | number>;
}

export interface LineDraft {
  atLowest: string;
  atHighest: string;
  threshold: string;
}

export interface LineCheck {
  /** Set when all three values are valid. */
  line: AmbitionLine | null;
  threshold: number | null;
  problems: Partial<Record<keyof LineDraft, FieldProblem>>;
}

/** The draft checked against the scales: within the influence scale, rising, threshold within dependency. */
export function checkLineDraft(draft: LineDraft, influence: Scale, dependency: Scale, locale: string): LineCheck {
  const problems: LineCheck["problems"] = {};
  const fmt = (n: number) => formatUserNumber(n, locale);
  const example = fmt((influence.min + influence.max) / 2);
  const influenceRange = { min: fmt(influence.min), max: fmt(influence.max) };

  const readInfluence = (field: "atLowest" | "atHighest"): number | null => {
    const value = parseUserNumber(draft[field]);
    if (value === null) {
      problems[field] = { key: "line.notNumber", params: { example } };
      return null;
    }
    if (value < influence.min || value > influence.max) {
      problems[field] = { key: "line.outsideInfluence", params: influenceRange };
      return null;
    }
    return value;
  };
  const atLowest = readInfluence("atLowest");
  const atHighest = readInfluence("atHighest");
  if (atLowest !== null && atHighest !== null && atHighest < atLowest) {
    problems.atHighest = { key: "line.notRising", params: { value: fmt(atLowest) } };
  }

  let threshold = parseUserNumber(draft.threshold);
  if (threshold === null) {
    problems.threshold = { key: "line.notNumber", params: { example: fmt((dependency.min + dependency.max) / 2) } };
  } else if (threshold < dependency.min || threshold >= dependency.max) {
    problems.threshold = { key: "line.outsideDependency", params: { min: fmt(dependency.min), max: fmt(dependency.max) } };
    threshold = null;
  }

  const valid = Object.keys(problems).length === 0 && atLowest !== null && atHighest !== null;
  return {
    line: valid ? { atLowestDependency: atLowest, atHighestDependency: atHighest } : null,
    threshold: valid ? threshold : null,
    problems,
  };
}

export function lineDraftOf(analysis: Analysis, locale: string): LineDraft {
  return {
    atLowest: formatUserNumber(analysis.line.atLowestDependency, locale),
    atHighest: formatUserNumber(analysis.line.atHighestDependency, locale),
    threshold: formatUserNumber(analysis.highDependencyAbove, locale),
  };
}

export interface ScaleDraft {
  min: string;
  max: string;
}

/** A scale the user typed, or null when it is not two numbers with min below max. */
export function checkScaleDraft(draft: ScaleDraft): { min: number; max: number } | null {
  const min = parseUserNumber(draft.min);
  const max = parseUserNumber(draft.max);
  if (min === null || max === null || !(min < max)) return null;
  return { min, max };
}

/**
 * New settings after the user chose a scale: the line and threshold they set before are dropped
 * when they no longer fit, so the analysis falls back to the defaults of the new scale.
 */
export function withScale(
  settings: AnalysisSettings,
  axis: "influence" | "dependency",
  scale: { min: number; max: number },
  current: Scale,
): AnalysisSettings {
  const next: AnalysisSettings = { ...settings };
  const kind = current.kind === "labels" ? "numeric" : current.kind;
  if (axis === "influence") {
    next.influenceScale = { min: scale.min, max: scale.max, kind };
    const line = next.line;
    if (line && [line.atLowestDependency, line.atHighestDependency].some((v) => v < scale.min || v > scale.max)) {
      delete next.line;
    }
  } else {
    next.dependencyScale = { min: scale.min, max: scale.max, kind };
    const threshold = next.highDependencyAbove;
    if (threshold !== undefined && (threshold < scale.min || threshold >= scale.max)) delete next.highDependencyAbove;
  }
  return next;
}

export function withMapping(settings: AnalysisSettings, concept: ConceptKey, column: number | null): AnalysisSettings {
  return { ...settings, mapping: { ...settings.mapping, [concept]: column } };
}

/**
 * "B3:F12": the register from its header row to its last data row (or totals row). A table grows to
 * take in the columns an apply added; those are left out, so the address is that of the user's own columns.
 */
export function registerAddress(analysis: Analysis, ownColumns: ReadonlySet<number> = new Set()): string {
  const { location } = analysis;
  const lastRow = Math.max(location.headerRow, location.lastDataRow, location.totalsRow ?? -1);
  let lastColumn = location.lastColumn;
  while (lastColumn > location.firstColumn && ownColumns.has(lastColumn)) lastColumn--;
  return `${cellAddress(location.headerRow, location.firstColumn)}:${cellAddress(lastRow, lastColumn)}`;
}

export interface NewColumn {
  letter: string;
  /** The header text on the sheet; null when the sheet read after apply does not show it. */
  header: string | null;
}

/**
 * The new columns as the user sees them (letter and header text), from the A1 addresses of their
 * header cells ("Partners!J3", "'Mijn blad'!K3") and the sheet as read after apply.
 */
export function newColumnsOf(headerAddresses: readonly string[], snapshot: SheetSnapshot | null): NewColumn[] {
  return headerAddresses.flatMap((address) => {
    const match = /([A-Za-z]{1,3})(\d+)$/.exec(address.slice(address.lastIndexOf("!") + 1));
    if (!match) return [];
    const column = columnIndex(match[1]);
    const row = Number(match[2]) - 1;
    const value = snapshot ? snapshot.values[row - snapshot.origin.row]?.[column - snapshot.origin.column] : null;
    const header = value === null || value === undefined || String(value).trim() === "" ? null : String(value).trim();
    return [{ letter: columnLetter(column), header }];
  });
}

/** The distinct societal goals of the analysed partners, in a stable order. */
export function goalsOf(analysis: Analysis): string[] {
  const goals = new Set<string>();
  const { goal, count } = analysis.partners;
  for (let i = 0; i < count; i++) if (goal[i]) goals.add(goal[i]!);
  return [...goals].sort((a, b) => a.localeCompare(b));
}


/** Below this header score a column was recognised by part of a word ("Subsidiebedragen 2026"), not by a known header. */
export const SURE_HEADER_SCORE = 60;

/**
 * The columns the user should check: recognised by a loose match of their header, or hidden on the
 * sheet. Columns the user chose are not guessed.
 */
export function columnsToCheck(analysis: Analysis): ConceptKey[] {
  const hidden = new Set(analysis.warnings.filter((w) => w.code === "hidden-column").map((w) => w.params?.concept));
  return CONCEPT_KEYS.filter((concept) => {
    const mapped = analysis.mapping[concept];
    if (!mapped) return false;
    if (hidden.has(concept)) return true;
    return mapped.source === "auto" && conceptScore(concept, mapped.header) < SURE_HEADER_SCORE;
  });
}

/** Whether the scales need a look: guessed from the values, or a column mixing numbers and labels. */
export function scalesNeedLook(analysis: Analysis): boolean {
  return analysis.warnings.some((w) => w.code === "scale-guessed" || w.code === "mixed-scale-values");
}

/** Step of a line handle: a tenth on 1–5 and 1–10, one on 0–100; Page Up/Down move ten steps. */
export function handleStep(scale: Pick<Scale, "min" | "max">): number {
  const range = scale.max - scale.min;
  return range > 0 ? 10 ** (Math.ceil(Math.log10(range)) - 2) : 1;
}

/** `value` rounded to whole steps, without floating-point tails (2.3000000000000003 → 2.3). */
export function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number((Math.round(value / step) * step).toFixed(decimals));
}
