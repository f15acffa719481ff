/**
 * The planned target cells as preflight and the structure stage read them: one check per row band,
 * verified by the ownership rule (src/core/plan/ownership.ts) and journalled for the undo.
 */
import {
  blockRect,
  foreignCell,
  foreignTargetMessage,
  isFillBlock,
  plannedCellIsOurs,
  type CellContent,
  type ForeignTarget,
  type PlanBlock,
  type PlanCell,
  type WritePlan,
} from "../../core/plan";
import { cellHoldsContent, formulaText } from "../../core/text";
import type { CellRect, CellValue, SheetSnapshot } from "../../core/types";
import { jsonBytes } from "../bytes";
import { HostFailureError } from "../errors";
import { preActionRect } from "./coordinates";
import type { Journal } from "./journal";

/** One row band of a planned block whose current content preflight reads. */
export interface CellCheck {
  block: PlanBlock;
  /** First row of the band within the block. */
  offset: number;
  /** The band's cells before the column action. */
  before: CellRect;
  range: Excel.Range;
  /** Estimated response bytes of `load`. */
  bytes: number;
  load(): void;
  /**
   * Large bands the snapshot shows empty are first asked only whether they are still empty (their
   * used range, formats included): a tiny response instead of every cell. Null: loaded at once.
   */
  probe: Excel.Range | null;
  /** Set when the probe found nothing: the band is journalled as empty (undo clears it). */
  empty?: boolean;
}

/** Above this many estimated response bytes a snapshot-empty band is probed before it is read. */
const PROBE_ABOVE_BYTES = 64 * 1024;

/** Response bytes of a cell's formulas + values + numberFormat, from what the snapshot holds (a cell beyond it: a small guess). */
function checkCellBytes(expected: SheetSnapshot, sheetName: string, row: number, column: number): number {
  if (sheetName !== expected.sheetName) return 64;
  const r = row - expected.origin.row;
  const c = column - expected.origin.column;
  const value = expected.values[r]?.[c];
  if (value === undefined) return 40;
  const formula = formulaText(expected.formulas?.[r]?.[c], value);
  const format = expected.numberFormats?.[r]?.[c];
  return valueBytes(value) * 2 + (formula ? valueBytes(formula) : 0) + (format ? valueBytes(format) : 12) + 8;
}

/**
 * What the planned targets on `sheets` hold now (for verification and the undo journal), as row
 * bands each under half the budget; the caller queues their loads between syncs.
 */
export function queueChecks(
  plan: WritePlan,
  sheets: ReadonlySet<string>,
  sheetOf: (name: string) => Excel.Worksheet,
  tableRect: CellRect | undefined,
  expected: SheetSnapshot,
  budget: number,
  canProbe: boolean,
): CellCheck[] {
  const checks: CellCheck[] = [];
  const limit = Math.max(1024, budget / 2);
  for (const block of plan.blocks) {
    if (!sheets.has(block.sheetName)) continue;
    const before = preActionRect(block, plan, tableRect);
    if (before === "fresh") continue;
    // A fill compares with (and journals) R1C1 text: what it writes, and the same in every row.
    const properties = isFillBlock(block) ? "formulasR1C1,numberFormat,values" : "formulas,numberFormat,values";
    const sheet = sheetOf(block.sheetName);
    const addBand = (offset: number, rowCount: number, bytes: number, snapshotEmpty: boolean) => {
      const bandBefore = { ...before, row: before.row + offset, rowCount };
      const range = sheet.getRangeByIndexes(bandBefore.row, bandBefore.column, bandBefore.rowCount, bandBefore.columnCount);
      const probe = canProbe && snapshotEmpty && bytes > PROBE_ABOVE_BYTES ? range.getUsedRangeOrNullObject(false) : null;
      checks.push({
        block,
        offset,
        before: bandBefore,
        range,
        bytes,
        probe,
        load: () => {
          range.load(properties);
          range.format.font.load("bold");
        },
      });
    };
    const cellIsEmptyInSnapshot = (row: number, column: number) => {
      if (block.sheetName !== expected.sheetName) return false;
      const r = row - expected.origin.row;
      const c = column - expected.origin.column;
      return !cellHoldsContent(expected.values[r]?.[c], expected.formulas?.[r]?.[c]);
    };
    // Blocks whose existing values are kept are small (labels): never split.
    const splittable = isFillBlock(block) || !block.keepExistingValues;
    let first = 0;
    let bytes = 0;
    let empty = true;
    for (let r = 0; r < before.rowCount; r += 1) {
      let rowBytes = 4;
      let rowEmpty = true;
      for (let c = 0; c < before.columnCount; c += 1) {
        rowBytes += checkCellBytes(expected, block.sheetName, before.row + r, before.column + c);
        if (rowEmpty && !cellIsEmptyInSnapshot(before.row + r, before.column + c)) rowEmpty = false;
      }
      if (splittable && bytes + rowBytes > limit && r > first) {
        addBand(first, r - first, bytes, empty);
        first = r;
        bytes = 0;
        empty = true;
      }
      bytes += rowBytes;
      empty = empty && rowEmpty;
    }
    if (before.rowCount > first) addBand(first, before.rowCount - first, bytes, empty);
  }
  return checks;
}

/** Every non-empty target cell must be Partnerkaart's by its content (ownership.ts); journal the rest. */
/** What the checks learnt about the planned targets, for the writes. */
export interface TargetsNow {
  /** Existing values of blocks that keep them (user-editable labels), by block. */
  keptValues: Map<PlanBlock, unknown[][]>;
  /** Rows of each block that already hold what the block writes (a re-run with nothing new there). */
  rowsAsPlanned: Map<PlanBlock, number>;
}

export const noTargetsYet = (): TargetsNow => ({ keptValues: new Map(), rowsAsPlanned: new Map() });

/** Whether every row of `block` already holds what it writes: its write can be left out of the request. */
export function holdsPlanned(block: PlanBlock, targets: TargetsNow): boolean {
  const rows = blockRect(block).rowCount;
  return rows > 0 && targets.rowsAsPlanned.get(block) === rows;
}

export function verifyChecks(
  plan: WritePlan,
  checks: CellCheck[],
  titleOf: (sheetName: string) => CellContent,
  journal: Journal,
  targets: TargetsNow,
): void {
  for (const { block, offset, before, range, empty } of checks) {
    const fill = isFillBlock(block);
    if (empty) {
      const whole = blockRect(block);
      journal.cells.push({
        sheetName: block.sheetName,
        rect: { ...whole, row: whole.row + offset, rowCount: before.rowCount },
        formulas: [],
        notation: "A1",
        values: [],
        numberFormats: [],
        bold: null,
        empty: true,
      });
      continue;
    }
    const current = (fill ? range.formulasR1C1 : range.formulas) as unknown[][];
    const values = range.values as unknown[][];
    const whole = blockRect(block);
    const rect = { ...whole, row: whole.row + offset, rowCount: before.rowCount };
    // User-editable cells (labels, yes words) are kept as they are, never overwritten.
    if (!(!fill && block.keepExistingValues)) {
      for (let r = 0; r < rect.rowCount; r += 1) {
        for (let c = 0; c < rect.columnCount; c += 1) {
          const content: CellContent = { value: values[r][c] as CellValue, formula: current[r][c] as CellValue };
          if (plannedCellIsOurs(plan, block, rect.row + r, rect.column + c, content, () => titleOf(block.sheetName))) continue;
          throw foreignTargetFailure(foreignCell(block.sheetName, before.row + r, before.column + c, content), block.sheetName);
        }
      }
    }
    journal.cells.push({
      sheetName: block.sheetName,
      rect,
      formulas: current,
      notation: fill ? "R1C1" : "A1",
      values: range.values as unknown[][],
      numberFormats: range.numberFormat as unknown[][],
      bold: range.format.font.bold ?? null,
    });
    if (!fill && block.keepExistingValues && offset === 0 && rect.rowCount === whole.rowCount) targets.keptValues.set(block, current);
    if (rowsHoldPlanned(block, offset, current, range.numberFormat as unknown[][], range.format.font.bold ?? null)) {
      targets.rowsAsPlanned.set(block, (targets.rowsAsPlanned.get(block) ?? 0) + rect.rowCount);
    }
  }
}

/**
 * Whether the rows a check read hold exactly what the block would write there: contents (formulas
 * as Excel gives them back: any other spelling counts as different, and is written again), the
 * number formats it sets, and bold. Cells a block keeps (user-editable labels) only need content.
 */
function rowsHoldPlanned(block: PlanBlock, offset: number, current: unknown[][], numberFormats: unknown[][], bold: boolean | null): boolean {
  if (block.bold && bold !== true) return false;
  const formats = block.columnNumberFormats;
  return current.every((row, r) =>
    row.every((now, c) => {
      const format = formats?.[c] ?? null;
      if (format !== null && numberFormats[r]?.[c] !== format) return false;
      if (isFillBlock(block)) return typeof now === "string" && sameFormulaText(now, block.formulasR1C1[c]);
      const planned = plannedContent(block.cells[offset + r][c]);
      if (block.keepExistingValues) return now !== "" || planned === "";
      if (typeof now === "string" && typeof planned === "string" && planned.startsWith("=")) return sameFormulaText(now, planned);
      return now === planned;
    }),
  );
}

/**
 * Whether Excel's text of a formula is the formula we wrote, as Excel may spell it back: sheet
 * names with or without quotes (ours always has them, Excel drops those it does not need), numbers
 * in their shortest form (`0.000000001` as `1E-09`), `_xlfn.` prefixes, spaces. Strings are compared
 * as they are; anything else counts as a difference, so the cells are written again.
 */
export function sameFormulaText(excel: string, ours: string): boolean {
  return comparableFormula(excel) === comparableFormula(ours);
}

function comparableFormula(formula: string): string {
  // Strings and quoted sheet names are tokens of their own: nothing inside them is normalised.
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) => {
      if (i % 2 === 0) {
        return part
          .replace(/_xlfn\./gi, "")
          .replace(/\s+/g, "")
          .replace(/(?<![A-Za-z0-9_$.[\]!:])\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/g, (literal) => String(Number(literal)));
      }
      // A quoted sheet name unquoted on both sides (as isSameReference does for names' references).
      return part.startsWith('"') ? part : part.slice(1, -1).replace(/''/g, "'");
    })
    .join("");
}

/** A planned cell as Excel's `formulas` gives it back once written. */
function plannedContent(cell: PlanCell): unknown {
  switch (cell.kind) {
    case "formula":
      return cell.formula;
    case "empty":
      return "";
    default:
      return cell.value;
  }
}


/** The refusal when a target is not Partnerkaart's (ownership.ts): nothing has been written yet. */
export function foreignTargetFailure(target: ForeignTarget, sheet: string): HostFailureError {
  const failure = new HostFailureError("foreign-content", foreignTargetMessage("en", target), target.kind === "name" ? sheet : target.sheetName);
  failure.target = target;
  return failure;
}

/** Response bytes of one value as JSON, with its separator. */
export function valueBytes(value: unknown): number {
  return jsonBytes(value) + 1;
}
