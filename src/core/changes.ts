/**
 * What changes between two moments, worked out without touching the workbook:
 * - the register since it was read (the pane's "the register changed" notice, the apply's pre-check);
 * - the partners' strategies when the ambition line moves (the pane's live figures while the user
 *   drags the line, before anything is written).
 * Pure: no Office, no DOM.
 */
import { emptySummary } from "./analyze";
import { isHighDependency, positionOf, requiredInfluence } from "./line";
import { chooseStrategy } from "./strategy";
import { cellAddress, isBlank } from "./text";
import {
  PARTNER_FLAGS,
  STRATEGY_KEYS,
  type AmbitionLine,
  type Analysis,
  type CellRect,
  type CellValue,
  type PartnerColumns,
  type SheetSnapshot,
  type StrategyKey,
  type Summary,
} from "./types";

// ---------------------------------------------------------------------------------------------
// The register since it was read

/** Cell values placed on a sheet: a snapshot, or the values of a range read back (origin = its top-left). */
export interface CellGrid {
  origin: { row: number; column: number };
  values: readonly (readonly CellValue[])[];
}

export interface ChangedCell {
  /** 0-based absolute row and column. */
  row: number;
  column: number;
  /** "C7". */
  address: string;
  before: CellValue;
  after: CellValue;
}

function valueAt(grid: CellGrid, row: number, column: number): CellValue {
  const line = grid.values[row - grid.origin.row];
  const value = line?.[column - grid.origin.column];
  return value === undefined ? null : value;
}

/**
 * The first cell of `region` (0-based absolute, row by row) whose value in `now` is not the one in
 * `seen`, or null. A blank cell equals an empty one and a cell outside a grid, as Excel's used
 * range grows and shrinks with formatting. Values compare exactly: 3 is not "3".
 */
export function firstChangedCell(seen: CellGrid, now: CellGrid, region: CellRect): ChangedCell | null {
  for (let r = 0; r < region.rowCount; r++) {
    const row = region.row + r;
    for (let c = 0; c < region.columnCount; c++) {
      const column = region.column + c;
      const before = valueAt(seen, row, column);
      const after = valueAt(now, row, column);
      if (before === after || (isBlank(before) && isBlank(after))) continue;
      return { row, column, address: cellAddress(row, column), before, after };
    }
  }
  return null;
}

/** The smallest rectangle holding both grids' cells. */
export function coveringRect(a: CellGrid, b: CellGrid): CellRect {
  const extent = (grid: CellGrid) => ({
    rows: grid.values.length,
    columns: grid.values.reduce((widest, line) => Math.max(widest, line.length), 0),
  });
  const ea = extent(a);
  const eb = extent(b);
  const row = Math.min(a.origin.row, b.origin.row);
  const column = Math.min(a.origin.column, b.origin.column);
  const lastRow = Math.max(a.origin.row + ea.rows, b.origin.row + eb.rows);
  const lastColumn = Math.max(a.origin.column + ea.columns, b.origin.column + eb.columns);
  return { row, column, rowCount: lastRow - row, columnCount: lastColumn - column };
}

export type RegisterChange = { kind: "other-sheet"; before: string; after: string } | { kind: "cell"; cell: ChangedCell };

/**
 * Whether the register read as `seen` has changed in `now`: another sheet, or the first cell that
 * differs within `region` (by default everything either read covers, since an edit anywhere on the
 * sheet can move the register's end or header). Null when nothing changed.
 */
export function registerChange(seen: SheetSnapshot, now: SheetSnapshot, region: CellRect = coveringRect(seen, now)): RegisterChange | null {
  if (seen.sheetName !== now.sheetName) return { kind: "other-sheet", before: seen.sheetName, after: now.sheetName };
  const cell = firstChangedCell(seen, now, region);
  return cell ? { kind: "cell", cell } : null;
}

// ---------------------------------------------------------------------------------------------
// The partners under another ambition line

export interface LinePlacement {
  line: AmbitionLine;
  highDependencyAbove: number;
  /** Per partner (as `analysis.partners`), the index into STRATEGY_KEYS under this line. */
  strategy: Uint8Array;
  /** Count and subsidy per strategy and per position, as `analyzeSheet` would give them with this line. */
  summary: Summary;
}

const ABOVE = 1;
const HIGH = 2;
const ALTERNATIVES = 4;
/** The strategy index for each combination of above / high dependency / alternatives desirable. */
const STRATEGY_BY_CASE = Uint8Array.from({ length: 8 }, (_, bits) =>
  STRATEGY_KEYS.indexOf(chooseStrategy(bits & ABOVE ? "above" : "below", (bits & HIGH) !== 0, (bits & ALTERNATIVES) !== 0)),
);

/**
 * The analysed partners placed on `line` with the threshold `highDependencyAbove`: the framework's
 * own arithmetic (core/strategy), so the figures equal those of `analyzeSheet` with that line,
 * without reading the sheet again. Fast enough to follow a dragged handle on large registers.
 */
export function placeOnLine(analysis: Analysis, line: AmbitionLine, highDependencyAbove: number): LinePlacement {
  const { partners, influenceScale, dependencyScale } = analysis;
  const summary = emptySummary();
  const tallies = STRATEGY_KEYS.map((key) => summary.byStrategy[key]);
  const strategy = new Uint8Array(partners.count);
  for (let i = 0; i < partners.count; i++) {
    const dependency = partners.dependency[i];
    const gap = partners.influence[i] - requiredInfluence(dependency, dependencyScale, line);
    const above = positionOf(gap, influenceScale) === "above";
    const bits =
      (above ? ABOVE : 0) |
      (isHighDependency(dependency, highDependencyAbove) ? HIGH : 0) |
      (partners.flags[i] & PARTNER_FLAGS.alternativesDesirable ? ALTERNATIVES : 0);
    const code = STRATEGY_BY_CASE[bits];
    strategy[i] = code;
    const subsidy = partners.subsidy[i];
    const money = Number.isNaN(subsidy) ? 0 : subsidy;
    for (const tally of [tallies[code], above ? summary.byPosition.above : summary.byPosition.below, summary.total]) {
      tally.count += 1;
      tally.subsidy += money;
    }
  }
  return { line, highDependencyAbove, strategy, summary };
}

export interface StrategyChange {
  /** 1-based sheet row. */
  row: number;
  partner: string;
  from: StrategyKey;
  to: StrategyKey;
}

/**
 * The partners whose strategy differs between two placements of the same partners (`before` and
 * `after` as LinePlacement.strategy): how many, and the first `limit` of them in register order.
 */
export function strategyChanges(partners: PartnerColumns, before: Uint8Array, after: Uint8Array, limit = 10): { count: number; first: StrategyChange[] } {
  const first: StrategyChange[] = [];
  let count = 0;
  const n = Math.min(partners.count, before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] === after[i]) continue;
    count++;
    if (first.length < limit) first.push({ row: partners.row[i], partner: partners.partner[i], from: STRATEGY_KEYS[before[i]], to: STRATEGY_KEYS[after[i]] });
  }
  return { count, first };
}
