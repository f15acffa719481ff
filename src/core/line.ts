/**
 * Step 2 of the framework: the ambition line, the gap to it, above or below, and high dependency
 * (framework.md). Every function works on one partner; the analysis runs them block-wise
 * (`row-analysis.ts`), tied to them by a property test.
 */
import type { AmbitionLine, Position, Scale } from "./types";

export type Range = Pick<Scale, "min" | "max">;

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
