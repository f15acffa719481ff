import { forwardRef, useId, useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import type { HostFailure } from "../core/host";
import { foreignTargetMessage } from "../core/foreign";
import { useTexts } from "./i18n";

const useStyles = makeStyles({
  details: {
    whiteSpace: "pre-wrap",
    wordBreak: "break-word",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    margin: `${tokens.spacingVerticalXS} 0 0 0`,
  },
});

interface FailureBarProps {
  failure: HostFailure;
  /** The sheet to name when the failure does not say which one. */
  fallbackSheet: string | null;
  onDismiss: () => void;
}

/** A HostFailure explained in the user's language, with the technical details one click away. */
export const FailureBar = forwardRef<HTMLDivElement, FailureBarProps>(function FailureBar(
  { failure, fallbackSheet, onDismiss },
  ref,
) {
  const { p, language } = useTexts();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const sheet = failure.sheet ?? fallbackSheet;
  const sheetRef = sheet ? p("failure.sheetNamed", { sheet }) : p("failure.noSheet");
  return (
    <MessageBar intent="error" layout="multiline" ref={ref} tabIndex={-1} role="alert">
      <MessageBarBody>
        <MessageBarTitle>{p("failure.title")}</MessageBarTitle>
        {p(`failure.${failure.code}`, { sheetRef, foreign: failure.target ? foreignTargetMessage(language, failure.target) : p("failure.foreign-content.generic") })}
        <div>
          <Button appearance="transparent" size="small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
            {p("failure.details")}
          </Button>
          <pre id={detailsId} hidden={!open} className={styles.details}>
            {`${failure.code}${sheet ? ` (${sheet})` : ""}\n${failure.details}`}
          </pre>
        </div>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onDismiss}>
          {p("failure.dismiss")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
});
