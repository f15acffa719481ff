/**
 * renderChartSvg: the chart specification as a standalone SVG document (CLI output, task-pane
 * preview). Pure string building: no DOM, so it runs in Node and in the pane alike.
 */
import { t } from "../i18n";
import { CHART_COLORS } from "./palette";
import { placeLabels, type Box, type LabelRequest } from "./placement";
import { formatNumber } from "./spec";
import { escapeXml, estimateTextWidth, wrapText } from "./text";
import { marker, ticks, type Geometry } from "./svg-marks";
import type { ChartPoint, ChartSpec } from "./types";

export { marker, ticks, type Geometry } from "./svg-marks";

export interface SvgOptions {
  /** Pixel size; default: the spec's size in points converted to px (4/3). */
  width?: number;
  height?: number;
  /** Prefix for element ids, so several charts can live in one page. */
  idPrefix?: string;
  fontFamily?: string;
}

const PX_PER_PT = 4 / 3;
const LABEL_FONT = 11;
const LABEL_LINE = 13;
const LABEL_MAX_WIDTH = 150;


function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Where everything sits: the pixel size, the plot and its scales. */
interface Frame {
  width: number;
  height: number;
  id: string;
  plot: Box;
  geo: Geometry;
  px: (x: number) => number;
  py: (y: number) => number;
}

const radiusOf = (p: Pick<ChartPoint, "markerSize">) => (p.markerSize * PX_PER_PT) / 2;

export function renderChartSvg(spec: ChartSpec, options: SvgOptions = {}): string {
  const frame = frameOf(spec, options);
  const points = spec.series.flatMap((s) => s.points);
  // What labels must avoid, filled as the marks are drawn: markers (and target markers), arrows.
  const markerBoxes: Box[] = [];
  const arrowBoxes: Box[] = [];
  const out = [...opening(spec, frame, options.fontFamily ?? "'Segoe UI', 'DejaVu Sans', Arial, Helvetica, sans-serif"), ...plotArea(spec, frame), ...thresholdAndLine(spec, frame)];
  if (spec.movements.length > 0) out.push(...advisedMovements(spec, frame, points, markerBoxes, arrowBoxes));
  if (spec.realised.length > 0) out.push(realisedMovements(spec, frame.id, frame.px, frame.py, points, radiusOf, arrowBoxes));
  out.push(...markers(spec, frame, markerBoxes));
  const labelled = labels(spec, frame, points, markerBoxes, arrowBoxes);
  out.push(...labelled.out, ...axisTitles(spec, frame), legend(spec, frame.id, frame.plot.x + frame.plot.width + 24, frame.plot.y), ...notices(spec, frame, labelled.unplaced), `</svg>`);
  return out.join("\n");
}

function frameOf(spec: ChartSpec, options: SvgOptions): Frame {
  const width = options.width ?? Math.round(spec.width * PX_PER_PT);
  const height = options.height ?? Math.round(spec.height * PX_PER_PT);
  const legendWidth = Math.min(320, Math.max(170, ...legendTexts(spec).map((text) => estimateTextWidth(text, 12) + 34)));
  const plot: Box = { x: 78, y: 76, width: width - 78 - legendWidth - 36, height: height - 76 - 96 };
  const xPad = (spec.xAxis.max - spec.xAxis.min) * 0.04 || 0.5;
  const yPad = (spec.yAxis.max - spec.yAxis.min) * 0.04 || 0.5;
  const geo: Geometry = { plot, xMin: spec.xAxis.min - xPad, xMax: spec.xAxis.max + xPad, yMin: spec.yAxis.min - yPad, yMax: spec.yAxis.max + yPad };
  const px = (x: number) => plot.x + ((x - geo.xMin) / (geo.xMax - geo.xMin)) * plot.width;
  const py = (y: number) => plot.y + plot.height - ((y - geo.yMin) / (geo.yMax - geo.yMin)) * plot.height;
  return { width, height, id: options.idPrefix ?? "pk", plot, geo, px, py };
}

/** The svg element, its accessible title and description, the defs, the background and the titles. */
function opening(spec: ChartSpec, { width, height, id, plot }: Frame, font: string): string[] {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descId}" font-family="${escapeXml(font)}" data-chart-name="${escapeXml(spec.name)}">`,
    `<title id="${titleId}">${escapeXml(spec.title)}</title>`,
    `<desc id="${descId}">${escapeXml(describe(spec))}</desc>`,
    defs(spec, id, plot),
    `<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<text class="chart-title" x="${plot.x - 50}" y="32" font-size="19" font-weight="600" fill="${CHART_COLORS.text}">${escapeXml(spec.title)}</text>`,
    `<text class="chart-subtitle" x="${plot.x - 50}" y="54" font-size="13" fill="${CHART_COLORS.mutedText}">${escapeXml(spec.subtitle)}</text>`,
  ];
}

/** Plot background, tint below the ambition line, grid and axes. */
function plotArea(spec: ChartSpec, { id, plot, geo, px, py }: Frame): string[] {
  const lineAt = (x: number) => spec.line.from.y + ((x - spec.line.from.x) / (spec.line.to.x - spec.line.from.x || 1)) * (spec.line.to.y - spec.line.from.y);
  const below = [
    [px(geo.xMin), py(lineAt(geo.xMin))],
    [px(geo.xMax), py(lineAt(geo.xMax))],
    [px(geo.xMax), py(geo.yMin)],
    [px(geo.xMin), py(geo.yMin)],
  ];
  return [
    `<g class="plot-area" data-x="${plot.x}" data-y="${plot.y}" data-width="${plot.width}" data-height="${plot.height}">`,
    `<rect class="plot-background" x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}" fill="#FFFFFF" stroke="${CHART_COLORS.grid}"/>`,
    `<polygon class="below-line-area" clip-path="url(#${id}-clip)" fill="${CHART_COLORS.belowLineTint}" points="${below.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(" ")}"/>`,
    ...ticks(spec, geo, px, py),
    `</g>`,
  ];
}

/** The threshold with its caption, and the ambition line. */
function thresholdAndLine(spec: ChartSpec, { plot, px, py }: Frame): string[] {
  const thresholdX = px(spec.threshold.x);
  return [
    `<g class="threshold" data-value="${spec.threshold.x}"><line x1="${fmt(thresholdX)}" y1="${fmt(py(spec.threshold.yFrom))}" x2="${fmt(thresholdX)}" y2="${fmt(py(spec.threshold.yTo))}" stroke="${spec.threshold.color}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
      `<text x="${fmt(thresholdX + 5)}" y="${plot.y + 14}" font-size="11" fill="${CHART_COLORS.mutedText}">${escapeXml(spec.threshold.name)} →</text></g>`,
    `<line class="ambition-line" data-x1="${spec.line.from.x}" data-y1="${spec.line.from.y}" data-x2="${spec.line.to.x}" data-y2="${spec.line.to.y}" x1="${fmt(px(spec.line.from.x))}" y1="${fmt(py(spec.line.from.y))}" x2="${fmt(px(spec.line.to.x))}" y2="${fmt(py(spec.line.to.y))}" stroke="${spec.line.color}" stroke-width="2.5" stroke-linecap="round"/>`,
  ];
}

/** Advised movement arrows under the markers, each with a hollow target marker. */
function advisedMovements(spec: ChartSpec, { id, px, py }: Frame, points: ChartPoint[], markerBoxes: Box[], arrowBoxes: Box[]): string[] {
  const out = [`<g class="movements">`];
  for (const m of spec.movements) {
    const { x1, y1, x2, y2, length } = pixelSegment(m, px, py);
    const source = points.find((p) => p.row === m.row);
    const startGap = source ? radiusOf(source) + 1 : 5;
    const endGap = 7;
    const style = spec.series.find((s) => s.strategy === m.strategy)!;
    out.push(`<g class="movement" data-row="${m.row}" data-strategy="${m.strategy}"><title>${escapeXml(`${m.partner}: ${spec.movementName.toLowerCase()}`)}</title>`);
    if (length > startGap + endGap + 4) {
      const ux = (x2 - x1) / length;
      const uy = (y2 - y1) / length;
      out.push(
        `<line x1="${fmt(x1 + ux * startGap)}" y1="${fmt(y1 + uy * startGap)}" x2="${fmt(x2 - ux * endGap)}" y2="${fmt(y2 - uy * endGap)}" stroke="${m.color}" stroke-width="1.6" stroke-opacity="0.85" marker-end="url(#${id}-arrow-${m.strategy})"/>`,
      );
    }
    out.push(`<g class="target-marker" data-x="${m.to.x}" data-y="${m.to.y}">${marker(style.marker, x2, y2, 5, m.color, true)}</g></g>`);
    markerBoxes.push({ x: x2 - 6, y: y2 - 6, width: 12, height: 12 });
    arrowBoxes.push(...segmentBoxes(x1, y1, x2, y2, 3));
  }
  out.push(`</g>`);
  return out;
}

/** Markers: big ones first so small ones stay visible on top. */
function markers(spec: ChartSpec, { px, py }: Frame, markerBoxes: Box[]): string[] {
  const out = [`<g class="points">`];
  const drawOrder = spec.series.flatMap((s) => s.points.map((p) => ({ p, s }))).sort((a, b) => b.p.markerSize - a.p.markerSize || a.p.row - b.p.row);
  for (const { p, s } of drawOrder) {
    const cx = px(p.x);
    const cy = py(p.y);
    const r = radiusOf(p);
    markerBoxes.push({ x: cx - r, y: cy - r, width: 2 * r, height: 2 * r });
    const subsidy = p.subsidy !== null ? ` · € ${p.subsidy.toLocaleString(spec.language === "nl" ? "nl-NL" : "en-GB")}` : "";
    out.push(
      `<g class="point" data-row="${p.row}" data-strategy="${p.strategy}" data-x="${p.x}" data-y="${p.y}"><title>${escapeXml(`${p.partner} — ${s.name} (${formatNumber(p.x)}, ${formatNumber(p.y)})${subsidy}`)}</title>${marker(s.marker, cx, cy, r, s.color, false)}</g>`,
    );
  }
  out.push(`</g>`);
  return out;
}

/** Partner names placed clear of markers, the threshold caption, lines and arrows where they fit. */
function labels(spec: ChartSpec, { plot, px, py }: Frame, points: ChartPoint[], markerBoxes: Box[], arrowBoxes: Box[]): { out: string[]; unplaced: number } {
  const labelled = points.filter((p) => p.labelled);
  const wrapped = labelled.map((p) => wrapText(p.partner, LABEL_FONT, LABEL_MAX_WIDTH, 2));
  const requests: LabelRequest[] = labelled.map((p, i) => ({
    id: i,
    cx: px(p.x),
    cy: py(p.y),
    radius: radiusOf(p),
    width: Math.ceil(Math.max(...wrapped[i].map((line) => estimateTextWidth(line, LABEL_FONT)))) + 2,
    height: wrapped[i].length * LABEL_LINE + 2,
  }));
  const thresholdX = px(spec.threshold.x);
  const thresholdLabel: Box = { x: thresholdX, y: plot.y, width: estimateTextWidth(`${spec.threshold.name} →`, 11) + 10, height: 18 };
  const lineBoxes = [
    ...segmentBoxes(px(spec.line.from.x), py(spec.line.from.y), px(spec.line.to.x), py(spec.line.to.y), 2),
    ...segmentBoxes(thresholdX, py(spec.threshold.yFrom), thresholdX, py(spec.threshold.yTo), 1),
  ];
  // Lines and arrows may be crossed when nothing else fits (the label's white halo keeps it legible).
  const { placed, unplaced } = placeLabels(requests, markerBoxes, plot, [thresholdLabel], [...lineBoxes, ...arrowBoxes]);
  const out = [`<g class="labels" data-unplaced="${unplaced.length}">`];
  for (const label of placed) out.push(labelSvg(label, labelled[label.id], requests[label.id], wrapped[label.id]));
  out.push(`</g>`);
  return { out, unplaced: unplaced.length };
}

function labelSvg(label: { box: Box; leader: boolean }, p: ChartPoint, req: LabelRequest, wrapped: string[]): string {
  const box = label.box;
  const parts: string[] = [];
  if (label.leader) {
    const nx = Math.max(box.x, Math.min(req.cx, box.x + box.width));
    const ny = Math.max(box.y, Math.min(req.cy, box.y + box.height));
    const d = Math.hypot(nx - req.cx, ny - req.cy) || 1;
    parts.push(
      `<line class="leader" x1="${fmt(req.cx + ((nx - req.cx) / d) * req.radius)}" y1="${fmt(req.cy + ((ny - req.cy) / d) * req.radius)}" x2="${fmt(nx)}" y2="${fmt(ny)}" stroke="#6B7280" stroke-width="1"/>`,
    );
  }
  const lines = wrapped.map((line, i) => `<tspan x="${fmt(box.x + 1)}" y="${fmt(box.y + 1 + LABEL_FONT + i * LABEL_LINE - 1)}">${escapeXml(line)}</tspan>`).join("");
  parts.push(`<text font-size="${LABEL_FONT}" fill="${CHART_COLORS.text}" stroke="#FFFFFF" stroke-width="3" stroke-opacity="0.8" paint-order="stroke">${lines}</text>`);
  return `<g class="label" data-row="${p.row}" data-box="${fmt(box.x)} ${fmt(box.y)} ${fmt(box.width)} ${fmt(box.height)}">${parts.join("")}</g>`;
}

function axisTitles(spec: ChartSpec, { plot }: Frame): string[] {
  return [
    `<text class="x-axis-title" x="${fmt(plot.x + plot.width / 2)}" y="${plot.y + plot.height + 46}" text-anchor="middle" font-size="13" font-weight="600" fill="${CHART_COLORS.axis}">${escapeXml(spec.xAxis.title)} →</text>`,
    `<text class="y-axis-title" transform="translate(${plot.x - 50} ${fmt(plot.y + plot.height / 2)}) rotate(-90)" text-anchor="middle" font-size="13" font-weight="600" fill="${CHART_COLORS.axis}">${escapeXml(spec.yAxis.title)} →</text>`,
  ];
}

/** Notices (labels limited, arrows limited, names without room) as a footnote. */
function notices(spec: ChartSpec, { plot, height }: Frame, unplaced: number): string[] {
  const notes = spec.notices.map((n) => n.text);
  if (unplaced > 0) notes.push(t(spec.language, "chart.notice.labelsUnplaced", { count: unplaced }));
  return [
    `<g class="notices">`,
    ...notes.slice(0, 3).map((text, i) => `<text x="${plot.x - 50}" y="${height - 12 - (Math.min(notes.length, 3) - 1 - i) * 15}" font-size="11" fill="${CHART_COLORS.mutedText}">${escapeXml(text)}</text>`),
    `</g>`,
  ];
}

/**
 * The realised movement: a dashed, heavier line from the previous position to the current marker,
 * arrowhead at the marker, so it differs from the advised movement (thin, solid) without colour.
 */
function realisedMovements(
  spec: ChartSpec,
  id: string,
  px: (x: number) => number,
  py: (y: number) => number,
  points: ChartPoint[],
  radiusOf: (p: Pick<ChartPoint, "markerSize">) => number,
  arrowBoxes: Box[],
): string {
  const out = [`<g class="realised-movements">`];
  for (const m of spec.realised) {
    const { x1, y1, x2, y2, length } = pixelSegment(m, px, py);
    const current = points.find((p) => p.row === m.row);
    const endGap = (current ? radiusOf(current) : 4) + 1;
    out.push(
      `<g class="realised" data-row="${m.row}" data-from="${m.from.x} ${m.from.y}" data-to="${m.to.x} ${m.to.y}"><title>${escapeXml(`${m.partner}: ${spec.realisedName.toLowerCase()}`)}</title>`,
    );
    if (length > endGap + 4) {
      const ux = (x2 - x1) / length;
      const uy = (y2 - y1) / length;
      out.push(
        `<path d="M${fmt(x1)},${fmt(y1)} L${fmt(x2 - ux * endGap)},${fmt(y2 - uy * endGap)}" fill="none" stroke="${CHART_COLORS.realised}" stroke-width="2.2" stroke-dasharray="7 4" marker-end="url(#${id}-arrow-realised)"/>`,
      );
    }
    out.push(`</g>`);
    arrowBoxes.push(...segmentBoxes(x1, y1, x2, y2, 3));
  }
  out.push(`</g>`);
  return out.join("");
}

/** A movement's ends in pixels, and its length. */
function pixelSegment(m: { from: { x: number; y: number }; to: { x: number; y: number } }, px: (x: number) => number, py: (y: number) => number) {
  const x1 = px(m.from.x);
  const y1 = py(m.from.y);
  const x2 = px(m.to.x);
  const y2 = py(m.to.y);
  return { x1, y1, x2, y2, length: Math.hypot(x2 - x1, y2 - y1) };
}

/** Small boxes covering a segment, so labels can avoid lines and arrows. */
function segmentBoxes(x1: number, y1: number, x2: number, y2: number, halfWidth: number): Box[] {
  const steps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1) / 4));
  const boxes: Box[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = x1 + ((x2 - x1) * i) / steps;
    const y = y1 + ((y2 - y1) * i) / steps;
    boxes.push({ x: x - halfWidth, y: y - halfWidth, width: 2 * halfWidth, height: 2 * halfWidth });
  }
  return boxes;
}

function legendTexts(spec: ChartSpec): string[] {
  return [
    ...spec.series.map((s) => `${s.name} (${s.points.length})`),
    spec.line.name,
    `${spec.threshold.name} (> ${formatNumber(spec.threshold.x)})`,
    t(spec.language, "chart.belowLine"),
    spec.movementName,
    spec.targetName,
    ...(spec.realised.length > 0 ? [spec.realisedName] : []),
    ...(spec.sizeBySubsidy ? [t(spec.language, "chart.sizeBySubsidy")] : []),
  ];
}

function describe(spec: ChartSpec): string {
  const parts = [
    spec.subtitle + ".",
    t(spec.language, "chart.desc", {
      count: spec.pointCount,
      xmin: formatNumber(spec.xAxis.min),
      xmax: formatNumber(spec.xAxis.max),
      ymin: formatNumber(spec.yAxis.min),
      ymax: formatNumber(spec.yAxis.max),
      atLowest: formatNumber(spec.line.from.y),
      atHighest: formatNumber(spec.line.to.y),
      threshold: formatNumber(spec.threshold.x),
    }),
    ...spec.series.map((s) => t(spec.language, "chart.descSeries", { name: s.name, count: s.points.length })),
    ...spec.notices.map((n) => n.text),
  ];
  return parts.join(" ");
}

function defs(spec: ChartSpec, id: string, plot: Box): string {
  const arrows = spec.series
    .map(
      (s) =>
        `<marker id="${id}-arrow-${s.strategy}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="${s.color}"/></marker>`,
    )
    .join("");
  const realised =
    spec.realised.length > 0
      ? `<marker id="${id}-arrow-realised" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="${CHART_COLORS.realised}"/></marker>`
      : "";
  return `<defs><clipPath id="${id}-clip"><rect x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}"/></clipPath>${arrows}${realised}</defs>`;
}

function legend(spec: ChartSpec, id: string, x: number, y: number): string {
  const rows: string[] = [];
  let cy = y + 8;
  const item = (symbol: string, text: string, cls: string, extra = "") => {
    rows.push(`<g class="${cls}"${extra}>${symbol}<text x="${x + 26}" y="${fmt(cy)}" dy="0.35em" font-size="12" fill="${CHART_COLORS.text}">${escapeXml(text)}</text></g>`);
    cy += 22;
  };
  rows.push(`<text x="${x}" y="${fmt(cy)}" dy="0.35em" font-size="12" font-weight="600" fill="${CHART_COLORS.text}">${escapeXml(t(spec.language, "column.strategy"))}</text>`);
  cy += 24;
  for (const s of spec.series) {
    item(marker(s.marker, x + 9, cy, 6, s.color, false), `${s.name} (${s.points.length})`, "legend-item", ` data-strategy="${s.strategy}"`);
  }
  cy += 8;
  item(`<line x1="${x}" y1="${fmt(cy)}" x2="${x + 18}" y2="${fmt(cy)}" stroke="${spec.line.color}" stroke-width="2.5"/>`, spec.line.name, "legend-line");
  item(`<line x1="${x + 9}" y1="${fmt(cy - 8)}" x2="${x + 9}" y2="${fmt(cy + 8)}" stroke="${spec.threshold.color}" stroke-width="1.5" stroke-dasharray="4 3"/>`, `${spec.threshold.name} (> ${formatNumber(spec.threshold.x)})`, "legend-threshold");
  item(`<rect x="${x}" y="${fmt(cy - 7)}" width="18" height="14" fill="${CHART_COLORS.belowLineTint}" stroke="${CHART_COLORS.grid}"/>`, t(spec.language, "chart.belowLine"), "legend-below");
  if (spec.movements.length > 0) {
    item(`<line x1="${x}" y1="${fmt(cy)}" x2="${x + 16}" y2="${fmt(cy)}" stroke="${CHART_COLORS.mutedText}" stroke-width="1.6" marker-end="url(#${id}-arrow-strengthen-or-replace)"/>`, spec.movementName, "legend-movement");
    item(marker("circle", x + 9, cy, 5, CHART_COLORS.mutedText, true), spec.targetName, "legend-target");
  }
  if (spec.realised.length > 0) {
    item(
      `<line x1="${x}" y1="${fmt(cy)}" x2="${x + 18}" y2="${fmt(cy)}" stroke="${CHART_COLORS.realised}" stroke-width="2.2" stroke-dasharray="5 3"/>`,
      spec.realisedName,
      "legend-realised",
    );
  }
  if (spec.sizeBySubsidy) item(marker("circle", x + 9, cy, 7, "#9CA3AF", false), t(spec.language, "chart.sizeBySubsidy"), "legend-size");
  return `<g class="legend">${rows.join("")}</g>`;
}
