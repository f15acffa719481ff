/**
 * The ambition line set on the chart: the partners as points in their strategy's colour under the
 * line as it is now, the line with a handle at each end, and the high-dependency threshold with a
 * handle of its own. Every handle is an ARIA slider (arrow keys one step, Page Up/Down ten, Home/End)
 * and follows the pointer. Below it: the live figures for this line, then the exact number fields.
 * Loaded when the section is first opened.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from "react";
import { Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { STRATEGY_STYLES } from "../core/chart";
import { STRATEGY_KEYS, type Analysis, type Scale } from "../core/types";
import type { LiveFigures } from "./hooks";
import { useTexts } from "./i18n";
import { formatUserNumber, handleStep, parseUserNumber, roundToStep, type FieldProblem, type LineCheck, type LineDraft } from "./model";
import { ChangesList, FiguresTables, formatEuros } from "./ResultSection";

/** At most this many points are drawn: beyond it a sample in register order shows the cloud as well, and dragging stays smooth. */
export const MAX_POINTS_DRAWN = 1500;

const VIEW = { width: 300, height: 240 };
const PLOT = { left: 34, right: 14, top: 12, bottom: 34 };
const PLOT_WIDTH = VIEW.width - PLOT.left - PLOT.right;
const PLOT_HEIGHT = VIEW.height - PLOT.top - PLOT.bottom;

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  figure: {
    margin: 0,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  chart: { display: "block", width: "100%", height: "auto", touchAction: "none", userSelect: "none" },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  grid: { stroke: tokens.colorNeutralStroke3, strokeWidth: 1 },
  tick: { fill: tokens.colorNeutralForeground2, fontSize: "10px" },
  line: { stroke: tokens.colorNeutralForeground1, strokeWidth: 2.5 },
  threshold: { stroke: tokens.colorNeutralForeground2, strokeWidth: 1.5, strokeDasharray: "5 4" },
  handle: {
    cursor: "grab",
    outline: "none",
    "& .ring": { fill: tokens.colorNeutralBackground1, stroke: tokens.colorBrandStroke1, strokeWidth: 2.5 },
    "& .focus": { fill: "none", stroke: "transparent", strokeWidth: 2.5 },
    ":focus-visible .focus": { stroke: tokens.colorStrokeFocus2 },
    ":active": { cursor: "grabbing" },
  },
  caption: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

type HandleKey = keyof LineDraft;

interface LineEditorProps {
  analysis: Analysis;
  draft: LineDraft;
  check: LineCheck;
  live: LiveFigures | null;
  /** Whether the changes count against an applied line (else against the line as read). */
  sinceApplied: boolean;
  onDraft: (draft: LineDraft) => void;
}

/** Tick values for a scale: about five, on round numbers. */
function ticksOf(scale: Pick<Scale, "min" | "max">): number[] {
  const range = scale.max - scale.min;
  const rough = range / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(scale.min / step) * step; v <= scale.max + 1e-9; v += step) ticks.push(roundToStep(v, step));
  return ticks;
}

type Shown = Record<HandleKey, number>;
type PlotScale = { x: (dependency: number) => number; y: (influence: number) => number };

export function LineEditor({ analysis, draft, check, live, sinceApplied, onDraft }: LineEditorProps) {
  const { p, locale } = useTexts();
  const styles = useStyles();
  const fmt = (n: number) => formatUserNumber(n, locale);
  // What the handles show: the draft's numbers, or the analysed line where a field holds no number.
  const shown: Shown = {
    atLowest: parseUserNumber(draft.atLowest) ?? analysis.line.atLowestDependency,
    atHighest: parseUserNumber(draft.atHighest) ?? analysis.line.atHighestDependency,
    threshold: parseUserNumber(draft.threshold) ?? analysis.highDependencyAbove,
  };
  const placement = live?.placement ?? null;
  const changes = live?.changes ?? null;
  const message = (problem: FieldProblem | undefined) => (problem ? p(problem.key, problem.params) : undefined);
  const field = (key: HandleKey, label: string, hint: string) => (
    <Field label={label} hint={hint} validationState={check.problems[key] ? "error" : "none"} validationMessage={message(check.problems[key])}>
      <Input inputMode="decimal" value={draft[key]} onChange={(_, data) => onDraft({ ...draft, [key]: data.value })} />
    </Field>
  );
  const influenceHint = p("line.hintInfluence", { min: fmt(analysis.influenceScale.min), max: fmt(analysis.influenceScale.max) });
  const thresholdHint = p("line.hintThreshold", { min: fmt(analysis.dependencyScale.min), max: fmt(analysis.dependencyScale.max) });

  return (
    <div className={styles.stack}>
      <LineChart analysis={analysis} draft={draft} shown={shown} placement={placement} onDraft={onDraft} />

      {placement && (
        <section aria-labelledby="live-heading" className={styles.stack}>
          <h3 id="live-heading">{p("line.live.heading")}</h3>
          <Text>
            {p("line.live.below", {
              count: new Intl.NumberFormat(locale).format(placement.summary.byPosition.below.count),
              amount: formatEuros(placement.summary.byPosition.below.subsidy, locale),
            })}
          </Text>
          <FiguresTables summary={placement.summary} idPrefix="live" headings={{ byStrategy: p("line.live.byStrategy"), byPosition: p("line.live.byPosition") }} />
          <ChangesList
            changes={changes}
            heading={p(sinceApplied ? "line.live.changesSinceApplied" : "line.live.changesSinceRead", { count: changes?.count ?? 0 })}
            none=""
          />
        </section>
      )}

      <div role="group" aria-labelledby="line-fields-heading" className={styles.stack}>
        <h3 id="line-fields-heading">{p("line.fields")}</h3>
        {field("atLowest", p("line.atLowest"), influenceHint)}
        {field("atHighest", p("line.atHighest"), influenceHint)}
        {field("threshold", p("line.threshold"), thresholdHint)}
      </div>
    </div>
  );
}

type Placement = NonNullable<LiveFigures["placement"]>;

/** The chart: partners as points, the line and the threshold, and the three handles. */
function LineChart({ analysis, draft, shown, placement, onDraft }: { analysis: Analysis; draft: LineDraft; shown: Shown; placement: Placement | null; onDraft: (draft: LineDraft) => void }) {
  const { p, locale } = useTexts();
  const styles = useStyles();
  const svgRef = useRef<SVGSVGElement>(null);
  const influence = analysis.influenceScale;
  const dependency = analysis.dependencyScale;
  const fmt = (n: number) => formatUserNumber(n, locale);
  const plot: PlotScale = {
    x: (d) => PLOT.left + ((d - dependency.min) / (dependency.max - dependency.min)) * PLOT_WIDTH,
    y: (i) => PLOT.top + (1 - (i - influence.min) / (influence.max - influence.min)) * PLOT_HEIGHT,
  };
  const { x, y } = plot;
  const { onKeyDown, pointerHandlers } = useHandleControls(analysis, draft, shown, onDraft, svgRef);

  const belowCount = placement ? placement.summary.byPosition.below.count : analysis.summary.byPosition.below.count;
  const handle = (key: HandleKey, cx: number, cy: number, label: string, scale: Pick<Scale, "min" | "max">, orientation: "vertical" | "horizontal") => (
    <g
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuemin={scale.min}
      aria-valuemax={scale.max}
      aria-valuenow={shown[key]}
      aria-valuetext={p("line.handle.valueText", { value: fmt(shown[key]), below: belowCount })}
      data-handle={key}
      className={styles.handle}
      onKeyDown={onKeyDown(key)}
      {...pointerHandlers(key)}
    >
      <circle className="focus" cx={cx} cy={cy} r={12} />
      <circle className="ring" cx={cx} cy={cy} r={7} />
    </g>
  );

  // Points in their strategy's colour under the line as shown; a sample of a very large register.
  const partners = analysis.partners;
  const every = Math.max(1, Math.ceil(partners.count / MAX_POINTS_DRAWN));
  const points = [];
  for (let i = 0; i < partners.count; i += every) {
    const strategy = STRATEGY_KEYS[placement ? placement.strategy[i] : partners.strategy[i]];
    points.push(<circle key={i} cx={x(partners.dependency[i])} cy={y(partners.influence[i])} r={3.5} fill={STRATEGY_STYLES[strategy].color} data-strategy={strategy} />);
  }

  return (
    <figure className={styles.figure} aria-labelledby="line-chart-caption">
      <svg ref={svgRef} className={styles.chart} viewBox={`0 0 ${VIEW.width} ${VIEW.height}`} role="group" aria-labelledby="line-chart-caption">
        <Axes analysis={analysis} plot={plot} />
        <g aria-hidden="true">
          <line className={styles.threshold} x1={x(shown.threshold)} x2={x(shown.threshold)} y1={PLOT.top} y2={PLOT.top + PLOT_HEIGHT} />
          {points}
          <line
            className={`ambition-line ${styles.line}`}
            data-y1={shown.atLowest}
            data-y2={shown.atHighest}
            x1={x(dependency.min)}
            y1={y(shown.atLowest)}
            x2={x(dependency.max)}
            y2={y(shown.atHighest)}
          />
        </g>
        {handle("atLowest", x(dependency.min), y(shown.atLowest), p("line.handle.atLowest"), influence, "vertical")}
        {handle("atHighest", x(dependency.max), y(shown.atHighest), p("line.handle.atHighest"), influence, "vertical")}
        {handle("threshold", x(shown.threshold), PLOT.top + PLOT_HEIGHT, p("line.handle.threshold"), dependency, "horizontal")}
      </svg>
      <figcaption id="line-chart-caption" className={styles.caption}>
        {p("line.chart")}
      </figcaption>
    </figure>
  );
}

/** Grid lines, ticks, the two axes and their titles. */
function Axes({ analysis, plot: { x, y } }: { analysis: Analysis; plot: PlotScale }) {
  const { c, locale } = useTexts();
  const styles = useStyles();
  const fmt = (n: number) => formatUserNumber(n, locale);
  return (
    <>
      {ticksOf(analysis.influenceScale).map((t) => (
        <g key={`y${t}`} aria-hidden="true">
          <line className={styles.grid} x1={PLOT.left} x2={PLOT.left + PLOT_WIDTH} y1={y(t)} y2={y(t)} />
          <text className={styles.tick} x={PLOT.left - 6} y={y(t) + 3} textAnchor="end">
            {fmt(t)}
          </text>
        </g>
      ))}
      {ticksOf(analysis.dependencyScale).map((t) => (
        <text key={`x${t}`} aria-hidden="true" className={styles.tick} x={x(t)} y={PLOT.top + PLOT_HEIGHT + 14} textAnchor="middle">
          {fmt(t)}
        </text>
      ))}
      <g aria-hidden="true">
        <line className={styles.axis} x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={PLOT.top + PLOT_HEIGHT} />
        <line className={styles.axis} x1={PLOT.left} x2={PLOT.left + PLOT_WIDTH} y1={PLOT.top + PLOT_HEIGHT} y2={PLOT.top + PLOT_HEIGHT} />
        <text className={styles.tick} x={PLOT.left + PLOT_WIDTH / 2} y={VIEW.height - 4} textAnchor="middle">
          {c("concept.dependency")}
        </text>
        <text className={styles.tick} transform={`translate(10 ${PLOT.top + PLOT_HEIGHT / 2}) rotate(-90)`} textAnchor="middle">
          {c("concept.influence")}
        </text>
      </g>
    </>
  );
}

/** The handles' keyboard and pointer: each move kept within its scale, on its step, the line rising. */
function useHandleControls(analysis: Analysis, draft: LineDraft, shown: Shown, onDraft: (draft: LineDraft) => void, svgRef: RefObject<SVGSVGElement>) {
  const { locale } = useTexts();
  const [dragging, setDragging] = useState<HandleKey | null>(null);
  const influence = analysis.influenceScale;
  const dependency = analysis.dependencyScale;
  const influenceStep = handleStep(influence);
  const dependencyStep = handleStep(dependency);
  const clampTo = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

  /** A handle's new value, kept within its scale and the line rising. */
  const bounded = (key: HandleKey, value: number): number => {
    if (key === "threshold") return roundToStep(clampTo(value, dependency.min, dependency.max - dependencyStep), dependencyStep);
    const [min, max] = key === "atLowest" ? [influence.min, Math.min(influence.max, shown.atHighest)] : [Math.max(influence.min, shown.atLowest), influence.max];
    return roundToStep(clampTo(value, min, max), influenceStep);
  };
  const setHandle = (key: HandleKey, value: number) => {
    const next = bounded(key, value);
    if (next !== shown[key] || parseUserNumber(draft[key]) === null) onDraft({ ...draft, [key]: formatUserNumber(next, locale) });
  };

  const onKeyDown = (key: HandleKey) => (event: KeyboardEvent) => {
    const step = key === "threshold" ? dependencyStep : influenceStep;
    const [min, max] = key === "threshold" ? [dependency.min, dependency.max] : [influence.min, influence.max];
    const moves: Record<string, number> = {
      ArrowUp: step,
      ArrowRight: step,
      ArrowDown: -step,
      ArrowLeft: -step,
      PageUp: 10 * step,
      PageDown: -10 * step,
      Home: min - shown[key],
      End: max - shown[key],
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    setHandle(key, shown[key] + moves[event.key]);
  };

  /** The pointer's place in the chart's own units (the SVG scales with the pane). */
  const pointerValue = (key: HandleKey, event: PointerEvent): number | null => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return null;
    if (key === "threshold") {
      const px = ((event.clientX - box.left) / box.width) * VIEW.width;
      return dependency.min + ((px - PLOT.left) / PLOT_WIDTH) * (dependency.max - dependency.min);
    }
    const py = ((event.clientY - box.top) / box.height) * VIEW.height;
    return influence.min + (1 - (py - PLOT.top) / PLOT_HEIGHT) * (influence.max - influence.min);
  };
  const pointerHandlers = (key: HandleKey) => ({
    onPointerDown: (event: PointerEvent<SVGGElement>) => {
      event.currentTarget.setPointerCapture?.(event.pointerId);
      event.currentTarget.focus();
      setDragging(key);
    },
    onPointerMove: (event: PointerEvent<SVGGElement>) => {
      if (dragging !== key) return;
      const value = pointerValue(key, event);
      if (value !== null) setHandle(key, value);
    },
    onPointerUp: () => setDragging(null),
    onPointerCancel: () => setDragging(null),
  });
  return { onKeyDown, pointerHandlers };
}
