import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { analyzeFile, runAnalyze, SAMPLE_REGISTER } from "../../src/cli/analyze";
import { chromiumAvailable } from "../../src/cli/chart-svg";

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAnalyze(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** What a reader of the SVG can see: its text nodes and every attribute value, entities decoded. */
function svgText(svg: string): string {
  return svg.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'");
}

describe("analyze --partner", () => {
  let dir: string;
  let names: string[];
  let rowCount: number;
  beforeAll(async () => {
    const loaded = await analyzeFile(SAMPLE_REGISTER, null, "nl");
    // The sample holds one partner on two rows (two grants): names, not rows.
    names = [...new Set(loaded.analysis.partners.partner.slice(0, loaded.analysis.partners.count))];
    rowCount = loaded.analysis.partners.count;
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "pk-partner-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("without --chart prints the page's text, and the subsidy only with --partner-subsidy", async () => {
    const plain = await run([SAMPLE_REGISTER, "--partner", "Bibliotheek Lindendaal"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("Partner: Bibliotheek Lindendaal");
    expect(plain.stdout).toContain("Strategie: Borgen");
    expect(plain.stdout).not.toContain("Subsidie");
    const withSubsidy = await run([SAMPLE_REGISTER, "--partner", "Bibliotheek Lindendaal", "--partner-subsidy", "--lang", "en"]);
    expect(withSubsidy.stdout).toMatch(/Subsidy: € [\d,]+/);
    for (const other of names.filter((n) => n !== "Bibliotheek Lindendaal")) expect(withSubsidy.stdout).not.toContain(other);
  });

  it("writes an SVG whose text names exactly one partner, with the other points present but unnamed", async () => {
    const file = join(dir, "page.svg");
    const result = await run([SAMPLE_REGISTER, "--partner", "Welzijn Lindendaal", "--chart", file]);
    expect(result.code).toBe(0);
    const svg = readFileSync(file, "utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    const text = svgText(svg);
    // "Welzijn Lindendaal" is contained in no other name of the sample, so a plain search is exact.
    expect(names.filter((name) => text.includes(name))).toEqual(["Welzijn Lindendaal"]);
    expect(svg.match(/<circle class="other"/g)).toHaveLength(rowCount - 1);
  });

  it("writes one picture per partner for several --partner options and for --partners-below-line", async () => {
    const several = await run([SAMPLE_REGISTER, "--partner", "Welzijn Lindendaal", "--partner", "Bibliotheek Lindendaal", "--chart", join(dir, "page.svg")]);
    expect(several.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["page - Bibliotheek Lindendaal.svg", "page - Welzijn Lindendaal.svg"]);
    const folder = join(dir, "below");
    const below = await run([SAMPLE_REGISTER, "--partners-below-line", folder]);
    expect(below.code).toBe(0);
    const files = readdirSync(folder);
    const loaded = await analyzeFile(SAMPLE_REGISTER, null, "nl");
    const belowRows = loaded.analysis.rows.filter((r) => r.position === "below");
    expect(files).toHaveLength(belowRows.length);
    for (const file of files) {
      const text = svgText(readFileSync(join(folder, file), "utf8"));
      expect(names.filter((name) => text.includes(name))).toHaveLength(1);
    }
  });

  it("refuses an unknown partner by name, writing nothing", async () => {
    const file = join(dir, "page.svg");
    const result = await run([SAMPLE_REGISTER, "--partner", "Bibliotheek Lindendaal", "--partner", "Niemand BV", "--chart", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Geen partner "Niemand BV" in het register op blad "Partners"');
    expect(existsSync(file)).toBe(false);
  });

  (chromiumAvailable() ? it : it.skip)("writes a PNG", async () => {
    const file = join(dir, "page.png");
    const result = await run([SAMPLE_REGISTER, "--partner", "Welzijn Lindendaal", "--chart", file]);
    expect(result.code).toBe(0);
    expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
  });
});
