/**
 * What checking an old partner page costs, as the real Office.js runtime serialises it
 * (test/support/office-runtime.ts in front of the Excel double): a page for one partner of 100 made
 * again, and refused over a value far under its chart data. The runtime must accept the reads the
 * check queues (a surrounding region, a used range's first row) and deliver their answers.
 * `PK_PRINT_SIZES=1 npx jest test/partner/remake-request.test.ts` prints the figures.
 */
import { analyzeSheet } from "../../src/core/analyze";
import type { OfficeEnv } from "../../src/excel/env";
import { createOfficeWorkbookHost } from "../../src/excel/host";
import { createExcelDouble } from "../support/excel";
import { newRealMeter, realRuntimeAvailable, teeRun, type RealRuntimeMeter } from "../support/office-runtime";

const maybe = realRuntimeAvailable() ? describe : describe.skip;
const PARTNERS = 100;
const HEADER = ["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Subsidie"];
const row = (i: number) => [`Partner ${i}`, 1 + (i % 5), 1 + ((i * 3) % 5), i % 2 === 0 ? "ja" : "nee", 1000 + i];

function setUp() {
  const double = createExcelDouble({ sheets: [{ name: "Register", cells: [HEADER, ...Array.from({ length: PARTNERS }, (_, i) => row(i))] }], requirementSets: { ExcelApi: "1.8" } });
  const meter: { current: RealRuntimeMeter } = { current: newRealMeter() };
  const run = ((options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    teeRun((inner) => double.run(options, inner), meter.current, batch, { verifyResponses: true })) as OfficeEnv["Excel"]["run"];
  const env = {
    Excel: { run },
    Office: { context: { displayLanguage: "nl-NL", officeTheme: { bodyBackgroundColor: "#FFFFFF" }, requirements: double.requirements } },
  } as OfficeEnv;
  return { double, meter, host: createOfficeWorkbookHost(env) };
}

maybe("checking an old partner page through the real runtime", () => {
  test("a remake adds one read whose response is a small part of the page's write request; a refusal names the cell", async () => {
    const { double, meter, host } = setUp();
    const analysis = analyzeSheet(await host.readActiveSheet());
    const request = { rows: [analysis.partners.row[7]], includeSubsidy: false, date: "2026-12-07" };

    meter.current = newRealMeter();
    const made = await host.makePartnerPages!(analysis, request);
    const first = meter.current.requests;
    meter.current = newRealMeter();
    await host.makePartnerPages!(analysis, request);
    const again = meter.current.requests;
    if (process.env.PK_PRINT_SIZES) console.log(JSON.stringify({ first, again }));

    // The same requests and one more, the old page's content, right before the write request. (The
    // heads' read goes through the loaded collection's items, which the tee does not pair: unmeasured.)
    expect(again).toHaveLength(first.length + 1);
    const contentRead = again[again.length - 2];
    const writeRequest = again[again.length - 1];
    expect(writeRequest.requestBytes).toBeGreaterThan(first[first.length - 1].requestBytes * 0.9);
    // The old page's lines (40 rows of A:B) and its chart data (about 100 rows of M:O), read once.
    expect(contentRead.responseBytes).toBeLessThan(writeRequest.requestBytes / 4);

    const page = made.pages[0].sheetName;
    await double.driver.setCell(page, "M5000", "Mijn totaal");
    meter.current = newRealMeter();
    const failure = await host.makePartnerPages!(analysis, request).then(
      () => null,
      (error: { code?: string; details?: string }) => error,
    );
    expect(failure?.code).toBe("foreign-content");
    expect(failure?.details).toContain(`${page}!M5000`);
    // Naming the cell reads one row of it, not the 5,000 rows down to it.
    expect(meter.current.requests[meter.current.requests.length - 1].responseBytes).toBeLessThan(1024);
  }, 120_000);
});
