/**
 * What real Excel does that the double once let pass (issue 15): a chart selected instead of
 * cells, requirement sets, error codes with their own messages, structure protection, Excel on the
 * web's cell limit for table columns. Each behaviour's source is named in test/support/excel/README.md.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { t } from "../../src/core/i18n";
import { strategyLabelName } from "../../src/core/plan";
import { defaultPipeline, type CorePipeline } from "../../src/excel/pipeline";
import type { SheetSnapshot } from "../../src/core/types";
import { switchOffFormulaEvaluation } from "../../bench/double-no-eval";
import type { WorkbookState } from "../support/excel";
import { generateRegister } from "../support/generate";
import { failureOf, makeHarness, outputOptions, type Harness } from "./harness";

const withChart = outputOptions({}, { enabled: true, placement: "beside-register" });

function registerHarness(partners: number, layout: "range" | "table", options: { excelApi?: string } = {}, extra = {}): Harness {
  const register = generateRegister({ partners, seed: 7, layout, hiddenRowRate: 0 });
  const harness = makeHarness(undefined, options);
  harness.driver.loadSnapshot(register.snapshot, extra);
  return harness;
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

describe("B: every apply checks what Excel computed", () => {
  test("a correct apply agrees row by row and in the summary, without a sync of its own", async () => {
    const harness = registerHarness(30, "table");
    const snapshot = await harness.host.readActiveSheet();
    harness.driver.resetCounters();
    const result = await harness.host.apply(snapshot, {}, withChart);
    expect(result.selfCheck).toBeDefined();
    expect(result.selfCheck!.totalRows).toBeGreaterThanOrEqual(30);
    expect(result.selfCheck!.checkedRows).toBe(result.selfCheck!.totalRows);
    expect(result.selfCheck!.mismatchCount).toBe(0);
    expect(result.selfCheck!.summaryMismatches).toEqual([]);
    expect(result.notices.map((n) => n.key)).not.toContain("notice.selfCheck.mismatch");
    // The cell-edit probe (1) and the apply's three: the read-back rides on the last write.
    expect(result.syncs).toBeLessThanOrEqual(4);
    expect(harness.driver.syncCount).toBe(result.syncs);
  });

  test("a tampered strategy formula is reported with its rows, what Excel shows and what was expected", async () => {
    // Every row's strategy formula replaced by the label of "secure": Excel now disagrees with the analysis.
    const tampered: CorePipeline = {
      ...defaultPipeline,
      planWrite(snapshot, analysis, output) {
        const plan = defaultPipeline.planWrite(snapshot, analysis, output);
        const strategy = plan.columns.find((column) => column.key === "strategy")!.column;
        for (const block of plan.blocks) {
          if (block.kind !== "fill" || block.sheetName !== plan.registerSheet) continue;
          const at = strategy - block.column;
          if (at >= 0 && at < block.formulasR1C1.length) block.formulasR1C1[at] = `=${strategyLabelName("secure")}`;
        }
        return plan;
      },
    };
    const register = generateRegister({ partners: 30, seed: 7, layout: "table", hiddenRowRate: 0 });
    const harness = makeHarness(undefined, { pipeline: tampered });
    harness.driver.loadSnapshot(register.snapshot);
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    const result = await harness.host.apply(snapshot, {}, outputOptions());

    const report = result.selfCheck!;
    const notSecure = analysis.rows.filter((row) => row.strategy !== "secure");
    expect(notSecure.length).toBeGreaterThan(0);
    const strategyMismatches = report.mismatches.filter((m) => m.column === "strategy");
    expect(report.mismatchCount).toBeGreaterThanOrEqual(notSecure.length);
    const first = notSecure[0];
    expect(strategyMismatches).toContainEqual({ row: first.row, column: "strategy", excel: t("nl", "strategy.secure"), expected: t("nl", `strategy.${first.strategy}`) });
    expect(report.summaryMismatches.some((m) => m.key === "secure" && m.measure === "count")).toBe(true);
    const notice = result.notices.find((n) => n.key === "notice.selfCheck.mismatch");
    expect(notice?.params).toMatchObject({ rows: report.mismatchCount });
  });

  test("a register too long for the reads' share of one response is checked row by row at its top and as a whole by the summary", async () => {
    const register = generateRegister({ partners: 200, seed: 7, layout: "range", hiddenRowRate: 0 });
    const harness = makeHarness(undefined, { payloadBudgetBytes: 64 * 1024 });
    harness.driver.loadSnapshot(register.snapshot);
    const result = await harness.host.apply(await harness.host.readActiveSheet(), {}, outputOptions());
    const report = result.selfCheck!;
    expect(report.checkedRows).toBeGreaterThan(0);
    expect(report.checkedRows).toBeLessThan(report.totalRows);
    expect(report.mismatchCount).toBe(0);
    expect(report.summaryMismatches).toEqual([]);
    expect(harness.driver.largestResponseBytes).toBeLessThan(64 * 1024);
  });

  test("a write Excel did not keep (every position and strategy empty) is never reported as success: write-dropped, workbook restored", async () => {
    // As if Excel had swallowed the writes: the position and strategy formulas give "".
    const dropped: CorePipeline = {
      ...defaultPipeline,
      planWrite(snapshot, analysis, output) {
        const plan = defaultPipeline.planWrite(snapshot, analysis, output);
        for (const key of ["position", "strategy"] as const) {
          const column = plan.columns.find((c) => c.key === key)!.column;
          for (const block of plan.blocks) {
            if (block.kind !== "fill" || block.sheetName !== plan.registerSheet) continue;
            const at = column - block.column;
            if (at >= 0 && at < block.formulasR1C1.length) block.formulasR1C1[at] = '=""';
          }
        }
        return plan;
      },
    };
    const register = generateRegister({ partners: 12, seed: 7, layout: "range", hiddenRowRate: 0 });
    const harness = makeHarness(undefined, { pipeline: dropped });
    harness.driver.loadSnapshot(register.snapshot);
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    // Without the chart: a dropped request takes its chart with it; this simulation would not.
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    expect(failure.code).toBe("write-dropped");
    // Widths the apply had set are put back to the default width (48 pt), which the double then lists.
    const withoutDefaultWidths = (state: WorkbookState) => ({
      ...state,
      sheets: state.sheets.map((sheet) => ({ ...sheet, columnWidths: Object.fromEntries(Object.entries(sheet.columnWidths).filter(([, width]) => width !== 48)) })),
    });
    expect(withoutDefaultWidths(harness.driver.snapshotAll())).toEqual(withoutDefaultWidths(before));
  });

  test("values mode writes no formulas and checks nothing", async () => {
    const harness = registerHarness(10, "range");
    const snapshot = await harness.host.readActiveSheet();
    const result = await harness.host.apply(snapshot, {}, outputOptions({ mode: "values" }));
    expect(result.selfCheck).toBeUndefined();
  });
});

describe("A4: applying while the user edits a cell", () => {
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(condition()).toBe(true);
  };

  test("the pane is told to finish editing, nothing is written while it waits, and the apply completes after Enter", async () => {
    const harness = registerHarness(10, "range");
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    harness.driver.enterCellEditMode();
    const steps: string[] = [];
    const applying = harness.host.apply(snapshot, {}, outputOptions(), (progress) => steps.push(progress.step));
    await until(() => steps.includes("waiting-for-cell-edit"));
    expect(harness.driver.snapshotAll()).toEqual(before);
    harness.driver.exitCellEditMode();
    const result = await applying;
    expect(steps.indexOf("waiting-for-cell-edit")).toBeLessThan(steps.indexOf("writing-columns"));
    expect(result.selfCheck?.mismatchCount).toBe(0);
  });

  test("cancelling while Excel waits fails with cancelled and leaves the workbook as it was, also after the edit ends", async () => {
    const harness = registerHarness(10, "range");
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    harness.driver.enterCellEditMode();
    const steps: string[] = [];
    const controller = new AbortController();
    const applying = failureOf(harness.host.apply(snapshot, {}, outputOptions(), (progress) => steps.push(progress.step), controller.signal));
    await until(() => steps.includes("waiting-for-cell-edit"));
    controller.abort();
    expect((await applying).code).toBe("cancelled");
    harness.driver.exitCellEditMode();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(harness.driver.snapshotAll()).toEqual(before);
  });

  test("outside cell edit mode there is no waiting step", async () => {
    const harness = registerHarness(10, "range");
    const steps: string[] = [];
    await harness.host.apply(await harness.host.readActiveSheet(), {}, outputOptions(), (progress) => steps.push(progress.step));
    expect(steps).not.toContain("waiting-for-cell-edit");
  });
});

describe("A3: table columns on Excel on the web", () => {
  // 2,100 rows × (16,383 − the table's columns) is above the web's 33,554,000 cells for columns.add.
  const LONG = 2100;
  const webTable = (excelApi: string) => registerHarness(LONG, "table", { excelApi }, { platform: "web" });
  // HyperFormula would take a minute over 2,100 rows of formulas; these tests look at structure only.
  let restoreEvaluation: () => void = () => undefined;
  beforeAll(() => {
    restoreEvaluation = switchOffFormulaEvaluation();
  });
  afterAll(() => restoreEvaluation());

  test("the double refuses columns.add on such a table on the web, as Microsoft documents", async () => {
    const harness = webTable("1.13");
    const [table] = harness.driver.tables();
    await expect(
      harness.double.run(async (context) => {
        context.workbook.tables.getItem(table.name).columns.add(null as unknown as number, undefined, "Extra");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "OperationCellsExceedLimit" });
  });

  test("with ExcelApi 1.13 the columns are written beside the table and the table is resized over them", async () => {
    const harness = webTable("1.13");
    const snapshot = await harness.host.readActiveSheet();
    const [before] = harness.driver.tables();
    const result = await harness.host.apply(snapshot, {}, outputOptions());
    const [after] = harness.driver.tables();
    const added = result.columnHeaders.length;
    expect(after.rect).toEqual({ ...before.rect, columnCount: before.rect.columnCount + added });
    expect(after.columns.slice(0, before.columns.length)).toEqual(before.columns);
    expect(after.columns.slice(before.columns.length)).toEqual(
      result.columnHeaders.map((address) => harness.driver.value(result.sheetName, address.split("!")[1])),
    );
  });

  test("a failure after the resize puts the table and its cells back", async () => {
    const harness = webTable("1.13");
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    let resizedTo: string | null = null;
    const failure = await failureOf(
      harness.host.apply(snapshot, {}, outputOptions(), (progress) => {
        // The structure sync is done: make the first write request fail.
        if (progress.step !== "writing-parameters") return;
        resizedTo = harness.driver.tables()[0].address;
        harness.driver.failOperation(0, "GeneralException");
      }),
    );
    expect(failure.code).toBe("unknown");
    expect(resizedTo).not.toBe(before.tables[0].address);
    expect(harness.driver.snapshotAll()).toEqual(before);
  });

  test("without ExcelApi 1.13 Excel's refusal reaches the user as its own message, the workbook unchanged", async () => {
    const harness = webTable("1.12");
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    expect(failure.code).toBe("too-many-cells");
    expect(harness.driver.snapshotAll()).toEqual(before);
  });
});

describe("A5: sheet events within the workbook's requirement sets", () => {
  const watch = async (excelApi: string) => {
    const harness = makeHarness({ sheets: [{ name: "Blad1", cells: [["a"]] }] }, { excelApi });
    const events: string[] = [];
    harness.host.onSheetEvent((event) => events.push(`${event.kind}:${event.sheetName}`));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await harness.double.run(async (context) => {
      context.workbook.worksheets.add("Blad2");
      await context.sync();
    });
    await harness.driver.setCell("Blad1", "A2", 1);
    await harness.driver.setCell("Blad2", "A1", 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    return events;
  };

  test("ExcelApi 1.9: the collection's events, which also cover a sheet added later", async () => {
    expect(await watch("1.9")).toEqual(expect.arrayContaining(["data-changed:Blad1", "data-changed:Blad2"]));
  });

  test("ExcelApi 1.8: each existing sheet's own events (1.7); a sheet added later is not watched", async () => {
    const events = await watch("1.8");
    expect(events).toContain("data-changed:Blad1");
    expect(events).not.toContain("data-changed:Blad2");
  });
});
