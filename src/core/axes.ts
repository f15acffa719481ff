/**
 * Step 1 of the framework: a partner's scores placed on the influence and dependency axes, or why
 * its row is skipped (a missing, unusable or out-of-scale score, named by row, column and value).
 */
import { t } from "./i18n";
import type { Scales } from "./row-analysis";
import type { RowsWithInput } from "./rows-with-input";
import { onScale, scoreOnScale } from "./scales";
import { columnLetter, displayText, isErrorValue } from "./text";
import type { ParsedScore } from "./values";
import type { CellValue, ColumnMapping, ConceptKey, Scale, SkippedRow, SkipReason } from "./types";

export type AxisProblem = "missing" | "unusable" | "out-of-scale" | "error";

/** Step 1: the score's value on its axis (scale), or what is wrong with it (a string, so no object per cell). */
export function placeOnAxis(parsed: ParsedScore, scale: Scale): number | AxisProblem {
  switch (parsed.kind) {
    case "blank":
      return "missing";
    case "error":
      return "error";
    default: {
      const value = scoreOnScale(parsed, scale);
      if (value === null) return "unusable";
      if (!onScale(value, scale)) return "out-of-scale";
      return value;
    }
  }
}

function skipReason(problem: AxisProblem, axis: "influence" | "dependency"): SkipReason {
  return problem === "error" ? "error-value" : problem === "out-of-scale" ? `${axis}-out-of-scale` : `${problem}-${axis}`;
}

/** The offending cell as the user would recognise it. */
function problemText(parsed: ParsedScore): string | null {
  switch (parsed.kind) {
    case "blank":
      return null;
    case "label":
      return parsed.label;
    case "number":
      return displayText(parsed.value) + (parsed.percent ? "%" : "");
    default:
      return parsed.text;
  }
}

/** Why a row is skipped, checked in the order a user fixes a row: its name, then influence, then dependency. */
export function skippedRow(
  mapping: ColumnMapping,
  r: number,
  partnerValue: CellValue,
  hasPartner: boolean,
  influence: number | AxisProblem,
  dependency: number | AxisProblem,
  withInput: RowsWithInput,
  i: number,
  scales: Scales,
): SkippedRow {
  const partner = displayText(partnerValue);
  const letter = (concept: ConceptKey) => columnLetter(mapping[concept]!.column);
  if (isErrorValue(partnerValue)) return new SkippedRowRecord(r + 1, partner, "error-value", letter("partner"), partner);
  if (!hasPartner) return new SkippedRowRecord(r + 1, partner, "missing-partner", letter("partner"), null);
  // Not the partner: the influence cell when it is at fault, else the dependency cell.
  const axis = typeof influence === "string" ? "influence" : "dependency";
  const score = axis === "influence" ? withInput.influence[i] : withInput.dependency[i];
  const scale = axis === "influence" ? scales.influenceScale : scales.dependencyScale;
  const problem = (axis === "influence" ? influence : dependency) as AxisProblem;
  const outside = problem === "out-of-scale";
  return new SkippedRowRecord(r + 1, partner, skipReason(problem, axis), letter(axis), problemText(score), outside ? scale.min : null, outside ? scale.max : null);
}

/**
 * A skipped row as a class, not an object literal with a getter: a register can skip thousands of
 * rows, and a literal with an accessor and a closure per row cost ~1 µs each.
 */
class SkippedRowRecord implements SkippedRow {
  constructor(
    readonly row: number,
    readonly partner: string,
    readonly reason: SkipReason,
    readonly column: string | null,
    readonly value: string | null,
    /** The bounds of the scale a score lies outside of (they are in the message). */
    readonly min: number | null = null,
    readonly max: number | null = null,
  ) {}

  /** In English, written when read (the CLI, logs): the pane words the reason itself. */
  get message(): string {
    const params = { row: this.row, column: this.column ?? "", value: this.value ?? "", min: this.min ?? "", max: this.max ?? "" };
    return t("en", `skip.${this.reason}`, params);
  }

  /** As JSON, a SkippedRow with its message. */
  toJSON(): SkippedRow {
    return { row: this.row, partner: this.partner, reason: this.reason, column: this.column, value: this.value, message: this.message };
  }
}
