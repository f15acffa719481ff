/**
 * Measures the headless command on the largest inputs it reads: time and peak memory (RSS) of one
 * run each, as a child process from an esbuild bundle (as a user runs it, without tsx). For the
 * README's "files it reads" table; not a test (speed is never asserted with timers).
 *
 *   npx tsx test/hostile/measure-large-inputs.ts [csv-rows ...] [--xlsx rows ...]
 *
 * Needs GNU time (/usr/bin/time) for the peak RSS.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import ExcelJS from "exceljs";

const repoRoot = resolve(__dirname, "../..");
const GOALS = ["Gezondheid", "Kansengelijkheid", "Participatie", "Duurzame energie"];

/** A register row like the sample's, about 180 bytes: name, goal, scores, alternatives, amount, contact, note. */
function registerRow(i: number): string[] {
  return [
    `Stichting Samenwerkingspartner ${i}`,
    GOALS[i % GOALS.length],
    String(1 + (i % 5)),
    String(1 + ((i * 3) % 5)),
    i % 3 === 0 ? "ja" : "nee",
    `€ ${(1_000 + (i % 997) * 125).toLocaleString("nl-NL")},00`,
    `contactpersoon${i}@voorbeeld-organisatie.nl`,
    "Jaarlijkse subsidie; evaluatie in het vierde kwartaal",
  ];
}
const HEADER = ["Naam organisatie", "Maatschappelijk doel", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Subsidiebedrag", "Contact", "Opmerking"];

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const quote = (cell: string) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  out.write(`${HEADER.join(";")}\r\n`);
  for (let i = 1; i <= rows; i++) {
    if (!out.write(`${registerRow(i).map(quote).join(";")}\r\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet("Register");
  sheet.addRow(HEADER).commit();
  for (let i = 1; i <= rows; i++) {
    const [name, goal, influence, dependency, alternatives, , contact, note] = registerRow(i);
    sheet.addRow([name, goal, Number(influence), Number(dependency), alternatives, 1_000 + (i % 997) * 125, contact, note]).commit();
  }
  await workbook.commit();
}

function measure(cli: string, args: string[]): { seconds: number; peakMb: number; status: number | null; stderr: string } {
  const run = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, cli, ...args], {
    encoding: "utf8",
    maxBuffer: 2 * 1024 * 1024 * 1024,
    env: { ...process.env, NODE_PATH: join(repoRoot, "node_modules") },
  });
  const lines = run.stderr.trim().split("\n");
  const [seconds, kb] = lines[lines.length - 1].split(" ").map(Number);
  return { seconds, peakMb: Math.round(kb / 1024), status: run.status, stderr: lines.slice(0, -1).join("\n").slice(0, 300) };
}

async function main() {
  const args = process.argv.slice(2);
  const xlsxAt = args.indexOf("--xlsx");
  const csvRows = (xlsxAt < 0 ? args : args.slice(0, xlsxAt)).map(Number);
  const xlsxRows = xlsxAt < 0 ? [] : args.slice(xlsxAt + 1).map(Number);
  const folder = mkdtempSync(join(tmpdir(), "partnerkaart-measure-"));
  const cli = join(folder, "analyze.js");
  buildSync({ entryPoints: [join(repoRoot, "src/cli/analyze.ts")], bundle: true, platform: "node", format: "cjs", target: "node20", packages: "external", outfile: cli, logLevel: "warning" });
  try {
    const cases: [string, number, (file: string, rows: number) => Promise<void>][] = [
      ...csvRows.map((rows) => ["csv", rows, writeCsv] as [string, number, typeof writeCsv]),
      ...xlsxRows.map((rows) => ["xlsx", rows, writeXlsx] as [string, number, typeof writeXlsx]),
    ];
    for (const [kind, rows, write] of cases) {
      const file = join(folder, `register-${rows}.${kind}`);
      await write(file, rows);
      const megabytes = (statSync(file).size / 1e6).toFixed(1);
      for (const output of [["--json"], []]) {
        const result = measure(cli, [file, ...output]);
        const what = output.length ? "json" : "text";
        process.stdout.write(`${kind} ${rows} rows (${megabytes} MB) ${what}: exit ${result.status}, ${result.seconds} s, peak RSS ${result.peakMb} MB${result.stderr ? ` — ${result.stderr}` : ""}\n`);
      }
      rmSync(file);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
