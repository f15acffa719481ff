/**
 * The chart specification: one description of the partner chart that both the Excel adapter
 * (native scatter chart) and the SVG renderer (CLI, task-pane preview) draw from. Pure data.
 */
import type { Language } from "../host";
import type { StrategyKey } from "../types";

/** Marker shapes both renderers can draw (Excel: ChartMarkerStyle of the same name). */
export type MarkerShape = "circle" | "square" | "triangle" | "diamond" | "x";

export interface StrategyStyle {
  strategy: StrategyKey;
  /** "#RRGGBB", at least 3:1 contrast on white, distinguishable with colour-blind vision. */
  color: string;
  marker: MarkerShape;
}

export interface AxisSpec {
  /** Localised title, with the scale ("Invloed (1–5)"). */
  title: string;
  min: number;
  max: number;
  majorUnit: number;
  /** Tick texts for an ordinal label scale (lowest first); null for numeric scales. */
  tickLabels: string[] | null;
}

export interface ChartPoint {
  /** 1-based sheet row of the partner in the register. */
  row: number;
  partner: string;
  goal: string | null;
  /** Dependency. */
  x: number;
  /** Influence. */
  y: number;
  strategy: StrategyKey;
  subsidy: number | null;
  /** Marker size in points (Excel's 2–72 range); proportional in area to subsidy when sized. */
  markerSize: number;
  /** Whether this point carries its partner name as a label (see ChartSpec.labelRule). */
  labelled: boolean;
}

export interface StrategySeries {
  strategy: StrategyKey;
  /** Localised legend name, the same the task pane shows. */
  name: string;
  color: string;
  marker: MarkerShape;
  /** Exactly the partners with this strategy, in register order. */
  points: ChartPoint[];
}

export interface ChartLineSpec {
  name: string;
  color: string;
  /** Two points: (depMin, atLowest) and (depMax, atHighest). */
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface ThresholdSpec {
  name: string;
  color: string;
  dash: "dash";
  /** Dependency above which a partner counts as highly dependent. */
  x: number;
  /** Spans the whole influence axis. */
  yFrom: number;
  yTo: number;
}

export interface MovementSpec {
  row: number;
  partner: string;
  strategy: StrategyKey;
  color: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
  /** "register": the register's own target columns; "recommended": the framework's rule. */
  source: "recommended" | "register";
}

/** A partner's position in the earlier assessment, on the current scales (issue 19's comparison). */
export interface PreviousPosition {
  /** 1-based sheet row of the partner in the current register. */
  row: number;
  /** Previous dependency. */
  x: number;
  /** Previous influence. */
  y: number;
}

/** The realised movement of one partner: from its previous position to its current one. */
export interface RealisedMovementSpec {
  row: number;
  partner: string;
  strategy: StrategyKey;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

export interface ChartNotice {
  /** i18n key (src/core/i18n) the pane or CLI localises; `text` is it already localised. */
  key: "chart.notice.labelsLimited" | "chart.notice.movementLimited" | "chart.notice.realisedLimited" | "chart.notice.noGoalColumn" | "chart.notice.goalEmpty" | "chart.notice.noSubsidy";
  params: Record<string, string | number>;
  text: string;
}

export interface ChartSpec {
  /** Chart object name in the workbook: "Partnerkaart" or "Partnerkaart – <goal>" (unique per run). */
  name: string;
  title: string;
  /** A one-line summary under the title (counts, line), also used as the SVG <desc> lead. */
  subtitle: string;
  language: Language;
  /** The societal goal this chart shows, or null for all partners. */
  goal: string | null;
  /** Position among the charts of one run (0 first); the adapter stacks charts by it. */
  index: number;
  /** Size in points (Excel) = SVG user units. */
  width: number;
  height: number;
  xAxis: AxisSpec;
  yAxis: AxisSpec;
  /** One series per strategy, always all five in STRATEGY_KEYS order (empty ones included). */
  series: StrategySeries[];
  line: ChartLineSpec;
  threshold: ThresholdSpec;
  movements: MovementSpec[];
  movementName: string;
  targetName: string;
  /** From previous to current position, when the chart was given previous positions; empty otherwise. */
  realised: RealisedMovementSpec[];
  realisedName: string;
  sizeBySubsidy: boolean;
  labelRule: "all" | "below-line" | "largest-subsidies" | "none";
  labelledCount: number;
  /** 1-based sheet rows of the labelled points, in register order. */
  labelledRows: number[];
  pointCount: number;
  notices: ChartNotice[];
}

/** Partner indices a chart holds (all, or one goal's). */
export type Members = ArrayLike<number>;
