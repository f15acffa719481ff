/**
 * WorkbookHost over Office.js. The Office runtime comes in as `env` so tests pass the Excel double;
 * `createOfficeWorkbookHostFromGlobals()` wires the real globals for the task pane's index.tsx.
 */
import type {
  ApplyResult,
  Language,
  PartnerPageRequest,
  PartnerPageResult,
  RecordAssessmentResult,
  ShareCheckResult,
  SheetEvent,
  StoredState,
  WorkbookHost,
} from "../core/host";
import type { Analysis, AnalysisSettings, SheetSnapshot } from "../core/types";
import { globalOfficeEnv, Requirements, type OfficeEnv } from "./env";
import { HostFailureError, toHostFailure } from "./errors";
import { applyThroughHost } from "./host-apply";
import { watchSheetEvents } from "./host-events";
import { batchRunner, type RunBatch } from "./host-run";
import type { CorePipeline } from "./pipeline";
import { readActiveSheetSnapshot } from "./snapshot";
import { rectOf } from "./sync";

/** The workbook setting that holds the pane's StoredState (JSON). */
export const STATE_SETTING_KEY = "Partnerkaart.state";

export interface OfficeHostOptions {
  /** Core functions; tests may pass their own, production uses the real core. */
  pipeline?: CorePipeline;
  /** Response/request budget per sync in bytes (default 4 MB, under the web's 5 MB). */
  payloadBudgetBytes?: number;
}

/** "nl" for any Dutch display language (nl-NL, nl-BE), else "en". */
export function languageOf(displayLanguage: string | undefined): Language {
  return /^nl(-|$)/i.test(displayLanguage ?? "") ? "nl" : "en";
}

/** Dark when Office's body background is dark (relative luminance below one half). */
export function themeOf(officeTheme: { bodyBackgroundColor?: string } | null | undefined): "light" | "dark" {
  const color = officeTheme?.bodyBackgroundColor;
  const match = color ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim()) : null;
  if (!match) return "light";
  const [r, g, b] = match.slice(1, 4).map((hex) => parseInt(hex, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
}

export function createOfficeWorkbookHost(env: OfficeEnv, options: OfficeHostOptions = {}): WorkbookHost {
  const requirements = new Requirements((name, version) => env.Office.context.requirements.isSetSupported(name, version));
  const language = languageOf(env.Office.context.displayLanguage);
  const theme = themeOf(env.Office.context.officeTheme);
  const budget = options.payloadBudgetBytes;
  const run = batchRunner(env, requirements);

  return {
    language,
    theme,

    readActiveSheet(): Promise<SheetSnapshot> {
      return run((context) => readActiveSheetSnapshot(context, { requirements, responseBudgetBytes: budget }));
    },

    apply(expected, settings, output, onProgress, cancel): Promise<ApplyResult> {
      return applyThroughHost({ env, requirements, run, budget, pipeline: options.pipeline }, expected, settings, output, onProgress, cancel);
    },

    async readHistory() {
      const { readHistoryFromWorkbook } = await import(/* webpackChunkName: "history" */ "./history");
      return run(async (context) => (await readHistoryFromWorkbook(context)).assessments);
    },

    async readRenames() {
      const { readHistoryFromWorkbook } = await import(/* webpackChunkName: "history" */ "./history");
      return run(async (context) => (await readHistoryFromWorkbook(context)).renames);
    },

    async linkRename(rename) {
      const { linkRenameInWorkbook } = await import(/* webpackChunkName: "history" */ "./history");
      return run(async (context) => (await linkRenameInWorkbook(context, rename)).renames);
    },

    recordAssessment: (expected, settings, date, label, replace) => recordAssessment(run, language, expected, settings, date, label, replace),
    selectRow: (sheetName: string, row: number) => selectRow(run, sheetName, row),
    makePartnerPages: (analysis: Analysis, request: PartnerPageRequest) => makePartnerPages(run, language, analysis, request),

    async checkBeforeSharing(analysis: Analysis | null): Promise<ShareCheckResult> {
      const { checkBeforeSharing } = await import("./share-check");
      return run((context) => checkBeforeSharing(context, analysis, requirements));
    },

    goTo(sheetName: string, address: string): Promise<void> {
      return run(async (context) => {
        // A hidden sheet cannot be activated: Excel refuses, and the pane shows its message.
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.activate();
        sheet.getRange(address).select();
        await context.sync();
      }, sheetName);
    },

    loadState: () => loadState(run),
    saveState: (state: StoredState) => saveState(run, state),
    onSheetEvent: (listener: (event: SheetEvent) => void) => watchSheetEvents(run, requirements, listener),
  };
}

async function recordAssessment(
  run: RunBatch,
  language: Language,
  expected: SheetSnapshot,
  settings: AnalysisSettings,
  date: string,
  label: string,
  replace: boolean,
): Promise<RecordAssessmentResult> {
  const [{ recordAssessmentInWorkbook }, { assessmentOf }, { analyzeSheet }] = await Promise.all([
    import(/* webpackChunkName: "history" */ "./history"),
    import(/* webpackChunkName: "history" */ "../core/history"),
    import("../core/analyze"),
  ]);
  let assessment;
  try {
    assessment = assessmentOf(analyzeSheet(expected, settings), date, label);
  } catch (error) {
    throw toHostFailure(error, expected.sheetName);
  }
  return run(async (context) => {
    const { recorded, replaces, rows } = await recordAssessmentInWorkbook(context, assessment, language, { replace });
    return { recorded, replaces, rows };
  }, expected.sheetName);
}

function selectRow(run: RunBatch, sheetName: string, row: number): Promise<void> {
  return run(async (context) => {
    if (!Number.isInteger(row) || row < 1) {
      throw new HostFailureError("invalid-argument", `Row ${row} is not a sheet row`, sheetName);
    }
    const sheet = context.workbook.worksheets.getItem(sheetName);
    // Select the row within the register's columns when the register is known, else the whole row.
    const used = sheet.getUsedRange(true);
    used.load("columnIndex,columnCount");
    await context.sync();
    const used0 = rectOf({ rowIndex: 0, columnIndex: used.columnIndex, rowCount: 1, columnCount: used.columnCount });
    sheet.activate();
    sheet.getRangeByIndexes(row - 1, used0.column, 1, used0.columnCount).select();
    await context.sync();
  }, sheetName);
}

async function makePartnerPages(run: RunBatch, language: Language, analysis: Analysis, request: PartnerPageRequest): Promise<PartnerPageResult> {
  // Loaded on first use: the pages are not part of the pane's first screen.
  const [{ buildPartnerPage }, { writePartnerPages }] = await Promise.all([import("../core/partner/page"), import("./partner-page")]);
  const pages = request.rows.map((row) => {
    const index = analysis.partners.row.subarray(0, analysis.partners.count).indexOf(row);
    if (index < 0) throw new HostFailureError("invalid-argument", `Row ${row} holds no analysed partner`, analysis.location.sheetName);
    return buildPartnerPage(analysis, index, { language, date: request.date, includeSubsidy: request.includeSubsidy });
  });
  const written = await run((context) => writePartnerPages(context, pages, language));
  return { pages: written };
}

function loadState(run: RunBatch): Promise<StoredState | null> {
  return run(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(STATE_SETTING_KEY);
    item.load("value");
    await context.sync();
    if (item.isNullObject) return null;
    return parseStoredState(item.value);
  });
}

function saveState(run: RunBatch, state: StoredState): Promise<void> {
  return run(async (context) => {
    context.workbook.settings.add(STATE_SETTING_KEY, JSON.stringify(state));
    await context.sync();
  });
}

function parseStoredState(text: unknown): StoredState | null {
  const value = typeof text === "string" ? safeJson(text) : text;
  if (typeof value !== "object" || value === null) return null;
  const state = value as Partial<StoredState>;
  if (state.version !== 1 || typeof state.settings !== "object" || typeof state.output !== "object") return null;
  return state as StoredState;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The host for the task pane: the real `Excel` and `Office` globals. Call after Office.onReady. */
export function createOfficeWorkbookHostFromGlobals(options: OfficeHostOptions = {}): WorkbookHost {
  return createOfficeWorkbookHost(globalOfficeEnv(), options);
}
