/**
 * The register rows with something typed in them, read a block at a time: each row's cells and
 * its influence and dependency scores as parsed, not yet placed on a scale.
 */
import type { LocatedRegister } from "./locate";
import { isBlank, isFormulaCell } from "./text";
import { memoizeTexts, parseScore, type ParsedScore } from "./values";
import { CONCEPT_KEYS, type CellValue, type ColumnMapping, type ConceptKey, type SheetSnapshot } from "./types";

/** The register rows with something typed in them, and their scores as read (not yet on a scale). */
export interface RowsWithInput {
  count: number;
  /** 0-based sheet rows. */
  row: Int32Array;
  cells: CellValue[][];
  hasPartner: Uint8Array;
  influence: ParsedScore[];
  dependency: ParsedScore[];
  /** SCORE_NUMBER | SCORE_LABEL bits: which kinds each score column holds. */
  influenceKinds: number;
  dependencyKinds: number;
}

const SCORE_NUMBER = 1;
const SCORE_LABEL = 2;
function kindBit(score: ParsedScore): number {
  return score.kind === "number" ? SCORE_NUMBER : score.kind === "label" ? SCORE_LABEL : 0;
}
/** Numbers and labels in one score column earn a warning. */
export function mixedKinds(kinds: number): boolean {
  return kinds === (SCORE_NUMBER | SCORE_LABEL);
}

/**
 * Every row with something typed in it is analysed or skipped; a blank row is not a partner. Cells
 * that only show a formula's result (a row number, our own output columns) do not make a row a partner.
 */
export function rowsWithInputReader(
  snapshot: SheetSnapshot,
  mapping: ColumnMapping,
  start: LocatedRegister["start"],
  capacity: number,
): { withInput: RowsWithInput; readRows(first: number, last: number): void } {
  const { origin } = snapshot;
  const offsetOf = (concept: ConceptKey) => mapping[concept]!.column - origin.column;
  const partnerOffset = offsetOf("partner");
  const influenceOffset = offsetOf("influence");
  const dependencyOffset = offsetOf("dependency");
  const mappedOffsets = CONCEPT_KEYS.filter((concept) => mapping[concept]).map(offsetOf);
  const formats = snapshot.numberFormats;
  // Per analysis, so a cache never outlives the sheet it was filled from.
  const influenceText = memoizeTexts((text) => parseScore(text));
  const dependencyText = memoizeTexts((text) => parseScore(text));
  // Sized up front (for a block, or every register row) and filled front to back: growing by push would copy them.
  const withInput: RowsWithInput = {
    count: 0,
    row: new Int32Array(capacity),
    cells: new Array<CellValue[]>(capacity),
    hasPartner: new Uint8Array(capacity),
    influence: new Array<ParsedScore>(capacity),
    dependency: new Array<ParsedScore>(capacity),
    influenceKinds: 0,
    dependencyKinds: 0,
  };
  const readRows = (first: number, last: number) => {
    for (let r = first; r <= last; r++) {
      const cells = snapshot.values[r - origin.row];
      if (!cells) continue;
      const hasPartner = !isBlank(cells[partnerOffset]);
      if (!hasPartner && !holdsInput(snapshot, start, mappedOffsets, cells, r)) continue;
      const influenceValue = cells[influenceOffset];
      const dependencyValue = cells[dependencyOffset];
      // Text is parsed once per distinct text; a number needs its format (a percentage, a date).
      const formatRow = formats && (typeof influenceValue !== "string" || typeof dependencyValue !== "string") ? formats[r - origin.row] : undefined;
      const influence = typeof influenceValue === "string" ? influenceText(influenceValue) : parseScore(influenceValue, formatRow?.[influenceOffset] ?? null);
      const dependency = typeof dependencyValue === "string" ? dependencyText(dependencyValue) : parseScore(dependencyValue, formatRow?.[dependencyOffset] ?? null);
      withInput.influenceKinds |= kindBit(influence);
      withInput.dependencyKinds |= kindBit(dependency);
      const at = withInput.count++;
      withInput.row[at] = r;
      withInput.cells[at] = cells;
      withInput.hasPartner[at] = hasPartner ? 1 : 0;
      withInput.influence[at] = influence;
      withInput.dependency[at] = dependency;
    }
  };
  return { withInput, readRows };
}

/** Whether a row without a partner name holds input: a mapped cell, or any typed (not computed) cell of the register. */
function holdsInput(snapshot: SheetSnapshot, start: LocatedRegister["start"], mappedOffsets: number[], cells: CellValue[], r: number): boolean {
  const { origin } = snapshot;
  for (const offset of mappedOffsets) if (!isBlank(cells[offset])) return true;
  const formulas = snapshot.formulas?.[r - origin.row];
  for (let c = start.firstColumn - origin.column; c <= start.lastColumn - origin.column; c++) {
    if (!isBlank(cells[c]) && !isFormulaCell(formulas?.[c], cells[c])) return true;
  }
  return false;
}

/** Scores of rows that have a partner: what the scale is guessed from. */
export function usable(withInput: RowsWithInput, scores: ParsedScore[]): ParsedScore[] {
  const kept: ParsedScore[] = [];
  for (let i = 0; i < withInput.count; i++) if (withInput.hasPartner[i] === 1) kept.push(scores[i]);
  return kept;
}
