/** What the test hands the browser test host, and what the host hands back. Plain data only: it crosses into the page. */
import type { SheetSnapshot } from "../../../src/core/types";
import type { Scalar, SheetInit } from "../../support/excel";

export interface TestHostConfig {
  /** Office's display language, e.g. "nl-NL" or "en-US". */
  displayLanguage: string;
  theme: "light" | "dark";
  /** The register sheet, read in Node (the CLI's reader), loaded into the Excel double in the page. */
  snapshot: SheetSnapshot;
  /** Highest ExcelApi requirement set the stand-in reports, e.g. "1.8" (the manifest's minimum). */
  excelApi: string;
  /** Sheets beside the register's (e.g. a hidden one for the share check). */
  extraSheets?: SheetInit[];
  /** Notes on the register's cells ({ "E3": "text" }); Excel has them from ExcelApi 1.18. */
  registerNotes?: Record<string, string>;
}

export interface ChartSummary {
  name: string;
  chartType: string;
  title: string | null;
  series: { name: string; x: Scalar[] | null; y: Scalar[] | null }[];
}

/** `window.__partnerkaartTest`: the double's workbook as a user would see it. */
export interface TestHostReadback {
  sheetNames(): string[];
  values(sheet: string, address: string): Scalar[][];
  formulas(sheet: string, address: string): Scalar[][];
  usedRange(sheet: string): string | null;
  names(): { name: string; formula: string; value: unknown }[];
  charts(sheet: string): ChartSummary[];
  tables(): { name: string; sheet: string; address: string; columns: string[] }[];
  /** The active sheet and the selection on it ("Sheet!A1:B2"), as Excel shows them. */
  activeSheet(): string | null;
  selection(): string | null;
  /** A user's edit of one cell (a value, or a formula starting with "="), recomputed like Excel does. */
  setCell(sheet: string, address: string, value: Scalar): Promise<void>;
}
