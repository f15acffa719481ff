/** What applyPlan takes and gives back. */
import type { ApplyProgress } from "../../core/host";
import type { CellRect } from "../../core/types";
import type { Requirements } from "../env";
import type { WorkbookObjects } from "../objects";
import type { SyncCounter } from "../sync";

export interface ApplyOptions {
  requirements: Requirements;
  counter?: SyncCounter;
  /** The apply's sheet and range objects, shared with the chart and the self-check (one path each). */
  objects?: WorkbookObjects;
  /** The register: the part of the sheet the plan was made from (default: the snapshot's whole used range). */
  registerRect?: CellRect;
  /**
   * What of `registerRect` the plan depends on, so that preflight reads back only that (default:
   * all of it): `columns` over every row of the rect (the mapped ones), `rows` over its whole width
   * (the header; rows whose being blank, a footnote or a totals row depends on every cell). The row
   * below the rect is always compared over its whole width: a partner appended there changes the
   * register. A cell outside these — a remarks column the analysis does not read — may change
   * between read and apply without stopping the apply, since nothing planned depends on it.
   */
  registerDependsOn?: { columns: readonly number[]; rows: readonly number[] };
  /** Bytes one request/response may carry (default 4 MB, under the web's 5 MB). */
  requestBudgetBytes?: number;
  onStep?: (step: ApplyProgress["step"]) => void;
  /** More work in the same batches (the charts): see ChartExtension. */
  extension?: {
    /** Rough request bytes of `queueWrites`. */
    estimatedBytes: number;
    queueLookups(): void;
    queueWrites(): void;
    queueRollback(): () => void;
  };
}

export interface AppliedPlan {
  /** A1 addresses of the new columns' header cells. */
  columnHeaders: string[];
  /** Undo this apply (for a caller whose own later step fails). */
  rollback(): Promise<void>;
}

