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
export function selfCheck(context: Excel.RequestContext, plan: WritePlan, analysis: Analysis, responseBudgetBytes: number): SelfCheck {
  const workbook = context.workbook;
  const columnOf = (key: "position" | "strategy") => plan.columns.find((column) => column.key === key)?.column ?? null;
  const positionColumn = columnOf("position");
  const strategyColumn = columnOf("strategy");
  const totalRows = Math.max(0, plan.lastDataRow - plan.firstDataRow + 1);
  const bytesPerRow = 2 * bytesPerCheckedCell(plan, [positionColumn, strategyColumn]);
  const checkedRows = Math.min(totalRows, Math.floor((responseBudgetBytes * SHARE_OF_RESPONSE) / bytesPerRow));
  let reads: {
    position: Excel.Range | null;
    strategy: Excel.Range | null;
    labels: Map<string, Excel.Range>;
    summary: { strategies: Excel.Range | null; positions: Excel.Range | null };
  } | null = null;

  const rangeOf = (sheetName: string, row: number, column: number, rowCount: number, columnCount: number) => {
    const range = workbook.worksheets.getItem(sheetName).getRangeByIndexes(row, column, rowCount, columnCount);
    range.load("values");
    return range;
  };
  const summaryBlock = (id: string) => plan.blocks.find((block) => block.id === id) ?? null;

  return {
    queueReads() {
      const column = (at: number | null) => (at === null || checkedRows === 0 ? null : rangeOf(plan.registerSheet, plan.firstDataRow, at, checkedRows, 1));
      const labels = new Map<string, Excel.Range>();
      for (const name of [...STRATEGY_KEYS.map(strategyLabelName), ...POSITIONS.map(positionLabelName)]) {
        const planned = plan.names.find((candidate) => candidate.name === name);
        if (planned) labels.set(name, rangeOf(planned.sheetName, planned.rect.row, planned.rect.column, 1, 1));
      }
      const summaryRange = (id: string, rowCount: number) => {
        const block = summaryBlock(id);
        return block ? rangeOf(block.sheetName, block.row, block.column, rowCount, 3) : null;
      };
      reads = {
        position: column(positionColumn),
        strategy: column(strategyColumn),
        labels,
        summary: { strategies: summaryRange("summary.strategies", STRATEGY_KEYS.length), positions: summaryRange("summary.positions", POSITIONS.length) },
      };
    },

    report(): SelfCheckReport {
      if (!reads) throw new Error("selfCheck.report() before queueReads()");
      // The labels as the workbook has them now (a user may have renamed a strategy in its cell).
      const label = (name: string) => String(reads!.labels.get(name)?.values[0][0] ?? "");
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

      const summaryMismatches: SelfCheckReport["summaryMismatches"] = [];
      const compareSummary = (range: Excel.Range | null, keys: readonly string[], tallyOf: (key: string) => { count: number; subsidy: number }) => {
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
      compareSummary(reads.summary.strategies, STRATEGY_KEYS, (key) => analysis.summary.byStrategy[key as (typeof STRATEGY_KEYS)[number]]);
      compareSummary(reads.summary.positions, POSITIONS, (key) => analysis.summary.byPosition[key as Position]);
      const writeMissing = expectedFilled > 0 && foundEmpty === expectedFilled;
      return { checkedRows, totalRows, mismatchCount, mismatches, writeMissing, summaryMismatches };
    },
  };
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
