/**
 * The write stage as a list of queued writes: those whose targets preflight verified may ride on
 * the structure sync (half of the bytes at most), the rest go in the write sync, so that no request
 * carries the whole apply (issue 21: every request of an apply at 100 partners ≤ 50 KB).
 */
import { isFillBlock, cellPayloadBytes, fillPayloadBytes, splitBlockByBytes, absoluteReference, isSameReference, charsToPoints, textNeedsProtection, type CellBlock, type FillBlock, type PlanCell, type PlannedConditionalFormat, type WritePlan } from "../../core/plan";
import { isBlank } from "../../core/text";
import type { CellValue } from "../../core/types";
import type { WorkbookObjects } from "../objects";
import type { BudgetedBatch } from "./batch";
import { holdsPlanned, type TargetsNow } from "./checks";
import type { Journal } from "./journal";
import type { ApplyOptions } from "./options";

/** Rough request sizes of one name or one small property write (path and arguments as JSON). */
const BYTES_PER_NAME = 400;
const BYTES_PER_SMALL_OP = 250;

type GridValue = string | number | boolean;

/** What the write stage needs from the stages before it. */
export interface WriteInputs {
  objects: WorkbookObjects;
  /** What the targets hold now: kept labels, and blocks that need no write (filled in as the checks are verified). */
  targets: TargetsNow;
  /** Sheets whose every planned cell preflight has verified (the register) or that this apply creates. */
  verifiedSheets: ReadonlySet<string>;
}

/** One piece of the write stage: what it costs the request, and whether it may ride on the structure sync. */
export interface QueuedWrite {
  /** Estimated request bytes (the double's estimate: the real runtime's are lower). */
  bytes: number;
  /** Its targets were verified before the structure sync, so it may be sent with it. */
  early: boolean;
  queue(): void;
  /** Its targets already hold what it writes (known once they are verified): left out of the request. */
  isNoop?(): boolean;
}

/**
 * The plan's writes in order: names first (every formula finds its names when it is entered),
 * then the blocks (cell bands, and fills: one R1C1 formula per column), then widths, highlights
 * and the charts, which need what the structure sync read and so always come last.
 */
export function plannedWrites(plan: WritePlan, inputs: WriteInputs, journal: Journal, budgetBytes: number, extension: ApplyOptions["extension"]): QueuedWrite[] {
  const { objects, targets, verifiedSheets } = inputs;
  const writes: QueuedWrite[] = [
    { bytes: journal.names.length * BYTES_PER_NAME, early: true, queue: () => writeNames(objects, plan, journal) },
  ];
  for (const block of plan.blocks) {
    const early = verifiedSheets.has(block.sheetName);
    // A re-run whose cells are as planned writes nothing there (and Excel recalculates nothing).
    const isNoop = () => holdsPlanned(block, targets);
    if (isFillBlock(block)) {
      // One formula per column whatever the row count: a small, fixed part of the request.
      writes.push({ bytes: fillPayloadBytes(block) + block.formulasR1C1.length * 3 * BYTES_PER_SMALL_OP, early, isNoop, queue: () => writeFill(objects, block) });
      continue;
    }
    for (const band of splitBlockByBytes(block, Math.max(1024, Math.floor(budgetBytes / 2)))) {
      // Kept values are known only once the block's sheet has been verified (late for a reused sheet).
      const keptRows = () => targets.keptValues.get(block)?.slice(band.row - block.row) ?? null;
      writes.push({ bytes: estimateBandBytes(band), early, isNoop, queue: () => writeBand(objects, band, keptRows()) });
    }
  }
  writes.push({
    bytes: plan.columnWidths.length * BYTES_PER_SMALL_OP + plan.conditionalFormats.length * 4 * BYTES_PER_SMALL_OP + (extension?.estimatedBytes ?? 0),
    early: false,
    queue: () => {
      for (const width of plan.columnWidths) objects.column(width.sheetName, width.column).format.columnWidth = charsToPoints(width.widthChars);
      for (const format of plan.conditionalFormats) {
        const target = objects.range(format.sheetName, format.rect);
        target.conditionalFormats.clearAll();
        addConditionalFormat(target, format);
      }
      extension?.queueWrites();
    },
  });
  return writes;
}

/**
 * The writes that ride on the structure sync, which already carries `structureBytes`: early ones,
 * in order, until that request holds half of the two, so that neither carries the whole apply.
 */
export function earlyWrites(writes: readonly QueuedWrite[], structureBytes: number): Set<QueuedWrite> {
  const needed = writes.filter((write) => !write.isNoop?.());
  const half = (structureBytes + needed.reduce((sum, write) => sum + write.bytes, 0)) / 2;
  const early = new Set<QueuedWrite>();
  let bytes = structureBytes;
  for (const write of needed) {
    if (!write.early || bytes + write.bytes > half) continue;
    early.add(write);
    bytes += write.bytes;
  }
  return early;
}

/** Queue the writes not sent with the structure sync, syncing when the budget says so, and send the last batch. */
export async function writeRemaining(writes: readonly QueuedWrite[], sent: ReadonlySet<QueuedWrite>, batch: BudgetedBatch): Promise<void> {
  for (const write of writes) {
    if (sent.has(write) || write.isNoop?.()) continue;
    await batch.fit(write.bytes);
    write.queue();
  }
  await batch.send();
}

function writeNames(objects: WorkbookObjects, plan: WritePlan, journal: Journal): void {
  const names = objects.workbook.names;
  for (const { name, previousFormula } of journal.names) {
    const planned = plan.names.find((n) => n.name === name)!;
    const reference = `=${absoluteReference(planned.sheetName, planned.rect)}`;
    if (previousFormula === null) {
      // The reference as text, not as a Range: a range object costs the request an object path
      // (~180 bytes a name, measured with the real runtime) for the same name.
      names.add(planned.name, reference, planned.comment);
    } else if (!isSameReference(previousFormula, reference)) {
      names.getItem(planned.name).formula = reference;
    }
  }
}

function writeBand(objects: WorkbookObjects, band: CellBlock, kept: unknown[][] | null): void {
  const rowCount = band.cells.length;
  const columnCount = band.cells[0]?.length ?? 0;
  if (rowCount === 0 || columnCount === 0) return;
  const range = objects.range(band.sheetName, { row: band.row, column: band.column, rowCount, columnCount });
  // Formats go first so "@" columns take text as text; but a formula entered into a "@" cell
  // would stay text, so a band with formulas gets its formats after its contents (text cells are
  // protected by an apostrophe either way).
  const hasFormulas = band.cells.some((row) => row.some((cell) => cell.kind === "formula"));
  if (!hasFormulas) writeFormats(range, band);
  // On a re-run the cells may already be "@" from last time: make them General before the formulas.
  else if (band.columnNumberFormats?.includes("@")) range.numberFormat = band.cells.map((row) => row.map(() => "General"));
  range.formulas = band.cells.map((row, r) =>
    row.map((cell, c) => {
      const existing = kept?.[r]?.[c];
      if (kept && !isBlank(existing as CellValue)) return existing as GridValue;
      return gridValue(cell);
    }),
  );
  if (hasFormulas) writeFormats(range, band);
  if (band.bold) range.format.font.bold = true;
}

/**
 * A fill: per column one `formulasR1C1` scalar (ExcelApi 1.2; a single value sets every cell of
 * the range) and one number-format scalar, so the request does not grow with the row count.
 */
function writeFill(objects: WorkbookObjects, block: FillBlock): void {
  if (block.rowCount <= 0 || block.formulasR1C1.length === 0) return;
  block.formulasR1C1.forEach((formula, c) => {
    const column = objects.range(block.sheetName, { row: block.row, column: block.column + c, rowCount: block.rowCount, columnCount: 1 });
    const format = block.columnNumberFormats?.[c] ?? null;
    // A formula entered into a "@" cell would stay text (a re-run may find "@" there).
    if (format === "@") column.numberFormat = "General" as unknown as string[][];
    column.formulasR1C1 = formula as unknown as string[][];
    if (format !== null) column.numberFormat = format as unknown as string[][];
  });
  if (block.bold) objects.range(block.sheetName, { row: block.row, column: block.column, rowCount: block.rowCount, columnCount: block.formulasR1C1.length }).format.font.bold = true;
}

export function addConditionalFormat(target: Excel.Range, format: PlannedConditionalFormat): void {
  const added = target.conditionalFormats.add("CellValue");
  added.cellValue.format.font.color = format.format.fontColor;
  added.cellValue.format.fill.color = format.format.fillColor;
  added.cellValue.rule = { formula1: String(format.rule.value), operator: "LessThan" };
}

function writeFormats(range: Excel.Range, band: CellBlock): void {
  const formats = band.columnNumberFormats;
  if (!formats || formats.every((format) => format === null)) return;
  // null leaves a cell's format as it is ("null input in 2-D array", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
  range.numberFormat = band.cells.map(() => formats.map((format) => format)) as string[][];
}

/** A plan cell as Office.js `formulas` takes it; text that Excel would parse gets an apostrophe. */
export function gridValue(cell: PlanCell): GridValue {
  switch (cell.kind) {
    case "formula":
      return cell.formula;
    case "number":
      return cell.value;
    case "boolean":
      return cell.value;
    case "empty":
      return "";
    case "text":
      return textNeedsProtection(cell.value) ? `'${cell.value}` : cell.value;
  }
}

function estimateBandBytes(band: CellBlock): number {
  // The range's path, the contents and the formats: a few small operations besides the cells.
  let bytes = 3 * BYTES_PER_SMALL_OP;
  for (const row of band.cells) for (const cell of row) bytes += cellPayloadBytes(cell);
  if (band.columnNumberFormats) {
    const perRow = band.columnNumberFormats.reduce((sum, format) => sum + (format ? format.length + 4 : 0), 0);
    bytes += perRow * band.cells.length;
  }
  return bytes;
}

