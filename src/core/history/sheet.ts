/**
 * The history sheet `Partnerkaart historie`: one Excel table of values, one row per partner per
 * recorded assessment, readable without the add-in. The sheet is Partnerkaart's by its content
 * (docs/ownership.md): it is empty, or its first row holds exactly our column headers in one
 * language. Recording the same date and label again replaces that snapshot's rows.
 */
import type { Language } from "../host";
import { t, type MessageKey } from "../i18n";
import { isBlank } from "../text";
import { STRATEGY_KEYS, type CellValue, type Position, type SheetSnapshot, type StrategyKey } from "../types";
import { nameKey } from "../duplicates";
import type { PartnerRename } from "./match";
import { isIsoDate, type AssessedPartner, type Assessment } from "./record";
import { historyText } from "./texts";

export const HISTORY_SHEET = "Partnerkaart historie";
export const HISTORY_TABLE = "PK_History";

export const HISTORY_COLUMNS = [
  "date",
  "label",
  "partner",
  "goal",
  "influence",
  "influenceMin",
  "influenceMax",
  "dependency",
  "dependencyMin",
  "dependencyMax",
  "requiredInfluence",
  "position",
  "strategy",
  "subsidy",
  "lineAtLowest",
  "lineAtHighest",
] as const;

export type HistoryColumn = (typeof HISTORY_COLUMNS)[number];

/** 0-based index of a column in the history table. */
export const HISTORY_INDEX = Object.fromEntries(HISTORY_COLUMNS.map((c, i) => [c, i])) as Record<HistoryColumn, number>;

/** Columns written as text ("@"): a date, a label "+1" or a name "=x" must stay what was typed. */
export const HISTORY_TEXT_COLUMNS: ReadonlySet<number> = new Set((["date", "label", "partner", "goal", "position", "strategy"] as const).map((c) => HISTORY_INDEX[c]));

export function historyHeaders(language: Language): string[] {
  return HISTORY_COLUMNS.map((c) => t(language, `history.column.${c}` as MessageKey));
}

/**
 * The user's links from a renamed partner to its earlier name: a small table right of the history
 * table, one blank column between (R:T), so rebuilding the history table never touches it. Its
 * number column lets a formula fetch a link's earlier name with INDEX (no ROW over a range: see
 * formulas.ts).
 */
export const RENAME_COLUMN = HISTORY_COLUMNS.length + 1;
export const RENAME_COLUMNS = ["earlierName", "currentName", "number"] as const;

export function renameHeaders(language: Language): string[] {
  return RENAME_COLUMNS.map((c) => historyText(language, `rename.${c}`));
}

/** The language whose headers the row holds exactly (the link table's beside them, or nothing), or null: the proof that the sheet is ours. */
export function historyHeaderLanguage(headerRow: readonly CellValue[] | undefined): Language | null {
  if (!headerRow) return null;
  for (const language of ["nl", "en"] as const) {
    const headers = historyHeaders(language);
    if (!headers.every((h, i) => headerRow[i] === h)) continue;
    const rest = headerRow.slice(headers.length);
    if (rest.every(isBlank)) return language;
    const links = renameHeaders(language);
    if (isBlank(rest[0]) && links.every((h, i) => rest[1 + i] === h) && rest.slice(1 + links.length).every(isBlank)) return language;
  }
  return null;
}

/** The links in the rename table's rows (below its header), both names filled. */
function renamesIn(rows: readonly CellValue[][]): PartnerRename[] {
  return rows.flatMap((row) => {
    const earlierName = row[RENAME_COLUMN];
    const currentName = row[RENAME_COLUMN + 1];
    return typeof earlierName === "string" && typeof currentName === "string" && !isBlank(earlierName) && !isBlank(currentName) ? [{ earlierName, currentName }] : [];
  });
}

/**
 * The link table's cells from its header down, `rows` high at least (rows a longer, earlier table
 * used are emptied: they were ours). The number column lets formulas fetch a link by INDEX.
 */
export function linkTableGrid(renames: readonly PartnerRename[], language: Language, rows: number): (string | number)[][] {
  const grid: (string | number)[][] = [renameHeaders(language), ...renames.map((r, i) => [r.earlierName, r.currentName, i + 1])];
  while (grid.length < rows) grid.push(["", "", ""]);
  return grid;
}

/**
 * The rename table's rows after linking `rename`: a current name has one earlier name, so an
 * earlier link of the same name (compared as the matching compares names) is replaced.
 */
export function linkedRenames(existing: readonly PartnerRename[], rename: PartnerRename): PartnerRename[] {
  return [...existing.filter((r) => nameKey(r.currentName) !== nameKey(rename.currentName)), rename];
}

export type HistorySheetState =
  | { kind: "missing" }
  | { kind: "empty" }
  /** `rows`: the history table's data rows (its columns only); `renames`: the user's links. */
  | { kind: "ours"; language: Language; rows: CellValue[][]; renames: PartnerRename[] }
  /** Not ours: the first cell that shows it (0-based row and column on the sheet). */
  | { kind: "foreign"; row: number; column: number; content: string };

/** What a history sheet's used range (starting at A1) says about it. `null` values: no such sheet. */
export function historySheetState(values: CellValue[][] | null): HistorySheetState {
  if (values === null) return { kind: "missing" };
  if (values.every((row) => row.every(isBlank))) return { kind: "empty" };
  const language = historyHeaderLanguage(values[0]);
  if (language === null) {
    const column = values[0].findIndex((v) => !isBlank(v));
    // A sheet whose first row is blank but that holds something further down is not ours either.
    const at = column >= 0 ? { row: 0, column } : firstFilled(values);
    return { kind: "foreign", row: at.row, column: at.column, content: String(values[at.row][at.column]) };
  }
  const below = values.slice(1);
  const rows = below.map((row) => row.slice(0, HISTORY_COLUMNS.length)).filter((row) => !row.every(isBlank));
  return { kind: "ours", language, rows, renames: renamesIn(below) };
}

/** The state of a history sheet read as a snapshot (its used range, anywhere on the sheet); null: no such sheet. */
export function historySheetStateOfSnapshot(snapshot: SheetSnapshot | null): HistorySheetState {
  if (snapshot === null) return historySheetState(null);
  const { origin, values } = snapshot;
  const width = origin.column + (values[0]?.length ?? 0);
  const blank = (): CellValue[] => new Array<CellValue>(width).fill("");
  const grid = Array.from({ length: origin.row }, blank);
  for (const source of values) grid.push([...blank().slice(0, origin.column), ...source]);
  return historySheetState(grid);
}

function firstFilled(values: CellValue[][]): { row: number; column: number } {
  for (let row = 0; row < values.length; row++) {
    const column = values[row].findIndex((v) => !isBlank(v));
    if (column >= 0) return { row, column };
  }
  return { row: 0, column: 0 };
}

function labelOf(language: Language, kind: "strategy" | "position", key: string): string {
  return t(language, `${kind}.${key}` as MessageKey);
}

/** The table rows (values only) recording `assessment`. */
export function historyRows(assessment: Assessment, language: Language): CellValue[][] {
  return assessment.partners.map((p) => [
    assessment.date,
    assessment.label,
    p.partner,
    p.goal ?? "",
    p.influence,
    p.influenceScale.min,
    p.influenceScale.max,
    p.dependency,
    p.dependencyScale.min,
    p.dependencyScale.max,
    p.requiredInfluence,
    labelOf(language, "position", p.position),
    labelOf(language, "strategy", p.strategy),
    p.subsidy ?? "",
    p.line.atLowestDependency,
    p.line.atHighestDependency,
  ]);
}

const sameSnapshot = (row: readonly CellValue[], date: string, label: string) =>
  String(row[HISTORY_INDEX.date]) === date && String(row[HISTORY_INDEX.label]) === label;

/** Whether recording `assessment` would replace an earlier snapshot (the pane asks first). */
export function wouldReplace(existing: readonly CellValue[][], assessment: Assessment): boolean {
  return existing.some((row) => sameSnapshot(row, assessment.date, assessment.label));
}

/** Whether `existing` already holds `assessment`'s snapshot exactly as recording it would write it. */
export function recordsAlready(existing: readonly CellValue[][], assessment: Assessment, language: Language): boolean {
  const recorded = existing.filter((row) => sameSnapshot(row, assessment.date, assessment.label));
  const wanted = historyRows(assessment, language);
  return recorded.length === wanted.length && recorded.every((row, i) => wanted[i].every((value, c) => value === row[c]));
}

/**
 * The table's data rows after recording: the other snapshots as they were, in order, then this one.
 * Rows are written in the table's own language, so one table never mixes two.
 */
export function recordedRows(existing: readonly CellValue[][], assessment: Assessment, language: Language): CellValue[][] {
  return [...existing.filter((row) => !sameSnapshot(row, assessment.date, assessment.label)), ...historyRows(assessment, language)];
}

function keyOfLabel<K extends string>(keys: readonly K[], kind: "strategy" | "position", text: CellValue): K | null {
  for (const language of ["nl", "en"] as const) for (const k of keys) if (labelOf(language, kind, k) === text) return k;
  return null;
}

const numberOr = (v: CellValue, fallback: number) => (typeof v === "number" ? v : fallback);

/**
 * The recorded assessments, in the order they were first recorded. `row` of each partner is its
 * 1-based row on the history sheet (the header is row 1). Rows whose strategy or scores are no
 * longer readable (edited by hand) are left out.
 */
export function readHistory(rows: readonly CellValue[][]): Assessment[] {
  const byKey = new Map<string, Assessment>();
  rows.forEach((row, i) => {
    const date = String(row[HISTORY_INDEX.date] ?? "");
    const label = String(row[HISTORY_INDEX.label] ?? "");
    const strategy = keyOfLabel<StrategyKey>(STRATEGY_KEYS, "strategy", row[HISTORY_INDEX.strategy]);
    const position = keyOfLabel<Position>(["above", "below"], "position", row[HISTORY_INDEX.position]);
    const influence = row[HISTORY_INDEX.influence];
    const dependency = row[HISTORY_INDEX.dependency];
    if (!isIsoDate(date) || !strategy || !position || typeof influence !== "number" || typeof dependency !== "number") return;
    const key = `${date}\u001f${label}`;
    let assessment = byKey.get(key);
    if (!assessment) byKey.set(key, (assessment = { date, label, partners: [] }));
    const goal = row[HISTORY_INDEX.goal];
    const subsidy = row[HISTORY_INDEX.subsidy];
    const partner: AssessedPartner = {
      row: i + 2,
      partner: String(row[HISTORY_INDEX.partner] ?? ""),
      goal: isBlank(goal) ? null : String(goal),
      influence,
      dependency,
      influenceScale: { min: numberOr(row[HISTORY_INDEX.influenceMin], 1), max: numberOr(row[HISTORY_INDEX.influenceMax], 5) },
      dependencyScale: { min: numberOr(row[HISTORY_INDEX.dependencyMin], 1), max: numberOr(row[HISTORY_INDEX.dependencyMax], 5) },
      requiredInfluence: numberOr(row[HISTORY_INDEX.requiredInfluence], NaN),
      position,
      strategy,
      subsidy: typeof subsidy === "number" ? subsidy : null,
      line: { atLowestDependency: numberOr(row[HISTORY_INDEX.lineAtLowest], NaN), atHighestDependency: numberOr(row[HISTORY_INDEX.lineAtHighest], NaN) },
    };
    assessment.partners.push(partner);
  });
  return [...byKey.values()];
}

/** The assessment to compare with by default: the latest dated before `today` (yyyy-mm-dd), else null. */
export function defaultComparison(assessments: readonly Assessment[], today: string): Assessment | null {
  let best: Assessment | null = null;
  for (const a of assessments) if (a.date < today && (!best || a.date >= best.date)) best = a;
  return best;
}
