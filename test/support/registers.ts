/**
 * The test registers every suite shares, and the one way to build them: as rows (what a user
 * typed), as an in-memory snapshot (`sheetFromRows`, test/support/fake-host), as the Excel
 * double's cells (`cells` of a WorkbookInit) or as an .xlsx file (`writeRegisterXlsx`).
 */
import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/core/types";
import { sheetFromRows } from "./fake-host";

/**
 * Five partners on a 1–5 scale with a subsidy, one in each strategy but "reduce dependency"
 * (no alternatives column): sheet rows 2–6, the header on row 1.
 */
export const FIVE_PARTNERS: CellValue[][] = [
  ["Partner", "Invloed", "Afhankelijkheid", "Subsidie"],
  ["Bibliotheek", 5, 5, 12000],
  ["Schoolbestuur", 2, 4, 30000],
  ["Welzijn", 3, 5, 45000],
  ["Aannemer", 4, 2, 8000],
  ["Buurthuis", 1.5, 1.5, 2000],
];

/**
 * Five usable partners and one with an unusable influence ("n.v.t.", sheet row 7). The money sits
 * in a column headed "Geld", which no detector should take for a subsidy column without help.
 */
export const PARTNER_ROWS: CellValue[][] = [
  ["Partner", "Maatschappelijk doel", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Opmerking", "Geld"],
  ["Bibliotheek", "Geletterdheid", 5, 5, "nee", "", 300000],
  ["Schoolbestuur", "Gelijke kansen", 2, 4, "nee", "", 150000],
  ["Welzijnsinstelling", "Participatie", 3, 5, "ja", "", 200000],
  ["Opdrachtnemer", "Participatie", 4, 2, "ja", "", 50000],
  ["Kleine partner", "Participatie", 1.5, 1.5, "ja", "", 10000],
  ["Onbekende partner", "Participatie", "n.v.t.", 3, "nee", "", 5000],
];

export const partnerSheet = (name = "Partners") => sheetFromRows(name, PARTNER_ROWS);

/** A sheet with notes but no register. */
export const notesSheet = (name = "Notities") =>
  sheetFromRows(name, [["Overleg met partners"], ["Agenda volgt"], [""], ["Zie ook het jaarplan"]]);

/** Scores on a 1–10 scale without a hint in the header. */
export const tenPointSheet = (name = "Scores") =>
  sheetFromRows(name, [
    ["Partner", "Invloed", "Afhankelijkheid"],
    ["A", 2, 9],
    ["B", 8, 3],
    ["C", 7, 7],
  ]);

/** Writes `rows` from a 1-based row and column; null and undefined leave a cell empty. */
export function putRows(sheet: ExcelJS.Worksheet, top: number, left: number, rows: ExcelJS.CellValue[][]): void {
  rows.forEach((cells, i) =>
    cells.forEach((value, j) => {
      if (value !== null && value !== undefined) sheet.getCell(top + i, left + j).value = value;
    }),
  );
}

/** Saves a workbook at `path` and returns the path. */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string): Promise<string> {
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

/**
 * An .xlsx file with `rows` from A1 of sheet `sheetName`; `extra` adds what a test needs (notes,
 * names, other sheets) before it is saved. Returns the path.
 */
export async function writeRegisterXlsx(
  path: string,
  rows: CellValue[][] = FIVE_PARTNERS,
  options: { sheetName?: string; extra?: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void } = {},
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? "Partners");
  putRows(sheet, 1, 1, rows);
  options.extra?.(workbook, sheet);
  return saveWorkbook(workbook, path);
}

/** Reads an .xlsx file back, as a test checks what was written. */
export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}
