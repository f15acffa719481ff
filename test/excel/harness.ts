/**
 * Test harness: the Office host over the Excel double, with a chosen ExcelApi version and a way to
 * make one operation of a chosen sync fail (as Excel would, half-way through an apply).
 */
import { join } from "node:path";
import { isHostFailure, type HostFailure, type OutputOptions } from "../../src/core/host";
import { columnName, positionLabelName, strategyLabelName } from "../../src/core/plan";
import type { Analysis } from "../../src/core/types";
import { DEFAULT_CHART_OPTIONS } from "../../src/core/host";
import type { OfficeEnv } from "../../src/excel/env";
import { createOfficeWorkbookHost, type OfficeHostOptions } from "../../src/excel/host";
import { createExcelDouble, type DoubleErrorCode, type WorkbookInit } from "../support/excel";
import { SHARED_FIXTURES, withFixture } from "../support/fixtures";
import { cellAddress, columnIndex } from "../../src/core/text";
import { parseCsv } from "../../src/cli/csv";

export const FIXTURES = SHARED_FIXTURES;
export const fixture = (name: string) => join(FIXTURES, name);
export const haveFixture = (name: string) => withFixture(name) !== null;

export interface Harness {
  double: ReturnType<typeof createExcelDouble>;
  driver: ReturnType<typeof createExcelDouble>["driver"];
  host: ReturnType<typeof createOfficeWorkbookHost>;
  /**
   * Make operation `operation` of the `sync`-th sync (1-based, counted per host call) fail with
   * `code`; `whenFailed` sees the workbook right after that sync failed, before any rollback.
   */
  failAtSync(sync: number, code: DoubleErrorCode, operation?: number, whenFailed?: () => void): void;
  /** Syncs of the last host call, as the double counted them. */
  syncsOfLastCall(): number;
}

export function makeHarness(init?: WorkbookInit, options: { excelApi?: string; language?: string } & OfficeHostOptions = {}): Harness {
  // The double enforces the same sets the host is told about: a member above them fails its batch.
  const double = createExcelDouble({ ...(init ?? { sheets: [{ name: "Sheet1" }] }), requirementSets: { ExcelApi: options.excelApi ?? "1.8" } });
  let injection: { sync: number; code: DoubleErrorCode; operation: number; whenFailed?: () => void } | null = null;
  let syncsInCall = 0;
  let countAtCallStart = 0;
  const run: OfficeEnv["Excel"]["run"] = (runOptions, batch) => {
    countAtCallStart = double.driver.syncCount;
    let syncs = 0;
    return double.run(runOptions as Excel.RunOptions, (context: Excel.RequestContext) => {
      const wrapped = new Proxy(context, {
        get(target, key) {
          if (key === "sync") {
            return async () => {
              syncs += 1;
              if (injection && injection.sync === syncs) {
                double.driver.failOperation(injection.operation, injection.code);
                const whenFailed = injection.whenFailed;
                injection = null;
                return target.sync().catch((error: unknown) => {
                  whenFailed?.();
                  throw error;
                });
              }
              return target.sync();
            };
          }
          return Reflect.get(target, key);
        },
      });
      return batch(wrapped).finally(() => {
        syncsInCall = double.driver.syncCount - countAtCallStart;
      });
    });
  };
  const env: OfficeEnv = {
    Excel: { run },
    Office: {
      context: {
        displayLanguage: options.language ?? "nl-NL",
        officeTheme: { bodyBackgroundColor: "#FFFFFF" },
        requirements: double.requirements,
      },
    },
  };
  const host = createOfficeWorkbookHost(env, options);
  return {
    double,
    driver: double.driver,
    host,
    failAtSync(sync, code, operation = 0, whenFailed) {
      injection = { sync, code, operation, whenFailed };
    },
    syncsOfLastCall: () => syncsInCall,
  };
}

export function outputOptions(overrides: Partial<OutputOptions> = {}, chart: Partial<OutputOptions["chart"]> = {}): OutputOptions {
  return { language: "nl", mode: "formulas", chart: { ...DEFAULT_CHART_OPTIONS, enabled: false, ...chart }, ...overrides };
}

/**
 * A CSV file's cells as Excel shows them after opening it: read by the CLI's own parser, blank
 * lines left out, numerals as numbers.
 */
export function csvCells(text: string): (string | number)[][] {
  const asExcelShows = (field: string) => (field.trim() !== "" && Number.isFinite(Number(field)) ? Number(field) : field);
  return parseCsv(text)
    .filter((row) => row.some((field) => field.trim() !== ""))
    .map((row) => row.map(asExcelShows));
}

/** Where a PK_ name points (sheet, 0-based row/column), read from the workbook. */
export function nameCell(harness: Harness, name: string): { sheet: string; row: number; column: number } {
  const item = harness.driver.names().find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (!item) throw new Error(`no name ${name}`);
  const match = /^=?'?(.*?)'?!\$?([A-Z]+)\$?(\d+)/.exec(item.formula);
  if (!match) throw new Error(`unexpected formula ${item.formula}`);
  return { sheet: match[1].replace(/''/g, "'"), row: Number(match[3]) - 1, column: columnIndex(match[2]) };
}

export function cellValue(harness: Harness, sheet: string, row: number, column: number) {
  return harness.driver.value(sheet, cellAddress(row, column));
}

/** The evaluated gap, position and strategy of every analysed partner equal the core's (of at least one partner). */
export function expectColumnsMatch(harness: Harness, analysis: Analysis) {
  // With no partners the loop below would compare nothing and pass.
  expect(analysis.rows.length).toBeGreaterThan(0);
  const gap = nameCell(harness, columnName("gap"));
  const position = nameCell(harness, columnName("position"));
  const strategy = nameCell(harness, columnName("strategy"));
  const labelOf = (name: string) => {
    const cell = nameCell(harness, name);
    return cellValue(harness, cell.sheet, cell.row, cell.column);
  };
  for (const result of analysis.rows) {
    const row = result.row - 1;
    expect(cellValue(harness, gap.sheet, row, gap.column)).toBeCloseTo(result.gap, 9);
    expect(cellValue(harness, position.sheet, row, position.column)).toBe(labelOf(positionLabelName(result.position)));
    expect(cellValue(harness, strategy.sheet, row, strategy.column)).toBe(labelOf(strategyLabelName(result.strategy)));
  }
}

/** The HostFailure a host call rejects with (fails the test when the call succeeds or throws something else). */
export async function failureOf(promise: Promise<unknown>): Promise<HostFailure> {
  try {
    await promise;
  } catch (error) {
    if (isHostFailure(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
