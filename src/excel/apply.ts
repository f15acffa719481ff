/**
 * Applying a WritePlan through Office.js in a constant number of syncs:
 *   1. preflight: protection, what the plan depends on in the register (see `registerDependsOn`)
 *      still equals the snapshot the user saw, the planned target cells are empty or ours (their
 *      previous content goes into the undo journal);
 *   2. structure (only when needed): create sheets, then insert columns / add table columns;
 *   3. writes: blocks, bold, column widths, names, conditional formats.
 * Blocks larger than the request budget add one sync per ~4 MB. If a step fails, `rollback`
 * restores the journal (one inspection sync and one undo sync) and the original error is thrown.
 */
import { blockRect, insertedColumns, isFillBlock } from "../core/plan/blocks";
import { splitBlockByBytes, cellPayloadBytes, fillPayloadBytes } from "../core/plan/chunks";
import {
  foreignCell,
  foreignNames,
  foreignParameterSheet,
  foreignTargetMessage,
  plannedCellIsOurs,
  type CellContent,
  type ForeignTarget,
} from "../core/plan/ownership";
import {
  charsToPoints,
  textNeedsProtection,
  type CellBlock,
  type FillBlock,
  type PlanBlock,
  type PlanCell,
  type PlannedConditionalFormat,
  type WritePlan,
} from "../core/plan/types";
import { cellAddress, cellHoldsContent, columnLetter, formulaText, isBlank } from "../core/text";
import type { CellRect, CellValue, SheetSnapshot } from "../core/types";
import type { ApplyProgress } from "../core/host";
import type { Requirements } from "./env";
import { jsonBytes } from "./bytes";
import { HostFailureError, toHostFailure } from "./errors";
import { quoteSheetName, SyncCounter } from "./sync";
import { queueTableColumns, queueUndoTableResize } from "./table-columns";

export const DEFAULT_REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
/** Rough request sizes of one name or one small property write (path and arguments as JSON). */
const BYTES_PER_NAME = 400;
const BYTES_PER_SMALL_OP = 250;

export interface ApplyOptions {
  requirements: Requirements;
  counter?: SyncCounter;
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


/** What a block replaced, to put back on rollback. */
interface CellJournal {
  sheetName: string;
  rect: CellRect;
  formulas: unknown[][];
  /** How `formulas` was read: fills are journalled in R1C1 (relative references, same text per row). */
  notation: "A1" | "R1C1";
  /** To tell a formula from text that begins with "=" (its formula and value are the same text). */
  values: unknown[][];
  numberFormats: unknown[][];
  bold: boolean | null;
  /** The cells were empty, formats included: undo clears them (no per-cell arrays kept). */
  empty?: boolean;
}

interface Journal {
  /** Sheets created by structure sync (they did not exist in preflight). */
  createdSheets: string[];
  /** Whole columns inserted (set once the sync that inserted them succeeded). */
  insertedColumns: { sheetName: string; atColumn: number; count: number } | null;
  tableColumns: { sheetName: string; tableName: string; originalCount: number; resizedFrom: CellRect | null } | null;
  cells: CellJournal[];
  /** Previous formula ("=Sheet!$A$1") of names that existed; null for names we add. */
  names: { name: string; previousFormula: string | null }[];
  widths: { sheetName: string; column: number; previousPoints: number }[];
  /** Planned conditional formats, and whether their rect held one before (a re-run: ours). */
  conditionalFormats: { format: PlannedConditionalFormat; hadFormats: boolean }[];
  /** How far the apply got: "preflight" | "structure" | "writes" | "done". */
  stage: "preflight" | "structure" | "writes" | "done";
}

type GridValue = string | number | boolean;

export async function applyPlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  expected: SheetSnapshot,
  options: ApplyOptions,
): Promise<AppliedPlan> {
  const counter = options.counter ?? new SyncCounter(context);
  const budget = options.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET_BYTES;
  const workbook = context.workbook;
  const journal: Journal = {
    createdSheets: [],
    insertedColumns: null,
    tableColumns: null,
    cells: [],
    names: [],
    widths: [],
    conditionalFormats: [],
    stage: "preflight",
  };

  // --- 1. Preflight ------------------------------------------------------------------------------
  const registerSheet = workbook.worksheets.getItem(plan.registerSheet);
  registerSheet.load("name");
  registerSheet.protection.load("protected");
  // `create` means "create when missing": which of those exist is known only after this sync.
  const maybeMissing = plan.sheets.filter((s) => s.create && s.name !== plan.registerSheet).map((planned) => {
    const proxy = workbook.worksheets.getItemOrNullObject(planned.name);
    proxy.load("name");
    return { name: planned.name, proxy };
  });
  const mustExist = plan.sheets.filter((s) => !s.create && s.name !== plan.registerSheet).map((planned) => {
    const proxy = workbook.worksheets.getItem(planned.name);
    proxy.protection.load("protected");
    return { name: planned.name, proxy };
  });
  // A protected workbook structure refuses worksheets.add with AccessDenied (WorkbookProtection: ExcelApi 1.7).
  const workbookProtection = maybeMissing.length > 0 ? workbook.protection : null;
  workbookProtection?.load("protected");
  const sheetProxies = new Map<string, Excel.Worksheet>([[plan.registerSheet, registerSheet]]);
  for (const { name, proxy } of mustExist) sheetProxies.set(name, proxy);
  const sheetOf = (name: string) => sheetProxies.get(name) ?? workbook.worksheets.getItem(name);

  const registerRect = options.registerRect ?? usedRectOf(expected);
  // Bands sized by what the snapshot says the cells hold, so each response stays under the budget.
  const compareBands = compareRegions(registerRect, options.registerDependsOn).flatMap((region) => rowBandsBySize(expected, region, budget));
  const compareProxies = compareBands.map((band) => ({
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
  const earlyChecks = queueChecks(plan, knownSheets, sheetOf, tableRect, expected, budget, canProbe);

  // Everything preflight reads back, in responses under the budget: one sync for a register that
  // fits, one more per further budget's worth (the count grows with bytes, not rows).
  const probeBytes = 200;
  const reads = [
    ...compareProxies.map(({ band, range }) => ({ bytes: band.bytes, load: () => range.load("values") })),
    ...earlyChecks.map((check) =>
      check.probe ? { bytes: probeBytes, load: () => check.probe!.load("address") } : { bytes: check.bytes, load: check.load },
    ),
  ];
  let pendingResponse = 0;
  const scheduleRead = async (read: { bytes: number; load: () => void }) => {
    if (pendingResponse > 0 && pendingResponse + read.bytes > budget) {
      await counter.sync();
      pendingResponse = 0;
    }
    read.load();
    pendingResponse += read.bytes;
  };
  for (const read of reads) await scheduleRead(read);
  await counter.sync();
  // A probed band that is no longer empty (typed into, formatted) is read after all.
  pendingResponse = 0;
  const probedFull = earlyChecks.filter((check) => check.probe && !check.probe.isNullObject);
  for (const check of earlyChecks) if (check.probe && check.probe.isNullObject) check.empty = true;
  for (const check of probedFull) await scheduleRead(check);
  if (probedFull.length > 0) await counter.sync();

  // Protection first: the clearest message when the sheet is locked.
  for (const [name, proxy] of [[plan.registerSheet, registerSheet] as const, ...mustExist.map((s) => [s.name, s.proxy] as const)]) {
    if (proxy.protection.protected) throw new HostFailureError("protected-sheet", `Sheet "${name}" is protected.`, name);
  }
  for (const { band, range } of compareProxies) {
    const difference = firstDifference(expected, band, range.values as CellValue[][]);
    if (difference) {
      throw new HostFailureError(
        "register-changed",
        `Sheet "${plan.registerSheet}" changed since it was read: cell ${difference} differs.`,
        plan.registerSheet,
      );
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
  verifyChecks(plan, earlyChecks, () => ({ value: "", formula: "" }), journal, keptValues);

  const created = new Set(maybeMissing.filter((s) => s.proxy.isNullObject).map((s) => s.name));
  if (created.size > 0 && workbookProtection?.protected) {
    throw new HostFailureError("protected-workbook", `The workbook's structure is protected: sheet "${[...created][0]}" cannot be added.`, plan.registerSheet);
  }
  const reused = maybeMissing.filter((s) => !s.proxy.isNullObject);
  for (const { name, proxy } of reused) {
    sheetProxies.set(name, proxy);
    knownSheets.add(name);
  }

  const rollback = () => rollbackJournal(context, counter, journal, tableColumnCount?.value ?? null, options.extension);
  const fail = async (error: unknown): Promise<never> => {
    const failure = toHostFailure(error, plan.registerSheet);
    try {
      await rollback();
    } catch (rollbackError) {
      throw new HostFailureError(
        failure.code,
        `${failure.details} (restoring the workbook also failed: ${toHostFailure(rollbackError).details})`,
        failure.sheet,
        error,
      );
    }
    throw failure;
  };

  // --- 2. Structure, with what sheets that turned out to exist hold now -----------------------------
  // Loads queued before the structural operations read the state before them.
  // Sheets that existed but were not known before: the parameter sheet, a few hundred cells.
  const lateChecks = queueChecks(plan, new Set(reused.map((s) => s.name)), sheetOf, tableRect, expected, budget, false);
  for (const check of lateChecks) check.load();
  // An existing parameter sheet must be ours (its title cell says so) or empty (ownership.ts).
  const parameterSheetProbe = (() => {
    const sheet = reused.find((s) => s.name === plan.parameterSheet)?.proxy;
    if (!sheet) return null;
    const { row, column } = plan.ownership.parameterTitleCell;
    const title = sheet.getRangeByIndexes(row, column, 1, 1);
    title.load("values,formulas");
    const used = sheet.getUsedRangeOrNullObject(false);
    used.load("address");
    return { title, used };
  })();
  for (const { proxy } of reused) proxy.protection.load("protected");
  const formatsBefore = plan.conditionalFormats.map((format) => {
    if (created.has(format.sheetName)) return { format, count: null };
    const before = preActionRect({ id: format.id, sheetName: format.sheetName, row: format.rect.row, column: format.rect.column, cells: Array.from({ length: format.rect.rowCount }, () => new Array(format.rect.columnCount)) } as CellBlock, plan, tableRect);
    if (before === "fresh") return { format, count: null };
    const count = sheetOf(format.sheetName).getRangeByIndexes(before.row, before.column, before.rowCount, before.columnCount).conditionalFormats.getCount();
    return { format, count };
  });
  const widthsBefore = plan.columnWidths
    .filter((width) => !created.has(width.sheetName) && !isFreshColumn(width.sheetName, width.column, plan))
    .map((width) => {
      const column = sheetOf(width.sheetName).getRangeByIndexes(0, preActionColumn(width.column, plan), 1, 1);
      column.format.load("columnWidth");
      return { width, column };
    });
  journal.stage = "structure";
  journal.createdSheets = [...created];
  // The new sheets' own objects serve every later range on them (a lookup by name costs each one a path).
  for (const name of created) sheetProxies.set(name, workbook.worksheets.add(name));
  // Column changes last: if this sync fails, they did not happen (Office stops at the failing statement).
  const inserted = insertedWholeColumns(plan);
  const addsTableColumns = table !== null && action.kind === "add-table-columns";
  try {
    if (inserted) {
      registerSheet.getRangeByIndexes(0, inserted.atColumn, 1, inserted.count).getEntireColumn().insert("Right");
      // With table columns to add as well, the insert gets its own sync, so a failure tells which happened.
      if (addsTableColumns) {
        await counter.sync();
        journal.insertedColumns = inserted;
      }
    }
    if (addsTableColumns) {
      const resizedFrom = queueTableColumns(registerSheet, table, tableRect, action.headers, options.requirements);
      journal.tableColumns = { sheetName: action.sheetName, tableName: action.tableName, originalCount: tableColumnCount?.value ?? 0, resizedFrom };
    }
  } catch (error) {
    return fail(error);
  }
  options.extension?.queueLookups();
  try {
    await counter.sync();
    if (inserted) journal.insertedColumns = inserted;
    for (const { name, proxy } of reused) {
      if (proxy.protection.protected) throw new HostFailureError("protected-sheet", `Sheet "${name}" is protected.`, name);
    }
    const parameterTitle: CellContent | null =
      parameterSheetProbe && !parameterSheetProbe.used.isNullObject
        ? { value: (parameterSheetProbe.title.values as CellValue[][])[0][0], formula: (parameterSheetProbe.title.formulas as CellValue[][])[0][0] }
        : null;
    const foreignSheet = parameterTitle && foreignParameterSheet(plan, parameterTitle, false);
    if (foreignSheet) throw foreignTargetFailure(foreignSheet, plan.parameterSheet);
    verifyChecks(plan, lateChecks, (sheetName) => (sheetName === plan.parameterSheet && parameterTitle) || { value: "", formula: "" }, journal, keptValues);
  } catch (error) {
    return fail(error);
  }
  journal.conditionalFormats = formatsBefore.map(({ format, count }) => ({ format, hadFormats: (count?.value ?? 0) > 0 }));
  journal.widths = widthsBefore.map(({ width, column }) => ({
    sheetName: width.sheetName,
    column: width.column,
    previousPoints: column.format.columnWidth,
  }));

  // --- 3. Writes ---------------------------------------------------------------------------------
  journal.stage = "writes";
  options.onStep?.("writing-parameters");
  try {
    // Names before the cells that use them, so every formula finds its names when it is entered.
    for (const { name, previousFormula } of journal.names) {
      const planned = plan.names.find((n) => n.name === name)!;
      const reference = `=${quoteSheetName(planned.sheetName)}!${absoluteAddress(planned.rect)}`;
      if (previousFormula === null) {
        workbook.names.add(planned.name, sheetOf(planned.sheetName).getRangeByIndexes(planned.rect.row, planned.rect.column, planned.rect.rowCount, planned.rect.columnCount), planned.comment);
      } else if (previousFormula !== reference) {
        workbook.names.getItem(planned.name).formula = reference;
      }
    }
    let pendingBytes = journal.names.length * BYTES_PER_NAME;
    for (const block of plan.blocks) {
      if (isFillBlock(block)) {
        // One formula per column whatever the row count: a small, fixed part of the request.
        const fillBytes = fillPayloadBytes(block) + block.formulasR1C1.length * 3 * BYTES_PER_SMALL_OP;
        if (pendingBytes > 0 && pendingBytes + fillBytes > budget) {
          await counter.sync();
          pendingBytes = 0;
        }
        writeFill(sheetOf(block.sheetName), block);
        pendingBytes += fillBytes;
        continue;
      }
      const kept = keptValues.get(block);
      const bands = splitBlockByBytes(block, Math.max(1024, Math.floor(budget / 2)));
      for (const band of bands) {
        const bandBytes = estimateBandBytes(band);
        if (pendingBytes > 0 && pendingBytes + bandBytes > budget) {
          await counter.sync();
          pendingBytes = 0;
        }
        writeBand(sheetOf(band.sheetName), band, kept ? kept.slice(band.row - block.row) : null);
        pendingBytes += bandBytes;
      }
    }
    // Widths, highlights and the charts close the batch: a sync first if they would push it over the budget.
    const trailingBytes =
      plan.columnWidths.length * BYTES_PER_SMALL_OP + plan.conditionalFormats.length * 4 * BYTES_PER_SMALL_OP + (options.extension?.estimatedBytes ?? 0);
    if (pendingBytes > 0 && pendingBytes + trailingBytes > budget) await counter.sync();
    for (const width of plan.columnWidths) {
      sheetOf(width.sheetName).getRangeByIndexes(0, width.column, 1, 1).getEntireColumn().format.columnWidth = charsToPoints(width.widthChars);
    }
    for (const format of plan.conditionalFormats) {
      const target = sheetOf(format.sheetName).getRangeByIndexes(format.rect.row, format.rect.column, format.rect.rowCount, format.rect.columnCount);
      target.conditionalFormats.clearAll();
      addConditionalFormat(target, format);
    }
    options.extension?.queueWrites();
    await counter.sync();
  } catch (error) {
    return fail(error);
  }
  journal.stage = "done";

  const columnHeaders = plan.columns.map((column) => `${quoteSheetName(plan.registerSheet)}!${cellAddress(plan.headerRow, column.column)}`);
  return {
    columnHeaders,
    rollback,
  };
}

/** One row band of a planned block whose current content preflight reads. */
interface CellCheck {
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
function queueChecks(
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
function verifyChecks(
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

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

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

function addConditionalFormat(target: Excel.Range, format: PlannedConditionalFormat): void {
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

/** The refusal when a target is not Partnerkaart's (ownership.ts): nothing has been written yet. */
function foreignTargetFailure(target: ForeignTarget, sheet: string): HostFailureError {
  const failure = new HostFailureError("foreign-content", foreignTargetMessage("en", target), target.kind === "name" ? sheet : target.sheetName);
  failure.target = target;
  return failure;
}

function absoluteAddress(rect: CellRect): string {
  const start = `$${columnLetter(rect.column)}$${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return start;
  return `${start}:$${columnLetter(rect.column + rect.columnCount - 1)}$${rect.row + rect.rowCount}`;
}

// ---------------------------------------------------------------------------------------------
// Ownership and coordinates
// ---------------------------------------------------------------------------------------------

/** Whole columns the structure step inserts on the register sheet, if any. */
function insertedWholeColumns(plan: WritePlan): { sheetName: string; atColumn: number; count: number } | null {
  const inserted = insertedColumns(plan);
  return inserted && { sheetName: plan.registerColumns.sheetName, atColumn: inserted.at, count: inserted.count };
}

function isFreshColumn(sheetName: string, column: number, plan: WritePlan): boolean {
  const inserted = insertedWholeColumns(plan);
  return !!inserted && inserted.sheetName === sheetName && column >= inserted.atColumn && column < inserted.atColumn + inserted.count;
}

/** Where a post-action column was before inserted columns shifted it. */
function preActionColumn(column: number, plan: WritePlan): number {
  const inserted = insertedWholeColumns(plan);
  if (inserted && column >= inserted.atColumn + inserted.count) return column - inserted.count;
  return column;
}

/**
 * The block's cells before the column action, or "fresh" when they are all new cells (inserted
 * columns, or added table columns within the table's rows).
 */
function preActionRect(block: PlanBlock, plan: WritePlan, tableRect: CellRect | undefined): CellRect | "fresh" {
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

// ---------------------------------------------------------------------------------------------
// Rollback
// ---------------------------------------------------------------------------------------------

async function rollbackJournal(
  context: Excel.RequestContext,
  counter: SyncCounter,
  journal: Journal,
  originalTableColumns: number | null,
  extension: ApplyOptions["extension"],
): Promise<void> {
  if (journal.stage === "preflight") return;
  const workbook = context.workbook;
  // Inspect what exists now: a failed sync may have applied some of its statements.
  const sheets = journal.createdSheets.map((name) => {
    const proxy = workbook.worksheets.getItemOrNullObject(name);
    proxy.load("name");
    return proxy;
  });
  const names = journal.names.map(({ name, previousFormula }) => {
    const item = workbook.names.getItemOrNullObject(name);
    item.load("name");
    return { item, previousFormula };
  });
  const tableCount = journal.tableColumns ? workbook.tables.getItem(journal.tableColumns.tableName).columns.getCount() : null;
  // Widths: only those that really changed are put back (a write may have failed before them).
  // After "done" too: AppliedPlan.rollback undoes a finished apply (a failed self-check).
  const wroteAll = journal.stage === "writes" || journal.stage === "done";
  const widthsNow = wroteAll
    ? journal.widths.map((width) => {
        const column = workbook.worksheets.getItem(width.sheetName).getRangeByIndexes(0, width.column, 1, 1);
        column.format.load("columnWidth");
        return { width, column };
      })
    : [];
  const undoExtension = wroteAll ? extension?.queueRollback() : undefined;
  await counter.sync();
  undoExtension?.();

  const structureDone = journal.stage === "writes" || journal.stage === "done";
  if (structureDone) {
    // Cells first, at their post-action positions, before the structure is taken back.
    for (const cells of journal.cells) {
      const range = workbook.worksheets
        .getItem(cells.sheetName)
        .getRangeByIndexes(cells.rect.row, cells.rect.column, cells.rect.rowCount, cells.rect.columnCount);
      if (cells.empty) {
        range.clear("All");
        continue;
      }
      // Formats first so text stays text, except "@" over a formula (it would turn into text):
      // those get General until the formula is back, then their "@" again.
      const isFormula = (r: number, c: number) => {
        const formula = cells.formulas[r][c];
        return typeof formula === "string" && formula.startsWith("=") && formula !== cells.values[r][c];
      };
      let textOverFormula = false;
      range.numberFormat = cells.numberFormats.map((row, r) =>
        row.map((format, c) => {
          if (format === "@" && isFormula(r, c)) {
            textOverFormula = true;
            return "General";
          }
          return format;
        }),
      );
      const restored = cells.formulas.map((row, r) =>
        row.map((value, c) => (typeof value === "string" && !isFormula(r, c) && textNeedsProtection(value) ? `'${value}` : value)),
      );
      if (cells.notation === "R1C1") range.formulasR1C1 = restored as string[][];
      else range.formulas = restored as string[][];
      if (textOverFormula) range.numberFormat = cells.numberFormats;
      if (cells.bold !== null) range.format.font.bold = cells.bold;
    }
    for (const { width, column } of widthsNow) {
      if (column.format.columnWidth === width.previousPoints) continue;
      workbook.worksheets.getItem(width.sheetName).getRangeByIndexes(0, width.column, 1, 1).getEntireColumn().format.columnWidth = width.previousPoints;
    }
    for (const { format, hadFormats } of journal.conditionalFormats) {
      if (journal.createdSheets.includes(format.sheetName)) continue;
      const target = workbook.worksheets
        .getItem(format.sheetName)
        .getRangeByIndexes(format.rect.row, format.rect.column, format.rect.rowCount, format.rect.columnCount);
      target.conditionalFormats.clearAll();
      // A re-run's rect held our own highlight from last time: put it back.
      if (hadFormats) addConditionalFormat(target, format);
    }
    for (const { item, previousFormula } of names) {
      if (item.isNullObject) continue;
      if (previousFormula === null) item.delete();
      else item.formula = previousFormula;
    }
  }
  if (journal.tableColumns && tableCount && originalTableColumns !== null) {
    const table = workbook.tables.getItem(journal.tableColumns.tableName);
    const resizedFrom = journal.tableColumns.resizedFrom;
    if (resizedFrom) {
      queueUndoTableResize(workbook.worksheets.getItem(journal.tableColumns.sheetName), table, resizedFrom, tableCount.value - originalTableColumns);
    } else {
      // Added columns are the last ones; delete from the end so indices stay valid.
      for (let index = tableCount.value - 1; index >= originalTableColumns; index -= 1) table.columns.getItemAt(index).delete();
    }
  }
  if (journal.insertedColumns) {
    const inserted = journal.insertedColumns;
    workbook.worksheets
      .getItem(inserted.sheetName)
      .getRangeByIndexes(0, inserted.atColumn, 1, inserted.count)
      .getEntireColumn()
      .delete("Left");
  }
  sheets.forEach((proxy) => {
    if (!proxy.isNullObject) proxy.delete();
  });
  await counter.sync();
}
