/**
 * planChartData: the cells a live Excel chart reads, as write-plan blocks on the parameter sheet,
 * and the bindings that tell the Office.js adapter which ranges feed which series.
 *
 * Why helper ranges: a point must change series when Excel recomputes its strategy, without the
 * add-in. Each strategy series reads a column that holds the partner's influence when the
 * register's strategy cell equals that strategy's named label cell (PK_Label_*), else NA() — a
 * scatter series skips #N/A. The ambition line and the threshold read the named parameter cells.
 *
 * Movement: every segment of a chart is ONE series over a helper range of two rows (the partner's
 * scores, its targets) and a blank row per segment, which the chart leaves as a gap: one series
 * instead of one per arrow keeps the chart's request small, and the arrows follow the cells live.
 * Labels: one series plots every partner of the chart (no markers) and carries the name labels,
 * so each partner is labelled once, on a point that stays put when Excel re-classifies it.
 *
 * Layout on the parameter sheet (0-based columns from CHART_DATA_COLUMN, right of the settings
 * and summary; row 0 caption, row 1 headers, data from row 2):
 *   +0..+1 ambition line (x, y), 2 rows   +2..+3 threshold (x, y), 2 rows
 *   +4..+5 per chart: movement segments (x, y), 3 rows per segment, then the targets, 1 row each,
 *          then the realised movement's segments (with a comparison), 3 rows each; charts one
 *          after the other
 *   +7 partner name, +8 dependency, then 6 influence columns per chart (one per strategy, then
 *   one for every partner of the chart: the labels series)
 * Per-goal charts also compare the register's goal cell with the goal text in row 0 above their
 * columns (a cell, never a string inside a formula).
 */
import { t, type MessageKey } from "../i18n";
import { quoteSheetName, absoluteReference, insertedColumns, type PlanBlock, type PlanCell, type WritePlan } from "../plan";
import { ourComparisonHeaders } from "../history/headers";
import { PARAMETER_NAMES as P, strategyLabelName } from "../names";
import { columnLetter } from "../text";
import { STRATEGY_KEYS, type Analysis, type PartnerResult, type StrategyKey } from "../types";
import { buildChartSpec, type ChartSpecOptions } from "./spec";
import type { ChartSpec } from "./types";

/** First column of the chart data on the parameter sheet (H): the settings and summary use A–F. */
export const CHART_DATA_COLUMN = 7;
const CAPTION_ROW = 0;
const HEADER_ROW = 1;
const FIRST_DATA_ROW = 2;
const LINE_COLUMN = 0;
const THRESHOLD_COLUMN = 2;
const MOVEMENT_COLUMN = 4;
const PARTNER_COLUMN = 7;
const X_COLUMN = 8;
const FIRST_SERIES_COLUMN = 9;

export interface SeriesBinding {
  strategy: StrategyKey;
  /** Legend name at planning time; `nameCell` holds the live label (a user may rename it). */
  name: string;
  nameCell: string;
  /** Absolute references ('Partnerkaart'!$P$3:$P$27), one cell per register data row. */
  xValues: string;
  yValues: string;
}

/** Rows per movement segment in the helper range: from, to and the blank that ends the line. */
export const SEGMENT_ROWS = 3;

export interface ChartBinding {
  /** Same order and names as the ChartSpecs. */
  chartName: string;
  series: SeriesBinding[];
  /** Point i of every strategy series (and of `labels`) is register data row `pointRows[i]` (1-based sheet row). */
  pointRows: number[];
  /** The partner names, one cell per point (what the label cells below lie in). */
  labelColumn: string;
  /** The series that carries the name labels: every partner of the chart, whatever its strategy; null without partners. */
  labels: { name: string; xValues: string; yValues: string } | null;
  /** Indexes into pointRows of the points that carry a name label (the spec's label rule). */
  labelledPoints: number[];
  /** Per labelled point (same order): the cell with the partner's name, for its data label formula ("=" + cell). */
  labelCells: string[];
  line: { xValues: string; yValues: string };
  threshold: { xValues: string; yValues: string };
  /**
   * All movement segments as one series: segment k is points SEGMENT_ROWS·k (the partner's scores)
   * and SEGMENT_ROWS·k + 1 (its target columns), then a blank; null without movements.
   */
  movement: { name: string; xValues: string; yValues: string; segments: { row: number; partner: string; strategy: StrategyKey }[] } | null;
  /** The segments' ends, one point each, for the hollow target markers; null without movements. */
  targets: { name: string; xValues: string; yValues: string } | null;
  /**
   * The realised movement as one series like `movement`: segment k is the register's previous
   * scores (the live comparison's columns) and its current ones, then a blank; null without a
   * comparison in the plan or without partners that moved.
   */
  realised: { name: string; xValues: string; yValues: string; segments: { row: number; partner: string }[] } | null;
  /** Where the chart goes (top-left cell) and its size in points. */
  placement: { sheetName: string; anchorCell: string; row: number; column: number; width: number; height: number };
}

export interface ChartDataPlan {
  specs: ChartSpec[];
  blocks: PlanBlock[];
  bindings: ChartBinding[];
}

const text = (value: string): PlanCell => ({ kind: "text", value });
const formula = (f: string): PlanCell => ({ kind: "formula", formula: f });
const num = (value: number): PlanCell => ({ kind: "number", value });
const NA: PlanCell = { kind: "formula", formula: "=NA()" };
const EMPTY: PlanCell = { kind: "empty" };

/** Rows a chart spans on a sheet: about 20 pt per row. */
const ROW_POINTS = 20;

export function planChartData(analysis: Analysis, plan: WritePlan, options: ChartSpecOptions): ChartDataPlan {
  const specs = buildChartSpec(analysis, options);
  const data = new ChartData(analysis, plan, options, specs.length);
  data.writeLineThresholdAndPartners();
  const bindings = specs.map((spec, chartIndex) => data.chart(spec, chartIndex));
  data.block("movement-header", HEADER_ROW, MOVEMENT_COLUMN, [[text(t(options.language, "chart.movement")), EMPTY]], true);
  return { specs, blocks: data.blocks, bindings };
}

type PlannedKey = "influenceScore" | "dependencyScore" | "strategy" | "targetInfluence" | "targetDependency";

/** One chart data plan in the making: where its cells go, what they read, and the blocks so far. */
class ChartData {
  readonly blocks: PlanBlock[] = [];
  private readonly sheet: string;
  private readonly live: boolean;
  private readonly language: ChartSpecOptions["language"];
  /** Register rows with partners (chart data row FIRST_DATA_ROW + i holds register row firstDataRow + i). */
  private readonly n: number;
  /** Only values mode writes a row of cells per register row (formulas mode fills columns), and only it writes results. */
  private readonly registerRows: number[] = [];
  private readonly resultByRow: Map<number, PartnerResult> | null;
  private readonly columns: Record<PlannedKey, number> & { partner: number; goal: number | null };
  private readonly previousColumns: { influence: number; dependency: number } | null;
  private readonly seriesBlockWidth = STRATEGY_KEYS.length + 1;
  private readonly lastDataColumn: number;
  /** The next free row of the movement columns (advised, targets and realised of every chart). */
  private movementRow = FIRST_DATA_ROW;

  constructor(
    private readonly analysis: Analysis,
    private readonly plan: WritePlan,
    private readonly options: ChartSpecOptions,
    chartCount: number,
  ) {
    this.sheet = plan.parameterSheet;
    this.live = plan.mode === "formulas";
    this.language = options.language;
    this.n = Math.max(0, plan.lastDataRow - plan.firstDataRow + 1);
    if (!this.live) for (let r = plan.firstDataRow; r <= plan.lastDataRow; r++) this.registerRows.push(r);
    this.resultByRow = this.live ? null : new Map(analysis.rows.map((r) => [r.row - 1, r]));
    // Register cells after the plan's column action (new columns go right of the register, but an
    // insertion left of a user column would shift it).
    const inserted = insertedColumns(plan);
    const shift = (column: number) => (inserted && column >= inserted.at ? column + inserted.count : column);
    const planned = (key: PlannedKey) => {
      const column = plan.columns.find((c) => c.key === key)?.column;
      if (column === undefined) throw new Error(`The write plan has no ${key} column; the chart cannot be bound.`);
      return column;
    };
    this.columns = {
      partner: shift(analysis.mapping.partner!.column),
      goal: analysis.mapping.goal ? shift(analysis.mapping.goal.column) : null,
      influenceScore: planned("influenceScore"),
      dependencyScore: planned("dependencyScore"),
      strategy: planned("strategy"),
      targetInfluence: planned("targetInfluence"),
      targetDependency: planned("targetDependency"),
    };
    this.previousColumns = this.live ? previousScoreColumns(plan) : null;
    this.lastDataColumn = FIRST_SERIES_COLUMN + this.seriesBlockWidth * chartCount - 1;
  }

  block(id: string, row: number, column: number, cells: PlanCell[][], bold = false, formats: (string | null)[] | null = null): void {
    this.blocks.push({ id: `chart.${id}`, purpose: "parameters", sheetName: this.sheet, row, column: CHART_DATA_COLUMN + column, cells, columnNumberFormats: formats, bold });
  }

  /** Formula columns over the partners: one R1C1 formula per column, filled down (same text every row). */
  private fill(id: string, row: number, column: number, formulasR1C1: string[], formats: (string | null)[] | null = null): void {
    this.blocks.push({ kind: "fill", id: `chart.${id}`, purpose: "parameters", sheetName: this.sheet, row, column: CHART_DATA_COLUMN + column, rowCount: this.n, formulasR1C1, columnNumberFormats: formats, bold: false });
  }

  private cell(row: number, column: number): string {
    return absoluteReference(this.sheet, { row, column: CHART_DATA_COLUMN + column, rowCount: 1, columnCount: 1 });
  }

  private columnRange(column: number, first: number, count: number): string {
    return absoluteReference(this.sheet, { row: first, column: CHART_DATA_COLUMN + column, rowCount: count, columnCount: 1 });
  }

  private registerCell(row: number, column: number): string {
    return `${quoteSheetName(this.plan.registerSheet)}!$${columnLetter(column)}$${row + 1}`;
  }

  private registerRowCell(column: number): string {
    const rowOffset = this.plan.firstDataRow - FIRST_DATA_ROW;
    return `${quoteSheetName(this.plan.registerSheet)}!${rowOffset === 0 ? "R" : `R[${rowOffset}]`}C${column + 1}`;
  }

  /** The caption, the ambition line and threshold from the named parameter cells, and the partner table (name and dependency once). */
  writeLineThresholdAndPartners(): void {
    const { analysis, language, live, n } = this;
    this.block("caption", CAPTION_ROW, LINE_COLUMN, [[text(t(language, "chart.data.caption"))]], true);
    const pair = (a: string, b: string, valueA: number, valueB: number): PlanCell[] => (live ? [formula(`=${a}`), formula(`=${b}`)] : [num(valueA), num(valueB)]);
    this.block("line-header", HEADER_ROW, LINE_COLUMN, [[text(t(language, "chart.line")), EMPTY]], true);
    this.block("line", FIRST_DATA_ROW, LINE_COLUMN, [
      pair(P.dependencyMin, P.lineAtLowest, analysis.dependencyScale.min, analysis.line.atLowestDependency),
      pair(P.dependencyMax, P.lineAtHighest, analysis.dependencyScale.max, analysis.line.atHighestDependency),
    ]);
    this.block("threshold-header", HEADER_ROW, THRESHOLD_COLUMN, [[text(t(language, "chart.threshold")), EMPTY]], true);
    this.block("threshold", FIRST_DATA_ROW, THRESHOLD_COLUMN, [
      pair(P.highDependencyAbove, P.influenceMin, analysis.highDependencyAbove, analysis.influenceScale.min),
      pair(P.highDependencyAbove, P.influenceMax, analysis.highDependencyAbove, analysis.influenceScale.max),
    ]);
    this.block("partner-header", HEADER_ROW, PARTNER_COLUMN, [[text(t(language, "concept.partner")), text(t(language, "concept.dependency"))]], true);
    if (n > 0 && live) {
      const dependency = this.registerRowCell(this.columns.dependencyScore);
      // A formula in a "@" cell would be stored as text: General for both.
      this.fill("partners", FIRST_DATA_ROW, PARTNER_COLUMN, [`=${this.registerRowCell(this.columns.partner)}&""`, `=IF(ISNUMBER(${dependency}),${dependency},NA())`], ["General", "General"]);
    } else if (n > 0) {
      const rows = this.registerRows.map((r) => {
        const result = this.resultByRow?.get(r);
        return [text(result?.partner ?? ""), result?.dependency === undefined ? NA : num(result.dependency)];
      });
      // Names are constants here: kept as text.
      this.block("partners", FIRST_DATA_ROW, PARTNER_COLUMN, rows, false, ["@", "General"]);
    }
  }

  /** One chart's columns (a column per strategy, then the labels column) and arrows, and its binding. */
  chart(spec: ChartSpec, chartIndex: number): ChartBinding {
    const firstColumn = FIRST_SERIES_COLUMN + chartIndex * this.seriesBlockWidth;
    this.writeSeriesColumns(spec, chartIndex, firstColumn);
    const arrows = { ...this.writeAdvisedMovement(spec, chartIndex), realised: this.writeRealisedMovement(spec, chartIndex) };
    return this.binding(spec, chartIndex, firstColumn, arrows);
  }

  private writeSeriesColumns(spec: ChartSpec, chartIndex: number, firstColumn: number): void {
    const { language, live, n } = this;
    const perGoal = this.options.perGoal && this.columns.goal !== null;
    // Row 0 above the chart's columns: its goal (the criterion cell the series formulas read) or its name.
    this.block(`goal-${chartIndex}`, CAPTION_ROW, firstColumn, [[perGoal ? (spec.goal === null ? EMPTY : text(spec.goal)) : text(spec.name)]], true, ["@"]);
    const headers = [...STRATEGY_KEYS.map((k) => (live ? formula(`=${strategyLabelName(k)}`) : text(t(language, `strategy.${k}` as MessageKey)))), text(t(language, "chart.names"))];
    this.block(`series-header-${chartIndex}`, HEADER_ROW, firstColumn, [headers], true);
    if (n > 0 && live) {
      const influence = this.registerRowCell(this.columns.influenceScore);
      const criterion = `${quoteSheetName(this.sheet)}!R${CAPTION_ROW + 1}C${CHART_DATA_COLUMN + firstColumn + 1}`;
      const strategyConditions = [...STRATEGY_KEYS.map((k) => `${this.registerRowCell(this.columns.strategy)}=${strategyLabelName(k)}`), null];
      const formulas = strategyConditions.map((strategyCondition) => {
        const conditions = [`ISNUMBER(${influence})`];
        if (strategyCondition !== null) conditions.push(strategyCondition);
        if (perGoal) conditions.push(`TRIM(${this.registerRowCell(this.columns.goal!)}&"")=TRIM(${criterion}&"")`);
        return `=IFERROR(IF(${conditions.length === 1 ? conditions[0] : `AND(${conditions.join(",")})`},${influence},NA()),NA())`;
      });
      this.fill(`series-${chartIndex}`, FIRST_DATA_ROW, firstColumn, formulas);
    } else if (n > 0) {
      const inThisChart = new Set(spec.series.flatMap((s) => s.points.map((p) => p.row)));
      const rows = this.registerRows.map((r) => {
        const result = this.resultByRow?.get(r);
        const inChart = result !== undefined && inThisChart.has(result.row);
        return [...STRATEGY_KEYS.map((k) => (inChart && result!.strategy === k ? num(result!.influence) : NA)), inChart ? num(result!.influence) : NA];
      });
      this.block(`series-${chartIndex}`, FIRST_DATA_ROW, firstColumn, rows);
    }
  }

  /**
   * Movement segments: the partner's scores, its target columns, a blank row (a gap in the line);
   * then the targets again, one row each, for the target markers.
   */
  private writeAdvisedMovement(spec: ChartSpec, chartIndex: number): Pick<ChartBinding, "movement" | "targets"> {
    if (spec.movements.length === 0) return { movement: null, targets: null };
    const { columns } = this;
    const segmentCells = (m: ChartSpec["movements"][number]): PlanCell[][] => {
      const r = m.row - 1;
      return this.live
        ? [
            [formula(`=${this.registerCell(r, columns.dependencyScore)}`), formula(`=${this.registerCell(r, columns.influenceScore)}`)],
            [formula(`=${this.registerCell(r, columns.targetDependency)}`), formula(`=${this.registerCell(r, columns.targetInfluence)}`)],
          ]
        : [
            [num(m.from.x), num(m.from.y)],
            [num(m.to.x), num(m.to.y)],
          ];
    };
    const segments = spec.movements.flatMap((m, k) => (k === 0 ? segmentCells(m) : [[EMPTY, EMPTY], ...segmentCells(m)]));
    const movement = { name: spec.movementName, ...this.movementRows(`movement-${chartIndex}`, segments), segments: spec.movements.map((m) => ({ row: m.row, partner: m.partner, strategy: m.strategy })) };
    const targets = { name: spec.targetName, ...this.movementRows(`targets-${chartIndex}`, spec.movements.map((m) => segmentCells(m)[1])) };
    return { movement, targets };
  }

  /**
   * Realised movement: the previous scores the comparison columns compute, then the current
   * scores; formulas on the register, so a score edit or another comparison moves it.
   */
  private writeRealisedMovement(spec: ChartSpec, chartIndex: number): ChartBinding["realised"] {
    const previous = this.previousColumns;
    if (!previous || spec.realised.length === 0) return null;
    const { columns } = this;
    const realisedCells = (m: ChartSpec["realised"][number]): PlanCell[][] => [
      [formula(`=${this.registerCell(m.row - 1, previous.dependency)}`), formula(`=${this.registerCell(m.row - 1, previous.influence)}`)],
      [formula(`=${this.registerCell(m.row - 1, columns.dependencyScore)}`), formula(`=${this.registerCell(m.row - 1, columns.influenceScore)}`)],
    ];
    const rows = spec.realised.flatMap((m, k) => (k === 0 ? realisedCells(m) : [[EMPTY, EMPTY], ...realisedCells(m)]));
    return { name: spec.realisedName, ...this.movementRows(`realised-${chartIndex}`, rows), segments: spec.realised.map((m) => ({ row: m.row, partner: m.partner })) };
  }

  /** Rows in the movement columns, below those already taken: the block, and the series' ranges over it. */
  private movementRows(id: string, rows: PlanCell[][]): { xValues: string; yValues: string } {
    this.block(id, this.movementRow, MOVEMENT_COLUMN, rows);
    const ranges = { xValues: this.columnRange(MOVEMENT_COLUMN, this.movementRow, rows.length), yValues: this.columnRange(MOVEMENT_COLUMN + 1, this.movementRow, rows.length) };
    this.movementRow += rows.length;
    return ranges;
  }

  private binding(spec: ChartSpec, chartIndex: number, firstColumn: number, arrows: Pick<ChartBinding, "movement" | "targets" | "realised">): ChartBinding {
    const { n, plan, options } = this;
    let pointRows: number[] | undefined;
    // Point i is register row firstDataRow + i: labelled rows map straight to their index.
    const labelledPoints = spec.labelledRows.map((row) => row - 1 - plan.firstDataRow).filter((i) => i >= 0 && i < n);
    const onParameterSheet = options.placement === "parameter-sheet";
    const placementColumn = onParameterSheet ? CHART_DATA_COLUMN + this.lastDataColumn + 2 : rightmostRegisterColumn(plan) + 2;
    const baseRow = onParameterSheet ? HEADER_ROW : plan.headerRow;
    const data = (column: number) => (n > 0 ? this.columnRange(column, FIRST_DATA_ROW, n) : "");
    return {
      chartName: spec.name,
      series: STRATEGY_KEYS.map((k, i) => ({
        strategy: k,
        name: spec.series.find((s) => s.strategy === k)!.name,
        nameCell: this.cell(HEADER_ROW, firstColumn + i),
        xValues: data(X_COLUMN),
        yValues: data(firstColumn + i),
      })),
      // Built on first read: only the adapter's per-point marker sizes (and tests) need the list.
      get pointRows() {
        if (pointRows === undefined) {
          pointRows = [];
          for (let i = 0; i < n; i++) pointRows.push(plan.firstDataRow + i + 1);
        }
        return pointRows;
      },
      labelColumn: data(PARTNER_COLUMN),
      labels: n > 0 ? { name: t(this.language, "chart.names"), xValues: data(X_COLUMN), yValues: data(firstColumn + STRATEGY_KEYS.length) } : null,
      labelledPoints,
      labelCells: labelledPoints.map((i) => this.cell(FIRST_DATA_ROW + i, PARTNER_COLUMN)),
      line: { xValues: this.columnRange(LINE_COLUMN, FIRST_DATA_ROW, 2), yValues: this.columnRange(LINE_COLUMN + 1, FIRST_DATA_ROW, 2) },
      threshold: { xValues: this.columnRange(THRESHOLD_COLUMN, FIRST_DATA_ROW, 2), yValues: this.columnRange(THRESHOLD_COLUMN + 1, FIRST_DATA_ROW, 2) },
      ...arrows,
      placement: {
        sheetName: onParameterSheet ? this.sheet : plan.registerSheet,
        anchorCell: `${columnLetter(placementColumn)}${baseRow + chartIndex * chartRows(spec) + 1}`,
        row: baseRow + chartIndex * chartRows(spec),
        column: placementColumn,
        width: spec.width,
        height: spec.height,
      },
    };
  }
}

/** Sheet rows one chart covers, plus one blank row between stacked charts. */
function chartRows(spec: ChartSpec): number {
  return Math.ceil(spec.height / ROW_POINTS) + 1;
}

/**
 * The register columns (post-action) of the live comparison's previous influence and dependency,
 * found by our headers in the plan's header blocks; null when the plan carries no comparison.
 */
function previousScoreColumns(plan: WritePlan): { influence: number; dependency: number } | null {
  const influenceHeaders = ourComparisonHeaders("previousInfluence");
  const dependencyHeaders = ourComparisonHeaders("previousDependency");
  for (const block of plan.blocks) {
    if (block.kind === "fill" || block.sheetName !== plan.registerSheet || block.row !== plan.headerRow) continue;
    const headers = block.cells[0] ?? [];
    const at = (ours: string[]) => headers.findIndex((cell) => cell.kind === "text" && ours.includes(cell.value));
    const influence = at(influenceHeaders);
    const dependency = at(dependencyHeaders);
    if (influence >= 0 && dependency >= 0) return { influence: block.column + influence, dependency: block.column + dependency };
  }
  return null;
}

/** The rightmost column the plan writes on the register sheet: our columns and any block beside them (a comparison's). */
function rightmostRegisterColumn(plan: WritePlan): number {
  const blockEnds = plan.blocks
    .filter((block) => block.sheetName === plan.registerSheet)
    .map((block) => block.column + (block.kind === "fill" ? block.formulasR1C1.length : (block.cells[0]?.length ?? 1)) - 1);
  return Math.max(...plan.columns.map((c) => c.column), ...blockEnds);
}
