/**
 * Finding the register on a sheet: an Excel table whose headers map, or the header row of a plain
 * range anywhere (below titles, merged cells, blank rows), ending at a totals row, a blank row
 * followed by no more partners, or a footnote.
 */
import { conceptScore, headerCellsOfRow, mapHeaders, MIN_CONCEPT_SCORE, type HeaderCell } from "./headers";
import { COMPARISON_HEADERS } from "./history/headers";
import { columnKeyOfName, ourColumnHeaders, REGISTER_COLUMN_KEYS } from "./names";
import { isBlank, isFormulaCell } from "./text";
import { isTotalLabel } from "./values";
import type { AnalysisSettings, ConceptKey, RegisterLocation, SheetSnapshot, TableSnapshot } from "./types";
import { RegisterError } from "./types";
import { cellAt, lastRowOf } from "./snapshot";
import { scanRangeEnd } from "./range-end";

export { cellAt, cellIn, formatAt } from "./snapshot";

export const REQUIRED_CONCEPTS: readonly ConceptKey[] = ["partner", "influence", "dependency"];

/** How many rows from the top of the used range are searched for a plain-range header row. */
export const HEADER_SEARCH_ROWS = 300;

export type AutoMapping = ReturnType<typeof mapHeaders>;

export interface FoundRegister {
  location: RegisterLocation;
  /** The header cells of the register, left to right (for mapping dropdowns too). */
  headers: HeaderCell[];
  mapping: AutoMapping;
}

/**
 * Where a register's rows end, found by reading them in order. The scan can be resumed: the
 * analysis reads each block of rows right after the scan has passed it, while its cells are still
 * in the CPU cache (at 100,000 rows a separate pass over the rows cost ~10 ms of cache misses).
 */
export interface RegisterEnd {
  /** Reads the rows up to `row` (inclusive); a look past blank rows may read further. */
  scanThrough(row: number): void;
  /** True once the end is known: no row after lastDataRow belongs to the register. */
  readonly done: boolean;
  /** The last row known so far to belong to the register (firstDataRow - 1 while none is). */
  readonly lastDataRow: number;
  readonly totalsRow: number | null;
  /** No register row lies beyond this one (the table's, or the sheet's, last row). */
  readonly lastPossibleRow: number;
}

/** A RegisterEnd as its scan writes it. */
export type ScanState = { -readonly [K in keyof RegisterEnd]: RegisterEnd[K] };

/** A register whose header is found, and whose end is found as its rows are read. */
export interface LocatedRegister {
  start: Omit<RegisterLocation, "lastDataRow" | "totalsRow">;
  headers: HeaderCell[];
  mapping: AutoMapping;
  end: RegisterEnd;
}

/** The located register with its end scanned for. */
function scanned(located: LocatedRegister): FoundRegister {
  located.end.scanThrough(located.end.lastPossibleRow);
  return { location: locationOf(located), headers: located.headers, mapping: located.mapping };
}

/** Where the register is, as far as its end has been scanned for. */
export function locationOf({ start, end }: LocatedRegister): RegisterLocation {
  const { sheetName, tableName, headerRow, firstDataRow, firstColumn, lastColumn } = start;
  return { sheetName, tableName, headerRow, firstDataRow, lastDataRow: end.lastDataRow, firstColumn, lastColumn, totalsRow: end.totalsRow };
}


function tableHeaders(snapshot: SheetSnapshot, table: TableSnapshot): HeaderCell[] {
  return withoutOwnOutput(
    snapshot,
    table.rect.row,
    table.columnNames.map((header, i) => ({ column: table.rect.column + i, header })),
  );
}

/** Every header Partnerkaart writes over its columns (the history's comparison columns too), in every language. */
const OUR_HEADERS: ReadonlySet<string> = new Set([...REGISTER_COLUMN_KEYS.flatMap(ourColumnHeaders), ...COMPARISON_HEADERS]);

/**
 * The columns Partnerkaart wrote on this sheet that a PK_Col_ name points at, when the header cell
 * holds our header for that column (names are hints: a stray name does not hide a user's column).
 */
export function ownOutputColumns(snapshot: SheetSnapshot | null): Set<number> {
  const own = new Set<number>();
  for (const name of snapshot?.definedNames ?? []) {
    const key = columnKeyOfName(name.name);
    const header = key && snapshot ? cellAt(snapshot, name.rect.row, name.rect.column) : null;
    if (key && typeof header === "string" && ourColumnHeaders(key).includes(header.trim())) own.add(name.rect.column);
  }
  return own;
}

/**
 * Drops the columns Partnerkaart wrote itself, so a re-run never mistakes its own "Target
 * influence" or score columns for the register's input: those its names point at, and those under
 * one of our headers whose first cell below holds a formula (the names may have been deleted).
 * planWrite proves each such column cell by cell before it writes there (plan/ownership.ts).
 */
function withoutOwnOutput(snapshot: SheetSnapshot, headerRow: number, headers: HeaderCell[]): HeaderCell[] {
  const own = ownOutputColumns(snapshot);
  const below = headerRow + 1 - snapshot.origin.row;
  const isOurs = (h: HeaderCell) => {
    if (own.has(h.column)) return true;
    if (!OUR_HEADERS.has(h.header.trim())) return false;
    const c = h.column - snapshot.origin.column;
    return isFormulaCell(snapshot.formulas?.[below]?.[c], snapshot.values[below]?.[c]);
  };
  return headers.some(isOurs) ? headers.filter((h) => !isOurs(h)) : headers;
}

function headerCells(snapshot: SheetSnapshot, row: number, firstColumn?: number, lastColumn?: number): HeaderCell[] {
  return withoutOwnOutput(snapshot, row, headerCellsOfRow(snapshot.values, snapshot.origin, row, firstColumn, lastColumn));
}

function requiredCount(mapping: AutoMapping): number {
  return REQUIRED_CONCEPTS.filter((c) => mapping[c]).length;
}
function mappingScore(mapping: AutoMapping): number {
  return Object.values(mapping).reduce((sum, m) => sum + (m ? m.score : 0), 0);
}

function contains(rect: { row: number; column: number; rowCount: number; columnCount: number }, cell: { row: number; column: number }) {
  return cell.row >= rect.row && cell.row < rect.row + rect.rowCount && cell.column >= rect.column && cell.column < rect.column + rect.columnCount;
}

function locationOfTable(snapshot: SheetSnapshot, table: TableSnapshot, fixed: AnalysisSettings["mapping"]): LocatedRegister {
  const headers = tableHeaders(snapshot, table);
  const mapping = mapHeaders(headers, fixed);
  const headerRow = table.rect.row;
  const firstDataRow = headerRow + (table.showHeaders ? 1 : 0);
  const tableLastDataRow = table.rect.row + table.rect.rowCount - 1 - (table.showTotals ? 1 : 0);
  const partnerColumn = mapping.partner?.column ?? table.rect.column;
  let next = firstDataRow;
  const end: ScanState = {
    done: false,
    lastDataRow: firstDataRow - 1,
    totalsRow: table.showTotals ? table.rect.row + table.rect.rowCount - 1 : null,
    lastPossibleRow: tableLastDataRow,
    scanThrough(row: number) {
      const last = Math.min(row, tableLastDataRow);
      for (; next <= last && !end.done; next++) {
        // A typed "Totaal" row inside the table ends the partners as well.
        if (isTotalLabel(cellAt(snapshot, next, partnerColumn)) || isTotalLabel(cellAt(snapshot, next, table.rect.column))) {
          end.totalsRow = next;
          end.done = true;
          return;
        }
        end.lastDataRow = next;
      }
      if (next > tableLastDataRow) end.done = true;
    },
  };
  return {
    start: {
      sheetName: snapshot.sheetName,
      tableName: table.name,
      headerRow,
      firstDataRow,
      firstColumn: table.rect.column,
      lastColumn: table.rect.column + table.rect.columnCount - 1,
    },
    headers,
    mapping,
    end,
  };
}

/** A plain range whose header is `headerRow`: its columns, and a scan for where its partners end. */
function locationOfRange(snapshot: SheetSnapshot, headerRow: number, fixed: AnalysisSettings["mapping"] = {}): LocatedRegister {
  const allHeaders = headerCells(snapshot, headerRow);
  const fullMapping = mapHeaders(allHeaders, fixed);
  const mappedColumns = Object.values(fullMapping)
    .filter((m): m is NonNullable<typeof m> => !!m)
    .map((m) => m.column);
  const seedColumns = mappedColumns.length > 0 ? mappedColumns : allHeaders.map((h) => h.column);
  let firstColumn = seedColumns.length ? seedColumns.reduce((a, b) => Math.min(a, b)) : snapshot.origin.column;
  let lastColumn = seedColumns.length ? seedColumns.reduce((a, b) => Math.max(a, b)) : snapshot.origin.column;
  const headerText = (c: number) => !isBlank(cellAt(snapshot, headerRow, c));
  while (firstColumn > snapshot.origin.column && headerText(firstColumn - 1)) firstColumn--;
  // The header row's own cells bound it (beyond them every cell reads as blank): measuring the
  // sheet's widest row would read all 100,000 rows once more.
  const headerLastColumn = snapshot.origin.column + (snapshot.values[headerRow - snapshot.origin.row]?.length ?? 0) - 1;
  while (lastColumn < headerLastColumn && headerText(lastColumn + 1)) lastColumn++;
  const headers = allHeaders.filter((h) => h.column >= firstColumn && h.column <= lastColumn);
  const mapping = mapHeaders(headers, fixed);

  const partnerColumn = mapping.partner?.column ?? firstColumn;
  const scoreColumns = [mapping.influence?.column, mapping.dependency?.column].filter((c): c is number => c !== undefined);
  // After a blank row the register goes on only if a partner with a score follows.
  const isAnotherHeader = (r: number) => requiredCount(mapHeaders(headerCells(snapshot, r, firstColumn, lastColumn))) >= 2;
  const end = scanRangeEnd(snapshot, headerRow, { firstColumn, lastColumn, partnerColumn, scoreColumns }, isAnotherHeader);
  return {
    start: { sheetName: snapshot.sheetName, tableName: null, headerRow, firstDataRow: headerRow + 1, firstColumn, lastColumn },
    headers,
    mapping,
    end,
  };
}

/**
 * Where the register is. Settings (table, header row) win over every guess. Throws RegisterError
 * "no-register" when nothing on the sheet has a partner, influence and dependency column, or
 * "missing-column" when the best header row lacks one of them.
 */
export function findRegister(snapshot: SheetSnapshot, settings: AnalysisSettings = {}): FoundRegister {
  return scanned(locateRegister(snapshot, settings));
}

/** The register's header, columns and mapping as findRegister finds them; its end is left to scan for. */
export function locateRegister(snapshot: SheetSnapshot, settings: AnalysisSettings = {}): LocatedRegister {
  const fixed = settings.mapping ?? {};
  if (settings.tableName !== undefined) {
    const table = snapshot.tables.find((t) => t.name.toLowerCase() === settings.tableName!.toLowerCase());
    if (!table) {
      throw new RegisterError("invalid-setting", `Sheet "${snapshot.sheetName}" has no table named "${settings.tableName}".`, {
        sheet: snapshot.sheetName,
      });
    }
    return checked(snapshot, locationOfTable(snapshot, table, fixed));
  }
  if (settings.headerRow !== undefined) {
    if (!Number.isInteger(settings.headerRow) || settings.headerRow < 0) {
      throw new RegisterError("invalid-setting", `Header row ${settings.headerRow} is not a sheet row.`, { sheet: snapshot.sheetName });
    }
    const table = snapshot.tables.find((t) => t.showHeaders && t.rect.row === settings.headerRow);
    return checked(snapshot, table ? locationOfTable(snapshot, table, fixed) : locationOfRange(snapshot, settings.headerRow, fixed));
  }

  const tableCandidates = snapshot.tables
    .filter((t) => t.showHeaders)
    .map((t) => locationOfTable(snapshot, t, fixed))
    .filter((c) => requiredCount(c.mapping) === REQUIRED_CONCEPTS.length);
  if (tableCandidates.length > 0) return checked(snapshot, pickBest(snapshot, tableCandidates));

  const anyFixed = Object.values(fixed).some((column) => column !== undefined);
  const rangeCandidates: LocatedRegister[] = [];
  let bestPartial: { headerRow: number; mapping: AutoMapping } | null = null;
  const firstRow = snapshot.origin.row;
  const lastRow = Math.min(lastRowOf(snapshot), firstRow + HEADER_SEARCH_ROWS - 1);
  const rowsToSearch = new Set<number>();
  for (let r = firstRow; r <= lastRow; r++) rowsToSearch.add(r);
  if (snapshot.selection) {
    for (let r = Math.max(firstRow, snapshot.selection.row - HEADER_SEARCH_ROWS); r <= snapshot.selection.row; r++) rowsToSearch.add(r);
  }
  for (const r of [...rowsToSearch].sort((a, b) => a - b)) {
    const cells = headerCells(snapshot, r).filter((h) => isNaN(Number(h.header.replace(",", "."))));
    if (cells.length < 2) continue;
    // Most of the 300 rows are data: rows naming fewer than two of the required concepts are passed
    // over before the full mapping (exact: mapping only takes cells that score this much).
    if (!anyFixed && REQUIRED_CONCEPTS.filter((concept) => cells.some((h) => conceptScore(concept, h.header) >= MIN_CONCEPT_SCORE)).length < 2) continue;
    const mapping = mapHeaders(cells, fixed);
    const found = requiredCount(mapping);
    if (found === REQUIRED_CONCEPTS.length) rangeCandidates.push(locationOfRange(snapshot, r, fixed));
    else if (found === 2 && (!bestPartial || mappingScore(mapping) > mappingScore(bestPartial.mapping))) {
      bestPartial = { headerRow: r, mapping };
    }
  }
  if (rangeCandidates.length > 0) return checked(snapshot, pickBest(snapshot, rangeCandidates));
  // A best partial header row lacks a required column: requireColumns throws for it.
  if (bestPartial) requireColumns(snapshot, bestPartial);
  throw new RegisterError(
    "no-register",
    `No partner register found on sheet "${snapshot.sheetName}": no header row with a partner, influence and dependency column.`,
    { sheet: snapshot.sheetName },
  );
}

function pickBest(snapshot: SheetSnapshot, candidates: LocatedRegister[]): LocatedRegister {
  const selection = snapshot.selection;
  if (candidates.length === 1) return candidates[0];
  // Whether the selection lies in a candidate depends on where its rows end: scanned for here
  // (several registers on one sheet are rare; the usual single one is scanned as it is analysed).
  const inSelection = (c: LocatedRegister) => {
    if (!selection) return false;
    c.end.scanThrough(c.end.lastPossibleRow);
    return contains(
      {
        row: c.start.headerRow,
        column: c.start.firstColumn,
        rowCount: Math.max(c.end.lastDataRow, c.start.headerRow) - c.start.headerRow + 1,
        columnCount: c.start.lastColumn - c.start.firstColumn + 1,
      },
      selection,
    );
  };
  return [...candidates].sort(
    (a, b) =>
      Number(inSelection(b)) - Number(inSelection(a)) ||
      mappingScore(b.mapping) - mappingScore(a.mapping) ||
      a.start.headerRow - b.start.headerRow,
  )[0];
}

function checked(snapshot: SheetSnapshot, located: LocatedRegister): LocatedRegister {
  requireColumns(snapshot, { headerRow: located.start.headerRow, mapping: located.mapping });
  return located;
}

/** Throws RegisterError "missing-column" when the header row lacks one of the required columns. */
function requireColumns(snapshot: SheetSnapshot, { headerRow, mapping }: { headerRow: number; mapping: AutoMapping }): void {
  const concept = REQUIRED_CONCEPTS.find((c) => !mapping[c]);
  if (concept === undefined) return;
  throw new RegisterError(
    "missing-column",
    `Sheet "${snapshot.sheetName}": the register has no ${concept} column (header row ${headerRow + 1}).`,
    { sheet: snapshot.sheetName, concept, row: headerRow + 1 },
  );
}
