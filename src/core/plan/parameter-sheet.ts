/**
 * The parameter sheet: the ambition line, scales and threshold as named cells, the strategy and
 * position labels, the yes-words and label tables, and the summary of count and subsidy per strategy
 * and position. Its layout is fixed, so a re-run writes the same cells.
 */
import type { OutputOptions } from "../host";
import { t, type MessageKey } from "../i18n";
import { STRATEGY_KEYS, type Analysis, type CellRect, type Scale } from "../types";
import { LABEL_VALUES_3, LABEL_VALUES_5, normalizeLabel, YES_WORDS } from "../values";
import { EMPTY, formula, LANGUAGES, num, POSITIONS, text } from "./cells";
import { absoluteCell, countFormula, sumFormula } from "./formulas";
import { PARAMETER_NAMES, positionLabelName, strategyLabelName } from "../names";
import type { CellBlock, ColumnWidth, PlanCell } from "./types";

/** Parameter sheet layout (0-based rows and columns). Fixed, so a re-run writes the same cells. */
const PARAMETER_LAYOUT = {
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

/** Words and the scores they stand for, as the parameter sheet lists them. */
export type LabelTable = [string, number][];

/** The label table a scale accepts (core: scoreOnScale), or null when labels are not scores on it. */
export function labelTableFor(scale: Scale): LabelTable | null {
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


/** What the parameter sheet needs from the register: its label tables, where its columns are, and how to record a name. */
export interface ParameterContext {
  influenceLabels: [string, number][] | null;
  dependencyLabels: [string, number][] | null;
  addName: (name: string, sheetName: string, rect: CellRect, comment: string) => void;
  strategyRange: string | null;
  positionRange: string | null;
  amountRange: string | null;
}

/** The parameter sheet's cells and, for the ownership proof, the same sheet as every language and mode writes it. */
export function planParameterSheetWithVariants(
  sheetName: string,
  analysis: Analysis,
  output: OutputOptions,
  ctx: ParameterContext,
): { blocks: CellBlock[]; variants: Record<string, PlanCell[][][]> } {
  const blocks = planParameterSheet(sheetName, analysis, output, ctx);
  // The parameter sheet as other languages and modes write it: an earlier run's cells are ours too.
  const variants: Record<string, PlanCell[][][]> = {};
  const silent = { ...ctx, addName: () => undefined };
  for (const language of LANGUAGES) {
    for (const mode of ["formulas", "values"] as const) {
      for (const variant of planParameterSheet(sheetName, analysis, { ...output, language, mode }, silent)) {
        (variants[variant.id] ??= []).push(variant.cells);
      }
    }
  }
  return { blocks, variants };
}

/** The parameter sheet's column widths, in characters. */
export function parameterColumnWidths(sheetName: string): ColumnWidth[] {
  return [62, 26, 3, 32, 12, 16].map((widthChars, column) => ({ sheetName, column, widthChars }));
}

/** Where the ownership rule finds the parameter sheet's title. */
export const PARAMETER_TITLE_CELL = { row: PARAMETER_LAYOUT.titleRow, column: PARAMETER_LAYOUT.captionColumn } as const;


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
