/**
 * The headers of the live comparison columns (issue 19), apart from their formulas so that finding
 * the register (locate.ts) can leave our own comparison columns out without importing the planner.
 */
import type { Language } from "../host";

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

// Here and not in the core catalogs: finding the register needs only these, and the pane's first
// download carries no other history text (the rest is ./texts.ts, loaded with the history).
const HEADERS: Record<Language, Record<ComparisonColumn, string>> = {
  en: {
    matchName: "Name in assessment",
    matchCount: "Found in assessment",
    previousInfluence: "Previous influence",
    previousDependency: "Previous dependency",
    influenceChange: "Change in influence",
    dependencyChange: "Change in dependency",
    movement: "Movement",
    previousStrategy: "Previous strategy",
    strategyChanged: "Strategy changed",
    movedAsAdvised: "Moved as advised",
  },
  nl: {
    matchName: "Naam in beoordeling",
    matchCount: "Gevonden in beoordeling",
    previousInfluence: "Vorige invloed",
    previousDependency: "Vorige afhankelijkheid",
    influenceChange: "Verandering invloed",
    dependencyChange: "Verandering afhankelijkheid",
    movement: "Beweging",
    previousStrategy: "Vorige strategie",
    strategyChanged: "Strategie veranderd",
    movedAsAdvised: "Bewogen zoals geadviseerd",
  },
};

export function comparisonHeader(language: Language, column: ComparisonColumn): string {
  return HEADERS[language][column];
}

/** Our header for a comparison column in every language: what proves a header cell ours. */
export function ourComparisonHeaders(column: ComparisonColumn): string[] {
  return (["nl", "en"] as const).map((language) => comparisonHeader(language, column));
}

/** Every comparison header, in every language. */
export const COMPARISON_HEADERS: readonly string[] = COMPARISON_COLUMNS.flatMap(ourComparisonHeaders);
