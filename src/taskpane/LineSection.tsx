import { useMemo } from "react";
import { Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ChartOptions } from "../core/host";
import type { Analysis } from "../core/types";
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
    const specs = buildChartSpec(previewAnalysis, { ...chart, perGoal: false, language });
    return specs.length > 0 ? renderChartSvg(specs[0], { idPrefix: "preview" }) : null;
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
