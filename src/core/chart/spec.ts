/**
 * buildChartSpec: from an Analysis to the chart specification(s) both renderers draw.
 */
import type { ChartOptions, Language } from "../host";
import { t, type MessageKey } from "../i18n";
import { isAbove, strategyAt, subsidyAt } from "../partners";
import { STRATEGY_KEYS, type Analysis, type PartnerColumns, type Scale } from "../types";
import { CHART_COLORS, STRATEGY_STYLES } from "./palette";
import { chooseLabels } from "./labels";
import { MOVEMENT_LIMIT } from "./limits";
import { chooseMovements } from "./movements";
import { chooseRealised } from "./realised";
import type { AxisSpec, ChartNotice, ChartPoint, ChartSpec, Members, PreviousPosition, StrategySeries } from "./types";

export { AUTO_LABEL_LIMIT, MOVEMENT_LIMIT } from "./limits";
export { Leaders } from "./labels";

/** The workbook name of the chart; language-independent so a re-run finds its chart again. */
export const CHART_BASE_NAME = "Partnerkaart";
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

  const series = strategySeries(partners, members, language, labelled, sizeBySubsidy ? maxSubsidy : null);
  const labelledRows: number[] = [];
  const labelCandidates = labelled.listed ?? members;
  for (let k = 0; k < labelCandidates.length; k++) if (labelled.has(labelCandidates[k])) labelledRows.push(partners.row[labelCandidates[k]]);

  const { movements, realised } = chooseArrows(analysis, options, members, notices);

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

/** One series per strategy; its points are built when a renderer reads them. */
function strategySeries(partners: PartnerColumns, members: Members, language: Language, labelled: { has(partner: number): boolean }, maxSubsidy: number | null): StrategySeries[] {
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
      markerSize: maxSubsidy !== null ? subsidyMarkerSize(subsidy, maxSubsidy) : DEFAULT_MARKER_SIZE,
      labelled: labelled.has(i),
    };
  };
  // Points are built when a renderer reads them: the SVG draws them, while Excel's chart reads
  // its points from the sheet and needs none of these objects.
  return STRATEGY_KEYS.map((strategy, code) => {
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
}

/** The advised and the realised movement, each capped, with a notice when the cap left some out. */
function chooseArrows(analysis: Analysis, options: ChartSpecOptions, members: Members, notices: ChartNotice[]) {
  const language = options.language;
  const movements = options.movement ? chooseMovements(analysis, members) : { shown: [], total: 0 };
  if (movements.shown.length < movements.total) {
    notices.push(notice(language, "chart.notice.movementLimited", { shown: movements.shown.length, total: movements.total }));
  }
  const realised = options.previous ? chooseRealised(analysis, members, options.previous, MOVEMENT_LIMIT) : { shown: [], total: 0 };
  if (realised.shown.length < realised.total) {
    notices.push(notice(language, "chart.notice.realisedLimited", { shown: realised.shown.length, total: realised.total }));
  }
  return { movements, realised };
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
