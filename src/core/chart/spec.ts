/**
 * buildChartSpec: from an Analysis to the chart specification(s) both renderers draw.
 */
import type { ChartOptions, Language } from "../host";
import { t, type MessageKey } from "../i18n";
import { STRATEGY_KEYS, type Analysis, type PartnerResult, type Scale } from "../types";
import { CHART_COLORS, STRATEGY_STYLES } from "./palette";
import type { AxisSpec, ChartNotice, ChartPoint, ChartSpec, MovementSpec, StrategySeries } from "./types";

/** The workbook name of the chart; language-independent so a re-run finds its chart again. */
export const CHART_BASE_NAME = "Partnerkaart";
/** "auto" labels every partner up to this many points; beyond it, a selection of at most this many. */
export const AUTO_LABEL_LIMIT = 25;
/** More arrows than this turn the chart into a hairball (and cost one Excel series each). */
export const MOVEMENT_LIMIT = 25;
export const CHART_WIDTH = 840;
export const CHART_HEIGHT = 540;
/** Marker sizes in points: plain markers, and the range used when sized by subsidy. */
export const DEFAULT_MARKER_SIZE = 8;
export const MIN_SUBSIDY_MARKER_SIZE = 5;
export const MAX_SUBSIDY_MARKER_SIZE = 28;
/** Excel keeps chart names short in its UI; longer goal texts are cut. */
const MAX_NAME_LENGTH = 60;

export type ChartSpecOptions = ChartOptions & { language: Language };

/**
 * One spec for all partners, one per societal goal (`perGoal`), or one for `goal`.
 * Pure: the same analysis and options always give the same specs.
 */
export function buildChartSpec(analysis: Analysis, options: ChartSpecOptions): ChartSpec[] {
  const language = options.language;
  const groups: { goal: string | null; rows: PartnerResult[]; notices: ChartNotice[] }[] = [];
  const hasGoalColumn = analysis.mapping.goal !== null || analysis.rows.some((r) => r.goal !== null);

  if (options.perGoal) {
    if (!hasGoalColumn) {
      groups.push({ goal: null, rows: analysis.rows, notices: [notice(language, "chart.notice.noGoalColumn", {})] });
    } else {
      const byGoal = new Map<string, { goal: string | null; rows: PartnerResult[] }>();
      for (const row of analysis.rows) {
        const key = goalKey(row.goal);
        const group = byGoal.get(key) ?? { goal: row.goal === null || row.goal.trim() === "" ? null : row.goal.trim(), rows: [] };
        group.rows.push(row);
        byGoal.set(key, group);
      }
      for (const group of byGoal.values()) groups.push({ ...group, notices: [] });
      if (groups.length === 0) groups.push({ goal: null, rows: [], notices: [] });
    }
  } else if (options.goal !== null && options.goal.trim() !== "") {
    const wanted = goalKey(options.goal);
    const rows = analysis.rows.filter((r) => goalKey(r.goal) === wanted);
    const notices = rows.length === 0 ? [notice(language, "chart.notice.goalEmpty", { goal: options.goal.trim() })] : [];
    groups.push({ goal: options.goal.trim(), rows, notices });
  } else {
    groups.push({ goal: null, rows: analysis.rows, notices: [] });
  }

  const usedNames = new Set<string>();
  return groups.map((group, index) => {
    const spec = buildOne(analysis, options, group.goal, group.rows, index);
    spec.notices.unshift(...group.notices);
    spec.name = uniqueName(spec.name, usedNames);
    return spec;
  });
}

function buildOne(analysis: Analysis, options: ChartSpecOptions, goal: string | null, rows: PartnerResult[], index: number): ChartSpec {
  const language = options.language;
  const notices: ChartNotice[] = [];
  const goalText = goal ?? (options.perGoal ? t(language, "chart.noGoal") : null);

  const hasSubsidy = analysis.mapping.subsidy !== null && rows.some((r) => r.subsidy !== null);
  const sizeBySubsidy = options.sizeBySubsidy && hasSubsidy;
  if (options.sizeBySubsidy && !hasSubsidy) notices.push(notice(language, "chart.notice.noSubsidy", {}));
  // A loop, not Math.max(...rows): spreading 100,000+ arguments overflows the stack.
  const maxSubsidy = rows.reduce((max, r) => (r.subsidy !== null && r.subsidy > max ? r.subsidy : max), 0);

  const { labelled, rule } = chooseLabels(rows, options.labels, hasSubsidy);
  if (rows.length > 0 && labelled.size < rows.length && options.labels !== "none") {
    notices.push(
      notice(language, "chart.notice.labelsLimited", {
        labelled: labelled.size,
        total: rows.length,
        rule: t(language, `chart.labelRule.${rule}` as MessageKey),
      }),
    );
  }

  const points: ChartPoint[] = rows.map((r) => ({
    row: r.row,
    partner: r.partner,
    goal: r.goal,
    x: r.dependency,
    y: r.influence,
    strategy: r.strategy,
    subsidy: r.subsidy,
    markerSize: sizeBySubsidy ? subsidyMarkerSize(r.subsidy, maxSubsidy) : DEFAULT_MARKER_SIZE,
    labelled: labelled.has(r),
  }));

  const series: StrategySeries[] = STRATEGY_KEYS.map((strategy) => ({
    strategy,
    name: t(language, `strategy.${strategy}` as MessageKey),
    color: STRATEGY_STYLES[strategy].color,
    marker: STRATEGY_STYLES[strategy].marker,
    points: points.filter((p) => p.strategy === strategy),
  }));

  const movements = options.movement ? chooseMovements(analysis, rows) : { shown: [], total: 0 };
  if (movements.shown.length < movements.total) {
    notices.push(notice(language, "chart.notice.movementLimited", { shown: movements.shown.length, total: movements.total }));
  }

  const dep = analysis.dependencyScale;
  const inf = analysis.influenceScale;
  const below = rows.filter((r) => r.position === "below").length;
  const name = goalText === null ? CHART_BASE_NAME : truncate(`${CHART_BASE_NAME} – ${goalText}`, MAX_NAME_LENGTH);

  return {
    name,
    title: goalText === null ? t(language, "chart.title") : t(language, "chart.titleGoal", { goal: goalText }),
    subtitle: t(language, "chart.subtitle", { count: rows.length, below }),
    language,
    goal,
    index,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    xAxis: axis(t(language, "chart.axis.dependency"), dep),
    yAxis: axis(t(language, "chart.axis.influence"), inf),
    series,
    line: {
      name: t(language, "chart.line"),
      color: CHART_COLORS.line,
      from: { x: dep.min, y: analysis.line.atLowestDependency },
      to: { x: dep.max, y: analysis.line.atHighestDependency },
    },
    threshold: {
      name: t(language, "chart.threshold"),
      color: CHART_COLORS.threshold,
      dash: "dash",
      x: analysis.highDependencyAbove,
      yFrom: inf.min,
      yTo: inf.max,
    },
    movements: movements.shown,
    movementName: t(language, "chart.movement"),
    targetName: t(language, "chart.target"),
    sizeBySubsidy,
    labelRule: rule,
    labelledCount: labelled.size,
    pointCount: points.length,
    notices,
  };
}

function goalKey(goal: string | null): string {
  return (goal ?? "").trim().toLocaleLowerCase("nl");
}

function notice(language: Language, key: ChartNotice["key"], params: ChartNotice["params"]): ChartNotice {
  return { key, params, text: t(language, key, params) };
}

function truncate(text: string, max: number): string {
  // Control characters have no place in an object name.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, " ");
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate.toLocaleLowerCase()); n++) candidate = `${name} (${n})`;
  used.add(candidate.toLocaleLowerCase());
  return candidate;
}

function axis(title: string, scale: Scale): AxisSpec {
  const range = scale.max - scale.min;
  const scaleText = scale.kind === "percent" ? "%" : scale.kind === "labels" ? null : `${formatNumber(scale.min)}–${formatNumber(scale.max)}`;
  return {
    title: scaleText === null ? title : `${title} (${scaleText})`,
    min: scale.min,
    max: scale.max,
    majorUnit: scale.kind === "labels" ? 1 : niceStep(range),
    tickLabels: scale.kind === "labels" && scale.labels ? [...scale.labels] : null,
  };
}

/** A round step giving 4–10 intervals: 1 on 1–5 and 1–10, 10 on 0–100. */
export function niceStep(range: number): number {
  if (!(range > 0)) return 1;
  // Score scales (1–5, 0–10 …): whole scores only.
  if (range <= 10 && Number.isInteger(range)) return 1;
  const raw = range / 10;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

export function formatNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Diameter proportional to the square root of the amount, so marker AREA is proportional to it. */
export function subsidyMarkerSize(subsidy: number | null, maxSubsidy: number): number {
  if (subsidy === null || !(subsidy > 0) || !(maxSubsidy > 0)) return MIN_SUBSIDY_MARKER_SIZE;
  return Math.max(MIN_SUBSIDY_MARKER_SIZE, MAX_SUBSIDY_MARKER_SIZE * Math.sqrt(subsidy / maxSubsidy));
}

function chooseLabels(
  rows: PartnerResult[],
  requested: ChartOptions["labels"],
  hasSubsidy: boolean,
): { labelled: Set<PartnerResult>; rule: ChartSpec["labelRule"] } {
  const below = rows.filter((r) => r.position === "below");
  const bySubsidy = (a: PartnerResult, b: PartnerResult) => (b.subsidy ?? 0) - (a.subsidy ?? 0) || a.gap - b.gap;
  const byGap = (a: PartnerResult, b: PartnerResult) => a.gap - b.gap || (b.subsidy ?? 0) - (a.subsidy ?? 0);
  switch (requested) {
    case "none":
      return { labelled: new Set(), rule: "none" };
    case "all":
      return { labelled: new Set(rows), rule: "all" };
    case "below-line":
      return { labelled: new Set(below), rule: "below-line" };
    case "largest-subsidies":
      if (!hasSubsidy) return { labelled: new Set(below), rule: "below-line" };
      return {
        labelled: new Set(rows.filter((r) => (r.subsidy ?? 0) > 0).sort(bySubsidy).slice(0, AUTO_LABEL_LIMIT)),
        rule: "largest-subsidies",
      };
    case "auto":
    default:
      if (rows.length <= AUTO_LABEL_LIMIT) return { labelled: new Set(rows), rule: "all" };
      // Below the line is where action is needed; when even that is too many, the largest
      // amounts (or the deepest gaps without amounts) matter most.
      if (below.length <= AUTO_LABEL_LIMIT) return { labelled: new Set(below), rule: "below-line" };
      return {
        labelled: new Set([...below].sort(hasSubsidy ? bySubsidy : byGap).slice(0, AUTO_LABEL_LIMIT)),
        rule: hasSubsidy ? "largest-subsidies" : "below-line",
      };
  }
}

function chooseMovements(analysis: Analysis, rows: PartnerResult[]): { shown: MovementSpec[]; total: number } {
  const xRange = analysis.dependencyScale.max - analysis.dependencyScale.min || 1;
  const yRange = analysis.influenceScale.max - analysis.influenceScale.min || 1;
  const tolerance = 1e-9;
  const moving = rows
    .map((r) => {
      const dx = (r.target.dependency - r.dependency) / xRange;
      const dy = (r.target.influence - r.influence) / yRange;
      return { r, distance: Math.hypot(dx, dy) };
    })
    .filter((m) => m.distance > tolerance);
  // Keep the largest moves, then show them in register order.
  const kept = new Set([...moving].sort((a, b) => b.distance - a.distance || a.r.row - b.r.row).slice(0, MOVEMENT_LIMIT).map((m) => m.r));
  const shown = moving
    .filter((m) => kept.has(m.r))
    .map(({ r }) => ({
      row: r.row,
      partner: r.partner,
      strategy: r.strategy,
      color: STRATEGY_STYLES[r.strategy].color,
      from: { x: r.dependency, y: r.influence },
      to: { x: r.target.dependency, y: r.target.influence },
      source: r.target.source,
    }));
  return { shown, total: moving.length };
}
