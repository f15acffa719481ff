/**
 * The native partner chart: an XY scatter chart (ExcelApi 1.8 APIs) bound to the helper ranges
 * that src/core/chart/plan-data.ts puts on the parameter sheet, so Excel itself moves a partner to
 * another strategy series, and the ambition line with the named parameters, without the add-in.
 *
 * Series: one per strategy (partners of other strategies are #N/A there, which a scatter series
 * skips), the ambition line (two points), the threshold (two points, dashed), and one two-point
 * segment per movement with a hollow marker on the target. Marker sizes by subsidy are point
 * marker sizes on a scatter chart: a bubble chart cannot be combined with the line series.
 *
 * No syncs of its own: the lookups and writes ride in applyPlan's batches (see chartExtension). A
 * re-run replaces the chart under the same name at the place and size the user gave it. A re-run replaces the chart under the same name at the place and size the user
 * gave it, so no second chart appears and nothing stale of the old one remains.
 */
import type { ChartBinding } from "../core/chart/plan-data";
import { DEFAULT_MARKER_SIZE, type ChartSpec, type MarkerShape } from "../core/chart";
import { sheetOfAddress } from "./sync";

export type { ChartBinding };

export interface ChartDrawOptions {
  /** Charts with more points than this get no per-point marker sizes (request size). */
  maxSizedPoints?: number;
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
  let existing: { sheetName: string; chart: Excel.Chart }[][] = [];

  const estimatedBytes = pairs.reduce((sum, { spec, binding }) => {
    const seriesCount = binding.series.length + 2 + binding.movements.length;
    const pointOps = binding.series.length * (binding.labelledPoints.length * 3 + (spec.sizeBySubsidy && binding.pointRows.length <= maxSizedPoints ? binding.pointRows.length : 0));
    return sum + 4000 + seriesCount * 1500 + pointOps * 300;
  }, 0);

  return {
    names: pairs.map(({ binding }) => binding.chartName),
    estimatedBytes,

    queueLookups() {
      // Charts of the same names on either placement sheet: a re-run replaces them.
      existing = pairs.map(({ binding }) =>
        sheetNames.map((sheetName) => {
          const chart = workbook.worksheets.getItem(sheetName).charts.getItemOrNullObject(binding.chartName);
          chart.load("name,top,left,width,height");
          return { sheetName, chart };
        }),
      );
    },

    queueWrites() {
      // New charts are built under temporary names; the old ones are deleted and the names taken
      // over only at the very end of the batch, so a failure before leaves the old chart in place.
      const replaced: Excel.Chart[] = [];
      const created: Excel.Chart[] = [];
      pairs.forEach(({ spec, binding }, index) => {
        const found = (existing[index] ?? []).filter((e) => !e.chart.isNullObject);
        const keep = found.find((e) => e.sheetName === binding.placement.sheetName)?.chart ?? null;
        replaced.push(...found.map((f) => f.chart));
        const chart = buildChart(workbook, spec, binding, `${TEMPORARY_PREFIX}${index}`, maxSizedPoints);
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

function buildChart(workbook: Excel.Workbook, spec: ChartSpec, binding: ChartBinding, name: string, maxSizedPoints: number): Excel.Chart {
  const sheet = workbook.worksheets.getItem(binding.placement.sheetName);
  // The source range (the line's two y values) gives the chart exactly one series: the line.
  const chart = sheet.charts.add("XYScatter", rangeOf(workbook, binding.line.yValues), "Columns");
  chart.name = name;
  chart.setPosition(binding.placement.anchorCell);
  chart.width = binding.placement.width;
  chart.height = binding.placement.height;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  chart.legend.visible = true;
  configureAxis(chart.axes.categoryAxis, spec.xAxis);
  configureAxis(chart.axes.valueAxis, spec.yAxis);

  const line = chart.series.getItemAt(0);
  line.name = spec.line.name;
  line.setXAxisValues(rangeOf(workbook, binding.line.xValues));
  line.setValues(rangeOf(workbook, binding.line.yValues));
  line.markerStyle = "None";
  line.format.line.lineStyle = "Continuous";
  line.format.line.color = spec.line.color;
  line.format.line.weight = 2;

  const sizePoints = spec.sizeBySubsidy && binding.pointRows.length <= maxSizedPoints;
  // The spec's point objects are built only when sizes are set one by one.
  const sizeByRow = new Map<number, number>();
  if (sizePoints) for (const series of spec.series) for (const point of series.points) sizeByRow.set(point.row, point.markerSize);

  for (const seriesBinding of binding.series) {
    const style = spec.series.find((s) => s.strategy === seriesBinding.strategy)!;
    const series = chart.series.add(style.name);
    if (seriesBinding.xValues !== "") {
      series.setXAxisValues(rangeOf(workbook, seriesBinding.xValues));
      series.setValues(rangeOf(workbook, seriesBinding.yValues));
    }
    series.markerStyle = MARKER_STYLES[style.marker] as Excel.ChartMarkerStyle;
    series.markerBackgroundColor = style.color;
    series.markerForegroundColor = style.color;
    series.markerSize = DEFAULT_MARKER_SIZE;
    series.format.line.lineStyle = "None";
    if (sizePoints) {
      binding.pointRows.forEach((row, i) => {
        const size = sizeByRow.get(row);
        if (size !== undefined) series.points.getItemAt(i).markerSize = clampMarker(size);
      });
    }
    // A label on the point in every strategy series: only the series that plots the partner now
    // shows it (#N/A points are not drawn), and it follows when Excel moves the partner.
    binding.labelledPoints.forEach((i, k) => {
      const point = series.points.getItemAt(i);
      point.hasDataLabel = true;
      point.dataLabel.formula = `=${binding.labelCells[k]}`;
    });
  }

  const threshold = chart.series.add(spec.threshold.name);
  threshold.setXAxisValues(rangeOf(workbook, binding.threshold.xValues));
  threshold.setValues(rangeOf(workbook, binding.threshold.yValues));
  threshold.markerStyle = "None";
  threshold.format.line.lineStyle = "Dash";
  threshold.format.line.color = spec.threshold.color;
  threshold.format.line.weight = 1.5;

  binding.movements.forEach((movement, i) => {
    const color = spec.movements.find((m) => m.row === movement.row)?.color ?? spec.line.color;
    const segment = chart.series.add(i === 0 ? spec.movementName : `${spec.movementName} – ${movement.partner}`);
    segment.setXAxisValues(rangeOf(workbook, movement.xValues));
    segment.setValues(rangeOf(workbook, movement.yValues));
    segment.format.line.lineStyle = "Continuous";
    segment.format.line.color = color;
    segment.format.line.weight = 1.25;
    segment.markerStyle = "None";
    // No arrowheads in the API: the target gets its own hollow marker instead.
    const target = segment.points.getItemAt(1);
    target.markerStyle = "Circle";
    target.markerSize = 7;
    target.markerBackgroundColor = "#FFFFFF";
    target.markerForegroundColor = color;
  });
  return chart;
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

/** A range from an absolute reference such as "'Partnerkaart'!$P$3:$P$27". */
function rangeOf(workbook: Excel.Workbook, reference: string): Excel.Range {
  const sheetName = sheetOfAddress(reference);
  if (!sheetName) throw new Error(`Reference without a sheet: ${reference}`);
  const local = reference.slice(reference.lastIndexOf("!") + 1).replace(/\$/g, "");
  return workbook.worksheets.getItem(sheetName).getRange(local);
}
