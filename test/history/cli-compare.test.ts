import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArguments, runAnalyze } from "../../src/cli/analyze";

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAnalyze(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("analyze --compare", () => {
  let dir: string;
  let earlier: string;
  let now: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "partnerkaart-compare-"));
    earlier = join(dir, "2025.csv");
    now = join(dir, "2026.csv");
    writeFileSync(
      earlier,
      ["Partner;Invloed (1-5);Afhankelijkheid (1-5);Alternatieven wenselijk;Subsidie", "Schoolbestuur;2;4;nee;1000", "Welzijn;3;5;ja;2000", "Oud BV;4;2;ja;500", "Weg;1;1;ja;10"].join("\n"),
    );
    writeFileSync(
      now,
      ["Partner;Invloed (1-5);Afhankelijkheid (1-5);Alternatieven wenselijk;Subsidie", "Schoolbestuur;4,5;4;nee;1500", "Welzijn;3;4;ja;2000", "Nieuw BV;4;2;ja;500", "Buurthuis;2;2;nee;100"].join("\n"),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports movement, strategy change, new and gone partners and the money as JSON", async () => {
    const result = await run([now, "--compare", earlier, "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.previous.label).toBe("2025.csv");
    expect(json.movements.map((m: Record<string, unknown>) => [m.partner, m.row, m.vertical, m.horizontal, m.influenceChange, m.dependencyChange, m.strategyChanged, m.movedAsAdvised])).toEqual([
      ["Schoolbestuur", 2, "up", null, 2.5, 0, true, true],
      ["Welzijn", 3, null, "left", 0, -1, false, true],
    ]);
    expect(json.added.map((p: { partner: string; row: number }) => [p.partner, p.row])).toEqual([["Nieuw BV", 4], ["Buurthuis", 5]]);
    expect(json.gone.map((p: { partner: string }) => p.partner)).toEqual(["Oud BV", "Weg"]);
    expect(json.money["raise-influence"]).toEqual({ then: { count: 1, subsidy: 1000 }, now: { count: 0, subsidy: 0 } });
    expect(json.total.now).toEqual({ count: 4, subsidy: 4100 });
  });

  it("matches a renamed partner given --rename, and says so in the text", async () => {
    const result = await run([now, "--compare", earlier, "--rename", "Oud BV=Nieuw BV", "--lang", "en"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Compared with 2025.csv");
    expect(result.stdout).toMatch(/Nieuw BV \(was "Oud BV"\).*unchanged/);
    expect(result.stdout).toMatch(/Schoolbestuur.*up 2\.5\s+Raise influence\s+Secure\s+yes\s+yes/);
    expect(result.stdout).toContain("No longer in the register (1):\n  Row 5: Weg");
    expect(result.stdout).toContain("New partners (1):\n  Row 5: Buurthuis");
  });

  it("writes Dutch by default", async () => {
    const result = await run([now, "--compare", earlier]);
    expect(result.stdout).toMatch(/Welzijn.*links 1/);
    expect(result.stdout).toContain("Per strategie, toen en nu:");
  });

  it("refuses a --rename without '=' with a clear message", () => {
    expect(() => parseArguments(["a.csv", "--rename", "Oud BV"])).toThrow('--rename vraagt "eerdere naam=huidige naam", niet "Oud BV".');
  });

  it("names a missing earlier file", async () => {
    const result = await run([now, "--compare", join(dir, "geen.csv")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("geen.csv\" bestaat niet");
  });
});
