/**
 * `--out` never damages a register: what a new user tried (issue 14), each refused with a message
 * that names the cell, sheet or name, and nothing written; or, where it is safe, done.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../support/cli";
import { FIVE_PARTNERS, readWorkbook, writeRegisterXlsx } from "../support/registers";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "pk-own-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const register = (file: string, extra?: (workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void) => writeRegisterXlsx(file, FIVE_PARTNERS, { extra });

test("a re-run over notes typed into the cleared result columns refuses, naming the column's PK_ name, and writes nothing", async () => {
  const first = join(dir, "eerste.xlsx");
  expect((await runCli([await register(join(dir, "in.xlsx")), "--out", first])).code).toBe(0);
  const workbook = await readWorkbook(first);
  const sheet = workbook.getWorksheet("Partners")!;
  let gapColumn = 0;
  sheet.getRow(1).eachCell((cell, column) => {
    if (cell.value === "Afstand tot ambitielijn") gapColumn = column;
  });
  expect(gapColumn).toBeGreaterThan(0);
  for (let row = 2; row <= FIVE_PARTNERS.length; row++) sheet.getCell(row, gapColumn).value = null;
  sheet.getCell(3, gapColumn).value = "bellen in mei";
  const edited = join(dir, "bewerkt.xlsx");
  await workbook.xlsx.writeFile(edited);

  const again = join(dir, "opnieuw.xlsx");
  const result = await runCli([edited, "--out", again]);
  expect(result.code).toBe(1);
  // The gap column no longer proves itself ours, so the plan would need a new one and repoint its name.
  expect(result.stderr).toContain("PK_Col_Gap");
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(again)).toBe(false);
});

test("one stray PK_Col_Gap name pointing at a user's column is refused, naming the name", async () => {
  const input = await register(join(dir, "in.xlsx"), (workbook, sheet) => {
    sheet.getCell("F1").value = "Opmerkingen";
    sheet.getCell("F2").value = "eerst bellen";
    workbook.definedNames.add("'Partners'!$F$1", "PK_Col_Gap");
  });
  const out = join(dir, "uit.xlsx");
  const result = await runCli([input, "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("PK_Col_Gap");
  expect(existsSync(out)).toBe(false);
});

test("a user's own PK_LineAtLowest is not silently repointed: refused as in the add-in", async () => {
  const input = await register(join(dir, "in.xlsx"), (workbook) => {
    workbook.addWorksheet("Eigen").getCell("B1").value = 7;
    workbook.definedNames.add("'Eigen'!$B$1", "PK_LineAtLowest");
  });
  const result = await runCli([input, "--out", join(dir, "uit.xlsx")]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("PK_LineAtLowest");
});

test("an existing user sheet called Partnerkaart is refused, not overwritten", async () => {
  const input = await register(join(dir, "in.xlsx"), (workbook) => {
    const own = workbook.addWorksheet("Partnerkaart");
    for (let r = 1; r <= 20; r++) for (let c = 1; c <= 24; c++) own.getCell(r, c).value = `notitie ${r}-${c}`;
  });
  const out = join(dir, "uit.xlsx");
  const result = await runCli([input, "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('"Partnerkaart"');
  expect(existsSync(out)).toBe(false);
});

test("content right of a plain range that a column insert would leave behind is refused: formulas, merges, links from other sheets", async () => {
  const input = await register(join(dir, "in.xlsx"), (workbook, sheet) => {
    sheet.getCell("F2").value = "notitie";
    sheet.getCell("G2").value = { formula: 'F2&"!"', result: "notitie!" } as ExcelJS.CellFormulaValue;
    sheet.getCell("F6").value = "samengevoegd";
    sheet.mergeCells("F6:G6");
    workbook.addWorksheet("Overzicht").getCell("A1").value = { formula: "Partners!F2", result: "notitie" } as ExcelJS.CellFormulaValue;
  });
  const out = join(dir, "uit.xlsx");
  const result = await runCli([input, "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("Partners!G2");
  expect(result.stderr).toContain("Overzicht!A1");
  expect(result.stderr).toContain("F6:G6");
  expect(existsSync(out)).toBe(false);
});

test("plain values right of a plain range move right with their column, as Excel's insert moves them", async () => {
  const input = await register(join(dir, "in.xlsx"), (_workbook, sheet) => {
    sheet.getCell("F3").value = "notitie";
    sheet.getColumn(6).width = 40;
  });
  const out = join(dir, "uit.xlsx");
  expect((await runCli([input, "--out", out])).code).toBe(0);
  const sheet = (await readWorkbook(out)).getWorksheet("Partners")!;
  let noteColumn = 0;
  sheet.eachRow((row) => row.eachCell((cell, column) => (noteColumn = cell.value === "notitie" ? column : noteColumn)));
  expect(noteColumn).toBeGreaterThan(6);
  expect(sheet.getColumn(noteColumn).width).toBe(40);
});

test("--out never writes over its own input", async () => {
  const input = await register(join(dir, "in.xlsx"));
  const before = readFileSync(input);
  const result = await runCli([input, "--out", input]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("--out");
  expect(readFileSync(input).equals(before)).toBe(true);
});

test("a workbook with macros or charts is refused, naming what would be lost", async () => {
  const input = await register(join(dir, "in.xlsx"));
  const zip = await JSZip.loadAsync(readFileSync(input));
  zip.file("xl/vbaProject.bin", Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  zip.file("xl/charts/chart1.xlsx.xml", "<c:chartSpace/>");
  const xlsm = join(dir, "macro.xlsm");
  writeFileSync(xlsm, await zip.generateAsync({ type: "nodebuffer" }));
  const out = join(dir, "uit.xlsx");
  const result = await runCli([xlsm, "--out", out, "--lang", "en"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("macros");
  expect(result.stderr).toContain("charts");
  expect(existsSync(out)).toBe(false);
});

test("a formula left of the insert that reads a cell right of it is found, whatever its column letters", async () => {
  const input = await register(join(dir, "in.xlsx"), (_workbook, sheet) => {
    sheet.getCell("F2").value = "notitie";
    sheet.getCell("AB2").value = "ver weg";
    sheet.getCell("A9").value = { formula: "LEN(AB2)", result: 7 } as ExcelJS.CellFormulaValue;
  });
  const out = join(dir, "uit.xlsx");
  const result = await runCli([input, "--out", out, "--lang", "en"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("formula Partners!A9");
  expect(existsSync(out)).toBe(false);
});
