/**
 * The preflight stage, before anything is written: the sheets are not protected, what the plan
 * depends on in the register still equals the snapshot the user saw, the planned target cells
 * are empty or ours by the ownership rule (src/core/plan/ownership.ts), and their previous content
 * goes into the undo journal. One sync for a register that fits the budget, one more per further
 * budget's worth of read-back.
 */
import { foreignNames, type WritePlan } from "../../core/plan";
import { cellAddress, isBlank } from "../../core/text";
import type { CellRect, CellValue, SheetSnapshot } from "../../core/types";
import { HostFailureError } from "../errors";
import { WorkbookObjects } from "../objects";
import type { BudgetedBatch } from "./batch";
import { foreignTargetFailure, noTargetsYet, queueChecks, valueBytes, verifyChecks, type CellCheck, type TargetsNow } from "./checks";
import type { Journal } from "./journal";
import type { ApplyOptions } from "./options";
import { queueWitnessRead, witnessFromRead, type InsertWitness } from "./witness";

/** What preflight found, for the stages after it. */
export interface Preflight {
  registerSheet: Excel.Worksheet;
  sheets: WorkbookObjects;
  /** Planned sheets that do not exist yet: the structure stage adds them. */
  created: ReadonlySet<string>;
  /** Planned "create when missing" sheets that exist already (a re-run's parameter sheet). */
  reused: { name: string; proxy: Excel.Worksheet }[];
  table: Excel.Table | null;
  tableRect: CellRect | undefined;
  /** What the planned targets hold now (kept labels, blocks already as planned); the structure stage adds a reused sheet's. */
  targets: TargetsNow;
  /** Sheets whose planned cells preflight verified, and the sheets the apply creates (nothing to verify). */
  verifiedSheets: ReadonlySet<string>;
  /** For a whole-column insert: the cell that tells a rollback whether it ran (null: none found). */
  insertWitness: InsertWitness | null;
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
  const queued = queueSheets(workbook, plan, options);
  const { sheets, registerSheet, maybeMissing, mustExist, workbookProtection } = queued;

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
  const checks = queueChecks(plan, knownSheets, (name) => sheets.sheet(name), tableRect, expected, batch.budgetBytes, canProbe);
  // A few cells right of the insert point, read just before the structure request (witness.ts).
  const witnessRead = queueWitnessRead(plan, expected, registerSheet);
  await readBack(batch, compared, checks);
  journal.originalTableColumns = tableColumnCount?.value ?? null;

  refuseLockedOrChanged(plan, expected, queued, compared);
  journal.names = namesBefore.map(({ planned, item }) => ({
    name: planned.name,
    previousFormula: item.isNullObject ? null : item.formula,
  }));
  // A PK_ name that points elsewhere may be the user's (or used by the user's formulas): never repointed.
  const repointed = foreignNames(plan, new Map(journal.names.flatMap((n) => (n.previousFormula === null ? [] : [[n.name, n.previousFormula] as const]))));
  if (repointed.length > 0) throw foreignTargetFailure(repointed[0], plan.registerSheet);
  const targets = noTargetsYet();
  // Sheets known before the apply: the register sheet (never the parameter sheet's title).
  verifyChecks(plan, checks, () => ({ value: "", formula: "" }), journal, targets);

  const created = new Set(maybeMissing.filter((s) => s.proxy.isNullObject).map((s) => s.name));
  if (created.size > 0 && workbookProtection?.protected) {
    throw new HostFailureError("protected-workbook", `The workbook's structure is protected: sheet "${[...created][0]}" cannot be added.`, plan.registerSheet);
  }
  const reused = maybeMissing.filter((s) => !s.proxy.isNullObject);
  for (const { name, proxy } of reused) sheets.adopt(name, proxy);
  const verifiedSheets = new Set([...knownSheets, ...created]);
  return { registerSheet, sheets, created, reused, table, tableRect, targets, verifiedSheets, insertWitness: witnessFromRead(witnessRead) };
}

/** The register sheet and the planned sheets, queued with what preflight must know of them. */
function queueSheets(workbook: Excel.Workbook, plan: WritePlan, options: ApplyOptions) {
  const sheets = options.objects ?? new WorkbookObjects(workbook);
  const registerSheet = workbook.worksheets.getItem(plan.registerSheet);
  registerSheet.load("name");
  registerSheet.protection.load("protected");
  sheets.adopt(plan.registerSheet, registerSheet);
  // `create` means "create when missing": which of those exist is known only after this sync.
  const maybeMissing = plan.sheets.filter((s) => s.create && s.name !== plan.registerSheet).map((planned) => {
    const proxy = workbook.worksheets.getItemOrNullObject(planned.name);
    proxy.load("name");
    return { name: planned.name, proxy };
  });
  const mustExist = plan.sheets.filter((s) => !s.create && s.name !== plan.registerSheet).map((planned) => {
    const proxy = workbook.worksheets.getItem(planned.name);
    proxy.protection.load("protected");
    sheets.adopt(planned.name, proxy);
    return { name: planned.name, proxy };
  });
  // A protected workbook structure refuses worksheets.add with AccessDenied (WorkbookProtection: ExcelApi 1.7).
  const workbookProtection = maybeMissing.length > 0 ? workbook.protection : null;
  workbookProtection?.load("protected");
  return { sheets, registerSheet, maybeMissing, mustExist, workbookProtection };
}

/** Refuses a protected sheet first (the clearest message when it is locked), then a register that changed. */
function refuseLockedOrChanged(
  plan: WritePlan,
  expected: SheetSnapshot,
  queued: { registerSheet: Excel.Worksheet; mustExist: { name: string; proxy: Excel.Worksheet }[] },
  compared: { band: CellRect; range: Excel.Range }[],
): void {
  for (const [name, proxy] of [[plan.registerSheet, queued.registerSheet] as const, ...queued.mustExist.map((s) => [s.name, s.proxy] as const)]) {
    if (proxy.protection.protected) throw new HostFailureError("protected-sheet", `Sheet "${name}" is protected.`, name);
  }
  for (const { band, range } of compared) {
    const difference = firstDifference(expected, band, range.values as CellValue[][]);
    if (difference) {
      throw new HostFailureError("register-changed", `Sheet "${plan.registerSheet}" changed since it was read: cell ${difference} differs.`, plan.registerSheet);
    }
  }
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


function usedRectOf(snapshot: SheetSnapshot): CellRect {
  return {
    row: snapshot.origin.row,
    column: snapshot.origin.column,
    rowCount: snapshot.values.length,
    columnCount: snapshot.values[0]?.length ?? 0,
  };
}

/** Response bytes of one value as Office.js returns it (JSON), plus its separator. */
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

