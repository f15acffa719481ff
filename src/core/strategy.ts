/**
 * The framework's arithmetic: the ambition line, the gap to it, high dependency, the strategy and
 * where a partner should move (framework.md, steps 2 and 3).
 */
import type { AmbitionLine, Position, Scale, StrategyKey } from "./types";

type Range = Pick<Scale, "min" | "max">;

/** Default line: 25 % and 75 % of the influence range above its minimum. */
export function defaultAmbitionLine(influence: Range): AmbitionLine {
  const span = influence.max - influence.min;
  return { atLowestDependency: influence.min + 0.25 * span, atHighestDependency: influence.min + 0.75 * span };
}

/** Default high-dependency threshold: the middle of the dependency scale. */
export function defaultHighDependencyAbove(dependency: Range): number {
  return (dependency.min + dependency.max) / 2;
}

export function requiredInfluence(dependencyValue: number, dependency: Range, line: AmbitionLine): number {
  const fraction = (dependencyValue - dependency.min) / (dependency.max - dependency.min);
  return line.atLowestDependency + fraction * (line.atHighestDependency - line.atLowestDependency);
}

/** A gap this fraction of the influence range below zero still counts as on the line (framework.md). */
export const ON_LINE_TOLERANCE = 1e-9;

/** On the line (within ON_LINE_TOLERANCE of the influence range) counts as above. */
export function positionOf(gap: number, influence: Range): Position {
  return gap >= -ON_LINE_TOLERANCE * (influence.max - influence.min) ? "above" : "below";
}

export function isHighDependency(dependencyValue: number, threshold: number): boolean {
  return dependencyValue > threshold;
}

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
