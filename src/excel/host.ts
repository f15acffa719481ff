/**
 * WorkbookHost over Office.js. The Office runtime comes in as `env` so tests pass the Excel double;
 * `createOfficeWorkbookHostFromGlobals()` wires the real globals for the task pane's index.tsx.
 */
import type {
  CancelSignal,
  ApplyProgress,
  ApplyResult,
  Language,
  OutputOptions,
  PartnerPageRequest,
  PartnerPageResult,
  SelfCheckReport,
  ShareCheckResult,
  SheetEvent,
  StoredState,
  WorkbookHost,
} from "../core/host";
import { isBlank } from "../core/text";
import { CONCEPT_KEYS, type Analysis, type AnalysisSettings, type CellRect, type SheetSnapshot } from "../core/types";
import { globalOfficeEnv, Requirements, type OfficeEnv } from "./env";
import { HostFailureError, officeErrorCode, toHostFailure } from "./errors";
import type { CorePipeline } from "./pipeline";
import { DEFAULT_RESPONSE_BUDGET_BYTES, readActiveSheetSnapshot } from "./snapshot";
import { SyncCounter, rectOf } from "./sync";

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

  /** Every batch waits for the user to leave cell edit mode, and maps errors to HostFailure. */
  async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>, sheet?: string): Promise<T> {
    try {
      const runOptions = requirements.excelApi("1.20") ? { delayForCellEdit: true, mergeUndoGroup: true } : { delayForCellEdit: true };
      return await env.Excel.run(runOptions, batch);
    } catch (error) {
      throw toHostFailure(error, sheet);
    }
  }

  /**
   * Before an apply writes: is Excel in cell edit mode? A tiny request without delayForCellEdit
   * answers (InvalidOperationInCellEditMode). Then the pane says so and a delayed request waits for
   * Enter or Esc; on Windows clicking the pane does not end the edit (office-js #806, #3388), so
   * without the word the wait looks like a hang. A cancel ends the wait: nothing has been written.
   */
  /** Resolves with the syncs it took (1 without cell edit mode, 2 with it). */
  async function waitForCellEdit(sheet: string, onWaiting: () => void, cancel?: CancelSignal): Promise<number> {
    const probe = (delayForCellEdit: boolean) =>
      env.Excel.run({ delayForCellEdit }, async (context) => {
        context.workbook.load("name");
        await context.sync();
      });
    const cancelled = () => new HostFailureError("cancelled", "The user cancelled while Excel was in cell edit mode.", sheet);
    if (cancel?.aborted) throw cancelled();
    try {
      await probe(false);
      return 1;
    } catch (error) {
      if (officeErrorCode(error) !== "InvalidOperationInCellEditMode") throw toHostFailure(error, sheet);
    }
    onWaiting();
    let stopWaiting: (() => void) | null = null;
    const onCancel = new Promise<never>((_, reject) => {
      stopWaiting = () => reject(cancelled());
      cancel?.addEventListener("abort", stopWaiting);
    });
    try {
      // The delayed probe only reads; when it ends after a cancel, nothing follows it.
      await Promise.race([probe(true).catch((error: unknown) => Promise.reject(toHostFailure(error, sheet))), onCancel]);
    } finally {
      if (stopWaiting) cancel?.removeEventListener("abort", stopWaiting);
    }
    if (cancel?.aborted) throw cancelled();
    return 2;
  }

  /** The chosen assessment as the live comparison needs it, read fresh before planning (the pane's earlier read may be stale). */
  async function readComparison(wanted: { date: string; label: string }, sheet: string) {
    const [{ readComparisonChoice }, { withComparison, compareAssessments, assessmentOf }] = await Promise.all([
      import(/* webpackChunkName: "history" */ "./history"),
      import(/* webpackChunkName: "history" */ "../core/history"),
    ]);
    const { choice, syncs, assessment, renames } = await run((context) => readComparisonChoice(context, wanted), sheet);
    // Where each matched partner stood then, on today's scales: the chart's realised movement starts there.
    const previousPositions = (analysis: Analysis) =>
      compareAssessments(assessment, assessmentOf(analysis, choice.date, choice.label), renames).movements.map((m) => ({ row: m.row, x: m.previousDependency, y: m.previousInfluence }));
    return { withComparison, choice, syncs, previousPositions };
  }

  return {
    language,
    theme,

    readActiveSheet(): Promise<SheetSnapshot> {
      return run((context) => readActiveSheetSnapshot(context, { requirements, responseBudgetBytes: budget }));
    },

    async apply(
      expected: SheetSnapshot,
      settings: AnalysisSettings,
      output: OutputOptions,
      onProgress?: (progress: ApplyProgress) => void,
      cancel?: CancelSignal,
    ): Promise<ApplyResult> {
      const report = (step: ApplyProgress["step"], fraction: number) => onProgress?.({ step, fraction });
      const probeSyncs = await waitForCellEdit(expected.sheetName, () => report("waiting-for-cell-edit", 0.02), cancel);
      report("analysing", 0.05);
      const { applyPlan, chartExtension, selfCheck, withSelfCheck, WorkbookObjects, pipeline } = await loadWritePath(options.pipeline).catch((error: unknown) => {
        throw toHostFailure(error, expected.sheetName);
      });
      const comparison = output.comparison && output.mode === "formulas" ? await readComparison(output.comparison, expected.sheetName) : null;
      // The plan is made from the snapshot the user saw; applyPlan's preflight fails with
      // "register-changed" when the sheet no longer matches it.
      let analysis, plan, chartData;
      try {
        analysis = pipeline.analyzeSheet(expected, settings);
        plan = pipeline.planWrite(expected, analysis, output);
        // The live comparison's columns and money-then block ride on the plan, as the chart's helper blocks do.
        if (comparison) plan = comparison.withComparison(expected, analysis, plan, comparison.choice, output);
        const previous = comparison && output.chart.enabled ? { previous: comparison.previousPositions(analysis) } : {};
        chartData = output.chart.enabled ? pipeline.planChartData(analysis, plan, { ...output.chart, language: output.language, ...previous }) : null;
      } catch (error) {
        throw toHostFailure(error, expected.sheetName);
      }
      // The chart's helper cells are written, verified and journalled with the rest of the plan.
      const fullPlan = chartData ? { ...plan, blocks: [...plan.blocks, ...chartData.blocks] } : plan;
      const location = analysis.location;
      const registerRect = {
        row: location.headerRow,
        column: location.firstColumn,
        rowCount: Math.max(location.lastDataRow, location.totalsRow ?? location.headerRow, location.headerRow) - location.headerRow + 1,
        columnCount: location.lastColumn - location.firstColumn + 1,
      };
      const registerDependsOn = dependenciesOf(analysis, expected, registerRect);
      const summary = analysis.summary;
      const skipped = analysis.skipped;
      return run(async (context) => {
        const counter = new SyncCounter(context);
        report("writing-columns", 0.2);
        const objects = new WorkbookObjects(context.workbook);
        const charts = chartData && chartData.bindings.length > 0 ? chartExtension(context, chartData.specs, chartData.bindings, { objects }) : undefined;
        // The self-check's reads ride on the last write request: no extra sync.
        const check = fullPlan.mode === "formulas" ? selfCheck(context, fullPlan, analysis, budget ?? DEFAULT_RESPONSE_BUDGET_BYTES, objects) : null;
        const applied = await applyPlan(context, fullPlan, expected, {
          requirements,
          counter,
          objects,
          registerRect,
          registerDependsOn,
          requestBudgetBytes: budget,
          onStep: (step) => report(step, step === "writing-parameters" ? 0.45 : 0.6),
          extension: check ? withSelfCheck(charts, check) : charts,
        });
        const chartNames = charts?.names ?? [];
        const checked = check?.report();
        if (checked?.writeMissing) {
          // Never report success for a write Excel did not keep: undo what did land, and say so.
          await applied.rollback();
          throw new HostFailureError("write-dropped", "Excel shows none of the written positions and strategies.", fullPlan.registerSheet);
        }
        const notices: ApplyResult["notices"] = (chartData?.specs ?? []).flatMap((spec) => spec.notices.map((n) => ({ key: n.key, params: n.params })));
        if (checked && (checked.mismatchCount > 0 || checked.summaryMismatches.length > 0)) notices.push(selfCheckNotice(checked));
        report("done", 1);
        return {
          sheetName: fullPlan.registerSheet,
          columnHeaders: applied.columnHeaders,
          parameterSheet: fullPlan.parameterSheet,
          chartNames,
          summary,
          skipped,
          notices,
          syncs: probeSyncs + (comparison?.syncs ?? 0) + counter.syncs,
          ...(checked ? { selfCheck: checked } : {}),
        };
      }, expected.sheetName);
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

    async recordAssessment(expected, settings, date, label, replace) {
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
    },

    selectRow(sheetName: string, row: number): Promise<void> {
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
    },

    async makePartnerPages(analysis: Analysis, request: PartnerPageRequest): Promise<PartnerPageResult> {
      // Loaded on first use: the pages are not part of the pane's first screen.
      const [{ buildPartnerPage }, { writePartnerPages }] = await Promise.all([import("../core/partner/page"), import("./partner-page")]);
      const pages = request.rows.map((row) => {
        const index = analysis.partners.row.subarray(0, analysis.partners.count).indexOf(row);
        if (index < 0) throw new HostFailureError("invalid-argument", `Row ${row} holds no analysed partner`, analysis.location.sheetName);
        return buildPartnerPage(analysis, index, { language, date: request.date, includeSubsidy: request.includeSubsidy });
      });
      const written = await run((context) => writePartnerPages(context, pages, language));
      return { pages: written };
    },

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

    loadState(): Promise<StoredState | null> {
      return run(async (context) => {
        const item = context.workbook.settings.getItemOrNullObject(STATE_SETTING_KEY);
        item.load("value");
        await context.sync();
        if (item.isNullObject) return null;
        return parseStoredState(item.value);
      });
    },

    saveState(state: StoredState): Promise<void> {
      return run(async (context) => {
        context.workbook.settings.add(STATE_SETTING_KEY, JSON.stringify(state));
        await context.sync();
      });
    },

    onSheetEvent(listener: (event: SheetEvent) => void): () => void {
      let active = true;
      let removers: (() => Promise<void>)[] = [];
      const registering = run(async (context) => {
        const worksheets = context.workbook.worksheets;
        const onSelection = async (args: { worksheetId: string }) => {
          if (active) listener({ kind: "selection-changed", sheetName: await sheetNameOf(args.worksheetId) });
        };
        const onData = async (args: { worksheetId: string }) => {
          if (active) listener({ kind: "data-changed", sheetName: await sheetNameOf(args.worksheetId) });
        };
        // worksheets.onActivated is ExcelApi 1.7 (within the manifest's 1.8).
        const handlers = [
          worksheets.onActivated.add(async (args) => {
            if (active) listener({ kind: "activated", sheetName: await sheetNameOf(args.worksheetId) });
          }),
        ];
        if (requirements.excelApi("1.9")) {
          // The collection's onSelectionChanged/onChanged (ExcelApi 1.9) also cover sheets added later.
          handlers.push(worksheets.onSelectionChanged.add(onSelection), worksheets.onChanged.add(onData));
        } else {
          // Under 1.9 only each worksheet's own events exist (1.7): one more sync to learn the sheets.
          worksheets.load("items/id");
          await context.sync();
          for (const sheet of worksheets.items) handlers.push(sheet.onSelectionChanged.add(onSelection), sheet.onChanged.add(onData));
        }
        await context.sync();
        // One sync removes every handler (a sync per handler would be a round trip each).
        removers = [
          async () => {
            for (const handler of handlers) handler.remove();
            await context.sync();
          },
        ];
      }).catch(() => {
        // Events are a convenience (the pane can re-read by hand); a host without them is not an error.
        removers = [];
      });

      function sheetNameOf(worksheetId: string): Promise<string> {
        return run(async (context) => {
          const sheet = context.workbook.worksheets.getItemOrNullObject(worksheetId);
          sheet.load("name");
          await context.sync();
          return sheet.isNullObject ? "" : sheet.name;
        });
      }

      return () => {
        active = false;
        void registering.then(() => Promise.all(removers.map((remove) => remove().catch(() => undefined))));
      };
    },
  };
}

/**
 * What of the register the analysis (and so the plan) was made from, for applyPlan's preflight to
 * compare with the sheet: the mapped columns over every row, and over the whole width the header,
 * the totals row and every row without scores — whether such a row is blank, a footnote, a totals
 * row or a skipped row with a remark depends on all its cells. The register's first column is read
 * too: "Totaal" typed there ends the register even in a row with scores. The other cells of a row
 * with scores (a remarks or contact column) are not read back: editing them after the pane read the
 * sheet does not stop the apply.
 */
function dependenciesOf(analysis: Analysis, snapshot: SheetSnapshot, register: CellRect): { columns: number[]; rows: number[] } {
  const columns: number[] = CONCEPT_KEYS.flatMap((concept) => {
    const mapped = analysis.mapping[concept];
    return mapped ? [mapped.column] : [];
  });
  const { location } = analysis;
  if (!columns.includes(location.firstColumn)) columns.push(location.firstColumn);
  const rows = [location.headerRow];
  if (location.totalsRow !== null) rows.push(location.totalsRow);
  const influence = analysis.mapping.influence?.column;
  const dependency = analysis.mapping.dependency?.column;
  const last = register.row + register.rowCount - 1;
  for (let r = location.firstDataRow; r <= last; r += 1) {
    const cells = snapshot.values[r - snapshot.origin.row];
    const at = (column: number | undefined) => (column === undefined || !cells ? "" : cells[column - snapshot.origin.column]);
    if (isBlank(at(influence)) && isBlank(at(dependency))) rows.push(r);
  }
  return { columns, rows };
}

/**
 * The write path (core planning, the applier, the chart), loaded on the first apply: the pane's
 * first screen does not need it, and bundled up front it would count against the initial download.
 */
async function loadWritePath(pipeline: CorePipeline | undefined) {
  const [{ applyPlan }, { chartExtension }, { defaultPipeline }, { selfCheck, withSelfCheck }, { WorkbookObjects }] = await Promise.all([
    import("./apply"),
    import("./chart"),
    import("./pipeline"),
    import("./self-check"),
    import("./objects"),
  ]);
  return { applyPlan, chartExtension, selfCheck, withSelfCheck, WorkbookObjects, pipeline: pipeline ?? defaultPipeline };
}

/** The notice for a self-check disagreement: how many rows, the first one, and the remedy (values). */
function selfCheckNotice(checked: SelfCheckReport): { key: string; params: Record<string, string | number> } {
  const first = checked.mismatches[0];
  const summary = checked.summaryMismatches[0];
  return {
    key: "notice.selfCheck.mismatch",
    params: {
      rows: checked.mismatchCount,
      row: first ? first.row : "–",
      excel: first ? first.excel : summary ? summary.excel : "",
      expected: first ? first.expected : summary ? summary.expected : "",
    },
  };
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
