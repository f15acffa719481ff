/**
 * One bench case: a generated register of `partners` rows read, analysed, planned and applied
 * through the real adapter against the Excel double, in this (child) process.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { analyzeSheet } from "../src/core/analyze";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../src/core/host";
import type { SheetSnapshot } from "../src/core/types";
import { planWrite } from "../src/core/plan";
import { planChartData } from "../src/core/chart/plan-data";
import { createOfficeWorkbookHost } from "../src/excel/host";
import { generateRegister } from "../test/support/generate";
import { columnLetter } from "../src/core/text";
import { allowExcelSheetHeight, switchOffFormulaEvaluation } from "./double-no-eval";
import { benchOffice, newMeter } from "./office-env";
import { newRealMeter, realRuntimeAvailable, type RequestSizes } from "../test/support/office-runtime";

/** Largest size at which the double evaluates our formulas (HyperFormula takes minutes beyond). */
export const EVALUATION_LIMIT = Number(process.env.PK_BENCH_EVAL_LIMIT ?? 100);
/** The requirement set the double claims: the manifest's minimum (the double lacks some 1.9+ APIs, e.g. getSelectedRanges). */
export const EXCEL_API = process.env.PK_BENCH_EXCEL_API ?? "1.8";
const SEED = 6;
/** Environment variable (set by `--insert`): a note right of the register, so the apply inserts its columns. */
export const NOTE_RIGHT_OF_REGISTER = "PK_BENCH_NOTE_RIGHT";
/** Idle time after a forced collection before a timed read (a user's click comes after idle time too). */
const SWEEP_PAUSE_MS = 200;

export interface CaseResult {
  partners: number;
  layout: "range" | "table";
  formulaEvaluation: boolean;
  excelApi: string;
  runs: number;
  read: { syncs: number; largestRequestBytes: number; largestResponseBytes: number; error: string | null };
  apply: {
    syncs: number;
    requestBytesTotal: number;
    responseBytesTotal: number;
    largestRequestBytes: number;
    largestResponseBytes: number;
    withChart: boolean;
    note: string | null;
    error: string | null;
    /** False when this case measured only the core (the double skipped to keep the bench short). */
    measured: boolean;
  };
  chart: { syncs: number | null };
  /**
   * Sizes as the real Office.js runtime (excel-web-16.00.debug.js) sends each request, and the
   * response Excel's format needs for what was loaded (values from the double), per sync: one more
   * read than the timed ones, and the apply. Null without @microsoft/office-js or the double.
   */
  real: { read: RequestSizes[]; apply: RequestSizes[]; largestRequestBytes: number; largestResponseBytes: number } | null;
  timesMs: {
    json: number;
    readOwn: number;
    readTotal: number;
    analyse: number;
    plan: number;
    analysePlan: number;
    readAnalysePlan: number;
    loadDouble: number;
    apply: number;
  };
  ratio: { readAnalysePlan: number; analysePlan: number };
  /** At 100,000 partners: (analyse+plan) / JSON.stringify in each process whose core times were taken; the median one's times are reported. */
  coreProcessRatios?: number[];
  memory: { retainedHeapDeltaBytes: number; maxRssBytes: number };
  analysed: number;
  skipped: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median times of several pieces of work, run in turns (a, b, c, a, b, c …) rather than one after
 * the other: a shared machine's speed drifts, and a ratio of two medians taken minutes apart
 * would measure the drift.
 */
function timeMedians(runs: number, works: Record<string, () => void>): number[] {
  const entries = Object.values(works);
  const times = entries.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    entries.forEach((work, k) => {
      const started = performance.now();
      work();
      times[k].push(performance.now() - started);
    });
  }
  return times.map(median);
}

function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** The generated register as Office.js would deliver it, and what the add-in plans for it. */
function prepare(partners: number, layout: "range" | "table") {
  const generated = generateRegister({ partners, seed: SEED, layout });
  // Cell values as Office.js delivers them: parsed from JSON (flat strings, none shared between
  // cells), not the generator's concatenated ones, which hash and compare at other speeds.
  const register = { ...generated, snapshot: JSON.parse(JSON.stringify(generated.snapshot)) as typeof generated.snapshot };
  const output: OutputOptions = { language: "nl", mode: "formulas", chart: { ...DEFAULT_CHART_OPTIONS } };
  const sheet = register.snapshot;
  // "Plan" is all the host plans before its first sync: the write plan and the chart's data.
  const planAll = (analysis: ReturnType<typeof analyzeSheet>, snapshot: SheetSnapshot = sheet) => {
    const plan = planWrite(snapshot, analysis, output);
    return { plan, chart: planChartData(analysis, plan, { ...output.chart, language: output.language }) };
  };
  return { register, output, sheet, planAll };
}

export interface CoreTimes {
  json: number;
  analyse: number;
  plan: number;
  analysePlan: number;
}

/** Odd counts, so a median is one measured run; more at 100,000, where a 2-core machine's noise is largest. */
function runsAt(partners: number): number {
  return partners >= 100_000 ? 21 : partners >= 10_000 ? 15 : 9;
}

/** Median times of JSON.stringify, analysis and planning, in turns, in this process. */
function coreTimes({ sheet, planAll }: ReturnType<typeof prepare>, runs: number): CoreTimes {
  const analysis = analyzeSheet(sheet);
  const [json, analyse, plan, analysePlan] = timeMedians(runs, {
    json: () => JSON.stringify(sheet.values),
    analyse: () => analyzeSheet(sheet),
    plan: () => planAll(analysis),
    analysePlan: () => planAll(analyzeSheet(sheet)),
  });
  return { json, analyse, plan, analysePlan };
}

/** Only the core's times, for a process of their own (see run.ts: the median of several processes). */
export function runCoreTimes(partners: number, layout: "range" | "table"): CoreTimes {
  return coreTimes(prepare(partners, layout), runsAt(partners));
}

export async function runCase(partners: number, layout: "range" | "table", useDouble = true): Promise<CaseResult> {
  const gc = exposeGc();
  const formulaEvaluation = partners <= EVALUATION_LIMIT;
  if (!formulaEvaluation) switchOffFormulaEvaluation();
  allowExcelSheetHeight();
  const runs = runsAt(partners);
  const prepared = prepare(partners, layout);
  const { register, output, sheet, planAll } = prepared;

  // The core first, in a heap that holds only the sheet, as the task pane's does: the double's
  // workbook (gigabytes at 100,000 rows) would make every garbage collection of the core dearer.
  const { json, analyse, plan, analysePlan } = coreTimes(prepared, runs);
  const analysis = analyzeSheet(sheet);

  // Memory retained by what one apply holds: the snapshot, the analysis and the plan.
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const held = structuredClone(sheet);
  const heldAnalysis = analyzeSheet(held);
  const heldPlan = planAll(heldAnalysis, held);
  gc();
  const retainedHeapDeltaBytes = process.memoryUsage().heapUsed - heapBefore;
  void heldPlan;

  const office = benchOffice(EXCEL_API);
  const driver = office.double.driver;
  let started = performance.now();
  if (useDouble) driver.loadSnapshot(register.snapshot);
  const loadDouble = performance.now() - started;
  if (useDouble && process.env[NOTE_RIGHT_OF_REGISTER]) {
    const rightOfRegister = register.snapshot.origin.column + register.snapshot.values[0].length + 1;
    await driver.setCell(register.snapshot.sheetName, `${columnLetter(rightOfRegister)}1`, "Bijgewerkt op 1 maart");
  }
  const host = createOfficeWorkbookHost(office.env);

  // Read: the adapter's own time is the wall time minus the time the double spends in sync().
  // When the read fails (or the double is skipped), the generated snapshot stands in for it.
  // Three reads at every size, the median counts: the first runs the adapter's code before it is
  // compiled (~50 ms at 100,000 rows against ~10 ms after). Each starts from a collected heap:
  // otherwise the collector's work on the double's workbook (gigabytes, and the garbage of loading
  // it) lands in the adapter's time (a median of 34 ms in one run), as it never would in a task pane.
  const readRuns = 3;
  const readOwn: number[] = [];
  const readTotal: number[] = [];
  let snapshot: SheetSnapshot = register.snapshot;
  let read = { syncs: 0, largestRequestBytes: 0, largestResponseBytes: 0, error: useDouble ? null : "not measured" } as CaseResult["read"];
  for (let i = 0; useDouble && i < readRuns && read.error === null; i++) {
    gc();
    // …and with the collector's sweeping, which runs on after gc() on another thread, done.
    await new Promise((resolve) => setTimeout(resolve, SWEEP_PAUSE_MS));
    driver.resetCounters();
    office.meter = newMeter();
    started = performance.now();
    try {
      snapshot = await host.readActiveSheet();
    } catch (error) {
      read.error = describe(error);
    }
    const total = performance.now() - started;
    readTotal.push(total);
    readOwn.push(total - office.meter.insideSyncMs);
    read = { ...read, syncs: driver.syncCount, largestRequestBytes: driver.largestRequestBytes, largestResponseBytes: driver.largestResponseBytes };
  }
  if (readOwn.length === 0) readOwn.push(NaN);

  // One more read, untimed, through the real runtime: its serialising is not the adapter's time.
  const measureReal = useDouble && read.error === null && realRuntimeAvailable();
  let realRead: RequestSizes[] = [];
  if (measureReal) {
    office.realMeter = newRealMeter();
    await host.readActiveSheet();
    realRead = office.realMeter.requests;
  }


  // Apply with the chart; if the chart part has not landed yet, apply without it and say so.
  let withChart = true;
  let note: string | null = null;
  let chartStartSyncs: number | null = null;
  const applyOnce = async (chart: boolean) => {
    driver.resetCounters();
    office.meter = newMeter();
    chartStartSyncs = null;
    const options = { ...output, chart: { ...output.chart, enabled: chart } };
    if (measureReal) office.realMeter = newRealMeter();
    return host.apply(snapshot, {}, options, (progress) => {
      if (progress.step === "chart") chartStartSyncs = driver.syncCount;
    });
  };
  started = performance.now();
  let applyError: string | null = useDouble ? null : "not measured";
  if (useDouble) {
    try {
      await applyOnce(true);
    } catch (error) {
      // Only a chart failure is worth a second apply without the chart; anything else is the result.
      if (!/chart/i.test(describe(error))) {
        applyError = describe(error);
      } else {
        withChart = false;
        note = `apply with chart failed (${describe(error)}); measured without the chart`;
        driver.loadSnapshot(register.snapshot);
        started = performance.now();
        try {
          await applyOnce(false);
        } catch (second) {
          applyError = describe(second);
        }
      }
    }
  }
  const apply = performance.now() - started;
  const applySyncs = driver.syncCount;
  const realApply = measureReal && office.realMeter ? office.realMeter.requests : [];
  office.realMeter = null;
  const realAll = [...realRead, ...realApply];
  const chartSyncs: number | null = withChart && chartStartSyncs !== null ? applySyncs - chartStartSyncs : null;

  const readOwnMs = median(readOwn);
  return {
    partners,
    layout,
    formulaEvaluation,
    excelApi: EXCEL_API,
    runs,
    read,
    apply: {
      syncs: applySyncs,
      requestBytesTotal: office.meter.requestBytesTotal,
      responseBytesTotal: office.meter.responseBytesTotal,
      largestRequestBytes: driver.largestRequestBytes,
      largestResponseBytes: driver.largestResponseBytes,
      withChart,
      note,
      error: applyError,
      measured: useDouble,
    },
    chart: { syncs: chartSyncs },
    real: measureReal
      ? {
          read: realRead,
          apply: realApply,
          largestRequestBytes: Math.max(0, ...realAll.map((r) => r.requestBytes)),
          largestResponseBytes: Math.max(0, ...realAll.map((r) => r.responseBytes)),
        }
      : null,
    timesMs: {
      json,
      readOwn: readOwnMs,
      readTotal: median(readTotal),
      analyse,
      plan,
      analysePlan,
      readAnalysePlan: (Number.isNaN(readOwnMs) ? 0 : readOwnMs) + analysePlan,
      loadDouble,
      apply,
    },
    // Without a measured read, the ratio counts analyse + plan only (the note in the output says so).
    ratio: { readAnalysePlan: ((Number.isNaN(readOwnMs) ? 0 : readOwnMs) + analysePlan) / json, analysePlan: analysePlan / json },
    memory: { retainedHeapDeltaBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 },
    analysed: analysis.rows.length,
    skipped: analysis.skipped.length,
  };
}

function describe(error: unknown): string {
  if (error && typeof error === "object" && "details" in error) return `${(error as { code?: string }).code}: ${(error as { details: string }).details}`;
  return error instanceof Error ? error.message : String(error);
}
