/**
 * Applying a WritePlan through Office.js in a constant number of syncs, as three stages:
 *   1. preflight (`preflight.ts`): protection, what the plan depends on in the register (see
 *      `registerDependsOn`) still equals the snapshot the user saw, the planned target cells are
 *      empty or ours (their previous content goes into the undo journal);
 *   2. structure (`structure.ts`): create sheets, then insert columns / add table columns; the same
 *      request carries the first writes whose targets preflight verified (up to half the bytes:
 *      `earlyWrites`). A column insert shares it only when a witness cell can tell a rollback
 *      whether the insert ran (`witness.ts`); without one it is sent alone first (one more sync);
 *   3. writes (`write.ts`): the rest of names, blocks, bold, column widths, conditional formats, the charts.
 * `BudgetedBatch` (`batch.ts`) decides when to sync: blocks larger than the request budget add one
 * sync per ~4 MB. If a stage fails, the `Journal` (`journal.ts`) rolls back (one inspection sync
 * and one undo sync) and the original error is thrown.
 */
import { quoteSheetName, type WritePlan } from "../../core/plan";
import { cellAddress } from "../../core/text";
import type { SheetSnapshot } from "../../core/types";
import { HostFailureError, toHostFailure } from "../errors";
import { SyncCounter } from "../sync";
import { BudgetedBatch } from "./batch";
import { Journal } from "./journal";
import type { AppliedPlan, ApplyOptions } from "./options";
import { preflight } from "./preflight";
import { changeStructure, queueStructureLoads, structureRequestBytes } from "./structure";
import { earlyWrites, plannedWrites, writeRemaining } from "./write";

export { DEFAULT_REQUEST_BUDGET_BYTES } from "./batch";
export { gridValue } from "./write";
export type { AppliedPlan, ApplyOptions } from "./options";

export async function applyPlan(context: Excel.RequestContext, plan: WritePlan, expected: SheetSnapshot, options: ApplyOptions): Promise<AppliedPlan> {
  const batch = new BudgetedBatch(options.counter ?? new SyncCounter(context), options.requestBudgetBytes);
  const journal = new Journal();

  // 1. Nothing is written before preflight has passed, so a refusal needs no rollback.
  const found = await preflight(context, plan, expected, options, batch, journal);
  const rollback = () => journal.rollback(context, batch.counter, options.extension);
  const fail = (error: unknown) => failAfterRollback(error, rollback, plan.registerSheet);

  // 2. Structure, with what sheets that turned out to exist hold now.
  const loads = queueStructureLoads(plan, expected, found, batch.budgetBytes);
  const writes = plannedWrites(plan, { objects: found.sheets, targets: found.targets, verifiedSheets: found.verifiedSheets }, journal, batch.budgetBytes, options.extension);
  const early = earlyWrites(writes, structureRequestBytes(found, loads));
  try {
    await changeStructure(context, plan, found, loads, options, batch, journal, [...early]);
  } catch (error) {
    return fail(error);
  }

  // 3. Writes.
  journal.stage = "writes";
  options.onStep?.("writing-parameters");
  try {
    await writeRemaining(writes, early, batch);
  } catch (error) {
    return fail(error);
  }
  journal.stage = "done";

  const columnHeaders = plan.columns.map((column) => `${quoteSheetName(plan.registerSheet)}!${cellAddress(plan.headerRow, column.column)}`);
  return { columnHeaders, rollback };
}

/** Roll back, then throw the original failure (saying so when the rollback failed too). */
async function failAfterRollback(error: unknown, rollback: () => Promise<void>, registerSheet: string): Promise<never> {
  const failure = toHostFailure(error, registerSheet);
  try {
    await rollback();
  } catch (rollbackError) {
    throw new HostFailureError(failure.code, `${failure.details} (restoring the workbook also failed: ${toHostFailure(rollbackError).details})`, failure.sheet, error);
  }
  throw failure;
}
