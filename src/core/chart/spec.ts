/**
 * buildChartSpec: from an Analysis to the chart specification(s) both renderers draw.
 */
import type { ChartOptions, Language } from "../host";
import { t, type MessageKey } from "../i18n";
import { isAbove, strategyAt, subsidyAt, targetSourceAt } from "../partners";
import { STRATEGY_KEYS, type Analysis, type PartnerColumns, type Scale } from "../types";
import { CHART_COLORS, STRATEGY_STYLES } from "./palette";
import { chooseRealised } from "./realised";
import type { AxisSpec, ChartNotice, ChartPoint, ChartSpec, MovementSpec, PreviousPosition, StrategySeries } from "./types";

/** The workbook name of the chart; language-independent so a re-run finds its chart again. */
export const CHART_BASE_NAME = "Partnerkaart";
/** "auto" labels every partner up to this many points; beyond it, a selection of at most this many. */
export const AUTO_LABEL_LIMIT = 25;
/** More arrows than this turn the chart into a hairball; the realised movement keeps to the same cap. */
export const MOVEMENT_LIMIT = 25;
export const CHART_WIDTH = 840;
export const CHART_HEIGHT = 540;
/** Marker sizes in points: plain markers, and the range used when sized by subsidy. */
export const DEFAULT_MARKER_SIZE = 8;
export const MIN_SUBSIDY_MARKER_SIZE = 5;
export const MAX_SUBSIDY_MARKER_SIZE = 28;
/** Excel keeps chart names short in its UI; longer goal texts are cut. */
const MAX_NAME_LENGTH = 60;

export type ChartSpecOptions = ChartOptions & {
  language: Language;
  /** Each partner's position in an earlier assessment (a comparison): the chart then draws the realised movement. */
  previous?: readonly PreviousPosition[];
};

/**
 * One spec for all partners, one per societal goal (`perGoal`), or one for `goal`.
 * Pure: the same analysis and options always give the same specs.
 */
export function buildChartSpec(analysis: Analysis, options: ChartSpecOptions): ChartSpec[] {
  const language = options.language;
  const partners = analysis.partners;
  const groups: { goal: string | null; members: Members; notices: ChartNotice[] }[] = [];
  const hasGoalColumn = analysis.mapping.goal !== null || partners.goal.some((g) => g !== null);

  if (options.perGoal) {
    if (!hasGoalColumn) {
      groups.push({ goal: null, members: allMembers(partners), notices: [notice(language, "chart.notice.noGoalColumn", {})] });
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
    groups.push({ goal: null, members: allMembers(partners), notices: [] });
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

/**
 * Every partner as Members, kept per register: a new 100,000-entry array on every call costs more
 * in garbage collection (its memory lies outside the JS heap) than filling it does. Never written to.
 */
const allMembersOf = new WeakMap<PartnerColumns, Int32Array>();

function allMembers(partners: PartnerColumns): Members {
  let all = allMembersOf.get(partners);
  if (all === undefined || all.length !== partners.count) {
    all = indicesBelow(partners.count);
    allMembersOf.set(partners, all);
  }
  return all;
}

/** 0, 1 … count - 1. The loop has a function of its own (see offerLabelCandidates). */
function indicesBelow(count: number): Int32Array {
  const indices = new Int32Array(count);
  for (let i = 0; i < count; i++) indices[i] = i;
  return indices;
}

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
  const realised = options.previous ? chooseRealised(analysis, members, options.previous, MOVEMENT_LIMIT) : { shown: [], total: 0 };
  if (realised.shown.length < realised.total) {
    notices.push(notice(language, "chart.notice.realisedLimited", { shown: realised.shown.length, total: realised.total }));
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
    realised: realised.shown,
    realisedName: t(language, "chart.realised"),
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
  const all: LabelChoice = { size: members.length, has: () => true, listed: null };
  const below: LabelChoice = { size: belowCount, has: (i) => !isAbove(partners, i), listed: null };
  const chosen = (candidates: LabelCandidates, order: LabelOrder): LabelChoice => {
    const leaders = new Leaders(AUTO_LABEL_LIMIT);
    offerLabelCandidates(partners, members, candidates, order, leaders);
    // Members are ascending partner indices, so ascending indices are member order.
    const listed = leaders.ascending();
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
      return { labelled: chosen("positive-subsidy", "subsidy"), rule: "largest-subsidies" };
    case "auto":
    default:
      if (members.length <= AUTO_LABEL_LIMIT) return { labelled: all, rule: "all" };
      // Below the line is where action is needed; when even that is too many, the largest
      // amounts (or the deepest gaps without amounts) matter most.
      if (belowCount <= AUTO_LABEL_LIMIT) return { labelled: below, rule: "below-line" };
      return {
        labelled: chosen("below-line", hasSubsidy ? "subsidy" : "gap"),
        rule: hasSubsidy ? "largest-subsidies" : "below-line",
      };
  }
}

/**
 * Keeps the `count` least of the items offered, by a primary then a secondary key, ties in the
 * order offered: what a stable sort and a slice keep, without sorting 100,000 items to keep 25,
 * and on keys worked out once instead of a comparison callback.
 * The chart offers up to a register's worth of partners to keep 25, and a callback comparing
 * doubles (subsidyAt's number | null, differences) can cost a heap number per comparison.
 */
export class Leaders {
  private readonly items: Int32Array;
  private readonly primary: Float64Array;
  private readonly secondary: Float64Array;
  private length = 0;

  constructor(private readonly count: number) {
    this.items = new Int32Array(count);
    this.primary = new Float64Array(count);
    this.secondary = new Float64Array(count);
  }

  offer(item: number, primary: number, secondary: number): void {
    const count = this.count;
    const full = this.length === count;
    // Most offers lose to the last one kept: one comparison.
    if (full && (count === 0 || !precedes(primary, secondary, this.primary[count - 1], this.secondary[count - 1]))) return;
    // A new slot, or the last one's, which drops out; then move up past the items this one precedes.
    let at = full ? count - 1 : this.length++;
    while (at > 0 && precedes(primary, secondary, this.primary[at - 1], this.secondary[at - 1])) {
      this.items[at] = this.items[at - 1];
      this.primary[at] = this.primary[at - 1];
      this.secondary[at] = this.secondary[at - 1];
      at--;
    }
    this.items[at] = item;
    this.primary[at] = primary;
    this.secondary[at] = secondary;
  }

  /** The items kept, ascending (not in key order). */
  ascending(): number[] {
    return Array.from(this.items.subarray(0, this.length)).sort((a, b) => a - b);
  }
}

/**
 * Whether keys (p, s) come before (q, t). A primary key that is neither less nor greater (equal,
 * or NaN) falls through to the secondary, as `difference || difference` does in a comparison.
 */
function precedes(p: number, s: number, q: number, t: number): boolean {
  return p < q || (!(p > q) && s < t);
}

type LabelCandidates = "positive-subsidy" | "below-line";
/** "subsidy": the largest amount first (no amount counts as 0), then the deepest gap; "gap": the other way round. */
type LabelOrder = "subsidy" | "gap";

/**
 * Offers the candidates among the members to `leaders` (partner indices), in `order`.
 * The loop has a function of its own: code after it would make Node's optimiser bail out on every call.
 */
function offerLabelCandidates(partners: PartnerColumns, members: Members, candidates: LabelCandidates, order: LabelOrder, leaders: Leaders): void {
  const belowOnly = candidates === "below-line";
  const subsidyFirst = order === "subsidy";
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const stored = partners.subsidy[i];
    const amount = Number.isNaN(stored) ? 0 : stored;
    if (belowOnly ? isAbove(partners, i) : !(amount > 0)) continue;
    const gap = partners.gap[i];
    // The amount negated: the largest is the least key.
    leaders.offer(i, subsidyFirst ? -amount : gap, subsidyFirst ? gap : -amount);
  }
}

/**
 * Offers each moving member (its position in members) to `leaders`, largest move first, ties the
 * upper row first; a move is the squared distance to its targets, both axes scaled to 0–1. Returns
 * how many move.
 */
function measureMoves(analysis: Analysis, members: Members, leaders: Leaders): number {
  const partners = analysis.partners;
  const xRange = analysis.dependencyScale.max - analysis.dependencyScale.min || 1;
  const yRange = analysis.influenceScale.max - analysis.influenceScale.min || 1;
  const tolerance = 1e-9;
  let movingCount = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const dx = (partners.targetDependency[i] - partners.dependency[i]) / xRange;
    const dy = (partners.targetInfluence[i] - partners.influence[i]) / yRange;
    const distance = dx * dx + dy * dy;
    if (distance > tolerance * tolerance) {
      movingCount++;
      leaders.offer(k, -distance, partners.row[i]);
    }
  }
  return movingCount;
}

function chooseMovements(analysis: Analysis, members: Members): { shown: MovementSpec[]; total: number } {
  const partners = analysis.partners;
  // Keep the largest moves, then show them in register order.
  const leaders = new Leaders(MOVEMENT_LIMIT);
  const movingCount = measureMoves(analysis, members, leaders);
  const kept = leaders.ascending().map((k) => members[k]);
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
