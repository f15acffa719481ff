// Startup wiring: the one place in the pane that knows Office. It waits for Office.js, builds the
// WorkbookHost over the real Excel and renders the pane; outside Excel it explains where to open it.
import { createRoot } from "react-dom/client";
import { createOfficeWorkbookHostFromGlobals, languageOf } from "../excel/host";
import { App } from "./App";
import { NotInExcel } from "./NotInExcel";

function render(element: JSX.Element): void {
  const container = document.getElementById("root");
  if (container === null) throw new Error("taskpane.html has no #root element");
  createRoot(container).render(element);
}

function displayLanguage(): string | undefined {
  try {
    return typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined;
  } catch {
    return undefined;
  }
}

function start(isExcel: boolean): void {
  if (isExcel && typeof Excel !== "undefined") {
    render(<App host={createOfficeWorkbookHostFromGlobals()} />);
  } else {
    render(<NotInExcel language={languageOf(displayLanguage() ?? navigator.language)} />);
  }
}

if (typeof Office === "undefined") {
  // Office.js did not load (opened as a plain web page without network, or blocked).
  start(false);
} else {
  void Office.onReady((info) => start(info.host === Office.HostType.Excel));
}
