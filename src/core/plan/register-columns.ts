/**
 * Placing the register columns: which of Partnerkaart's columns an earlier run left (reused only
 * when their content proves them ours, `ownership.ts`), where new ones go, and how they get there
 * (added to the table, inserted as whole columns, or written into free columns).
 */
import type { Language } from "../host";
import { t } from "../i18n";
import { cellAt } from "../locate";
import { cellHoldsContent, isBlank, isErrorValue } from "../text";
import { STRATEGY_KEYS, type Analysis, type ConceptKey, type SheetSnapshot } from "../types";
import { LANGUAGES, POSITIONS, type RowBand } from "./cells";
import { everyFormulaOf, type FormulaInputs, type UserColumns } from "./column-formulas";
import { columnKeyOfName, columnName, HEADER_KEYS, ourColumnHeaders, REGISTER_COLUMN_KEYS } from "../names";
import { columnIsOurs, type CellContent, type OwnedColumnProof } from "./ownership";
import type { PlannedColumnKey, PlannedRegisterColumn, RegisterColumnsAction } from "./types";

/** The new register columns, left to right. `subsidyAmount` only when amounts are text. */
const REGISTER_COLUMN_ORDER = REGISTER_COLUMN_KEYS;

/** What values mode writes in the text columns, in every language. */
const OUR_LABELS: Partial<Record<PlannedColumnKey, string[]>> = {
  position: LANGUAGES.flatMap((l) => POSITIONS.map((p) => t(l, `position.${p}`))),
  strategy: LANGUAGES.flatMap((l) => STRATEGY_KEYS.map((k) => t(l, `strategy.${k}`))),
};

/**
 * A column that may be ours. `named`: a PK_Col_ name points at its header. Numbers and labels prove
 * a column ours only together with such a name (a user's own "Invloed (score)" column holds numbers
 * too); formulas of our shape prove it on their own.
 */
interface OwnColumnCandidate {
  column: number;
  named: boolean;
}

/**
 * Where a re-run should look for its own columns: the columns its PK_Col_ names point at, and header
 * cells that hold one of our headers. Only hints: a column is reused only when its content proves
 * it ours.
 */
function candidateOwnColumns(snapshot: SheetSnapshot, headerRow: number): Map<PlannedColumnKey, OwnColumnCandidate> {
  const found = new Map<PlannedColumnKey, OwnColumnCandidate>();
  for (const ref of snapshot.definedNames ?? []) {
    const key = columnKeyOfName(ref.name);
    if (key && !found.has(key) && ref.rect.row === headerRow) found.set(key, { column: ref.rect.column, named: true });
  }
  const taken = new Set([...found.values()].map((c) => c.column));
  const headerCells = snapshot.values[headerRow - snapshot.origin.row] ?? [];
  for (const key of REGISTER_COLUMN_ORDER) {
    if (found.has(key)) continue;
    const headers = ourColumnHeaders(key);
    const index = headerCells.findIndex((v, i) => typeof v === "string" && headers.includes(v.trim()) && !taken.has(snapshot.origin.column + i));
    if (index >= 0) {
      found.set(key, { column: snapshot.origin.column + index, named: false });
      taken.add(snapshot.origin.column + index);
    }
  }
  return found;
}

function snapshotCell(snapshot: SheetSnapshot, row: number, column: number): CellContent {
  return { value: cellAt(snapshot, row, column), formula: snapshot.formulas?.[row - snapshot.origin.row]?.[column - snapshot.origin.column] };
}

/** The register's candidates for our columns, and the user's mapped columns (none of which may be ours). */
export interface RegisterColumnsStart {
  candidates: Map<PlannedColumnKey, OwnColumnCandidate>;
  user: UserColumns;
}

/**
 * The user's mapped columns. Mapped register columns are the user's input: a candidate of ours on
 * one of them is dropped, and one that carries our header and name is a mistake to stop at.
 */
export function userColumnsOf(snapshot: SheetSnapshot, analysis: Analysis): RegisterColumnsStart {
  const { location } = analysis;
  const candidates = candidateOwnColumns(snapshot, location.headerRow);
  const userColumn = (concept: ConceptKey): number | null => {
    const column = analysis.mapping[concept]?.column ?? null;
    if (column === null) return null;
    for (const [key, own] of candidates) {
      if (own.column !== column) continue;
      const header = snapshotCell(snapshot, location.headerRow, column).value;
      if (own.named && typeof header === "string" && ourColumnHeaders(key).includes(header.trim())) return null;
      candidates.delete(key);
    }
    return column;
  };
  const partner = userColumn("partner");
  const influence = userColumn("influence");
  const dependency = userColumn("dependency");
  if (partner === null || influence === null || dependency === null) {
    throw new Error(
      `Sheet "${location.sheetName}": the partner, influence or dependency column is one of Partnerkaart's own columns; choose the register's columns.`,
    );
  }
  const user: UserColumns = {
    partner,
    influence,
    dependency,
    alternativesDesirable: userColumn("alternativesDesirable"),
    subsidy: userColumn("subsidy"),
    targetInfluence: userColumn("targetInfluence"),
    targetDependency: userColumn("targetDependency"),
  };
  return { candidates, user };
}

/** Where the register columns go and how. */
export interface RegisterColumnPlacement {
  columns: PlannedRegisterColumn[];
  columnByKey: ReadonlyMap<PlannedColumnKey, number>;
  /** Keys of the columns this run adds (not reused from an earlier run). */
  newKeys: PlannedColumnKey[];
  action: RegisterColumnsAction;
  proofs: OwnedColumnProof[];
}

/** The columns, left to right, when `existing` are reused: new ones go right of the register, the table and any column of ours. */
function layoutColumns(start: { lastColumn: number; tableEnd: number; amountsAreText: boolean; language: Language }, existing: ReadonlyMap<PlannedColumnKey, number>) {
  const keys = REGISTER_COLUMN_ORDER.filter((k) => k !== "subsidyAmount" || start.amountsAreText || existing.has("subsidyAmount"));
  const newKeys = keys.filter((k) => !existing.has(k));
  const first = Math.max(start.lastColumn, start.tableEnd, ...existing.values()) + 1;
  const columns: PlannedRegisterColumn[] = keys.map((key) => ({
    key,
    column: existing.get(key) ?? first + newKeys.indexOf(key),
    header: t(start.language, HEADER_KEYS[key]),
    name: columnName(key),
  }));
  return { keys, newKeys, first, columns, columnByKey: new Map(columns.map((c) => [c.key, c.column])) };
}

/**
 * Place the register columns. Reuse a column of an earlier run only when its content proves it
 * ours; a column that does not changes the formulas of those that refer to it, so prove again until
 * nothing more drops out.
 */
export function placeRegisterColumns(
  snapshot: SheetSnapshot,
  analysis: Analysis,
  start: RegisterColumnsStart,
  inputs: FormulaInputs,
  bands: readonly RowBand[],
  language: Language,
): RegisterColumnPlacement {
  const { location } = analysis;
  const { candidates, user } = start;
  const table = location.tableName ? (snapshot.tables.find((tb) => tb.name === location.tableName) ?? null) : null;
  const tableEnd = table ? table.rect.column + table.rect.columnCount - 1 : -1;
  const subsidy = user.subsidy;
  const amountsAreText = subsidy !== null && bands.some((band) => anyAmountIsText(snapshot, band, subsidy));
  const bounds = { lastColumn: location.lastColumn, tableEnd, amountsAreText, language };

  /** What column `key` may hold and still be ours: every formula this version writes there, or values. */
  const proofOf = (layout: ReturnType<typeof layoutColumns>, key: PlannedColumnKey): OwnedColumnProof => {
    const named = candidates.get(key)?.named ?? false;
    const labels = OUR_LABELS[key] ?? [];
    return {
      key,
      column: layout.columnByKey.get(key)!,
      headers: ourColumnHeaders(key),
      formulasR1C1: everyFormulaOf(inputs, layout.columnByKey, key),
      values: !named ? "none" : labels.length > 0 ? "label" : "number",
      labels,
    };
  };

  const existing = new Map([...candidates].map(([key, c]) => [key, c.column]));
  let layout = layoutColumns(bounds, existing);
  const cellOf = (row: number, column: number) => snapshotCell(snapshot, row, column);
  for (;;) {
    const unproven = [...existing.keys()].filter((key) => !columnIsOurs(proofOf(layout, key), location.headerRow, bands, cellOf));
    if (unproven.length === 0) break;
    for (const key of unproven) existing.delete(key);
    layout = layoutColumns(bounds, existing);
  }
  const { keys, newKeys, first, columns, columnByKey } = layout;
  const sheetName = location.sheetName;
  const free = columnsAreFree(snapshot, first, newKeys.length);
  let action: RegisterColumnsAction;
  if (newKeys.length === 0) {
    action = { kind: "existing-columns", sheetName, columns: keys.map((k) => existing.get(k)!) };
  } else if (table && first === tableEnd + 1) {
    action = {
      kind: "add-table-columns",
      sheetName,
      tableName: table.name,
      firstColumn: first,
      headers: newKeys.map((k) => t(language, HEADER_KEYS[k])),
      ...(free ? {} : { insertColumnsFirst: newKeys.length }),
    };
  } else if (!free) {
    action = { kind: "insert-columns", sheetName, atColumn: first, count: newKeys.length };
  } else {
    action = { kind: "none", sheetName };
  }
  return { columns, columnByKey, newKeys, action, proofs: keys.map((key) => proofOf(layout, key)) };
}

function columnsAreFree(snapshot: SheetSnapshot, first: number, count: number): boolean {
  // Row arrays directly: this looks at every row of the sheet.
  const from = first - snapshot.origin.column;
  for (let r = 0; r < snapshot.values.length; r++) {
    const values = snapshot.values[r];
    const formulas = snapshot.formulas?.[r];
    const to = Math.min(from + count, Math.max(values.length, formulas?.length ?? 0));
    for (let c = Math.max(0, from); c < to; c++) {
      if (cellHoldsContent(values[c], formulas?.[c])) return false;
    }
  }
  return true;
}

/** Whether a subsidy cell in the band holds text (then the amounts need a number column of ours). */
function anyAmountIsText(snapshot: SheetSnapshot, band: RowBand, column: number): boolean {
  for (let r = band.first; r <= band.last; r++) {
    const v = cellAt(snapshot, r, column);
    if (typeof v === "string" && !isBlank(v) && !isErrorValue(v)) return true;
  }
  return false;
}
