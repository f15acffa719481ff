/**
 * The core functions one apply runs, gathered so the host can be tested with the real core or
 * with a chosen one, and so src/excel has one place that knows where core's entry points live.
 */
import { analyzeSheet } from "../core/analyze";
import { buildChartSpec } from "../core/chart";
import type { ChartSpec, ChartSpecOptions } from "../core/chart";
import type { OutputOptions } from "../core/host";
import { planWrite, type WritePlan } from "../core/plan";
import type { Analysis, AnalysisSettings, SheetSnapshot } from "../core/types";
import type { ChartBindings } from "./chart";

export interface CorePipeline {
  analyzeSheet(snapshot: SheetSnapshot, settings: AnalysisSettings): Analysis;
  planWrite(snapshot: SheetSnapshot, analysis: Analysis, output: OutputOptions): WritePlan;
  buildChartSpec(analysis: Analysis, options: ChartSpecOptions): ChartSpec[];
  planChartData(specs: ChartSpec[], plan: WritePlan, analysis: Analysis): ChartBindings[];
}

export const defaultPipeline: CorePipeline = {
  analyzeSheet,
  planWrite,
  buildChartSpec,
  planChartData: () => {
    throw new Error("planChartData is not available yet");
  },
};
