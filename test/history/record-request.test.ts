/**
 * What recording an assessment sends, as the real Office.js runtime serialises it (in front of the
 * Excel double, which refuses a request over Excel on the web's 5 MB): a register of 5,000
 * partners, the largest the add-in is made for, recorded year after year. Each recording sends its
 * own snapshot's rows, not the whole history again, so the fifth costs what the first did; and
 * a history of six such snapshots with long names (over 5 MB) is read in responses under the limit.
 * `PK_PRINT_SIZES=1` prints the figures.
 */
import type { OfficeEnv } from "../../src/excel/env";
import { createOfficeWorkbookHost } from "../../src/excel/host";
import { analyzeSheet } from "../../src/core/analyze";
import { HISTORY_SHEET, assessmentOf, historyHeaders, historyRows } from "../../src/core/history";
import { snapshotFromRows } from "../../src/core/snapshot";
import { createExcelDouble } from "../support/excel";
import { newRealMeter, realRuntimeAvailable, teeRun, type RealRuntimeMeter } from "../support/office-runtime";
import { HEADER } from "./live-data";

const maybe = realRuntimeAvailable() ? test : test.skip;
const PARTNERS = 5000;
const YEARS = 5;
const partner = (i: number, year: number): (string | number)[] => [`Stichting Partnerorganisatie nummer ${i}`, 1 + ((i + year) % 5), 1 + ((i * 3 + year) % 5), i % 2 ? "ja" : "nee", 10000 + i];

maybe("five yearly recordings of 5,000 partners each send one snapshot's rows, so none nears the 5 MB limit", async () => {
  const double = createExcelDouble({ sheets: [{ name: "Register", cells: [HEADER, ...Array.from({ length: PARTNERS }, (_, i) => partner(i, 0))] }], requirementSets: { ExcelApi: "1.8" } });
  const meter: { current: RealRuntimeMeter } = { current: newRealMeter() };
  const run = ((options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    teeRun((inner) => double.run(options, inner), meter.current, batch, { doubleRequestBytes: () => double.driver.lastRequestBytes })) as OfficeEnv["Excel"]["run"];
  const env = { Excel: { run }, Office: { context: { displayLanguage: "nl-NL", officeTheme: { bodyBackgroundColor: "#FFFFFF" }, requirements: double.requirements } } } as OfficeEnv;
  const host = createOfficeWorkbookHost(env);
  const largest: number[] = [];
  for (let year = 0; year < YEARS; year++) {
    await double.driver.setCells("Register", `A2:E${PARTNERS + 1}`, Array.from({ length: PARTNERS }, (_, i) => partner(i, year)));
    meter.current = newRealMeter();
    const outcome = await host.recordAssessment!(await host.readActiveSheet(), {}, `${2022 + year}-03-01`, String(2022 + year), false);
    expect(outcome.recorded).toBe(true);
    largest.push(Math.max(...meter.current.requests.map((r) => r.requestBytes)));
  }
  if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify({ largestRequestPerRecording: largest }));
  // Every recording costs about the first one (its own 5,000 rows), not the history so far.
  for (const bytes of largest) expect(bytes).toBeLessThan(largest[0] * 1.1);
  expect(Math.max(...largest)).toBeLessThan(2_000_000);
  expect(double.driver.value(HISTORY_SHEET, `B${1 + YEARS * PARTNERS}`)).toBe(String(2022 + YEARS - 1));
}, 300_000);

maybe("a history of six snapshots of 5,000 partners with long names is read in responses under 5 MB each, every snapshot whole", async () => {
  // Long names make six snapshots (30,001 rows: the double's formula engine holds at most 40,000) weigh over 5 MB.
  const longName = (i: number) => `Stichting voor welzijn, zorg en ondersteuning in de wijken en kernen van de gemeente, vestiging nummer ${i}`;
  const register = (year: number) => [HEADER, ...Array.from({ length: PARTNERS }, (_, i) => [longName(i), ...partner(i, year).slice(1)])];
  const rows = Array.from({ length: 6 }, (_, year) => historyRows(assessmentOf(analyzeSheet(snapshotFromRows("Register", register(year))), `${2018 + year}-03-01`, String(2018 + year)), "nl")).flat();
  const double = createExcelDouble({
    sheets: [
      { name: "Register", cells: register(8) },
      { name: HISTORY_SHEET, cells: [historyHeaders("nl"), ...rows] },
    ],
    requirementSets: { ExcelApi: "1.8" },
  });
  const meter = newRealMeter();
  const run = ((options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    teeRun((inner) => double.run(options, inner), meter, batch, { doubleRequestBytes: () => double.driver.lastRequestBytes })) as OfficeEnv["Excel"]["run"];
  const env = { Excel: { run }, Office: { context: { displayLanguage: "nl-NL", officeTheme: { bodyBackgroundColor: "#FFFFFF" }, requirements: double.requirements } } } as OfficeEnv;
  const history = await createOfficeWorkbookHost(env).readHistory!();
  const responses = meter.requests.map((r) => r.responseBytes);
  if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify({ responses }));
  expect(history.map((a) => [a.label, a.partners.length])).toEqual(Array.from({ length: 6 }, (_, year) => [String(2018 + year), PARTNERS]));
  expect(history[5].partners[PARTNERS - 1].partner).toBe(longName(PARTNERS - 1));
  expect(responses.reduce((a, b) => a + b, 0)).toBeGreaterThan(5_000_000);
  expect(Math.max(...responses)).toBeLessThan(5_000_000);
}, 300_000);
