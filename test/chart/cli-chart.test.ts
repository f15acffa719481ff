import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { PNG } from "pngjs";
import { runAnalyze } from "../../src/cli/analyze";
import { chromiumAvailable } from "../../src/cli/chart-svg";
import { fixtureRegisters } from "./support";

const register = fixtureRegisters().find((f) => f.name === "register-en");

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runAnalyze(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

(register ? describe : describe.skip)("analyze --chart", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "pk-chart-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes an SVG of the register's partners in the chosen language", async () => {
    const file = join(dir, "chart.svg");
    const result = await run([register!.file, "--lang", "en", "--chart", file]);
    expect(result.code).toBe(0);
    const svg = readFileSync(file, "utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/<g class="point"/g)).toHaveLength(register!.expected.rows.length);
    expect(svg).toContain("Partners by influence and dependency");
    expect(svg).toContain("Reduce dependency (");
  });

  it("refuses an unknown file type with a message naming the file", async () => {
    const result = await run([register!.file, "--chart", join(dir, "chart.jpg")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("chart.jpg");
    expect(result.stderr).toContain(".svg");
    expect(existsSync(join(dir, "chart.jpg"))).toBe(false);
  });

  (chromiumAvailable() ? it : it.skip)("writes a PNG through Chromium at twice the SVG's size", async () => {
    const file = join(dir, "chart.png");
    const result = await run([register!.file, "--chart", file]);
    expect(result.code).toBe(0);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([2 * 1120, 2 * 720]);
    // Not blank: the plot has dark ink (axes, text, markers) on white.
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 100 && png.data[i + 1] < 100 && png.data[i + 2] < 100) dark++;
    expect(dark).toBeGreaterThan(5000);
  });
});
