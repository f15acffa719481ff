/**
 * The partner page: everything a civil servant may share with ONE partner about that partner,
 * and a chart in which only that partner is named. Pure data, drawn by the SVG renderer
 * (./svg), printed by the CLI and written to a sheet by src/excel/partner-page.
 *
 * What the page may hold about other partners: their points, as anonymous (dependency,
 * influence) pairs sorted by value, so neither their names, their subsidies nor their order in
 * the register can be read from it.
 */
import { buildChartSpec, STRATEGY_STYLES, type AxisSpec, type ChartLineSpec, type MarkerShape, type ThresholdSpec } from "../chart";
import { LINE_LABEL_KEYS, SERIES_NAME_KEYS } from "./layout";
import { strategyMeaning, strategyProposal } from "./texts";
import { DEFAULT_CHART_OPTIONS, type Language } from "../host";
import { t } from "../i18n";
import { isAbove, strategyAt, subsidyAt } from "../partners";
import type { Analysis, Position, Scale, StrategyKey } from "../types";

export interface PartnerPageOptions {
  language: Language;
  /** Shown on the page as it is (the caller decides the format, e.g. "2026-12-06"). */
  date: string;
  /** The subsidy amount of this partner appears only when asked for. */
  includeSubsidy: boolean;
}

/** One line of the page: a label and its value (text, or a number the sheet keeps as a number). */
export interface PartnerPageLine {
  key: keyof typeof LINE_LABEL_KEYS;
  label: string;
  value: string | number;
  /** How the value reads in text ("3 (scale 1–5)"); equals `value` for texts. */
  text: string;
}

export interface PartnerPoint {
  x: number;
  y: number;
}

export interface PartnerChartSpec {
  title: string;
  subtitle: string;
  language: Language;
  width: number;
  height: number;
  xAxis: AxisSpec;
  yAxis: AxisSpec;
  line: ChartLineSpec;
  threshold: ThresholdSpec;
  /** The one named point. */
  partner: { name: string; strategy: StrategyKey; strategyName: string; color: string; marker: MarkerShape; x: number; y: number };
  /** The advised movement, or null when the strategy is to stay. */
  movement: { from: PartnerPoint; to: PartnerPoint; name: string } | null;
  /** Every other analysed partner: coordinates only, sorted by x then y. */
  others: PartnerPoint[];
  othersName: string;
  othersColor: string;
}

export interface PartnerPageSpec {
  /** The partner's name as the register holds it. */
  partner: string;
  /** 1-based register row of the partner. */
  row: number;
  title: string;
  lines: PartnerPageLine[];
  chart: PartnerChartSpec;
}

const OTHERS_COLOR = "#9CA3AF";

const NUMBER_FORMATS: Record<Language, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 3, useGrouping: false }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3, useGrouping: false }),
};

/** A score or gap as the reader writes numbers ("3,5" in Dutch). */
function formatScore(language: Language, value: number): string {
  return NUMBER_FORMATS[language].format(value);
}

/** Index into analysis.partners of the first partner called `name` (trimmed, any case), or -1. */
export function findPartner(analysis: Analysis, name: string): number {
  const wanted = name.trim().toLocaleLowerCase("nl");
  const names = analysis.partners.partner;
  for (let i = 0; i < analysis.partners.count; i++) if (names[i].trim().toLocaleLowerCase("nl") === wanted) return i;
  return -1;
}

/** Indices of the partners below the ambition line, in register order. */
export function partnersBelowLine(analysis: Analysis): number[] {
  const list: number[] = [];
  for (let i = 0; i < analysis.partners.count; i++) if (!isAbove(analysis.partners, i)) list.push(i);
  return list;
}

/** The page of partner `index` (into analysis.partners). */
export function buildPartnerPage(analysis: Analysis, index: number, options: PartnerPageOptions): PartnerPageSpec {
  const { language } = options;
  const columns = analysis.partners;
  if (!(index >= 0 && index < columns.count)) throw new RangeError(`No analysed partner at index ${index}`);
  const name = columns.partner[index];
  const goal = columns.goal[index];
  const influence = columns.influence[index];
  const dependency = columns.dependency[index];
  const strategy = strategyAt(columns, index);
  const position: Position = isAbove(columns, index) ? "above" : "below";
  const target = { influence: columns.targetInfluence[index], dependency: columns.targetDependency[index] };
  const moves = target.influence !== influence || target.dependency !== dependency;

  const label = (key: PartnerPageLine["key"]) => t(language, LINE_LABEL_KEYS[key]);
  const text = (key: PartnerPageLine["key"], value: string) => ({ key, label: label(key), value, text: value });
  const number = (key: PartnerPageLine["key"], value: number, shown = formatScore(language, value)) => ({ key, label: label(key), value, text: shown });
  const numbers = { influence: formatScore(language, influence), dependency: formatScore(language, dependency) };

  const lines: PartnerPageLine[] = [text("partner", name)];
  if (goal !== null && goal.trim() !== "") lines.push(text("goal", goal));
  lines.push(
    number("influence", influence, scoreText(language, influence, analysis.influenceScale)),
    number("dependency", dependency, scoreText(language, dependency, analysis.dependencyScale)),
    number("requiredInfluence", columns.requiredInfluence[index]),
    number("gap", columns.gap[index]),
    text("position", t(language, `position.${position}`)),
    text("strategy", t(language, `strategy.${strategy}`)),
    text("meaning", strategyMeaning(language, strategy)),
    text("proposal", strategyProposal(language, strategy)),
    text(
      "movement",
      moves
        ? t(language, "partner.movement.move", { ...numbers, targetInfluence: formatScore(language, target.influence), targetDependency: formatScore(language, target.dependency) })
        : t(language, "partner.movement.stay", numbers),
    ),
  );
  const subsidy = subsidyAt(columns, index);
  if (options.includeSubsidy && subsidy !== null) lines.push(number("subsidy", subsidy, formatAmount(language, subsidy)));
  lines.push(text("date", options.date));

  return {
    partner: name,
    row: columns.row[index],
    title: t(language, "partner.title"),
    lines,
    chart: buildPartnerChart(analysis, index, language, moves ? { from: { x: dependency, y: influence }, to: { x: target.dependency, y: target.influence } } : null),
  };
}

function buildPartnerChart(analysis: Analysis, index: number, language: Language, movement: { from: PartnerPoint; to: PartnerPoint } | null): PartnerChartSpec {
  // The full chart's axes, line and threshold, so the partner sees the same frame as the register's chart.
  const [frame] = buildChartSpec(analysis, { ...DEFAULT_CHART_OPTIONS, labels: "none", movement: false, sizeBySubsidy: false, perGoal: false, goal: null, language });
  const columns = analysis.partners;
  const strategy = strategyAt(columns, index);
  const others: PartnerPoint[] = [];
  for (let i = 0; i < columns.count; i++) if (i !== index) others.push({ x: columns.dependency[i], y: columns.influence[i] });
  others.sort((a, b) => a.x - b.x || a.y - b.y);
  return {
    title: t(language, "partner.chartTitle", { partner: columns.partner[index] }),
    subtitle: t(language, "partner.chartSubtitle"),
    language,
    width: frame.width,
    height: frame.height,
    xAxis: frame.xAxis,
    yAxis: frame.yAxis,
    line: frame.line,
    threshold: frame.threshold,
    partner: {
      name: columns.partner[index],
      strategy,
      strategyName: t(language, `strategy.${strategy}`),
      color: STRATEGY_STYLES[strategy].color,
      marker: STRATEGY_STYLES[strategy].marker,
      x: columns.dependency[index],
      y: columns.influence[index],
    },
    movement: movement && { ...movement, name: t(language, SERIES_NAME_KEYS.movement) },
    others,
    othersName: t(language, SERIES_NAME_KEYS.others),
    othersColor: OTHERS_COLOR,
  };
}

function scoreText(language: Language, value: number, scale: Scale): string {
  const ends = scale.kind === "labels" && scale.labels ? [scale.labels[0], scale.labels[scale.labels.length - 1]] : [formatScore(language, scale.min), formatScore(language, scale.max)];
  const shown = scale.kind === "labels" && scale.labels && Number.isInteger(value) ? `${value} – ${scale.labels[value - scale.min]}` : formatScore(language, value);
  return t(language, "partner.score", { value: shown, min: ends[0], max: ends[1] });
}

function formatAmount(language: Language, amount: number): string {
  return `€ ${amount.toLocaleString(language === "nl" ? "nl-NL" : "en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
}

/** The page as plain text, one "label: value" line each (the CLI's output without --chart). */
export function partnerPageText(page: PartnerPageSpec): string {
  return [page.title, "", ...page.lines.map((line) => `${line.label}: ${line.text}`)].join("\n");
}
