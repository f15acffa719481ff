/**
 * The native partner chart: an XY scatter chart (ExcelApi 1.8 APIs) bound to the helper ranges
 * that src/core/chart/plan-data.ts puts on the parameter sheet, so Excel itself moves a partner to
 * another strategy series, and the ambition line with the named parameters, without the add-in.
 *
 * Series: the ambition line and the threshold (two points each, a line chart type), one per
 * strategy (partners of other strategies are #N/A there, which a scatter series skips), all
 * movement segments as one line series over a helper range with a blank row between segments
 * (shown as gaps), their targets as hollow markers, with a comparison the realised movement the
 * same way (dashed), and one marker-less series over every partner
 * that carries the name labels, each linked to its name cell. Marker sizes by subsidy are point
 * marker sizes on a scatter chart: a bubble chart cannot be combined with the line series.
 *
 * Series names cannot be linked to cells through the API: the strategy series take the labels
 * the parameter sheet holds when the chart is drawn (a re-apply picks up a renamed strategy).
 *
 * No syncs of its own: the lookups and writes ride in applyPlan's batches (see chartExtension). A
 * re-run replaces the chart under the same name at the place and size the user gave it, so no
 * second chart appears and nothing stale of the old one remains.
 */
import { type ChartBinding, CHART_COLORS, DEFAULT_MARKER_SIZE, type ChartSpec, type MarkerShape } from "../core/chart";
import type { StrategyKey } from "../core/types";
import { WorkbookObjects } from "./objects";
import { sheetOfAddress } from "./sync";

export type { ChartBinding };

export interface ChartDrawOptions {
  /** Charts with more points than this get no per-point marker sizes (request size). */
  maxSizedPoints?: number;
  /** The apply's sheet and range objects: a series over the helper cells reuses the range that wrote them. */
  objects?: WorkbookObjects;
}

const MARKER_STYLES: Record<MarkerShape, Excel.ChartMarkerStyle | "Circle" | "Square" | "Triangle" | "Diamond" | "X"> = {
  circle: "Circle",
  square: "Square",
  triangle: "Triangle",
  diamond: "Diamond",
  x: "X",
};

const DEFAULT_MAX_SIZED_POINTS = 1000;
const TEMPORARY_PREFIX = "PK_tmp_chart_";

/**
 * Charts as an extension of applyPlan's batches, so an apply with charts takes no extra syncs:
 * `queueLookups` rides in the structure sync (after new sheets exist), `queueWrites` at the end of
 * the write sync, `queueRollback` in the rollback's inspection sync.
 */
export interface ChartExtension {
  names: string[];
  /** Rough request bytes of queueWrites (a chart is a few hundred small operations at most). */
  estimatedBytes: number;
  queueLookups(): void;
  queueWrites(): void;
  queueRollback(): () => void;
}

export function chartExtension(context: Excel.RequestContext, specs: ChartSpec[], bindings: ChartBinding[], options: ChartDrawOptions = {}): ChartExtension {
  const workbook = context.workbook;
  const maxSizedPoints = options.maxSizedPoints ?? DEFAULT_MAX_SIZED_POINTS;
  const pairs = bindings.map((binding) => {
    const spec = specs.find((s) => s.name === binding.chartName);
    if (!spec) throw new Error(`No chart specification for chart "${binding.chartName}"`);
    return { spec, binding };
  });
  const sheetNames = [...new Set(pairs.map(({ binding }) => binding.placement.sheetName))];
  let existing: ExistingChart[][] = [];
  let labelCells: LabelCells | null = null;
  // One worksheet object per sheet, and one range object per range, for the whole apply: each
  // lookup costs the request an object path and an action.
  const objects = options.objects ?? new WorkbookObjects(workbook);
  const sheetOf = (name: string) => objects.sheet(name);

  return {
    names: pairs.map(({ binding }) => binding.chartName),
    estimatedBytes: estimateChartBytes(pairs, maxSizedPoints),

    queueLookups() {
      existing = queueExistingCharts(pairs, sheetNames, sheetOf);
      labelCells = queueLabelCells(pairs, sheetOf);
    },

    queueWrites() {
      queueChartWrites(objects, pairs, existing, maxSizedPoints, currentLabels(labelCells));
    },

    queueRollback() {
      const proxies = pairs.flatMap((_, index) =>
        sheetNames.map((sheetName) => {
          const proxy = workbook.worksheets.getItemOrNullObject(sheetName).charts.getItemOrNullObject(`${TEMPORARY_PREFIX}${index}`);
          proxy.load("name");
          return proxy;
        }),
      );
      return () => {
        for (const proxy of proxies) if (!proxy.isNullObject) proxy.delete();
      };
    },
  };
}

type ChartPair = { spec: ChartSpec; binding: ChartBinding };
type ExistingChart = { sheetName: string; chart: Excel.Chart };
type LabelCells = { strategies: StrategyKey[]; range: Excel.Range };

/**
 * Request bytes, a little above what the real Office.js runtime sends (test/excel-double/real-runtime.test.ts):
 * about 130 bytes per object path and 110 per property write or call, so ~4 KB for the chart itself,
 * ~1.5 KB per series (its two ranges, type and markers) and ~550 bytes per cell-linked label.
 */
function estimateChartBytes(pairs: ChartPair[], maxSizedPoints: number): number {
  return pairs.reduce((sum, { spec, binding }) => {
    const sizedPoints = spec.sizeBySubsidy && binding.pointRows.length <= maxSizedPoints ? binding.pointRows.length : 0;
    return sum + 4000 + (binding.series.length + 5 + (binding.realised ? 1 : 0)) * 1500 + sizedPoints * binding.series.length * 2 * 240 + binding.labelledPoints.length * 600;
  }, 0);
}

/** Charts of the same names on either placement sheet: a re-run replaces them. */
function queueExistingCharts(pairs: ChartPair[], sheetNames: string[], sheetOf: (name: string) => Excel.Worksheet): ExistingChart[][] {
  return pairs.map(({ binding }) =>
    sheetNames.map((sheetName) => {
      const chart = sheetOf(sheetName).charts.getItemOrNullObject(binding.chartName);
      chart.load("name,top,left,width,height");
      return { sheetName, chart };
    }),
  );
}

/**
 * The strategy labels as the parameter sheet shows them now, in the series headers of the
 * chart data (=PK_Label_… in live mode; a user may have renamed a label, which the write
 * keeps): legend names cannot be linked to cells. The sheet exists by now (a new one is
 * added earlier in this batch, empty), so no lookup here can fail or meet a null object.
 */
function queueLabelCells(pairs: ChartPair[], sheetOf: (name: string) => Excel.Worksheet): LabelCells | null {
  const first = pairs[0]?.binding.series;
  if (!first || first.length === 0) return null;
  const sheetName = sheetOfAddress(first[0].nameCell)!;
  const local = (reference: string) => reference.slice(reference.lastIndexOf("!") + 1).replace(/\$/g, "");
  const range = sheetOf(sheetName).getRange(`${local(first[0].nameCell)}:${local(first[first.length - 1].nameCell)}`);
  range.load("values");
  return { strategies: first.map((s) => s.strategy), range };
}

/**
 * New charts are built under temporary names; the old ones are deleted and the names taken
 * over only at the very end of the batch, so a failure before leaves the old chart in place.
 */
function queueChartWrites(objects: WorkbookObjects, pairs: ChartPair[], existing: ExistingChart[][], maxSizedPoints: number, labels: Map<StrategyKey, string>): void {
  const replaced: Excel.Chart[] = [];
  const created: Excel.Chart[] = [];
  pairs.forEach(({ spec, binding }, index) => {
    const found = (existing[index] ?? []).filter((e) => !e.chart.isNullObject);
    const keep = found.find((e) => e.sheetName === binding.placement.sheetName)?.chart ?? null;
    replaced.push(...found.map((f) => f.chart));
    const chart = buildChart(objects, spec, binding, `${TEMPORARY_PREFIX}${index}`, maxSizedPoints, labels);
    if (keep) {
      // Keep the place and size the user gave the chart.
      chart.top = keep.top;
      chart.left = keep.left;
      chart.width = keep.width;
      chart.height = keep.height;
    }
    created.push(chart);
  });
  for (const old of replaced) old.delete();
  created.forEach((chart, index) => {
    chart.name = pairs[index].binding.chartName;
  });
}

/** The strategy labels the lookups found (a re-apply); empty on a first apply, whose header cells are empty. */
function currentLabels(cells: { strategies: StrategyKey[]; range: Excel.Range } | null): Map<StrategyKey, string> {
  const labels = new Map<StrategyKey, string>();
  const values = cells?.range.values?.[0] ?? [];
  cells?.strategies.forEach((strategy, i) => {
    const value = values[i];
    if (typeof value === "string" && value.trim() !== "") labels.set(strategy, value);
    else if (typeof value === "number") labels.set(strategy, String(value));
  });
  return labels;
}


function buildChart(objects: WorkbookObjects, spec: ChartSpec, binding: ChartBinding, name: string, maxSizedPoints: number, labels: Map<StrategyKey, string>): Excel.Chart {
  const rangeOf = (reference: string) => objects.rangeAt(reference);
  const sheet = objects.sheet(binding.placement.sheetName);
  // The source range (the line's two y values) gives the chart exactly one series: the line.
  const chart = sheet.charts.add("XYScatter", rangeOf(binding.line.yValues), "Columns");
  chart.name = name;
  chart.setPosition(binding.placement.anchorCell);
  chart.width = binding.placement.width;
  chart.height = binding.placement.height;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  chart.legend.visible = true;
  // The blank row after each movement segment ends its line.
  chart.displayBlanksAs = "NotPlotted";
  configureAxis(chart.axes.categoryAxis, spec.xAxis);
  configureAxis(chart.axes.valueAxis, spec.yAxis);

  const line = chart.series.getItemAt(0);
  line.name = spec.line.name;
  line.setXAxisValues(rangeOf(binding.line.xValues));
  line.setValues(rangeOf(binding.line.yValues));
  lineSeries(line, spec.line.color, 2);

  addStrategySeries(chart, spec, binding, rangeOf, maxSizedPoints, labels);

  const threshold = chart.series.add(spec.threshold.name);
  threshold.setXAxisValues(rangeOf(binding.threshold.xValues));
  threshold.setValues(rangeOf(binding.threshold.yValues));
  lineSeries(threshold, spec.threshold.color, 1.5);
  threshold.format.line.lineStyle = "Dash";

  if (binding.movement && binding.targets) addMovementSeries(chart, binding.movement, binding.targets, rangeOf);
  if (binding.realised) addRealised(chart, binding.realised, rangeOf);
  if (binding.labels && binding.labelledPoints.length > 0) addNameLabels(chart, binding, binding.labels, rangeOf);
  return chart;
}

type RangeOf = (reference: string) => Excel.Range;
type SeriesCells = { name: string; xValues: string; yValues: string };

/** Lines are a line chart type of their own, not line formatting on a markers-only scatter. */
function lineSeries(series: Excel.ChartSeries, color: string, weight: number): void {
  series.chartType = "XYScatterLinesNoMarkers";
  series.format.line.color = color;
  series.format.line.weight = weight;
}

/** Series added to an XYScatter chart take its type: markers, no line (no line format to send). */
function addStrategySeries(chart: Excel.Chart, spec: ChartSpec, binding: ChartBinding, rangeOf: RangeOf, maxSizedPoints: number, labels: Map<StrategyKey, string>): void {
  const sizePoints = spec.sizeBySubsidy && binding.pointRows.length <= maxSizedPoints;
  // The spec's point objects are built only when sizes are set one by one.
  const sizeByRow = new Map<number, number>();
  if (sizePoints) for (const series of spec.series) for (const point of series.points) sizeByRow.set(point.row, point.markerSize);

  for (const seriesBinding of binding.series) {
    const style = spec.series.find((s) => s.strategy === seriesBinding.strategy)!;
    const series = chart.series.add(labels.get(seriesBinding.strategy) ?? style.name);
    if (seriesBinding.xValues !== "") {
      series.setXAxisValues(rangeOf(seriesBinding.xValues));
      series.setValues(rangeOf(seriesBinding.yValues));
    }
    series.markerStyle = MARKER_STYLES[style.marker] as Excel.ChartMarkerStyle;
    series.markerBackgroundColor = style.color;
    series.markerForegroundColor = style.color;
    series.markerSize = DEFAULT_MARKER_SIZE;
    if (sizePoints) {
      binding.pointRows.forEach((row, i) => {
        const size = sizeByRow.get(row);
        if (size !== undefined) series.points.getItemAt(i).markerSize = clampMarker(size);
      });
    }
  }
}

/** One series for every arrow (one colour: the API has no per-segment line format). */
function addMovementSeries(chart: Excel.Chart, movementCells: SeriesCells, targetCells: SeriesCells, rangeOf: RangeOf): void {
  const movement = chart.series.add(movementCells.name);
  movement.setXAxisValues(rangeOf(movementCells.xValues));
  movement.setValues(rangeOf(movementCells.yValues));
  lineSeries(movement, CHART_COLORS.mutedText, 1.25);
  // No arrowheads in the API: each target gets a hollow marker instead.
  const targets = chart.series.add(targetCells.name);
  targets.setXAxisValues(rangeOf(targetCells.xValues));
  targets.setValues(rangeOf(targetCells.yValues));
  targets.markerStyle = "Circle";
  targets.markerSize = 7;
  targets.markerBackgroundColor = "#FFFFFF";
  targets.markerForegroundColor = CHART_COLORS.mutedText;
}

/**
 * Every partner of the chart, no marker, no line: each labelled partner's name once, at its
 * point whatever strategy series Excel puts it in.
 */
function addNameLabels(chart: Excel.Chart, binding: ChartBinding, labelSeries: SeriesCells, rangeOf: RangeOf): void {
  const names = chart.series.add(labelSeries.name);
  names.setXAxisValues(rangeOf(labelSeries.xValues));
  names.setValues(rangeOf(labelSeries.yValues));
  names.markerStyle = "None";
  binding.labelledPoints.forEach((i, k) => {
    const point = names.points.getItemAt(i);
    point.hasDataLabel = true;
    point.dataLabel.formula = `=${binding.labelCells[k]}`;
  });
}

/** The realised movement, told apart from the advised one without colour: dashed and heavier (that one is solid and thin). */
function addRealised(chart: Excel.Chart, realised: NonNullable<ChartBinding["realised"]>, rangeOf: RangeOf): void {
  const series = chart.series.add(realised.name);
  series.setXAxisValues(rangeOf(realised.xValues));
  series.setValues(rangeOf(realised.yValues));
  series.chartType = "XYScatterLinesNoMarkers";
  series.format.line.color = CHART_COLORS.realised;
  series.format.line.weight = 2.25;
  series.format.line.lineStyle = "Dash";
}

function configureAxis(axis: Excel.ChartAxis, spec: ChartSpec["xAxis"]): void {
  axis.minimum = spec.min;
  axis.maximum = spec.max;
  axis.majorUnit = spec.majorUnit;
  axis.title.text = spec.title;
}

function clampMarker(size: number): number {
  return Math.min(72, Math.max(2, Math.round(size)));
}

