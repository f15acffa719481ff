/**
 * The preflight stage, before anything is written: the sheets are not protected, what the plan
 * depends on in the register still equals the snapshot the user saw, the planned target cells
 * are empty or ours by the ownership rule (src/core/plan/ownership.ts), and their previous content
 * goes into the undo journal. One sync for a register that fits the budget, one more per further
 * budget's worth of read-back.
 */
import { blockRect, insertedColumns, isFillBlock, foreignCell, foreignNames, foreignTargetMessage, plannedCellIsOurs, type CellContent, type ForeignTarget, type PlanBlock, type WritePlan } from "../../core/plan";
import { cellAddress, cellHoldsContent, formulaText, isBlank } from "../../core/text";
import type { CellRect, CellValue, SheetSnapshot } from "../../core/types";
import { jsonBytes } from "../bytes";
import { HostFailureError } from "../errors";
import type { BudgetedBatch } from "./batch";
import type { InsertedColumns, Journal } from "./journal";
import type { ApplyOptions } from "./options";

/** One worksheet object per sheet for every range of the apply: a lookup by name costs each range an object path. */
export class SheetObjects {
  private readonly objects = new Map<string, Excel.Worksheet>();

  constructor(private readonly workbook: Excel.Workbook) {}

  set(name: string, sheet: Excel.Worksheet): void {
    this.objects.set(name, sheet);
  }

  of(name: string): Excel.Worksheet {
    return this.objects.get(name) ?? this.workbook.worksheets.getItem(name);
  }
}

/** What preflight found, for the stages after it. */
export interface Preflight {
  registerSheet: Excel.Worksheet;
  sheets: SheetObjects;
  /** Planned sheets that do not exist yet: the structure stage adds them. */
  created: ReadonlySet<string>;
  /** Planned "create when missing" sheets that exist already (a re-run's parameter sheet). */
  reused: { name: string; proxy: Excel.Worksheet }[];
  table: Excel.Table | null;
  tableRect: CellRect | undefined;
  /** Existing values of blocks that keep them (user-editable labels), by block. */
  keptValues: Map<PlanBlock, unknown[][]>;
}

/** Check everything that can be checked before the first write; throws a HostFailureError to refuse. */
export async function preflight(
  context: Excel.RequestContext,
  plan: WritePlan,
  expected: SheetSnapshot,
  options: ApplyOptions,
  batch: BudgetedBatch,
  journal: Journal,
): Promise<Preflight> {
  const workbook = context.workbook;
  const sheets = new SheetObjects(workbook);
  const registerSheet = workbook.worksheets.getItem(plan.registerSheet);
  registerSheet.load("name");
  registerSheet.protection.load("protected");
  sheets.set(plan.registerSheet, registerSheet);
  // `create` means "create when missing": which of those exist is known only after this sync.
  const maybeMissing = plan.sheets.filter((s) => s.create && s.name !== plan.registerSheet).map((planned) => {
    const proxy = workbook.worksheets.getItemOrNullObject(planned.name);
    proxy.load("name");
    return { name: planned.name, proxy };
  });
  const mustExist = plan.sheets.filter((s) => !s.create && s.name !== plan.registerSheet).map((planned) => {
    const proxy = workbook.worksheets.getItem(planned.name);
    proxy.protection.load("protected");
    sheets.set(planned.name, proxy);
    return { name: planned.name, proxy };
  });
  // A protected workbook structure refuses worksheets.add with AccessDenied (WorkbookProtection: ExcelApi 1.7).
  const workbookProtection = maybeMissing.length > 0 ? workbook.protection : null;
  workbookProtection?.load("protected");

  const registerRect = options.registerRect ?? usedRectOf(expected);
  // Bands sized by what the snapshot says the cells hold, so each response stays under the budget.
  const compareBands = compareRegions(registerRect, options.registerDependsOn).flatMap((region) => rowBandsBySize(expected, region, batch.budgetBytes));
  const compared = compareBands.map((band) => ({
    band,
    range: registerSheet.getRangeByIndexes(band.row, band.column, band.rowCount, band.columnCount),
  }));

  const action = plan.registerColumns;
  const table = action.kind === "add-table-columns" ? workbook.tables.getItem(action.tableName) : null;
  const tableColumnCount = table ? table.columns.getCount() : null;
  const tableRect = action.kind === "add-table-columns" ? expected.tables.find((t) => t.name === action.tableName)?.rect : undefined;

  const namesBefore = plan.names.map((planned) => {
    const item = workbook.names.getItemOrNullObject(planned.name);
    item.load("name,formula");
    return { planned, item };
  });

  const knownSheets = new Set([plan.registerSheet, ...mustExist.map((s) => s.name)]);
  // Range.getUsedRangeOrNullObject: ExcelApi 1.4.
  const canProbe = options.requirements.excelApi("1.4");
  const checks = queueChecks(plan, knownSheets, (name) => sheets.of(name), tableRect, expected, batch.budgetBytes, canProbe);
  await readBack(batch, compared, checks);
  journal.originalTableColumns = tableColumnCount?.value ?? null;

  // Protection first: the clearest message when the sheet is locked.
  for (const [name, proxy] of [[plan.registerSheet, registerSheet] as const, ...mustExist.map((s) => [s.name, s.proxy] as const)]) {
    if (proxy.protection.protected) throw new HostFailureError("protected-sheet", `Sheet "${name}" is protected.`, name);
  }
  for (const { band, range } of compared) {
    const difference = firstDifference(expected, band, range.values as CellValue[][]);
    if (difference) {
      throw new HostFailureError("register-changed", `Sheet "${plan.registerSheet}" changed since it was read: cell ${difference} differs.`, plan.registerSheet);
    }
  }
  journal.names = namesBefore.map(({ planned, item }) => ({
    name: planned.name,
    previousFormula: item.isNullObject ? null : item.formula,
  }));
  // A PK_ name that points elsewhere may be the user's (or used by the user's formulas): never repointed.
  const repointed = foreignNames(plan, new Map(journal.names.flatMap((n) => (n.previousFormula === null ? [] : [[n.name, n.previousFormula] as const]))));
  if (repointed.length > 0) throw foreignTargetFailure(repointed[0], plan.registerSheet);
  const keptValues = new Map<PlanBlock, unknown[][]>();
  // Sheets known before the apply: the register sheet (never the parameter sheet's title).
  verifyChecks(plan, checks, () => ({ value: "", formula: "" }), journal, keptValues);

  const created = new Set(maybeMissing.filter((s) => s.proxy.isNullObject).map((s) => s.name));
  if (created.size > 0 && workbookProtection?.protected) {
    throw new HostFailureError("protected-workbook", `The workbook's structure is protected: sheet "${[...created][0]}" cannot be added.`, plan.registerSheet);
  }
  const reused = maybeMissing.filter((s) => !s.proxy.isNullObject);
  for (const { name, proxy } of reused) sheets.set(name, proxy);
  return { registerSheet, sheets, created, reused, table, tableRect, keptValues };
}

/**
 * Everything preflight reads back, in responses under the budget; then, for bands a probe found
 * no longer empty (typed into, formatted), their cells after all.
 */
async function readBack(batch: BudgetedBatch, compared: { band: { bytes: number }; range: Excel.Range }[], checks: CellCheck[]): Promise<void> {
  const probeBytes = 200;
  const reads = [
    ...compared.map(({ band, range }) => ({ bytes: band.bytes, load: () => range.load("values") })),
    ...checks.map((check) => (check.probe ? { bytes: probeBytes, load: () => check.probe!.load("address") } : { bytes: check.bytes, load: check.load })),
  ];
  for (const read of reads) {
    await batch.fit(read.bytes);
    read.load();
  }
  await batch.send();
  const probedFull = checks.filter((check) => check.probe && !check.probe.isNullObject);
  for (const check of checks) if (check.probe && check.probe.isNullObject) check.empty = true;
  for (const check of probedFull) {
    await batch.fit(check.bytes);
    check.load();
  }
  if (probedFull.length > 0) await batch.send();
}


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
export function verifyChecks(
  plan: WritePlan,
  checks: CellCheck[],
  titleOf: (sheetName: string) => CellContent,
  journal: Journal,
  keptValues: Map<PlanBlock, unknown[][]>,
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
    if (!fill && block.keepExistingValues && offset === 0 && rect.rowCount === whole.rowCount) keptValues.set(block, current);
  }
}


/** The refusal when a target is not Partnerkaart's (ownership.ts): nothing has been written yet. */
export function foreignTargetFailure(target: ForeignTarget, sheet: string): HostFailureError {
  const failure = new HostFailureError("foreign-content", foreignTargetMessage("en", target), target.kind === "name" ? sheet : target.sheetName);
  failure.target = target;
  return failure;
}

// ---------------------------------------------------------------------------------------------
// Ownership and coordinates
// ---------------------------------------------------------------------------------------------

/** Whole columns the structure step inserts on the register sheet, if any. */
export function insertedWholeColumns(plan: WritePlan): InsertedColumns | null {
  const inserted = insertedColumns(plan);
  return inserted && { sheetName: plan.registerColumns.sheetName, atColumn: inserted.at, count: inserted.count };
}

export function isFreshColumn(sheetName: string, column: number, plan: WritePlan): boolean {
  const inserted = insertedWholeColumns(plan);
  return !!inserted && inserted.sheetName === sheetName && column >= inserted.atColumn && column < inserted.atColumn + inserted.count;
}

/** Where a post-action column was before inserted columns shifted it. */
export function preActionColumn(column: number, plan: WritePlan): number {
  const inserted = insertedWholeColumns(plan);
  if (inserted && column >= inserted.atColumn + inserted.count) return column - inserted.count;
  return column;
}

/**
 * The block's cells before the column action, or "fresh" when they are all new cells (inserted
 * columns, or added table columns within the table's rows).
 */
export function preActionRect(block: PlanBlock, plan: WritePlan, tableRect: CellRect | undefined): CellRect | "fresh" {
  const rect = blockRect(block);
  if (block.sheetName !== plan.registerSheet) return rect;
  const lastColumn = rect.column + rect.columnCount - 1;
  const inserted = insertedWholeColumns(plan);
  if (inserted) {
    if (rect.column >= inserted.atColumn && lastColumn < inserted.atColumn + inserted.count) return "fresh";
    if (rect.column >= inserted.atColumn + inserted.count) return { ...rect, column: rect.column - inserted.count };
    if (lastColumn < inserted.atColumn) return rect;
    throw new HostFailureError("invalid-argument", `Block ${block.id} straddles the new columns; the plan cannot be applied safely.`, block.sheetName);
  }
  const action = plan.registerColumns;
  if (action.kind === "add-table-columns" && tableRect) {
    const lastRow = rect.row + rect.rowCount - 1;
    const insideColumns = rect.column >= action.firstColumn && lastColumn < action.firstColumn + action.headers.length;
    const withinTableRows = rect.row >= tableRect.row && lastRow < tableRect.row + tableRect.rowCount;
    // Added table columns grow the table over the (empty) columns beside it.
    if (insideColumns && withinTableRows) return "fresh";
  }
  return rect;
}

function usedRectOf(snapshot: SheetSnapshot): CellRect {
  return {
    row: snapshot.origin.row,
    column: snapshot.origin.column,
    rowCount: snapshot.values.length,
    columnCount: snapshot.values[0]?.length ?? 0,
  };
}

/** Response bytes of one value as Office.js returns it (JSON), plus its separator. */
function valueBytes(value: unknown): number {
  return jsonBytes(value) + 1;
}

/** Above this many separate row runs, preflight compares the whole register instead (fewer ranges). */
const MAX_COMPARED_ROW_RUNS = 500;

/**
 * The rectangles preflight compares with the snapshot: each run of adjacent `columns` over the
 * register's rows, each run of adjacent `rows` (and the row below the register) over its width.
 * Without `dependsOn`: the register and the row below it.
 */
function compareRegions(register: CellRect, dependsOn: ApplyOptions["registerDependsOn"]): CellRect[] {
  const below = register.row + register.rowCount;
  const whole = [{ ...register, rowCount: register.rowCount + 1 }];
  if (!dependsOn) return whole;
  const lastColumn = register.column + register.columnCount - 1;
  const columns = runs(dependsOn.columns.filter((c) => c >= register.column && c <= lastColumn));
  const rows = runs([...dependsOn.rows.filter((r) => r >= register.row && r < below), below]);
  if (rows.length > MAX_COMPARED_ROW_RUNS) return whole;
  return [
    ...columns.map((run) => ({ row: register.row, column: run.first, rowCount: register.rowCount, columnCount: run.count })),
    ...rows.map((run) => ({ row: run.first, column: register.column, rowCount: run.count, columnCount: register.columnCount })),
  ];
}

/** Sorted distinct numbers as runs of adjacent ones. */
function runs(numbers: readonly number[]): { first: number; count: number }[] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const result: { first: number; count: number }[] = [];
  for (const n of sorted) {
    const last = result[result.length - 1];
    if (last && last.first + last.count === n) last.count += 1;
    else result.push({ first: n, count: 1 });
  }
  return result;
}

/**
 * Row bands of `rect` whose values, as the snapshot holds them, are each under `budget` bytes.
 * `valueBytes` counts the JSON the response will carry (UTF-8, escapes included), and the budget
 * is 4 MB of Excel on the web's 5 MB, so a band stays under the limit even when some cells changed.
 * The number of bands grows with the register's size in bytes, not its rows.
 */
function rowBandsBySize(expected: SheetSnapshot, rect: CellRect, budget: number): (CellRect & { bytes: number })[] {
  const limit = Math.max(1024, budget);
  const bands: (CellRect & { bytes: number })[] = [];
  let first = 0;
  let bytes = 0;
  for (let r = 0; r < rect.rowCount; r += 1) {
    const line = expected.values[rect.row + r - expected.origin.row];
    let rowBytes = 3;
    for (let c = 0; c < rect.columnCount; c += 1) rowBytes += valueBytes(line?.[rect.column + c - expected.origin.column]);
    if (bytes + rowBytes > limit && r > first) {
      bands.push({ ...rect, row: rect.row + first, rowCount: r - first, bytes });
      first = r;
      bytes = 0;
    }
    bytes += rowBytes;
  }
  if (rect.rowCount > first) bands.push({ ...rect, row: rect.row + first, rowCount: rect.rowCount - first, bytes });
  return bands;
}

/** The address of the first cell of `band` whose value is not what the snapshot says, or null. */
function firstDifference(expected: SheetSnapshot, band: CellRect, now: CellValue[][]): string | null {
  for (let r = 0; r < band.rowCount; r += 1) {
    for (let c = 0; c < band.columnCount; c += 1) {
      const row = band.row + r;
      const column = band.column + c;
      const snapshotRow = expected.values[row - expected.origin.row];
      const was = snapshotRow ? snapshotRow[column - expected.origin.column] : undefined;
      const is = now[r][c];
      const bothBlank = isBlank(was ?? "") && isBlank(is);
      if (!bothBlank && was !== is) return cellAddress(row, column);
    }
  }
  return null;
}

