/**
 * Splitting a block into row bands that each fit one Office.js request (the web host limits a
 * request to 5 MB). The estimate is the JSON size of the values plus a fixed overhead per cell.
 */
import { OFFICE_REQUEST_BUDGET_BYTES } from "../request-budget";
import type { CellBlock, FillBlock, PlanBlock, PlanCell } from "./types";

export { OFFICE_REQUEST_BUDGET_BYTES };

const PER_CELL_OVERHEAD_BYTES = 8;

/** Approximate bytes one cell adds to a request (JSON of its value or formula). */
export function cellPayloadBytes(cell: PlanCell): number {
  switch (cell.kind) {
    case "formula":
      return utf8Length(JSON.stringify(cell.formula)) + PER_CELL_OVERHEAD_BYTES;
    case "text":
      return utf8Length(JSON.stringify(cell.value)) + 1 + PER_CELL_OVERHEAD_BYTES;
    case "number":
      return String(cell.value).length + PER_CELL_OVERHEAD_BYTES;
    case "boolean":
      return 5 + PER_CELL_OVERHEAD_BYTES;
    case "empty":
      return 2 + PER_CELL_OVERHEAD_BYTES;
  }
}

const NON_ASCII = /[^ -~\t\n\r]/;

function utf8Length(text: string): number {
  // Almost every formula and label is ASCII: one native scan instead of a loop over characters.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Row bands of `block`, each estimated under `maxBytes` (a single row larger than the budget
 * becomes its own band). Bands keep the block's id with a "#n" suffix, its columns and formats.
 */
export function splitBlockByBytes(block: CellBlock, maxBytes?: number): CellBlock[];
export function splitBlockByBytes(block: PlanBlock, maxBytes?: number): PlanBlock[];
export function splitBlockByBytes(block: PlanBlock, maxBytes: number = OFFICE_REQUEST_BUDGET_BYTES): PlanBlock[] {
  if (!(maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${maxBytes}`);
  // A fill carries one formula per column, whatever its row count: never split.
  if (block.kind === "fill") return [{ ...block }];
  const bands: CellBlock[] = [];
  let start = 0;
  let bytes = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    bands.push({ ...block, id: `${block.id}#${bands.length}`, row: block.row + start, cells: block.cells.slice(start, end) });
    start = end;
    bytes = 0;
  };
  block.cells.forEach((cells, index) => {
    const rowBytes = cells.reduce((sum, cell) => sum + cellPayloadBytes(cell), 0);
    if (bytes + rowBytes > maxBytes && index > start) flush(index);
    bytes += rowBytes;
  });
  flush(block.cells.length);
  if (bands.length === 1) return [{ ...block }];
  return bands;
}

/** Approximate request bytes of a fill: its formulas once, not once per row. */
export function fillPayloadBytes(block: FillBlock): number {
  return block.formulasR1C1.reduce((sum, formula) => sum + utf8Length(JSON.stringify(formula)) + PER_CELL_OVERHEAD_BYTES, 0);
}
