/**
 * The core functions one apply runs, gathered so the host can be tested with the real core or
 * with a chosen one, and so src/excel has one place that knows where core's entry points live.
 */
import { analyzeSheet } from "../core/analyze";
import { type ChartSpecOptions, planChartData, type ChartDataPlan } from "../core/chart";
import type { OutputOptions } from "../core/host";
import { planWrite, type WritePlan } from "../core/plan";
import type { Analysis, AnalysisSettings, SheetSnapshot } from "../core/types";

export interface CorePipeline {
  analyzeSheet(snapshot: SheetSnapshot, settings: AnalysisSettings): Analysis;
  planWrite(snapshot: SheetSnapshot, analysis: Analysis, output: OutputOptions): WritePlan;
  /** Chart specs, the helper cells on the parameter sheet and the series bindings. */
  planChartData(analysis: Analysis, plan: WritePlan, options: ChartSpecOptions): ChartDataPlan;
}

export const defaultPipeline: CorePipeline = {
  analyzeSheet,
  planWrite,
  planChartData,
};
