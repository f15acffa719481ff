/**
 * buildChartSpec: from an Analysis to the chart specification(s) both renderers draw.
 */
import type { ChartOptions, Language } from "../host";
import { t, type MessageKey } from "../i18n";
import { isAbove, strategyAt, subsidyAt, targetSourceAt } from "../partners";
import { STRATEGY_KEYS, type Analysis, type PartnerColumns, type Scale } from "../types";
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
  const partners = analysis.partners;
  const groups: { goal: string | null; members: Members; notices: ChartNotice[] }[] = [];
  const everyone = () => {
    const all = new Int32Array(partners.count);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return all;
  };
  const hasGoalColumn = analysis.mapping.goal !== null || partners.goal.some((g) => g !== null);

  if (options.perGoal) {
    if (!hasGoalColumn) {
      groups.push({ goal: null, members: everyone(), notices: [notice(language, "chart.notice.noGoalColumn", {})] });
    } else {
      const byGoal = new Map<string, { goal: string | null; members: number[] }>();
      for (let i = 0; i < partners.count; i++) {
        const goal = partners.goal[i];
        const key = goalKey(goal);
        let group = byGoal.get(key);
        if (!group) {
          group = { goal: goal === null || goal.trim() === "" ? null : goal.trim(), members: [] };
          byGoal.set(key, group);
        }
        group.members.push(i);
      }
      for (const group of byGoal.values()) groups.push({ ...group, notices: [] });
      if (groups.length === 0) groups.push({ goal: null, members: [], notices: [] });
    }
  } else if (options.goal !== null && options.goal.trim() !== "") {
    const wanted = goalKey(options.goal);
    const members: number[] = [];
    for (let i = 0; i < partners.count; i++) if (goalKey(partners.goal[i]) === wanted) members.push(i);
    const notices = members.length === 0 ? [notice(language, "chart.notice.goalEmpty", { goal: options.goal.trim() })] : [];
    groups.push({ goal: options.goal.trim(), members, notices });
  } else {
    groups.push({ goal: null, members: everyone(), notices: [] });
  }

  const usedNames = new Set<string>();
  return groups.map((group, index) => {
    const spec = buildOne(analysis, options, group.goal, group.members, index);
    spec.notices.unshift(...group.notices);
    spec.name = uniqueName(spec.name, usedNames);
    return spec;
  });
}

/**
 * A group's partners as indices into analysis.partners, ascending (register order), not objects:
 * registers reach 100,000 partners. Typed for a whole register, an array for a goal's share.
 */
type Members = ArrayLike<number>;

function buildOne(analysis: Analysis, options: ChartSpecOptions, goal: string | null, members: Members, index: number): ChartSpec {
  const language = options.language;
  const partners = analysis.partners;
  const notices: ChartNotice[] = [];
  const goalText = goal ?? (options.perGoal ? t(language, "chart.noGoal") : null);

  const { hasAmounts, maxSubsidy, below } = memberTotals(partners, members);
  const hasSubsidy = analysis.mapping.subsidy !== null && hasAmounts;
  const sizeBySubsidy = options.sizeBySubsidy && hasSubsidy;
  if (options.sizeBySubsidy && !hasSubsidy) notices.push(notice(language, "chart.notice.noSubsidy", {}));

  const { labelled, rule } = chooseLabels(partners, members, below, options.labels, hasSubsidy);
  if (members.length > 0 && labelled.size < members.length && options.labels !== "none") {
    notices.push(
      notice(language, "chart.notice.labelsLimited", {
        labelled: labelled.size,
        total: members.length,
        rule: t(language, `chart.labelRule.${rule}` as MessageKey),
      }),
    );
  }

  const pointOf = (i: number): ChartPoint => {
    const subsidy = subsidyAt(partners, i);
    return {
      row: partners.row[i],
      partner: partners.partner[i],
      goal: partners.goal[i],
      x: partners.dependency[i],
      y: partners.influence[i],
      strategy: strategyAt(partners, i),
      subsidy,
      markerSize: sizeBySubsidy ? subsidyMarkerSize(subsidy, maxSubsidy) : DEFAULT_MARKER_SIZE,
      labelled: labelled.has(i),
    };
  };
  // Points are built when a renderer reads them: the SVG draws them, while Excel's chart reads
  // its points from the sheet and needs none of these objects.
  const series: StrategySeries[] = STRATEGY_KEYS.map((strategy, code) => {
    let points: ChartPoint[] | undefined;
    return {
      strategy,
      name: t(language, `strategy.${strategy}` as MessageKey),
      color: STRATEGY_STYLES[strategy].color,
      marker: STRATEGY_STYLES[strategy].marker,
      get points() {
        if (points === undefined) {
          points = [];
          for (let k = 0; k < members.length; k++) if (partners.strategy[members[k]] === code) points.push(pointOf(members[k]));
        }
        return points;
      },
    };
  });
  const labelledRows: number[] = [];
  const labelCandidates = labelled.listed ?? members;
  for (let k = 0; k < labelCandidates.length; k++) if (labelled.has(labelCandidates[k])) labelledRows.push(partners.row[labelCandidates[k]]);

  const movements = options.movement ? chooseMovements(analysis, members) : { shown: [], total: 0 };
  if (movements.shown.length < movements.total) {
    notices.push(notice(language, "chart.notice.movementLimited", { shown: movements.shown.length, total: movements.total }));
  }

  const dep = analysis.dependencyScale;
  const inf = analysis.influenceScale;
  const name = goalText === null ? CHART_BASE_NAME : truncate(`${CHART_BASE_NAME} – ${goalText}`, MAX_NAME_LENGTH);

  return {
    name,
    title: goalText === null ? t(language, "chart.title") : t(language, "chart.titleGoal", { goal: goalText }),
    subtitle: t(language, "chart.subtitle", { count: members.length, below }),
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
    labelledRows,
    pointCount: members.length,
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

/** What the chart needs to know of all members, in one pass. */
function memberTotals(partners: PartnerColumns, members: Members): { hasAmounts: boolean; maxSubsidy: number; below: number } {
  let hasAmounts = false;
  let maxSubsidy = 0;
  let below = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const amount = partners.subsidy[i];
    if (!Number.isNaN(amount)) hasAmounts = true;
    if (amount > maxSubsidy) maxSubsidy = amount;
    if (!isAbove(partners, i)) below++;
  }
  return { hasAmounts, maxSubsidy, below };
}

/** Which partners carry their name: a few listed, or a rule that covers a whole group without listing it. */
interface LabelChoice {
  size: number;
  has(partner: number): boolean;
  /** The labelled partners in member order when they are listed; null for a rule. */
  listed: number[] | null;
}

function chooseLabels(
  partners: PartnerColumns,
  members: Members,
  belowCount: number,
  requested: ChartOptions["labels"],
  hasSubsidy: boolean,
): { labelled: LabelChoice; rule: ChartSpec["labelRule"] } {
  const amount = (i: number) => subsidyAt(partners, i) ?? 0;
  const bySubsidy = (a: number, b: number) => amount(b) - amount(a) || partners.gap[a] - partners.gap[b];
  const byGap = (a: number, b: number) => partners.gap[a] - partners.gap[b] || amount(b) - amount(a);
  const all: LabelChoice = { size: members.length, has: () => true, listed: null };
  const below: LabelChoice = { size: belowCount, has: (i) => !isAbove(partners, i), listed: null };
  const chosen = (from: Iterable<number>, compare: (a: number, b: number) => number): LabelChoice => {
    // Members are ascending partner indices, so sorted indices are member order.
    const listed = smallest(from, AUTO_LABEL_LIMIT, compare).sort((a, b) => a - b);
    const set = new Set(listed);
    return { size: set.size, has: (i) => set.has(i), listed };
  };
  switch (requested) {
    case "none":
      return { labelled: { size: 0, has: () => false, listed: [] }, rule: "none" };
    case "all":
      return { labelled: all, rule: "all" };
    case "below-line":
      return { labelled: below, rule: "below-line" };
    case "largest-subsidies":
      if (!hasSubsidy) return { labelled: below, rule: "below-line" };
      return { labelled: chosen(membersWhere(members, (i) => amount(i) > 0), bySubsidy), rule: "largest-subsidies" };
    case "auto":
    default:
      if (members.length <= AUTO_LABEL_LIMIT) return { labelled: all, rule: "all" };
      // Below the line is where action is needed; when even that is too many, the largest
      // amounts (or the deepest gaps without amounts) matter most.
      if (belowCount <= AUTO_LABEL_LIMIT) return { labelled: below, rule: "below-line" };
      return {
        labelled: chosen(membersWhere(members, (i) => !isAbove(partners, i)), hasSubsidy ? bySubsidy : byGap),
        rule: hasSubsidy ? "largest-subsidies" : "below-line",
      };
  }
}

/**
 * The first `count` of `items` in `compare` order, ties in their given order: what a stable sort
 * and a slice give, without sorting 100,000 items to keep 25.
 */
export function smallest<T>(items: Iterable<T>, count: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  if (count <= 0) return kept;
  for (const item of items) {
    if (kept.length === count && compare(item, kept[count - 1]) >= 0) continue;
    let at = kept.length;
    while (at > 0 && compare(item, kept[at - 1]) < 0) at--;
    kept.splice(at, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

/** The members `keep` accepts, in order; typed, so a register's worth stays out of the JS heap. */
function membersWhere(members: Members, keep: (i: number) => boolean): Int32Array {
  const kept = new Int32Array(members.length);
  let count = 0;
  for (let k = 0; k < members.length; k++) if (keep(members[k])) kept[count++] = members[k];
  return kept.subarray(0, count);
}

/**
 * Fills `distances` with each member's squared distance to its targets, both axes scaled to 0–1
 * (by position in members), and `moving` with the positions of the members that move. Returns how
 * many move.
 */
function measureMoves(analysis: Analysis, members: Members, distances: Float64Array, moving: Int32Array): number {
  const partners = analysis.partners;
  const xRange = analysis.dependencyScale.max - analysis.dependencyScale.min || 1;
  const yRange = analysis.influenceScale.max - analysis.influenceScale.min || 1;
  const tolerance = 1e-9;
  let movingCount = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const dx = (partners.targetDependency[i] - partners.dependency[i]) / xRange;
    const dy = (partners.targetInfluence[i] - partners.influence[i]) / yRange;
    distances[k] = dx * dx + dy * dy;
    if (distances[k] > tolerance * tolerance) moving[movingCount++] = k;
  }
  return movingCount;
}

function chooseMovements(analysis: Analysis, members: Members): { shown: MovementSpec[]; total: number } {
  const partners = analysis.partners;
  // Worked out once, the selection compares them many times. Typed: up to a register's worth.
  const distances = new Float64Array(members.length);
  const moving = new Int32Array(members.length);
  const movingCount = measureMoves(analysis, members, distances, moving);
  // Keep the largest moves (ties: the upper row first), then show them in register order. The
  // comparison answers ±1 rather than a difference of doubles, which would be a heap number per call.
  const byMove = (a: number, b: number) =>
    distances[b] > distances[a] ? 1 : distances[b] < distances[a] ? -1 : partners.row[members[a]] - partners.row[members[b]];
  const kept = smallest(moving.subarray(0, movingCount), MOVEMENT_LIMIT, byMove)
    .sort((a, b) => a - b)
    .map((k) => members[k]);
  const shown = kept.map((i) => {
    const strategy = strategyAt(partners, i);
    return {
      row: partners.row[i],
      partner: partners.partner[i],
      strategy,
      color: STRATEGY_STYLES[strategy].color,
      from: { x: partners.dependency[i], y: partners.influence[i] },
      to: { x: partners.targetDependency[i], y: partners.targetInfluence[i] },
      source: targetSourceAt(partners, i),
    };
  });
  return { shown, total: movingCount };
}
