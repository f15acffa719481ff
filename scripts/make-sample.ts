/**
 * Generates samples/voorbeeld-register.xlsx: a realistic Dutch municipal partner register that the
 * README's `npm run analyze` works on. Deterministic: the same bytes on every run (fixed document
 * dates and zip entry dates), so the committed file only changes when this script does.
 *
 *   npm run sample            (writes samples/voorbeeld-register.xlsx)
 *   npm run sample -- out.xlsx
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
// jszip comes with exceljs; it is used here only to give every zip entry a fixed date.
import JSZip from "jszip";

const FIXED_DATE = new Date(Date.UTC(2026, 0, 1, 9, 0, 0));

type Row = [name: string, goal: string, kind: string, influence: number | string, dependency: number | string, alternatives: string, subsidy: number, note: string];

/** The partners: several goals, every strategy, one partner twice, one score not yet known. */
export const SAMPLE_PARTNERS: Row[] = [
  ["Stichting Openbaar Onderwijs Lindendaal", "Gelijke kansen voor kinderen", "Schoolbestuur", 2, 4, "nee", 465000, "Onderwijsachterstandenbeleid"],
  ["Bibliotheek Lindendaal", "Gelijke kansen voor kinderen", "Bibliotheek", 5, 5, "nee", 620000, "Taalhuis en leesbevordering"],
  ["Kinderopvang De Speelkamer", "Gelijke kansen voor kinderen", "Kinderopvang", 3, 2, "ja", 135000, "VVE-plaatsen"],
  ["Huiswerkklas Slim BV", "Gelijke kansen voor kinderen", "Bedrijf", 2, 1.5, "ja", 42000, "Opdracht per schooljaar"],
  ["Jeugdgezondheidszorg GGD Midden", "Gelijke kansen voor kinderen", "Publieke gezondheid", 4, 4, "nee", 310000, "Gemeenschappelijke regeling"],
  ["Welzijn Lindendaal", "Participatie", "Welzijnsinstelling", 3, 5, "ja", 2150000, "Enige aanbieder welzijnswerk"],
  ["Vrijwilligerscentrale Lindendaal", "Participatie", "Stichting", "3,5", "3,5", "nee", 165000, ""],
  ["Wijkteam Noord", "Participatie", "Stichting", 4, 4, "ja", 560000, "Aanbesteding 2027 overwogen"],
  ["Re-integratiebedrijf Aan de Slag", "Participatie", "Bedrijf", 3.5, 2, "ja", 215000, "Opdracht"],
  ["Cliëntenraad Sociaal Domein", "Participatie", "Adviesraad", 2, 3, "nee", 12500, ""],
  ["Buurthuis De Wissel", "Participatie", "Stichting", "n.v.t.", 2, "nee", 18000, "Score volgt na evaluatie"],
  ["Sportservice Lindendaal", "Gezonde leefomgeving", "Stichting", 3, 3, "ja", 98000, "Buurtsportcoaches"],
  ["Omgevingsdienst Midden", "Gezonde leefomgeving", "Uitvoeringsorganisatie", 4, 5, "nee", 870000, "Gemeenschappelijke regeling"],
  ["Chemiebedrijf Kanaalzone BV", "Gezonde leefomgeving", "Industrie", 2, 4.5, "nee", 0, "Vergunningverlening"],
  ["Metaalbewerking Oosthaven", "Gezonde leefomgeving", "Industrie", 4.5, 5, "nee", 0, "Ambassadeur schone productie"],
  ["VV Lindendaal", "Gezonde leefomgeving", "Sportvereniging", 1.5, 1.5, "ja", 14000, ""],
  ["Energiecoöperatie Lindendaal", "Duurzame energie", "Coöperatie", 3, 3, "nee", 76000, ""],
  ["Netbeheerder Stroomnet", "Duurzame energie", "Netbeheerder", 5, 5, "nee", 0, "Convenant"],
  ["Woningcorporatie Thuis", "Duurzame energie", "Woningcorporatie", 4, 4.5, "nee", 0, "Prestatieafspraken"],
  ["Regionaal Energieloket", "Duurzame energie", "Stichting", 2, 3.5, "ja", 128000, ""],
  ["Isolatiebedrijf Warm BV", "Duurzame energie", "Bedrijf", 1, 2, "ja", 39500, "Opdracht"],
  ["Welzijn Lindendaal", "Duurzame energie", "Welzijnsinstelling", 2.5, 2, "ja", 45000, "Energiecoaches (tweede subsidie)"],
];

export async function buildSampleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Partnerkaart";
  workbook.lastModifiedBy = "Partnerkaart";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const ws = workbook.addWorksheet("Partners");

  ws.getCell("A1").value = "Partnerregister sociaal domein en fysiek domein — Gemeente Lindendaal";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.mergeCells("A1:I1");
  ws.getCell("A2").value = "Peildatum: 1 januari 2026 · scores ingeschat door het beleidsteam";
  ws.getCell("A2").font = { italic: true };

  const headerRow = 4;
  const headers = [
    "Nr",
    "Naam organisatie",
    "Maatschappelijk doel",
    "Type organisatie",
    "Mate van invloed op doel (1-5)",
    "Afhankelijkheid (1-5)",
    "Alternatieven wenselijk",
    "Subsidie 2026 (€)",
    "Toelichting",
  ];
  ws.addTable({
    name: "Partners",
    displayName: "Partners",
    ref: `A${headerRow}`,
    headerRow: true,
    totalsRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((name, i) =>
      i === 0
        ? { name, totalsRowLabel: "Totaal" }
        : i === 7
          ? { name, totalsRowFunction: "sum" as const, totalsRowResult: SAMPLE_PARTNERS.reduce((s, p) => s + p[6], 0) }
          : { name },
    ),
    rows: SAMPLE_PARTNERS.map((p, i) => [i + 1, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]),
  });
  const lastDataRow = headerRow + SAMPLE_PARTNERS.length;
  for (let r = headerRow + 1; r <= lastDataRow + 1; r++) ws.getCell(`H${r}`).numFmt = '"€" #,##0';
  ws.getCell(`A${lastDataRow + 3}`).value = "* Scores: 1 = zeer laag, 5 = zeer hoog. \"n.v.t.\" = nog niet ingeschat.";
  ws.getCell(`A${lastDataRow + 3}`).font = { italic: true, size: 9 };
  const widths = [5, 38, 30, 24, 16, 14, 14, 16, 34];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  const raw = Buffer.from(await workbook.xlsx.writeBuffer());
  // Re-pack with a fixed date on every entry so that the file is byte-for-byte reproducible.
  const zip = await JSZip.loadAsync(raw);
  const repacked = new JSZip();
  const names = Object.keys(zip.files).sort();
  for (const name of names) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    repacked.file(name, await entry.async("nodebuffer"), { date: FIXED_DATE, createFolders: false });
  }
  return repacked.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
}

async function main() {
  const out = resolve(process.argv[2] ?? resolve(__dirname, "../samples/voorbeeld-register.xlsx"));
  writeFileSync(out, await buildSampleWorkbook());
  process.stdout.write(`${out}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
