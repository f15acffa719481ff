/**
 * The headless writer: applies a WritePlan to the input workbook with exceljs and saves the
 * result (`analyze --out result.xlsx`). A .csv register becomes a workbook with the register on
 * one sheet, every cell text as typed. The formulas are the plan's, with the file format's
 * `_xlfn.` prefixes; a program that opens the file (Excel, LibreOffice) computes them.
 */
import { extname } from "node:path";
import ExcelJS from "exceljs";
import type { OutputOptions } from "../core/host";
import { planWrite } from "../core/plan/plan";
import type { WritePlan } from "../core/plan/types";
import { userCellsTargetedByPlan } from "../core/plan/check";
import type { Analysis, SheetSnapshot } from "../core/types";
import { applyPlanToWorkbook } from "./xlsx/apply-plan";
import { definedNamesOnSheet } from "./readers";

export interface WrittenResult {
  out: string;
  plan: WritePlan;
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

/**
 * Plans and writes the result of `analysis` on `snapshot` (read from `inputFile`) to `out`.
 * Refuses — before writing anything — a plan that would overwrite a user's cell.
 */
export async function writeResultXlsx(
  inputFile: string,
  snapshot: SheetSnapshot,
  analysis: Analysis,
  output: OutputOptions,
  out: string,
): Promise<WrittenResult> {
  if (extname(out).toLowerCase() !== ".xlsx") throw new Error(`--out "${out}": the result must be an .xlsx file.`);
  const workbook = await sourceWorkbook(inputFile, snapshot);
  const withNames: SheetSnapshot = { ...snapshot, definedNames: snapshot.definedNames ?? definedNamesOnSheet(workbook, snapshot.sheetName) };
  const plan = planWrite(withNames, analysis, output);
  const conflicts = userCellsTargetedByPlan(withNames, plan);
  if (conflicts.length > 0) {
    const c = conflicts[0];
    throw new Error(`Sheet "${c.sheetName}": writing would overwrite the user's cell at row ${c.row + 1}, column ${c.column + 1} ("${c.value}"); nothing was written.`);
  }
  applyPlanToWorkbook(workbook, plan);
  await workbook.xlsx.writeFile(out);
  return { out, plan };
}
