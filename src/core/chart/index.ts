export * from "./types";
export { STRATEGY_STYLES, CHART_COLORS } from "./palette";
export {
  buildChartSpec,
  CHART_BASE_NAME,
  AUTO_LABEL_LIMIT,
  MOVEMENT_LIMIT,
  DEFAULT_MARKER_SIZE,
  MIN_SUBSIDY_MARKER_SIZE,
  MAX_SUBSIDY_MARKER_SIZE,
  subsidyMarkerSize,
  formatNumber,
  type ChartSpecOptions,
} from "./spec";
export { renderChartSvg, marker, ticks, type Geometry, type SvgOptions } from "./svg";
export { planChartData, CHART_DATA_COLUMN, type ChartBinding, type ChartDataPlan, type SeriesBinding } from "./plan-data";
export { escapeXml, estimateTextWidth } from "./text";
