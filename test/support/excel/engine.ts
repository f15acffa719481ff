/**
 * The one HyperFormula set-up that stands in for Excel's calculation: the Excel double's workbook
 * and the plan tests' workbook (test/plan/plan-hf.ts) both build their engine here, so a formula
 * the add-in writes is evaluated the same way in every test. Sources: README.md beside this file.
 */
import { HyperFormula, type ConfigParams } from "hyperformula";
import { registerExcelFunctionPlugins } from "./functions";

export const EXCEL_ENGINE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  // Excel shows a reference to an empty cell as 0.
  evaluateNullToZero: true,
  // Excel evaluates the arguments of SUMPRODUCT (and array-taking functions) element-wise.
  useArrayArithmetic: true,
  // The same separators Office.js's `range.formulas` takes.
  functionArgSeparator: ",",
  decimalSeparator: ".",
  thousandSeparator: "",
  // Excel's 1900 date system.
  nullDate: { year: 1899, month: 12, day: 30 },
  leapYear1900: true,
  // Excel keeps 15 significant digits; HyperFormula rounds to 10 by default.
  precisionRounding: 15,
  smartRounding: false,
  // Text comparison (`=`, and the criteria of COUNTIFS/SUMIFS/MATCH): Excel ignores case; it does not
  // ignore accents or punctuation (HyperFormula's default ignores accents: "Jà" = "ja").
  caseSensitive: false,
  accentSensitive: true,
  ignorePunctuation: false,
  // Criteria: "*", "?" and "~" are wildcards, a criterion matches the whole cell, no regular expressions.
  useWildcards: true,
  matchWholeCell: true,
  useRegularExpressions: false,
};

type Comparer = (left: unknown, right: unknown) => number;
interface ArithmeticHelperLike {
  compare: Comparer;
  stringCmp(left: string, right: string): number;
}
const PATCHED = Symbol("excel text comparison");

/** Excel's order of kinds in a comparison: numbers, then texts, then logical values. */
function kindRank(value: unknown): number {
  if (typeof value === "string") return 2;
  if (typeof value === "boolean") return 3;
  return 1;
}

/**
 * `=`, `<>`, `<` … as Excel compares: two texts are equal when they are equal ignoring case, and
 * nothing else (no accent folding, no collation that equates a no-break space with a space); a text
 * is never equal to a number or a logical value. HyperFormula 3.5 compares texts with Intl.Collator
 * and first reads texts that look like dates or times as numbers ("1/2/2020" = "01/02/2020",
 * "12:00" = "12:00:00"); no configuration option turns that off, so its comparison is wrapped.
 */
function excelCompare(this: ArithmeticHelperLike, original: Comparer, left: unknown, right: unknown): number {
  const leftIsText = typeof left === "string";
  const rightIsText = typeof right === "string";
  if (leftIsText && rightIsText) {
    if (left.toLowerCase() === right.toLowerCase()) return 0;
    const collated = this.stringCmp(left, right);
    return collated !== 0 ? collated : left < right ? -1 : 1;
  }
  // An empty cell is "" next to a text: HyperFormula's own path does that.
  if ((leftIsText || rightIsText) && typeof left !== "symbol" && typeof right !== "symbol") return Math.sign(kindRank(left) - kindRank(right));
  return original.call(this, left, right);
}

function patchTextComparison(engine: HyperFormula): void {
  // The helper's class is not exported; its prototype is reached through an engine.
  const helper = (engine as unknown as { _evaluator: { interpreter: { arithmeticHelper: ArithmeticHelperLike } } })._evaluator.interpreter.arithmeticHelper;
  const prototype = Object.getPrototypeOf(helper) as ArithmeticHelperLike & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  const original = prototype.compare;
  prototype.compare = function (this: ArithmeticHelperLike, left: unknown, right: unknown) {
    return excelCompare.call(this, original, left, right);
  };
  prototype[PATCHED] = true;
}

/** An empty HyperFormula engine that calculates as Excel does where the add-in's formulas depend on it. */
export function createExcelEngine(): HyperFormula {
  registerExcelFunctionPlugins();
  const engine = HyperFormula.buildEmpty(EXCEL_ENGINE_CONFIG);
  patchTextComparison(engine);
  // HyperFormula knows TRUE() and FALSE() but not Excel's bare TRUE / FALSE constants.
  engine.addNamedExpression("TRUE", "=TRUE()");
  engine.addNamedExpression("FALSE", "=FALSE()");
  return engine;
}
