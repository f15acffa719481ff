/**
 * The history sheet in an exceljs workbook (`analyze --compare earlier --out result.xlsx`): the .xlsx
 * counterpart of src/excel/history.ts. The same rule of ownership (core/history/sheet.ts): the sheet
 * `Partnerkaart historie` is written only when it is missing, empty, or its first row holds exactly
 * our headers; the table `PK_History` only on that sheet. The CLI is stricter in one point: a formula
 * anywhere on the sheet is not part of a record of values, so the sheet is refused.
 */
import ExcelJS from "exceljs";
import type { Language } from "../../core/host";
import {
  HISTORY_COLUMNS,
  HISTORY_SHEET,
  HISTORY_TABLE,
  HISTORY_TEXT_COLUMNS,
  historyHeaders,
  historySheetStateOfSnapshot,
  linkTableGrid,
  recordedRows,
  recordsAlready,
  RENAME_COLUMN,
  RENAME_COLUMNS,
  type Assessment,
  type HistorySheetState,
  type PartnerRename,
} from "../../core/history";
import type { ForeignTarget } from "../../core/plan";
import type { CellValue, SheetSnapshot } from "../../core/types";
import { snapshotOfWorksheet, worksheetTables } from "./snapshot";

export interface WorkbookHistory {
  state: HistorySheetState;
  /** Set when writing the history would overwrite what is not ours. */
  refusal: ForeignTarget | null;
}

/** The first formula cell of a snapshot (0-based on the sheet), if any: a record holds values only. */
function firstFormula(snapshot: SheetSnapshot): { row: number; column: number; content: string } | null {
  for (let r = 0; r < snapshot.values.length; r++) {
    const c = snapshot.formulas?.[r]?.findIndex((f) => typeof f === "string") ?? -1;
    if (c >= 0) return { row: snapshot.origin.row + r, column: snapshot.origin.column + c, content: String(snapshot.formulas![r][c]) };
  }
  return null;
}

/** A table called `name` on any sheet, and that sheet's name. */
function tableSheet(workbook: ExcelJS.Workbook, name: string): string | null {
  return workbook.worksheets.find((ws) => worksheetTables(ws).some((table) => table.name === name))?.name ?? null;
}

/** What the workbook's history sheet holds, and whether recording may write it. */
export function workbookHistory(workbook: ExcelJS.Workbook): WorkbookHistory {
  const ws = workbook.getWorksheet(HISTORY_SHEET);
  const snapshot = ws ? snapshotOfWorksheet(ws) : null;
  const state = historySheetStateOfSnapshot(snapshot);
  if (state.kind === "foreign") return { state, refusal: { kind: "cell", sheetName: HISTORY_SHEET, row: state.row, column: state.column, content: state.content } };
  const formula = snapshot ? firstFormula(snapshot) : null;
  if (formula) return { state, refusal: { kind: "cell", sheetName: HISTORY_SHEET, ...formula } };
  const tableOn = tableSheet(workbook, HISTORY_TABLE);
  if (tableOn !== null && tableOn !== HISTORY_SHEET) return { state, refusal: { kind: "name", name: HISTORY_TABLE, pointsTo: tableOn, plannedTo: HISTORY_SHEET } };
  // Tables and names share one namespace in Excel: a name PK_History would make the file unreadable.
  const names = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  const name = names.find((n) => n.name.toLowerCase() === HISTORY_TABLE.toLowerCase());
  if (name) return { state, refusal: { kind: "name", name: name.name, pointsTo: name.ranges.join(","), plannedTo: HISTORY_SHEET } };
  return { state, refusal: null };
}

/** What recording will write: the table's rows and language, the links, and the rows the live formulas read. */
export interface PlannedHistory {
  state: HistorySheetState;
  /** The table's language: new rows are written in it, and the live formulas match its labels. */
  language: Language;
  rows: CellValue[][];
  renames: PartnerRename[];
  /** Rows below the header that the history and link tables use (what the live formulas read). */
  rowCount: number;
}

/** The history after recording `assessments` (in order, each replacing the snapshot of its date and label), with `renames` as the links. */
export function plannedHistory(workbook: ExcelJS.Workbook, state: HistorySheetState, assessments: readonly Assessment[], renames: readonly PartnerRename[], language: Language): PlannedHistory {
  if (state.kind === "foreign") throw new Error(`Refusing to write the sheet "${HISTORY_SHEET}": it is not Partnerkaart's.`);
  const tableLanguage = state.kind === "ours" ? state.language : language;
  const existing = state.kind === "ours" ? state.rows : [];
  // A snapshot the sheet already holds as it is stays where it is; a changed one is recorded anew.
  const rows = assessments.reduce<CellValue[][]>((sofar, assessment) => (recordsAlready(sofar, assessment, tableLanguage) ? sofar : recordedRows(sofar, assessment, tableLanguage)), existing);
  const usedBelowHeader = Math.max(0, (workbook.getWorksheet(HISTORY_SHEET)?.rowCount ?? 1) - 1);
  return { state, language: tableLanguage, rows, renames: [...renames], rowCount: Math.max(rows.length, renames.length, usedBelowHeader) };
}

/** Writes the planned history: the table `PK_History` from A1, and the link table beside it. */
export function writeHistory(workbook: ExcelJS.Workbook, planned: PlannedHistory): void {
  const { state, rows, language } = planned;
  const existing = state.kind === "ours" ? state.rows : [];
  const ws = workbook.getWorksheet(HISTORY_SHEET) ?? workbook.addWorksheet(HISTORY_SHEET);
  // Rows a replaced, larger snapshot leaves behind: emptied, they were ours.
  for (let r = rows.length; r < existing.length; r++) for (let c = 0; c < HISTORY_COLUMNS.length; c++) ws.getCell(r + 2, c + 1).value = null;
  ws.removeTable(HISTORY_TABLE);
  ws.addTable({
    name: HISTORY_TABLE,
    ref: "A1",
    headerRow: true,
    columns: historyHeaders(language).map((name, c) => ({ name, filterButton: true, ...(HISTORY_TEXT_COLUMNS.has(c) ? { style: { numFmt: "@" } } : {}) })),
    rows: rows.map((row) => row.map((value) => (value === "" ? null : value))),
  });
  writeLinks(ws, state.kind === "ours" ? state.renames.length : 0, planned.renames, language);
  historyHeaders(language).forEach((header, c) => (ws.getColumn(c + 1).width = Math.max(10, Math.min(40, header.length + 2))));
}

/** The link table (R:T): header, one row per link, and the rows an earlier, longer table used emptied. */
function writeLinks(ws: ExcelJS.Worksheet, earlierCount: number, renames: readonly PartnerRename[], language: Language): void {
  if (renames.length === 0 && earlierCount === 0) return;
  linkTableGrid(renames, language, earlierCount + 1).forEach((cells, r) =>
    cells.forEach((value, c) => {
      const cell = ws.getCell(r + 1, RENAME_COLUMN + c + 1);
      cell.value = value === "" ? null : value;
      if (RENAME_COLUMNS[c] !== "number") cell.numFmt = "@";
    }),
  );
}
