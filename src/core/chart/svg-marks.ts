/**
 * The parts both SVG charts share (the register's and a partner page's): the grid with its ticks,
 * and the strategy markers.
 */
import { CHART_COLORS } from "./palette";
import type { Box } from "./placement";
import { formatNumber } from "./spec";
import { escapeXml } from "./text";
import type { ChartSpec, MarkerShape } from "./types";

export interface Geometry {
  plot: Box;
  /** Data domain shown (the scale plus a little air so edge markers are whole). */
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function ticks(spec: Pick<ChartSpec, "xAxis" | "yAxis">, geo: Geometry, px: (x: number) => number, py: (y: number) => number): string[] {
  const out: string[] = [];
  const { plot } = geo;
  const values = (min: number, max: number, step: number) => {
    const list: number[] = [];
    for (let v = min, i = 0; v <= max + step * 1e-6 && i < 200; i++, v = min + i * step) list.push(v);
    return list;
  };
  for (const [i, v] of values(spec.xAxis.min, spec.xAxis.max, spec.xAxis.majorUnit).entries()) {
    const x = fmt(px(v));
    const text = spec.xAxis.tickLabels?.[i] ?? formatNumber(v);
    out.push(
      `<g class="x-tick" data-value="${v}"><line x1="${x}" y1="${plot.y}" x2="${x}" y2="${plot.y + plot.height}" stroke="${CHART_COLORS.grid}"/><line x1="${x}" y1="${plot.y + plot.height}" x2="${x}" y2="${plot.y + plot.height + 5}" stroke="${CHART_COLORS.axis}"/><text x="${x}" y="${plot.y + plot.height + 20}" text-anchor="middle" font-size="12" fill="${CHART_COLORS.axis}">${escapeXml(text)}</text></g>`,
    );
  }
  for (const [i, v] of values(spec.yAxis.min, spec.yAxis.max, spec.yAxis.majorUnit).entries()) {
    const y = fmt(py(v));
    const text = spec.yAxis.tickLabels?.[i] ?? formatNumber(v);
    out.push(
      `<g class="y-tick" data-value="${v}"><line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.width}" y2="${y}" stroke="${CHART_COLORS.grid}"/><line x1="${plot.x - 5}" y1="${y}" x2="${plot.x}" y2="${y}" stroke="${CHART_COLORS.axis}"/><text x="${plot.x - 9}" y="${y}" dy="0.35em" text-anchor="end" font-size="12" fill="${CHART_COLORS.axis}">${escapeXml(text)}</text></g>`,
    );
  }
  out.push(
    `<line class="x-axis" x1="${plot.x}" y1="${plot.y + plot.height}" x2="${plot.x + plot.width}" y2="${plot.y + plot.height}" stroke="${CHART_COLORS.axis}"/>`,
    `<line class="y-axis" x1="${plot.x}" y1="${plot.y}" x2="${plot.x}" y2="${plot.y + plot.height}" stroke="${CHART_COLORS.axis}"/>`,
  );
  return out;
}

export function marker(shape: MarkerShape, cx: number, cy: number, r: number, color: string, hollow: boolean): string {
  const fill = hollow ? "#FFFFFF" : color;
  const stroke = hollow ? color : "#FFFFFF";
  const common = `fill="${fill}" stroke="${stroke}" stroke-width="${hollow ? 1.8 : 1}"`;
  switch (shape) {
    case "circle":
      return `<circle class="marker" cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}" ${common}/>`;
    case "square": {
      const h = r * 0.88;
      return `<rect class="marker" x="${fmt(cx - h)}" y="${fmt(cy - h)}" width="${fmt(2 * h)}" height="${fmt(2 * h)}" ${common}/>`;
    }
    case "triangle":
      return `<path class="marker" d="M${fmt(cx)},${fmt(cy - r * 1.1)} L${fmt(cx + r)},${fmt(cy + r * 0.75)} L${fmt(cx - r)},${fmt(cy + r * 0.75)} Z" ${common}/>`;
    case "diamond":
      return `<path class="marker" d="M${fmt(cx)},${fmt(cy - r * 1.1)} L${fmt(cx + r * 1.1)},${fmt(cy)} L${fmt(cx)},${fmt(cy + r * 1.1)} L${fmt(cx - r * 1.1)},${fmt(cy)} Z" ${common}/>`;
    case "x": {
      const h = r * 0.8;
      const d = `M${fmt(cx - h)},${fmt(cy - h)} L${fmt(cx + h)},${fmt(cy + h)} M${fmt(cx - h)},${fmt(cy + h)} L${fmt(cx + h)},${fmt(cy - h)}`;
      return `<path class="marker" d="${d}" fill="none" stroke="${color}" stroke-width="${fmt(Math.max(2, r / 2.2))}" stroke-linecap="round"/>`;
    }
  }
}

