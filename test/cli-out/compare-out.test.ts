/**
 * `analyze now --compare earlier --out result.xlsx` (issue 19, item 7): the history sheet with both
 * assessments recorded, the links, the series carried on from file to file, and refusals where the
 * history sheet or its table name is not Partnerkaart's. LibreOffice's recomputation of the same
 * command's columns is in test/history/libreoffice-comparison.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { HISTORY_SHEET, HISTORY_TABLE, comparisonHeader, historyHeaders } from "../../src/core/history";
import type { CellValue } from "../../src/core/types";
import { runCli, runCliOk } from "../support/cli";
import { putRows, readWorkbook, writeRegisterXlsx } from "../support/registers";
import { EARLIER, HEADER, NOW } from "../history/live-data";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "pk-cmp-out-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

/** A register file dated `iso` (its modification day is the assessment's date). */
async function registerOn(name: string, rows: (string | number)[][], iso: string, extra?: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const path = await writeRegisterXlsx(join(dir, name), [HEADER, ...rows] as CellValue[][], { sheetName: "Register", extra: extra && ((workbook) => extra(workbook)) });
  utimesSync(path, day(iso), day(iso));
  return path;
}

/** The history table's rows as (date, label, partner, strategy), and the table's range. */
function historyOf(workbook: ExcelJS.Workbook): { rows: string[][]; tableRef: string; links: string[][] } {
  const ws = workbook.getWorksheet(HISTORY_SHEET)!;
  const headers = historyHeaders("nl");
  expect((ws.getRow(1).values as unknown[]).slice(1, headers.length + 1)).toEqual(headers);
  const rows: string[][] = [];
  const links: string[][] = [];
  ws.eachRow((row, r) => {
    const at = (c: number) => String(row.getCell(c).value ?? "");
    if (r === 1) {
      if (at(18)) links.push([at(18), at(19), at(20)]);
      return;
    }
    if (at(1)) rows.push([at(1), at(2), at(3), at(13)]);
    if (at(18)) links.push([at(18), at(19), at(20)]);
  });
  const table = ws.getTables().map((entry) => (Array.isArray(entry) ? entry[0] : entry) as unknown as { table?: { name: string; tableRef: string } })[0];
  expect(table.table?.name).toBe(HISTORY_TABLE);
  return { rows, tableRef: table.table!.tableRef, links };
}

const snapshots = (rows: string[][]) => [...new Set(rows.map((r) => `${r[0]} ${r[1]}`))];

test("--compare --out records the earlier and the current assessment as values in PK_History, with the link, and leaves the inputs as they were", async () => {
  const earlier = await registerOn("2025.xlsx", EARLIER, "2025-03-01");
  const now = await registerOn("2026.xlsx", NOW, "2026-03-01");
  const before = [readFileSync(earlier), readFileSync(now)];
  const out = join(dir, "resultaat.xlsx");
  await runCliOk([now, "--compare", earlier, "--rename", "Oud BV=Nieuw BV", "--out", out]);
  expect([readFileSync(earlier), readFileSync(now)]).toEqual(before);

  const workbook = await readWorkbook(out);
  const history = historyOf(workbook);
  expect(snapshots(history.rows)).toEqual(["2025-03-01 2025.xlsx", "2026-03-01 2026.xlsx"]);
  expect(history.rows.filter((r) => r[1] === "2025.xlsx").map((r) => r[2])).toEqual(EARLIER.map((r) => r[0]));
  expect(history.tableRef).toBe(`A1:P${EARLIER.length + NOW.length + 1}`);
  expect(history.links).toEqual([["Eerdere naam", "Huidige naam", "Koppeling nr."], ["Oud BV", "Nieuw BV", "1"]]);
  // A record, not formulas; the date stays text.
  const ws = workbook.getWorksheet(HISTORY_SHEET)!;
  ws.eachRow((row) => row.eachCell((cell) => expect(typeof cell.value === "object" && cell.value !== null && "formula" in cell.value).toBe(false)));
  expect(ws.getCell("A2").numFmt).toBe("@");
  // The register gets the comparison columns, compared with the earlier file's snapshot.
  const register = workbook.getWorksheet("Register")!;
  const headers = (register.getRow(1).values as unknown[]).slice(1);
  expect(headers).toEqual(expect.arrayContaining([comparisonHeader("nl", "movement"), comparisonHeader("nl", "strategyChanged")]));
  expect(workbook.getWorksheet("Partnerkaart")!.getCell("E17").value).toBe("2025-03-01");
  expect(workbook.getWorksheet("Partnerkaart")!.getCell("E18").value).toBe("2025.xlsx");
});

test("run again on the result: the snapshots carry on without duplicates, the stored link still matches, and no second set of columns", async () => {
  const earlier = await registerOn("2025.xlsx", EARLIER, "2025-03-01");
  const now = await registerOn("2026.xlsx", NOW, "2026-03-01");
  const first = join(dir, "eerste.xlsx");
  await runCliOk([now, "--compare", earlier, "--rename", "Oud BV=Nieuw BV", "--out", first]);
  utimesSync(first, day("2026-04-01"), day("2026-04-01"));

  // No --rename this time: the link stored in the workbook is used, by the report as by the formulas.
  const second = join(dir, "tweede.xlsx");
  const report = JSON.parse(await runCliOk([first, "--compare", earlier, "--json", "--out", second])) as { movements: { partner: string; renamedFrom: string | null }[] };
  expect(report.movements.find((m) => m.partner === "Nieuw BV")?.renamedFrom).toBe("Oud BV");

  const workbook = await readWorkbook(second);
  const history = historyOf(workbook);
  expect(snapshots(history.rows)).toEqual(["2025-03-01 2025.xlsx", "2026-03-01 2026.xlsx", "2026-04-01 eerste.xlsx"]);
  expect(history.rows).toHaveLength(EARLIER.length + 2 * NOW.length);
  expect(history.links).toEqual([["Eerdere naam", "Huidige naam", "Koppeling nr."], ["Oud BV", "Nieuw BV", "1"]]);
  const headers = (workbook.getWorksheet("Register")!.getRow(1).values as unknown[]).filter((h) => h === comparisonHeader("nl", "movement"));
  expect(headers).toHaveLength(1);
});

test("the earlier file's own history comes along, so a fresh register continues the series", async () => {
  const older = await registerOn("2024.xlsx", EARLIER, "2024-02-01");
  const earlier = await registerOn("2025-bron.xlsx", EARLIER, "2025-03-01");
  const earlierResult = join(dir, "2025.xlsx");
  await runCliOk([earlier, "--compare", older, "--out", earlierResult]);
  utimesSync(earlierResult, day("2025-03-02"), day("2025-03-02"));

  const now = await registerOn("2026.xlsx", NOW, "2026-03-01");
  const out = join(dir, "resultaat.xlsx");
  await runCliOk([now, "--compare", earlierResult, "--out", out]);
  expect(snapshots(historyOf(await readWorkbook(out)).rows)).toEqual(["2024-02-01 2024.xlsx", "2025-03-01 2025-bron.xlsx", "2025-03-02 2025.xlsx", "2026-03-01 2026.xlsx"]);
});

test("a history sheet of the user's is refused, naming its first cell, and nothing is written", async () => {
  const earlier = await registerOn("2025.xlsx", EARLIER, "2025-03-01");
  const now = await registerOn("2026.xlsx", NOW, "2026-03-01", (workbook) => putRows(workbook.addWorksheet(HISTORY_SHEET), 2, 2, [["Gesprekken 2025"], ["bellen in mei"]]));
  const out = join(dir, "resultaat.xlsx");
  const result = await runCli([now, "--compare", earlier, "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`${HISTORY_SHEET}!B2`);
  expect(result.stderr).toContain("Gesprekken 2025");
  expect(existsSync(out)).toBe(false);
});

test("a formula on a history sheet that is otherwise ours is refused: a record holds values only", async () => {
  const earlier = await registerOn("2025.xlsx", EARLIER, "2025-03-01");
  const now = await registerOn("2026.xlsx", NOW, "2026-03-01");
  const first = join(dir, "eerste.xlsx");
  await runCliOk([now, "--compare", earlier, "--out", first]);
  const workbook = await readWorkbook(first);
  workbook.getWorksheet(HISTORY_SHEET)!.getCell("X3").value = { formula: "SUM(E2:E6)" } as ExcelJS.CellFormulaValue;
  const edited = join(dir, "bewerkt.xlsx");
  await workbook.xlsx.writeFile(edited);

  const out = join(dir, "opnieuw.xlsx");
  const result = await runCli([edited, "--compare", earlier, "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`${HISTORY_SHEET}!X3`);
  expect(existsSync(out)).toBe(false);
});

test("a table called PK_History on another sheet is refused, naming the table and its sheet", async () => {
  const earlier = await registerOn("2025.xlsx", EARLIER, "2025-03-01");
  const now = await registerOn("2026.xlsx", NOW, "2026-03-01", (workbook) =>
    workbook.addWorksheet("Eigen").addTable({ name: HISTORY_TABLE, ref: "A1", columns: [{ name: "Wat" }], rows: [["mijn lijst"]] }),
  );
  const out = join(dir, "resultaat.xlsx");
  const result = await runCli([now, "--compare", earlier, "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(HISTORY_TABLE);
  expect(result.stderr).toContain("Eigen");
  expect(existsSync(out)).toBe(false);
});

test("a workbook whose first sheet is the history sheet: the register is still found on the sheet after it", async () => {
  const earlier = await registerOn("2025.xlsx", EARLIER, "2025-03-01");
  const now = join(dir, "2026.xlsx");
  const first = join(dir, "eerste.xlsx");
  writeFileSync(now, readFileSync(await registerOn("bron.xlsx", NOW, "2026-03-01")));
  await runCliOk([now, "--compare", earlier, "--out", first]);
  const workbook = await readWorkbook(first);
  // Move the history sheet to the front, as a user might.
  (workbook.getWorksheet(HISTORY_SHEET)! as unknown as { orderNo: number }).orderNo = -1;
  const reordered = join(dir, "voorop.xlsx");
  await workbook.xlsx.writeFile(reordered);
  const report = JSON.parse(await runCliOk([reordered, "--json"])) as { sheet: string };
  expect(report.sheet).toBe("Register");
});

test("--compare YEAR compares with the register's own columns of that year, and --out records that year; an unknown year names the ones there are", async () => {
  const yearly = [
    ["Partner", "Invloed 2025", "Afhankelijkheid 2025", "Invloed 2026", "Afhankelijkheid 2026", "Subsidie"],
    ["Schoolbestuur", 2, 4, 4.5, 4, 1000],
    ["Welzijn", 3, 5, 3, 4, 2000],
  ];
  const register = await writeRegisterXlsx(join(dir, "jaren.xlsx"), yearly, { sheetName: "Register" });
  const out = join(dir, "resultaat.xlsx");
  const report = JSON.parse(await runCliOk([register, "--compare", "2025", "--json", "--out", out])) as { previous: { date: string; label: string }; movements: { partner: string; vertical: string | null; horizontal: string | null }[] };
  expect(report.previous).toEqual({ date: "2025-12-31", label: "2025" });
  expect(report.movements.map((m) => [m.partner, m.vertical, m.horizontal])).toEqual([
    ["Schoolbestuur", "up", null],
    ["Welzijn", null, "left"],
  ]);
  const history = historyOf(await readWorkbook(out));
  expect(history.rows.filter((r) => r[1] === "2025").map((r) => r[2])).toEqual(["Schoolbestuur", "Welzijn"]);
  const ws = (await readWorkbook(out)).getWorksheet(HISTORY_SHEET)!;
  // The 2025 record holds the 2025 scores.
  expect([ws.getCell("E2").value, ws.getCell("H2").value]).toEqual([2, 4]);

  const unknown = await runCli([register, "--compare", "2024", "--lang", "en"]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('sheet "Register" keeps no scores of 2024 as columns (earlier years in columns: 2025)');
});
