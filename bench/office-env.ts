/**
 * An OfficeEnv over the Excel double for the bench: the real adapter (src/excel) talks to the
 * double, and every context.sync() is timed and weighed, so the bench can tell the adapter's own
 * time from the time "Excel" (the double) spends answering, and sum the request bytes of one call.
 */
import type { OfficeEnv } from "../src/excel/env";
import { createExcelDouble } from "../test/support/excel";
import { newRealMeter, teeRun, type RealRuntimeMeter } from "../test/support/office-runtime";

export interface SyncMeter {
  syncs: number;
  /** Milliseconds spent inside context.sync() (the host's work, not the adapter's). */
  insideSyncMs: number;
  requestBytesTotal: number;
  responseBytesTotal: number;
  largestRequestBytes: number;
  largestResponseBytes: number;
}

export const newMeter = (): SyncMeter => ({ syncs: 0, insideSyncMs: 0, requestBytesTotal: 0, responseBytesTotal: 0, largestRequestBytes: 0, largestResponseBytes: 0 });

export interface BenchOffice {
  double: ReturnType<typeof createExcelDouble>;
  env: OfficeEnv;
  /** The meter every sync adds to; replace it to measure one call. */
  meter: SyncMeter;
  /** With the real runtime in front of the double: its sizes per request; replace it to measure one call. */
  realMeter: RealRuntimeMeter | null;
}

/**
 * The double behind an OfficeEnv that reports `excelApi` ("1.17") as the highest supported set. The
 * double enforces the same set, so the adapter and "Excel" agree on the version (a member above it
 * fails its batch, as in Excel).
 */
export function benchOffice(excelApi: string, options: { realRuntime?: boolean } = {}): BenchOffice {
  const double = createExcelDouble({ sheets: [{ name: "Sheet1" }], requirementSets: { ExcelApi: excelApi } });
  const office: BenchOffice = { double, meter: newMeter(), realMeter: options.realRuntime ? newRealMeter() : null, env: undefined as unknown as OfficeEnv };
  const doubleRun = <T>(runOptions: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    double.run(runOptions, (context: Excel.RequestContext) => {
      const timed = new Proxy(context, {
        get(target, key) {
          if (key !== "sync") return Reflect.get(target, key);
          return async () => {
            const driver = double.driver;
            const before = driver.requestCount;
            const started = performance.now();
            try {
              return await target.sync();
            } finally {
              const meter = office.meter;
              meter.insideSyncMs += performance.now() - started;
              meter.syncs += 1;
              if (driver.requestCount > before) {
                meter.requestBytesTotal += driver.lastRequestBytes;
                meter.responseBytesTotal += driver.lastResponseBytes;
              }
              meter.largestRequestBytes = Math.max(meter.largestRequestBytes, driver.largestRequestBytes);
              meter.largestResponseBytes = Math.max(meter.largestResponseBytes, driver.largestResponseBytes);
            }
          };
        },
      });
      return batch(timed);
    });
  // The real runtime outside the timing: its own serialising is not Excel's time.
  const run = ((runOptions: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    office.realMeter
      ? teeRun((inner) => doubleRun(runOptions, inner), office.realMeter, batch, { doubleRequestBytes: () => double.driver.lastRequestBytes })
      : doubleRun(runOptions, batch)) as OfficeEnv["Excel"]["run"];
  office.env = {
    Excel: { run },
    Office: {
      context: {
        displayLanguage: "nl-NL",
        officeTheme: { bodyBackgroundColor: "#FFFFFF" },
        requirements: double.requirements,
      },
    },
  };
  return office;
}
