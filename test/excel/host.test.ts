/**
 * The Office host over the Excel double: what a user sees in the workbook after apply, after their
 * own edits, after a second apply, and after failures (the workbook must be exactly as it was).
 */
import { readFileSync } from "node:fs";
import { analyzeSheet } from "../../src/core/analyze";
import { buildChartSpec } from "../../src/core/chart";
import type { HostFailure } from "../../src/core/host";
import { columnName, PARAMETER_NAMES, planWrite, strategyLabelName } from "../../src/core/plan";
import { STRATEGY_KEYS, type Analysis, type SheetSnapshot } from "../../src/core/types";
import { switchOffFormulaEvaluation } from "../../bench/double-no-eval";
import { generateRegister } from "../support/generate";
import type { DoubleErrorCode } from "../support/excel";
import { cellValue, csvCells, expectColumnsMatch, failureOf, nameCell, fixture, haveFixture, makeHarness, outputOptions, type Harness } from "./harness";
import { columnLetter, formulaText } from "../../src/core/text";
import { t } from "../../src/core/i18n";

const withChart = outputOptions({}, { enabled: true });

function seedOrGenerated(): { harness: Harness; label: string } {
  if (haveFixture("seed-examples.csv")) {
    const harness = makeHarness({ sheets: [{ name: "Partners", cells: csvCells(readFileSync(fixture("seed-examples.csv"), "utf8")) }] });
    return { harness, label: "seed examples" };
  }
  return { harness: generated(12, "range"), label: "generated register" };
}

function generated(partners: number, layout: "range" | "table", seed = 11): Harness {
  const register = generateRegister({ partners, seed, layout, hiddenRowRate: 0 });
  const harness = makeHarness();
  harness.driver.loadSnapshot(register.snapshot);
  return harness;
}


/** The snapshot with one cell changed, as the core would see the sheet after a user edit. */
function withCell(snapshot: SheetSnapshot, row: number, column: number, value: number): SheetSnapshot {
  const values = snapshot.values.map((line) => [...line]);
  values[row - snapshot.origin.row][column - snapshot.origin.column] = value;
  return { ...snapshot, values };
}

/** Every strategy series plots exactly (dependency, influence) of the partners with that strategy. */
function expectChartFollows(harness: Harness, analysis: Analysis, sheet: string) {
  // With no partners every series would be empty on both sides and compare equal.
  expect(analysis.rows.length).toBeGreaterThan(0);
  const charts = harness.driver.charts(sheet);
  expect(charts).toHaveLength(1);
  const [spec] = buildChartSpec(analysis, { ...withChart.chart, language: "nl" });
  const chart = charts[0];
  expect(chart.name).toBe(spec.name);
  for (const strategy of STRATEGY_KEYS) {
    const seriesSpec = spec.series.find((s) => s.strategy === strategy)!;
    const series = chart.series.find((s) => s.name === seriesSpec.name)!;
    expect(series).toBeDefined();
    const plotted = (series.y ?? []).flatMap((y, i) => (typeof y === "number" ? [[series.x![i], y]] : []));
    const expected = analysis.rows.filter((r) => r.strategy === strategy).map((r) => [r.dependency, r.influence]);
    expect(plotted).toEqual(expected);
  }
  return { chart, spec };
}

describe("reading the active sheet", () => {
  test("used range, origin, formats, table, hidden columns and rows, names, selection — in 3 syncs (2 + hidden-row probe)", async () => {
    const harness = makeHarness({
      sheets: [
        {
          name: "Register",
          origin: "B3",
          cells: [
            ["Partner", "Invloed", "Afhankelijkheid", "Notitie"],
            ["Bibliotheek", 0.5, 4, "x"],
            ["School", "3,5", 2, ""],
            ["Welzijn", 2, 5, "=1+1"],
          ],
          numberFormats: [[null, null, null, null], [null, "0%", null, null], [null, null, null, null], [null, null, null, null]],
          tables: [{ name: "tblRegister", address: "B3:E6" }],
          hiddenColumns: ["E"],
          hiddenRows: [4],
          selection: "C4:D5",
        },
      ],
      names: [{ name: "PK_Col_Gap", formula: "=Register!$F$3" }, { name: "Elders", formula: "=Overig!$A$1" }],
    });
    const before = harness.driver.syncCount;
    const snapshot = await harness.host.readActiveSheet();
    // Two syncs: hidden rows are not probed (a partner in a hidden row is analysed like any other).
    expect(harness.driver.syncCount - before).toBe(2);
    expect(snapshot.sheetName).toBe("Register");
    expect(snapshot.origin).toEqual({ row: 2, column: 1 });
    expect(snapshot.values).toEqual(harness.driver.values("Register", "B3:E6"));
    expect(snapshot.numberFormats![1][1]).toBe("0%");
    expect(formulaText(snapshot.formulas![3][3], snapshot.values[3][3])).toBe("=1+1");
    expect(formulaText(snapshot.formulas![1][0], snapshot.values[1][0])).toBeNull();
    expect(snapshot.tables).toEqual([
      { name: "tblRegister", rect: { row: 2, column: 1, rowCount: 4, columnCount: 4 }, showHeaders: true, showTotals: false, columnNames: ["Partner", "Invloed", "Afhankelijkheid", "Notitie"] },
    ]);
    expect(snapshot.hiddenColumns).toEqual([4]);
    expect(analyzeSheet(snapshot).rows.map((row) => row.partner)).toEqual(["Bibliotheek", "School", "Welzijn"]);
    expect(snapshot.selection).toEqual({ row: 3, column: 2, rowCount: 2, columnCount: 2 });
    expect(snapshot.definedNames).toEqual([{ name: "PK_Col_Gap", rect: { row: 2, column: 5, rowCount: 1, columnCount: 1 } }]);
  });

  test("merged areas with ExcelApi 1.13", async () => {
    const harness = makeHarness(
      { sheets: [{ name: "Blad1", cells: [["Titel", ""], ["Partner", "Invloed"]], merged: ["A1:B1"] }] },
      { excelApi: "1.13" },
    );
    const snapshot = await harness.host.readActiveSheet();
    expect(snapshot.mergedAreas).toEqual([{ row: 0, column: 0, rowCount: 1, columnCount: 2 }]);
  });

  test("a used range larger than the response budget is read in row blocks sized by the rows read: every response under the budget, same values", async () => {
    const budget = 64 * 1024;
    const register = generateRegister({ partners: 1000, seed: 3, layout: "range" });
    const small = makeHarness(undefined, { payloadBudgetBytes: budget });
    small.driver.loadSnapshot(register.snapshot);
    const before = small.driver.syncCount;
    const snapshot = await small.host.readActiveSheet();
    const syncs = small.driver.syncCount - before;
    expect(small.driver.largestResponseBytes).toBeLessThan(budget);
    const whole = makeHarness();
    whole.driver.loadSnapshot(register.snapshot);
    expect(snapshot.values).toEqual((await whole.host.readActiveSheet()).values);
    // The whole sheet's bytes, as one response carried them.
    const bytes = whole.driver.largestResponseBytes;
    // The shape, the first block (sized by a conservative guess per cell), then blocks filled up to the
    // budget less the 1.25 margin: one more sync at most for the rounding. A guess per cell for every
    // block (~2.7 times the real size) took 15.
    expect(syncs).toBeGreaterThan(2);
    expect(syncs).toBeLessThanOrEqual(3 + Math.ceil((bytes * 1.25) / budget));
  });

  test("rows further down longer than those measured: a block over the limit is read again in halves, same values", async () => {
    const budget = 16 * 1024;
    const short = Array.from({ length: 200 }, (_, i) => [`Partner ${i}`, 3, 4]);
    const long = Array.from({ length: 400 }, (_, i) => [`Partner ${200 + i} ${"met een lange naam ".repeat(12)}`, 3, 4]);
    const cells = [["Partner", "Invloed", "Afhankelijkheid"], ...short, ...long];
    const harness = makeHarness({ sheets: [{ name: "Blad1", cells }] }, { payloadBudgetBytes: budget });
    // Excel would refuse any response over the budget.
    harness.driver.setPayloadLimit(budget);
    const snapshot = await harness.host.readActiveSheet();
    // Excel refused at least one block (the double counts the refused response too) ...
    expect(harness.driver.largestResponseBytes).toBeGreaterThan(budget);
    // ... and the read went on in smaller blocks.
    expect(snapshot.values).toEqual(harness.driver.values("Blad1", `A1:C${cells.length}`));
    expect(snapshot.values).toHaveLength(cells.length);
  });
});

test("long texts at the top of the sheet: Excel refuses the first block, the read starts again with smaller blocks, same values", async () => {
  const budget = 16 * 1024;
  // About 1 KB a row: the first block, sized by a guess of ~100 bytes a cell, would be ~3 times the limit.
  const cells = [
    ["Partner", "Invloed", "Afhankelijkheid", "Toelichting"],
    ...Array.from({ length: 120 }, (_, i) => [`Partner ${i}`, 3, 4, `Overleg ${i}: ${"uitgebreide toelichting bij de afspraken ".repeat(12)}`]),
  ];
  const harness = makeHarness({ sheets: [{ name: "Blad1", cells }] }, { payloadBudgetBytes: budget });
  harness.driver.setPayloadLimit(budget);
  const snapshot = await harness.host.readActiveSheet();
  expect(harness.driver.largestResponseBytes).toBeGreaterThan(budget); // the refused first block
  expect(snapshot.values).toEqual(harness.driver.values("Blad1", `A1:D${cells.length}`));
  expect(analyzeSheet(snapshot).rows).toHaveLength(120);
});

describe("apply with the chart", () => {
  test("columns, chart series, bounds and labels per the spec; the chart follows a score edit and a parameter edit", async () => {
    const { harness } = seedOrGenerated();
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    const result = await harness.host.apply(snapshot, {}, withChart);
    expect(result.syncs).toBeLessThanOrEqual(5);
    expectColumnsMatch(harness, analysis);
    const { chart, spec } = expectChartFollows(harness, analysis, result.sheetName);
    expect(chart.chartType).toBe("XYScatter");
    expect(chart.categoryAxis).toMatchObject({ minimum: spec.xAxis.min, maximum: spec.xAxis.max, title: spec.xAxis.title });
    expect(chart.valueAxis).toMatchObject({ minimum: spec.yAxis.min, maximum: spec.yAxis.max, title: spec.yAxis.title });
    const line = chart.series.find((s) => s.name === spec.line.name)!;
    expect(line.x).toEqual([spec.line.from.x, spec.line.to.x]);
    expect(line.y).toEqual([spec.line.from.y, spec.line.to.y]);
    const threshold = chart.series.find((s) => s.name === spec.threshold.name)!;
    expect(threshold.line.lineStyle).toBe("Dash");
    expect(threshold.x).toEqual([spec.threshold.x, spec.threshold.x]);
    // The ambition line, the threshold and the movement are a line chart type, not formatting.
    for (const name of [spec.line.name, spec.threshold.name, spec.movementName]) {
      expect(chart.series.find((s) => s.name === name)?.chartType).toBe("XYScatterLinesNoMarkers");
    }
    expect(chart.displayBlanksAs).toBe("NotPlotted");
    // Labels: once per labelled partner, on the marker-less names series at the partner's point,
    // showing its name; none on the strategy series.
    for (const seriesSpec of spec.series) {
      const series = chart.series.find((s) => s.name === seriesSpec.name)!;
      expect(series.markerBackgroundColor).toBe(seriesSpec.color);
      expect(series.points.filter((p) => p.hasDataLabel)).toEqual([]);
    }
    const names = chart.series.find((s) => s.name === t("nl", "chart.names"))!;
    expect(names.markerStyle).toBe("None");
    const labelled = names.points.filter((p) => p.hasDataLabel).map((p) => [names.x![p.index], names.y![p.index], p.labelShows]);
    expect(labelled).toEqual(analysis.rows.filter((r) => spec.labelledRows.includes(r.row)).map((r) => [r.dependency, r.influence, r.partner]));
    expect(labelled.length).toBeGreaterThan(0);

    // The user raises the first partner's influence to the top of the scale: Excel recomputes.
    const first = analysis.rows[0];
    const influenceColumn = analysis.mapping.influence!.column;
    await harness.driver.setCell(result.sheetName, `${columnLetter(influenceColumn)}${first.row}`, analysis.influenceScale.max);
    const edited = analyzeSheet(withCell(snapshot, first.row - 1, influenceColumn, analysis.influenceScale.max), {});
    expect(edited.rows[0].strategy).not.toBe(first.strategy === "secure" || first.strategy === "contract" ? "raise-influence" : first.strategy);
    expectColumnsMatch(harness, edited);
    expectChartFollows(harness, edited, result.sheetName);

    // The user moves the ambition line's right end on the parameter sheet.
    const lineCell = nameCell(harness, PARAMETER_NAMES.lineAtHighest);
    const newHighest = analysis.influenceScale.max;
    await harness.driver.setCell(lineCell.sheet, `${columnLetter(lineCell.column)}${lineCell.row + 1}`, newHighest);
    const moved = analyzeSheet(withCell(snapshot, first.row - 1, influenceColumn, analysis.influenceScale.max), {
      line: { atLowestDependency: analysis.line.atLowestDependency, atHighestDependency: newHighest },
    });
    expectColumnsMatch(harness, moved);
    const after = expectChartFollows(harness, moved, result.sheetName);
    const movedLine = after.chart.series.find((s) => s.name === after.spec.line.name)!;
    expect(movedLine.y).toEqual([analysis.line.atLowestDependency, newHighest]);
  });

  test("movement is one series whose segments follow a score edit without the add-in", async () => {
    const { harness } = seedOrGenerated();
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    const result = await harness.host.apply(snapshot, {}, withChart);
    const [spec] = buildChartSpec(analysis, { ...withChart.chart, language: "nl" });
    expect(spec.movements.length).toBeGreaterThan(1);
    const movementSeries = () => harness.driver.charts(result.sheetName)[0].series.filter((s) => s.name.startsWith(spec.movementName));
    const expectSegments = (expected: Analysis) => {
      const series = movementSeries();
      expect(series).toHaveLength(1);
      const rounded = (v: unknown) => (typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v);
      const points = series[0].x!.map((x, i) => [rounded(x), rounded(series[0].y![i])]);
      const segments = spec.movements.map((m) => {
        const r = expected.rows.find((row) => row.row === m.row)!;
        return [
          [r.dependency, r.influence],
          [r.target.dependency, r.target.influence].map(rounded),
        ];
      });
      // Two points per segment, an empty cell (a gap in the line) between segments.
      expect(points).toEqual(segments.flatMap((segment, k) => (k === 0 ? segment : [["", ""], ...segment])));
    };
    expectSegments(analysis);

    // The user moves a moving partner halfway to its target: Excel recomputes the segment.
    const moving = analysis.rows.find((r) => r.row === spec.movements[0].row)!;
    const influenceColumn = analysis.mapping.influence!.column;
    const halfway = (moving.influence + moving.target.influence) / 2;
    await harness.driver.setCell(result.sheetName, `${columnLetter(influenceColumn)}${moving.row}`, halfway);
    const edited = analyzeSheet(withCell(snapshot, moving.row - 1, influenceColumn, halfway), {});
    expect(edited.rows.find((r) => r.row === moving.row)!.influence).toBe(halfway);
    expectSegments(edited);
  });

  test("a re-apply names the strategy series after a label the user renamed on the parameter sheet", async () => {
    const { harness } = seedOrGenerated();
    const result = await harness.host.apply(await harness.host.readActiveSheet(), {}, withChart);
    const label = nameCell(harness, strategyLabelName("secure"));
    await harness.driver.setCell(label.sheet, `${columnLetter(label.column)}${label.row + 1}`, "Vasthouden");
    await harness.host.apply(await harness.host.readActiveSheet(), {}, withChart);
    const names = harness.driver.charts(result.sheetName)[0].series.map((s) => s.name);
    expect(names).toContain("Vasthouden");
    expect(names).not.toContain(t("nl", "strategy.secure"));
  });

  test("applying twice gives the same workbook as applying once, in the same number of syncs", async () => {
    const { harness } = seedOrGenerated();
    const snapshot = await harness.host.readActiveSheet();
    const first = await harness.host.apply(snapshot, {}, withChart);
    const once = harness.driver.snapshotAll();
    const again = await harness.host.readActiveSheet();
    const second = await harness.host.apply(again, {}, withChart);
    expect(harness.driver.snapshotAll()).toEqual(once);
    expect(second.syncs).toBe(first.syncs);
  });

  test("a re-run writes again only what differs: a number format changed by hand in a result column is put back, the rest left as it is", async () => {
    const harness = generated(20, "range", 3);
    await harness.host.apply(await harness.host.readActiveSheet(), {}, withChart);
    const once = harness.driver.snapshotAll();
    const gap = nameCell(harness, columnName("gap"));
    const cell = `${columnLetter(gap.column)}${gap.row + 3}`;
    const planned = harness.driver.numberFormats(gap.sheet, cell)[0][0];
    harness.driver.setNumberFormat(gap.sheet, cell, "0.000");
    await harness.host.apply(await harness.host.readActiveSheet(), {}, withChart);
    expect(harness.driver.numberFormats(gap.sheet, cell)[0][0]).toBe(planned);
    expect(harness.driver.snapshotAll()).toEqual(once);
  });

  test("no cell that held user content holds anything else afterwards", async () => {
    const harness = generated(30, "range", 5);
    const snapshot = await harness.host.readActiveSheet();
    await harness.host.apply(snapshot, {}, withChart);
    const gap = nameCell(harness, columnName("gap"));
    const newColumns = harness.driver
      .names()
      .filter((n) => n.name.startsWith("PK_Col_"))
      .map((n) => nameCell(harness, n.name).column);
    const firstNew = Math.min(...newColumns);
    const shift = newColumns.length;
    expect(gap.sheet).toBe(snapshot.sheetName);
    snapshot.values.forEach((line, r) =>
      line.forEach((value, c) => {
        if (value === "" || value === null) return;
        const column = snapshot.origin.column + c;
        const now = cellValue(harness, snapshot.sheetName, snapshot.origin.row + r, column >= firstNew ? column + shift : column);
        expect(now).toEqual(value);
      }),
    );
  });

  test("syncs do not grow with the register: 10 and 250 rows take the same number, no request over 5 MB", async () => {
    const syncsFor = async (partners: number) => {
      const harness = generated(partners, "table", 21);
      const snapshot = await harness.host.readActiveSheet();
      const result = await harness.host.apply(snapshot, {}, withChart);
      return { syncs: result.syncs, largest: harness.driver.largestRequestBytes };
    };
    const small = await syncsFor(10);
    const large = await syncsFor(250);
    expect(small.syncs).toBeLessThanOrEqual(5);
    expect(large.syncs).toBe(small.syncs);
    expect(large.largest).toBeLessThan(5 * 1024 * 1024);
  });

  test("formula columns are filled, not sent per row: the apply's largest request does not grow with the register", async () => {
    const largestApplyRequest = async (partners: number) => {
      const harness = generated(partners, "range", 17);
      const snapshot = await harness.host.readActiveSheet();
      harness.driver.resetCounters();
      const result = await harness.host.apply(snapshot, {}, outputOptions());
      return { bytes: harness.driver.largestRequestBytes, syncs: result.syncs };
    };
    const small = await largestApplyRequest(20);
    const large = await largestApplyRequest(1500);
    // 75 times the partners; one formula per row would make the request ~75 times larger.
    expect(large.bytes).toBeLessThan(small.bytes * 1.5);
    expect(large.syncs).toBe(small.syncs);
  });

  test("a plan larger than one request is sent in bands under the limit; the workbook is the same", async () => {
    // Values mode: values are per row by nature (formula columns are one fill per column and stay small).
    const limit = 64 * 1024;
    const partners = 400;
    const whole = generated(partners, "range", 13);
    const chunkedHost = makeHarness(undefined, { payloadBudgetBytes: limit / 2 });
    chunkedHost.driver.loadSnapshot(generateRegister({ partners, seed: 13, layout: "range", hiddenRowRate: 0 }).snapshot);
    chunkedHost.driver.setPayloadLimit(limit);
    // Without the chart: its one batch (~150 KB at most) is far below Excel's 5 MB but not below this test limit.
    const valuesMode = { ...outputOptions(), mode: "values" as const };
    const small = await chunkedHost.host.apply(await chunkedHost.host.readActiveSheet(), {}, valuesMode);
    const normal = await whole.host.apply(await whole.host.readActiveSheet(), {}, valuesMode);
    expect(small.syncs).toBeGreaterThan(normal.syncs);
    expect(chunkedHost.driver.largestRequestBytes).toBeLessThanOrEqual(limit);
    expect(chunkedHost.driver.snapshotAll()).toEqual(whole.driver.snapshotAll());
  });
});

describe("preflight reads back only what the plan depends on", () => {
  const budget = 32 * 1024;

  /** A generated register read through a host with a small response budget, and its analysis. */
  async function readWithSmallBudget(partners: number, options: { totalsRow?: boolean; footnote?: boolean } = {}) {
    const harness = makeHarness(undefined, { payloadBudgetBytes: budget });
    const register = generateRegister({ partners, seed: 12, layout: "range", hiddenRowRate: 0, ...options }).snapshot;
    harness.driver.loadSnapshot(register);
    // A note beside the title: the new columns are inserted (not written into free cells, which
    // preflight would first read to see that they are still empty).
    const right = register.origin.column + register.values[0].length + 1;
    await harness.driver.setCell(register.sheetName, `${columnLetter(right)}1`, "Bijgewerkt op 1 maart");
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    expect(planWrite(snapshot, analysis, outputOptions()).registerColumns.kind).toBe("insert-columns");
    return { harness, snapshot, analysis };
  }

  const mappedColumns = (analysis: Analysis) => Object.values(analysis.mapping).flatMap((mapped) => (mapped ? [mapped.column] : []));

  /** Bytes of the register's cells in `columns`, from the header down, as JSON in UTF-8 (what a response carries). */
  function registerBytes(snapshot: SheetSnapshot, analysis: Analysis, columns: number[]): number {
    const { headerRow, lastDataRow, totalsRow } = analysis.location;
    const rows = snapshot.values.slice(headerRow - snapshot.origin.row, Math.max(lastDataRow, totalsRow ?? 0) - snapshot.origin.row + 1);
    return new TextEncoder().encode(JSON.stringify(rows.map((row) => columns.map((c) => row[c - snapshot.origin.column])))).length;
  }

  test("the mapped columns, not the whole register: the syncs before the writes follow their bytes, every response under the budget", async () => {
    const { harness, snapshot, analysis } = await readWithSmallBudget(1500);
    const { firstColumn, lastColumn } = analysis.location;
    const all = Array.from({ length: lastColumn - firstColumn + 1 }, (_, i) => firstColumn + i);
    // Some columns are not mapped (contact, remarks): reading them back would cost more. The first
    // column (a number here) is read as well: "Totaal" there ends a register.
    const mapped = registerBytes(snapshot, analysis, [...new Set([...mappedColumns(analysis), firstColumn])]);
    const whole = registerBytes(snapshot, analysis, all);
    expect(mapped).toBeLessThan(whole * 0.8);
    harness.driver.resetCounters();
    let syncsBeforeWrites = 0;
    // Syncs and sizes only: the double stores the formulas unevaluated (the bench's switch; at 1,500
    // rows HyperFormula would take most of a minute). That they compute right is tested elsewhere.
    const restore = switchOffFormulaEvaluation();
    const result = await harness.host
      .apply(snapshot, {}, outputOptions(), (progress) => {
        if (progress.step === "writing-parameters") syncsBeforeWrites = harness.driver.syncCount;
      })
      .finally(restore);
    expect(result.columnHeaders.length).toBeGreaterThan(0);
    // The cell-edit probe, preflight, then one sync for the structure. Preflight: the mapped columns'
    // bytes in responses under the budget, one more for rounding (the header row and the row below are read across).
    const preflight = syncsBeforeWrites - 2;
    expect(preflight).toBeLessThanOrEqual(Math.ceil(mapped / budget) + 1);
    expect(preflight).toBeLessThan(Math.ceil(whole / budget));
    expect(harness.driver.largestResponseBytes).toBeLessThan(budget);
  });

  test.each<[string, (analysis: Analysis) => { column: number; row: number; value: string | number }]>([
    ["a dependency score deep down the register", (analysis) => ({ column: analysis.mapping.dependency!.column, row: analysis.rows[analysis.rows.length - 20].row, value: 1 })],
    ["a goal in the middle", (analysis) => ({ column: analysis.mapping.goal!.column, row: analysis.rows[700].row, value: "Iets anders" })],
    ["a partner added in the row below", (analysis) => ({ column: analysis.mapping.partner!.column, row: analysis.location.lastDataRow + 2, value: "Nieuwe partner" })],
    ["\"Totaal\" typed into the unmapped first column of a row with scores", (analysis) => ({ column: analysis.location.firstColumn, row: analysis.rows[900].row, value: "Totaal" })],
  ])("%s changes the register: register-changed, naming the cell, nothing written", async (_label, edit) => {
    const { harness, snapshot, analysis } = await readWithSmallBudget(1500, { totalsRow: false, footnote: false });
    const { column, row, value } = edit(analysis);
    const address = `${columnLetter(column)}${row}`;
    await harness.driver.setCell(snapshot.sheetName, address, value);
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    expect(failure.code).toBe("register-changed");
    expect(failure.details).toContain(address);
    expect(harness.driver.snapshotAll()).toEqual(before);
  });

  /** A small register with a remarks column the analysis does not read, and a blank row between partners. */
  function remarksRegister(): Harness {
    return makeHarness({
      sheets: [
        {
          name: "Register",
          cells: [
            ["Partner", "Invloed", "Afhankelijkheid", "Toelichting"],
            ["Bibliotheek", 4, 2, "Loopt"],
            ["School", 2, 5, ""],
            ["", "", "", ""],
            ["Welzijn", 3, 3, "Nieuw"],
            ["Sportclub", 1, 4, ""],
          ],
        },
      ],
    });
  }

  test("a remark edited in an unmapped column after the read does not stop the apply, and stays as typed", async () => {
    const harness = remarksRegister();
    const snapshot = await harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    expect(mappedColumns(analysis)).not.toContain(3);
    expect(analysis.rows.map((r) => r.partner)).toEqual(["Bibliotheek", "School", "Welzijn", "Sportclub"]);
    await harness.driver.setCell("Register", "D2", "Afgerond");
    await harness.driver.setCell("Register", "D3", "Gesprek gepland");
    const result = await harness.host.apply(snapshot, {}, outputOptions());
    expect(result.columnHeaders.length).toBeGreaterThan(0);
    expect(harness.driver.value("Register", "D2")).toBe("Afgerond");
    expect(harness.driver.value("Register", "D3")).toBe("Gesprek gepland");
    expectColumnsMatch(harness, analysis);
  });

  test("but a remark that changes where the register ends (\"Totaal\" in its blank row) still stops it", async () => {
    const harness = remarksRegister();
    const snapshot = await harness.host.readActiveSheet();
    // Typed into the blank row between partners, "Totaal" would end the register above Welzijn.
    await harness.driver.setCell("Register", "D4", "Totaal");
    expect(analyzeSheet(await harness.host.readActiveSheet(), {}).rows).toHaveLength(2);
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    expect(failure.code).toBe("register-changed");
    expect(failure.details).toContain("D4");
    expect(harness.driver.snapshotAll()).toEqual(before);
  });
});

describe("failures leave the workbook exactly as it was", () => {
  async function expectFailureLeavesWorkbook(prepare: (harness: Harness) => void | Promise<void>, code: HostFailure["code"], chart = true) {
    const harness = generated(15, "range", 9);
    const snapshot = await harness.host.readActiveSheet();
    await prepare(harness);
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, chart ? withChart : outputOptions()));
    expect(failure.code).toBe(code);
    expect(failure.details.length).toBeGreaterThan(0);
    expect(harness.driver.snapshotAll()).toEqual(before);
    return failure;
  }

  test("protected register sheet → protected-sheet", async () => {
    await expectFailureLeavesWorkbook((h) => h.driver.protect(h.driver.activeSheet()!), "protected-sheet");
  });

  test("register changed since it was read → register-changed, naming the cell", async () => {
    const failure = await expectFailureLeavesWorkbook(async (h) => {
      const sheet = h.driver.activeSheet()!;
      const analysis = analyzeSheet(await h.host.readActiveSheet(), {});
      const partner = analysis.mapping.partner!.column;
      await h.driver.setCell(sheet, `${columnLetter(partner)}${analysis.rows[0].row}`, "Iets anders");
    }, "register-changed");
    expect(failure.details).toMatch(/[A-Z]+\d+/);
  });

  test.each<[number, DoubleErrorCode, HostFailure["code"]]>([
    [2, "InvalidOperationInCellEditMode", "cell-edit-mode"],
    [2, "ItemNotFound", "item-not-found"],
    [3, "InvalidArgument", "invalid-argument"],
    [3, "GeneralException", "unknown"],
    [3, "AccessDenied", "protected-sheet"],
  ])("sync %i fails with %s → %s, everything undone", async (sync, officeCode, code) => {
    await expectFailureLeavesWorkbook((h) => h.failAtSync(sync, officeCode, 3), code);
  });

  // The structure sync also carries the first half of the writes (names, register cells, a new
  // parameter sheet): a failure at any of its operations, before or after some of them landed.
  test.each([1, 8, 20, 40, 60])("the structure sync failing at its operation %i → everything undone", async (operation) => {
    await expectFailureLeavesWorkbook((h) => h.failAtSync(2, "GeneralException", operation), "unknown");
  });

  test.each([2, 3])("a re-run failing in sync %i leaves the first run's workbook (cells, names, highlight, chart)", async (sync) => {
    const harness = generated(15, "table", 4);
    await harness.host.apply(await harness.host.readActiveSheet(), {}, withChart);
    const afterFirst = harness.driver.snapshotAll();
    const again = await harness.host.readActiveSheet();
    harness.failAtSync(sync, "GeneralException", 4);
    const failure = await failureOf(harness.host.apply(again, {}, withChart));
    expect(failure.code).toBe("unknown");
    expect(harness.driver.snapshotAll()).toEqual(afterFirst);
  });

  test("a user cell typed where a new column will go is never overwritten", async () => {
    const harness = generated(12, "range", 6);
    const snapshot = await harness.host.readActiveSheet();
    const plan = planWrite(snapshot, analyzeSheet(snapshot, {}), outputOptions());
    const target = plan.blocks.find((b) => b.sheetName === snapshot.sheetName)!;
    // The user types a note into the first planned cell after the pane read the sheet.
    // This register has free columns beside it, so the plan writes into existing (empty) cells.
    expect(plan.registerColumns.kind).toBe("none");
    const address = `${columnLetter(target.column)}${target.row + 1}`;
    await harness.driver.setCell(snapshot.sheetName, address, "Notitie van de gebruiker");
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    // Not "the register changed": the message names the cell and what it holds.
    expect(failure.code).toBe("foreign-content");
    expect(failure.details).toContain(`${snapshot.sheetName}!${address}`);
    expect(failure.details).toContain("Notitie van de gebruiker");
    expect(harness.driver.snapshotAll()).toEqual(before);
    expect(harness.driver.value(snapshot.sheetName, address)).toBe("Notitie van de gebruiker");
  });

  test("in a large register too, a note typed deep inside a new column's cells stops the apply and stays", async () => {
    // Large enough that preflight only asks whether the planned (empty) cells are still empty.
    const harness = generated(2500, "range", 8);
    const snapshot = await harness.host.readActiveSheet();
    const plan = planWrite(snapshot, analyzeSheet(snapshot, {}), outputOptions());
    expect(plan.registerColumns.kind).toBe("none");
    const data = plan.blocks.find((b) => b.sheetName === snapshot.sheetName && b.purpose === "register-data")!;
    const address = `${columnLetter(data.column + 2)}${data.row + 2001}`;
    await harness.driver.setCell(snapshot.sheetName, address, "Notitie");
    const failure = await failureOf(harness.host.apply(snapshot, {}, outputOptions()));
    expect(failure.code).toBe("foreign-content");
    expect(failure.details).toContain(address);
    expect(harness.driver.value(snapshot.sheetName, address)).toBe("Notitie");
    expect(harness.driver.value(snapshot.sheetName, `${columnLetter(data.column)}${data.row + 1}`)).toBe("");
  });

  test("a request over the payload limit → payload-too-large, everything undone", async () => {
    await expectFailureLeavesWorkbook((h) => h.driver.setPayloadLimit(20 * 1024), "payload-too-large");
  });

  test("cell edit mode: the apply waits until the user leaves the cell, then succeeds", async () => {
    const harness = generated(8, "range", 2);
    const snapshot = await harness.host.readActiveSheet();
    harness.driver.enterCellEditMode();
    const pending = harness.host.apply(snapshot, {}, outputOptions());
    await new Promise((resolve) => setTimeout(resolve, 20));
    harness.driver.exitCellEditMode();
    const result = await pending;
    expect(result.columnHeaders.length).toBeGreaterThan(0);
  });

  test("a missing column becomes missing-column, nothing written", async () => {
    const harness = makeHarness({ sheets: [{ name: "Blad1", cells: [["Partner", "Invloed"], ["A", 3]] }] });
    const snapshot = await harness.host.readActiveSheet();
    const before = harness.driver.snapshotAll();
    const failure = await failureOf(harness.host.apply(snapshot, {}, withChart));
    expect(["missing-column", "no-register"]).toContain(failure.code);
    expect(harness.driver.snapshotAll()).toEqual(before);
  });
});

describe("state, selection and events", () => {
  test("state round-trips through workbook settings", async () => {
    const { harness } = seedOrGenerated();
    expect(await harness.host.loadState()).toBeNull();
    const state = { version: 1 as const, settings: { highDependencyAbove: 2.5 }, output: { mode: "formulas" as const, chart: withChart.chart }, sheetName: "Partners" };
    await harness.host.saveState(state);
    expect(await harness.host.loadState()).toEqual(state);
  });

  test("selectRow selects the row within the register's columns", async () => {
    const { harness } = seedOrGenerated();
    const sheet = harness.driver.activeSheet()!;
    await harness.host.selectRow(sheet, 3);
    const used = harness.driver.usedRange(sheet)!.split("!")[1];
    const [start, end] = used.split(":");
    expect(harness.driver.selection()).toBe(`${sheet}!${start.replace(/\d+/, "3")}:${end.replace(/\d+/, "3")}`);
  });

  test("sheet events reach the listener until unsubscribed", async () => {
    const harness = makeHarness({ sheets: [{ name: "Blad1", cells: [["a"]] }, { name: "Blad2", cells: [["b"]] }] });
    const events: string[] = [];
    const unsubscribe = harness.host.onSheetEvent((event) => events.push(`${event.kind}:${event.sheetName}`));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await harness.driver.activate("Blad2");
    await harness.driver.setCell("Blad2", "A2", 5);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(expect.arrayContaining(["activated:Blad2", "data-changed:Blad2"]));
    unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const count = events.length;
    await harness.driver.setCell("Blad2", "A3", 6);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events.length).toBe(count);
  });
});
