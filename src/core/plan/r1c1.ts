/**
 * R1C1 → A1 for the reference forms the plan generates (RCn, RnCn, R[n]C[n], R[n]Cn, sheet-
 * qualified refs, ranges of them). Text inside "double quotes" and 'quoted sheet names' is copied
 * as is; names and function names are never references (a reference is not preceded or followed
 * by a letter, digit, "_" or "."). Used where a fill must become per-cell A1 formulas (.xlsx files).
 */
import { columnLetter } from "../text";

const WORD_CHAR = /[A-Za-z0-9_.\\]/;
// R, optional row part, C, optional column part.
const REFERENCE = /^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?/;

/** One R1C1 formula as A1, written into the cell at 0-based (row, column). */
export function r1c1ToA1(formula: string, row: number, column: number): string {
  return compileR1C1(formula)(row, column);
}

type Piece = string | { rowPart: string | undefined; columnPart: string | undefined };

/**
 * Parses an R1C1 formula once; the returned function writes it as A1 for any cell (a fill of
 * 100,000 rows parses each column's formula once, not once per row).
 */
export function compileR1C1(formula: string): (row: number, column: number) => string {
  const pieces: Piece[] = [];
  let literal = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A quoted run ends at the next lone quote of the same kind ("" / '' are escaped quotes).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      literal += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if ((ch === "R" || ch === "r") && (i === 0 || !WORD_CHAR.test(formula[i - 1]))) {
      const match = REFERENCE.exec(formula.slice(i, i + 24).toUpperCase());
      if (match) {
        const next = formula[i + match[0].length];
        if (next === undefined || !(WORD_CHAR.test(next) || next === "(")) {
          pieces.push(literal, { rowPart: match[1], columnPart: match[2] });
          literal = "";
          i += match[0].length;
          continue;
        }
      }
    }
    literal += ch;
    i += 1;
  }
  pieces.push(literal);
  return (row, column) => {
    let out = "";
    for (const piece of pieces) out += typeof piece === "string" ? piece : a1Part(piece.columnPart, column, true) + a1Part(piece.rowPart, row, false);
    return out;
  };
}

/** "$E" / "E" for a column part, "$6" / "6" for a row part. */
function a1Part(part: string | undefined, own: number, isColumn: boolean): string {
  let index: number;
  let absolute = false;
  if (part === undefined) index = own;
  else if (part.startsWith("[")) index = own + Number(part.slice(1, -1));
  else {
    index = Number(part) - 1;
    absolute = true;
  }
  if (index < 0) throw new RangeError(`R1C1 reference points before ${isColumn ? "column A" : "row 1"}`);
  const text = isColumn ? columnLetter(index) : String(index + 1);
  return absolute ? `$${text}` : text;
}
