/**
 * The headless writer: applies a WritePlan to the input workbook with exceljs and saves the
 * result (`analyze --out result.xlsx`). A .csv register becomes a workbook with the register on
 * one sheet, every cell text as typed. The formulas are the plan's, with the file format's
 * `_xlfn.` prefixes; a program that opens the file (Excel, LibreOffice) computes them.
 */
import { existsSync, realpathSync } from "node:fs";
import { ct } from "./i18n";
import { extname, resolve } from "node:path";
import ExcelJS from "exceljs";
import type { OutputOptions } from "../core/host";
import { foreignTargets, foreignTargetMessage, planWrite, type WritePlan } from "../core/plan";
import type { Analysis, SheetSnapshot } from "../core/types";
import { comparisonChoiceOf, withComparison, type Assessment, type PartnerRename } from "../core/history";
import { applyPlanToWorkbook } from "./xlsx/apply-plan";
import { plannedHistory, workbookHistory, writeHistory, type PlannedHistory } from "./xlsx/history";
import { insertBlockers, partsThatWouldBeLost, workbookView } from "./xlsx/guard";
import { definedNamesOnSheet } from "./xlsx/snapshot";

export interface WrittenResult {
  out: string;
  plan: WritePlan;
}

/** With `--compare`: the assessments to record on the history sheet, the one the live columns compare with, and the links. */
export interface ComparisonToWrite {
  compareWith: Assessment;
  record: Assessment[];
  renames: PartnerRename[];
}

/** The workbook the result is written into: the input .xlsx itself, or a new one for a .csv. */
async function sourceWorkbook(inputFile: string, snapshot: SheetSnapshot): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const extension = extname(inputFile).toLowerCase();
  if (extension === ".xlsx" || extension === ".xlsm") {
    await workbook.xlsx.readFile(inputFile);
    return workbook;
  }
  const ws = workbook.addWorksheet(snapshot.sheetName);
  snapshot.values.forEach((cells, i) =>
    cells.forEach((value, j) => {
      if (value === "" || value === null) return;
      // Strings stay strings (exceljs writes them as shared strings): "=x" and "3,5" stay text, as in the CSV.
      ws.getCell(snapshot.origin.row + i + 1, snapshot.origin.column + j + 1).value = value;
    }),
  );
  return workbook;
}

/** A refusal of `--out`, in the user's language; nothing was written. */
export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputRefusedError";
  }
}

const samePath = (a: string, b: string) => {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
};

/**
 * Plans and writes the result of `analysis` on `snapshot` (read from `inputFile`) to `out`.
 * With `comparison`, records its assessments on the history sheet and adds the live comparison
 * columns. Refuses, before writing anything: writing over the input, a workbook with parts the
 * writer would drop, any target that is not Partnerkaart's (core/plan/ownership.ts), a history sheet
 * that is not (cli/xlsx/history.ts), and a column insert that would leave formulas, merges and the
 * like behind.
 */
export async function writeResultXlsx(
  inputFile: string,
  snapshot: SheetSnapshot,
  analysis: Analysis,
  output: OutputOptions,
  out: string,
  comparison?: ComparisonToWrite,
): Promise<WrittenResult> {
  const language = output.language;
  if (extname(out).toLowerCase() !== ".xlsx") throw new Error(`--out "${out}": the result must be an .xlsx file.`);
  if (samePath(inputFile, out)) throw new OutputRefusedError(ct(language, "cli.error.out-is-input", { file: out }));
  const extension = extname(inputFile).toLowerCase();
  if (extension === ".xlsx" || extension === ".xlsm") {
    const lost = await partsThatWouldBeLost(inputFile);
    if (lost.length > 0) throw new OutputRefusedError(ct(language, "cli.error.out-would-lose", { file: inputFile, parts: lost.join(", ") }));
  }
  const workbook = await sourceWorkbook(inputFile, snapshot);
  const withNames: SheetSnapshot = { ...snapshot, definedNames: snapshot.definedNames ?? definedNamesOnSheet(workbook, snapshot.sheetName) };
  let plan = planWrite(withNames, analysis, output);
  let history: PlannedHistory | null = null;
  if (comparison) {
    const found = workbookHistory(workbook);
    if (found.refusal) throw new OutputRefusedError(foreignTargetMessage(language, found.refusal));
    history = plannedHistory(workbook, found.state, comparison.record, comparison.renames, language);
    plan = withComparison(withNames, analysis, plan, comparisonChoiceOf(comparison.compareWith, { language: history.language, rowCount: history.rowCount, renameCount: history.renames.length }), output);
  }
  const foreign = foreignTargets(plan, workbookView(workbook), 1);
  if (foreign.length > 0) throw new OutputRefusedError(foreignTargetMessage(language, foreign[0]));
  const blockers = insertBlockers(workbook, plan);
  if (blockers.length > 0) {
    const things = blockers.slice(0, 5).join(", ") + (blockers.length > 5 ? ` (+${blockers.length - 5})` : "");
    throw new OutputRefusedError(ct(language, "cli.error.insert-blocked", { sheet: plan.registerSheet, things }));
  }
  if (history) writeHistory(workbook, history);
  applyPlanToWorkbook(workbook, plan);
  await workbook.xlsx.writeFile(out);
  return { out, plan };
}
