/**
 * R1C1 ⇄ A1 for the double's `Range.formulasR1C1`, written independently of src/ (the double
 * models Excel, not our code). References: R1C1, R[-1]C, RC[2], RC3, R, C forms with both parts;
 * optionally after a sheet prefix ('Sheet'!). Text in "quotes" and quoted sheet names is copied,
 * and a token glued to letters, digits, "_" or "." (a name, a function) is not a reference.
 */
import { columnIndex, columnLetters } from "./address";

const IDENT = /[A-Za-z0-9_.]/;

type Segment = string | ((row: number, column: number) => string);

/** Splits a formula into literal text and references found by `match`; quoted text is literal. */
function segments(formula: string, match: (rest: string) => { length: number; render: (row: number, column: number) => string } | null): Segment[] {
  const out: Segment[] = [];
  let text = "";
  for (let i = 0; i < formula.length; ) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      for (; j < formula.length; j++) {
        if (formula[j] !== ch) continue;
        if (formula[j + 1] === ch) j++;
        else break;
      }
      text += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const boundary = i === 0 || !(IDENT.test(formula[i - 1]) || formula[i - 1] === "$");
    const found = boundary ? match(formula.slice(i, i + 32)) : null;
    if (found) {
      const after = formula[i + found.length];
      if (after === undefined || !(IDENT.test(after) || after === "(" || after === "$")) {
        out.push(text, found.render);
        text = "";
        i += found.length;
        continue;
      }
    }
    text += ch;
    i++;
  }
  out.push(text);
  return out;
}

const render = (parts: Segment[], row: number, column: number) => parts.map((p) => (typeof p === "string" ? p : p(row, column))).join("");

const R1C1_REF = /^[Rr](\[-?\d+\]|\d+)?[Cc](\[-?\d+\]|\d+)?/;

function axis(part: string | undefined, own: number): { index: number; absolute: boolean } {
  if (part === undefined) return { index: own, absolute: false };
  if (part.startsWith("[")) return { index: own + Number(part.slice(1, -1)), absolute: false };
  return { index: Number(part) - 1, absolute: true };
}

const r1c1Cache = new Map<string, Segment[]>();

/** The A1 text of an R1C1 formula entered at 0-based (row, column). */
export function r1c1FormulaToA1(formula: string, row: number, column: number): string {
  let parts = r1c1Cache.get(formula);
  if (!parts) {
    parts = segments(formula, (rest) => {
      const m = R1C1_REF.exec(rest);
      if (!m) return null;
      return {
        length: m[0].length,
        render: (r, c) => {
          const rr = axis(m[1], r);
          const cc = axis(m[2], c);
          if (rr.index < 0 || cc.index < 0) return "#REF!";
          return `${cc.absolute ? "$" : ""}${columnLetters(cc.index)}${rr.absolute ? "$" : ""}${rr.index + 1}`;
        },
      };
    });
    if (r1c1Cache.size > 1000) r1c1Cache.clear();
    r1c1Cache.set(formula, parts);
  }
  return render(parts, row, column);
}

const A1_REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})/;

/** The R1C1 text of an A1 formula that sits at 0-based (row, column). */
export function a1FormulaToR1C1(formula: string, row: number, column: number): string {
  const parts = segments(formula, (rest) => {
    const m = A1_REF.exec(rest);
    if (!m) return null;
    return {
      length: m[0].length,
      render: (r, c) => {
        const targetColumn = columnIndex(m[2]);
        const targetRow = Number(m[4]) - 1;
        const rowPart = m[3] ? `R${targetRow + 1}` : targetRow === r ? "R" : `R[${targetRow - r}]`;
        const columnPart = m[1] ? `C${targetColumn + 1}` : targetColumn === c ? "C" : `C[${targetColumn - c}]`;
        return rowPart + columnPart;
      },
    };
  });
  return render(parts, row, column);
}
