import { memo } from "react";
import { Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { CONCEPT_KEYS, type Analysis, type ConceptKey, type HeaderCellInfo, type Scale } from "../core/types";
import { useTexts } from "./i18n";
import { formatUserNumber, type ScaleDraft } from "./model";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-start" },
  grow: { flexGrow: 1, flexBasis: 0, minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
  visuallyHidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  // A native select is as wide as its longest option; keep it inside the narrow pane.
  select: { minWidth: 0, maxWidth: "100%", "& select": { minWidth: 0, maxWidth: "100%" } },
});

const NONE = "none";

interface MappingSectionProps {
  analysis: Analysis;
  headers: HeaderCellInfo[];
  onChange: (concept: ConceptKey, column: number | null) => void;
}

/**
 * One native select per concept listing the register's headers plus "none": a styled <select> is
 * keyboard- and screen-reader-friendly everywhere and keeps the popup/positioning code out of the
 * pane's first download. Memoised: typing in the line fields must not re-render eight selects.
 */
export const MappingSection = memo(function MappingSection({ analysis, headers, onChange }: MappingSectionProps) {
  const { p, c } = useTexts();
  const styles = useStyles();
  const optionText = (h: HeaderCellInfo) => p("mapping.columnOption", { letter: h.letter, header: h.header });
  return (
    <div className={styles.stack}>
      <Text className={styles.muted}>{p("mapping.hint")}</Text>
      {CONCEPT_KEYS.map((concept) => {
        const mapped = analysis.mapping[concept];
        const value = mapped ? String(mapped.column) : NONE;
        // A mapped column outside the listed headers still needs an option, or the select would show another one.
        const unlisted = mapped && !headers.some((h) => h.column === mapped.column) ? mapped : undefined;
        return (
          <Field key={concept} label={c(`concept.${concept}`)} hint={mapped?.source === "user" ? p("mapping.userChosen") : undefined}>
            <Select
              className={styles.select}
              value={value}
              onChange={(_, data) => {
                if (data.value === value) return;
                onChange(concept, data.value === NONE ? null : Number(data.value));
              }}
            >
              <option value={NONE}>{p("mapping.none")}</option>
              {headers.map((h) => (
                <option key={h.column} value={String(h.column)}>
                  {optionText(h)}
                </option>
              ))}
              {unlisted && <option value={String(unlisted.column)}>{unlisted.header}</option>}
            </Select>
          </Field>
        );
      })}
    </div>
  );
});

interface ScaleSectionProps {
  analysis: Analysis;
  drafts: Partial<Record<"influence" | "dependency", ScaleDraft>>;
  onDraft: (axis: "influence" | "dependency", draft: ScaleDraft) => void;
  invalid: Partial<Record<"influence" | "dependency", boolean>>;
}

export function ScaleSection({ analysis, drafts, onDraft, invalid }: ScaleSectionProps) {
  const styles = useStyles();
  return (
    <div className={styles.stack}>
      <ScaleFields axis="influence" scale={analysis.influenceScale} draft={drafts.influence} onDraft={onDraft} invalid={!!invalid.influence} />
      <ScaleFields axis="dependency" scale={analysis.dependencyScale} draft={drafts.dependency} onDraft={onDraft} invalid={!!invalid.dependency} />
    </div>
  );
}

interface ScaleFieldsProps {
  axis: "influence" | "dependency";
  scale: Scale;
  draft: ScaleDraft | undefined;
  onDraft: ScaleSectionProps["onDraft"];
  invalid: boolean;
}

function ScaleFields({ axis, scale, draft, onDraft, invalid }: ScaleFieldsProps) {
  const { p, locale } = useTexts();
  const styles = useStyles();
  const fmt = (n: number) => formatUserNumber(n, locale);
  const shown: ScaleDraft = draft ?? { min: fmt(scale.min), max: fmt(scale.max) };
  const title = p(axis === "influence" ? "scale.influence" : "scale.dependency");
  const summary = p("scale.summary", { min: fmt(scale.min), max: fmt(scale.max), source: p(`scale.source.${scale.source}`) });
  const isLabels = scale.kind === "labels";
  // Short visible labels fit the narrow pane; the axis name is read out with them.
  const boundLabel = (end: "min" | "max") => (
    <>
      <span className={styles.visuallyHidden}>{`${title}: `}</span>
      {p(end === "min" ? "scale.min" : "scale.max")}
    </>
  );
  const boundInput = (end: "min" | "max") => (
    <Input className={styles.input} inputMode="decimal" value={shown[end]} disabled={isLabels} onChange={(_, d) => onDraft(axis, { ...shown, [end]: d.value })} />
  );
  return (
    <div role="group" aria-labelledby={`scale-${axis}-title`} className={styles.stack}>
      <h3 id={`scale-${axis}-title`}>{title}</h3>
      <Text>{summary}</Text>
      {isLabels && scale.labels && <Text className={styles.muted}>{p("scale.labels", { labels: scale.labels.join(", ") })}</Text>}
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={boundLabel("min")}
          hint={isLabels ? p("scale.labelsFixed") : undefined}
          validationState={invalid ? "error" : "none"}
          validationMessage={invalid ? p("scale.invalid") : undefined}
        >
          {boundInput("min")}
        </Field>
        <Field className={styles.grow} label={boundLabel("max")}>
          {boundInput("max")}
        </Field>
      </div>
    </div>
  );
}
