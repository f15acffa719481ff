/**
 * What `--out` must check before it writes a workbook with exceljs, beyond the cells themselves
 * (core/plan/check.ts): whether a column insert would leave formulas, merges, validations,
 * conditional formats, tables or drawings behind (exceljs moves values only), and which parts of
 * the input file exceljs would drop when it writes the workbook again.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { WorkbookView, WritePlan } from "../../core/plan";
import { cellAddress, columnIndex } from "../../core/text";
import { formulaOf, plainValue } from "./snapshot";

/** Every sheet and name of an exceljs workbook, for the ownership check. */
export function workbookView(workbook: ExcelJS.Workbook): WorkbookView {
  const model = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  return {
    cell: (sheetName, row, column) => {
      const ws = workbook.getWorksheet(sheetName);
      if (!ws) return null;
      const cell = ws.findCell(row + 1, column + 1);
      if (!cell || cell.type === ExcelJS.ValueType.Merge) return { value: "", formula: "" };
      const value = plainValue(cell.value);
      return { value, formula: formulaOf(cell.value) ?? value };
    },
    sheetIsEmpty: (sheetName) => {
      const ws = workbook.getWorksheet(sheetName);
      return ws ? ws.actualRowCount === 0 : null;
    },
    names: new Map(model.filter((entry) => entry.ranges.length > 0).map((entry) => [entry.name, entry.ranges.join(",")])),
  };
}

// An optional sheet ("Blad1!" or "'Mijn blad'!") and a cell; the sheet needs its "!".
const REFERENCE = /(?<![A-Za-z0-9_.])(?:(?:'((?:[^']|'')+)'|([A-Za-z0-9_.]+))!)?\$?([A-Z]{1,3})\$?(\d+)(?![A-Za-z0-9_(])/g;

/** Whether `formula` (on sheet `hostSheet`) reads a column at or right of `atColumn` of `sheetName`. */
function readsColumnsFrom(formula: string, hostSheet: string, sheetName: string, atColumn: number): boolean {
  const text = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const match of text.matchAll(REFERENCE)) {
    const qualified = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
    const sheet = qualified ?? hostSheet;
    if (sheet.toLowerCase() === sheetName.toLowerCase() && columnIndex(match[3]) >= atColumn) return true;
  }
  // A whole-column or whole-row reference to the sheet, or a name we cannot follow: be safe.
  return qualifiedSheetMentioned(text, sheetName) && /![$A-Z]+:[$A-Z]+|!\$?\d+:\$?\d+/i.test(text);
}

function qualifiedSheetMentioned(formula: string, sheetName: string): boolean {
  const quoted = `'${sheetName.replace(/'/g, "''")}'!`.toLowerCase();
  const lower = formula.toLowerCase();
  return lower.includes(quoted) || lower.includes(`${sheetName.toLowerCase()}!`);
}

const rangeColumns = (ref: string): { first: number; last: number } | null => {
  const m = /^\$?([A-Z]{1,3})\$?\d+(?::\$?([A-Z]{1,3})\$?\d+)?$/i.exec(ref.trim());
  return m ? { first: columnIndex(m[1]), last: columnIndex(m[2] ?? m[1]) } : null;
};

/**
 * What Excel would move on a column insert at `atColumn` of the register sheet but exceljs would
 * not: each entry names the thing and where it is. Empty: the insert only moves plain values.
 */
export function insertBlockers(workbook: ExcelJS.Workbook, plan: WritePlan): string[] {
  const action = plan.registerColumns;
  const atColumn = action.kind === "insert-columns" ? action.atColumn : action.kind === "add-table-columns" && action.insertColumnsFirst ? action.firstColumn : null;
  if (atColumn === null) return [];
  const sheetName = plan.registerSheet;
  const blockers: string[] = [];
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const formula = formulaOf(cell.value);
        if (formula && readsColumnsFrom(formula, ws.name, sheetName, atColumn)) blockers.push(`formula ${ws.name}!${cellAddress(rowNumber - 1, columnNumber - 1)}`);
      });
    });
  }
  const register = workbook.getWorksheet(sheetName);
  if (register) {
    const merges = (register as unknown as { model: { merges?: string[] } }).model.merges ?? [];
    for (const merge of merges) if ((rangeColumns(merge)?.last ?? -1) >= atColumn) blockers.push(`merged cells ${merge}`);
    const validations = (register as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    for (const ref of Object.keys(validations)) {
      if (ref.split(/\s+/).some((part) => (rangeColumns(part.replace(/^range:/, ""))?.last ?? -1) >= atColumn)) blockers.push(`data validation ${ref}`);
    }
    const formats = (register as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    for (const format of formats) {
      if (format.ref.split(/\s+/).some((part) => (rangeColumns(part)?.last ?? -1) >= atColumn)) blockers.push(`conditional format ${format.ref}`);
    }
    for (const entry of register.getTables()) {
      const table = (Array.isArray(entry) ? entry[0] : entry) as unknown as { table?: { name?: string; tableRef?: string; ref?: string } };
      const model = table.table ?? (table as { name?: string; tableRef?: string; ref?: string });
      const ref = model.tableRef ?? model.ref ?? "";
      const isRegisterTable = action.kind === "add-table-columns" && model.name === action.tableName;
      if (!isRegisterTable && (rangeColumns(ref)?.last ?? -1) >= atColumn) blockers.push(`table ${model.name ?? ""} ${ref}`);
    }
    if (register.getImages().length > 0) blockers.push("pictures");
  }
  const names = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  for (const name of names) {
    if (name.name.startsWith("PK_")) continue;
    if (name.ranges.some((range) => readsColumnsFrom(range, sheetName, sheetName, atColumn))) blockers.push(`name ${name.name}`);
  }
  return blockers;
}

/** Parts of an .xlsx/.xlsm package that exceljs does not write back, by what a user would call them. */
const LOST_PARTS: { pattern: RegExp; what: string }[] = [
  { pattern: /^xl\/vbaProject\.bin$/i, what: "macros" },
  { pattern: /^xl\/charts\//i, what: "charts" },
  { pattern: /^xl\/chartsheets\//i, what: "chart sheets" },
  { pattern: /^xl\/pivotTables\//i, what: "pivot tables" },
  { pattern: /^xl\/slicers\//i, what: "slicers" },
  { pattern: /^xl\/timelines\//i, what: "timelines" },
  { pattern: /^xl\/externalLinks\//i, what: "links to other workbooks" },
  { pattern: /^xl\/activeX\//i, what: "controls" },
  { pattern: /^xl\/ctrlProps\//i, what: "form controls" },
  { pattern: /^xl\/threadedComments\//i, what: "threaded comments" },
];

/** What writing `file` again with exceljs would silently drop: [] when nothing. */
export async function partsThatWouldBeLost(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const lost = new Set<string>();
  for (const path of Object.keys(zip.files)) {
    for (const part of LOST_PARTS) if (part.pattern.test(path)) lost.add(part.what);
    // Drawings hold pictures (kept) and shapes and text boxes (dropped).
    if (/^xl\/drawings\/drawing\d+\.xml$/i.test(path)) {
      const xml = await zip.files[path].async("string");
      if (/<xdr:sp[\s>]/.test(xml)) lost.add("shapes and text boxes");
    }
  }
  return [...lost];
}
