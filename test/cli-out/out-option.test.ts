/** `--out` without LibreOffice: what the file holds, and what the command refuses. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SAMPLE_REGISTER } from "../../src/cli/analyze";
import { runCli } from "../support/cli";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "pk-out-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("--out writes a copy with prefixed formulas, PK_ names and the parameter sheet; the input file is untouched", async () => {
  const before = readFileSync(SAMPLE_REGISTER);
  const out = join(dir, "resultaat.xlsx");
  const result = await runCli([SAMPLE_REGISTER, "--out", out]);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(readFileSync(SAMPLE_REGISTER).equals(before)).toBe(true);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  expect(workbook.getWorksheet("Partnerkaart")).toBeDefined();
  const names = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model.map((n) => n.name);
  expect(names).toEqual(expect.arrayContaining(["PK_LineAtLowest", "PK_LineAtHighest", "PK_InfMin", "PK_DepMax", "PK_Label_secure", "PK_Col_Gap", "PK_Col_Strategy"]));
  const formulas: string[] = [];
  workbook.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string } | null;
        if (v && typeof v === "object" && typeof v.formula === "string") formulas.push(v.formula);
      }),
    ),
  );
  const numberValue = formulas.filter((f) => f.includes("NUMBERVALUE("));
  expect(numberValue.length).toBeGreaterThan(0);
  expect(numberValue.every((f) => !/(?<!_xlfn\.)NUMBERVALUE\(/.test(f))).toBe(true);
});

test("--out refuses a file that is not .xlsx, naming the option", async () => {
  const result = await runCli([SAMPLE_REGISTER, "--out", join(dir, "resultaat.csv")]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("--out");
  expect(result.stderr).toContain(".xlsx");
});
