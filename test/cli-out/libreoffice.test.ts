/**
 * `analyze --out result.xlsx`, recomputed by LibreOffice: the file's formula columns give the same
 * positions and strategies as `--json`, for every fixture, the project's sample and a CSV register;
 * and writing again over a result adds no second set of columns. One soffice run converts all files.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { SAMPLE_REGISTER } from "../../src/cli/analyze";
import { parseCsv } from "../../src/cli/csv";
import type { Language } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import type { Position, StrategyKey } from "../../src/core/types";
import { runCliOk } from "../support/cli";
import { SHARED_FIXTURES, withFixture } from "../support/fixtures";
import { FIVE_PARTNERS, putRows } from "../support/registers";
import { convertRecalculated, findSoffice } from "../support/libreoffice";

const FIXTURES = SHARED_FIXTURES;

const soffice = findSoffice();
if (!soffice) console.warn("SKIPPED test/cli-out: LibreOffice (soffice) is not installed, so the --out files cannot be recomputed here. CI installs it.");
const maybe = soffice ? test : test.skip;

interface JsonRow {
  row: number;
  partner: string;
  position: Position;
  strategy: StrategyKey;
}
interface JsonResult {
  sheet: string;
  headerRow: number;
  rows: JsonRow[];
  skipped: { row: number }[];
  summary: { total: { count: number; subsidy: number } };
}

interface Case {
  name: string;
  input: string;
  lang: Language;
  out: string;
  json?: JsonResult;
}

/** Converts every .xlsx to one CSV per sheet (`<file>-<sheet>.csv`), recomputing all formulas. */
function recalculateToCsv(files: string[], outDir: string, profileDir: string) {
  // 44 = ",", 34 = '"', 76 = UTF-8, -1 = every sheet to its own file.
  convertRecalculated(soffice!, files, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", outDir, profileDir);
}

/**
 * An Excel table with percent-formatted scores and a note right beside it: the writer must insert
 * columns (the note moves right) and grow the table.
 */
async function writeTableRegister(path: string) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("Partners");
  const rows: [string, number, number, string, number][] = [
    ["North Trust", 0.55, 0.6, "no", 1000],
    ["Library", 0.9, 0.95, "No", 2000],
    ["Youth Club", 0.07, 0.3, "yes", 300],
    ["Transport", 0.4, 0.8, "Yes", 0],
    ["=Care Group", 0.25, 0.5, "no", 5000],
  ];
  ws.addTable({
    name: "Register",
    ref: "A1",
    headerRow: true,
    columns: ["Organisation", "Influence", "Dependency", "Competition desirable", "Grant"].map((name) => ({ name })),
    rows,
  });
  for (let r = 2; r <= rows.length + 1; r++) for (const c of [2, 3]) ws.getCell(r, c).numFmt = "0%";
  ws.getCell("F2").value = "note beside the table";
  await workbook.xlsx.writeFile(path);
}

function sheetCsv(outDir: string, file: string, sheet: string): string[][] {
  const path = join(outDir, `${basename(file, ".xlsx")}-${sheet}.csv`);
  if (!existsSync(path)) throw new Error(`LibreOffice wrote no ${path} (have: ${readdirSync(outDir).join(", ")})`);
  return parseCsv(readFileSync(path, "utf8"));
}

function expectCsvMatchesJson(c: Case, outDir: string) {
  const json = c.json!;
  // A case without partners would compare empty lists below and pass.
  expect({ name: c.name, partners: json.rows.length > 0 }).toEqual({ name: c.name, partners: true });
  const grid = sheetCsv(outDir, c.out, json.sheet);
  const header = grid[json.headerRow - 1];
  const positionColumns = header.flatMap((h, i) => (h === t(c.lang, "column.position") ? [i] : []));
  const strategyColumns = header.flatMap((h, i) => (h === t(c.lang, "column.strategy") ? [i] : []));
  // Exactly one of each: a re-run writes into its own columns again.
  expect({ name: c.name, positions: positionColumns.length, strategies: strategyColumns.length }).toEqual({ name: c.name, positions: 1, strategies: 1 });
  const got = json.rows.map((r) => ({ row: r.row, position: grid[r.row - 1][positionColumns[0]], strategy: grid[r.row - 1][strategyColumns[0]] }));
  const expected = json.rows.map((r) => ({ row: r.row, position: t(c.lang, `position.${r.position}`), strategy: t(c.lang, `strategy.${r.strategy}`) }));
  expect({ name: c.name, rows: got }).toEqual({ name: c.name, rows: expected });
  // The user's cells are still theirs: every partner name (also "=Stichting Plus") is in its row, as text.
  const missing = json.rows.filter((r) => !grid[r.row - 1].includes(r.partner)).map((r) => r.partner);
  expect({ name: c.name, missing }).toEqual({ name: c.name, missing: [] });
  for (const s of json.skipped) expect({ name: c.name, row: s.row, strategy: grid[s.row - 1]?.[strategyColumns[0]] ?? "" }).toEqual({ name: c.name, row: s.row, strategy: "" });
  // The summary's total on the parameter sheet, computed by LibreOffice's COUNTIFS/SUMIFS.
  const parameters = sheetCsv(outDir, c.out, "Partnerkaart");
  const totalRow = parameters.find((r) => r.includes(t(c.lang, "summary.total")))!;
  const at = totalRow.indexOf(t(c.lang, "summary.total"));
  expect({ name: c.name, count: Number(totalRow[at + 1]), subsidy: Number(totalRow[at + 2]) }).toEqual({
    name: c.name,
    count: json.summary.total.count,
    subsidy: json.summary.total.subsidy,
  });
}

maybe(
  "the --out workbook, recomputed by LibreOffice, shows the positions, strategies and totals of --json, also after writing over a result",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "pk-cli-out-"));
    try {
      const csvRegister = join(dir, "eigen-register.csv");
      writeFileSync(
        csvRegister,
        "Naam partner;Invloed;Afhankelijkheid;Alternatieven wenselijk;Subsidie\n" +
          "=Stichting Plus;3,5;4,5;ja;€ 1.250.000,00\n+Muziekschool;2;1,5;nee;€ 85.000,-\nBuurthuis;n.v.t.;2;nee;€ 12.000\n" +
          "@Bibliotheek;hoog;zeer hoog;nee;€ 300.000\nAdvies BV;4;2;x;€ 60.000\n",
      );
      const tableRegister = join(dir, "table-with-note.xlsx");
      await writeTableRegister(tableRegister);
      const inputs: { input: string; lang: Language }[] = [
        { input: SAMPLE_REGISTER, lang: "nl" },
        { input: csvRegister, lang: "en" },
        { input: tableRegister, lang: "en" },
      ];
      if (withFixture() !== null) {
        for (const f of readdirSync(FIXTURES).sort()) if (/\.(xlsx|csv)$/.test(f)) inputs.push({ input: join(FIXTURES, f), lang: f.includes("-en") ? "en" : "nl" });
      } else console.warn("test/cli-out: ../shared/fixtures is absent; checking the project's sample and CSV register only.");

      const cases: Case[] = [];
      for (const { input, lang } of inputs) {
        const out = join(dir, `${basename(input).replace(/\.[^.]+$/, "")}.result.xlsx`);
        const json = JSON.parse(await runCliOk([input, "--json", "--lang", lang, "--out", out])) as JsonResult;
        cases.push({ name: basename(input), input, lang, out, json });
      }
      // Writing over a result: the same columns again, no duplicates.
      for (const first of cases.slice(0, 4)) {
        const out = first.out.replace(/\.xlsx$/, "-again.xlsx");
        const json = JSON.parse(await runCliOk([first.out, "--json", "--lang", first.lang, "--out", out])) as JsonResult;
        cases.push({ name: `${first.name} written again`, input: first.out, lang: first.lang, out, json });
      }

      const csvDir = join(dir, "csv");
      mkdirSync(csvDir);
      recalculateToCsv(
        cases.map((c) => c.out),
        csvDir,
        join(dir, "profile"),
      );
      for (const c of cases) expectCsvMatchesJson(c, csvDir);
      // The note beside the table moved right with the inserted columns, in the first and in the re-written file.
      for (const name of ["table-with-note.result.xlsx", "table-with-note.result-again.xlsx"]) {
        const grid = sheetCsv(csvDir, join(dir, name), "Partners");
        expect({ name, note: grid[1].filter((v) => v === "note beside the table").length }).toEqual({ name, note: 1 });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  120_000,
);

/**
 * docs/text-grammar.md: a register of the texts where formulas and core used to differ, written with
 * `--out` and recomputed by LibreOffice, gives the strategy of every row and the money per strategy
 * that `--json` gives. Every score and amount cell is a text cell.
 */
maybe(
  "a register of tricky texts, written with --out and recomputed by LibreOffice, gives --json's strategy per row and money per strategy",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "pk-cli-grammar-"));
    try {
      const NBSP = "\u00a0";
      const rows: string[][] = [
        ["Komma met harde spatie", `2,5${NBSP}`, "4", "nee", "12.50"],
        ["Spatie in het getal", "1 5", "4", "nee", "1.5"],
        ["Ja met harde spatie", "3", "4", `ja${NBSP}`, "(300)"],
        ["Ja met accent", "3", "4", "Jà", "300 euro"],
        ["Hoofdletters", "2", "4", "JA", "€ 1 000"],
        ["Euro met harde spatie", "4", "2", "x", `€${NBSP}75.000`],
        ["Geen centen", "4,5", "4,5", "nee", "€ 12.500,-"],
        ["Labels", "zeer hoog", "Zeer  Hoog", "nee", "-€ 1.000"],
        ["Label met accent", "hóóg", "2", "nee", "1.250.000,00"],
        ["Plusteken", "+3", "4", "nee", "1,250,000.00"],
        ["Punt aan het eind", "3.", "4", "nee", "1.25.0"],
        ["Euro vooraan", "4", "1", "ja", "EUR 4500"],
        ["Waar", "2", "5", "waar", "12,5"],
        ["Groepen", "1", "1", "nee", "€ 300.000"],
        ["Punt en komma", "3", "3", "nee", "1.250.000,00"],
        ["Komma en punt", "3", "3", "nee", "1,250,000.75"],
        ["Kort gemengd", "3", "3", "nee", "€ 1.250,5"],
        ["Drie decimalen", "3", "3", "nee", "1234.567"],
      ];
      const input = join(dir, "lastige-teksten.xlsx");
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet("Register");
      ws.addRow(["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Subsidie"]);
      for (const row of rows) ws.addRow(row);
      await workbook.xlsx.writeFile(input);

      const out = join(dir, "lastige-teksten-uit.xlsx");
      const json = JSON.parse(await runCliOk([input, "--json", "--lang", "nl", "--out", out])) as JsonResult & {
        rows: (JsonRow & { subsidy: number | null })[];
        summary: { byStrategy: Record<StrategyKey, { count: number; subsidy: number }> };
      };
      // Not vacuous: some rows are read, some skipped, and some amounts are money.
      expect(json.rows.length).toBeGreaterThan(5);
      expect(json.skipped.length).toBeGreaterThan(1);

      const csvDir = join(dir, "csv");
      mkdirSync(csvDir);
      recalculateToCsv([out], csvDir, join(dir, "profile"));
      const grid = sheetCsv(csvDir, out, "Register");
      const strategyColumn = grid[0].indexOf(t("nl", "column.strategy"));
      const perRow = (r: number) => grid[r - 1][strategyColumn];
      const skippedRows = new Set(json.skipped.map((s) => s.row));
      const got = [...rows.keys()].map((i) => ({ row: i + 2, strategy: perRow(i + 2) }));
      const expected = [...rows.keys()].map((i) => {
        const analysed = json.rows.find((r) => r.row === i + 2);
        return { row: i + 2, strategy: analysed ? t("nl", `strategy.${analysed.strategy}`) : skippedRows.has(i + 2) ? "" : "?" };
      });
      expect(got).toEqual(expected);

      const parameters = sheetCsv(csvDir, out, "Partnerkaart");
      const money = (Object.keys(json.summary.byStrategy) as StrategyKey[]).map((key) => {
        const summaryRow = parameters.find((r) => r.includes(t("nl", `strategy.${key}`)) && r.length > r.indexOf(t("nl", `strategy.${key}`)) + 2 && r[r.indexOf(t("nl", `strategy.${key}`)) + 1] !== "")!;
        const at = summaryRow.indexOf(t("nl", `strategy.${key}`));
        return { key, count: Number(summaryRow[at + 1]), subsidy: Number(summaryRow[at + 2]) };
      });
      expect(money).toEqual((Object.keys(json.summary.byStrategy) as StrategyKey[]).map((key) => ({ key, ...json.summary.byStrategy[key] })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  120_000,
);

/**
 * docs/ownership.md: user formulas around a register (far right on its sheet, below it, and on
 * another sheet) keep their results after `--out`, as LibreOffice recomputes them from scratch.
 */
maybe(
  "user formulas around the register give their original results after --out, recomputed by LibreOffice",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "pk-cli-user-formulas-"));
    try {
      const input = join(dir, "met-formules.xlsx");
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet("Partners");
      // The header and the first four partners: rows 1–5, subsidies 12,000 + 30,000 + 45,000 + 8,000.
      putRows(ws, 1, 1, FIVE_PARTNERS.slice(0, 5));
      // Far enough right that the new columns fit between (no insert), below it, and on another sheet.
      const userFormulas: { sheet: string; cell: string; formula: string; result: string }[] = [
        { sheet: "Partners", cell: "P2", formula: 'A2&" ("&B2&")"', result: "Bibliotheek (5)" },
        { sheet: "Partners", cell: "P3", formula: "SUM(D2:D5)", result: "95000" },
        { sheet: "Partners", cell: "A8", formula: "COUNTA(A2:A5)", result: "4" },
        { sheet: "Overzicht", cell: "A1", formula: "Partners!A3", result: "Schoolbestuur" },
        { sheet: "Overzicht", cell: "B1", formula: "Partners!C4*2", result: "10" },
      ];
      const overview = workbook.addWorksheet("Overzicht");
      for (const f of userFormulas) (f.sheet === "Partners" ? ws : overview).getCell(f.cell).value = { formula: f.formula } as ExcelJS.CellFormulaValue;
      await workbook.xlsx.writeFile(input);

      const out = join(dir, "met-formules-uit.xlsx");
      await runCliOk([input, "--lang", "nl", "--out", out]);
      const csvDir = join(dir, "csv");
      mkdirSync(csvDir);
      recalculateToCsv([input, out], csvDir, join(dir, "profile"));
      const at = (file: string, sheet: string, cell: string) => {
        const match = /^([A-Z]+)(\d+)$/.exec(cell)!;
        return sheetCsv(csvDir, file, sheet)[Number(match[2]) - 1]?.[match[1].charCodeAt(0) - 65] ?? "";
      };
      // The input as LibreOffice computes it, and the output: the same for every user formula.
      expect(userFormulas.map((f) => at(input, f.sheet, f.cell))).toEqual(userFormulas.map((f) => f.result));
      expect(userFormulas.map((f) => at(out, f.sheet, f.cell))).toEqual(userFormulas.map((f) => f.result));
      // And the add-in's columns are there, computed.
      const header = sheetCsv(csvDir, out, "Partners")[0];
      expect(header).toContain(t("nl", "column.strategy"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  120_000,
);
