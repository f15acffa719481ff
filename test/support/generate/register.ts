/**
 * Deterministic partner registers of any size, as civil servants make them: title rows above the
 * header, Dutch headers in several wordings, scores as numbers, as text with a decimal comma and
 * as labels, amounts like "€ 12.500,-", duplicate partners, names that begin with = + - @, a few
 * rows that cannot be analysed, a totals row and a footnote. Shared by the bench and the tests.
 *
 * Every generated register comes with what a careful reader of the sheet would expect (which rows
 * are partners, which must be skipped and why, the scores and amounts as numbers), written down
 * while generating: the expectations never come from the code under test.
 */
import type { CellRect, CellValue, SheetSnapshot, SkipReason, TableSnapshot } from "../../../src/core/types";
import { Prng } from "./prng";
import { columnLetter } from "../../../src/core/text";

export type RegisterLayout = "range" | "table";

export interface RegisterSpec {
  /** Partner rows, the defective ones included. */
  partners: number;
  seed: number;
  layout: RegisterLayout;
  sheetName?: string;
  /** Title, date and a blank row above the header (default true). */
  titleRows?: boolean;
  /** 0-based column of the register's first column (default 1: column B). */
  firstColumn?: number;
  /** Share of partner rows that carry a defect and must be skipped (default 0.02, at least one when partners ≥ 10). */
  defectRate?: number;
  /** A "Totaal" row below the partners (range) or the table's totals row (default true). */
  totalsRow?: boolean;
  /** A blank row and a "Bron: …" line below the register (default true; range layout only). */
  footnote?: boolean;
  /** Share of partner rows hidden by a filter-like hide (default 0.01). */
  hiddenRowRate?: number;
}

/** The scores' scale: every generated register uses 1–5 with the hint in its headers. */
export const GENERATED_SCALE = { min: 1, max: 5 } as const;

export interface ExpectedRow {
  /** 1-based sheet row. */
  row: number;
  partner: string;
  /** Null when the row must be analysed; else the reason it must be skipped with. */
  skip: SkipReason | null;
  /** The scores on the 1–5 scale as the user meant them (null when not a usable score). */
  influence: number | null;
  dependency: number | null;
  alternativesDesirable: boolean;
  subsidy: number | null;
}

export type GeneratedColumnKey =
  | "number"
  | "partner"
  | "goal"
  | "influence"
  | "dependency"
  | "alternativesDesirable"
  | "subsidy"
  | "contact"
  | "remarks";

export interface GeneratedRegister {
  spec: Required<RegisterSpec>;
  /** The sheet as the adapter reads it, plus its hidden rows (which the adapter does not read) for the Excel double. */
  snapshot: SheetSnapshot & { hiddenRows: number[] };
  /** One entry per partner row, top to bottom. */
  expected: ExpectedRow[];
  /** 0-based absolute header row. */
  headerRow: number;
  /** 0-based absolute column of every generated column. */
  columns: Record<GeneratedColumnKey, number>;
  headers: Record<GeneratedColumnKey, string>;
  /** 0-based absolute totals row, if any. */
  totalsRow: number | null;
  table: TableSnapshot | null;
}

const HEADER_CHOICES: Record<GeneratedColumnKey, readonly string[]> = {
  number: ["Nr.", "Volgnummer"],
  partner: ["Naam organisatie", "Organisatie", "Partner", "Instelling", "Naam partner"],
  goal: ["Maatschappelijk doel", "Beleidsdoel", "Thema"],
  influence: ["Invloed (1-5)", "Invloed op doel (1–5)", "Mate van invloed (1-5)"],
  dependency: ["Afhankelijkheid (1-5)", "Mate van afhankelijkheid (1–5)"],
  alternativesDesirable: ["Alternatieven wenselijk", "Concurrentie wenselijk", "Alternatief gewenst"],
  subsidy: ["Subsidiebedrag 2026", "Verleend bedrag", "Subsidie"],
  contact: ["Contactpersoon"],
  remarks: ["Opmerkingen", "Toelichting bij score"],
};

const COLUMN_ORDER: readonly GeneratedColumnKey[] = [
  "number",
  "partner",
  "goal",
  "influence",
  "dependency",
  "alternativesDesirable",
  "subsidy",
  "contact",
  "remarks",
];

const ORGANISATION_KINDS = [
  "Stichting", "Vereniging", "Bibliotheek", "Woningcorporatie", "Welzijnsorganisatie", "Schoolbestuur", "Sportvereniging",
  "Buurthuis", "Jeugdzorg", "Thuiszorg", "Coöperatie", "GGD", "Muziekschool", "Voedselbank", "Energiecoöperatie",
];
const ORGANISATION_NAMES = [
  "De Linde", "Het Anker", "Noorderlicht", "Zonnehof", "De Brug", "Samen Sterk", "Oost", "West", "De Vonk", "Kansrijk",
  "Het Baken", "De Horizon", "Groen Dichtbij", "Wijkkracht", "De Schakel", "Lezen & Schrijven", "Ons Dorp", "Ümit",
];
const PLACES = ["Voorbeeldstad", "Dorpsveen", "Oud-Zuid", "'s-Heerenbroek", "Nieuwland", "Hoogkerk", "Ter Aar"];
/** Real registers have names a spreadsheet would take for a formula. */
const FORMULA_LIKE_NAMES = ["=Gelijk Kansen", "+Plus Welzijn", "-Jeugdwerk Zuid", "@Home Thuiszorg", "=SUM(A1:A3) BV"];
const GOALS = ["Gezonde leefomgeving", "Kansengelijkheid", "Participatie", "Duurzame energie", "Taal en geletterdheid"];
const CONTACTS = ["J. de Vries", "A. Jansen", "M. El Amrani", "S. Bakker", "P. van den Berg", "F. Öztürk", "L. Visser"];
const REMARKS = ["", "", "", "", "Meerjarige afspraak loopt af", "Zie verslag overleg", "Score herzien", "Nieuw in 2026"];
const YES_TEXTS = ["ja", "Ja", "j", "x", "yes"];
const NO_TEXTS = ["nee", "Nee", "n", "", ""];
/** 5-level labels and their value on 1–5. */
const LABELS: readonly [string, number][] = [
  ["zeer laag", 1],
  ["laag", 2],
  ["gemiddeld", 3],
  ["hoog", 4],
  ["zeer hoog", 5],
  ["Hoog", 4],
  ["Zeer hoog", 5],
];

type Defect =
  | { kind: "unusable-influence"; text: string }
  | { kind: "unusable-dependency"; text: string }
  | { kind: "missing-influence" }
  | { kind: "missing-dependency" }
  | { kind: "influence-out-of-scale"; value: number }
  | { kind: "dependency-out-of-scale"; value: number }
  | { kind: "missing-partner" }
  | { kind: "error-value"; text: string };

const UNUSABLE_TEXTS = ["n.v.t.", "?", "onbekend", "nvt", "-", "volgt"];
const ERROR_TEXTS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!"];

function pickDefect(prng: Prng): Defect {
  switch (prng.int(0, 7)) {
    case 0:
      return { kind: "unusable-influence", text: prng.pick(UNUSABLE_TEXTS) };
    case 1:
      return { kind: "unusable-dependency", text: prng.pick(UNUSABLE_TEXTS) };
    case 2:
      return { kind: "missing-influence" };
    case 3:
      return { kind: "missing-dependency" };
    case 4:
      return { kind: "influence-out-of-scale", value: prng.pick([0, 6, 7, 10, 55]) };
    case 5:
      return { kind: "dependency-out-of-scale", value: prng.pick([0, 6, 8, 10]) };
    case 6:
      return { kind: "missing-partner" };
    default:
      return { kind: "error-value", text: prng.pick(ERROR_TEXTS) };
  }
}

/** A score cell for `value` (1–5 in halves): a number, "3,5" text or a label for whole values. */
function scoreCell(prng: Prng, value: number): { cell: CellValue; format: string } {
  const roll = prng.next();
  if (roll < 0.7) return { cell: value, format: prng.chance(0.5) ? "General" : "0.0" };
  if (roll < 0.85 || !Number.isInteger(value)) return { cell: String(value).replace(".", ","), format: "@" };
  const labels = LABELS.filter(([, v]) => v === value);
  return { cell: prng.pick(labels)[0], format: "General" };
}

/** "€ 12.500,-", "€ 1.250.000,00" or a number shown with a euro format. */
function amountCell(prng: Prng, amount: number): { cell: CellValue; format: string } {
  const grouped = amount.toLocaleString("en-US").replace(/,/g, ".");
  const roll = prng.next();
  if (roll < 0.35) return { cell: `€ ${grouped},-`, format: "General" };
  if (roll < 0.6) return { cell: `€ ${grouped},00`, format: "General" };
  return { cell: amount, format: '"€" #,##0' };
}

function partnerName(prng: Prng, index: number): string {
  if (prng.chance(0.004)) return prng.pick(FORMULA_LIKE_NAMES);
  const base = `${prng.pick(ORGANISATION_KINDS)} ${prng.pick(ORGANISATION_NAMES)}`;
  return prng.chance(0.5) ? `${base} ${prng.pick(PLACES)}` : `${base} ${index + 1}`;
}

const normalizedSpec = (spec: RegisterSpec): Required<RegisterSpec> => ({
  sheetName: "Partners",
  titleRows: true,
  firstColumn: 1,
  defectRate: 0.02,
  totalsRow: true,
  footnote: true,
  hiddenRowRate: 0.01,
  ...spec,
});

/** A partner register described by `spec`; the same spec always gives the same register. */
export function generateRegister(input: RegisterSpec): GeneratedRegister {
  const spec = normalizedSpec(input);
  if (!Number.isInteger(spec.partners) || spec.partners < 0) throw new RangeError(`partners must be a whole number ≥ 0, got ${spec.partners}`);
  const prng = new Prng(spec.seed);
  const headers = Object.fromEntries(COLUMN_ORDER.map((key) => [key, prng.pick(HEADER_CHOICES[key])])) as Record<GeneratedColumnKey, string>;
  const columns = Object.fromEntries(COLUMN_ORDER.map((key, i) => [key, spec.firstColumn + i])) as Record<GeneratedColumnKey, number>;
  const width = COLUMN_ORDER.length;
  const originColumn = spec.firstColumn;

  const values: CellValue[][] = [];
  const formats: string[][] = [];
  const formulas: (string | null)[][] = [];
  const blankRow = () => {
    values.push(Array<CellValue>(width).fill(""));
    formats.push(Array<string>(width).fill("General"));
    formulas.push(Array<string | null>(width).fill(null));
    return values.length - 1;
  };
  const put = (rowIndex: number, key: GeneratedColumnKey, cell: CellValue, format = "General") => {
    const c = columns[key] - originColumn;
    values[rowIndex][c] = cell;
    formats[rowIndex][c] = format;
  };

  const mergedAreas: CellRect[] = [];
  if (spec.titleRows) {
    const title = blankRow();
    values[title][0] = "Partnerregister gemeente Voorbeeldstad";
    mergedAreas.push({ row: title, column: originColumn, rowCount: 1, columnCount: 5 });
    const date = blankRow();
    values[date][0] = "Peildatum: 1 maart 2026";
    blankRow();
  }
  const headerRow = blankRow();
  for (const key of COLUMN_ORDER) put(headerRow, key, headers[key]);

  const defectCount = spec.partners >= 10 ? Math.max(1, Math.round(spec.partners * spec.defectRate)) : 0;
  const defectRows = new Set<number>();
  while (defectRows.size < defectCount) defectRows.add(prng.int(0, spec.partners - 1));

  const expected: ExpectedRow[] = [];
  const hiddenRows: number[] = [];
  let previousName: string | null = null;
  let subsidyTotal = 0;
  for (let i = 0; i < spec.partners; i++) {
    const r = blankRow();
    const influence = prng.int(2, 10) / 2;
    const dependency = prng.int(2, 10) / 2;
    // The same partner twice in a row: two grants.
    const name: string = previousName !== null && prng.chance(0.01) ? previousName : partnerName(prng, i);
    previousName = name;
    const alternatives = prng.chance(0.3);
    const amount = prng.chance(0.9) ? prng.int(0, 4000) * 500 : null;

    put(r, "number", i + 1);
    put(r, "partner", name);
    put(r, "goal", prng.pick(GOALS));
    const inf = scoreCell(prng, influence);
    put(r, "influence", inf.cell, inf.format);
    const dep = scoreCell(prng, dependency);
    put(r, "dependency", dep.cell, dep.format);
    put(r, "alternativesDesirable", alternatives ? prng.pick(YES_TEXTS) : prng.pick(NO_TEXTS));
    if (amount !== null) {
      const a = amountCell(prng, amount);
      put(r, "subsidy", a.cell, a.format);
      subsidyTotal += amount;
    }
    put(r, "contact", prng.pick(CONTACTS));
    put(r, "remarks", prng.pick(REMARKS));
    if (prng.chance(spec.hiddenRowRate)) hiddenRows.push(r);

    const row: ExpectedRow = {
      row: r + 1,
      partner: name,
      skip: null,
      influence,
      dependency,
      alternativesDesirable: alternatives,
      subsidy: amount,
    };
    if (defectRows.has(i)) {
      const defect = pickDefect(prng);
      row.skip = defect.kind;
      switch (defect.kind) {
        case "unusable-influence":
          put(r, "influence", defect.text);
          row.influence = null;
          break;
        case "unusable-dependency":
          put(r, "dependency", defect.text);
          row.dependency = null;
          break;
        case "missing-influence":
          put(r, "influence", "");
          row.influence = null;
          break;
        case "missing-dependency":
          put(r, "dependency", "");
          row.dependency = null;
          break;
        case "influence-out-of-scale":
          put(r, "influence", defect.value);
          row.influence = null;
          break;
        case "dependency-out-of-scale":
          put(r, "dependency", defect.value);
          row.dependency = null;
          break;
        case "missing-partner":
          put(r, "partner", "");
          row.partner = "";
          break;
        case "error-value":
          put(r, "influence", defect.text);
          row.influence = null;
          break;
      }
    }
    expected.push(row);
  }

  let totalsRow: number | null = null;
  const lastPartnerRow = headerRow + spec.partners;
  if (spec.totalsRow && spec.partners > 0) {
    totalsRow = blankRow();
    put(totalsRow, "partner", "Totaal");
    put(totalsRow, "subsidy", subsidyTotal, '"€" #,##0');
    const letter = columnLetter(columns.subsidy);
    formulas[totalsRow][columns.subsidy - originColumn] = `=SUM(${letter}${headerRow + 2}:${letter}${lastPartnerRow + 1})`;
  }
  let table: TableSnapshot | null = null;
  if (spec.layout === "table") {
    const lastRow = totalsRow ?? lastPartnerRow;
    table = {
      name: "tblPartners",
      rect: { row: headerRow, column: originColumn, rowCount: lastRow - headerRow + 1, columnCount: width },
      showHeaders: true,
      showTotals: totalsRow !== null,
      columnNames: COLUMN_ORDER.map((key) => headers[key]),
    };
  } else if (spec.footnote) {
    blankRow();
    const note = blankRow();
    values[note][0] = "Bron: afdeling Subsidies, scores vastgesteld in het partneroverleg";
  }

  const snapshot: GeneratedRegister["snapshot"] = {
    sheetName: spec.sheetName,
    origin: { row: 0, column: originColumn },
    values,
    numberFormats: formats,
    formulas,
    hiddenColumns: [],
    hiddenRows,
    mergedAreas,
    tables: table ? [table] : [],
    selection: null,
    definedNames: [],
  };
  return { spec, snapshot, expected, headerRow, columns, headers, totalsRow, table };
}

