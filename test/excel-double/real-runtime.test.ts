/**
 * Request and response sizes as the real Office.js runtime (excel-web-16.00.debug.js from
 * @microsoft/office-js) serialises them, with the Excel double answering (test/support/office-runtime.ts):
 * the double's own estimate, which its 5 MB guard and the tests rely on, must never be below them.
 */
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { createOfficeWorkbookHost } from "../../src/excel/host";
import type { OfficeEnv } from "../../src/excel/env";
import { columnIndex, columnLetter } from "../../src/core/text";
import { createExcelDouble } from "../support/excel";
import { generateRegister } from "../support/generate";
import { newRealMeter, realRuntimeAvailable, teeRun, type RealRuntimeMeter } from "../support/office-runtime";

if (!realRuntimeAvailable()) console.warn("Real Office.js runtime tests skipped: @microsoft/office-js is not installed.");
const maybe = realRuntimeAvailable() ? describe : describe.skip;

function teeHost(partners: number, layout: "range" | "table") {
  const double = createExcelDouble();
  double.driver.loadSnapshot(generateRegister({ partners, seed: 6, layout, hiddenRowRate: 0 }).snapshot);
  const meter: { current: RealRuntimeMeter } = { current: newRealMeter() };
  const run = ((options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    teeRun((inner) => double.run(options, inner), meter.current, batch, {
      doubleRequestBytes: () => double.driver.lastRequestBytes,
      verifyResponses: true,
    })) as OfficeEnv["Excel"]["run"];
  const env: OfficeEnv = {
    Excel: { run },
    Office: {
      context: {
        displayLanguage: "nl-NL",
        officeTheme: { bodyBackgroundColor: "#FFFFFF" },
        requirements: { isSetSupported: (name: string, version?: string) => name === "ExcelApi" && Number((version ?? "1.8").split(".")[1]) <= 8 },
      },
    },
  } as OfficeEnv;
  return { host: createOfficeWorkbookHost(env), meter, double };
}

const output = (chart: boolean): OutputOptions => ({ language: "nl", mode: "formulas", chart: { ...DEFAULT_CHART_OPTIONS, enabled: chart } });

/** Read and apply through the runtime; the sizes of every request of each. */
/** `withNote`: a note right of the register's title, so the apply inserts its columns. */
async function readAndApply(partners: number, layout: "range" | "table", chart: boolean, withNote = false) {
  const { host, meter, double } = teeHost(partners, layout);
  if (withNote) {
    const sheet = double.driver.activeSheet()!;
    const rightmost = /:([A-Z]+)\d+$/.exec(double.driver.usedRange(sheet)!)![1];
    await double.driver.setCell(sheet, `${columnLetter(columnIndex(rightmost) + 2)}1`, "Bijgewerkt op 1 maart");
  }
  const snapshot = await host.readActiveSheet();
  const read = meter.current.requests;
  meter.current = newRealMeter();
  await host.apply(snapshot, {}, output(chart));
  return { read, apply: meter.current.requests };
}

const largest = (requests: { requestBytes: number }[]) => Math.max(...requests.map((r) => r.requestBytes));

maybe("request sizes as the real Office.js runtime sends them", () => {
  test.each([
    [100, "range", true],
    [100, "table", true],
    [30, "range", false],
  ] as const)("%i partners, %s, chart %s: the double's estimate of every request is at least the real size, and the runtime takes the responses", async (partners, layout, chart) => {
    const { read, apply } = await readAndApply(partners, layout, chart);
    if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify([...read, ...apply]));
    expect(read.length).toBeGreaterThan(0);
    expect(apply.length).toBeGreaterThan(1);
    for (const request of [...read, ...apply]) {
      expect(request.doubleRequestBytes).not.toBeNull();
      expect(request.doubleRequestBytes!).toBeGreaterThanOrEqual(request.requestBytes);
    }
  }, 60_000);

  test.each([100])("%i partners with the chart: no request of the read or the first apply is over 50 KB, and the apply takes three syncs", async (partners) => {
    const { read, apply } = await readAndApply(partners, "range", true);
    if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify(apply.map((r) => r.requestBytes)));
    // The cell-edit probe, preflight, structure (with the first half of the writes), writes.
    expect(apply).toHaveLength(4);
    expect(largest([...read, ...apply])).toBeLessThanOrEqual(50 * 1024);
    // Neither write request carries the whole apply: the structure request holds a real share.
    expect(apply[2].requestBytes).toBeGreaterThan(0.3 * (apply[2].requestBytes + apply[3].requestBytes));
  }, 120_000);

  test("100 partners with the chart and a column insert (a note right of the register): the insert shares its request with the first writes, every request under 50 KB", async () => {
    const { read, apply } = await readAndApply(100, "range", true, true);
    if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify(apply.map((r) => r.requestBytes)));
    expect(apply).toHaveLength(4);
    expect(largest([...read, ...apply])).toBeLessThanOrEqual(50 * 1024);
    expect(apply[2].requestBytes).toBeGreaterThan(0.3 * (apply[2].requestBytes + apply[3].requestBytes));
  }, 120_000);

  test("a re-apply with nothing new writes only what differs: every request under 50 KB and smaller than the first apply's", async () => {
    const { host, meter } = teeHost(100, "range");
    await host.apply(await host.readActiveSheet(), {}, output(true));
    const first = meter.current.requests.slice(-4);
    const again = await host.readActiveSheet();
    meter.current = newRealMeter();
    await host.apply(again, {}, output(true));
    const second = meter.current.requests;
    if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify({ first: first.map((r) => r.requestBytes), second: second.map((r) => r.requestBytes) }));
    expect(second).toHaveLength(4);
    expect(largest(second)).toBeLessThanOrEqual(50 * 1024);
    expect(second[3].requestBytes).toBeLessThan(first[3].requestBytes);
  }, 120_000);

  test("the chart's part of the apply does not grow with the register or its movements, and stays under 48 KB", async () => {
    const chartBytes = async (partners: number) => largest((await readAndApply(partners, "range", true)).apply) - largest((await readAndApply(partners, "range", false)).apply);
    // Both at the limits of 25 labels and 25 movement segments.
    const small = await chartBytes(100);
    const large = await chartBytes(400);
    if (process.env.PK_PRINT_SIZES) console.log(`chart bytes: ${small} at 100 partners, ${large} at 400`);
    expect(large).toBeLessThan(48 * 1024);
    expect(Math.abs(large - small)).toBeLessThan(1024);
  }, 120_000);
});
