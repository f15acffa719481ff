/**
 * Issue 16, end to end through the headless command: real exports and hostile files either read
 * correctly or refused with one clear line (the refusals of whole files are in test/hostile).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyzeFile } from "../../src/cli/analyze";
import { runCli } from "../support/cli";
import { formatJsonChunks, jsonDocument } from "../../src/cli/format";
import { sheetNameFromFileName } from "../../src/cli/csv";

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "partnerkaart-hostile-files-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REGISTER = [
  ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"],
  ["Cliëntenraad Zuid", "4", "2"],
  ["Stichting Ééntje", "2", "4"],
];

function partnersOf(json: string): string[] {
  return JSON.parse(json).rows.map((r: { partner: string }) => r.partner);
}

describe("encodings", () => {
  it("reads a CSV that Dutch Excel saved in Windows-1252 (no BOM) and says so", async () => {
    const file = join(dir, "excel-ansi.csv");
    writeFileSync(file, Buffer.from(REGISTER.map((r) => r.join(";")).join("\r\n"), "latin1"));
    const text = await runCli([file, "--lang", "en"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Read as Windows-1252");
    expect(text.stdout).toContain("Cliëntenraad Zuid");
    expect(text.stdout).not.toContain("\ufffd");
    const json = await runCli([file, "--json"]);
    expect(partnersOf(json.stdout)).toEqual(["Cliëntenraad Zuid", "Stichting Ééntje"]);
    expect(JSON.parse(json.stdout).encoding).toBe("windows-1252");
  });

  it("keeps reading valid UTF-8 as UTF-8, with or without a BOM", async () => {
    const text = REGISTER.map((r) => r.join(";")).join("\n");
    for (const [name, bytes] of [
      ["utf8.csv", Buffer.from(text, "utf8")],
      ["utf8-bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const json = await runCli([file, "--json"]);
      expect(partnersOf(json.stdout)).toEqual(["Cliëntenraad Zuid", "Stichting Ééntje"]);
      expect(JSON.parse(json.stdout).encoding).toBe("utf-8");
    }
  });

  it.each([
    ["UTF-16 LE with a BOM, tab-separated .txt (Excel's 'Unicode text')", "unicode.txt", "utf-16le", true],
    ["UTF-16 BE with a BOM, .csv", "utf16be.csv", "utf-16be", true],
    ["UTF-16 LE without a BOM", "utf16-zonder-bom.txt", "utf-16le", false],
  ] as const)("reads %s", async (_, name, encoding, bom) => {
    const separator = name.endsWith(".txt") ? "\t" : ";";
    const text = REGISTER.map((r) => r.join(separator)).join("\r\n") + "\r\n";
    let bytes = Buffer.from(text, "utf16le");
    if (encoding === "utf-16be") bytes = Buffer.from(bytes).swap16();
    const mark = encoding === "utf-16le" ? [0xff, 0xfe] : [0xfe, 0xff];
    const file = join(dir, name);
    writeFileSync(file, bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes);
    const json = await runCli([file, "--json"]);
    expect(json.stderr).toBe("");
    expect(partnersOf(json.stdout)).toEqual(["Cliëntenraad Zuid", "Stichting Ééntje"]);
    expect(JSON.parse(json.stdout).encoding).toBe(encoding);
  });
});

describe("CSV structure", () => {
  it("names the line of a quote that is never closed, instead of folding the rows after it into one name", async () => {
    const file = join(dir, "open-quote.csv");
    writeFileSync(file, 'Partner;Invloed;Afhankelijkheid\nBibliotheek;5;5\nWelzijn;3;5\n"Schoolbestuur;2;4\nSportclub;1;1\n');
    const result = await runCli([file, "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`Cannot read "${file}": line 4 opens a quote (") that is never closed, so every line after it would become one name. Close or remove that quote.\n`);
  });

  it("refuses more rows than an Excel sheet holds, naming the limit", async () => {
    const file = join(dir, "te-lang.csv");
    writeFileSync(file, `Partner;Invloed;Afhankelijkheid\n${"P;3;3\n".repeat(1_048_576)}`);
    const result = await runCli([file, "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("more rows than an Excel sheet holds (1048576; line 1048577)");
  });
});

describe("--out from a CSV whose file name is no valid sheet name", () => {
  it.each([
    ["Partners [2026]: wie? * Welzijn/Zorg\\Jeugd 'definitief'.csv", "Partners _2026__ wie_ _ Welzijn"],
    ["'Register'.csv", "Register"],
    ["History.csv", "History_"],
  ])("%s becomes the sheet %s", async (fileName, sheetName) => {
    expect(sheetNameFromFileName(fileName.replace(/\.csv$/, ""))).toBe(sheetName);
    const file = join(dir, fileName.replace(/[/\\]/g, "-"));
    writeFileSync(file, REGISTER.map((r) => r.join(";")).join("\n"));
    const out = join(dir, `${sheetName}.result.xlsx`);
    const result = await runCli([file, "--out", out, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const names = written.worksheets.map((ws) => ws.name);
    expect(names).toContain(JSON.parse(result.stdout).sheet);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]|^'|'$|^history$/i);
    }
  });
});

describe("large and hostile contents", () => {
  it("prints the text of a register of 200,000 partners (spreading its rows into Math.max overflowed the stack from about 130,000)", async () => {
    const file = join(dir, "groot.csv");
    const lines = ["Partner;Invloed (1-5);Afhankelijkheid (1-5)"];
    for (let i = 1; i <= 200_000; i++) lines.push(`Partner ${i};${1 + (i % 5)};${1 + ((i * 3) % 5)}`);
    writeFileSync(file, lines.join("\n"));
    const result = await runCli([file, "--lang", "en"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Partners (200000):");
    expect(result.stdout).toMatch(/^\s+200001\s+Partner 200000\s/m);
  }, 60_000);

  it("shows control characters in names escaped in the text, and keeps them as they are in JSON", async () => {
    const hostile = "\u001b]0;pwned\u0007Stichting\u0000 X\u009b31m\u202e";
    const file = join(dir, "controls.csv");
    writeFileSync(file, `Partner;Invloed (1-5);Afhankelijkheid (1-5)\n"${hostile}";4;2\n`);
    const text = await runCli([file, "--lang", "en"]);
    expect(text.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text.stdout).toContain("\\x1B]0;pwned\\x07Stichting\\x00 X\\x9B31m\\u202E");
    const json = await runCli([file, "--json"]);
    expect(partnersOf(json.stdout)).toEqual([hostile]);
  });

  it("never prints an infinite sum: subsidies too large to add up are left out of the totals with a note naming their rows", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Register").addRows([
      ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Subsidie"],
      ["Bibliotheek", 5, 5, 1e308],
      ["Schoolbestuur", 2, 4, 1e308],
      ["Welzijn", 3, 5, 12_500],
    ]);
    const file = join(dir, "overflow.xlsx");
    await wb.xlsx.writeFile(file);
    const text = await runCli([file, "--lang", "en"]);
    expect(text.code).toBe(0);
    expect(text.stdout).not.toContain("∞");
    expect(text.stdout).toContain("The subsidy on row(s) 2, 3 is too large to add up");
    const json = JSON.parse((await runCli([file, "--json"])).stdout);
    expect(json.summary.total).toEqual({ count: 3, subsidy: 12_500 });
    expect(json.warnings.find((w: { code: string }) => w.code === "subsidy-too-large").rows).toEqual([2, 3]);
  });

  it("draws the chart of a partner with a 32,767-character name, its label cut short", async () => {
    const file = join(dir, "lange-naam.csv");
    const name = `Stichting ${"Samenwerkingsverband".repeat(1_638)}`.slice(0, 32_767);
    writeFileSync(file, `Partner;Invloed (1-5);Afhankelijkheid (1-5)\n${name};4;2\nBibliotheek;5;5\n`);
    const chart = join(dir, "lange-naam.svg");
    const result = await runCli([file, "--chart", chart, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const svg = readFileSync(chart, "utf8");
    // The point's label lines (its <title>, the hover text, keeps the whole name).
    const labels = [...svg.matchAll(/<tspan[^>]*>((?:Stichting|Samenwerkingsverband)[^<]*)</g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label.length).toBeLessThan(60);
  }, 30_000);
});

describe("--json of a large register", () => {
  it("is written in pieces that make exactly the document JSON.stringify writes", async () => {
    const file = join(dir, "json-chunks.csv");
    const lines = ['Partner;Invloed (1-5);Afhankelijkheid (1-5);Opmerking'];
    for (let i = 1; i <= 2_500; i++) lines.push(`Partner ${i};${i % 700 === 0 ? "n.v.t." : 1 + (i % 5)};${1 + ((i * 3) % 5)};"regel\n""${i}"""`);
    writeFileSync(file, lines.join("\n"));
    const loaded = await analyzeFile(file, null, "en");
    expect(loaded.analysis.skipped.length).toBe(3);
    const pieces = [...formatJsonChunks(loaded)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join("")).toBe(`${JSON.stringify(jsonDocument(loaded), null, 2)}\n`);
  });
});
