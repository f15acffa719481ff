/**
 * renderPartnerChartSvg: the partner page's chart as a standalone SVG. The same frame as the
 * register's chart (ticks, markers and palette from ../chart/svg), but only one partner carries a
 * name: the others are grey points with no title, label or data attribute that could name them.
 */
import { t } from "../i18n";
import { CHART_COLORS, formatNumber, marker, ticks, type Geometry, escapeXml, estimateTextWidth } from "../chart";
import type { PartnerChartSpec } from "./page";

const PX_PER_PT = 4 / 3;
const OTHER_RADIUS = 3.5;
const PARTNER_RADIUS = 8;

function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Where everything sits: the plot, the scales and the ambition line's height at any x. */
interface Frame {
  width: number;
  height: number;
  plot: Geometry["plot"];
  geo: Geometry;
  px: (x: number) => number;
  py: (y: number) => number;
  idPrefix: string;
}

export function renderPartnerChartSvg(spec: PartnerChartSpec, idPrefix = "pkp"): string {
  const frame = frameOf(spec, idPrefix);
  return [...opening(spec, frame), ...plotArea(spec, frame), ...lines(spec, frame), ...points(spec, frame), ...axisTitles(spec, frame), legend(spec, frame), `</svg>`].join("\n");
}

function frameOf(spec: PartnerChartSpec, idPrefix: string): Frame {
  const width = Math.round(spec.width * PX_PER_PT);
  const height = Math.round(spec.height * PX_PER_PT);
  const legendTexts = [spec.partner.name, spec.othersName, spec.line.name, spec.threshold.name, ...(spec.movement ? [spec.movement.name] : [])];
  const legendWidth = Math.min(320, Math.max(170, ...legendTexts.map((text) => estimateTextWidth(text, 12) + 34)));
  const plot = { x: 78, y: 76, width: width - 78 - legendWidth - 36, height: height - 76 - 80 };
  const xPad = (spec.xAxis.max - spec.xAxis.min) * 0.04 || 0.5;
  const yPad = (spec.yAxis.max - spec.yAxis.min) * 0.04 || 0.5;
  const geo: Geometry = { plot, xMin: spec.xAxis.min - xPad, xMax: spec.xAxis.max + xPad, yMin: spec.yAxis.min - yPad, yMax: spec.yAxis.max + yPad };
  const px = (x: number) => plot.x + ((x - geo.xMin) / (geo.xMax - geo.xMin)) * plot.width;
  const py = (y: number) => plot.y + plot.height - ((y - geo.yMin) / (geo.yMax - geo.yMin)) * plot.height;
  return { width, height, plot, geo, px, py, idPrefix };
}

/** The svg element, its accessible title and description, the defs, the background and the titles. */
function opening(spec: PartnerChartSpec, { width, height, plot, idPrefix }: Frame): string[] {
  const font = "'Segoe UI', 'DejaVu Sans', Arial, Helvetica, sans-serif";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc" font-family="${escapeXml(font)}">`,
    `<title id="${idPrefix}-title">${escapeXml(spec.title)}</title>`,
    `<desc id="${idPrefix}-desc">${escapeXml(`${spec.subtitle}. ${spec.partner.name}: ${spec.partner.strategyName}.`)}</desc>`,
    `<defs><clipPath id="${idPrefix}-clip"><rect x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}"/></clipPath>` +
      `<marker id="${idPrefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="${spec.partner.color}"/></marker></defs>`,
    `<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<text class="chart-title" x="${plot.x - 50}" y="32" font-size="19" font-weight="600" fill="${CHART_COLORS.text}">${escapeXml(spec.title)}</text>`,
    `<text class="chart-subtitle" x="${plot.x - 50}" y="54" font-size="13" fill="${CHART_COLORS.mutedText}">${escapeXml(spec.subtitle)}</text>`,
  ];
}

/** The plot's background, the tinted area below the line, and the ticks. */
function plotArea(spec: PartnerChartSpec, { plot, geo, px, py, idPrefix }: Frame): string[] {
  const lineAt = (x: number) => spec.line.from.y + ((x - spec.line.from.x) / (spec.line.to.x - spec.line.from.x || 1)) * (spec.line.to.y - spec.line.from.y);
  const belowArea = [
    [px(geo.xMin), py(lineAt(geo.xMin))],
    [px(geo.xMax), py(lineAt(geo.xMax))],
    [px(geo.xMax), py(geo.yMin)],
    [px(geo.xMin), py(geo.yMin)],
  ];
  return [
    `<g class="plot-area">`,
    `<rect class="plot-background" x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}" fill="#FFFFFF" stroke="${CHART_COLORS.grid}"/>`,
    `<polygon class="below-line-area" clip-path="url(#${idPrefix}-clip)" fill="${CHART_COLORS.belowLineTint}" points="${belowArea.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(" ")}"/>`,
    ...ticks(spec, geo, px, py),
    `</g>`,
  ];
}

/** The threshold and the ambition line. */
function lines(spec: PartnerChartSpec, { px, py }: Frame): string[] {
  const thresholdX = fmt(px(spec.threshold.x));
  return [
    `<line class="threshold" x1="${thresholdX}" y1="${fmt(py(spec.threshold.yFrom))}" x2="${thresholdX}" y2="${fmt(py(spec.threshold.yTo))}" stroke="${spec.threshold.color}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<line class="ambition-line" x1="${fmt(px(spec.line.from.x))}" y1="${fmt(py(spec.line.from.y))}" x2="${fmt(px(spec.line.to.x))}" y2="${fmt(py(spec.line.to.y))}" stroke="${spec.line.color}" stroke-width="2.5" stroke-linecap="round"/>`,
  ];
}

/** The other partners (unnamed), the advised movement, and the one named partner. */
function points(spec: PartnerChartSpec, { plot, px, py, idPrefix }: Frame): string[] {
  // Other partners: a grey dot each, deliberately without <title> (a tooltip would name nobody, but nothing to hover either).
  const out = [`<g class="others" fill="${spec.othersColor}">`, ...spec.others.map((p) => `<circle class="other" cx="${fmt(px(p.x))}" cy="${fmt(py(p.y))}" r="${OTHER_RADIUS}"/>`), `</g>`];
  const cx = px(spec.partner.x);
  const cy = py(spec.partner.y);
  if (spec.movement) {
    const x2 = px(spec.movement.to.x);
    const y2 = py(spec.movement.to.y);
    const length = Math.hypot(x2 - cx, y2 - cy) || 1;
    const ux = (x2 - cx) / length;
    const uy = (y2 - cy) / length;
    out.push(
      `<g class="movement"><line x1="${fmt(cx + ux * (PARTNER_RADIUS + 1))}" y1="${fmt(cy + uy * (PARTNER_RADIUS + 1))}" x2="${fmt(x2 - ux * 7)}" y2="${fmt(y2 - uy * 7)}" stroke="${spec.partner.color}" stroke-width="2" marker-end="url(#${idPrefix}-arrow)"/>` +
        `${marker(spec.partner.marker, x2, y2, 5, spec.partner.color, true)}</g>`,
    );
  }
  const labelWidth = estimateTextWidth(spec.partner.name, 13);
  const labelLeft = cx + PARTNER_RADIUS + 6 + labelWidth > plot.x + plot.width;
  out.push(
    `<g class="partner"><title>${escapeXml(`${spec.partner.name} — ${spec.partner.strategyName} (${formatNumber(spec.partner.x)}, ${formatNumber(spec.partner.y)})`)}</title>` +
      marker(spec.partner.marker, cx, cy, PARTNER_RADIUS, spec.partner.color, false) +
      `<text class="partner-label" x="${fmt(labelLeft ? cx - PARTNER_RADIUS - 6 : cx + PARTNER_RADIUS + 6)}" y="${fmt(cy - PARTNER_RADIUS)}" text-anchor="${labelLeft ? "end" : "start"}" font-size="13" font-weight="600" fill="${CHART_COLORS.text}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">${escapeXml(spec.partner.name)}</text></g>`,
  );
  return out;
}

function axisTitles(spec: PartnerChartSpec, { plot }: Frame): string[] {
  return [
    `<text class="x-axis-title" x="${fmt(plot.x + plot.width / 2)}" y="${plot.y + plot.height + 46}" text-anchor="middle" font-size="13" font-weight="600" fill="${CHART_COLORS.axis}">${escapeXml(spec.xAxis.title)} →</text>`,
    `<text class="y-axis-title" transform="translate(${plot.x - 50} ${fmt(plot.y + plot.height / 2)}) rotate(-90)" text-anchor="middle" font-size="13" font-weight="600" fill="${CHART_COLORS.axis}">${escapeXml(spec.yAxis.title)} →</text>`,
  ];
}

/** Legend: the partner, "other partners", the line, the threshold, the area below the line, the movement. */
function legend(spec: PartnerChartSpec, { plot, idPrefix }: Frame): string {
  const lx = plot.x + plot.width + 24;
  let ly = plot.y + 8;
  const rows: string[] = [];
  const item = (symbol: string, text: string) => {
    rows.push(`<g class="legend-item">${symbol}<text x="${lx + 26}" y="${fmt(ly)}" dy="0.35em" font-size="12" fill="${CHART_COLORS.text}">${escapeXml(text)}</text></g>`);
    ly += 22;
  };
  item(marker(spec.partner.marker, lx + 9, ly, 6, spec.partner.color, false), spec.partner.name);
  item(`<circle cx="${lx + 9}" cy="${fmt(ly)}" r="${OTHER_RADIUS}" fill="${spec.othersColor}"/>`, `${spec.othersName} (${spec.others.length})`);
  item(`<line x1="${lx}" y1="${fmt(ly)}" x2="${lx + 18}" y2="${fmt(ly)}" stroke="${spec.line.color}" stroke-width="2.5"/>`, spec.line.name);
  item(
    `<line x1="${lx + 9}" y1="${fmt(ly - 8)}" x2="${lx + 9}" y2="${fmt(ly + 8)}" stroke="${spec.threshold.color}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `${spec.threshold.name} (> ${formatNumber(spec.threshold.x)})`,
  );
  item(`<rect x="${lx}" y="${fmt(ly - 7)}" width="18" height="14" fill="${CHART_COLORS.belowLineTint}" stroke="${CHART_COLORS.grid}"/>`, t(spec.language, "chart.belowLine"));
  if (spec.movement) item(`<line x1="${lx}" y1="${fmt(ly)}" x2="${lx + 16}" y2="${fmt(ly)}" stroke="${spec.partner.color}" stroke-width="2" marker-end="url(#${idPrefix}-arrow)"/>`, spec.movement.name);
  return `<g class="legend">${rows.join("")}</g>`;
}
