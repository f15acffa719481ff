import { useEffect, useMemo, useState } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { warningText } from "../core/i18n";
import type { AnalysisWarning, Scale, SkippedRow, SkipReason } from "../core/types";
import { useTexts, type Texts } from "./i18n";
import { formatUserNumber } from "./model";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** A skipped row's reason in the user's language, with the scale for out-of-scale scores. */
export function skipReasonText(texts: Texts, skipped: SkippedRow, scales: { influence: Scale; dependency: Scale } | null): string {
  const scale = skipped.reason === "dependency-out-of-scale" ? scales?.dependency : scales?.influence;
  return texts.c(`skip.${skipped.reason}`, {
    row: skipped.row,
    column: skipped.column ?? "?",
    value: skipped.value ?? "",
    min: scale ? formatUserNumber(scale.min, texts.locale) : "?",
    max: scale ? formatUserNumber(scale.max, texts.locale) : "?",
  });
}

interface SkippedSectionProps {
  skipped: SkippedRow[];
  scales: { influence: Scale; dependency: Scale } | null;
  onSelectRow: (row: number) => void;
}

/**
 * Skipped rows listed a page at a time: a register of 100,000 rows can skip thousands, and a
 * list item with a button for each would make the pane slow to draw and long to scroll. Past a
 * page, the counts per reason come first: they tell what to fix in the register.
 */
export const SKIPPED_PAGE = 50;

export function SkippedSection({ skipped, scales, onSelectRow }: SkippedSectionProps) {
  const texts = useTexts();
  const styles = useStyles();
  const [shown, setShown] = useState(SKIPPED_PAGE);
  useEffect(() => setShown(SKIPPED_PAGE), [skipped]);
  const byReason = useMemo(() => {
    const counts = new Map<SkipReason, number>();
    for (const row of skipped) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
    return [...counts];
  }, [skipped]);
  if (skipped.length === 0) return null;
  const format = (n: number) => new Intl.NumberFormat(texts.locale).format(n);
  const paged = skipped.length > SKIPPED_PAGE;
  const remaining = skipped.length - shown;
  return (
    <div className={styles.stack}>
      {paged && (
        <>
          <h3 id="skipped-reasons-heading">{texts.p("skipped.byReason")}</h3>
          <ul className={styles.list} aria-labelledby="skipped-reasons-heading">
            {byReason.map(([reason, count]) => (
              <li key={reason}>
                <Text>{texts.p("skipped.reasonCount", { reason: texts.p(`skipped.reason.${reason}`), count: format(count) })}</Text>
              </li>
            ))}
          </ul>
          <Text>{texts.p("skipped.shownOf", { shown: format(Math.min(shown, skipped.length)), count: format(skipped.length) })}</Text>
        </>
      )}
      <ul className={styles.list}>
        {skipped.slice(0, shown).map((row) => (
          <li key={`${row.row}-${row.reason}`}>
            <Text>{skipReasonText(texts, row, scales)}</Text>{" "}
            <Button size="small" appearance="secondary" onClick={() => onSelectRow(row.row)}>
              {texts.p("skipped.select", { row: row.row })}
            </Button>
          </li>
        ))}
      </ul>
      {remaining > 0 && (
        <div>
          <Button onClick={() => setShown((n) => n + SKIPPED_PAGE)}>{texts.p("skipped.showMore", { count: format(Math.min(SKIPPED_PAGE, remaining)) })}</Button>
        </div>
      )}
    </div>
  );
}

/** Duplicate partners named in full before the rest are counted: there can be thousands. */
export const DUPLICATES_SHOWN = 10;

/** What the analysis noticed about the register (the same partner twice, a hidden column, a guessed scale). */
export function NoticesSection({ warnings }: { warnings: AnalysisWarning[] }) {
  const texts = useTexts();
  const styles = useStyles();
  if (warnings.length === 0) return null;
  const duplicates = warnings.filter((w) => w.code === "duplicate-partner");
  const shown = [...warnings.filter((w) => w.code !== "duplicate-partner"), ...duplicates.slice(0, DUPLICATES_SHOWN)];
  const more = duplicates.length - DUPLICATES_SHOWN;
  return (
    <div className={styles.stack}>
      <ul className={styles.list}>
        {shown.map((warning, i) => (
          <li key={`${warning.code}-${i}`}>
            <Text>{warningText(texts.language, warning)}</Text>
          </li>
        ))}
        {more > 0 && (
          <li>
            <Text>{texts.p("notes.moreDuplicates", { count: new Intl.NumberFormat(texts.locale).format(more) })}</Text>
          </li>
        )}
      </ul>
    </div>
  );
}
