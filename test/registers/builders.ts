/**
 * The project's own test registers, built as real .xlsx/.csv files the way people make them:
 * other headers (Dutch and English synonyms), other positions, other scales, and mess.
 * Built at test time (deterministic content) so that what each register contains is readable here.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { putRows, saveWorkbook } from "../support/registers";

export type Cell = ExcelJS.CellValue;

const save = (workbook: ExcelJS.Workbook, dir: string, name: string) => saveWorkbook(workbook, join(dir, name));

/**
 * English register on a sheet "Overview" (plus an empty first sheet), title on row 2, header on
 * row 7, register starting in column D, scores 1–10 without a hint, a goal column and a notes column.
 */
export async function buildEnglishOffset(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Cover").getCell("A1").value = "Partner review 2026";
  const ws = wb.addWorksheet("Overview");
  ws.getCell("D2").value = "Partner overview — Department of Social Affairs";
  ws.getCell("D3").value = "Status: draft";
  putRows(ws, 7, 4, [
    ["Organisation name", "Programme", "Impact score", "Dependence", "Competition desirable", "Grant amount", "Notes"],
    ["Harbour Learning Trust", "Education", 8, 9, "no", "1,250,000.00", ""],
    ["Eastside Food Bank", "Poverty", 3, 8, "Yes", 45000, "only provider in the east"],
    ["Open Streets Collective", "Participation", 7, 2, "y", "12,500", ""],
    ["Skyline Youth Club", "Participation", 2, 3, "N", 9000, ""],
    ["Metro Transit Authority", "Mobility", 4, 10, "false", 0, ""],
  ]);
  return save(wb, dir, "english-offset.xlsx");
}

/** Dutch register as an Excel table with percent-formatted influence and a 0–100 dependency with a hint. */
export async function buildPercentTable(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Subsidies");
  ws.getCell("A1").value = "Subsidies 2026";
  ws.addTable({
    name: "tblSubsidies",
    ref: "A3",
    headerRow: true,
    columns: [
      { name: "Ontvanger" },
      { name: "Invloed" },
      { name: "Afhankelijkheid (0-100)" },
      { name: "Concurrentie wenselijk" },
      { name: "Verleend bedrag" },
      { name: "Thema" },
    ],
    rows: [
      ["Stichting Leeskracht", 0.8, 90, "nee", "€ 12.500,-", "Geletterdheid"],
      ["Zorgnetwerk West", 0.3, 75, "ja", "€ 1.250.000,00", "Zorg"],
      ["Buurtbus Vereniging", 0.55, 60, "nee", "€ 8.000", "Mobiliteit"],
      ["Adviesbureau Kompas", 0.2, 10, "ja", 30000, "Participatie"],
    ],
  });
  for (let r = 4; r <= 7; r++) ws.getCell(`B${r}`).numFmt = "0%";
  return save(wb, dir, "percent-table.xlsx");
}

/** Five-level labels (zeer laag … zeer hoog) with other Dutch headers, as CSV with ; and a BOM. */
export function buildLabelsCsv(dir: string): string {
  const lines = [
    "Partij;Mate van invloed;Mate van afhankelijkheid;Alternatief gewenst;Subsidiebedrag;Beleidsdoel",
    '"Stichting ""De Brug""";zeer hoog;hoog;nee;€ 100.000;Armoede',
    "Sportfederatie Zuid;Laag;Zeer Laag;ja;€ 5.000;Sport",
    "Woonstichting Oost;gemiddeld;zeer hoog;ja;€ 0;Wonen",
    "Taalcafé Centrum;zeer laag;gemiddeld;nee;€ 2.500;Taal",
  ];
  const path = join(dir, "labels-five.csv");
  writeFileSync(path, `\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
  return path;
}

/**
 * A messy register as people keep them: merged title, blank rows above, header on row 4, a hidden
 * mapped column, a blank row inside the partners, names that begin with = + - @, an error value,
 * a date in a score column, an unknown score, a score outside the header's scale, the same partner
 * twice, a totals row, and a footnote.
 */
export async function buildMessy(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Register");
  ws.getCell("A1").value = "Partnerregister Wijkzaken — NIET VERSPREIDEN";
  ws.mergeCells("A1:G1");
  putRows(ws, 4, 1, [
    ["Organisatie", "Type organisatie", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Subsidie", "Interne code"],
    ["Stichting Buurtkracht", "Stichting", 4, 4, "ja", 100000, "W-1"], // row 5
    ["=Samen Sterk", "Vereniging", 2, 4, "nee", 20000, "W-2"], // row 6: name that looks like a formula
    ["+Plus Welzijn", "Stichting", "4,5", "1,5", "", 30000, "W-3"], // row 7
    [null, null, null, null, null, null, null], // row 8: blank row inside
    ["-Min Zorg", "Zorg", 1, 2, "j", 4000, "W-4"], // row 9
    ["@Home Wonen", "Corporatie", { error: "#REF!" }, 3, "nee", 0, "W-5"], // row 10: error value
    ["Datum BV", "Bedrijf", 3, new Date(Date.UTC(2026, 2, 1)), "nee", 5000, "W-6"], // row 11: a date as dependency
    ["Onbekend Collectief", "Collectief", "onbekend", 2, "nee", 1000, "W-7"], // row 12
    ["Te Hoog Stichting", "Stichting", 7, 2, "nee", 1000, "W-8"], // row 13: outside 1-5
    ["Stichting Buurtkracht", "Stichting", 2, 2, "nee", 50000, "W-9"], // row 14: same partner again
    [null, null, 3, 3, null, null, null], // row 15: scores without a partner
    ["Totaal", null, null, null, null, { formula: "SUM(F5:F15)", result: 211000 }, null], // row 16
    [null, null, null, null, null, null, null],
    ["* Scores door het wijkteam, schaal 1-5.", null, null, null, null, null, null], // row 18
  ]);
  ws.getCell("D11").numFmt = "dd-mm-yyyy";
  ws.getColumn(6).hidden = true;
  return save(wb, dir, "messy.xlsx");
}

/** Target columns and a user-typed totals row; headers in English with hints "1–10". */
export async function buildTargets(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Targets");
  putRows(ws, 1, 1, [
    ["Partner", "Influence 1–10", "Dependency 1–10", "Alternatives desirable", "Target influence", "Target dependency", "Amount"],
    ["River School Board", 3, 9, "no", 8, null, 500000],
    ["City Welfare", 4, 9, "yes", null, null, 800000],
    ["Green Contractor", 6, 2, "yes", null, null, 20000],
  ]);
  return save(wb, dir, "targets.xlsx");
}

/** A register that lacks a dependency column: the user must be told which column is missing. */
export async function buildMissingDependency(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Blad1");
  putRows(ws, 2, 1, [
    ["Partner", "Invloed", "Subsidie"],
    ["Stichting A", 3, 1000],
  ]);
  return save(wb, dir, "missing-dependency.xlsx");
}
