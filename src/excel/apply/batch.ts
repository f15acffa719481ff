/**
 * One place that decides when an apply syncs: work is queued with its estimated bytes, and the
 * batch is sent first when that work would push the pending request (or response) over the
 * budget. The number of syncs thus grows with bytes, never with rows or blocks.
 */
import { OFFICE_REQUEST_BUDGET_BYTES } from "../../core/request-budget";
import { SyncCounter } from "../sync";

export const DEFAULT_REQUEST_BUDGET_BYTES = OFFICE_REQUEST_BUDGET_BYTES;

export class BudgetedBatch {
  private pendingBytes = 0;

  constructor(
    readonly counter: SyncCounter,
    readonly budgetBytes: number = DEFAULT_REQUEST_BUDGET_BYTES,
  ) {}

  /** Make room for `bytes` more: sync first when they would not fit beside what is pending. */
  async fit(bytes: number): Promise<void> {
    if (this.pendingBytes > 0 && this.pendingBytes + bytes > this.budgetBytes) await this.send();
    this.pendingBytes += bytes;
  }

  /** Count bytes already queued (no sync before them: e.g. what must share the batch with later work). */
  add(bytes: number): void {
    this.pendingBytes += bytes;
  }

  /** Sync what is queued and start an empty batch. */
  async send(): Promise<void> {
    await this.counter.sync();
    this.pendingBytes = 0;
  }

  /** Start counting afresh without a sync (the caller synced by other means). */
  reset(): void {
    this.pendingBytes = 0;
  }
}
