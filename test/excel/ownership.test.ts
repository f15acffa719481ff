/**
 * The add-in writes a cell only when its content proves it Partnerkaart's (core/plan/ownership.ts):
 * names and workbook settings from a shared workbook never widen what it may overwrite. Each test is a
 * reproduction a new user found, against the strict Excel double.
 */
import { columnName, PARAMETER_NAMES } from "../../src/core/plan";
import { cellAddress } from "../../src/core/text";
import { FIVE_PARTNERS } from "../support/registers";
import { failureOf, makeHarness, nameCell, outputOptions, type Harness } from "./harness";


function register(extra: Parameters<typeof makeHarness>[0] = { sheets: [] }): Harness {
  return makeHarness({ ...extra, sheets: [{ name: "Partners", cells: FIVE_PARTNERS }, ...extra.sheets], activeSheet: "Partners" });
}


async function applyOnce(harness: Harness) {
  const snapshot = await harness.host.readActiveSheet();
  return harness.host.apply(snapshot, {}, outputOptions());
}

test("a re-run after the user cleared the add-in's columns and typed notes in them refuses and keeps every note", async () => {
  const harness = register();
  await applyOnce(harness);
  const gap = nameCell(harness, columnName("gap"));
  const strategy = nameCell(harness, columnName("strategy"));
  // The user empties the gap and strategy data cells and reuses them for notes.
  for (let row = 1; row < FIVE_PARTNERS.length; row++) {
    await harness.driver.setCell("Partners", cellAddress(row, gap.column), row === 2 ? "bellen in mei" : "");
    await harness.driver.setCell("Partners", cellAddress(row, strategy.column), row === 3 ? "convenant loopt af" : "");
  }
  const before = harness.driver.snapshotAll();
  const failure = await failureOf(applyOnce(harness));
  expect(failure.code).toBe("foreign-content");
  expect(harness.driver.snapshotAll()).toEqual(before);
  expect(harness.driver.value("Partners", cellAddress(2, gap.column))).toBe("bellen in mei");
});

test("a stray PK_Col_ name pointing at a user's column is not permission: the column stays, the apply is refused", async () => {
  const harness = register({
    sheets: [],
    names: [{ name: "PK_Col_Gap", formula: "=Partners!$F$1" }],
  });
  await harness.driver.setCells("Partners", "F1:F3", [["Opmerkingen"], ["eerst bellen"], ["niet benaderen"]]);
  const before = harness.driver.snapshotAll();
  const failure = await failureOf(applyOnce(harness));
  expect(failure.code).toBe("foreign-content");
  expect(failure.details).toContain("PK_Col_Gap");
  expect(harness.driver.snapshotAll()).toEqual(before);
});

test("a crafted Partnerkaart.owned setting does not let the add-in write over a user's sheet called Partnerkaart", async () => {
  const userSheet = Array.from({ length: 11 }, (_, r) => Array.from({ length: 9 }, (_, c) => `notitie ${r}-${c}`));
  const harness = register({
    sheets: [{ name: "Partnerkaart", cells: userSheet }],
    settings: { "Partnerkaart.owned": JSON.stringify([{ sheet: "Partnerkaart", row: 0, column: 0, rowCount: 1000, columnCount: 50 }]) },
  });
  const before = harness.driver.snapshotAll();
  const failure = await failureOf(applyOnce(harness));
  expect(failure.code).toBe("foreign-content");
  expect(failure.target).toEqual(expect.objectContaining({ kind: "sheet", sheetName: "Partnerkaart" }));
  expect(harness.driver.snapshotAll()).toEqual(before);
});

test("a user's own PK_LineAtLowest pointing at the user's cell is neither repointed nor overwritten", async () => {
  const harness = register({
    sheets: [{ name: "Eigen", cells: [["mijn drempel", 7]] }],
    names: [{ name: PARAMETER_NAMES.lineAtLowest, formula: "=Eigen!$B$1" }],
  });
  const before = harness.driver.snapshotAll();
  const failure = await failureOf(applyOnce(harness));
  expect(failure.code).toBe("foreign-content");
  expect(failure.target).toEqual(expect.objectContaining({ kind: "name", name: PARAMETER_NAMES.lineAtLowest }));
  expect(harness.driver.snapshotAll()).toEqual(before);
});

test("re-running on the add-in's own output, in the other language, reuses its columns and sheet", async () => {
  const harness = register();
  await applyOnce(harness);
  const gapBefore = nameCell(harness, columnName("gap"));
  const snapshot = await harness.host.readActiveSheet();
  await harness.host.apply(snapshot, {}, outputOptions({ language: "en" }));
  expect(nameCell(harness, columnName("gap"))).toEqual(gapBefore);
  expect(harness.driver.value("Partners", cellAddress(0, gapBefore.column))).toBe("Gap to ambition line");
});

test("notes and formulas beside a plain range, and formulas on another sheet, move with Excel's column insert and keep their results", async () => {
  const harness = makeHarness({
    sheets: [
      { name: "Partners", cells: FIVE_PARTNERS.map((row, r) => [...row, "", r === 1 ? "bellen in mei" : "", r === 1 ? '=F2&"!"' : ""]) },
      { name: "Overzicht", cells: [["=Partners!F2", "=Partners!G2"]] },
    ],
    activeSheet: "Partners",
  });
  const results = () => [harness.driver.value("Overzicht", "A1"), harness.driver.value("Overzicht", "B1")];
  expect(results()).toEqual(["bellen in mei", "bellen in mei!"]);
  await applyOnce(harness);
  // The note and its formula moved right past the new columns (Excel inserted them), in one piece.
  const row2 = Array.from({ length: 26 }, (_, c) => harness.driver.value("Partners", cellAddress(1, c)));
  const noteColumn = row2.indexOf("bellen in mei");
  expect(noteColumn).toBeGreaterThan(5);
  expect(row2[noteColumn + 1]).toBe("bellen in mei!");
  expect(nameCell(harness, columnName("gap")).column).toBeLessThan(noteColumn);
  // The formulas on the other sheet followed the cells they read.
  expect(results()).toEqual(["bellen in mei", "bellen in mei!"]);
});

test("switching a workbook written with the chart from formulas to values rewrites the add-in's own helper cells", async () => {
  const harness = register();
  const snapshot = await harness.host.readActiveSheet();
  await harness.host.apply(snapshot, {}, outputOptions({}, { enabled: true }));
  const again = await harness.host.readActiveSheet();
  await harness.host.apply(again, {}, outputOptions({ mode: "values" }, { enabled: true }));
  const gap = nameCell(harness, columnName("gap"));
  expect(typeof harness.driver.value("Partners", cellAddress(1, gap.column))).toBe("number");
  expect(String(harness.driver.formulas("Partners", cellAddress(1, gap.column))[0][0])).not.toMatch(/^=/);
});
