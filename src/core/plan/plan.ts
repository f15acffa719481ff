/**
 * planWrite: what Partnerkaart writes for one analysed register — new register columns (live
 * formulas or plain values), the parameter sheet with named cells, the summary, names and the
 * gap highlight — as a WritePlan that the Office.js adapter and the exceljs writer apply.
 * Pure: the same snapshot and analysis always give the same plan.
 *
 * The steps, each in its own module: place the register columns (`register-columns.ts`, with the
 * ownership proof), their per-column formula (`column-formulas.ts`) and cells (`register-cells.ts`),
 * the parameter sheet and summary (`parameter-sheet.ts`), then the names and widths below.
 */
import type { OutputOptions } from "../host";
import { t } from "../i18n";
import type { Analysis, CellRect, SheetSnapshot } from "../types";
import { LANGUAGES, type RowBand } from "./cells";
import { formulaInputs } from "./column-formulas";
import { absoluteReference } from "./formulas";
import { PARAMETER_SHEET_NAME } from "../names";
import { labelTableFor, parameterColumnWidths, PARAMETER_TITLE_CELL, planParameterSheetWithVariants, type ParameterContext } from "./parameter-sheet";
import { placeRegisterColumns, userColumnsOf, type RegisterColumnPlacement } from "./register-columns";
import { planRegisterCells } from "./register-cells";
import type { ColumnWidth, PlannedName, WritePlan } from "./types";

/** Plan everything Partnerkaart writes for `analysis` of `snapshot`. */
export function planWrite(snapshot: SheetSnapshot, analysis: Analysis, output: OutputOptions): WritePlan {
  const { location } = analysis;
  const registerSheet = location.sheetName;
  const parameterSheet = registerSheet === PARAMETER_SHEET_NAME ? `${PARAMETER_SHEET_NAME} 2` : PARAMETER_SHEET_NAME;
  const bands = dataBands(analysis);

  const start = userColumnsOf(snapshot, analysis);
  const influenceLabels = labelTableFor(analysis.influenceScale);
  const dependencyLabels = labelTableFor(analysis.dependencyScale);
  const inputs = formulaInputs(start.user, influenceLabels, dependencyLabels);
  const placement = placeRegisterColumns(snapshot, analysis, start, inputs, bands, output.language);
  const register = planRegisterCells(snapshot, analysis, placement, inputs, bands, output);

  const names = new NameList(snapshot);
  for (const c of placement.columns) names.add(c.name, registerSheet, { row: location.headerRow, column: c.column, rowCount: 1, columnCount: 1 }, c.header);
  const parameters = planParameterSheetWithVariants(parameterSheet, analysis, output, {
    influenceLabels,
    dependencyLabels,
    ...registerRanges(analysis, placement, start.user.subsidy),
    addName: names.add,
  });

  return {
    sheets: [
      { name: registerSheet, create: false },
      { name: parameterSheet, create: true },
    ],
    registerSheet,
    parameterSheet,
    mode: output.mode,
    registerColumns: placement.action,
    columns: placement.columns,
    headerRow: location.headerRow,
    firstDataRow: location.firstDataRow,
    lastDataRow: location.lastDataRow,
    blocks: [...register.blocks, ...parameters.blocks],
    columnWidths: [...registerColumnWidths(registerSheet, placement), ...parameterColumnWidths(parameterSheet)],
    names: names.planned,
    conditionalFormats: register.conditionalFormats,
    ownership: {
      columns: placement.proofs,
      parameterTitles: LANGUAGES.map((language) => t(language, "parameters.title")),
      parameterTitleCell: { ...PARAMETER_TITLE_CELL },
      parameterVariants: parameters.variants,
    },
  };
}

/** Contiguous row bands of the data rows, leaving out a totals row inside them. */
export function dataBands(analysis: Analysis): RowBand[] {
  const { firstDataRow, lastDataRow, totalsRow } = analysis.location;
  if (lastDataRow < firstDataRow) return [];
  if (totalsRow === null || totalsRow < firstDataRow || totalsRow > lastDataRow) return [{ first: firstDataRow, last: lastDataRow }];
  return [
    { first: firstDataRow, last: totalsRow - 1 },
    { first: totalsRow + 1, last: lastDataRow },
  ].filter((b) => b.last >= b.first);
}

/** The names the plan writes, each marked whether the workbook has it already. */
class NameList {
  readonly planned: PlannedName[] = [];
  private readonly known: Set<string>;
  constructor(snapshot: SheetSnapshot) {
    this.known = new Set((snapshot.definedNames ?? []).map((n) => n.name.toLowerCase()));
  }
  readonly add = (name: string, sheetName: string, rect: CellRect, comment: string): void => {
    this.planned.push({ name, sheetName, rect, exists: this.known.has(name.toLowerCase()), comment });
  };
}

/** The register ranges the summary counts over. */
function registerRanges(
  analysis: Analysis,
  placement: RegisterColumnPlacement,
  subsidyColumn: number | null,
): Pick<ParameterContext, "strategyRange" | "positionRange" | "amountRange"> {
  const registerSheet = analysis.location.sheetName;
  const columnOf = (key: "strategy" | "position" | "subsidyAmount") => placement.columnByKey.get(key) ?? null;
  const amountColumn = columnOf("subsidyAmount") ?? subsidyColumn;
  return {
    strategyRange: rangeOfColumn(registerSheet, columnOf("strategy")!, analysis),
    positionRange: rangeOfColumn(registerSheet, columnOf("position")!, analysis),
    amountRange: amountColumn === null ? null : rangeOfColumn(registerSheet, amountColumn, analysis),
  };
}

/** An absolute reference to the data rows of one register column (the whole span, totals row included: it is empty). */
function rangeOfColumn(sheetName: string, column: number, analysis: Analysis): string | null {
  const { firstDataRow, lastDataRow } = analysis.location;
  if (lastDataRow < firstDataRow) return null;
  return absoluteReference(sheetName, { row: firstDataRow, column, rowCount: lastDataRow - firstDataRow + 1, columnCount: 1 });
}

/** New register columns are as wide as their header, within bounds; reused ones keep the user's width. */
function registerColumnWidths(sheetName: string, placement: RegisterColumnPlacement): ColumnWidth[] {
  const added = new Set(placement.newKeys);
  return placement.columns
    .filter((c) => added.has(c.key))
    .map((c) => ({ sheetName, column: c.column, widthChars: Math.min(32, Math.max(10, c.header.length + 2)) }));
}
