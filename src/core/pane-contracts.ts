/**
 * What the task pane needs of its host besides the workbook itself: the Office theme, the state it
 * remembers in the workbook, the progress of an apply and a way to cancel one. Part of the
 * `WorkbookHost` port (`host.ts`), kept apart so the port reads as what happens to the workbook.
 */
import type { OutputOptions } from "./host";
import type { AnalysisSettings } from "./types";

export type Theme = "light" | "dark";

/** What the pane remembers in the workbook (settings travel with the file). */
export interface StoredState {
  version: 1;
  settings: AnalysisSettings;
  output: Omit<OutputOptions, "language">;
  /**
   * The sheet the settings were made for. Header row, table, column mapping and scales only make
   * sense there; on another sheet the pane keeps only the line, threshold and output options.
   */
  sheetName?: string;
}

export interface ApplyProgress {
  /** 0..1 */
  fraction: number;
  step:
    | "reading"
    | "analysing"
    /** Excel is in cell edit mode: nothing is written until the user presses Enter or Esc (or cancels). */
    | "waiting-for-cell-edit"
    | "writing-columns"
    | "writing-parameters"
    | "writing-summary"
    | "chart"
    | "done";
}

/** Lets the pane cancel an apply that waits for the user to leave cell edit mode (an AbortSignal fits). */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}
