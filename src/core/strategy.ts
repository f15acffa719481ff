/**
 * Step 3 of the framework: the strategy for a partner's position and dependency, and where it
 * should move (framework.md). Step 2, the line and the gap, is `line.ts`.
 */
import { requiredInfluence, type Range } from "./line";
import type { AmbitionLine, Position, StrategyKey } from "./types";

/** framework.md's table: reduce-dependency wins whenever dependency is high and alternatives are desirable. */
export function chooseStrategy(position: Position, highDependency: boolean, alternativesDesirable: boolean): StrategyKey {
  if (highDependency && alternativesDesirable) return "reduce-dependency";
  if (position === "above") return highDependency ? "secure" : "contract";
  return highDependency ? "raise-influence" : "strengthen-or-replace";
}

/**
 * Where the partner should move: up to the line, left to where its influence meets the line
 * (clamped to the scale's minimum) or the threshold, whichever is lower; or stay. One axis per
 * function, so the analysis of 100,000 partners makes no object per partner.
 */
export function recommendedInfluence(strategy: StrategyKey, influence: number, dependencyValue: number, dependency: Range, line: AmbitionLine): number {
  return strategy === "raise-influence" || strategy === "strengthen-or-replace" ? requiredInfluence(dependencyValue, dependency, line) : influence;
}

export function recommendedDependency(
  strategy: StrategyKey,
  influence: number,
  dependencyValue: number,
  dependency: Range,
  line: AmbitionLine,
  threshold: number,
): number {
  if (strategy !== "reduce-dependency") return dependencyValue;
  const rise = line.atHighestDependency - line.atLowestDependency;
  let meets: number;
  if (rise === 0) meets = influence >= line.atLowestDependency ? dependency.max : dependency.min;
  else meets = dependency.min + ((influence - line.atLowestDependency) / rise) * (dependency.max - dependency.min);
  meets = Math.max(dependency.min, meets);
  return Math.min(meets, threshold);
}
