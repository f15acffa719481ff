/**
 * The write stage: names, then the plan's blocks (cell bands, and fills: one R1C1 formula per
 * column), then widths, highlights and the charts, all in as few batches as the budget allows.
 */
import { isFillBlock, cellPayloadBytes, fillPayloadBytes, splitBlockByBytes, absoluteReference, isSameReference, charsToPoints, textNeedsProtection, type CellBlock, type FillBlock, type PlanBlock, type PlanCell, type PlannedConditionalFormat, type WritePlan } from "../../core/plan";
import { isBlank } from "../../core/text";
import type { CellValue } from "../../core/types";
import type { BudgetedBatch } from "./batch";
import type { Journal } from "./journal";
import type { ApplyOptions } from "./options";

/** Rough request sizes of one name or one small property write (path and arguments as JSON). */
const BYTES_PER_NAME = 400;
const BYTES_PER_SMALL_OP = 250;

type GridValue = string | number | boolean;

/** What the write stage needs from the stages before it. */
export interface WriteInputs {
  sheetOf(name: string): Excel.Worksheet;
  /** Existing values of blocks that keep them (user-editable labels), by block. */
  keptValues: ReadonlyMap<PlanBlock, unknown[][]>;
}

/** Queue every write of the plan and send the last batch. */
export async function writePlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  inputs: WriteInputs,
  journal: Journal,
  batch: BudgetedBatch,
  extension: ApplyOptions["extension"],
): Promise<void> {
  const { sheetOf, keptValues } = inputs;
  const workbook = context.workbook;
  // Names before the cells that use them, so every formula finds its names when it is entered.
  for (const { name, previousFormula } of journal.names) {
    const planned = plan.names.find((n) => n.name === name)!;
    const reference = `=${absoluteReference(planned.sheetName, planned.rect)}`;
    if (previousFormula === null) {
      // The reference as text, not as a Range: a range object costs the request an object path
      // (~180 bytes a name, measured with the real runtime) for the same name.
      workbook.names.add(planned.name, reference, planned.comment);
    } else if (!isSameReference(previousFormula, reference)) {
      workbook.names.getItem(planned.name).formula = reference;
    }
  }
  batch.add(journal.names.length * BYTES_PER_NAME);
  for (const block of plan.blocks) {
    if (isFillBlock(block)) {
      // One formula per column whatever the row count: a small, fixed part of the request.
      await batch.fit(fillPayloadBytes(block) + block.formulasR1C1.length * 3 * BYTES_PER_SMALL_OP);
      writeFill(sheetOf(block.sheetName), block);
      continue;
    }
    const kept = keptValues.get(block);
    for (const band of splitBlockByBytes(block, Math.max(1024, Math.floor(batch.budgetBytes / 2)))) {
      await batch.fit(estimateBandBytes(band));
      writeBand(sheetOf(band.sheetName), band, kept ? kept.slice(band.row - block.row) : null);
    }
  }
  // Widths, highlights and the charts close the batch: a sync first if they would push it over the budget.
  await batch.fit(plan.columnWidths.length * BYTES_PER_SMALL_OP + plan.conditionalFormats.length * 4 * BYTES_PER_SMALL_OP + (extension?.estimatedBytes ?? 0));
  for (const width of plan.columnWidths) {
    sheetOf(width.sheetName).getRangeByIndexes(0, width.column, 1, 1).getEntireColumn().format.columnWidth = charsToPoints(width.widthChars);
  }
  for (const format of plan.conditionalFormats) {
    const target = sheetOf(format.sheetName).getRangeByIndexes(format.rect.row, format.rect.column, format.rect.rowCount, format.rect.columnCount);
    target.conditionalFormats.clearAll();
    addConditionalFormat(target, format);
  }
  extension?.queueWrites();
  await batch.send();
}

function writeBand(sheet: Excel.Worksheet, band: CellBlock, kept: unknown[][] | null): void {
  const rowCount = band.cells.length;
  const columnCount = band.cells[0]?.length ?? 0;
  if (rowCount === 0 || columnCount === 0) return;
  const range = sheet.getRangeByIndexes(band.row, band.column, rowCount, columnCount);
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
function writeFill(sheet: Excel.Worksheet, block: FillBlock): void {
  if (block.rowCount <= 0 || block.formulasR1C1.length === 0) return;
  block.formulasR1C1.forEach((formula, c) => {
    const column = sheet.getRangeByIndexes(block.row, block.column + c, block.rowCount, 1);
    const format = block.columnNumberFormats?.[c] ?? null;
    // A formula entered into a "@" cell would stay text (a re-run may find "@" there).
    if (format === "@") column.numberFormat = "General" as unknown as string[][];
    column.formulasR1C1 = formula as unknown as string[][];
    if (format !== null) column.numberFormat = format as unknown as string[][];
  });
  if (block.bold) sheet.getRangeByIndexes(block.row, block.column, block.rowCount, block.formulasR1C1.length).format.font.bold = true;
}

export function addConditionalFormat(target: Excel.Range, format: PlannedConditionalFormat): void {
  const added = target.conditionalFormats.add("CellValue");
  added.cellValue.format.font.color = format.format.fontColor;
  added.cellValue.format.fill.color = format.format.fillColor;
  added.cellValue.rule = { formula1: String(format.rule.value), operator: "LessThan" };
}

function writeFormats(range: Excel.Range, band: CellBlock): void {
  const formats = band.columnNumberFormats;
  if (!formats) return;
  if (formats.every((format) => format !== null)) {
    range.numberFormat = band.cells.map(() => formats.map((format) => format as string));
    return;
  }
  formats.forEach((format, c) => {
    if (format !== null) range.getColumn(c).numberFormat = band.cells.map(() => [format]);
  });
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
  let bytes = 0;
  for (const row of band.cells) for (const cell of row) bytes += cellPayloadBytes(cell);
  if (band.columnNumberFormats) {
    const perRow = band.columnNumberFormats.reduce((sum, format) => sum + (format ? format.length + 4 : 0), 0);
    bytes += perRow * band.cells.length;
  }
  return bytes;
}

