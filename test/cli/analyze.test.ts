import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { CliError, SAMPLE_REGISTER, parseArguments } from "../../src/cli/analyze";
import { runCli } from "../support/cli";
import { buildSampleWorkbook, SAMPLE_PARTNERS } from "../../scripts/make-sample";

const repoRoot = resolve(__dirname, "../..");

describe("arguments", () => {
  it("reads the file, --sheet, --json and --lang (also as --lang=en)", () => {
    expect(parseArguments(["r.xlsx", "--sheet", "Blad 2", "--json", "--lang=en"])).toEqual({ file: "r.xlsx", sheet: "Blad 2", json: true, lang: "en" });
    expect(parseArguments([])).toEqual({ file: null, sheet: null, json: false, lang: "nl" });
  });

  it("rejects unknown options, missing values and wrong languages with a usage hint", () => {
    expect(() => parseArguments(["--csv"])).toThrow(/Onbekende optie "--csv"[\s\S]*Gebruik:/);
    expect(() => parseArguments(["--sheet"])).toThrow(/--sheet heeft een waarde nodig/);
    expect(() => parseArguments(["--lang", "de"])).toThrow(CliError);
    expect(() => parseArguments(["--lang", "fr", "--lang", "en"])).toThrow(/does not accept "fr"/);
  });
});

describe("bad input", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "partnerkaart-cli-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names a missing file", async () => {
    const result = await runCli(["geen-bestand.xlsx"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Bestand "geen-bestand.xlsx" bestaat niet.');
  });

  it("names a file that is not a workbook", async () => {
    const file = join(dir, "kapot.xlsx");
    writeFileSync(file, "dit is geen zip");
    const result = await runCli([file, "--lang", "en"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read "${file}"`);
  });

  it("lists the sheets when --sheet names one that does not exist, and says when a sheet holds no register", async () => {
    const unknown = await runCli([SAMPLE_REGISTER, "--sheet", "Blad9"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('geen blad "Blad9" (bladen: "Partners")');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Begroting").getCell("A1").value = "Post";
    wb.addWorksheet("Leeg");
    const file = join(dir, "begroting.xlsx");
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const noRegister = await runCli([file]);
    expect(noRegister.code).toBe(1);
    expect(noRegister.stderr).toContain(`Geen partnerregister gevonden in "${file}" (doorzochte bladen: "Begroting", "Leeg")`);
    const named = await runCli([file, "--sheet", "Begroting", "--lang", "en"]);
    expect(named.stderr).toContain('No partner register found on sheet "Begroting"');
  });
});

describe("the sample register (the README's main job)", () => {
  it("is what scripts/make-sample.ts generates, byte for byte", async () => {
    const generated = await buildSampleWorkbook();
    expect(Buffer.compare(generated, await buildSampleWorkbook())).toBe(0);
    expect(Buffer.compare(generated, readFileSync(SAMPLE_REGISTER))).toBe(0);
  });

  it("is analysed by `npm run -s analyze` without arguments, in Dutch", () => {
    const result = spawnSync("npm", ["run", "-s", "analyze"], { cwd: repoRoot, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const text = result.stdout;
    expect(text).toContain('Register: blad "Partners", tabel Partners, kopregel 4');
    expect(text).toContain('Partner: B "Naam organisatie"');
    expect(text).toContain("Borgen");
    expect(text).toContain("Afhankelijkheid verminderen");
    expect(text).toMatch(/Overgeslagen rijen \(1\):\n\s+Buurthuis De Wissel — rij 15: invloed "n\.v\.t\." in kolom E is geen bruikbare score/);
    expect(text).toContain('Partner "Welzijn Lindendaal" staat op rijen 10, 26.');
  });

  it("gives every partner a row or a skip reason and keeps the totals row and footnote out", async () => {
    const result = await runCli(["--json"]);
    const json = JSON.parse(result.stdout);
    expect(json.rows.length + json.skipped.length).toBe(SAMPLE_PARTNERS.length);
    const totalSubsidy = SAMPLE_PARTNERS.filter((p) => p[3] !== "n.v.t.").reduce((sum, p) => sum + p[6], 0);
    expect(json.summary.total).toEqual({ count: SAMPLE_PARTNERS.length - 1, subsidy: totalSubsidy });
    const strategies = new Set(json.rows.map((r: { strategy: string }) => r.strategy));
    expect(strategies.size).toBe(5);
  });

  it("speaks English with --lang en", async () => {
    const result = await runCli(["--lang", "en"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Register: sheet "Partners", table Partners, header row 4');
    expect(result.stdout).toContain("Reduce dependency");
    expect(result.stdout).toContain("Skipped rows (1):");
  });
});
