/**
 * What the realised movement costs the apply's request, as the real Office.js runtime serialises it
 * (test/support/office-runtime.ts in front of the Excel double): 100 partners that all moved since
 * the recorded assessment, so the series is at its cap of MOVEMENT_LIMIT segments.
 * `PK_PRINT_SIZES=1 npx jest test/history/realised-request.test.ts` prints the figures.
 */
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import type { OfficeEnv } from "../../src/excel/env";
import { createOfficeWorkbookHost } from "../../src/excel/host";
import { createExcelDouble } from "../support/excel";
import { newRealMeter, realRuntimeAvailable, teeRun, type RealRuntimeMeter } from "../support/office-runtime";
import { HEADER } from "./live-data";

const maybe = realRuntimeAvailable() ? describe : describe.skip;
const PARTNERS = 100;

/** Partner i before and after: every partner moved up by one and left by a quarter (scores on 1–5). */
const scores = (i: number, later: boolean): (string | number)[] => {
  const influence = 1 + (i % 4) + (later ? 1 : 0);
  const dependency = 2 + ((i * 7) % 3) - (later ? 0.25 * (1 + (i % 3)) : 0);
  return [`Partner ${i}`, influence, dependency, i % 2 === 0 ? "ja" : "nee", 1000 + i];
};

async function applySizes(moved: boolean) {
  const double = createExcelDouble({ sheets: [{ name: "Register", cells: [HEADER, ...Array.from({ length: PARTNERS }, (_, i) => scores(i, false))] }], requirementSets: { ExcelApi: "1.8" } });
  const meter: { current: RealRuntimeMeter } = { current: newRealMeter() };
  const run = ((options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    teeRun((inner) => double.run(options, inner), meter.current, batch, { doubleRequestBytes: () => double.driver.lastRequestBytes, verifyResponses: true })) as OfficeEnv["Excel"]["run"];
  const env = {
    Excel: { run },
    Office: { context: { displayLanguage: "nl-NL", officeTheme: { bodyBackgroundColor: "#FFFFFF" }, requirements: double.requirements } },
  } as OfficeEnv;
  const host = createOfficeWorkbookHost(env);
  await host.recordAssessment!(await host.readActiveSheet(), {}, "2025-03-01", "2025", false);
  if (moved) await double.driver.setCells("Register", `A2:E${PARTNERS + 1}`, Array.from({ length: PARTNERS }, (_, i) => scores(i, true)));
  const output: OutputOptions = {
    language: "nl",
    mode: "formulas",
    chart: { ...DEFAULT_CHART_OPTIONS, enabled: true },
    comparison: { date: "2025-03-01", label: "2025" },
  };
  const snapshot = await host.readActiveSheet();
  meter.current = newRealMeter();
  await host.apply(snapshot, {}, output);
  const series = double.driver.charts("Register")[0].series;
  return { requests: meter.current.requests, series };
}

maybe("the realised movement's share of the real request", () => {
  test("at its cap of segments it adds under 4 KB to the apply's largest request, and the double's estimate of the writes is at or above the real size", async () => {
    // The same comparison and chart, once with nobody moved (no realised series) and once with everybody moved.
    const unmoved = await applySizes(false);
    const moved = await applySizes(true);
    const largest = (requests: { requestBytes: number }[]) => Math.max(...requests.map((r) => r.requestBytes));
    if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify({ unmoved: unmoved.requests.map((r) => r.requestBytes), moved: moved.requests.map((r) => r.requestBytes) }));
    const name = t("nl", "chart.realised");
    expect(unmoved.series.find((s) => s.name === name)).toBeUndefined();
    // 25 segments: two points each and a blank between; one series and one helper block, so a few KB.
    expect(moved.series.find((s) => s.name === name)!.x).toHaveLength(25 * 3 - 1);
    expect(largest(moved.requests) - largest(unmoved.requests)).toBeLessThan(4 * 1024);
    // The apply's two write requests (structure, writes) carry the series and its helper cells.
    for (const request of moved.requests.slice(-2)) expect(request.doubleRequestBytes!).toBeGreaterThanOrEqual(request.requestBytes);
  }, 120_000);
});
