/**
 * The per-column formula of the register columns: one R1C1 formula per column, the same text in
 * every row, chosen by how the row's score cells are read (plain, percent or date format).
 */
import {
  DEPENDENCY_AXIS_NAMES,
  gapFormula,
  INFLUENCE_AXIS_NAMES,
  positionFormula,
  requiredInfluenceFormula,
  rowRelative,
  scoreFormula,
  strategyFormula,
  subsidyAmountFormula,
  targetDependencyFormula,
  targetInfluenceFormula,
  type NumberCellReading,
  type RegisterTarget,
} from "./formulas";
import type { LabelTable } from "./parameter-sheet";
import type { PlannedColumnKey } from "./types";

/** The register's own (user) columns the formulas read; null where the register has none. */
export interface UserColumns {
  partner: number;
  influence: number;
  dependency: number;
  alternativesDesirable: number | null;
  subsidy: number | null;
  targetInfluence: number | null;
  targetDependency: number | null;
}

/** What every register formula of one plan reads: the user's columns and how each axis reads labels. */
export interface FormulaInputs {
  user: UserColumns;
  influenceAxis: ReturnType<typeof INFLUENCE_AXIS_NAMES>;
  dependencyAxis: ReturnType<typeof DEPENDENCY_AXIS_NAMES>;
}

/** `influenceLabels` / `dependencyLabels`: the axis's label table on the parameter sheet, if it has one. */
export function formulaInputs(user: UserColumns, influenceLabels: LabelTable | null, dependencyLabels: LabelTable | null): FormulaInputs {
  return {
    user,
    influenceAxis: INFLUENCE_AXIS_NAMES(influenceLabels !== null),
    dependencyAxis: DEPENDENCY_AXIS_NAMES(dependencyLabels !== null),
  };
}

/**
 * How the four read score cells (influence, dependency, target influence, target dependency) of a
 * row are read; a column's formula depends on these readings only.
 */
export type ScoreReadings = readonly NumberCellReading[];

/** The R1C1 formula of column `key`, or null for a column to empty (its source column is gone). */
export function registerFormula(
  inputs: FormulaInputs,
  columnByKey: ReadonlyMap<PlannedColumnKey, number>,
  key: PlannedColumnKey,
  [influenceReading, dependencyReading, targetInfluenceReading, targetDependencyReading]: ScoreReadings,
): string | null {
  const { user, influenceAxis, dependencyAxis } = inputs;
  const ref = (k: PlannedColumnKey) => rowRelative(columnByKey.get(k)!);
  const partner = rowRelative(user.partner);
  const alternatives = user.alternativesDesirable === null ? null : rowRelative(user.alternativesDesirable);
  const target = (column: number | null, axis: typeof influenceAxis, reading: NumberCellReading): RegisterTarget | null =>
    column === null ? null : { ref: rowRelative(column), axis, reading };
  switch (key) {
    case "influenceScore":
      return scoreFormula(partner, rowRelative(user.influence), influenceAxis, influenceReading);
    case "dependencyScore":
      return scoreFormula(partner, rowRelative(user.dependency), dependencyAxis, dependencyReading);
    case "requiredInfluence":
      return requiredInfluenceFormula(ref("influenceScore"), ref("dependencyScore"));
    case "gap":
      return gapFormula(ref("influenceScore"), ref("requiredInfluence"));
    case "position":
      return positionFormula(ref("gap"));
    case "strategy":
      return strategyFormula(ref("gap"), ref("dependencyScore"), alternatives);
    case "targetInfluence":
      return targetInfluenceFormula(
        { influenceScore: ref("influenceScore"), dependencyScore: ref("dependencyScore"), required: ref("requiredInfluence"), gap: ref("gap"), alternatives },
        target(user.targetInfluence, influenceAxis, targetInfluenceReading),
      );
    case "targetDependency":
      return targetDependencyFormula(
        { influenceScore: ref("influenceScore"), dependencyScore: ref("dependencyScore"), gap: ref("gap"), alternatives },
        target(user.targetDependency, dependencyAxis, targetDependencyReading),
      );
    case "subsidyAmount":
      // No subsidy column any more: the old amount column is emptied.
      return user.subsidy === null ? null : subsidyAmountFormula(rowRelative(user.subsidy));
  }
}

const READINGS: readonly NumberCellReading[] = ["plain", "percent", "date"];
const PLAIN_READINGS: ScoreReadings = ["plain", "plain", "plain", "plain"];
/** Which of the four read score cells a column's formula reads. */
const READING_INDEX: Record<PlannedColumnKey, number | null> = {
  influenceScore: 0,
  dependencyScore: 1,
  requiredInfluence: null,
  gap: null,
  position: null,
  strategy: null,
  targetInfluence: 2,
  targetDependency: 3,
  subsidyAmount: null,
};

/** Every formula this version may write into column `key`: one per reading of the one score cell it reads, if any. */
export function everyFormulaOf(inputs: FormulaInputs, columnByKey: ReadonlyMap<PlannedColumnKey, number>, key: PlannedColumnKey): string[] {
  const readingIndex = READING_INDEX[key];
  const variants = readingIndex === null ? [PLAIN_READINGS] : READINGS.map((reading) => PLAIN_READINGS.map((r, i) => (i === readingIndex ? reading : r)));
  return [...new Set(variants.map((readings) => registerFormula(inputs, columnByKey, key, readings)).filter((f): f is string => f !== null))];
}
