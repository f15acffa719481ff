/**
 * The live comparison recomputed by LibreOffice: a workbook with the register (current scores), the
 * history sheet (the earlier assessment recorded) and the plan with the comparison written by the
 * headless command's .xlsx applier; LibreOffice recomputes every formula on load and shows, per
 * partner, the movement and strategy change that `--compare --json` reports for the same registers.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runAnalyze } from "../../src/cli/analyze";
import { applyPlanToWorkbook } from "../../src/cli/xlsx/apply-plan";
import { analyzeSheet } from "../../src/core/analyze";
import { HISTORY_SHEET, assessmentOf, comparisonHeader, historyHeaders, recordedRows, withComparison } from "../../src/core/history";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import { planWrite } from "../../src/core/plan/plan";
import { snapshotFromRows } from "../../src/core/snapshot";
import { STRATEGY_KEYS, type StrategyKey } from "../../src/core/types";
import { EARLIER, HEADER, NOW } from "./live-data";

const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => existsSync(p)) ?? null;
if (!soffice) console.warn("SKIPPED test/history/libreoffice-comparison: LibreOffice (soffice) is not installed, so the comparison cannot be recomputed here. CI installs it.");
const maybe = soffice ? test : test.skip;

const output: OutputOptions = { language: "nl", mode: "formulas", chart: { ...DEFAULT_CHART_OPTIONS, enabled: false } };
const csv = (rows: (string | number)[][]) => [HEADER, ...rows].map((r) => r.map((v) => String(v).replace(".", ",")).join(";")).join("\n");

function registerSheet(workbook: ExcelJS.Workbook, rows: (string | number)[][]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet("Register");
  [HEADER, ...rows].forEach((cells, r) => cells.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
  return ws;
}

/** Opens the workbook in LibreOffice with every formula recomputed on load (OOXMLRecalcMode 0) and saves it again as .xlsx in `outDir`. */
function recalculate(file: string, outDir: string, profileDir: string) {
  mkdirSync(join(profileDir, "user"), { recursive: true });
  writeFileSync(
    join(profileDir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  execFileSync(soffice!, [`-env:UserInstallation=file://${profileDir}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", outDir, file], { stdio: "pipe", timeout: 120_000 });
}

/** A sheet's cells as LibreOffice computed them: formula results (errors as "#N/A"), constants as they are. */
function computed(ws: ExcelJS.Worksheet): unknown[][] {
  const grid: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    grid[r - 1] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const value = cell.value as unknown;
      // exceljs reads a cached <v>0</v> as no result at all; LibreOffice (recalculating on load) writes a value for every formula.
      const result = value !== null && typeof value === "object" && "formula" in (value as object) ? ((value as { result?: unknown }).result ?? 0) : value;
      grid[r - 1][c - 1] = result !== null && typeof result === "object" && "error" in (result as object) ? (result as { error: string }).error : result;
    });
  });
  return grid;
}

maybe("the comparison columns, recomputed by LibreOffice, show the movement and strategy change of --compare --json", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pk-live-lo-"));
  try {
    writeFileSync(join(dir, "earlier.csv"), csv(EARLIER));
    writeFileSync(join(dir, "now.csv"), csv(NOW));
    let stdout = "";
    expect(await runAnalyze([join(dir, "now.csv"), "--compare", join(dir, "earlier.csv"), "--json"], { stdout: (s) => (stdout += s), stderr: () => undefined })).toBe(0);
    const json = JSON.parse(stdout) as { movements: Record<string, unknown>[]; money: Record<StrategyKey, { then: { count: number; subsidy: number } }> };

    // The earlier register, recorded as the history sheet would hold it.
    const earlier = assessmentOf(analyzeSheet(snapshotFromRows("Register", [HEADER, ...EARLIER])), "2025-03-01", "2025");
    const history = recordedRows([], earlier, "nl");

    const workbook = new ExcelJS.Workbook();
    registerSheet(workbook, NOW);
    const historySheet = workbook.addWorksheet(HISTORY_SHEET);
    [historyHeaders("nl"), ...history].forEach((cells, r) => cells.forEach((v, c) => v !== "" && (historySheet.getCell(r + 1, c + 1).value = v as string | number)));
    const snapshot = snapshotFromRows("Register", [HEADER, ...NOW]);
    const analysis = analyzeSheet(snapshot);
    const choice = { date: "2025-03-01", label: "2025", historyLanguage: "nl" as const, historyRowCount: history.length, snapshotHasGoals: false };
    applyPlanToWorkbook(workbook, withComparison(snapshot, analysis, planWrite(snapshot, analysis, output), choice, output));
    const file = join(dir, "vergelijking.xlsx");
    await workbook.xlsx.writeFile(file);

    const recalculated = join(dir, "recalculated");
    mkdirSync(recalculated);
    recalculate(file, recalculated, join(dir, "profile"));
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(join(recalculated, "vergelijking.xlsx"));
    const grid = computed(result.getWorksheet("Register")!);
    const column = (c: Parameters<typeof comparisonHeader>[1]) => grid[0].indexOf(comparisonHeader("nl", c));
    const word = (key: "movement.up" | "movement.down" | "movement.left" | "movement.right" | "movement.unchanged") => t("nl", key).replace(" {size}", "");
    const got = json.movements.map((m) => ({ partner: m.partner, movement: grid[(m.row as number) - 1][column("movement")], changed: grid[(m.row as number) - 1][column("strategyChanged")] }));
    const expected = json.movements.map((m) => ({
      partner: m.partner,
      movement:
        m.vertical === null && m.horizontal === null
          ? word("movement.unchanged")
          : [m.vertical && word(`movement.${m.vertical as "up" | "down"}`), m.horizontal && word(`movement.${m.horizontal as "left" | "right"}`)].filter(Boolean).join(", "),
      changed: m.strategyChanged ? t("nl", "history.yes") : t("nl", "history.no"),
    }));
    expect(got).toEqual(expected);
    expect(json.movements.length).toBeGreaterThan(1);
    // New partners are found nowhere: #N/A, as in Excel.
    for (const row of [4, 5]) expect(grid[row - 1][column("movement")]).toBe("#N/A");
    // The previous strategy reads through the label cells: as the register's own strategy column shows it.
    for (const m of json.movements) expect(grid[(m.row as number) - 1][column("previousStrategy")]).toBe(t("nl", `strategy.${m.previousStrategy as StrategyKey}`));
    // The money then per strategy on the parameter sheet (D20:F24), by LibreOffice's SUMPRODUCT.
    const parameters = computed(result.getWorksheet("Partnerkaart")!);
    expect(parameters.slice(19, 19 + STRATEGY_KEYS.length).map((r) => [r[3], r[4], r[5]])).toEqual(
      STRATEGY_KEYS.map((k) => [t("nl", `strategy.${k}`), json.money[k].then.count, json.money[k].then.subsidy]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
