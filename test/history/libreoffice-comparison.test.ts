/**
 * The live comparison recomputed by LibreOffice: `analyze now.csv --compare earlier.csv --out` writes
 * the register with the comparison columns, the history sheet (both assessments recorded, the
 * rename linked) and the money then; LibreOffice recomputes every formula on load and shows, per
 * partner, the movement and strategy change that `--compare --json` reports in the same run.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runAnalyze } from "../../src/cli/analyze";
import { comparisonHeader } from "../../src/core/history";
import { t } from "../../src/core/i18n";
import { STRATEGY_KEYS, type StrategyKey } from "../../src/core/types";
import { convertRecalculated, findSoffice } from "../support/libreoffice";
import { EARLIER, HEADER, NOW } from "./live-data";

const soffice = findSoffice();
if (!soffice) console.warn("SKIPPED test/history/libreoffice-comparison: LibreOffice (soffice) is not installed, so the comparison cannot be recomputed here. CI installs it.");
const maybe = soffice ? test : test.skip;

const csv = (rows: (string | number)[][]) => [HEADER, ...rows].map((r) => r.map((v) => String(v).replace(".", ",")).join(";")).join("\n");

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

maybe("analyze --compare --out: the comparison columns, recomputed by LibreOffice, show the movement and strategy change of --compare --json", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pk-live-lo-"));
  try {
    writeFileSync(join(dir, "earlier.csv"), csv(EARLIER));
    writeFileSync(join(dir, "now.csv"), csv(NOW));
    // The earlier file's day is the assessment's date.
    utimesSync(join(dir, "earlier.csv"), new Date("2025-03-01T12:00:00Z"), new Date("2025-03-01T12:00:00Z"));
    const file = join(dir, "vergelijking.xlsx");
    let stdout = "";
    const argv = [join(dir, "now.csv"), "--compare", join(dir, "earlier.csv"), "--rename", "Oud BV=Nieuw BV", "--json", "--out", file];
    expect(await runAnalyze(argv, { stdout: (s) => (stdout += s), stderr: (s) => process.stderr.write(s) })).toBe(0);
    const json = JSON.parse(stdout) as { previous: { date: string; label: string }; movements: Record<string, unknown>[]; added: { row: number }[]; money: Record<StrategyKey, { then: { count: number; subsidy: number } }> };
    expect(json.previous).toEqual({ date: "2025-03-01", label: "earlier.csv" });

    const recalculated = join(dir, "recalculated");
    mkdirSync(recalculated);
    convertRecalculated(soffice!, [file], "xlsx", recalculated, join(dir, "profile"));
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(join(recalculated, "vergelijking.xlsx"));
    const grid = computed(result.getWorksheet("now")!);
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
    // The renamed partner is matched through the link the command stored beside the history table.
    expect(json.movements.map((m) => m.partner)).toContain("Nieuw BV");
    // A new partner is found nowhere: #N/A, as in Excel.
    expect(json.added.map((p) => p.row)).toEqual([5]);
    expect(grid[4][column("movement")]).toBe("#N/A");
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
