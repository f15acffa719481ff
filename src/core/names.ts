/**
 * The PK_ naming scheme: the workbook names, the parameter sheet's name and the register columns'
 * names and headers Partnerkaart writes, which finding the register (`locate.ts`) and planning
 * (`plan/`) both recognise. Every name starts with PK_ so a re-run recognises its own, and each
 * points at one absolute rectangle (see WritePlan.names).
 */
import type { Language } from "./host";
import { t, type MessageKey } from "./i18n";
import type { StrategyKey, Position } from "./types";

/** The identity of one register column Partnerkaart writes. */
export type PlannedColumnKey =
  /** The influence score as a number on its scale ("3,5" → 3.5, "hoog" → 4, 35 % → 35); "" when unusable. */
  | "influenceScore"
  | "dependencyScore"
  | "requiredInfluence"
  | "gap"
  | "position"
  | "strategy"
  | "targetInfluence"
  | "targetDependency"
  /** Only when the subsidy column holds text amounts ("€ 1.250.000,00"): the amount as a number, for SUMIFS. */
  | "subsidyAmount";

export const NAME_PREFIX = "PK_";

/** The parameter sheet's name: language-neutral, so a re-run in another language finds it again. */
export const PARAMETER_SHEET_NAME = "Partnerkaart";

export const PARAMETER_NAMES = {
  lineAtLowest: "PK_LineAtLowest",
  lineAtHighest: "PK_LineAtHighest",
  influenceMin: "PK_InfMin",
  influenceMax: "PK_InfMax",
  dependencyMin: "PK_DepMin",
  dependencyMax: "PK_DepMax",
  highDependencyAbove: "PK_HighDependencyAbove",
  yesWords: "PK_YesWords",
  influenceLabelWords: "PK_InfLabelWords",
  influenceLabelValues: "PK_InfLabelValues",
  dependencyLabelWords: "PK_DepLabelWords",
  dependencyLabelValues: "PK_DepLabelValues",
  summary: "PK_Summary",
} as const;

/** Name of the cell holding a strategy's label ("PK_Label_raise_influence"). */
export function strategyLabelName(strategy: StrategyKey): string {
  return `PK_Label_${strategy.replace(/-/g, "_")}`;
}

/** Name of the cell holding a position's label ("PK_Label_above"). */
export function positionLabelName(position: Position): string {
  return `PK_Label_${position}`;
}

const COLUMN_NAME_PARTS: Record<PlannedColumnKey, string> = {
  influenceScore: "InfluenceScore",
  dependencyScore: "DependencyScore",
  requiredInfluence: "RequiredInfluence",
  gap: "Gap",
  position: "Position",
  strategy: "Strategy",
  targetInfluence: "TargetInfluence",
  targetDependency: "TargetDependency",
  subsidyAmount: "SubsidyAmount",
};

/** Every name on a new register column's header cell starts with this. */
export const COLUMN_NAME_PREFIX = "PK_Col_";

/** Name of a new register column's header cell ("PK_Col_Gap"). */
export function columnName(key: PlannedColumnKey): string {
  return `${COLUMN_NAME_PREFIX}${COLUMN_NAME_PARTS[key]}`;
}

/** The column key a PK_Col_ name stands for, or null. */
export function columnKeyOfName(name: string): PlannedColumnKey | null {
  for (const [key, part] of Object.entries(COLUMN_NAME_PARTS) as [PlannedColumnKey, string][]) {
    if (name.toLowerCase() === `pk_col_${part.toLowerCase()}`) return key;
  }
  return null;
}

/** Every register column Partnerkaart writes, left to right. */
export const REGISTER_COLUMN_KEYS: readonly PlannedColumnKey[] = [
  "influenceScore",
  "dependencyScore",
  "requiredInfluence",
  "gap",
  "position",
  "strategy",
  "targetInfluence",
  "targetDependency",
  "subsidyAmount",
];

export const HEADER_KEYS: Record<PlannedColumnKey, MessageKey> = {
  influenceScore: "column.influenceScore",
  dependencyScore: "column.dependencyScore",
  requiredInfluence: "column.requiredInfluence",
  gap: "column.gap",
  position: "column.position",
  strategy: "column.strategy",
  targetInfluence: "column.targetInfluence",
  targetDependency: "column.targetDependency",
  subsidyAmount: "column.subsidyAmount",
};

const LANGUAGES: readonly Language[] = ["nl", "en"];

/** Our header for a register column in every language: what proves a column header ours. */
export function ourColumnHeaders(key: PlannedColumnKey): string[] {
  return LANGUAGES.map((language) => t(language, HEADER_KEYS[key]));
}
