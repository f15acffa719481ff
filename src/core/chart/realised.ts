/**
 * The realised movement (issue 19): from each partner's position in an earlier assessment to its
 * current one, chosen for the chart from the previous positions a comparison gives.
 */
import { strategyAt } from "../partners";
import type { Analysis } from "../types";
import type { PreviousPosition, RealisedMovementSpec } from "./types";

/** Moves shorter than this (on 0–1 axes) are rounding noise, not movement. */
const TOLERANCE = 1e-9;

/**
 * The largest `limit` realised moves among `members` (indices into analysis.partners), in register
 * order, and how many partners moved at all. Capped like the advised movement (MOVEMENT_LIMIT):
 * more lines make the chart unreadable, and each is three helper rows in the chart's request.
 * A move's size is its distance with both axes scaled to 0–1; ties keep the upper row.
 */
export function chooseRealised(
  analysis: Analysis,
  members: ArrayLike<number>,
  previous: readonly PreviousPosition[],
  limit: number,
): { shown: RealisedMovementSpec[]; total: number } {
  const partners = analysis.partners;
  const byRow = new Map(previous.map((p) => [p.row, p]));
  const xRange = analysis.dependencyScale.max - analysis.dependencyScale.min || 1;
  const yRange = analysis.influenceScale.max - analysis.influenceScale.min || 1;
  const moving: { i: number; distance: number }[] = [];
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const then = byRow.get(partners.row[i]);
    if (then === undefined || !Number.isFinite(then.x) || !Number.isFinite(then.y)) continue;
    const dx = (partners.dependency[i] - then.x) / xRange;
    const dy = (partners.influence[i] - then.y) / yRange;
    const distance = Math.hypot(dx, dy);
    if (distance > TOLERANCE) moving.push({ i, distance });
  }
  // A comparison has at most a register's partners that moved: a sort is plain and fast enough.
  const kept = [...moving]
    .sort((a, b) => b.distance - a.distance || partners.row[a.i] - partners.row[b.i])
    .slice(0, limit)
    .sort((a, b) => partners.row[a.i] - partners.row[b.i]);
  const shown = kept.map(({ i }) => {
    const then = byRow.get(partners.row[i])!;
    return {
      row: partners.row[i],
      partner: partners.partner[i],
      strategy: strategyAt(partners, i),
      from: { x: then.x, y: then.y },
      to: { x: partners.dependency[i], y: partners.influence[i] },
    };
  });
  return { shown, total: moving.length };
}
