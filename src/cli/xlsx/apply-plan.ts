/**
 * Applying a WritePlan to an exceljs workbook: the .xlsx counterpart of src/excel's Office.js
 * applier. Same order: sheets, register columns, blocks, widths, names, conditional formats.
 */
import ExcelJS from "exceljs";
import { absoluteReference, toFileFormula, expandFill, type CellBlock, type PlanCell, type WritePlan } from "../../core/plan";
import { NAME_PREFIX } from "../../core/names";
import { columnIndex, columnLetter } from "../../core/text";

function worksheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (!ws) throw new Error(`The workbook has no sheet "${name}".`);
  return ws;
}

function writeCell(cell: ExcelJS.Cell, planned: PlanCell) {
  switch (planned.kind) {
    case "formula":
      cell.value = { formula: toFileFormula(planned.formula) } as ExcelJS.CellFormulaValue;
      return;
    case "number":
    case "boolean":
      cell.value = planned.value;
      return;
    case "text":
      // exceljs stores strings as strings: never parsed as a formula, whatever the first character.
      cell.value = planned.value;
      return;
    case "empty":
      cell.value = null;
      return;
  }
}

function isEmpty(value: ExcelJS.CellValue): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

function writeBlock(ws: ExcelJS.Worksheet, block: CellBlock) {
  block.cells.forEach((cells, i) =>
    cells.forEach((planned, j) => {
      const cell = ws.getCell(block.row + i + 1, block.column + j + 1);
      if (block.keepExistingValues && !isEmpty(cell.value)) return;
      writeCell(cell, planned);
      const format = block.columnNumberFormats?.[j];
      if (format) cell.numFmt = format;
      if (block.bold) cell.font = { ...(cell.font ?? {}), bold: true };
    }),
  );
}

interface LoadedTable {
  table: { name: string; tableRef?: string; ref?: string; autoFilterRef?: string; columns: { name: string }[]; headerRow?: boolean; totalsRow?: boolean };
}

/** Grows an existing table to the right by `headers` (the cells there are empty, the plan made sure). */
function addTableColumns(ws: ExcelJS.Worksheet, tableName: string, headers: string[]) {
  const entry = (ws as unknown as { tables: Record<string, LoadedTable> }).tables[tableName];
  if (!entry) throw new Error(`Sheet "${ws.name}" has no table "${tableName}".`);
  const model = entry.table;
  const ref = model.tableRef ?? model.ref;
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref ?? "");
  if (!m) throw new Error(`Table "${tableName}" has an unreadable range "${ref}".`);
  const lastColumn = columnIndex(m[3]) + headers.length;
  const widened = `${m[1]}${m[2]}:${columnLetter(lastColumn)}${m[4]}`;
  model.tableRef = widened;
  if (model.autoFilterRef) {
    const f = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(model.autoFilterRef);
    if (f) model.autoFilterRef = `${f[1]}${f[2]}:${columnLetter(lastColumn)}${f[4]}`;
  }
  for (const name of headers) model.columns.push({ name });
}

function insertColumns(ws: ExcelJS.Worksheet, atColumn: number, count: number) {
  ws.spliceColumns(atColumn + 1, 0, ...Array.from({ length: count }, () => []));
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

export function applyPlanToWorkbook(workbook: ExcelJS.Workbook, plan: WritePlan) {
  for (const sheet of plan.sheets) if (!workbook.getWorksheet(sheet.name) && sheet.create) workbook.addWorksheet(sheet.name);

  const register = worksheet(workbook, plan.registerSheet);
  const action = plan.registerColumns;
  if (action.kind === "insert-columns") insertColumns(register, action.atColumn, action.count);
  if (action.kind === "add-table-columns") {
    if (action.insertColumnsFirst) insertColumns(register, action.firstColumn, action.insertColumnsFirst);
    addTableColumns(register, action.tableName, action.headers);
  }

  // A fill becomes one A1 formula per cell: the file format has no "same formula down" form
  // exceljs could write (shared formulas need a master cell per column and exceljs bookkeeping).
  for (const block of plan.blocks) writeBlock(worksheet(workbook, block.sheetName), expandFill(block));
  for (const width of plan.columnWidths) worksheet(workbook, width.sheetName).getColumn(width.column + 1).width = width.widthChars;

  const names = workbook.definedNames as unknown as {
    add(reference: string, name: string): void;
    matrixMap: Record<string, unknown>;
  };
  for (const name of plan.names) {
    if (!name.name.startsWith(NAME_PREFIX)) throw new Error(`Refusing to write a name without the ${NAME_PREFIX} prefix: ${name.name}`);
    delete names.matrixMap[name.name]; // a re-run points the name at its new place
    names.add(absoluteReference(name.sheetName, name.rect), name.name);
  }

  for (const format of plan.conditionalFormats) {
    const ws = worksheet(workbook, format.sheetName);
    const ref = absoluteReference(format.sheetName, format.rect).replace(/^.*!/, "").replace(/\$/g, "");
    const existing = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    // The rect is ours: drop an earlier run's rule there so re-runs do not stack duplicates.
    for (let i = existing.length - 1; i >= 0; i--) if (existing[i].ref === ref) existing.splice(i, 1);
    ws.addConditionalFormatting({
      ref,
      rules: [
        {
          type: "cellIs",
          operator: "lessThan",
          priority: 1,
          formulae: [String(format.rule.value)],
          style: {
            font: { color: { argb: argb(format.format.fontColor) } },
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(format.format.fillColor) } },
          },
        },
      ],
    });
  }
  // Formulas are written without cached results: make Excel compute everything when it opens the file.
  workbook.calcProperties = { ...(workbook.calcProperties ?? {}), fullCalcOnLoad: true };
}
