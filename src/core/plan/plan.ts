/**
 * planWrite: what Partnerkaart writes for one analysed register — new register columns (live
 * formulas or plain values), the parameter sheet with named cells, the summary, names and the
 * gap highlight — as a WritePlan that the Office.js adapter and the exceljs writer apply.
 * Pure: the same snapshot and analysis always give the same plan.
 */
import type { Language, OutputOptions } from "../host";
import { t, type MessageKey } from "../i18n";
import { cellAt } from "../locate";
import { ON_LINE_TOLERANCE } from "../strategy";
import { cellHoldsContent, isBlank, isErrorValue } from "../text";
import {
  STRATEGY_KEYS,
  type Analysis,
  type CellRect,
  type ConceptKey,
  type PartnerResult,
  type Position,
  type Scale,
  type SheetSnapshot,
} from "../types";
import { LABEL_VALUES_3, LABEL_VALUES_5, normalizeLabel, numberFormatReading, YES_WORDS } from "../values";
import {
  absoluteCell,
  absoluteReference,
  rowRelative,
  countFormula,
  DEPENDENCY_AXIS_NAMES,
  gapFormula,
  INFLUENCE_AXIS_NAMES,
  positionFormula,
  requiredInfluenceFormula,
  scoreFormula,
  strategyFormula,
  subsidyAmountFormula,
  sumFormula,
  targetDependencyFormula,
  targetInfluenceFormula,
  type NumberCellReading,
  type RegisterTarget,
} from "./formulas";
import { columnKeyOfName, columnName, HEADER_KEYS, ourColumnHeaders, REGISTER_COLUMN_KEYS, PARAMETER_NAMES, PARAMETER_SHEET_NAME, positionLabelName, strategyLabelName } from "./names";
import { columnIsOurs, type CellContent, type OwnedColumnProof } from "./ownership";
import { PLAN_COLORS } from "./palette";
import { r1c1ToA1 } from "./r1c1";
import type {
  CellBlock,
  ColumnWidth,
  PlanBlock,
  PlanCell,
  PlannedColumnKey,
  PlannedConditionalFormat,
  PlannedName,
  PlannedRegisterColumn,
  RegisterColumnsAction,
  WritePlan,
} from "./types";

/** The new register columns, left to right. `subsidyAmount` only when amounts are text. */
export const REGISTER_COLUMN_ORDER: readonly PlannedColumnKey[] = REGISTER_COLUMN_KEYS;


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

/** Parameter sheet layout (0-based rows and columns). Fixed, so a re-run writes the same cells. */
export const PARAMETER_LAYOUT = {
  captionColumn: 0,
  valueColumn: 1,
  summaryColumn: 3,
  titleRow: 0,
  introRow: 1,
  settingsHeaderRow: 3,
  firstSettingRow: 4,
  labelsHeaderRow: 12,
  firstLabelRow: 13,
  yesWordsHeaderRow: 21,
  firstYesWordRow: 22,
  yesWordRows: 8,
  firstLabelTableRow: 31,
} as const;

const SETTINGS: { name: string; caption: MessageKey; value: (a: Analysis) => number }[] = [
  { name: PARAMETER_NAMES.lineAtLowest, caption: "parameters.lineAtLowest", value: (a) => a.line.atLowestDependency },
  { name: PARAMETER_NAMES.lineAtHighest, caption: "parameters.lineAtHighest", value: (a) => a.line.atHighestDependency },
  { name: PARAMETER_NAMES.influenceMin, caption: "parameters.influenceMin", value: (a) => a.influenceScale.min },
  { name: PARAMETER_NAMES.influenceMax, caption: "parameters.influenceMax", value: (a) => a.influenceScale.max },
  { name: PARAMETER_NAMES.dependencyMin, caption: "parameters.dependencyMin", value: (a) => a.dependencyScale.min },
  { name: PARAMETER_NAMES.dependencyMax, caption: "parameters.dependencyMax", value: (a) => a.dependencyScale.max },
  { name: PARAMETER_NAMES.highDependencyAbove, caption: "parameters.highDependencyAbove", value: (a) => a.highDependencyAbove },
];

const POSITIONS: readonly Position[] = ["above", "below"];
const LANGUAGES: readonly Language[] = ["nl", "en"];
const READINGS: readonly NumberCellReading[] = ["plain", "percent", "date"];
const PLAIN_READINGS: readonly NumberCellReading[] = ["plain", "plain", "plain", "plain"];
/** Which of the four read score cells (influence, dependency, target influence, target dependency) a column's formula reads. */
const READING_INDEX: Record<PlannedColumnKey, number | null> = {
  influenceScore: 0,
  dependencyScore: 1,
  requiredInfluence: null,
  gap: null,
  position: null,
  strategy: null,
  targetInfluence: 2,
  targetDependency: 3,
  subsidyAmount: null,
};
/** What values mode writes in the text columns, in every language. */
const OUR_LABELS: Partial<Record<PlannedColumnKey, string[]>> = {
  position: LANGUAGES.flatMap((l) => POSITIONS.map((p) => t(l, `position.${p}`))),
  strategy: LANGUAGES.flatMap((l) => STRATEGY_KEYS.map((k) => t(l, `strategy.${k}`))),
};

const text = (value: string): PlanCell => ({ kind: "text", value });
const num = (value: number): PlanCell => ({ kind: "number", value });
const formula = (f: string): PlanCell => ({ kind: "formula", formula: f });
const EMPTY: PlanCell = { kind: "empty" };

/** The label table a scale accepts (core: scoreOnScale), or null when labels are not scores on it. */
export function labelTableFor(scale: Scale): [string, number][] | null {
  // As scoreOnScale reads them: the user's own labels first (counted from the scale's minimum), then
  // the built-in words of a 1–3 or 1–5 scale that are not among them (a word must appear once: the
  // formula sums over matches).
  const own: [string, number][] = scale.source === "user" && scale.labels ? scale.labels.map((label, i) => [normalizeLabel(label), scale.min + i]) : [];
  const levels = scale.kind === "labels" ? (scale.labels?.length ?? scale.max - scale.min + 1) : scale.max - scale.min + 1;
  const builtIn = scale.min !== 1 ? [] : levels === 5 ? Object.entries(LABEL_VALUES_5) : levels === 3 ? Object.entries(LABEL_VALUES_3) : [];
  const taken = new Set(own.map(([word]) => word));
  const table = [...own, ...builtIn.filter(([word]) => !taken.has(word))];
  return table.length > 0 ? table : null;
}

/**
 * Where a re-run should look for its own columns: the columns its PK_Col_ names point at, and header
 * cells that hold one of our headers. Only hints: `planWrite` reuses a column only when its content
 * proves it ours (`ownership.ts`).
 */
export function candidateOwnColumns(snapshot: SheetSnapshot, headerRow: number): Map<PlannedColumnKey, OwnColumnCandidate> {
  const found = new Map<PlannedColumnKey, OwnColumnCandidate>();
  for (const ref of snapshot.definedNames ?? []) {
    const key = columnKeyOfName(ref.name);
    if (key && !found.has(key) && ref.rect.row === headerRow) found.set(key, { column: ref.rect.column, named: true });
  }
  const taken = new Set([...found.values()].map((c) => c.column));
  const headerCells = snapshot.values[headerRow - snapshot.origin.row] ?? [];
  for (const key of REGISTER_COLUMN_ORDER) {
    if (found.has(key)) continue;
    const headers = ourColumnHeaders(key);
    const index = headerCells.findIndex((v, i) => typeof v === "string" && headers.includes(v.trim()) && !taken.has(snapshot.origin.column + i));
    if (index >= 0) {
      found.set(key, { column: snapshot.origin.column + index, named: false });
      taken.add(snapshot.origin.column + index);
    }
  }
  return found;
}

/**
 * A column that may be ours. `named`: a PK_Col_ name points at its header. Numbers and labels prove
 * a column ours only together with such a name (a user's own "Invloed (score)" column holds numbers
 * too); formulas of our shape prove it on their own.
 */
export interface OwnColumnCandidate {
  column: number;
  named: boolean;
}

function columnsAreFree(snapshot: SheetSnapshot, first: number, count: number): boolean {
  // Row arrays directly: this looks at every row of the sheet.
  const from = first - snapshot.origin.column;
  for (let r = 0; r < snapshot.values.length; r++) {
    const values = snapshot.values[r];
    const formulas = snapshot.formulas?.[r];
    const to = Math.min(from + count, Math.max(values.length, formulas?.length ?? 0));
    for (let c = Math.max(0, from); c < to; c++) {
      if (cellHoldsContent(values[c], formulas?.[c])) return false;
    }
  }
  return true;
}

/** Whether a subsidy cell in the band holds text (then the amounts need a number column of ours). */
function anyAmountIsText(snapshot: SheetSnapshot, band: { first: number; last: number }, column: number): boolean {
  for (let r = band.first; r <= band.last; r++) {
    const v = cellAt(snapshot, r, column);
    if (typeof v === "string" && !isBlank(v) && !isErrorValue(v)) return true;
  }
  return false;
}

/** Contiguous row bands of the data rows, leaving out a totals row inside them. */
function dataBands(analysis: Analysis): { first: number; last: number }[] {
  const { firstDataRow, lastDataRow, totalsRow } = analysis.location;
  if (lastDataRow < firstDataRow) return [];
  if (totalsRow === null || totalsRow < firstDataRow || totalsRow > lastDataRow) return [{ first: firstDataRow, last: lastDataRow }];
  return [
    { first: firstDataRow, last: totalsRow - 1 },
    { first: totalsRow + 1, last: lastDataRow },
  ].filter((b) => b.last >= b.first);
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
function readingRuns(
  snapshot: SheetSnapshot,
  band: { first: number; last: number },
  columns: (number | null)[],
): ReadingRun[] {
  // Only the columns the register has; a row is read 100,000 times over, so no array per row.
  const offsets = Int32Array.from(columns.filter((column): column is number => column !== null), (column) => column - snapshot.origin.column);
  const formats = snapshot.numberFormats;
  const runFrom = (r: number): ReadingRun => {
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

interface ReadingRun {
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

/** Plan everything Partnerkaart writes for `analysis` of `snapshot`. */
export function planWrite(snapshot: SheetSnapshot, analysis: Analysis, output: OutputOptions): WritePlan {
  const language = output.language;
  const { location } = analysis;
  const registerSheet = location.sheetName;
  const parameterSheet = registerSheet === PARAMETER_SHEET_NAME ? `${PARAMETER_SHEET_NAME} 2` : PARAMETER_SHEET_NAME;

  // Mapped register columns are the user's input; one that carries our header is a mistake to stop at.
  const candidates = candidateOwnColumns(snapshot, location.headerRow);
  const snapshotCell = (row: number, column: number): CellContent => ({
    value: cellAt(snapshot, row, column),
    formula: snapshot.formulas?.[row - snapshot.origin.row]?.[column - snapshot.origin.column],
  });
  const userColumn = (concept: ConceptKey): number | null => {
    const column = analysis.mapping[concept]?.column ?? null;
    if (column === null) return null;
    for (const [key, own] of candidates) {
      if (own.column !== column) continue;
      const header = snapshotCell(location.headerRow, column).value;
      if (own.named && typeof header === "string" && ourColumnHeaders(key).includes(header.trim())) return null;
      candidates.delete(key);
    }
    return column;
  };
  const partnerColumn = userColumn("partner");
  const influenceColumn = userColumn("influence");
  const dependencyColumn = userColumn("dependency");
  if (partnerColumn === null || influenceColumn === null || dependencyColumn === null) {
    throw new Error(
      `Sheet "${registerSheet}": the partner, influence or dependency column is one of Partnerkaart's own columns; choose the register's columns.`,
    );
  }
  const alternativesColumn = userColumn("alternativesDesirable");
  const subsidyColumn = userColumn("subsidy");
  const targetInfluenceColumn = userColumn("targetInfluence");
  const targetDependencyColumn = userColumn("targetDependency");

  const bands = dataBands(analysis);
  const amountsAreText = subsidyColumn !== null && bands.some((band) => anyAmountIsText(snapshot, band, subsidyColumn));
  const table = location.tableName ? (snapshot.tables.find((tb) => tb.name === location.tableName) ?? null) : null;
  const tableEnd = table ? table.rect.column + table.rect.columnCount - 1 : -1;
  const headerOf = (key: PlannedColumnKey) => t(language, HEADER_KEYS[key]);

  const influenceLabels = labelTableFor(analysis.influenceScale);
  const dependencyLabels = labelTableFor(analysis.dependencyScale);
  const influenceAxis = INFLUENCE_AXIS_NAMES(influenceLabels !== null);
  const dependencyAxis = DEPENDENCY_AXIS_NAMES(dependencyLabels !== null);

  /** The columns, left to right, when `existing` are reused: new ones go right of the register, the table and any column of ours. */
  const placeColumns = (existing: ReadonlyMap<PlannedColumnKey, number>) => {
    const keys = REGISTER_COLUMN_ORDER.filter((k) => k !== "subsidyAmount" || amountsAreText || existing.has("subsidyAmount"));
    const newKeys = keys.filter((k) => !existing.has(k));
    const start = Math.max(location.lastColumn, tableEnd, ...existing.values()) + 1;
    const columns: PlannedRegisterColumn[] = keys.map((key) => ({
      key,
      column: existing.get(key) ?? start + newKeys.indexOf(key),
      header: headerOf(key),
      name: columnName(key),
    }));
    return { keys, newKeys, start, columns, columnByKey: new Map(columns.map((c) => [c.key, c.column])) };
  };

  const registerFormula = (
    columnByKey: ReadonlyMap<PlannedColumnKey, number>,
    key: PlannedColumnKey,
    [influenceReading, dependencyReading, targetInfluenceReading, targetDependencyReading]: readonly NumberCellReading[],
  ): string | null => {
    const ref = (k: PlannedColumnKey) => rowRelative(columnByKey.get(k)!);
    const partner = rowRelative(partnerColumn);
    const alternatives = alternativesColumn === null ? null : rowRelative(alternativesColumn);
    const target = (column: number | null, axis: typeof influenceAxis, reading: NumberCellReading): RegisterTarget | null =>
      column === null ? null : { ref: rowRelative(column), axis, reading };
    switch (key) {
      case "influenceScore":
        return scoreFormula(partner, rowRelative(influenceColumn), influenceAxis, influenceReading);
      case "dependencyScore":
        return scoreFormula(partner, rowRelative(dependencyColumn), dependencyAxis, dependencyReading);
      case "requiredInfluence":
        return requiredInfluenceFormula(ref("influenceScore"), ref("dependencyScore"));
      case "gap":
        return gapFormula(ref("influenceScore"), ref("requiredInfluence"));
      case "position":
        return positionFormula(ref("gap"));
      case "strategy":
        return strategyFormula(ref("gap"), ref("dependencyScore"), alternatives);
      case "targetInfluence":
        return targetInfluenceFormula(
          { influenceScore: ref("influenceScore"), dependencyScore: ref("dependencyScore"), required: ref("requiredInfluence"), gap: ref("gap"), alternatives },
          target(targetInfluenceColumn, influenceAxis, targetInfluenceReading),
        );
      case "targetDependency":
        return targetDependencyFormula(
          { influenceScore: ref("influenceScore"), dependencyScore: ref("dependencyScore"), gap: ref("gap"), alternatives },
          target(targetDependencyColumn, dependencyAxis, targetDependencyReading),
        );
      case "subsidyAmount":
        // No subsidy column any more: the old amount column is emptied.
        return subsidyColumn === null ? null : subsidyAmountFormula(rowRelative(subsidyColumn));
    }
  };

  /** What column `key` may hold and still be ours: every formula this version writes there, or values. */
  const proofOf = (layout: ReturnType<typeof placeColumns>, key: PlannedColumnKey): OwnedColumnProof => {
    const named = candidates.get(key)?.named ?? false;
    // A column's formula changes only with the reading of the one score cell it reads, if any.
    const readingIndex = READING_INDEX[key];
    const variants = readingIndex === null ? [PLAIN_READINGS] : READINGS.map((reading) => PLAIN_READINGS.map((r, i) => (i === readingIndex ? reading : r)));
    const formulas = [...new Set(variants.map((readings) => registerFormula(layout.columnByKey, key, readings)).filter((f): f is string => f !== null))];
    const labels = OUR_LABELS[key] ?? [];
    return {
      key,
      column: layout.columnByKey.get(key)!,
      headers: ourColumnHeaders(key),
      formulasR1C1: formulas,
      values: !named ? "none" : labels.length > 0 ? "label" : "number",
      labels,
    };
  };

  // Reuse a column of an earlier run only when its content proves it ours; a column that does not
  // changes the formulas of those that refer to it, so prove again until nothing more drops out.
  const existing = new Map([...candidates].map(([key, c]) => [key, c.column]));
  let layout = placeColumns(existing);
  for (;;) {
    const unproven = [...existing.keys()].filter((key) => !columnIsOurs(proofOf(layout, key), location.headerRow, bands, snapshotCell));
    if (unproven.length === 0) break;
    for (const key of unproven) existing.delete(key);
    layout = placeColumns(existing);
  }
  const { keys, newKeys, start, columns, columnByKey } = layout;
  const free = columnsAreFree(snapshot, start, newKeys.length);
  let registerColumns: RegisterColumnsAction;
  if (newKeys.length === 0) {
    registerColumns = { kind: "existing-columns", sheetName: registerSheet, columns: keys.map((k) => existing.get(k)!) };
  } else if (table && start === tableEnd + 1) {
    registerColumns = {
      kind: "add-table-columns",
      sheetName: registerSheet,
      tableName: table.name,
      firstColumn: start,
      headers: newKeys.map(headerOf),
      ...(free ? {} : { insertColumnsFirst: newKeys.length }),
    };
  } else if (!free) {
    registerColumns = { kind: "insert-columns", sheetName: registerSheet, atColumn: start, count: newKeys.length };
  } else {
    registerColumns = { kind: "none", sheetName: registerSheet };
  }
  const columnProofs = keys.map((key) => proofOf(layout, key));

  // Values mode writes each partner's results; formulas mode needs none of them.
  const resultsByRow = output.mode === "values" ? new Map<number, PartnerResult>(analysis.rows.map((r) => [r.row - 1, r])) : null;

  const columnOf = (key: PlannedColumnKey) => columnByKey.get(key) ?? null;

  const blocks: PlanBlock[] = [];
  const conditionalFormats: PlannedConditionalFormat[] = [];
  const influenceRange = analysis.influenceScale.max - analysis.influenceScale.min;
  // The four score cells whose number format changes how a formula reads them, per row.
  const readColumns = [influenceColumn, dependencyColumn, targetInfluenceColumn, targetDependencyColumn];
  // One R1C1 formula per (column, readings): the same text in every row, built once.
  const formulaCache = new Map<string, string | null>();
  const formulaFor = (key: PlannedColumnKey, readings: NumberCellReading[]): string | null => {
    const cacheKey = `${key}|${readings.join(",")}`;
    let cached = formulaCache.get(cacheKey);
    if (cached === undefined) {
      cached = registerFormula(columnByKey, key, readings);
      formulaCache.set(cacheKey, cached);
    }
    return cached;
  };

  // Read once per band, not once per run of columns: it reads a number format of every row.
  const readingRunsOfBand = output.mode === "values" ? [] : bands.map((band) => readingRuns(snapshot, band, readColumns));
  for (const run of contiguousRuns(columns)) {
    const runId = run.map((c) => c.key).join("+");
    blocks.push({
      id: `register.header.${runId}`,
      purpose: "register-header",
      sheetName: registerSheet,
      row: location.headerRow,
      column: run[0].column,
      cells: [run.map((c) => text(c.header))],
      columnNumberFormats: null,
      bold: true,
    });
    const formats = run.map((c) => NUMBER_FORMATS[c.key]);
    bands.forEach((band, b) => {
      const id = `register.data.${runId}.${b}`;
      if (output.mode === "values") {
        const rows = Array.from({ length: band.last - band.first + 1 }, (_, i) => band.first + i);
        blocks.push({
          id,
          purpose: "register-data",
          sheetName: registerSheet,
          row: band.first,
          column: run[0].column,
          cells: rows.map((r) => run.map((c) => valueCell(c.key, resultsByRow?.get(r), language))),
          columnNumberFormats: formats,
          bold: false,
        });
        return;
      }
      readingRunsOfBand[b].forEach((rows, k) => {
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
  const gapColumn = columnOf("gap")!;
  bands.forEach((band, b) => {
    conditionalFormats.push({
      id: `register.gap.below-line.${b}`,
      sheetName: registerSheet,
      rect: { row: band.first, column: gapColumn, rowCount: band.last - band.first + 1, columnCount: 1 },
      // The core's tolerance: a gap of -1e-12 is "on the line" and must not light up.
      rule: { kind: "cell-value-less-than", value: -ON_LINE_TOLERANCE * influenceRange },
      format: { fontColor: PLAN_COLORS.belowLineFont, fillColor: PLAN_COLORS.belowLineFill },
    });
  });

  const names: PlannedName[] = [];
  const knownNames = new Set((snapshot.definedNames ?? []).map((n) => n.name.toLowerCase()));
  const addName = (name: string, sheetName: string, rect: CellRect, comment: string) =>
    names.push({ name, sheetName, rect, exists: knownNames.has(name.toLowerCase()), comment });
  for (const c of columns) addName(c.name, registerSheet, { row: location.headerRow, column: c.column, rowCount: 1, columnCount: 1 }, c.header);

  const parameterContext = (add: ParameterContext["addName"]): ParameterContext => ({
    influenceLabels,
    dependencyLabels,
    addName: add,
    strategyRange: rangeOfColumn(registerSheet, columnOf("strategy")!, analysis),
    positionRange: rangeOfColumn(registerSheet, columnOf("position")!, analysis),
    amountRange:
      columnOf("subsidyAmount") !== null
        ? rangeOfColumn(registerSheet, columnOf("subsidyAmount")!, analysis)
        : subsidyColumn !== null
          ? rangeOfColumn(registerSheet, subsidyColumn, analysis)
          : null,
  });
  const parameterBlocks = planParameterSheet(parameterSheet, analysis, output, parameterContext(addName));
  blocks.push(...parameterBlocks);
  // The parameter sheet as other languages and modes write it: an earlier run's cells are ours too.
  const parameterVariants: Record<string, PlanCell[][][]> = {};
  for (const language of LANGUAGES) {
    for (const mode of ["formulas", "values"] as const) {
      for (const variant of planParameterSheet(parameterSheet, analysis, { ...output, language, mode }, parameterContext(() => undefined))) {
        (parameterVariants[variant.id] ??= []).push(variant.cells);
      }
    }
  }

  const newColumnSet = new Set(newKeys);
  const columnWidths: ColumnWidth[] = [
    ...columns
      .filter((c) => newColumnSet.has(c.key))
      .map((c) => ({ sheetName: registerSheet, column: c.column, widthChars: Math.min(32, Math.max(10, c.header.length + 2)) })),
    ...[62, 26, 3, 32, 12, 16].map((widthChars, column) => ({ sheetName: parameterSheet, column, widthChars })),
  ];

  return {
    sheets: [
      { name: registerSheet, create: false },
      { name: parameterSheet, create: true },
    ],
    registerSheet,
    parameterSheet,
    mode: output.mode,
    registerColumns,
    columns,
    headerRow: location.headerRow,
    firstDataRow: location.firstDataRow,
    lastDataRow: location.lastDataRow,
    blocks,
    columnWidths,
    names,
    conditionalFormats,
    ownership: {
      columns: columnProofs,
      parameterTitles: LANGUAGES.map((language) => t(language, "parameters.title")),
      parameterTitleCell: { row: PARAMETER_LAYOUT.titleRow, column: PARAMETER_LAYOUT.captionColumn },
      parameterVariants,
    },
  };
}

/** An absolute reference to the data rows of one register column (the whole span, totals row included: it is empty). */
function rangeOfColumn(sheetName: string, column: number, analysis: Analysis): string | null {
  const { firstDataRow, lastDataRow } = analysis.location;
  if (lastDataRow < firstDataRow) return null;
  return absoluteReference(sheetName, { row: firstDataRow, column, rowCount: lastDataRow - firstDataRow + 1, columnCount: 1 });
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

interface ParameterContext {
  influenceLabels: [string, number][] | null;
  dependencyLabels: [string, number][] | null;
  addName: (name: string, sheetName: string, rect: CellRect, comment: string) => void;
  strategyRange: string | null;
  positionRange: string | null;
  amountRange: string | null;
}

function planParameterSheet(sheetName: string, analysis: Analysis, output: OutputOptions, ctx: ParameterContext): CellBlock[] {
  const language = output.language;
  const L = PARAMETER_LAYOUT;
  const blocks: CellBlock[] = [];
  const block = (id: string, purpose: CellBlock["purpose"], row: number, column: number, cells: PlanCell[][], extra: Partial<CellBlock> = {}) =>
    blocks.push({ id, purpose, sheetName, row, column, cells, columnNumberFormats: null, bold: false, ...extra });
  const single = (row: number, column: number): CellRect => ({ row, column, rowCount: 1, columnCount: 1 });

  block("parameters.title", "parameters", L.titleRow, L.captionColumn, [[text(t(language, "parameters.title"))]], { bold: true });
  block("parameters.intro", "parameters", L.introRow, L.captionColumn, [[text(t(language, "parameters.intro"))]]);
  block("parameters.settings-header", "parameters", L.settingsHeaderRow, L.captionColumn, [
    [text(t(language, "parameters.setting")), text(t(language, "parameters.value"))],
  ], { bold: true });
  block(
    "parameters.settings",
    "parameters",
    L.firstSettingRow,
    L.captionColumn,
    SETTINGS.map((s) => [text(t(language, s.caption)), num(s.value(analysis))]),
    { columnNumberFormats: [null, "General"] },
  );
  SETTINGS.forEach((s, i) => ctx.addName(s.name, sheetName, single(L.firstSettingRow + i, L.valueColumn), t(language, s.caption)));

  // Labels: captions are ours; the label cells are the user's to rename, so a re-run keeps them.
  const labelRows: { name: string; caption: MessageKey; label: string }[] = [
    ...STRATEGY_KEYS.map((k) => ({ name: strategyLabelName(k), caption: `parameters.label.${k}` as MessageKey, label: t(language, `strategy.${k}`) })),
    ...POSITIONS.map((p) => ({ name: positionLabelName(p), caption: `parameters.label.${p}` as MessageKey, label: t(language, `position.${p}`) })),
  ];
  block("parameters.labels-header", "labels", L.labelsHeaderRow, L.captionColumn, [[text(t(language, "parameters.labels"))]], { bold: true });
  block("parameters.label-captions", "labels", L.firstLabelRow, L.captionColumn, labelRows.map((l) => [text(t(language, l.caption))]));
  block("parameters.label-values", "labels", L.firstLabelRow, L.valueColumn, labelRows.map((l) => [text(l.label)]), {
    keepExistingValues: true,
    columnNumberFormats: ["@"],
  });
  labelRows.forEach((l, i) => ctx.addName(l.name, sheetName, single(L.firstLabelRow + i, L.valueColumn), t(language, l.caption)));

  const yesWords = [...YES_WORDS, ...Array<string>(Math.max(0, L.yesWordRows - YES_WORDS.length)).fill("")].slice(0, L.yesWordRows);
  block("parameters.yes-header", "labels", L.yesWordsHeaderRow, L.captionColumn, [[text(t(language, "parameters.yesWords"))]], { bold: true });
  block("parameters.yes-words", "labels", L.firstYesWordRow, L.valueColumn, yesWords.map((w) => [w ? text(w) : EMPTY]), {
    keepExistingValues: true,
    columnNumberFormats: ["@"],
  });
  ctx.addName(PARAMETER_NAMES.yesWords, sheetName, { row: L.firstYesWordRow, column: L.valueColumn, rowCount: L.yesWordRows, columnCount: 1 }, t(language, "parameters.yesWords"));

  let row: number = L.firstLabelTableRow;
  const labelTable = (entries: [string, number][] | null, caption: MessageKey, wordsName: string, valuesName: string, id: string) => {
    if (!entries) return;
    block(`parameters.${id}-header`, "labels", row, L.captionColumn, [[text(t(language, caption))]], { bold: true });
    block(`parameters.${id}`, "labels", row + 1, L.captionColumn, entries.map(([word, value]) => [text(word), num(value)]), {
      columnNumberFormats: ["@", "General"],
    });
    ctx.addName(wordsName, sheetName, { row: row + 1, column: L.captionColumn, rowCount: entries.length, columnCount: 1 }, t(language, caption));
    ctx.addName(valuesName, sheetName, { row: row + 1, column: L.valueColumn, rowCount: entries.length, columnCount: 1 }, t(language, caption));
    row += entries.length + 2;
  };
  labelTable(ctx.influenceLabels, "parameters.influenceLabels", PARAMETER_NAMES.influenceLabelWords, PARAMETER_NAMES.influenceLabelValues, "influence-labels");
  labelTable(ctx.dependencyLabels, "parameters.dependencyLabels", PARAMETER_NAMES.dependencyLabelWords, PARAMETER_NAMES.dependencyLabelValues, "dependency-labels");

  blocks.push(...planSummary(sheetName, analysis, output, ctx));
  return blocks;
}

function planSummary(sheetName: string, analysis: Analysis, output: OutputOptions, ctx: ParameterContext): CellBlock[] {
  const language = output.language;
  const L = PARAMETER_LAYOUT;
  const column = L.summaryColumn;
  const headerRow = L.settingsHeaderRow;
  const firstStrategyRow = headerRow + 1;
  const positionHeaderRow = firstStrategyRow + STRATEGY_KEYS.length;
  const firstPositionRow = positionHeaderRow + 1;
  const totalRow = firstPositionRow + POSITIONS.length;
  const live = output.mode === "formulas";
  const { summary } = analysis;

  const line = (row: number, labelName: string, labelText: string, tally: { count: number; subsidy: number }, labelRange: string | null): PlanCell[] => {
    const criterion = absoluteCell(row, column);
    if (!live || labelRange === null) return [text(labelText), num(tally.count), num(tally.subsidy)];
    return [
      formula(`=${labelName}`),
      formula(countFormula(labelRange, criterion)),
      ctx.amountRange === null ? num(0) : formula(sumFormula(ctx.amountRange, labelRange, criterion)),
    ];
  };
  const header = (first: MessageKey): PlanCell[] => [text(t(language, first)), text(t(language, "summary.count")), text(t(language, "summary.subsidy"))];
  const sumOver = (col: number) => `=SUM(${absoluteCell(firstStrategyRow, col)}:${absoluteCell(positionHeaderRow - 1, col)})`;
  const formats = [null, "0", "#,##0"];
  const make = (id: string, row: number, cells: PlanCell[][], bold: boolean): CellBlock => ({
    id,
    purpose: "summary",
    sheetName,
    row,
    column,
    cells,
    columnNumberFormats: bold && id !== "summary.total" ? null : formats,
    bold,
  });
  const blocks = [
    make("summary.strategy-header", headerRow, [header("summary.strategy")], true),
    make(
      "summary.strategies",
      firstStrategyRow,
      STRATEGY_KEYS.map((k, i) =>
        line(firstStrategyRow + i, strategyLabelName(k), t(language, `strategy.${k}`), summary.byStrategy[k], ctx.strategyRange),
      ),
      false,
    ),
    make("summary.position-header", positionHeaderRow, [header("summary.position")], true),
    make(
      "summary.positions",
      firstPositionRow,
      POSITIONS.map((p, i) => line(firstPositionRow + i, positionLabelName(p), t(language, `position.${p}`), summary.byPosition[p], ctx.positionRange)),
      false,
    ),
    make(
      "summary.total",
      totalRow,
      [
        live
          ? [text(t(language, "summary.total")), formula(sumOver(column + 1)), formula(sumOver(column + 2))]
          : [text(t(language, "summary.total")), num(summary.total.count), num(summary.total.subsidy)],
      ],
      true,
    ),
  ];
  ctx.addName(PARAMETER_NAMES.summary, sheetName, { row: headerRow, column, rowCount: totalRow - headerRow + 1, columnCount: 3 }, t(language, "summary.strategy"));
  return blocks;
}
