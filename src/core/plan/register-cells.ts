/**
 * The register columns' cells: their headers, one formula fill per column and run of alike-read
 * rows (or plain values in values mode), and the highlight of a gap below the line.
 */
import type { OutputOptions } from "../host";
import { t } from "../i18n";
import { ON_LINE_TOLERANCE } from "../line";
import type { Analysis, PartnerResult, SheetSnapshot } from "../types";
import { numberFormatReading } from "../values";
import { EMPTY, formula, num, text, type RowBand } from "./cells";
import { registerFormula, type FormulaInputs, type ScoreReadings } from "./column-formulas";
import type { NumberCellReading } from "./formulas";
import { PLAN_COLORS } from "./palette";
import { r1c1ToA1 } from "./r1c1";
import type { RegisterColumnPlacement } from "./register-columns";
import type { PlanBlock, PlanCell, PlannedColumnKey, PlannedConditionalFormat, PlannedRegisterColumn } from "./types";

const NUMBER_FORMATS: Record<PlannedColumnKey, string | null> = {
  influenceScore: "General",
  dependencyScore: "General",
  requiredInfluence: "0.00",
  gap: "0.00",
  position: null,
  strategy: null,
  targetInfluence: "0.00",
  targetDependency: "0.00",
  subsidyAmount: "#,##0.00",
};

/** The register columns' blocks and the gap highlight. */
export function planRegisterCells(
  snapshot: SheetSnapshot,
  analysis: Analysis,
  placement: RegisterColumnPlacement,
  inputs: FormulaInputs,
  bands: readonly RowBand[],
  output: OutputOptions,
): { blocks: PlanBlock[]; conditionalFormats: PlannedConditionalFormat[] } {
  const language = output.language;
  const registerSheet = analysis.location.sheetName;
  const { columns, columnByKey } = placement;
  // Values mode writes each partner's results; formulas mode needs none of them.
  const resultsByRow = output.mode === "values" ? new Map<number, PartnerResult>(analysis.rows.map((r) => [r.row - 1, r])) : null;
  const blocks: PlanBlock[] = [];
  const { user } = inputs;
  // The four score cells whose number format changes how a formula reads them, per row.
  const readColumns = [user.influence, user.dependency, user.targetInfluence, user.targetDependency];
  const formulaFor = cachedRegisterFormula(inputs, columnByKey);

  // Read once per band, not once per run of columns: it reads a number format of every row.
  const alikeRunsOfBand = output.mode === "values" ? [] : bands.map((band) => runsReadAlike(snapshot, band, readColumns));
  for (const run of contiguousRuns(columns)) {
    const runId = run.map((c) => c.key).join("+");
    blocks.push({
      id: `register.header.${runId}`,
      purpose: "register-header",
      sheetName: registerSheet,
      row: analysis.location.headerRow,
      column: run[0].column,
      cells: [run.map((c) => text(c.header))],
      columnNumberFormats: null,
      bold: true,
    });
    const formats = run.map((c) => NUMBER_FORMATS[c.key]);
    bands.forEach((band, b) => {
      const id = `register.data.${runId}.${b}`;
      if (resultsByRow) {
        const rows = Array.from({ length: band.last - band.first + 1 }, (_, i) => band.first + i);
        blocks.push({
          id,
          purpose: "register-data",
          sheetName: registerSheet,
          row: band.first,
          column: run[0].column,
          cells: rows.map((r) => run.map((c) => valueCell(c.key, resultsByRow.get(r), language))),
          columnNumberFormats: formats,
          bold: false,
        });
        return;
      }
      alikeRunsOfBand[b].forEach((rows, k) => {
        const formulas = run.map((c) => formulaFor(c.key, rows.readings));
        const rowCount = rows.last - rows.first + 1;
        const part = k === 0 ? id : `${id}.${k}`;
        if (formulas.every((f): f is string => f !== null)) {
          blocks.push({ kind: "fill", id: part, purpose: "register-data", sheetName: registerSheet, row: rows.first, column: run[0].column, rowCount, formulasR1C1: formulas, columnNumberFormats: formats, bold: false });
          return;
        }
        // A column to empty in the run (rare: a re-run whose subsidy column is gone): one grid.
        blocks.push({
          id: part,
          purpose: "register-data",
          sheetName: registerSheet,
          row: rows.first,
          column: run[0].column,
          cells: Array.from({ length: rowCount }, (_, i) =>
            formulas.map((f, j) => (f === null ? EMPTY : formula(r1c1ToA1(f, rows.first + i, run[0].column + j)))),
          ),
          columnNumberFormats: formats,
          bold: false,
        });
      });
    });
  }
  return { blocks, conditionalFormats: gapBelowLineFormats(analysis, columnByKey.get("gap")!, bands) };
}

/** One R1C1 formula per (column, readings): the same text in every row, built once. */
function cachedRegisterFormula(inputs: FormulaInputs, columnByKey: ReadonlyMap<PlannedColumnKey, number>) {
  const formulaCache = new Map<string, string | null>();
  return (key: PlannedColumnKey, readings: ScoreReadings): string | null => {
    const cacheKey = `${key}|${readings.join(",")}`;
    let cached = formulaCache.get(cacheKey);
    if (cached === undefined) {
      cached = registerFormula(inputs, columnByKey, key, readings);
      formulaCache.set(cacheKey, cached);
    }
    return cached;
  };
}

/** Lights up a gap below the line, in every data band. */
function gapBelowLineFormats(analysis: Analysis, gapColumn: number, bands: readonly RowBand[]): PlannedConditionalFormat[] {
  const influenceRange = analysis.influenceScale.max - analysis.influenceScale.min;
  return bands.map((band, b) => ({
    id: `register.gap.below-line.${b}`,
    sheetName: analysis.location.sheetName,
    rect: { row: band.first, column: gapColumn, rowCount: band.last - band.first + 1, columnCount: 1 },
    // The core's tolerance: a gap of -1e-12 is "on the line" and must not light up.
    rule: { kind: "cell-value-less-than", value: -ON_LINE_TOLERANCE * influenceRange },
    format: { fontColor: PLAN_COLORS.belowLineFont, fillColor: PLAN_COLORS.belowLineFill },
  }));
}

/** Runs of adjacent columns, so each run is one rectangle. */
function contiguousRuns(columns: PlannedRegisterColumn[]): PlannedRegisterColumn[][] {
  const sorted = [...columns].sort((a, b) => a.column - b.column);
  const runs: PlannedRegisterColumn[][] = [];
  for (const column of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].column === column.column - 1) run.push(column);
    else runs.push([column]);
  }
  return runs;
}

/**
 * Consecutive rows of a band whose score cells are read alike (usually the whole band). Rows are
 * compared by a number per row (one base-3 digit per column), so a row costs no array or string.
 */
function runsReadAlike(
  snapshot: SheetSnapshot,
  band: RowBand,
  columns: (number | null)[],
): RowsReadAlike[] {
  // Only the columns the register has; a row is read 100,000 times over, so no array per row.
  const offsets = Int32Array.from(columns.filter((column): column is number => column !== null), (column) => column - snapshot.origin.column);
  const formats = snapshot.numberFormats;
  const runFrom = (r: number): RowsReadAlike => {
    const rowFormats = formats?.[r - snapshot.origin.row];
    const readings = columns.map((column) => (column === null || !rowFormats ? "plain" : numberFormatReading(rowFormats[column - snapshot.origin.column])));
    return { first: r, last: r, readings };
  };
  if (band.last < band.first) return [];
  // The array starts with a run in it and the rows' loop only reads formats: V8 compiled the loop
  // for an empty array's map and threw the code away on every other call (then allocated 40 bytes a row).
  let run = runFrom(band.first);
  const runs = [run];
  let runCode = readingCode(formats?.[band.first - snapshot.origin.row], offsets);
  for (let r = band.first + 1; r <= band.last; r++) {
    const code = readingCode(formats?.[r - snapshot.origin.row], offsets);
    if (code === runCode) continue;
    run.last = r - 1;
    run = runFrom(r);
    runs.push(run);
    runCode = code;
  }
  run.last = band.last;
  return runs;
}

interface RowsReadAlike {
  first: number;
  last: number;
  readings: NumberCellReading[];
}

/** How a row's score cells are read, one base-3 digit per column (0 for a row without formats). */
function readingCode(rowFormats: string[] | undefined, offsets: Int32Array): number {
  let code = 0;
  if (rowFormats) for (let k = 0; k < offsets.length; k++) code = code * 3 + readingDigit(numberFormatReading(rowFormats[offsets[k]]));
  return code;
}

/** A cell's reading as one base-3 digit: plain is 0, so a row without formats is all plain. */
function readingDigit(reading: NumberCellReading): number {
  return reading === "plain" ? 0 : reading === "percent" ? 1 : 2;
}


function valueCell(key: PlannedColumnKey, result: PartnerResult | undefined, language: OutputOptions["language"]): PlanCell {
  if (!result) return EMPTY;
  switch (key) {
    case "influenceScore":
      return num(result.influence);
    case "dependencyScore":
      return num(result.dependency);
    case "requiredInfluence":
      return num(result.requiredInfluence);
    case "gap":
      return num(result.gap);
    case "position":
      return text(t(language, `position.${result.position}`));
    case "strategy":
      return text(t(language, `strategy.${result.strategy}`));
    case "targetInfluence":
      return num(result.target.influence);
    case "targetDependency":
      return num(result.target.dependency);
    case "subsidyAmount":
      return result.subsidy === null ? EMPTY : num(result.subsidy);
  }
}
