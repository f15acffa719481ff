/**
 * Apply's stages after the plan's inputs are known: plan from the snapshot the user saw, then write
 * in one Excel.run (preflight, writes, chart and self-check ride in applyPlan's batches). Loaded
 * with the rest of the write path on the first apply, so it does not count against the first screen.
 */
import type { ApplyProgress, ApplyResult, OutputOptions, SelfCheckReport } from "../core/host";
import type { ChartDataPlan } from "../core/chart";
import type { withComparison } from "../core/history";
import type { WritePlan } from "../core/plan";
import { isBlank } from "../core/text";
import { CONCEPT_KEYS, type Analysis, type AnalysisSettings, type CellRect, type SheetSnapshot } from "../core/types";
import type { applyPlan } from "./apply";
import type { chartExtension } from "./chart";
import type { Requirements } from "./env";
import { HostFailureError, toHostFailure } from "./errors";
import type { WorkbookObjects } from "./objects";
import type { CorePipeline } from "./pipeline";
import type { selfCheck, withSelfCheck } from "./self-check";
import { DEFAULT_RESPONSE_BUDGET_BYTES } from "./snapshot";
import { SyncCounter } from "./sync";

export type Report = (step: ApplyProgress["step"], fraction: number) => void;

/** The write path's functions, as the host loads them. */
export interface WriteFunctions {
  applyPlan: typeof applyPlan;
  chartExtension: typeof chartExtension;
  selfCheck: typeof selfCheck;
  withSelfCheck: typeof withSelfCheck;
  WorkbookObjects: typeof WorkbookObjects;
}

/** The live comparison's choice and how it goes onto the plan. */
export interface ComparisonToPlan {
  withComparison: typeof withComparison;
  choice: Parameters<typeof withComparison>[3];
  /** Where each matched partner stood at the compared assessment: the chart's realised movement starts there. */
  previousPositions(analysis: Analysis): { row: number; x: number; y: number }[];
}

export interface ApplyPlanned {
  analysis: Analysis;
  fullPlan: WritePlan;
  chartData: ChartDataPlan | null;
}

/** What the write batch needs of the host. */
export interface WriteSettings {
  requirements: Requirements;
  budget: number | undefined;
}

/**
 * The plan is made from the snapshot the user saw; applyPlan's preflight fails with
 * "register-changed" when the sheet no longer matches it.
 */
export function planApply(pipeline: CorePipeline, expected: SheetSnapshot, settings: AnalysisSettings, output: OutputOptions, comparison: ComparisonToPlan | null): ApplyPlanned {
  let analysis, plan, chartData;
  try {
    analysis = pipeline.analyzeSheet(expected, settings);
    plan = pipeline.planWrite(expected, analysis, output);
    // The live comparison's columns and money-then block ride on the plan, as the chart's helper blocks do.
    if (comparison) plan = comparison.withComparison(expected, analysis, plan, comparison.choice, output);
    const previous = comparison && output.chart.enabled ? { previous: comparison.previousPositions(analysis) } : {};
    chartData = output.chart.enabled ? pipeline.planChartData(analysis, plan, { ...output.chart, language: output.language, ...previous }) : null;
  } catch (error) {
    throw toHostFailure(error, expected.sheetName);
  }
  // The chart's helper cells are written, verified and journalled with the rest of the plan.
  const fullPlan = chartData ? { ...plan, blocks: [...plan.blocks, ...chartData.blocks] } : plan;
  return { analysis, fullPlan, chartData };
}

/** The batch that writes: applyPlan with the chart and the self-check as its extension. */
export async function writeApply(
  context: Excel.RequestContext,
  host: WriteSettings,
  writePath: WriteFunctions,
  { analysis, fullPlan, chartData }: ApplyPlanned,
  expected: SheetSnapshot,
  register: { rect: CellRect; dependsOn: { columns: number[]; rows: number[] } },
  report: Report,
  syncsBefore: number,
): Promise<ApplyResult> {
  const { applyPlan, chartExtension, selfCheck, withSelfCheck, WorkbookObjects } = writePath;
  const counter = new SyncCounter(context);
  report("writing-columns", 0.2);
  const objects = new WorkbookObjects(context.workbook);
  const charts = chartData && chartData.bindings.length > 0 ? chartExtension(context, chartData.specs, chartData.bindings, { objects }) : undefined;
  // The self-check's reads ride on the last write request: no extra sync.
  const check = fullPlan.mode === "formulas" ? selfCheck(context, fullPlan, analysis, host.budget ?? DEFAULT_RESPONSE_BUDGET_BYTES, objects) : null;
  const applied = await applyPlan(context, fullPlan, expected, {
    requirements: host.requirements,
    counter,
    objects,
    registerRect: register.rect,
    registerDependsOn: register.dependsOn,
    requestBudgetBytes: host.budget,
    onStep: (step) => report(step, step === "writing-parameters" ? 0.45 : 0.6),
    extension: check ? withSelfCheck(charts, check) : charts,
  });
  const chartNames = charts?.names ?? [];
  const checked = check?.report();
  if (checked?.writeMissing) {
    // Never report success for a write Excel did not keep: undo what did land, and say so.
    await applied.rollback();
    throw new HostFailureError("write-dropped", "Excel shows none of the written positions and strategies.", fullPlan.registerSheet);
  }
  const notices: ApplyResult["notices"] = (chartData?.specs ?? []).flatMap((spec) => spec.notices.map((n) => ({ key: n.key, params: n.params })));
  if (checked && (checked.mismatchCount > 0 || checked.summaryMismatches.length > 0)) notices.push(selfCheckNotice(checked));
  report("done", 1);
  return {
    sheetName: fullPlan.registerSheet,
    columnHeaders: applied.columnHeaders,
    parameterSheet: fullPlan.parameterSheet,
    chartNames,
    summary: analysis.summary,
    skipped: analysis.skipped,
    notices,
    syncs: syncsBefore + counter.syncs,
    ...(checked ? { selfCheck: checked } : {}),
  };
}

/** The register's rectangle: the header down to the last data or totals row, over its columns. */
export function registerRectOf({ location }: Analysis): CellRect {
  return {
    row: location.headerRow,
    column: location.firstColumn,
    rowCount: Math.max(location.lastDataRow, location.totalsRow ?? location.headerRow, location.headerRow) - location.headerRow + 1,
    columnCount: location.lastColumn - location.firstColumn + 1,
  };
}

/**
 * What of the register the analysis (and so the plan) was made from, for applyPlan's preflight to
 * compare with the sheet: the mapped columns over every row, and over the whole width the header,
 * the totals row and every row without scores — whether such a row is blank, a footnote, a totals
 * row or a skipped row with a remark depends on all its cells. The register's first column is read
 * too: "Totaal" typed there ends the register even in a row with scores. The other cells of a row
 * with scores (a remarks or contact column) are not read back: editing them after the pane read the
 * sheet does not stop the apply.
 */
export function dependenciesOf(analysis: Analysis, snapshot: SheetSnapshot, register: CellRect): { columns: number[]; rows: number[] } {
  const columns: number[] = CONCEPT_KEYS.flatMap((concept) => {
    const mapped = analysis.mapping[concept];
    return mapped ? [mapped.column] : [];
  });
  const { location } = analysis;
  if (!columns.includes(location.firstColumn)) columns.push(location.firstColumn);
  const rows = [location.headerRow];
  if (location.totalsRow !== null) rows.push(location.totalsRow);
  const influence = analysis.mapping.influence?.column;
  const dependency = analysis.mapping.dependency?.column;
  const last = register.row + register.rowCount - 1;
  for (let r = location.firstDataRow; r <= last; r += 1) {
    const cells = snapshot.values[r - snapshot.origin.row];
    const at = (column: number | undefined) => (column === undefined || !cells ? "" : cells[column - snapshot.origin.column]);
    if (isBlank(at(influence)) && isBlank(at(dependency))) rows.push(r);
  }
  return { columns, rows };
}

/** The notice for a self-check disagreement: how many rows, the first one, and the remedy (values). */
function selfCheckNotice(checked: SelfCheckReport): { key: string; params: Record<string, string | number> } {
  const first = checked.mismatches[0];
  const summary = checked.summaryMismatches[0];
  return {
    key: "notice.selfCheck.mismatch",
    params: {
      rows: checked.mismatchCount,
      row: first ? first.row : "–",
      excel: first ? first.excel : summary ? summary.excel : "",
      expected: first ? first.expected : summary ? summary.expected : "",
    },
  };
}
