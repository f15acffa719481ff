import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from "@fluentui/react-components";
import type { Language } from "../core/host";
import { paneText } from "./i18n";

/** Shown when the page is opened outside Excel: where to open Partnerkaart instead. */
export function NotInExcel({ language }: { language: Language }) {
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <main style={{ padding: 12 }}>
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
