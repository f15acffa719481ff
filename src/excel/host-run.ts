/**
 * How the host runs a batch: every batch waits for the user to leave cell edit mode, merges into
 * one undo group where Excel can (ExcelApi 1.20), and maps errors to HostFailure.
 */
import type { OfficeEnv, Requirements } from "./env";
import { toHostFailure } from "./errors";

/** Runs one batch; a failure becomes a HostFailureError naming `sheet`. */
export type RunBatch = <T>(batch: (context: Excel.RequestContext) => Promise<T>, sheet?: string) => Promise<T>;

export function batchRunner(env: OfficeEnv, requirements: Requirements): RunBatch {
  return async (batch, sheet) => {
    try {
      const runOptions = requirements.excelApi("1.20") ? { delayForCellEdit: true, mergeUndoGroup: true } : { delayForCellEdit: true };
      return await env.Excel.run(runOptions, batch);
    } catch (error) {
      throw toHostFailure(error, sheet);
    }
  };
}
