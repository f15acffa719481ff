/**
 * Registers the plan tests run on: the shared fixtures (when present) and the project's own
 * hand-made registers, each covering a way people write scores.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readCsv, readXlsx } from "../../src/cli/readers";
import { analyzeSheet } from "../../src/core/analyze";
import type { Analysis, CellValue, SheetSnapshot, TableSnapshot } from "../../src/core/types";
import { snapshotFromRows } from "../../src/core/snapshot";
import { SHARED_FIXTURES, withFixture } from "../support/fixtures";

export const FIXTURES_DIR = SHARED_FIXTURES;

export interface NamedRegister {
  name: string;
  snapshot: SheetSnapshot;
}

/** The first sheet of a file the analyser finds a register on (or the one the expected file names). */
export async function fixtureRegisters(): Promise<NamedRegister[]> {
  const folder = withFixture();
  if (folder === null) return [];
  const out: NamedRegister[] = [];
  for (const file of readdirSync(folder).sort()) {
    const path = join(folder, file);
    if (file.endsWith(".csv")) out.push({ name: file, snapshot: await readCsv(path, file.replace(/\.csv$/, "")) });
    else if (file.endsWith(".xlsx")) {
      const sheets = await readXlsx(path);
      const usable = sheets.find((s) => analyses(s));
      if (usable) out.push({ name: file, snapshot: usable });
    }
  }
  return out;
}

function analyses(snapshot: SheetSnapshot): boolean {
  try {
    analyzeSheet(snapshot);
    return true;
  } catch {
    return false;
  }
}

export function sheet(
  sheetName: string,
  origin: { row: number; column: number },
  values: CellValue[][],
  extra: Partial<SheetSnapshot> = {},
): SheetSnapshot {
  const snapshot = snapshotFromRows(sheetName, values, extra, origin);
  return extra.numberFormats ? snapshot : { ...snapshot, numberFormats: snapshot.values.map((r) => r.map(() => "General")) };
}

/** The project's own registers: text scores with a decimal comma, labels, percentages, targets, tables, names starting with "=". */
export function ownRegisters(): NamedRegister[] {
  const mixed = sheet("Register 2026", { row: 0, column: 0 }, [
    ["Subsidieregister", "", "", "", "", "", ""],
    ["", "", "", "", "", "", ""],
    ["Naam partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatief gewenst", "Bedrag", "Beoogde invloed", "Notitie"],
    ["=Stichting Plus", "3,5", "4,5", "Ja", "€ 1.250.000,00", "", "let op"],
    ["+Muziekschool", "2", "1,5", "JA", "€ 85.000,00", "4", ""],
    ["Buurthuis", "n.v.t.", "2", "nee", "€ 12.000,00", "", ""],
    ["GGZ", 4, 5, "Nee", "€ 640.000,00", "", ""],
    ["@Vluchtelingenwerk", "hoog", "4", "", "€ 310.000,00", "9", ""],
    ["Speeltuin", "1", "1", "j", "€ 4.500,-", "", ""],
    ["Theater", "", "3", "ja", "€ 410.000,00", "", ""],
    ["Bibliotheek", 3, 3, "x", "€ 20.000", "", ""],
    ["Totaal", "", "", "", "€ 2.731.500,00", "", ""],
  ]);
  const labels = sheet("Labels", { row: 1, column: 1 }, [
    ["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Subsidie"],
    ["Bibliotheek Noord", "hoog", "hoog", "nee", 300000],
    ["Jongerenwerk", "gemiddeld", "Hoog", "ja", 150000],
    ["Sportbedrijf", "laag", "laag", "ja", 20000],
    ["Wooncorporatie", " hoog ", "gemiddeld", "nee", 0],
    ["Taalhuis", "laag", "gemiddeld", "nee", 35000],
    ["Adviesbureau", "gemiddeld", "laag", "ja", 60000],
    ["Onbekend", "?", "laag", "ja", 1000],
  ]);
  const percentValues: CellValue[][] = [
    ["Organisation", "Influence", "Dependency", "Competition desirable", "Grant", "Remarks"],
    ["North Trust", 0.55, 0.6, "no", 1000, ""],
    ["Library", 0.9, 0.95, "No", 2000, ""],
    ["Youth Club", 0.07, 0.3, "yes", 300, ""],
    ["Transport", 0.4, 0.8, "Yes", 0, ""],
    ["Care Group", 0.25, 0.5, "no", 5000, ""],
    ["Data", 0.75, 1, "TRUE", 50, ""],
  ];
  const percent = sheet("Percent", { row: 0, column: 0 }, percentValues, {
    numberFormats: percentValues.map((r, i) => r.map((_, j) => (i > 0 && (j === 1 || j === 2) ? "0%" : "General"))),
  });
  // Formats that change from row to row (a percentage, a date typed in a score column, plain numbers
  // between them): the formulas come in runs of rows, each reading its cells as Excel shows them.
  const formatValues: CellValue[][] = [
    ["Partner", "Invloed (0-100)", "Afhankelijkheid (1-5)", "Beoogde invloed"],
    ["Bibliotheek", 35, 2, ""],
    ["Jongerenwerk", 0.6, 3, 0.9],
    ["Sportbedrijf", 0.8, 45000, ""],
    ["Taalhuis", 70, 4, 80],
    ["Wooncorporatie", "45%", 5, ""],
    ["Museum", 0.2, 1, ""],
    ["Theater", 55, 2.5, ""],
  ];
  const rowFormats: string[][] = [
    ["General", "General", "General", "General"],
    ["General", "General", "General", "General"],
    ["General", "0%", "General", "0%"],
    ["General", "0%", "d-m-yyyy", "General"],
    ["General", "0", "0.0", "General"],
    ["General", "@", "General", "General"],
    ["General", "0.0%", "General", "General"],
    ["General", "General", "General", "General"],
  ];
  const formats = sheet("Formats", { row: 0, column: 0 }, formatValues, { numberFormats: rowFormats });
  const tableValues: CellValue[][] = [
    ["Partnerregister", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", ""],
    ["Partner", "Impact (1-10)", "Dependency (1-10)", "Alternatives desirable", "Amount", "", "Note beside the table", ""],
    ["A", 8, 9, "no", 100, "", "keep me", ""],
    ["B", 3, 2, "yes", 200, "", "", ""],
    ["C", 5.5, 10, "yes", 300, "", "", ""],
    ["D", 7.75, 10, "no", 400, "", "", ""],
    ["E", 1, 1, "no", 500, "", "", ""],
  ];
  const table: TableSnapshot = {
    name: "Partners",
    rect: { row: 2, column: 0, rowCount: 6, columnCount: 5 },
    showHeaders: true,
    showTotals: false,
    columnNames: ["Partner", "Impact (1-10)", "Dependency (1-10)", "Alternatives desirable", "Amount"],
  };
  const tabled = sheet("Table", { row: 0, column: 0 }, tableValues, { tables: [table] });
  return [
    { name: "own: text scores, labels, targets, totals", snapshot: mixed },
    { name: "own: labels", snapshot: labels },
    { name: "own: percentages", snapshot: percent },
    { name: "own: table with a note beside it", snapshot: tabled },
    { name: "own: number formats that change from row to row", snapshot: formats },
  ];
}

export function analysisOf(register: NamedRegister): Analysis {
  return analyzeSheet(register.snapshot);
}
