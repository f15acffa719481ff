/**
 * What a partner page shows where, as labels and names: the page builder (./page) writes them and
 * ./recognise reads a page's extent back from them. Kept apart from ./page so that recognising a
 * page (the share check) does not load the chart code.
 */
import type { MessageKey } from "../i18n";

/**
 * Each line's label, in the order a page shows them (goal and subsidy only when there are). The
 * date line is always the last: src/core/partner/recognise reads a page's extent from these labels.
 */
export const LINE_LABEL_KEYS = {
  partner: "concept.partner",
  goal: "concept.goal",
  influence: "concept.influence",
  dependency: "concept.dependency",
  requiredInfluence: "column.requiredInfluence",
  gap: "column.gap",
  position: "column.position",
  strategy: "column.strategy",
  meaning: "partner.meaning",
  proposal: "partner.proposal",
  movement: "partner.movement",
  subsidy: "concept.subsidy",
  date: "partner.date",
} as const satisfies Record<string, MessageKey>;

/** The names of the page chart's series, which its chart data also shows in M (besides the partner's own name). The line and the threshold take theirs from core/chart's frame. */
export const SERIES_NAME_KEYS = { line: "chart.line", threshold: "chart.threshold", movement: "partner.movement", others: "partner.others" } as const satisfies Record<string, MessageKey>;
