/**
 * The headless command over a folder of hostile inputs (made by ./make-hostile-inputs.ts): each is
 * refused with exit 1 and one line naming the file and what to do, never a stack trace, in a heap
 * far smaller than the files would take if they were read as they claim to be. The command runs as
 * a child process from an esbuild bundle (tsx would add seconds per run), as a user runs it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import ExcelJS from "exceljs";
import { HOSTILE_INPUTS, makeHostileInputs } from "./make-hostile-inputs";

const repoRoot = resolve(__dirname, "../..");
/** The heap each run gets: a stray cell at XFD1048576 read as a rectangle took 4.2 GB. */
const HEAP_MB = 384;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let folder: string;
let cli: string;
const runs = new Map<string, Promise<Run>>();

function runCli(args: string[]): Promise<Run> {
  return new Promise((done) =>
    execFile(process.execPath, [`--max-old-space-size=${HEAP_MB}`, cli, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_PATH: join(repoRoot, "node_modules") } }, (error, stdout, stderr) =>
      done({ status: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "partnerkaart-hostile-"));
  cli = join(folder, "analyze.js");
  buildSync({ entryPoints: [join(repoRoot, "src/cli/analyze.ts")], bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external", outfile: cli, logLevel: "warning" });
  await makeHostileInputs(join(folder, "inputs"));
  // All at once: each run spends most of its time starting up.
  for (const name of Object.keys(HOSTILE_INPUTS)) runs.set(name, runCli([join(folder, "inputs", name), "--lang", "en"]));
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("a folder of hostile inputs", () => {
  it.each(Object.entries(HOSTILE_INPUTS))("%s: exit 1, one line naming the file and the problem, no stack trace", async (name, fragment) => {
    const file = join(folder, "inputs", name);
    const run = await runs.get(name)!;
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: "" });
    expect(run.stderr.endsWith("\n")).toBe(true);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(`"${file}"`);
    expect(run.stderr).toContain(fragment);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$|Error:|exceljs|JSZip/m);
  }, 60_000);

  it("says the same in Dutch", async () => {
    const run = await runCli([join(folder, "inputs", "beveiligd.xlsx")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("deze werkmap is met een wachtwoord beveiligd");
  }, 60_000);
});

describe("sparse giants within Excel's limits", () => {
  it("reads a three-row register beside a value at XFD1048576 in the same small heap", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Register");
    ws.addRows([
      ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"],
      ["Bibliotheek", 5, 5],
      ["Schoolbestuur", 2, 4],
      ["Welzijn Noord", 3, 5],
    ]);
    ws.getCell("XFD1048576").value = "verdwaald";
    const file = join(folder, "ver-weg.xlsx");
    await wb.xlsx.writeFile(file);
    const run = await runCli([file, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.rows.map((r: { partner: string; strategy: string }) => [r.partner, r.strategy])).toEqual([
      ["Bibliotheek", "secure"],
      ["Schoolbestuur", "raise-influence"],
      ["Welzijn Noord", "raise-influence"],
    ]);
  }, 60_000);
});
