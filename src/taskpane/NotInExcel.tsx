import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import type { Language } from "../core/host";
import { paneText } from "./i18n";
import { usePageTheme } from "./pageTheme";

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** Shown when the page is opened outside Excel: where to open Partnerkaart instead. */
export function NotInExcel({ language }: { language: Language }) {
  const styles = useStyles();
  usePageTheme(webLightTheme);
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <main className={styles.root}>
        <h1>{paneText(language, "app.title")}</h1>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{paneText(language, "app.noExcel.title")}</MessageBarTitle>
            {paneText(language, "app.noExcel.body")}
          </MessageBarBody>
        </MessageBar>
      </main>
    </FluentProvider>
  );
}
