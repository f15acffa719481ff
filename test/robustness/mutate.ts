/**
 * Damage a generated register the way real workbooks are damaged (error values, dates typed in a
 * score column, odd partner names, hidden rows and columns, merged titles, huge blank areas below)
 * and keep, alongside, what a careful reader expects of every partner row afterwards. The
 * expectation follows the framework's rules (a partner error or blank name is reported first, then
 * the influence cell, then the dependency cell), not the code under test.
 */
import type { CellValue, SkipReason } from "../../src/core/types";
import { isErrorValue } from "../../src/core/text";
import { isTotalLabel, looksLikeFootnote } from "../../src/core/values";
import type { GeneratedRegister } from "../support/generate";

export type Mutation =
  | { kind: "error-in-influence" | "error-in-dependency" | "error-in-partner"; index: number; error: string }
  | { kind: "date-in-influence" | "date-in-dependency"; index: number; serial: number; format: string }
  | { kind: "boolean-in-influence"; index: number; value: boolean }
  | { kind: "rename-partner"; index: number; name: string }
  | { kind: "formula-like-name"; index: number; prefix: "=" | "+" | "-" | "@" }
  | { kind: "anything-in-unmapped-column"; index: number; value: CellValue; column: "contact" | "remarks" }
  | { kind: "hide-row"; index: number }
  | { kind: "hide-column"; column: "partner" | "influence" | "dependency" | "subsidy" | "remarks" }
  | { kind: "merge-title"; columns: number };

/** Per partner row: what makes it unusable, by the column the framework checks first. */
interface RowState {
  partnerProblem: "error-value" | "missing-partner" | null;
  influenceProblem: SkipReason | null;
  dependencyProblem: SkipReason | null;
  partner: string;
}

export interface MutatedExpectation {
  row: number;
  partner: string;
  skip: SkipReason | null;
  /** Column letter the skip reason is about. */
  skipColumn: "partner" | "influence" | "dependency" | null;
  influence: number | null;
  dependency: number | null;
  subsidy: number | null;
  alternativesDesirable: boolean;
}

const INFLUENCE_DEFECTS: ReadonlySet<SkipReason> = new Set(["unusable-influence", "missing-influence", "influence-out-of-scale"]);

/** Applies `mutations` to `register` in place and returns what every partner row should yield. */
export function mutateRegister(register: GeneratedRegister, mutations: Mutation[], blankRowsBelow: number): MutatedExpectation[] {
  const { snapshot, columns } = register;
  const states: RowState[] = register.expected.map((e) => ({
    partnerProblem: e.skip === "missing-partner" ? "missing-partner" : null,
    // The generator puts its error-value defect in the influence cell.
    influenceProblem: e.skip !== null && (INFLUENCE_DEFECTS.has(e.skip) || e.skip === "error-value") ? e.skip : null,
    dependencyProblem: e.skip !== null && e.skip.includes("dependency") ? e.skip : null,
    partner: e.partner,
  }));
  const set = (index: number, column: number, value: CellValue, format?: string) => {
    const r = register.expected[index].row - 1 - snapshot.origin.row;
    snapshot.values[r][column - snapshot.origin.column] = value;
    if (format && snapshot.numberFormats) snapshot.numberFormats[r][column - snapshot.origin.column] = format;
  };
  const count = register.expected.length;
  for (const m of mutations) {
    if ("index" in m && count === 0) continue;
    const i = "index" in m ? m.index % count : 0;
    switch (m.kind) {
      case "error-in-influence":
        set(i, columns.influence, m.error, "General");
        states[i].influenceProblem = "error-value";
        break;
      case "error-in-dependency":
        set(i, columns.dependency, m.error, "General");
        states[i].dependencyProblem = "error-value";
        break;
      case "error-in-partner":
        set(i, columns.partner, m.error);
        states[i].partnerProblem = "error-value";
        states[i].partner = m.error;
        break;
      case "date-in-influence":
        set(i, columns.influence, m.serial, m.format);
        states[i].influenceProblem = "unusable-influence";
        break;
      case "date-in-dependency":
        set(i, columns.dependency, m.serial, m.format);
        states[i].dependencyProblem = "unusable-dependency";
        break;
      case "boolean-in-influence":
        set(i, columns.influence, m.value, "General");
        states[i].influenceProblem = "unusable-influence";
        break;
      case "rename-partner": {
        // A name that reads as a totals row or a footnote ends a register by design: not this case.
        if (isTotalLabel(m.name) || looksLikeFootnote(m.name)) break;
        set(i, columns.partner, m.name);
        const trimmed = m.name.trim();
        states[i].partner = trimmed;
        states[i].partnerProblem = isErrorValue(m.name) ? "error-value" : trimmed === "" ? "missing-partner" : null;
        break;
      }
      case "formula-like-name": {
        if (states[i].partnerProblem !== null) break;
        const name = `${m.prefix}${states[i].partner}`;
        set(i, columns.partner, name);
        states[i].partner = name;
        break;
      }
      case "anything-in-unmapped-column":
        set(i, columns[m.column], m.value);
        break;
      case "hide-row":
        snapshot.hiddenRows.push(register.expected[i].row - 1);
        break;
      case "hide-column":
        snapshot.hiddenColumns.push(columns[m.column]);
        break;
      case "merge-title":
        if (register.spec.titleRows) {
          snapshot.mergedAreas.push({ row: snapshot.origin.row + 1, column: snapshot.origin.column, rowCount: 1, columnCount: m.columns });
        }
        break;
    }
  }
  const width = snapshot.values[0]?.length ?? 0;
  for (let k = 0; k < blankRowsBelow; k++) {
    snapshot.values.push(Array<CellValue>(width).fill(""));
    snapshot.numberFormats?.push(Array<string>(width).fill("General"));
    snapshot.formulas?.push(Array<string | null>(width).fill(null));
  }
  return register.expected.map((e, i) => {
    const s = states[i];
    const skip: SkipReason | null = s.partnerProblem ?? s.influenceProblem ?? s.dependencyProblem ?? null;
    const skipColumn = s.partnerProblem ? "partner" : s.influenceProblem ? "influence" : s.dependencyProblem ? "dependency" : null;
    return {
      row: e.row,
      partner: s.partner,
      skip,
      skipColumn,
      influence: e.influence,
      dependency: e.dependency,
      subsidy: e.subsidy,
      alternativesDesirable: e.alternativesDesirable,
    };
  });
}
