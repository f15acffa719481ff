/**
 * Every apply checks itself in the user's Excel: what Excel computed in our position and strategy
 * columns and in the summary is read back and compared with the analysis the pane shows. The reads
 * ride on the apply's last write request (queued after the writes, so they see the recomputed
 * cells), which costs no extra context.sync(). A disagreement means a formula reads a text
 * differently in this Excel version or locale than the core does.
 */
import { isAbove, strategyAt } from "../core/partners";
import { positionLabelName, strategyLabelName, type WritePlan } from "../core/plan";
import type { SelfCheckMismatch, SelfCheckReport } from "../core/host";
import { STRATEGY_KEYS, type Analysis, type Position } from "../core/types";
import type { ApplyOptions } from "./apply";
import { WorkbookObjects } from "./objects";

const POSITIONS: readonly Position[] = ["above", "below"];
/** Mismatches kept in the report (the count says how many there were). */
export const MAX_REPORTED_MISMATCHES = 50;
/**
 * What one checked cell may cost in the response. Excel shows a label, "" or an error there; the
 * bound also covers a cell that shows its formula's text (a formula not evaluated), so the reads,
 * which ride on the apply's last write request, can never push its response over the budget.
 */
const MIN_BYTES_PER_CHECKED_CELL = 256;
/** The part of one response the self-check may take. */
const SHARE_OF_RESPONSE = 0.5;
/** Money is compared to the cent. */
const AMOUNT_TOLERANCE = 0.005;

export interface SelfCheck {
  /** Queues the reads; call after the writes, before the batch's last sync. */
  queueReads(): void;
  /** After that sync: the comparison. */
  report(): SelfCheckReport;
}

/**
 * A self-check of `plan` (formulas mode) against `analysis`. Rows beyond what one response of
 * `responseBudgetBytes` can carry are left to the summary, whose counts cover every row.
 */
export function selfCheck(context: Excel.RequestContext, plan: WritePlan, analysis: Analysis, responseBudgetBytes: number, objects = new WorkbookObjects(context.workbook)): SelfCheck {
  const totalRows = Math.max(0, plan.lastDataRow - plan.firstDataRow + 1);
  const bytesPerRow = 2 * bytesPerCheckedCell(plan, [columnOf(plan, "position"), columnOf(plan, "strategy")]);
  const checkedRows = Math.min(totalRows, Math.floor((responseBudgetBytes * SHARE_OF_RESPONSE) / bytesPerRow));
  let reads: QueuedReads | null = null;
  return {
    queueReads() {
      reads = queueReads(objects, plan, checkedRows);
    },
    report(): SelfCheckReport {
      if (!reads) throw new Error("selfCheck.report() before queueReads()");
      const rows = compareRegisterColumns(reads, plan, analysis, checkedRows);
      return { checkedRows, totalRows, ...rows, summaryMismatches: compareSummary(reads, analysis) };
    },
  };
}

/** The ranges the check reads: the first rows of our two columns, the label cells and the summary. */
interface QueuedReads {
  position: Excel.Range | null;
  strategy: Excel.Range | null;
  /** Each label name's cell, within one range per sheet. */
  labels: Map<string, { range: Excel.Range; row: number; column: number }>;
  summary: { strategies: Excel.Range | null; positions: Excel.Range | null };
}

const columnOf = (plan: WritePlan, key: "position" | "strategy") => plan.columns.find((column) => column.key === key)?.column ?? null;

function queueReads(objects: WorkbookObjects, plan: WritePlan, checkedRows: number): QueuedReads {
  const rangeOf = (sheetName: string, row: number, column: number, rowCount: number, columnCount: number) => {
    // The range that wrote these cells when there is one: no new object path.
    const range = objects.range(sheetName, { row, column, rowCount, columnCount });
    range.load("values");
    return range;
  };
  const column = (at: number | null) => (at === null || checkedRows === 0 ? null : rangeOf(plan.registerSheet, plan.firstDataRow, at, checkedRows, 1));
  // The label cells as one range (they sit together on the parameter sheet: the block that wrote them).
  const labelNames = [...STRATEGY_KEYS.map(strategyLabelName), ...POSITIONS.map(positionLabelName)];
  const planned = labelNames.flatMap((name) => plan.names.filter((candidate) => candidate.name === name));
  const labels: QueuedReads["labels"] = new Map();
  for (const sheetName of new Set(planned.map((name) => name.sheetName))) {
    const cells = planned.filter((name) => name.sheetName === sheetName).map((name) => name.rect);
    const top = Math.min(...cells.map((cell) => cell.row));
    const left = Math.min(...cells.map((cell) => cell.column));
    const range = rangeOf(sheetName, top, left, Math.max(...cells.map((cell) => cell.row)) - top + 1, Math.max(...cells.map((cell) => cell.column)) - left + 1);
    for (const name of planned.filter((candidate) => candidate.sheetName === sheetName)) {
      labels.set(name.name, { range, row: name.rect.row - top, column: name.rect.column - left });
    }
  }
  const summaryRange = (id: string, rowCount: number) => {
    const block = plan.blocks.find((candidate) => candidate.id === id);
    return block ? rangeOf(block.sheetName, block.row, block.column, rowCount, 3) : null;
  };
  return {
    position: column(columnOf(plan, "position")),
    strategy: column(columnOf(plan, "strategy")),
    labels,
    summary: { strategies: summaryRange("summary.strategies", STRATEGY_KEYS.length), positions: summaryRange("summary.positions", POSITIONS.length) },
  };
}

/** Excel's position and strategy of each checked row against the analysis's, in the workbook's own labels. */
function compareRegisterColumns(
  reads: QueuedReads,
  plan: WritePlan,
  analysis: Analysis,
  checkedRows: number,
): Pick<SelfCheckReport, "mismatchCount" | "mismatches" | "writeMissing"> {
  // The labels as the workbook has them now (a user may have renamed a strategy in its cell).
  const label = (name: string) => {
    const cell = reads.labels.get(name);
    return String(cell?.range.values[cell.row][cell.column] ?? "");
  };
  const mismatches: SelfCheckMismatch[] = [];
  let mismatchCount = 0;
  const record = (mismatch: SelfCheckMismatch) => {
    mismatchCount += 1;
    if (mismatches.length < MAX_REPORTED_MISMATCHES) mismatches.push(mismatch);
  };

  const partners = analysis.partners;
  const partnerAtRow = new Int32Array(checkedRows).fill(-1);
  for (let i = 0; i < partners.count; i += 1) {
    const offset = partners.row[i] - 1 - plan.firstDataRow;
    if (offset >= 0 && offset < checkedRows) partnerAtRow[offset] = i;
  }
  let expectedFilled = 0;
  let foundEmpty = 0;
  const compareColumn = (range: Excel.Range | null, kind: SelfCheckMismatch["column"], expectedOf: (partner: number) => string) => {
    if (!range) return;
    const values = range.values;
    for (let offset = 0; offset < checkedRows; offset += 1) {
      const partner = partnerAtRow[offset];
      // A row the analysis skipped must not get a position or strategy in the workbook either.
      const expected = partner < 0 ? "" : expectedOf(partner);
      const excel = String(values[offset][0] ?? "");
      if (expected !== "") {
        expectedFilled += 1;
        if (excel === "") foundEmpty += 1;
      }
      if (excel !== expected) record({ row: plan.firstDataRow + offset + 1, column: kind, excel, expected });
    }
  };
  compareColumn(reads.position, "position", (i) => label(positionLabelName(isAbove(partners, i) ? "above" : "below")));
  compareColumn(reads.strategy, "strategy", (i) => label(strategyLabelName(strategyAt(partners, i))));
  return { mismatchCount, mismatches, writeMissing: expectedFilled > 0 && foundEmpty === expectedFilled };
}

/** The summary's counts and money as Excel computed them, against the analysis's. */
function compareSummary(reads: QueuedReads, analysis: Analysis): SelfCheckReport["summaryMismatches"] {
  const summaryMismatches: SelfCheckReport["summaryMismatches"] = [];
  const compare = (range: Excel.Range | null, keys: readonly string[], tallyOf: (key: string) => { count: number; subsidy: number }) => {
    if (!range) return;
    keys.forEach((key, i) => {
      const [, count, subsidy] = range.values[i];
      const expected = tallyOf(key);
      if (count !== expected.count) summaryMismatches.push({ key, measure: "count", excel: String(count), expected: String(expected.count) });
      if (typeof subsidy !== "number" || Math.abs(subsidy - expected.subsidy) > AMOUNT_TOLERANCE) {
        summaryMismatches.push({ key, measure: "subsidy", excel: String(subsidy), expected: String(expected.subsidy) });
      }
    });
  };
  compare(reads.summary.strategies, STRATEGY_KEYS, (key) => analysis.summary.byStrategy[key as (typeof STRATEGY_KEYS)[number]]);
  compare(reads.summary.positions, POSITIONS, (key) => analysis.summary.byPosition[key as Position]);
  return summaryMismatches;
}

/** The response bound of one checked cell: its label, error or — at most — its formula's text, as JSON. */
function bytesPerCheckedCell(plan: WritePlan, columns: (number | null)[]): number {
  let longest = 0;
  for (const block of plan.blocks) {
    if (block.kind !== "fill" || block.sheetName !== plan.registerSheet) continue;
    for (const column of columns) {
      const at = column === null ? -1 : column - block.column;
      if (at >= 0 && at < block.formulasR1C1.length) longest = Math.max(longest, block.formulasR1C1[at].length);
    }
  }
  // A formula shown as A1 text is rarely longer than its R1C1 text; twice that leaves room.
  return Math.max(MIN_BYTES_PER_CHECKED_CELL, longest * 2 + 8);
}

/** The apply's extension (the charts) with the self-check's reads queued after its writes. */
export function withSelfCheck(extension: ApplyOptions["extension"], check: SelfCheck): NonNullable<ApplyOptions["extension"]> {
  return {
    estimatedBytes: (extension?.estimatedBytes ?? 0) + 2000,
    queueLookups: () => extension?.queueLookups(),
    queueWrites: () => {
      extension?.queueWrites();
      check.queueReads();
    },
    queueRollback: () => extension?.queueRollback() ?? (() => undefined),
  };
}
