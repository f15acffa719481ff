/**
 * The host's Apply, as its stages: wait for cell edit mode to end, load the write path, read the
 * chosen comparison, then plan and write (host-write.ts, loaded with the write path).
 */
import type { ApplyProgress, ApplyResult, CancelSignal, OutputOptions } from "../core/host";
import type { Analysis, AnalysisSettings, SheetSnapshot } from "../core/types";
import type { OfficeEnv, Requirements } from "./env";
import { HostFailureError, officeErrorCode, toHostFailure } from "./errors";
import type { RunBatch } from "./host-run";
import type { Report } from "./host-write";
import type { CorePipeline } from "./pipeline";

/** What Apply needs of the host. */
export interface ApplyHost {
  env: OfficeEnv;
  requirements: Requirements;
  run: RunBatch;
  budget: number | undefined;
  pipeline: CorePipeline | undefined;
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
  const { planApply, registerRectOf, dependenciesOf, writeApply } = writePath.stages;
  const planned = planApply(writePath.pipeline, expected, settings, output, comparison);
  const registerRect = registerRectOf(planned.analysis);
  const register = { rect: registerRect, dependsOn: dependenciesOf(planned.analysis, expected, registerRect) };
  const syncsBefore = probeSyncs + (comparison?.syncs ?? 0);
  return host.run((context) => writeApply(context, host, writePath, planned, expected, register, report, syncsBefore), expected.sheetName);
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
  const [{ readComparisonChoice }, { withComparison, compareAssessments, assessmentOf }] = await Promise.all([
    import(/* webpackChunkName: "history" */ "./history"),
    import(/* webpackChunkName: "history" */ "../core/history"),
  ]);
  const { choice, syncs, assessment, renames } = await run((context) => readComparisonChoice(context, wanted), sheet);
  // Where each matched partner stood then, on today's scales: the chart's realised movement starts there.
  const previousPositions = (analysis: Analysis) =>
    compareAssessments(assessment, assessmentOf(analysis, choice.date, choice.label), renames).movements.map((m) => ({ row: m.row, x: m.previousDependency, y: m.previousInfluence }));
  return { withComparison, choice, syncs, previousPositions };
}

/**
 * The write path (core planning, the applier, the chart), loaded on the first apply: the pane's
 * first screen does not need it, and bundled up front it would count against the initial download.
 */
async function loadWritePath(pipeline: CorePipeline | undefined) {
  const [{ applyPlan }, { chartExtension }, { defaultPipeline }, { selfCheck, withSelfCheck }, { WorkbookObjects }, stages] = await Promise.all([
    import("./apply"),
    import("./chart"),
    import("./pipeline"),
    import("./self-check"),
    import("./objects"),
    import("./host-write"),
  ]);
  return { applyPlan, chartExtension, selfCheck, withSelfCheck, WorkbookObjects, stages, pipeline: pipeline ?? defaultPipeline };
}

