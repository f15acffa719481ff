/**
 * Writes a folder of hostile inputs for the headless command: files it must refuse with one clear
 * line (exit 1), without a stack trace and without running out of memory.
 *
 *   npx tsx test/hostile/make-hostile-inputs.ts <folder>
 *
 * Every file is made here from scratch except the three in ./fixtures (see its README).
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, createDeflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";

const FIXTURES = join(__dirname, "fixtures");

/** A small valid register workbook. */
async function registerWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Register");
  ws.addRows([
    ["Partner", "Invloed", "Afhankelijkheid"],
    ["Bibliotheek", 5, 5],
    ["Schoolbestuur", 2, 4],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Deflates `chunk` repeated `times` times, without holding the whole text. */
async function deflateRepeated(chunk: Buffer, times: number): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let crc = 0;
  for (let i = 0; i < times; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(parts), crc, size: chunk.length * times };
}

interface ZipInput {
  name: string;
  /** Stored (method 0) when `deflated` is absent. */
  data: Buffer;
  deflated?: { crc: number; size: number };
}

/** A zip archive written by hand, so an entry can be a deflated stream larger than memory should hold. */
function zipArchive(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const method = entry.deflated ? 8 : 0;
    const crc = entry.deflated ? entry.deflated.crc : crc32(entry.data);
    const size = entry.deflated ? entry.deflated.size : entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The hostile inputs: file name → what the command must say about it (a fragment of the English message). */
export const HOSTILE_INPUTS: Record<string, string> = {
  "leeg.xlsx": "the file is empty",
  "leeg.csv": "the file is empty",
  "tekst-als-xlsx.xlsx": "it is not one (an .xlsx is a zip archive)",
  "zip-zonder-werkmap.xlsx": "the zip archive holds no workbook",
  "afgebroken.xlsx": "damaged or incomplete",
  "ods-als-xlsx.xlsx": "it is an .ods file",
  "opendocument.ods": "it is an .ods file",
  "oud-formaat.xls": "it is an .xls file",
  "xls-als-xlsx.xlsx": "it is an .xls file",
  "beveiligd.xlsx": "password-protected",
  "zip-bom.xlsx": "MB of XML, which takes about",
  "cellen-bom.xlsx": "Delete stray cells far from the register",
  "open-aanhalingsteken.csv": "line 3 opens a quote",
  "te-veel-rijen.csv": "more rows than an Excel sheet holds",
  "te-veel-kolommen.csv": "more columns than an Excel sheet holds",
  "te-groot-voor-het-geheugen.csv": "MB of memory to read, more than the",
  "willekeurige-bytes.csv": "No partner register found",
  "map.csv": "a folder, not a file",
  "register.pdf": "is not an .xlsx or .csv file",
};

export async function makeHostileInputs(folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const write = (name: string, data: Buffer | string) => writeFileSync(join(folder, name), data);
  const register = await registerWorkbook();

  write("leeg.xlsx", "");
  write("leeg.csv", "");
  write("tekst-als-xlsx.xlsx", "Partner;Invloed;Afhankelijkheid\nBibliotheek;5;5\n");
  const notAWorkbook = new JSZip();
  notAWorkbook.file("notities.txt", "geen werkmap");
  write("zip-zonder-werkmap.xlsx", Buffer.from(await notAWorkbook.generateAsync({ type: "uint8array" })));
  write("afgebroken.xlsx", register.subarray(0, Math.floor(register.length / 2)));
  copyFileSync(join(FIXTURES, "opendocument.ods"), join(folder, "ods-als-xlsx.xlsx"));
  copyFileSync(join(FIXTURES, "opendocument.ods"), join(folder, "opendocument.ods"));
  copyFileSync(join(FIXTURES, "oud-formaat.xls"), join(folder, "oud-formaat.xls"));
  copyFileSync(join(FIXTURES, "oud-formaat.xls"), join(folder, "xls-als-xlsx.xlsx"));
  copyFileSync(join(FIXTURES, "beveiligd.xlsx"), join(folder, "beveiligd.xlsx"));

  // A zip bomb: the register's own parts, with a sheet that inflates to 400 MB of empty rows.
  const parts = await JSZip.loadAsync(register);
  const entries: ZipInput[] = [];
  for (const name of Object.keys(parts.files)) {
    if (parts.files[name].dir) continue;
    if (name === "xl/worksheets/sheet1.xml") {
      const bomb = await deflateRepeated(Buffer.from("<row/>".repeat(170_000)), 400);
      entries.push({ name, data: bomb.data, deflated: { crc: bomb.crc, size: bomb.size } });
    } else entries.push({ name, data: Buffer.from(await parts.files[name].async("uint8array")) });
  }
  write("zip-bom.xlsx", zipArchive(entries));

  // A cell bomb: 4,000 values on a diagonal to XFD — small on disk, 65 million cells as a rectangle.
  const diagonal = new ExcelJS.Workbook();
  const sheet = diagonal.addWorksheet("Register");
  sheet.addRows([
    ["Partner", "Invloed", "Afhankelijkheid"],
    ["Bibliotheek", 5, 5],
  ]);
  for (let i = 0; i < 4_000; i++) sheet.getCell(10 + i, 1 + Math.floor((i * 16_383) / 3_999)).value = "x";
  write("cellen-bom.xlsx", Buffer.from(await diagonal.xlsx.writeBuffer()));

  write("open-aanhalingsteken.csv", 'Partner;Invloed;Afhankelijkheid\nBibliotheek;5;5\n"Schoolbestuur;2;4\nWelzijn;3;5\n');
  const rows = ["Partner;Invloed;Afhankelijkheid"];
  for (let i = 1; i <= 1_048_576; i++) rows.push(`P${i};3;3`);
  write("te-veel-rijen.csv", `${rows.join("\n")}\n`);
  // 40 MB of valid register: more than a 384 MB heap reads (CSV_MEMORY_PER_BYTE), so refused before reading.
  write("te-groot-voor-het-geheugen.csv", `${rows.slice(0, 1).join("\n")}\n${"Stichting Samenwerkingspartner;3;3;een opmerking van enige lengte\n".repeat(600_000)}`);
  write("te-veel-kolommen.csv", `Partner;Invloed;Afhankelijkheid${";x".repeat(16_382)}\nBibliotheek;5;5\n`);
  // Deterministic noise (a linear congruential generator), not valid UTF-8.
  const noise = Buffer.alloc(64 * 1024);
  let seed = 42;
  for (let i = 0; i < noise.length; i++) noise[i] = (seed = (seed * 1_103_515_245 + 12_345) >>> 0) >>> 24;
  write("willekeurige-bytes.csv", noise);
  mkdirSync(join(folder, "map.csv"), { recursive: true });
  write("register.pdf", "%PDF-1.4\n");
  return Object.keys(HOSTILE_INPUTS);
}

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    process.stderr.write("Usage: npx tsx test/hostile/make-hostile-inputs.ts <folder>\n");
    process.exitCode = 2;
  } else {
    void makeHostileInputs(folder).then((names) => process.stdout.write(`${names.length} hostile inputs in ${folder}\n`));
  }
}
