import { memo } from "react";
import { Checkbox, Field, Radio, RadioGroup, Select, makeStyles, tokens } from "@fluentui/react-components";
import type { ChartOptions, LabelRule } from "../core/host";
import { useTexts } from "./i18n";
import type { PaneOutput } from "./state";

const LABEL_RULES: readonly LabelRule[] = ["auto", "all", "below-line", "largest-subsidies", "none"];
const ALL_GOALS = "";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // A native select is as wide as its longest option; keep it inside the narrow pane.
  select: { minWidth: 0, maxWidth: "100%", "& select": { minWidth: 0, maxWidth: "100%" } },
});

interface OptionsSectionProps {
  output: PaneOutput;
  goals: string[];
  onChange: (output: PaneOutput) => void;
}

export const OptionsSection = memo(function OptionsSection({ output, goals, onChange }: OptionsSectionProps) {
  const { p } = useTexts();
  const styles = useStyles();
  const chart = output.chart;
  const setChart = (change: Partial<ChartOptions>) => onChange({ ...output, chart: { ...chart, ...change } });
  const chartOff = !chart.enabled;
  return (
    <div className={styles.stack}>
      <Field label={p("options.mode")}>
        <RadioGroup value={output.mode} onChange={(_, data) => onChange({ ...output, mode: data.value as PaneOutput["mode"] })}>
          <Radio value="formulas" label={p("options.mode.formulas")} />
          <Radio value="values" label={p("options.mode.values")} />
        </RadioGroup>
      </Field>
      <div role="group" aria-labelledby="chart-options-heading" className={styles.stack}>
        <h3 id="chart-options-heading">{p("options.chart")}</h3>
        <Checkbox checked={chart.enabled} label={p("options.chart.enabled")} onChange={(_, data) => setChart({ enabled: data.checked === true })} />
        <Field label={p("options.chart.placement")}>
          <RadioGroup
            value={chart.placement}
            disabled={chartOff}
            onChange={(_, data) => setChart({ placement: data.value as ChartOptions["placement"] })}
          >
            <Radio value="beside-register" label={p("options.chart.placement.beside-register")} />
            <Radio value="parameter-sheet" label={p("options.chart.placement.parameter-sheet")} />
          </RadioGroup>
        </Field>
        <Field label={p("options.chart.labels")} hint={p("options.chart.labels.hint")}>
          <Select className={styles.select} value={chart.labels} disabled={chartOff} onChange={(_, data) => setChart({ labels: data.value as LabelRule })}>
            {LABEL_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {p(`options.chart.labels.${rule}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          checked={chart.movement}
          disabled={chartOff}
          label={p("options.chart.movement")}
          onChange={(_, data) => setChart({ movement: data.checked === true })}
        />
        <Checkbox
          checked={chart.sizeBySubsidy}
          disabled={chartOff}
          label={p("options.chart.sizeBySubsidy")}
          onChange={(_, data) => setChart({ sizeBySubsidy: data.checked === true })}
        />
        <Checkbox
          checked={chart.perGoal}
          disabled={chartOff || goals.length === 0}
          label={p("options.chart.perGoal")}
          onChange={(_, data) => setChart({ perGoal: data.checked === true })}
        />
        <Field label={p("options.chart.goal")}>
          <Select
            className={styles.select}
            value={chart.goal ?? ALL_GOALS}
            disabled={chartOff || chart.perGoal || goals.length === 0}
            onChange={(_, data) => setChart({ goal: data.value === ALL_GOALS ? null : data.value })}
          >
            <option value={ALL_GOALS}>{p("options.chart.goal.all")}</option>
            {(chart.goal && !goals.includes(chart.goal) ? [...goals, chart.goal] : goals).map((goal) => (
              <option key={goal} value={goal}>
                {goal}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </div>
  );
});
