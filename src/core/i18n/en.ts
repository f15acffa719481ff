/**
 * English user-facing text of the core: what ends up in the workbook (headers, labels, summary)
 * and in reports. The keys are the source of truth: nl.ts must provide every key (typed).
 * Placeholders are written {name} and filled by `format` in ./index.ts.
 */
export const en = {
  "strategy.secure": "Secure",
  "strategy.contract": "Businesslike contracting",
  "strategy.raise-influence": "Raise influence",
  "strategy.reduce-dependency": "Reduce dependency",
  "strategy.strengthen-or-replace": "Strengthen or replace",
  "position.above": "above",
  "position.below": "below",
  "concept.partner": "Partner",
  "concept.influence": "Influence",
  "concept.dependency": "Dependency",
  "concept.alternativesDesirable": "Alternatives desirable",
  "concept.subsidy": "Subsidy",
  "concept.goal": "Societal goal",
  "concept.targetInfluence": "Target influence",
  "concept.targetDependency": "Target dependency",
  "column.requiredInfluence": "Required influence",
  "column.gap": "Gap to ambition line",
  "column.position": "Position",
  "column.strategy": "Strategy",
  "column.targetInfluence": "Target influence",
  "column.targetDependency": "Target dependency",
  "skip.missing-partner": "row {row}: no partner name in column {column}",
  "skip.missing-influence": "row {row}: no influence score in column {column}",
  "skip.missing-dependency": "row {row}: no dependency score in column {column}",
  "skip.unusable-influence": "row {row}: influence \"{value}\" in column {column} is not a usable score",
  "skip.unusable-dependency": "row {row}: dependency \"{value}\" in column {column} is not a usable score",
  "skip.influence-out-of-scale": "row {row}: influence {value} in column {column} lies outside the scale {min}–{max}",
  "skip.dependency-out-of-scale": "row {row}: dependency {value} in column {column} lies outside the scale {min}–{max}",
  "skip.error-value": "row {row}: column {column} holds the error {value}",
  "error.no-register": "No partner register found on sheet \"{sheet}\": no header row with a partner, influence and dependency column.",
  "error.missing-column": "Sheet \"{sheet}\": the register has no {concept} column (header row {row}).",
  "error.no-data": "Sheet \"{sheet}\": the register below header row {row} has no partner rows.",
  "error.invalid-setting": "Invalid setting: {detail}",
} as const;

export type MessageKey = keyof typeof en;
