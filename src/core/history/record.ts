/**
 * The record of one assessment: one row per partner with everything needed to compare it later
 * without the register it came from (scores with their scales, the line, position, strategy,
 * subsidy). Records are values, made once per partner from the analysis.
 */
import { partnerAt } from "../partners";
import type { AmbitionLine, Analysis, Position, StrategyKey } from "../types";

export interface ScaleRange {
  min: number;
  max: number;
}

export interface AssessedPartner {
  /** 1-based sheet row in the register (or history table) it was read from. */
  row: number;
  partner: string;
  goal: string | null;
  influence: number;
  dependency: number;
  influenceScale: ScaleRange;
  dependencyScale: ScaleRange;
  requiredInfluence: number;
  position: Position;
  strategy: StrategyKey;
  subsidy: number | null;
  line: AmbitionLine;
}

export interface Assessment {
  /** ISO date, yyyy-mm-dd. */
  date: string;
  /** The user's name for it: "2026", "na convenant". */
  label: string;
  partners: AssessedPartner[];
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text);
}

/** The analysis recorded as an assessment on `date` (yyyy-mm-dd) under `label`. */
export function assessmentOf(analysis: Analysis, date: string, label: string): Assessment {
  if (!isIsoDate(date)) throw new RangeError(`An assessment date must be yyyy-mm-dd, not "${date}"`);
  const influenceScale = { min: analysis.influenceScale.min, max: analysis.influenceScale.max };
  const dependencyScale = { min: analysis.dependencyScale.min, max: analysis.dependencyScale.max };
  const line = { ...analysis.line };
  const partners = new Array<AssessedPartner>(analysis.partners.count);
  for (let i = 0; i < analysis.partners.count; i++) {
    const p = partnerAt(analysis.partners, i);
    partners[i] = {
      row: p.row,
      partner: p.partner,
      goal: p.goal,
      influence: p.influence,
      dependency: p.dependency,
      influenceScale,
      dependencyScale,
      requiredInfluence: p.requiredInfluence,
      position: p.position,
      strategy: p.strategy,
      subsidy: p.subsidy,
      line,
    };
  }
  return { date, label, partners };
}
