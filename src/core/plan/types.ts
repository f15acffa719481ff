/**
 * The write plan: everything Partnerkaart writes into a workbook, as plain data. Two appliers
 * consume it — the Office.js adapter (src/excel) and the exceljs writer (src/cli) — so it holds
 * no behaviour and nothing host-specific.
 *
 * Coordinates are ABSOLUTE and 0-based (A1 is row 0, column 0), like the rest of src/core.
 * Every coordinate in `blocks`, `columnWidths`, `names` and `conditionalFormats` refers to the
 * sheet AFTER `registerColumns` has been applied (after columns were inserted or a table grew).
 *
 * Apply order (constant number of syncs, whatever the register's size):
 *   1. `sheets` (create the missing ones),
 *   2. `registerColumns` (insert whole columns / add table columns),
 *   3. `blocks` (one range write each; split by `splitBlockByBytes` when a block is large),
 *   4. `columnWidths`, `names`, `conditionalFormats`.
 *
 * Additive changes only from here on: other modules are built against these types.
 */
import type { PlannedColumnKey } from "../names";
import type { CellRect } from "../types";
import type { PlanOwnership } from "./ownership";

/**
 * One cell to write.
 * - `formula`: English function names, `,` separators, A1 references, starts with "=".
 *   Through Office.js write it via `range.formulas`; an .xlsx writer adds `_xlfn.` prefixes.
 * - `text`: ALWAYS literal text, even when it begins with = + - @ (partner names, labels).
 *   An applier must write it so that the host never parses it (see `textNeedsProtection`).
 * - `empty`: clear the cell's value (the cell is ours; it never holds user content).
 */
export type PlanCell =
  | { kind: "formula"; formula: string }
  | { kind: "number"; value: number }
  | { kind: "text"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "empty" };

/** What a block is for: lets appliers and the pane's result report name things. */
export type BlockPurpose =
  | "register-header"
  | "register-data"
  | "parameters"
  | "labels"
  | "summary";

/** A rectangle of cells written in one range operation. */
export interface CellBlock {
  /** Absent or "cells" (blocks planned before fills existed have no kind). */
  kind?: "cells";
  /** Stable identifier, e.g. "register.gap.data", "parameters.values". */
  id: string;
  purpose: BlockPurpose;
  sheetName: string;
  /** Absolute 0-based top-left. */
  row: number;
  column: number;
  /** rows × columns; every row has the same length (the block is a whole rectangle). */
  cells: PlanCell[][];
  /**
   * Number format per column of the block (length = column count), or null to leave the
   * formats as they are. "General", "0.00", "#,##0", "@" …
   */
  columnNumberFormats: (string | null)[] | null;
  /** Make the whole block bold (headers, captions). */
  bold: boolean;
  /**
   * Cells a user may edit after the first run (strategy labels, yes words): on a re-run an
   * applier keeps a non-empty existing value instead of writing this block's value.
   */
  keepExistingValues?: boolean;
}

/**
 * Formula columns filled down: every cell of column j of the block holds `formulasR1C1[j]`.
 * R1C1 makes a row-relative formula the same text in every row (`RC5`: this row, column E;
 * `'Sheet'!R3C2`: absolute; names untouched), so the plan holds it once however many rows.
 * Office.js: one `range.formulasR1C1 = formula` per column; an .xlsx writer expands it with
 * `r1c1ToA1` (see `blockCells`). Never carries user text.
 */
export interface FillBlock {
  kind: "fill";
  id: string;
  purpose: BlockPurpose;
  sheetName: string;
  /** Absolute 0-based top-left. */
  row: number;
  column: number;
  rowCount: number;
  /** One R1C1 formula ("=...") per column, left to right. */
  formulasR1C1: string[];
  /** As CellBlock: one per column, or null. */
  columnNumberFormats: (string | null)[] | null;
  bold: boolean;
}

/** What a plan writes: a grid of cells, or formula columns filled down. */
export type PlanBlock = CellBlock | FillBlock;

export interface ColumnWidth {
  sheetName: string;
  /** Absolute 0-based column. */
  column: number;
  /** Width in characters of the default font (exceljs unit); Office.js wants points: see `charsToPoints`. */
  widthChars: number;
}

/** A workbook-scoped name pointing at one rectangle (written as an absolute reference). */
export interface PlannedName {
  /** Always starts with "PK_". */
  name: string;
  sheetName: string;
  rect: CellRect;
  /**
   * True when the snapshot shows the name exists (a re-run). The snapshot only lists names on the
   * register sheet, so parameter-sheet names read false even when they exist: appliers always
   * upsert (replace the reference of an existing name, add a missing one).
   */
  exists: boolean;
  /** Short explanation (name comment in Excel). */
  comment: string;
}

/**
 * Highlight cells whose value is below a number (the gap column: gap < 0 stands out).
 * Before adding, an applier clears the conditional formats of exactly this rect (it is ours),
 * so a re-run does not stack duplicates.
 */
export interface PlannedConditionalFormat {
  id: string;
  sheetName: string;
  rect: CellRect;
  rule: { kind: "cell-value-less-than"; value: number };
  format: { fontColor: string; fillColor: string };
}

/** How the register gets its new columns. */
export type RegisterColumnsAction =
  /** Excel table: append these columns at the table's right end (`table.columns.add`), in order. */
  | {
      kind: "add-table-columns";
      sheetName: string;
      tableName: string;
      /** Absolute column of the first added column (the table's last column + 1 before the add). */
      firstColumn: number;
      headers: string[];
      /**
       * When set, first insert this many whole columns at `firstColumn` (cells there and to the
       * right shift right), because the columns beside the table hold user content.
       */
      insertColumnsFirst?: number;
    }
  /**
   * Plain range: insert `count` whole columns at `atColumn` (cells at and right of it shift right),
   * so no user cell is overwritten.
   */
  | { kind: "insert-columns"; sheetName: string; atColumn: number; count: number }
  /** Plain range with free columns: nothing to insert, the blocks write into empty cells. */
  | { kind: "none"; sheetName: string }
  /**
   * Re-run: every planned column exists (found by its PK_Col_* name); the blocks overwrite them.
   * (When only some exist, the others are added by one of the actions above and the existing
   * ones are still listed in `WritePlan.columns`.)
   */
  | { kind: "existing-columns"; sheetName: string; columns: number[] };

/** The identity of one new register column (the naming scheme, `core/names.ts`, owns it). */
export type { PlannedColumnKey };

export interface PlannedRegisterColumn {
  key: PlannedColumnKey;
  /** Absolute 0-based column after `registerColumns` was applied. */
  column: number;
  header: string;
  /** Its workbook name (e.g. "PK_Col_Gap"), pointing at the header cell. */
  name: string;
}

export interface WritePlan {
  /** Sheets the plan writes to; `create`: the applier creates the sheet when it does not exist yet. */
  sheets: { name: string; create: boolean }[];
  registerSheet: string;
  parameterSheet: string;
  mode: "formulas" | "values";
  registerColumns: RegisterColumnsAction;
  columns: PlannedRegisterColumn[];
  /** 0-based absolute header row and data rows (inclusive) of the register, after the action. */
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  blocks: PlanBlock[];
  columnWidths: ColumnWidth[];
  names: PlannedName[];
  conditionalFormats: PlannedConditionalFormat[];
  /** What proves each target ours (`ownership.ts`): every applier checks a non-empty target against it. */
  ownership: PlanOwnership;
}

/**
 * True when a text value would be taken as a formula (or a number / error) if written as is.
 * Office.js: write such text as "'" + value through `formulas`/`values`, or set format "@" first.
 */
export function textNeedsProtection(value: string): boolean {
  const trimmed = value.trim();
  if (/^[=+\-@']/.test(trimmed)) return true;
  if (/^(true|false|waar|onwaar)$/i.test(trimmed)) return true;
  // Anything that starts with a digit, a sign or a separator may be read as a number or a date.
  return /^[\d.,(]/.test(trimmed);
}

/** Office.js column widths are in points; one default-font character is about 7 px = 5.25 pt (+ padding). */
export function charsToPoints(widthChars: number): number {
  return Math.round((widthChars * 7 + 5) * 0.75 * 100) / 100;
}
