/**
 * Fixed strategy colours and marker shapes, shared by the Excel chart, the SVG and the task
 * pane's legend. Based on the Okabe–Ito palette (designed for colour-blind readers), darkened
 * where needed for at least 3:1 contrast on white; every strategy also has its own marker shape,
 * so colour is never the only cue.
 */
import type { StrategyKey } from "../types";
import type { StrategyStyle } from "./types";

export const STRATEGY_STYLES: Readonly<Record<StrategyKey, StrategyStyle>> = {
  secure: { strategy: "secure", color: "#0072B2", marker: "circle" },
  contract: { strategy: "contract", color: "#009E73", marker: "square" },
  "raise-influence": { strategy: "raise-influence", color: "#D55E00", marker: "triangle" },
  "reduce-dependency": { strategy: "reduce-dependency", color: "#A4498A", marker: "diamond" },
  "strengthen-or-replace": { strategy: "strengthen-or-replace", color: "#4D4D4D", marker: "x" },
};

/** Neutral colours of the chart furniture. */
export const CHART_COLORS = {
  line: "#1F2937",
  threshold: "#6B7280",
  axis: "#374151",
  grid: "#E5E7EB",
  text: "#111827",
  mutedText: "#4B5563",
  belowLineTint: "#F3F4F6",
  /** The realised movement: dark and dashed, apart from the advised movement's thin solid grey. */
  realised: "#1F2937",
} as const;
