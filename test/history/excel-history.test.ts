/** Recording assessments on the history sheet through the Office.js adapter, on the strict Excel double at ExcelApi 1.8. */
import { HISTORY_SHEET, historyHeaders } from "../../src/core/history";
import { isHostFailure } from "../../src/core/host";
import { makeHarness } from "../excel/harness";

const register = (rows: (string | number)[][]) => ({
  sheets: [{ name: "Register", cells: [["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Subsidie"], ...rows] }],
});
const partners = [
  ["Schoolbestuur", 2, 4, 1000],
  ["'=Welzijn", 3, 5, 2000],
  ["+31 Zorg", 4, 2, 500],
];

async function recordNow(h: ReturnType<typeof makeHarness>, date: string, label: string, replace = false) {
  const snapshot = await h.host.readActiveSheet();
  return h.host.recordAssessment!(snapshot, {}, date, label, replace);
}

describe("recording an assessment in the workbook", () => {
  it("creates the history sheet with a table of values, texts kept as typed, the register untouched", async () => {
    const h = makeHarness(register(partners));
    const before = h.driver.snapshotAll().sheets.find((s) => s.name === "Register");
    expect(await recordNow(h, "2026-01-15", "+1")).toEqual({ recorded: true, replaces: false, rows: 3 });
    expect(h.syncsOfLastCall()).toBe(2);
    expect(h.driver.values(HISTORY_SHEET, "A1:P1")).toEqual([historyHeaders("nl")]);
    expect(h.driver.values(HISTORY_SHEET, "A2:E4")).toEqual([
      ["2026-01-15", "+1", "Schoolbestuur", "", 2],
      ["2026-01-15", "+1", "=Welzijn", "", 3],
      ["2026-01-15", "+1", "+31 Zorg", "", 4],
    ]);
    expect(h.driver.formulas(HISTORY_SHEET, "A2:P4").flat().some((f) => typeof f === "string" && f.startsWith("="))).toBe(false);
    expect(h.driver.tables(HISTORY_SHEET).map((t) => [t.name, t.address])).toEqual([["PK_History", `'${HISTORY_SHEET}'!A1:P4`]]);
    expect(h.driver.snapshotAll().sheets.find((s) => s.name === "Register")).toEqual(before);
  });

  it("accumulates snapshots, asks before replacing one, and replaces it when confirmed", async () => {
    const h = makeHarness(register(partners));
    await recordNow(h, "2025-01-15", "2025");
    await recordNow(h, "2026-01-15", "2026");
    expect((await h.host.readHistory!()).map((a) => [a.date, a.label, a.partners.length])).toEqual([
      ["2025-01-15", "2025", 3],
      ["2026-01-15", "2026", 3],
    ]);
    const unchanged = h.driver.values(HISTORY_SHEET, "A1:P7");
    expect(await recordNow(h, "2025-01-15", "2025")).toEqual({ recorded: false, replaces: true, rows: 6 });
    expect(h.driver.values(HISTORY_SHEET, "A1:P7")).toEqual(unchanged);

    // The register shrinks to one partner, then 2025 is recorded again: its three rows become one.
    await h.driver.setCell("Register", "A3", "");
    await h.driver.setCell("Register", "A4", "");
    await h.driver.setCell("Register", "B3", "");
    await h.driver.setCell("Register", "B4", "");
    await h.driver.setCell("Register", "C3", "");
    await h.driver.setCell("Register", "C4", "");
    await h.driver.setCell("Register", "D3", "");
    await h.driver.setCell("Register", "D4", "");
    expect(await recordNow(h, "2025-01-15", "2025", true)).toEqual({ recorded: true, replaces: true, rows: 4 });
    expect((await h.host.readHistory!()).map((a) => [a.label, a.partners.map((p) => p.partner)])).toEqual([
      ["2026", ["Schoolbestuur", "=Welzijn", "+31 Zorg"]],
      ["2025", ["Schoolbestuur"]],
    ]);
    expect(h.driver.values(HISTORY_SHEET, "A6:P7").flat().every((v) => v === "")).toBe(true);
    expect(h.driver.tables(HISTORY_SHEET).map((t) => t.address)).toEqual([`'${HISTORY_SHEET}'!A1:P5`]);
  });

  it("refuses a history sheet that is not ours, naming the cell, and writes nothing", async () => {
    const h = makeHarness({ sheets: [...register(partners).sheets, { name: HISTORY_SHEET, cells: [["Mijn notities"], ["niet wissen"]] }] });
    const before = h.driver.snapshotAll();
    const failure = await recordNow(h, "2026-01-15", "2026").catch((error: unknown) => error);
    expect(isHostFailure(failure) && failure.code).toBe("foreign-content");
    expect(isHostFailure(failure) && failure.target).toEqual({ kind: "cell", sheetName: HISTORY_SHEET, row: 0, column: 0, content: "Mijn notities" });
    expect(h.driver.snapshotAll()).toEqual(before);
  });

  it("refuses when a table of the user's elsewhere is called PK_History", async () => {
    const h = makeHarness({
      sheets: [...register(partners).sheets, { name: "Eigen", cells: [["a"], [1]], tables: [{ name: "PK_History", address: "A1:A2" }] }],
    });
    const failure = await recordNow(h, "2026-01-15", "2026").catch((error: unknown) => error);
    expect(isHostFailure(failure) && failure.code).toBe("foreign-content");
    expect(h.driver.sheetNames()).not.toContain(HISTORY_SHEET);
  });

  it("leaves the workbook as it was when any write of the recording fails", async () => {
    // A first recording; appending below a note after a blank row; replacing the only snapshot; appending a third; replacing the first of two (the rows after it move up).
    const scenarios: { recorded: [string, string][]; record: [string, string]; noteAfterGap?: boolean }[] = [
      { recorded: [], record: ["2025-01-15", "2025"] },
      { recorded: [["2025-01-15", "2025"]], record: ["2026-01-15", "2026"], noteAfterGap: true },
      { recorded: [["2025-01-15", "2025"]], record: ["2025-01-15", "2025"] },
      { recorded: [["2024-01-15", "2024"], ["2025-01-15", "2025"]], record: ["2026-01-15", "2026"] },
      { recorded: [["2024-01-15", "2024"], ["2025-01-15", "2025"]], record: ["2024-01-15", "2024"] },
    ];
    for (const { recorded, record, noteAfterGap } of scenarios) {
      let failures = 0;
      for (let operation = 0; operation < 14; operation++) {
        const h = makeHarness(register(partners));
        for (const [date, label] of recorded) await recordNow(h, date, label);
        if (noteAfterGap) await h.driver.setCell(HISTORY_SHEET, `A${recorded.length * partners.length + 3}`, "Bespreken in mei");
        const before = h.driver.snapshotAll();
        // The write batch is the third sync with a history sheet, the second without.
        h.failAtSync(recorded.length > 0 ? 3 : 2, "GeneralException", operation);
        const outcome = await recordNow(h, record[0], record[1], true).catch((error: unknown) => error);
        if (!isHostFailure(outcome)) continue;
        failures++;
        expect(h.driver.snapshotAll()).toEqual(before);
      }
      // Every scenario's write request failed at several of its operations.
      expect(failures).toBeGreaterThan(3);
    }
  });

  it("a note typed below the table after a blank row is kept in the record, never written over, when the next snapshot is appended", async () => {
    const h = makeHarness(register(partners));
    await recordNow(h, "2025-01-15", "2025");
    // Rows 2–4 hold the snapshot; row 5 is blank; the user notes something in row 6.
    await h.driver.setCell(HISTORY_SHEET, "A6", "Bespreken in mei");
    await recordNow(h, "2026-01-15", "2026");
    const column = h.driver.values(HISTORY_SHEET, "A1:A12").map((row) => row[0]);
    expect(column.filter((v) => v === "Bespreken in mei")).toHaveLength(1);
    expect(column.filter((v) => v === "2026-01-15")).toHaveLength(partners.length);
    expect(column.filter((v) => v === "2025-01-15")).toHaveLength(partners.length);
  });

  it("has no history to read in a workbook without the sheet", async () => {
    const h = makeHarness(register(partners));
    expect(await h.host.readHistory!()).toEqual([]);
  });
});
