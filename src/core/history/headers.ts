/**
 * The headers of the live comparison columns (issue 19), apart from their formulas so that finding
 * the register (locate.ts) can leave our own comparison columns out without importing the planner.
 */
import type { Language } from "../host";
import { t, type MessageKey } from "../i18n";

/** The comparison columns, left to right, as they stand beside the register. */
export const COMPARISON_COLUMNS = [
  "matchName",
  "matchCount",
  "previousInfluence",
  "previousDependency",
  "influenceChange",
  "dependencyChange",
  "movement",
  "previousStrategy",
  "strategyChanged",
  "movedAsAdvised",
] as const;

export type ComparisonColumn = (typeof COMPARISON_COLUMNS)[number];

export function comparisonHeader(language: Language, column: ComparisonColumn): string {
  return t(language, `history.compare.column.${column}` as MessageKey);
}

/** Our header for a comparison column in every language: what proves a header cell ours. */
export function ourComparisonHeaders(column: ComparisonColumn): string[] {
  return (["nl", "en"] as const).map((language) => comparisonHeader(language, column));
}

/** Every comparison header, in every language. */
export const COMPARISON_HEADERS: readonly string[] = COMPARISON_COLUMNS.flatMap(ourComparisonHeaders);
