/**
 * Applying a WritePlan through Office.js in a constant number of syncs:
 *   1. preflight: protection, the register still equals the snapshot the user saw, the planned
 *      target cells are empty or ours (their previous content goes into the undo journal);
 *   2. structure (only when needed): create sheets, then insert columns / add table columns;
 *   3. writes: blocks, bold, column widths, names, conditional formats, the ownership record.
 * Blocks larger than the request budget add one sync per ~4 MB. If a step fails, `rollback`
 * restores the journal (one inspection sync and one undo sync) and the original error is thrown.
 */
import { splitBlockByBytes, cellPayloadBytes } from "../core/plan/chunks";
import { charsToPoints, textNeedsProtection, type CellBlock, type PlanCell, type WritePlan } from "../core/plan/types";
import { cellAddress, columnLetter, isBlank } from "../core/text";
import type { CellRect, CellValue, SheetSnapshot } from "../core/types";
import type { ApplyProgress } from "../core/host";
import type { Requirements } from "./env";
import { HostFailureError, toHostFailure } from "./errors";
import { quoteSheetName, SyncCounter } from "./sync";

/** Workbook setting listing the rectangles the last apply wrote (so a re-run knows its own cells). */
export const OWNED_SETTING_KEY = "Partnerkaart.owned";
export const DEFAULT_REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;

export interface ApplyOptions {
  requirements: Requirements;
  counter?: SyncCounter;
  /** The part of the sheet that must still equal `expected` (default: its whole used range). */
  registerRect?: CellRect;
  /** Bytes one request/response may carry (default 4 MB, under the web's 5 MB). */
  requestBudgetBytes?: number;
  onStep?: (step: ApplyProgress["step"]) => void;
}

export interface AppliedPlan {
  /** A1 addresses of the new columns' header cells. */
  columnHeaders: string[];
  /** Undo this apply (used when a later step such as the chart fails). */
  rollback(): Promise<void>;
  /** Nothing left to do; kept so a caller can mark the end explicitly. */
  commit(): Promise<void>;
}

interface OwnedRect {
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** What a block replaced, to put back on rollback. */
interface CellJournal {
  sheetName: string;
  rect: CellRect;
  formulas: unknown[][];
  numberFormats: unknown[][];
  bold: boolean | null;
}

interface Journal {
  /** Sheets created by structure sync (they did not exist in preflight). */
  createdSheets: string[];
  insertedColumns: { sheetName: string; atColumn: number; count: number } | null;
  tableColumns: { sheetName: string; tableName: string; originalCount: number } | null;
  cells: CellJournal[];
  /** Previous formula ("=Sheet!$A$1") of names that existed; null for names we add. */
  names: { name: string; previousFormula: string | null }[];
  widths: { sheetName: string; column: number; previousPoints: number }[];
  conditionalFormats: { sheetName: string; rect: CellRect }[];
  ownedPrevious: string | null;
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
    ownedPrevious: null,
    stage: "preflight",
  };

  // --- 1. Preflight ------------------------------------------------------------------------------
  const registerSheet = workbook.worksheets.getItem(plan.registerSheet);
  registerSheet.load("name");
  registerSheet.protection.load("protected");
  const sheetsBefore = plan.sheets.map((planned) => {
    const proxy = workbook.worksheets.getItemOrNullObject(planned.name);
    proxy.load("name");
    return { planned, proxy };
  });
  const parameterSheet = plan.sheets.some((s) => s.name === plan.parameterSheet && !s.create)
    ? workbook.worksheets.getItem(plan.parameterSheet)
    : null;
  if (parameterSheet && plan.parameterSheet !== plan.registerSheet) parameterSheet.protection.load("protected");

  const registerRect = options.registerRect ?? usedRectOf(expected);
  // One row below the register too: a partner appended there changes the register.
  const compareRect = { ...registerRect, rowCount: registerRect.rowCount + 1 };
  const compareBands = rowBands(compareRect, Math.max(1, Math.floor(budget / (40 * Math.max(1, compareRect.columnCount)))));
  const compareProxies = compareBands.map((band) => ({
    band,
    range: registerSheet.getRangeByIndexes(band.row, band.column, band.rowCount, band.columnCount),
  }));

  const action = plan.registerColumns;
  const table =
    action.kind === "add-table-columns" ? workbook.tables.getItem(action.tableName) : null;
  const tableColumnCount = table ? table.columns.getCount() : null;
  const tableRect = action.kind === "add-table-columns" ? expected.tables.find((t) => t.name === action.tableName)?.rect : undefined;

  const created = new Set(plan.sheets.filter((s) => s.create).map((s) => s.name));
  const owned = new OwnedCells(plan);
  const ownedSetting = workbook.settings.getItemOrNullObject(OWNED_SETTING_KEY);
  ownedSetting.load("value");

  // Blocks on existing cells: read what they hold now (verification and undo journal).
  const checks: { block: CellBlock; before: CellRect; range: Excel.Range }[] = [];
  for (const block of plan.blocks) {
    if (created.has(block.sheetName)) continue;
    const before = preActionRect(block, plan, tableRect);
    if (before === "fresh") continue;
    const sheet = block.sheetName === plan.registerSheet ? registerSheet : workbook.worksheets.getItem(block.sheetName);
    const range = sheet.getRangeByIndexes(before.row, before.column, before.rowCount, before.columnCount);
    range.load("formulas,numberFormat");
    range.format.font.load("bold");
    checks.push({ block, before, range });
  }

  const namesBefore = plan.names.map((planned) => {
    const item = workbook.names.getItemOrNullObject(planned.name);
    item.load("name,formula");
    return { planned, item };
  });

  const widthsBefore = plan.columnWidths
    .filter((width) => !created.has(width.sheetName) && !isFreshColumn(width.sheetName, width.column, plan))
    .map((width) => {
      const sheet = width.sheetName === plan.registerSheet ? registerSheet : workbook.worksheets.getItem(width.sheetName);
      const column = sheet.getRangeByIndexes(0, preActionColumn(width.column, plan), 1, 1);
      column.format.load("columnWidth");
      return { width, column };
    });

  // The compare bands beyond the first budget each need their own response.
  for (let index = 0; index < compareProxies.length; index += 1) {
    compareProxies[index].range.load("values");
    if (index < compareProxies.length - 1) {
      await counter.sync();
    }
  }
  await counter.sync();

  // Protection first: the clearest message when the sheet is locked.
  if (registerSheet.protection.protected) {
    throw new HostFailureError("protected-sheet", `Sheet "${plan.registerSheet}" is protected.`, plan.registerSheet);
  }
  if (parameterSheet && plan.parameterSheet !== plan.registerSheet && parameterSheet.protection.protected) {
    throw new HostFailureError("protected-sheet", `Sheet "${plan.parameterSheet}" is protected.`, plan.parameterSheet);
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
  for (const { planned, proxy } of sheetsBefore) {
    if (planned.create && !proxy.isNullObject) {
      throw new HostFailureError("register-changed", `A sheet named "${planned.name}" exists already.`, planned.name);
    }
    if (!planned.create && proxy.isNullObject) {
      throw new HostFailureError("item-not-found", `Sheet "${planned.name}" no longer exists.`, planned.name);
    }
  }
  if (!ownedSetting.isNullObject) {
    journal.ownedPrevious = typeof ownedSetting.value === "string" ? ownedSetting.value : JSON.stringify(ownedSetting.value);
    owned.addRecorded(journal.ownedPrevious);
  }
  const keptValues = new Map<CellBlock, unknown[][]>();
  for (const { block, before, range } of checks) {
    const current = range.formulas as unknown[][];
    for (let r = 0; r < block.cells.length; r += 1) {
      for (let c = 0; c < block.cells[r].length; c += 1) {
        const existing = current[r][c];
        if (isBlank(existing as CellValue)) continue;
        const row = block.row + r;
        const column = block.column + c;
        if (owned.contains(block.sheetName, row, column) || sameContent(block.cells[r][c], existing)) continue;
        throw new HostFailureError(
          "register-changed",
          `Cell ${block.sheetName}!${cellAddress(before.row + r, before.column + c)} holds content that is not Partnerkaart's; nothing was written.`,
          block.sheetName,
        );
      }
    }
    journal.cells.push({
      sheetName: block.sheetName,
      rect: { row: block.row, column: block.column, rowCount: block.cells.length, columnCount: block.cells[0]?.length ?? 0 },
      formulas: current,
      numberFormats: range.numberFormat as unknown[][],
      bold: range.format.font.bold ?? null,
    });
    if (block.keepExistingValues) keptValues.set(block, current);
  }
  journal.names = namesBefore.map(({ planned, item }) => ({
    name: planned.name,
    previousFormula: item.isNullObject ? null : item.formula,
  }));
  journal.widths = widthsBefore.map(({ width, column }) => ({
    sheetName: width.sheetName,
    column: width.column,
    previousPoints: column.format.columnWidth,
  }));

  const rollback = () => rollbackJournal(context, counter, journal, tableColumnCount?.value ?? null);
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

  // --- 2. Structure ------------------------------------------------------------------------------
  const needsStructure = created.size > 0 || action.kind === "insert-columns" || action.kind === "add-table-columns";
  if (needsStructure) {
    journal.stage = "structure";
    journal.createdSheets = [...created];
    for (const name of created) workbook.worksheets.add(name);
    // Column changes last: if this sync fails, they did not happen (Office stops at the failing statement).
    if (action.kind === "insert-columns") {
      journal.insertedColumns = { sheetName: action.sheetName, atColumn: action.atColumn, count: action.count };
      registerSheet.getRangeByIndexes(0, action.atColumn, 1, action.count).getEntireColumn().insert("Right");
    } else if (table && action.kind === "add-table-columns") {
      journal.tableColumns = { sheetName: action.sheetName, tableName: action.tableName, originalCount: tableColumnCount?.value ?? 0 };
      for (let i = 0; i < action.headers.length; i += 1) table.columns.add(null as unknown as number);
    }
    try {
      await counter.sync();
    } catch (error) {
      return fail(error);
    }
  }

  // --- 3. Writes ---------------------------------------------------------------------------------
  journal.stage = "writes";
  options.onStep?.("writing-parameters");
  try {
    const sheetOf = (name: string) => (name === plan.registerSheet ? registerSheet : workbook.worksheets.getItem(name));
    let pendingBytes = 0;
    for (const block of plan.blocks) {
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
    for (const width of plan.columnWidths) {
      sheetOf(width.sheetName).getRangeByIndexes(0, width.column, 1, 1).getEntireColumn().format.columnWidth = charsToPoints(width.widthChars);
    }
    for (const { name, previousFormula } of journal.names) {
      const planned = plan.names.find((n) => n.name === name)!;
      const reference = `=${quoteSheetName(planned.sheetName)}!${absoluteAddress(planned.rect)}`;
      if (previousFormula === null) {
        workbook.names.add(planned.name, sheetOf(planned.sheetName).getRangeByIndexes(planned.rect.row, planned.rect.column, planned.rect.rowCount, planned.rect.columnCount), planned.comment);
      } else if (previousFormula !== reference) {
        workbook.names.getItem(planned.name).formula = reference;
      }
    }
    for (const format of plan.conditionalFormats) {
      const target = sheetOf(format.sheetName).getRangeByIndexes(format.rect.row, format.rect.column, format.rect.rowCount, format.rect.columnCount);
      target.conditionalFormats.clearAll();
      journal.conditionalFormats.push({ sheetName: format.sheetName, rect: format.rect });
      const added = target.conditionalFormats.add("CellValue");
      added.cellValue.format.font.color = format.format.fontColor;
      added.cellValue.format.fill.color = format.format.fillColor;
      added.cellValue.rule = { formula1: String(format.rule.value), operator: "LessThan" };
    }
    workbook.settings.add(OWNED_SETTING_KEY, JSON.stringify(ownedRectsOf(plan)));
    await counter.sync();
  } catch (error) {
    return fail(error);
  }
  journal.stage = "done";

  const columnHeaders = plan.columns.map((column) => `${quoteSheetName(plan.registerSheet)}!${cellAddress(plan.headerRow, column.column)}`);
  return {
    columnHeaders,
    rollback,
    commit: async () => undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

function writeBand(sheet: Excel.Worksheet, band: CellBlock, kept: unknown[][] | null): void {
  const rowCount = band.cells.length;
  const columnCount = band.cells[0]?.length ?? 0;
  if (rowCount === 0 || columnCount === 0) return;
  const range = sheet.getRangeByIndexes(band.row, band.column, rowCount, columnCount);
  if (band.columnNumberFormats) {
    // Formats first, so "@" columns take text as text.
    const formats = band.columnNumberFormats;
    if (formats.every((format) => format !== null)) {
      range.numberFormat = band.cells.map(() => formats.map((format) => format as string));
    } else {
      formats.forEach((format, c) => {
        if (format === null) return;
        range.getColumn(c).numberFormat = band.cells.map(() => [format]);
      });
    }
  }
  range.formulas = band.cells.map((row, r) =>
    row.map((cell, c) => {
      const existing = kept?.[r]?.[c];
      if (kept && !isBlank(existing as CellValue)) return existing as GridValue;
      return gridValue(cell);
    }),
  );
  if (band.bold) range.format.font.bold = true;
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

function sameContent(cell: PlanCell, existing: unknown): boolean {
  switch (cell.kind) {
    case "formula":
      return typeof existing === "string" && existing.replace(/\s+/g, "") === cell.formula.replace(/\s+/g, "");
    case "number":
    case "boolean":
    case "text":
      return existing === cell.value;
    case "empty":
      return isBlank(existing as CellValue);
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

function absoluteAddress(rect: CellRect): string {
  const start = `$${columnLetter(rect.column)}$${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return start;
  return `${start}:$${columnLetter(rect.column + rect.columnCount - 1)}$${rect.row + rect.rowCount}`;
}

// ---------------------------------------------------------------------------------------------
// Ownership and coordinates
// ---------------------------------------------------------------------------------------------

/** Cells Partnerkaart wrote before: the last apply's record, existing PK_ names, existing columns. */
class OwnedCells {
  private readonly rects: OwnedRect[] = [];

  constructor(plan: WritePlan) {
    for (const name of plan.names) if (name.exists) this.rects.push({ sheet: name.sheetName, ...name.rect });
    const action = plan.registerColumns;
    if (action.kind === "existing-columns") {
      const lastRow = Math.max(plan.lastDataRow, plan.headerRow);
      for (const column of action.columns) {
        this.rects.push({ sheet: action.sheetName, row: plan.headerRow, column, rowCount: lastRow - plan.headerRow + 1, columnCount: 1 });
      }
    }
  }

  addRecorded(json: string | null): void {
    if (!json) return;
    try {
      const parsed = JSON.parse(json) as unknown;
      if (!Array.isArray(parsed)) return;
      for (const item of parsed) {
        const rect = item as Partial<OwnedRect>;
        if (typeof rect.sheet === "string" && [rect.row, rect.column, rect.rowCount, rect.columnCount].every(Number.isInteger)) {
          this.rects.push(rect as OwnedRect);
        }
      }
    } catch {
      // A damaged record only means fewer cells count as ours: safe.
    }
  }

  contains(sheet: string, row: number, column: number): boolean {
    return this.rects.some(
      (rect) => rect.sheet === sheet && row >= rect.row && row < rect.row + rect.rowCount && column >= rect.column && column < rect.column + rect.columnCount,
    );
  }
}

function ownedRectsOf(plan: WritePlan): OwnedRect[] {
  return plan.blocks.map((block) => ({
    sheet: block.sheetName,
    row: block.row,
    column: block.column,
    rowCount: block.cells.length,
    columnCount: block.cells[0]?.length ?? 0,
  }));
}

function freshColumnRange(plan: WritePlan): { sheetName: string; first: number; count: number } | null {
  const action = plan.registerColumns;
  if (action.kind === "insert-columns") return { sheetName: action.sheetName, first: action.atColumn, count: action.count };
  if (action.kind === "add-table-columns") return { sheetName: action.sheetName, first: action.firstColumn, count: action.headers.length };
  return null;
}

function isFreshColumn(sheetName: string, column: number, plan: WritePlan): boolean {
  const fresh = freshColumnRange(plan);
  return !!fresh && plan.registerColumns.kind === "insert-columns" && fresh.sheetName === sheetName && column >= fresh.first && column < fresh.first + fresh.count;
}

/** Where a post-action column was before insert-columns shifted it. */
function preActionColumn(column: number, plan: WritePlan): number {
  const action = plan.registerColumns;
  if (action.kind === "insert-columns" && column >= action.atColumn + action.count) return column - action.count;
  return column;
}

/**
 * The block's cells before the column action, or "fresh" when they are all new cells (inserted
 * columns, or added table columns within the table's rows).
 */
function preActionRect(block: CellBlock, plan: WritePlan, tableRect: CellRect | undefined): CellRect | "fresh" {
  const rect = { row: block.row, column: block.column, rowCount: block.cells.length, columnCount: block.cells[0]?.length ?? 0 };
  const fresh = freshColumnRange(plan);
  if (!fresh || fresh.sheetName !== block.sheetName) return rect;
  const lastColumn = rect.column + rect.columnCount - 1;
  const insideColumns = rect.column >= fresh.first && lastColumn < fresh.first + fresh.count;
  const rightOf = rect.column >= fresh.first + fresh.count;
  const leftOf = lastColumn < fresh.first;
  if (plan.registerColumns.kind === "insert-columns") {
    if (insideColumns) return "fresh";
    if (rightOf) return { ...rect, column: rect.column - fresh.count };
    if (leftOf) return rect;
  } else if (tableRect) {
    const lastRow = rect.row + rect.rowCount - 1;
    const withinTableRows = rect.row >= tableRect.row && lastRow < tableRect.row + tableRect.rowCount;
    const outsideTableRows = lastRow < tableRect.row || rect.row >= tableRect.row + tableRect.rowCount;
    if (insideColumns && withinTableRows) return "fresh";
    if (leftOf || outsideTableRows) return rect;
  }
  throw new HostFailureError("invalid-argument", `Block ${block.id} straddles the new columns; the plan cannot be applied safely.`, block.sheetName);
}

function usedRectOf(snapshot: SheetSnapshot): CellRect {
  return {
    row: snapshot.origin.row,
    column: snapshot.origin.column,
    rowCount: snapshot.values.length,
    columnCount: snapshot.values[0]?.length ?? 0,
  };
}

function rowBands(rect: CellRect, rowsPerBand: number): CellRect[] {
  const bands: CellRect[] = [];
  for (let first = 0; first < rect.rowCount; first += rowsPerBand) {
    bands.push({ ...rect, row: rect.row + first, rowCount: Math.min(rowsPerBand, rect.rowCount - first) });
  }
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
  const ownedSetting = workbook.settings.getItemOrNullObject(OWNED_SETTING_KEY);
  ownedSetting.load("key");
  await counter.sync();

  const structureDone = journal.stage === "writes" || journal.stage === "done";
  if (structureDone) {
    // Cells first, at their post-action positions, before the structure is taken back.
    for (const cells of journal.cells) {
      const range = workbook.worksheets
        .getItem(cells.sheetName)
        .getRangeByIndexes(cells.rect.row, cells.rect.column, cells.rect.rowCount, cells.rect.columnCount);
      range.numberFormat = cells.numberFormats;
      range.formulas = cells.formulas;
      if (cells.bold !== null) range.format.font.bold = cells.bold;
    }
    for (const width of journal.widths) {
      workbook.worksheets.getItem(width.sheetName).getRangeByIndexes(0, width.column, 1, 1).getEntireColumn().format.columnWidth = width.previousPoints;
    }
    for (const format of journal.conditionalFormats) {
      if (journal.createdSheets.includes(format.sheetName)) continue;
      workbook.worksheets
        .getItem(format.sheetName)
        .getRangeByIndexes(format.rect.row, format.rect.column, format.rect.rowCount, format.rect.columnCount)
        .conditionalFormats.clearAll();
    }
    for (const { item, previousFormula } of names) {
      if (item.isNullObject) continue;
      if (previousFormula === null) item.delete();
      else item.formula = previousFormula;
    }
    if (journal.ownedPrevious === null) {
      if (!ownedSetting.isNullObject) ownedSetting.delete();
    }
    else workbook.settings.add(OWNED_SETTING_KEY, journal.ownedPrevious);
  }
  if (journal.insertedColumns && structureDone) {
    const inserted = journal.insertedColumns;
    workbook.worksheets
      .getItem(inserted.sheetName)
      .getRangeByIndexes(0, inserted.atColumn, 1, inserted.count)
      .getEntireColumn()
      .delete("Left");
  }
  if (journal.tableColumns && tableCount && originalTableColumns !== null) {
    const table = workbook.tables.getItem(journal.tableColumns.tableName);
    // Added columns are the last ones; delete from the end so indices stay valid.
    for (let index = tableCount.value - 1; index >= originalTableColumns; index -= 1) table.columns.getItemAt(index).delete();
  }
  sheets.forEach((proxy) => {
    if (!proxy.isNullObject) proxy.delete();
  });
  await counter.sync();
}
