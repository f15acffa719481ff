import { useMemo } from "react";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { usePageTheme } from "./pageTheme";
import type { WorkbookHost } from "../core/host";
import { makeTexts, TextsContext } from "./i18n";
import { Pane } from "./Pane";

/** The task pane: Fluent theme from the Office theme, texts in the Office display language. */
export function App({ host }: { host: WorkbookHost }) {
  const texts = useMemo(() => makeTexts(host.language), [host.language]);
  const theme = host.theme === "dark" ? webDarkTheme : webLightTheme;
  usePageTheme(theme);
  return (
    <FluentProvider theme={theme} lang={host.language}>
      <TextsContext.Provider value={texts}>
        <Pane host={host} />
      </TextsContext.Provider>
    </FluentProvider>
  );
}
