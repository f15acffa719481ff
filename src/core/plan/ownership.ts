/**
 * The one rule for "this is Partnerkaart's": a cell, column, sheet or name is the add-in's only when
 * its content proves it. Names (`PK_…`) and stored settings only say where to look. The planner uses
 * the rule to decide which existing columns a re-run may reuse; the Office.js preflight and the
 * .xlsx writer use it for every non-empty cell a plan would write. Everything else is the user's.
 *
 * What counts as proof (docs/ownership.md has the reasoning):
 * - a register column of ours: its header cell holds our header for that column (in any language),
 *   and each cell we write below it is empty or holds what some run of this version writes there:
 *   one of the column's formulas (compared by shape, so a column the user moved still proves itself),
 *   a number in a number column, or a position/strategy label (values mode);
 * - the parameter sheet: its title cell holds our title (in any language). On a proven sheet a planned
 *   cell is ours when it holds what the plan (in any language or mode) writes there, a number where
 *   we write a number or formula, or a formula of the planned shape;
 * - a name: it must already point where the plan puts it; a `PK_` name pointing elsewhere is left alone
 *   and the apply is refused, since it may be the user's or may be used by the user's formulas.
 */
import { type ForeignTarget } from "../foreign";
import type { ComparisonColumn } from "../history/headers";
import { isBlank, isFormulaCell } from "../text";
import type { CellValue } from "../types";
import { blockRect, isFillBlock } from "./blocks";
import { absoluteReference } from "./formulas";
import { r1c1ToA1 } from "./r1c1";
import type { PlanBlock, PlanCell, PlannedColumnKey, WritePlan } from "./types";

export { foreignTargetMessage, type ForeignTarget } from "../foreign";

/** A cell as a host reads it: its value and its formula (A1 or R1C1, "=…", or the constant). */
export interface CellContent {
  value: CellValue | undefined;
  formula: CellValue | undefined;
}

/** What one register column of ours may hold and still be ours. */
export interface OwnedColumnProof {
  /** A register column of planWrite's, or a live comparison column of the history (core/history/live.ts). */
  key: PlannedColumnKey | ComparisonColumn;
  /** 0-based absolute column (after the plan's column action). */
  column: number;
  /** Our header for this column, in every language. */
  headers: string[];
  /** Every formula this version writes into the column, R1C1 (one per way of reading the scores). */
  formulasR1C1: string[];
  /**
   * What values mode writes and proves the column: numbers, one of `labels`, or (for a column not
   * found by its PK_Col_ name) nothing: then only formulas of ours prove a cell.
   */
  values: "number" | "label" | "none";
  labels: string[];
}

/** The proofs a plan carries, so every applier checks by the same rule. */
export interface PlanOwnership {
  columns: OwnedColumnProof[];
  /** Our parameter sheet's title, in every language: the text in its title cell proves the sheet. */
  parameterTitles: string[];
  parameterTitleCell: { row: number; column: number };
  /** Per parameter-sheet block id: the block's cells as other languages and modes write them. */
  parameterVariants: Record<string, PlanCell[][][]>;
}

// ---------------------------------------------------------------------------------------------
// Formulas compared by shape
// ---------------------------------------------------------------------------------------------

// Sheet prefixes go first: the shape does not say which sheet a reference reads.
const SHEET_PREFIX = /(?:'(?:[^']|'')+'|(?<![A-Za-z0-9_.])[A-Za-z0-9_.]+)!/g;
const A1_REFERENCE = /(?<![A-Za-z0-9_.])\$?[A-Z]{1,3}\$?\d+(?![A-Za-z0-9_(.])/g;
// Engines print numbers their own way (0.000000001, 1e-9, 1E-09): compared as numbers.
const NUMBER_LITERAL = /(?<![A-Za-z0-9_.§])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![A-Za-z0-9_(])/g;
const R1C1_REFERENCE = /(?<![A-Za-z0-9_.])R(?:\[-?\d+\]|\d+)?C(?:\[-?\d+\]|\d+)?(?![A-Za-z0-9_(.])/g;

/**
 * A formula with its cell references abstracted, numbers written one way, spaces and `_xlfn.`
 * prefixes dropped and letters upper-cased: two formulas of one shape differ only in which cells they read. Text in quotes is kept
 * (our formulas hold only `""`).
 */
export function formulaShape(formula: string): string {
  return formula
    .replace(/^=/, "")
    .replace(/_xlfn\./gi, "")
    .replace(/\s+/g, "")
    .replace(SHEET_PREFIX, "")
    .replace(R1C1_REFERENCE, "§")
    .replace(A1_REFERENCE, "§")
    .replace(NUMBER_LITERAL, (literal) => String(Number(literal)))
    .toUpperCase();
}

function formulaOf(content: CellContent): string | null {
  return isFormulaCell(content.formula, content.value) ? content.formula : null;
}

function isEmptyCell(content: CellContent): boolean {
  return isBlank(content.value ?? "") && formulaOf(content) === null && isBlank(content.formula ?? "");
}

function shown(content: CellContent): string {
  return String(formulaOf(content) ?? content.value ?? "");
}

// ---------------------------------------------------------------------------------------------
// Register columns
// ---------------------------------------------------------------------------------------------

/** Whether a data cell of a register column is empty or holds what Partnerkaart writes there. */
export function dataCellIsOurs(proof: OwnedColumnProof, content: CellContent, row: number, column: number): boolean {
  if (isEmptyCell(content)) return true;
  const formula = formulaOf(content);
  if (formula !== null) {
    const shape = formulaShape(formula);
    return proof.formulasR1C1.some((f) => formulaShape(r1c1ToA1(f, row, column)) === shape || formulaShape(f) === shape);
  }
  const value = content.value;
  if (proof.values === "number") return typeof value === "number" && Number.isFinite(value);
  if (proof.values === "label") return typeof value === "string" && proof.labels.includes(value);
  return false;
}

export function headerCellIsOurs(proof: OwnedColumnProof, content: CellContent): boolean {
  return formulaOf(content) === null && typeof content.value === "string" && proof.headers.includes(content.value.trim());
}

/**
 * Whether an existing column holds Partnerkaart's column `proof.key`: our header, and every cell
 * we would write below it ours. `rows` are the data rows the plan writes.
 */
export function columnIsOurs(
  proof: OwnedColumnProof,
  headerRow: number,
  rows: readonly { first: number; last: number }[],
  cellAt: (row: number, column: number) => CellContent,
): boolean {
  if (!headerCellIsOurs(proof, cellAt(headerRow, proof.column))) return false;
  for (const band of rows) {
    for (let row = band.first; row <= band.last; row++) {
      if (!dataCellIsOurs(proof, cellAt(row, proof.column), row, proof.column)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Any planned cell
// ---------------------------------------------------------------------------------------------

function sameCell(planned: PlanCell, content: CellContent): boolean {
  const formula = formulaOf(content);
  switch (planned.kind) {
    case "formula":
      return formula !== null && formulaShape(formula) === formulaShape(planned.formula);
    case "empty":
      return isEmptyCell(content);
    default:
      return formula === null && content.value === planned.value;
  }
}

/**
 * Whether a non-empty cell the plan writes at (row, column) of `block` is Partnerkaart's. `cellAt`
 * reads the same sheet (it is asked for the parameter sheet's title cell only).
 * Coordinates are after the plan's column action.
 */
export function plannedCellIsOurs(
  plan: WritePlan,
  block: PlanBlock,
  row: number,
  column: number,
  content: CellContent,
  titleOfSheet: () => CellContent,
): boolean {
  if (isEmptyCell(content)) return true;
  const ownership = plan.ownership;
  if (block.purpose === "register-header" || block.purpose === "register-data") {
    const proof = ownership.columns.find((c) => c.column === column);
    if (!proof) return false;
    return block.purpose === "register-header" ? headerCellIsOurs(proof, content) : dataCellIsOurs(proof, content, row, column);
  }
  const rect = blockRect(block);
  const r = row - rect.row;
  const c = column - rect.column;
  const planned: PlanCell = isFillBlock(block)
    ? { kind: "formula", formula: r1c1ToA1(block.formulasR1C1[c], row, column) }
    : block.cells[r][c];
  const variants = (ownership.parameterVariants[block.id] ?? []).map((cells) => cells[r]?.[c]).filter((v): v is PlanCell => v !== undefined);
  if (sameCell(planned, content) || variants.some((v) => sameCell(v, content))) return true;
  if (!sheetIsOurParameterSheet(ownership, titleOfSheet())) return false;
  // Blocks planned without variants (the chart's helper cells, a formula in one mode and a number in
  // the other) are ours wherever they stand on our own sheet.
  if (variants.length === 0) return true;
  // Elsewhere on our own sheet: what the user may change through it (the line, a count in values mode).
  const kinds = [planned, ...variants].map((v) => v.kind);
  return formulaOf(content) === null && typeof content.value === "number" && kinds.some((k) => k === "number" || k === "formula");
}

export function sheetIsOurParameterSheet(ownership: PlanOwnership, title: CellContent): boolean {
  return formulaOf(title) === null && typeof title.value === "string" && ownership.parameterTitles.includes(title.value.trim());
}

/** An existing sheet the plan writes to as its parameter sheet must be ours or empty. */
export function foreignParameterSheet(plan: WritePlan, title: CellContent, sheetIsEmpty: boolean): ForeignTarget | null {
  if (sheetIsEmpty || sheetIsOurParameterSheet(plan.ownership, title)) return null;
  return { kind: "sheet", sheetName: plan.parameterSheet, content: shown(title) };
}

export function foreignCell(sheetName: string, row: number, column: number, content: CellContent): ForeignTarget {
  return { kind: "cell", sheetName, row, column, content: shown(content) };
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** A reference without "=" and without the optional quotes around its sheet, upper case. */
function unquotedReference(reference: string): string {
  let text = reference.trim().replace(/^=/, "");
  const bang = text.lastIndexOf("!");
  if (bang > 0) {
    let sheet = text.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    text = `${sheet}!${text.slice(bang + 1)}`;
  }
  return text.toUpperCase();
}

/** A name's reference in a comparable form: no "=", no quotes around the sheet, no "$", upper case. */
function comparableReference(reference: string): string {
  return unquotedReference(reference).replace(/\$/g, "");
}

/**
 * Whether a name's formula already reads `reference` exactly ("$" included: a relative reference
 * moves with the cell that uses it). Excel shows a plain sheet name without quotes, the plan
 * always quotes it: both are the same reference.
 */
export function isSameReference(formula: string, reference: string): boolean {
  return unquotedReference(formula) === unquotedReference(reference);
}

/**
 * Existing names the plan would repoint: a `PK_` name that points somewhere other than where the
 * plan puts it. `existing` maps each planned name that exists to its current reference.
 */
export function foreignNames(plan: WritePlan, existing: ReadonlyMap<string, string>): ForeignTarget[] {
  const foreign: ForeignTarget[] = [];
  for (const name of plan.names) {
    const current = existing.get(name.name) ?? existing.get(name.name.toLowerCase());
    if (current === undefined) continue;
    const planned = absoluteReference(name.sheetName, name.rect);
    if (comparableReference(current) !== comparableReference(planned)) {
      foreign.push({ kind: "name", name: name.name, pointsTo: current.replace(/^=/, ""), plannedTo: planned });
    }
  }
  return foreign;
}
