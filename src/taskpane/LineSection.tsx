import { useMemo } from "react";
import { Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ChartOptions } from "../core/host";
import type { Analysis } from "../core/types";
import type { ChartSpec } from "../core/chart/types";
import { buildChartSpec } from "../core/chart/spec";
import { renderChartSvg } from "../core/chart/svg";
import { useTexts } from "./i18n";
import { formatUserNumber, type FieldProblem, type LineCheck, type LineDraft } from "./model";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  preview: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    // The SVG is drawn in the chart's own colours (the shared palette); a light card keeps them legible in dark mode.
    backgroundColor: tokens.colorNeutralBackground1,
    margin: 0,
    "& svg": { width: "100%", height: "auto", display: "block" },
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The preview's plot in SVG pixels: drawn about as large as the pane shows it, so its text stays readable. */
const PREVIEW_PLOT = { width: 270, height: 220 };
const PREVIEW_HEIGHT = PREVIEW_PLOT.height + 172; // the renderer's margins above and below the plot
/** Room kept around the plot for the tick labels and axis titles. */
const CROP = { left: 68, top: 4, right: 8, bottom: 54 };

/**
 * The chart as a pane-sized preview: the plot with its ticks and axis titles only. The renderer draws
 * a title, legend and notes around the plot for a full-size chart; at pane width they would shrink
 * the plot and every text to a few pixels, so the preview is sized for its plot and cropped to it.
 */
export function previewSvg(spec: ChartSpec): string {
  const render = (width: number) => renderChartSvg(spec, { idPrefix: "preview", width, height: PREVIEW_HEIGHT });
  const plotOf = (svg: string) => {
    const match = /class="plot-area" data-x="([\d.]+)" data-y="([\d.]+)" data-width="([-\d.]+)" data-height="([-\d.]+)"/.exec(svg);
    return match ? { x: Number(match[1]), y: Number(match[2]), width: Number(match[3]), height: Number(match[4]) } : null;
  };
  // The legend's width depends on its texts: a first render tells how much the plot got.
  const first = render(640);
  const firstPlot = plotOf(first);
  if (!firstPlot) return first;
  const svg = render(640 + PREVIEW_PLOT.width - firstPlot.width);
  const plot = plotOf(svg) ?? firstPlot;
  const x = plot.x - CROP.left;
  const y = plot.y - CROP.top;
  const width = Math.round(plot.width + CROP.left + CROP.right);
  const height = Math.round(plot.height + CROP.top + CROP.bottom);
  return svg.replace(/^<svg([^>]*?) width="[^"]*" height="[^"]*" viewBox="[^"]*"/, `<svg$1 width="${width}" height="${height}" viewBox="${x} ${y} ${width} ${height}"`);
}

interface LineSectionProps {
  analysis: Analysis;
  draft: LineDraft;
  check: LineCheck;
  chart: ChartOptions;
  onDraft: (draft: LineDraft) => void;
  /** The analysis the preview shows: it follows the committed (debounced) line. */
  previewAnalysis: Analysis;
}

export function LineSection({ analysis, draft, check, chart, onDraft, previewAnalysis }: LineSectionProps) {
  const { p, language, locale } = useTexts();
  const styles = useStyles();
  const fmt = (n: number) => formatUserNumber(n, locale);
  const influenceHint = p("line.hintInfluence", { min: fmt(analysis.influenceScale.min), max: fmt(analysis.influenceScale.max) });
  const thresholdHint = p("line.hintThreshold", { min: fmt(analysis.dependencyScale.min), max: fmt(analysis.dependencyScale.max) });
  const message = (problem: FieldProblem | undefined) => (problem ? p(problem.key, problem.params) : undefined);
  const valid = check.line !== null;

  const svg = useMemo(() => {
    if (!valid) return null;
    // No name labels: at pane size they would cover the points the preview is for.
    const specs = buildChartSpec(previewAnalysis, { ...chart, labels: "none", perGoal: false, language });
    return specs.length > 0 ? previewSvg(specs[0]) : null;
  }, [valid, previewAnalysis, chart, language]);

  const field = (key: keyof LineDraft, label: string, hint: string) => (
    <Field
      label={label}
      hint={hint}
      validationState={check.problems[key] ? "error" : "none"}
      validationMessage={message(check.problems[key])}
    >
      <Input inputMode="decimal" value={draft[key]} onChange={(_, data) => onDraft({ ...draft, [key]: data.value })} />
    </Field>
  );

  return (
    <section aria-labelledby="line-heading" className={styles.stack}>
      <h2 id="line-heading">{p("line.heading")}</h2>
      {field("atLowest", p("line.atLowest"), influenceHint)}
      {field("atHighest", p("line.atHighest"), influenceHint)}
      {field("threshold", p("line.threshold"), thresholdHint)}
      {svg ? (
        // The SVG carries its own role="img", title and description; the figure names it as a preview.
        <figure aria-label={p("line.preview")} className={styles.preview} dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <Text className={styles.muted}>{p("line.previewUnavailable")}</Text>
      )}
    </section>
  );
}
