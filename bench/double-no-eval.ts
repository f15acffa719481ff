/**
 * The Excel double evaluates every formula with HyperFormula, which takes minutes for the formula
 * columns of 10,000+ partners. The double has no switch for that, so the bench installs one for
 * the largest sizes: formulas are stored as literal text instead of being parsed and evaluated.
 * Syncs and request/response bytes are measured on the requests before the workbook model sees
 * them, so they are unchanged; what is lost is only the computed values (the bench reads none).
 */
import { HyperFormula } from "hyperformula";
import { WorkbookModel } from "../test/support/excel/model";

type ToContent = (this: WorkbookModel, sheet: unknown, row: number, column: number, input: unknown, location: string) => unknown;

/** Switches formula evaluation off in every Excel double of this process; returns the undo. */
export function switchOffFormulaEvaluation(): () => void {
  const prototype = WorkbookModel.prototype as unknown as { toContent: ToContent };
  const original = prototype.toContent;
  if (typeof original !== "function") throw new Error("The Excel double changed: WorkbookModel.toContent is gone; update bench/double-no-eval.ts");
  prototype.toContent = function (this: WorkbookModel, sheet, row, column, input, location) {
    if (typeof input === "string" && input.startsWith("=") && input.length > 1) return `'${input}`;
    return original.call(this, sheet, row, column, input, location);
  };
  return () => {
    prototype.toContent = original;
  };
}

/**
 * HyperFormula limits a sheet to 40,000 rows by default and the double does not raise it, so a
 * register of 100,000 partners cannot be loaded (SheetSizeLimitExceededError). Excel allows
 * 1,048,576 rows; the bench gives every double of this process that height.
 */
export function allowExcelSheetHeight(): void {
  const original = HyperFormula.buildEmpty.bind(HyperFormula);
  HyperFormula.buildEmpty = ((config?: Parameters<typeof HyperFormula.buildEmpty>[0], namedExpressions?: Parameters<typeof HyperFormula.buildEmpty>[1]) =>
    original({ ...config, maxRows: 1_048_576 }, namedExpressions)) as typeof HyperFormula.buildEmpty;
}
