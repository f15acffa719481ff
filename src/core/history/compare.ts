/**
 * How partners moved between two assessments and what that did to the money. On the chart
 * influence is vertical and dependency horizontal (framework.md), so more influence is "up" and
 * more dependency "right". Sizes are in the current assessment's scale units; an earlier score on
 * another scale (1–5 then, 1–10 now) is first placed proportionally on the current scale.
 */
import { STRATEGY_KEYS, type StrategyKey, type Tally } from "../types";
import { matchPartners, type PartnerMatching, type PartnerRename } from "./match";
import type { AssessedPartner, Assessment, ScaleRange } from "./record";

/** The direction each strategy advises: up to the line, left by admitting alternatives, or stay. */
export type AdvisedDirection = "up" | "left" | "stay";

export const ADVISED_DIRECTION: Readonly<Record<StrategyKey, AdvisedDirection>> = {
  secure: "stay",
  contract: "stay",
  "raise-influence": "up",
  "strengthen-or-replace": "up",
  "reduce-dependency": "left",
};

export interface PartnerMovement {
  partner: string;
  goal: string | null;
  /** 1-based rows: in the current register, and in the earlier assessment's source. */
  row: number;
  previousRow: number;
  renamedFrom: string | null;
  previousInfluence: number;
  previousDependency: number;
  influence: number;
  dependency: number;
  /** Signed change in current scale units: + is up / right. */
  influenceChange: number;
  dependencyChange: number;
  vertical: "up" | "down" | null;
  horizontal: "left" | "right" | null;
  unchanged: boolean;
  previousStrategy: StrategyKey;
  strategy: StrategyKey;
  strategyChanged: boolean;
  advised: AdvisedDirection;
  /** Whether it moved the way the previous strategy advised; null when that strategy advised staying. */
  movedAsAdvised: boolean | null;
}

export interface StrategyShift {
  strategy: StrategyKey;
  then: Tally;
  now: Tally;
}

export interface Comparison {
  previous: { date: string; label: string };
  current: { date: string; label: string };
  matching: PartnerMatching;
  movements: PartnerMovement[];
  /** Per strategy: count and subsidy of all partners then and now (new and gone ones included). */
  money: StrategyShift[];
  total: { then: Tally; now: Tally };
}

/** Changes smaller than this (in scale units) are rounding noise, not movement. */
const NOISE = 1e-9;

/** `value` on scale `from` placed proportionally on scale `to`. */
export function onScale(value: number, from: ScaleRange, to: ScaleRange): number {
  if (from.min === to.min && from.max === to.max) return value;
  return to.min + ((value - from.min) * (to.max - to.min)) / (from.max - from.min);
}

export function movementOf(previous: AssessedPartner, current: AssessedPartner, renamedFrom: string | null = null): PartnerMovement {
  const previousInfluence = onScale(previous.influence, previous.influenceScale, current.influenceScale);
  const previousDependency = onScale(previous.dependency, previous.dependencyScale, current.dependencyScale);
  const influenceChange = current.influence - previousInfluence;
  const dependencyChange = current.dependency - previousDependency;
  const vertical = influenceChange > NOISE ? "up" : influenceChange < -NOISE ? "down" : null;
  const horizontal = dependencyChange > NOISE ? "right" : dependencyChange < -NOISE ? "left" : null;
  const advised = ADVISED_DIRECTION[previous.strategy];
  return {
    partner: current.partner,
    goal: current.goal,
    row: current.row,
    previousRow: previous.row,
    renamedFrom,
    previousInfluence,
    previousDependency,
    influence: current.influence,
    dependency: current.dependency,
    influenceChange: vertical ? influenceChange : 0,
    dependencyChange: horizontal ? dependencyChange : 0,
    vertical,
    horizontal,
    unchanged: vertical === null && horizontal === null,
    previousStrategy: previous.strategy,
    strategy: current.strategy,
    strategyChanged: previous.strategy !== current.strategy,
    advised,
    movedAsAdvised: advised === "stay" ? null : advised === "up" ? vertical === "up" : horizontal === "left",
  };
}

function tallies(partners: readonly AssessedPartner[]): Map<StrategyKey, Tally> {
  const byStrategy = new Map<StrategyKey, Tally>(STRATEGY_KEYS.map((k) => [k, { count: 0, subsidy: 0 }]));
  for (const p of partners) {
    const tally = byStrategy.get(p.strategy)!;
    tally.count++;
    tally.subsidy += p.subsidy ?? 0;
  }
  return byStrategy;
}

function sum(tallyList: Iterable<Tally>): Tally {
  const total = { count: 0, subsidy: 0 };
  for (const t of tallyList) {
    total.count += t.count;
    total.subsidy += t.subsidy;
  }
  return total;
}

export function compareAssessments(previous: Assessment, current: Assessment, renames: readonly PartnerRename[] = []): Comparison {
  const matching = matchPartners(previous.partners, current.partners, renames);
  const movements = matching.matched
    .map((m) => movementOf(m.previous, m.current, m.renamedFrom))
    .sort((a, b) => a.row - b.row);
  const then = tallies(previous.partners);
  const now = tallies(current.partners);
  return {
    previous: { date: previous.date, label: previous.label },
    current: { date: current.date, label: current.label },
    matching,
    movements,
    money: STRATEGY_KEYS.map((strategy) => ({ strategy, then: then.get(strategy)!, now: now.get(strategy)! })),
    total: { then: sum(then.values()), now: sum(now.values()) },
  };
}
