/**
 * What real Excel does that the double once let pass (issue 15): a chart selected instead of
 * cells, requirement sets, error codes with their own messages, structure protection, Excel on the
 * web's cell limit for table columns. Each behaviour's source is named in test/support/excel/README.md.
 */
import { isHostFailure, type HostFailure } from "../../src/core/host";
import type { SheetSnapshot } from "../../src/core/types";
import { generateRegister } from "../support/generate";
import { makeHarness, outputOptions, type Harness } from "./harness";

const withChart = outputOptions({}, { enabled: true, placement: "beside-register" });

function registerHarness(partners: number, layout: "range" | "table", options: { excelApi?: string } = {}, extra = {}): Harness {
  const register = generateRegister({ partners, seed: 7, layout, hiddenRowRate: 0 });
  const harness = makeHarness(undefined, options);
  harness.driver.loadSnapshot(register.snapshot, extra);
  return harness;
}

async function failureOf(promise: Promise<unknown>): Promise<HostFailure> {
  try {
    await promise;
  } catch (error) {
    if (isHostFailure(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function applyOnce(harness: Harness, output = withChart): Promise<SheetSnapshot> {
  const snapshot = await harness.host.readActiveSheet();
  await harness.host.apply(snapshot, {}, output);
  return snapshot;
}

describe("A1: a chart selected instead of cells", () => {
  test.each(["1.8", "1.9"])("start-up, Analyse again and the re-read after apply still read the register (ExcelApi %s)", async (excelApi) => {
    const harness = registerHarness(12, "range", { excelApi });
    const before = await applyOnce(harness);
    const sheet = before.sheetName;
    const [chart] = harness.driver.charts(sheet);
    await harness.driver.selectChart(sheet, chart.name);

    const reread = await harness.host.readActiveSheet();
    expect(reread.sheetName).toBe(sheet);
    expect(reread.values.length).toBe(before.values.length);
    // No cells are selected: the hint is absent, not wrong.
    expect(reread.selection).toBeNull();
    // Applying again from that read works while the chart stays selected.
    await harness.host.apply(reread, {}, withChart);
    await harness.driver.select(sheet, "B3");
    expect((await harness.host.readActiveSheet()).selection).toEqual({ row: 2, column: 1, rowCount: 1, columnCount: 1 });
  });
});

describe("A6: Excel's refusals get their own message", () => {
  test("inserting columns when the sheet's last column holds anything: no-room-to-insert, workbook unchanged", async () => {
    const harness = registerHarness(8, "range");
    const sheet = harness.driver.activeSheet()!;
    // A note below, right of the register, makes the new columns be inserted; XFD1 has no room to move.
    await harness.driver.setCell(sheet, "K40", "notitie");
    await harness.driver.setCell(sheet, "XFD1", "x");
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    expect(failure.code).toBe("no-room-to-insert");
    expect(failure.details).toContain("NonBlankCellOffSheet");
    expect(harness.driver.snapshotAll()).toEqual(before);
  });

  test("a workbook whose structure is protected: protected-workbook before anything is written", async () => {
    const harness = registerHarness(8, "range", {}, { structureProtected: true });
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    expect(failure.code).toBe("protected-workbook");
    expect(harness.driver.snapshotAll()).toEqual(before);
  });
});
