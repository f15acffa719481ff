/**
 * The advised movement the chart draws: the largest moves to each partner's target (top-k, as the
 * labels), shown in register order.
 */
import { strategyAt, targetSourceAt } from "../partners";
import type { Analysis } from "../types";
import { Leaders } from "./labels";
import { STRATEGY_STYLES } from "./palette";
import { MOVEMENT_LIMIT } from "./limits";
import type { Members, MovementSpec } from "./types";

/**
 * Offers each moving member (its position in members) to `leaders`, largest move first, ties the
 * upper row first; a move is the squared distance to its targets, both axes scaled to 0–1. Returns
 * how many move.
 */
function measureMoves(analysis: Analysis, members: Members, leaders: Leaders): number {
  const partners = analysis.partners;
  const xRange = analysis.dependencyScale.max - analysis.dependencyScale.min || 1;
  const yRange = analysis.influenceScale.max - analysis.influenceScale.min || 1;
  const tolerance = 1e-9;
  let movingCount = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const dx = (partners.targetDependency[i] - partners.dependency[i]) / xRange;
    const dy = (partners.targetInfluence[i] - partners.influence[i]) / yRange;
    const distance = dx * dx + dy * dy;
    if (distance > tolerance * tolerance) {
      movingCount++;
      leaders.offer(k, -distance, partners.row[i]);
    }
  }
  return movingCount;
}

export function chooseMovements(analysis: Analysis, members: Members): { shown: MovementSpec[]; total: number } {
  const partners = analysis.partners;
  // Keep the largest moves, then show them in register order.
  const leaders = new Leaders(MOVEMENT_LIMIT);
  const movingCount = measureMoves(analysis, members, leaders);
  const kept = leaders.ascending().map((k) => members[k]);
  const shown = kept.map((i) => {
    const strategy = strategyAt(partners, i);
    return {
      row: partners.row[i],
      partner: partners.partner[i],
      strategy,
      color: STRATEGY_STYLES[strategy].color,
      from: { x: partners.dependency[i], y: partners.influence[i] },
      to: { x: partners.targetDependency[i], y: partners.targetInfluence[i] },
      source: targetSourceAt(partners, i),
    };
  });
  return { shown, total: movingCount };
}
