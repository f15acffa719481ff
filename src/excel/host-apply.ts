/**
 * The host's Apply, as its stages: wait for cell edit mode to end, load the write path, read the
 * chosen comparison, plan from the snapshot the user saw, then write in one Excel.run (preflight,
 * writes, chart and self-check ride in applyPlan's batches).
 */
import type { ApplyProgress, ApplyResult, CancelSignal, OutputOptions, SelfCheckReport } from "../core/host";
import type { WritePlan } from "../core/plan";
import type { ChartDataPlan } from "../core/chart/plan-data";
import { isBlank } from "../core/text";
import { CONCEPT_KEYS, type Analysis, type AnalysisSettings, type CellRect, type SheetSnapshot } from "../core/types";
import type { OfficeEnv, Requirements } from "./env";
import { HostFailureError, officeErrorCode, toHostFailure } from "./errors";
import type { RunBatch } from "./host-run";
import type { CorePipeline } from "./pipeline";
import { DEFAULT_RESPONSE_BUDGET_BYTES } from "./snapshot";
import { SyncCounter } from "./sync";

/** What Apply needs of the host. */
export interface ApplyHost {
  env: OfficeEnv;
  requirements: Requirements;
  run: RunBatch;
  budget: number | undefined;
  pipeline: CorePipeline | undefined;
}

type Report = (step: ApplyProgress["step"], fraction: number) => void;
type WritePath = Awaited<ReturnType<typeof loadWritePath>>;
type Comparison = Awaited<ReturnType<typeof readComparison>>;
interface ApplyPlanned {
  analysis: Analysis;
  fullPlan: WritePlan;
  chartData: ChartDataPlan | null;
}

export async function applyThroughHost(
  host: ApplyHost,
  expected: SheetSnapshot,
  settings: AnalysisSettings,
  output: OutputOptions,
  onProgress?: (progress: ApplyProgress) => void,
  cancel?: CancelSignal,
): Promise<ApplyResult> {
  const report: Report = (step, fraction) => onProgress?.({ step, fraction });
  const probeSyncs = await waitForCellEdit(host.env, expected.sheetName, () => report("waiting-for-cell-edit", 0.02), cancel);
  report("analysing", 0.05);
  const writePath = await loadWritePath(host.pipeline).catch((error: unknown) => {
    throw toHostFailure(error, expected.sheetName);
  });
  const comparison = output.comparison && output.mode === "formulas" ? await readComparison(host.run, output.comparison, expected.sheetName) : null;
  const planned = planApply(writePath.pipeline, expected, settings, output, comparison);
  const registerRect = registerRectOf(planned.analysis);
  const register = { rect: registerRect, dependsOn: dependenciesOf(planned.analysis, expected, registerRect) };
  const syncsBefore = probeSyncs + (comparison?.syncs ?? 0);
  return host.run((context) => writeApply(context, host, writePath, planned, expected, register, report, syncsBefore), expected.sheetName);
}

/**
 * The plan is made from the snapshot the user saw; applyPlan's preflight fails with
 * "register-changed" when the sheet no longer matches it.
 */
function planApply(pipeline: CorePipeline, expected: SheetSnapshot, settings: AnalysisSettings, output: OutputOptions, comparison: Comparison | null): ApplyPlanned {
  let analysis, plan, chartData;
  try {
    analysis = pipeline.analyzeSheet(expected, settings);
    plan = pipeline.planWrite(expected, analysis, output);
    // The live comparison's columns and money-then block ride on the plan, as the chart's helper blocks do.
    if (comparison) plan = comparison.withComparison(expected, analysis, plan, comparison.choice, output);
    chartData = output.chart.enabled ? pipeline.planChartData(analysis, plan, { ...output.chart, language: output.language }) : null;
  } catch (error) {
    throw toHostFailure(error, expected.sheetName);
  }
  // The chart's helper cells are written, verified and journalled with the rest of the plan.
  const fullPlan = chartData ? { ...plan, blocks: [...plan.blocks, ...chartData.blocks] } : plan;
  return { analysis, fullPlan, chartData };
}

/** The batch that writes: applyPlan with the chart and the self-check as its extension. */
async function writeApply(
  context: Excel.RequestContext,
  host: ApplyHost,
  writePath: WritePath,
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

/**
 * Before an apply writes: is Excel in cell edit mode? A tiny request without delayForCellEdit
 * answers (InvalidOperationInCellEditMode). Then the pane says so and a delayed request waits for
 * Enter or Esc; on Windows clicking the pane does not end the edit (office-js #806, #3388), so
 * without the word the wait looks like a hang. A cancel ends the wait: nothing has been written.
 * Resolves with the syncs it took (1 without cell edit mode, 2 with it).
 */
async function waitForCellEdit(env: OfficeEnv, sheet: string, onWaiting: () => void, cancel?: CancelSignal): Promise<number> {
  const probe = (delayForCellEdit: boolean) =>
    env.Excel.run({ delayForCellEdit }, async (context) => {
      context.workbook.load("name");
      await context.sync();
    });
  const cancelled = () => new HostFailureError("cancelled", "The user cancelled while Excel was in cell edit mode.", sheet);
  if (cancel?.aborted) throw cancelled();
  try {
    await probe(false);
    return 1;
  } catch (error) {
    if (officeErrorCode(error) !== "InvalidOperationInCellEditMode") throw toHostFailure(error, sheet);
  }
  onWaiting();
  let stopWaiting: (() => void) | null = null;
  const onCancel = new Promise<never>((_, reject) => {
    stopWaiting = () => reject(cancelled());
    cancel?.addEventListener("abort", stopWaiting);
  });
  try {
    // The delayed probe only reads; when it ends after a cancel, nothing follows it.
    await Promise.race([probe(true).catch((error: unknown) => Promise.reject(toHostFailure(error, sheet))), onCancel]);
  } finally {
    if (stopWaiting) cancel?.removeEventListener("abort", stopWaiting);
  }
  if (cancel?.aborted) throw cancelled();
  return 2;
}

/** The chosen assessment as the live comparison needs it, read fresh before planning (the pane's earlier read may be stale). */
async function readComparison(run: RunBatch, wanted: { date: string; label: string }, sheet: string) {
  const [{ readComparisonChoice }, { withComparison }] = await Promise.all([
    import(/* webpackChunkName: "history" */ "./history"),
    import(/* webpackChunkName: "history" */ "../core/history"),
  ]);
  const { choice, syncs } = await run((context) => readComparisonChoice(context, wanted), sheet);
  return { withComparison, choice, syncs };
}

/** The register's rectangle: the header down to the last data or totals row, over its columns. */
function registerRectOf({ location }: Analysis): CellRect {
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
function dependenciesOf(analysis: Analysis, snapshot: SheetSnapshot, register: CellRect): { columns: number[]; rows: number[] } {
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

/**
 * The write path (core planning, the applier, the chart), loaded on the first apply: the pane's
 * first screen does not need it, and bundled up front it would count against the initial download.
 */
async function loadWritePath(pipeline: CorePipeline | undefined) {
  const [{ applyPlan }, { chartExtension }, { defaultPipeline }, { selfCheck, withSelfCheck }, { WorkbookObjects }] = await Promise.all([
    import("./apply"),
    import("./chart"),
    import("./pipeline"),
    import("./self-check"),
    import("./objects"),
  ]);
  return { applyPlan, chartExtension, selfCheck, withSelfCheck, WorkbookObjects, pipeline: pipeline ?? defaultPipeline };
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
