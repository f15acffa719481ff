/**
 * Colours the write plan uses in the workbook. Cell highlights only; the chart's colours live in
 * src/core/chart/palette.ts. Light red fill with dark red text is Excel's own "bad" style, known
 * to users and readable for colour-blind readers because the gap's minus sign carries it too.
 */
export const PLAN_COLORS = {
  /** Gap below the ambition line: fill and text. */
  belowLineFill: "#FFC7CE",
  belowLineFont: "#9C0006",
} as const;
