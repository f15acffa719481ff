import { useEffect, useId, useState, type ReactNode } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useTexts } from "./i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
  // The heading's whole width is the button: a large target for pointer and touch.
  toggle: {
    display: "flex",
    // A long title and its "needs a look" do not fit a 320 px pane on one line: the latter wraps below.
    flexWrap: "wrap",
    width: "100%",
    alignItems: "baseline",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    border: "none",
    background: "none",
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    textAlign: "start",
    cursor: "pointer",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusMedium },
  },
  chevron: { flexShrink: 0, width: "1em", display: "inline-block", transition: "transform 0.1s" },
  chevronOpen: { transform: "rotate(90deg)" },
  title: { flexShrink: 0 },
  summary: { fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minWidth: 0 },
  attention: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteDarkOrangeForeground1 },
});

interface SectionProps {
  id: string;
  title: string;
  /** One line shown beside the title while the section is closed (and open): what it holds now. */
  summary?: string;
  /**
   * Something here needs the user's eye (a guessed column or scale, duplicates): the section opens
   * by itself when this becomes true, and says so beside its title.
   */
  needsLook?: boolean;
  /** A change of this key (another sheet) lets a section the user closed open by itself again. */
  resetKey?: string;
  children: ReactNode;
}

/** A section collapsed by default: a heading that is a disclosure button (aria-expanded), its content rendered only when open. */
export function Section({ id, title, summary, needsLook = false, resetKey, children }: SectionProps) {
  const { p } = useTexts();
  const styles = useStyles();
  const bodyId = useId();
  const [open, setOpen] = useState(needsLook);
  useEffect(() => {
    if (needsLook) setOpen(true);
  }, [needsLook, resetKey]);
  return (
    <section aria-labelledby={`${id}-heading`} className={styles.section}>
      <h2 id={`${id}-heading`}>
        <button type="button" className={styles.toggle} aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span aria-hidden="true" className={mergeClasses(styles.chevron, open && styles.chevronOpen)}>
            ›
          </span>
          <span className={styles.title}>{title}</span>
          {needsLook && <span className={styles.attention}>{p("section.needsLook")}</span>}
        </button>
      </h2>
      {summary && <span className={styles.summary}>{summary}</span>}
      <div id={bodyId} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
