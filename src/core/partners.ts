/**
 * PartnerColumns (see core/types): building them, and reading one partner or all of them as
 * PartnerResult objects for code that wants a partner at a time.
 */
import { PARTNER_FLAGS, STRATEGY_KEYS, type PartnerColumns, type PartnerResult, type StrategyKey } from "./types";

/** Empty columns with room for `capacity` partners. */
export function newPartnerColumns(capacity: number): PartnerColumns {
  return {
    count: 0,
    row: new Int32Array(capacity),
    // Sized up front (growing by push copies them several times); analyzeSheet trims them to count.
    partner: new Array<string>(capacity),
    goal: new Array<string | null>(capacity),
    influence: new Float64Array(capacity),
    dependency: new Float64Array(capacity),
    requiredInfluence: new Float64Array(capacity),
    gap: new Float64Array(capacity),
    targetInfluence: new Float64Array(capacity),
    targetDependency: new Float64Array(capacity),
    subsidy: new Float64Array(capacity),
    strategy: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
  };
}

const STRATEGY_INDEX = new Map<StrategyKey, number>(STRATEGY_KEYS.map((k, i) => [k, i]));

export function strategyIndex(strategy: StrategyKey): number {
  return STRATEGY_INDEX.get(strategy)!;
}

/** Appends one partner (the columns must have room). */
export function pushPartner(columns: PartnerColumns, result: PartnerResult): void {
  const i = columns.count++;
  columns.row[i] = result.row;
  columns.partner[i] = result.partner;
  columns.goal[i] = result.goal;
  columns.influence[i] = result.influence;
  columns.dependency[i] = result.dependency;
  columns.requiredInfluence[i] = result.requiredInfluence;
  columns.gap[i] = result.gap;
  columns.targetInfluence[i] = result.target.influence;
  columns.targetDependency[i] = result.target.dependency;
  columns.subsidy[i] = result.subsidy ?? NaN;
  columns.strategy[i] = strategyIndex(result.strategy);
  columns.flags[i] =
    (result.position === "above" ? PARTNER_FLAGS.above : 0) |
    (result.highDependency ? PARTNER_FLAGS.highDependency : 0) |
    (result.alternativesDesirable ? PARTNER_FLAGS.alternativesDesirable : 0) |
    (result.target.source === "register" ? PARTNER_FLAGS.targetFromRegister : 0);
}

type TargetSource = PartnerResult["target"]["source"];

/** Whether partner i's target comes from the register's own target columns or the framework's rule. */
export function targetSourceAt(columns: PartnerColumns, i: number): TargetSource {
  return columns.flags[i] & PARTNER_FLAGS.targetFromRegister ? "register" : "recommended";
}

/** Columns holding `rows` (hand-built analyses in tests, results from elsewhere). */
export function partnerColumnsOf(rows: readonly PartnerResult[]): PartnerColumns {
  const columns = newPartnerColumns(rows.length);
  for (const row of rows) pushPartner(columns, row);
  return columns;
}

export function strategyAt(columns: PartnerColumns, i: number): StrategyKey {
  return STRATEGY_KEYS[columns.strategy[i]];
}

export function isAbove(columns: PartnerColumns, i: number): boolean {
  return (columns.flags[i] & PARTNER_FLAGS.above) !== 0;
}

export function subsidyAt(columns: PartnerColumns, i: number): number | null {
  const amount = columns.subsidy[i];
  return Number.isNaN(amount) ? null : amount;
}

/** Partner i as one object. */
export function partnerAt(columns: PartnerColumns, i: number): PartnerResult {
  const flags = columns.flags[i];
  return {
    row: columns.row[i],
    partner: columns.partner[i],
    goal: columns.goal[i],
    influence: columns.influence[i],
    dependency: columns.dependency[i],
    requiredInfluence: columns.requiredInfluence[i],
    gap: columns.gap[i],
    position: isAbove(columns, i) ? "above" : "below",
    highDependency: (flags & PARTNER_FLAGS.highDependency) !== 0,
    alternativesDesirable: (flags & PARTNER_FLAGS.alternativesDesirable) !== 0,
    strategy: strategyAt(columns, i),
    target: {
      influence: columns.targetInfluence[i],
      dependency: columns.targetDependency[i],
      source: targetSourceAt(columns, i),
    },
    subsidy: subsidyAt(columns, i),
  };
}

/** Every partner as one object, in register order. */
export function partnerRows(columns: PartnerColumns): PartnerResult[] {
  const rows: PartnerResult[] = [];
  for (let i = 0; i < columns.count; i++) rows.push(partnerAt(columns, i));
  return rows;
}
