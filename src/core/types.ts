/**
 * The shared vocabulary of Partnerkaart. Pure data: no Office, no React, no DOM.
 *
 * Coordinates: every `row` / `column` index in a snapshot, location or plan is ABSOLUTE and
 * 0-based on the sheet (A1 is row 0, column 0). Rows reported to a user (results, skipped rows,
 * messages) are 1-based sheet rows, as Excel shows them; such fields are named `row` and say so.
 */

// ---------------------------------------------------------------------------------------------
// Input: a snapshot of one worksheet, made by src/excel (Office.js) or src/cli (exceljs / CSV)
// ---------------------------------------------------------------------------------------------

/** A cell as Excel's `range.values` gives it: empty is "", errors are strings like "#REF!". */
export type CellValue = string | number | boolean | null;

export interface CellRect {
  /** 0-based absolute first row / column. */
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export interface TableSnapshot {
  /** The Excel table's (ListObject's) name. */
  name: string;
  /** The whole table range including header and totals rows. */
  rect: CellRect;
  showHeaders: boolean;
  showTotals: boolean;
  /** Header texts, left to right. */
  columnNames: string[];
}

export interface SheetSnapshot {
  sheetName: string;
  /** Where `values[0][0]` sits on the sheet (the used range's top-left). */
  origin: { row: number; column: number };
  /** The used range's values, rows × columns. */
  values: CellValue[][];
  /** Same shape as `values` when known ("General", "0%", "#,##0.00 €" …); null if not read. */
  numberFormats: string[][] | null;
  /**
   * Same shape as `values`; Excel's `range.formulas` as it comes (a formula cell's "=SUM(A1:A3)",
   * a constant cell its value) or null for a constant. Null if not read. See `isFormulaCell`.
   */
  formulas: CellValue[][] | null;
  /**
   * Absolute 0-based indices (for the hidden-column warning). Hidden rows are not read: a partner in
   * a hidden or filtered row is still a partner, and finding them costs Excel 1.8 a probe per row.
   */
  hiddenColumns: number[];
  mergedAreas: CellRect[];
  tables: TableSnapshot[];
  /** The user's selection on this sheet, if known: a hint for which table or range is meant. */
  selection?: CellRect | null;
  /**
   * Workbook names that refer to a single rectangle on this sheet (those the add-in wrote before
   * among them): how a re-run finds its own columns and cells again after a user moved them.
   */
  definedNames?: DefinedNameRef[];
}

export interface DefinedNameRef {
  name: string;
  rect: CellRect;
}

// ---------------------------------------------------------------------------------------------
// Domain
// ---------------------------------------------------------------------------------------------

export type ConceptKey =
  | "partner"
  | "influence"
  | "dependency"
  | "alternativesDesirable"
  | "subsidy"
  | "goal"
  | "targetInfluence"
  | "targetDependency";

export const CONCEPT_KEYS: readonly ConceptKey[] = [
  "partner",
  "influence",
  "dependency",
  "alternativesDesirable",
  "subsidy",
  "goal",
  "targetInfluence",
  "targetDependency",
];

export type StrategyKey = "secure" | "contract" | "raise-influence" | "reduce-dependency" | "strengthen-or-replace";

export const STRATEGY_KEYS: readonly StrategyKey[] = [
  "secure",
  "contract",
  "raise-influence",
  "reduce-dependency",
  "strengthen-or-replace",
];

export type Position = "above" | "below";

/**
 * A score scale. `labels` (lowest first, lower-case) is set for an ordinal label scale; then
 * min = 1 and max = labels.length. `percent` means the cells hold fractions shown as % (0.35 = 35)
 * or numbers 0–100; values are always reported in scale units (35).
 */
export interface Scale {
  min: number;
  max: number;
  kind: "numeric" | "percent" | "labels";
  labels?: string[];
  /** Why this scale was chosen: "header" hint, "labels", "percentFormat", "values", or "user". */
  source: "header" | "labels" | "percentFormat" | "values" | "user";
}

export interface AmbitionLine {
  /** Required influence of a fully replaceable partner (lowest dependency), in influence units. */
  atLowestDependency: number;
  /** Required influence of an irreplaceable partner (highest dependency), in influence units. */
  atHighestDependency: number;
}

/** Where the register is on the sheet. */
export interface RegisterLocation {
  sheetName: string;
  /** Set when the register is an Excel table. */
  tableName: string | null;
  /** 0-based absolute header row. */
  headerRow: number;
  /** 0-based absolute first and last data rows (inclusive); lastDataRow < firstDataRow when empty. */
  firstDataRow: number;
  lastDataRow: number;
  /** 0-based absolute first and last columns of the register (inclusive). */
  firstColumn: number;
  lastColumn: number;
  /** 0-based absolute totals row (Excel table totals or a "Totaal" row), if any. */
  totalsRow: number | null;
}

export interface MappedColumn {
  /** 0-based absolute column. */
  column: number;
  header: string;
  /** "auto" when guessed from the header, "user" when the user chose it. */
  source: "auto" | "user";
}

export type ColumnMapping = Record<ConceptKey, MappedColumn | null>;

/** A row that was not analysed. `reason` is a code; messages are made from it with i18n. */
export interface SkippedRow {
  /** 1-based sheet row. */
  row: number;
  partner: string;
  reason: SkipReason;
  /** Column letter the reason is about ("B"), when one column is at fault. */
  column: string | null;
  /** The offending cell's text, when there is one. */
  value: string | null;
  /** The reason in English words (for the CLI's JSON and logs); the pane localises `reason`. */
  message: string;
}

export type SkipReason =
  | "missing-partner"
  | "missing-influence"
  | "missing-dependency"
  | "unusable-influence"
  | "unusable-dependency"
  | "influence-out-of-scale"
  | "dependency-out-of-scale"
  | "error-value";

export interface PartnerResult {
  /** 1-based sheet row. */
  row: number;
  partner: string;
  goal: string | null;
  influence: number;
  dependency: number;
  requiredInfluence: number;
  gap: number;
  position: Position;
  highDependency: boolean;
  alternativesDesirable: boolean;
  strategy: StrategyKey;
  /** Where the partner should move; equals the current point for `secure` / `contract`. */
  target: { influence: number; dependency: number; source: "recommended" | "register" };
  subsidy: number | null;
}

/**
 * Analysed partners, column by column: entry i of every column is the i-th partner in register
 * order (`count` of them; the typed arrays may be longer). `partnerAt` in core/partners reads one
 * as a PartnerResult.
 */
export interface PartnerColumns {
  count: number;
  /** 1-based sheet rows. */
  row: Int32Array;
  partner: string[];
  goal: (string | null)[];
  influence: Float64Array;
  dependency: Float64Array;
  requiredInfluence: Float64Array;
  gap: Float64Array;
  targetInfluence: Float64Array;
  targetDependency: Float64Array;
  /** NaN where the register has no amount. */
  subsidy: Float64Array;
  /** Index into STRATEGY_KEYS. */
  strategy: Uint8Array;
  /** PARTNER_FLAGS bits: above the line, high dependency, alternatives desirable, target from the register. */
  flags: Uint8Array;
}

export const PARTNER_FLAGS = { above: 1, highDependency: 2, alternativesDesirable: 4, targetFromRegister: 8 } as const;

export interface Tally {
  count: number;
  subsidy: number;
}

export interface Summary {
  byStrategy: Record<StrategyKey, Tally>;
  byPosition: Record<Position, Tally>;
  total: Tally;
}

/** Everything the user can override (the task pane corrects guesses through this). */
export interface AnalysisSettings {
  /** Use this header row (0-based absolute) instead of detecting one. */
  headerRow?: number;
  /** Use this Excel table. */
  tableName?: string;
  /** Per concept: a 0-based absolute column, or null to mean "not present". Absent = detect. */
  mapping?: Partial<Record<ConceptKey, number | null>>;
  influenceScale?: Pick<Scale, "min" | "max"> & Partial<Pick<Scale, "kind" | "labels">>;
  dependencyScale?: Pick<Scale, "min" | "max"> & Partial<Pick<Scale, "kind" | "labels">>;
  line?: AmbitionLine;
  highDependencyAbove?: number;
}

export interface Analysis {
  location: RegisterLocation;
  mapping: ColumnMapping;
  influenceScale: Scale;
  dependencyScale: Scale;
  line: AmbitionLine;
  highDependencyAbove: number;
  /**
   * The analysed partners as columns, in register order: what the plan, the chart and the pane
   * read. One object per partner (numbers boxed one by one) cost more than the analysis itself
   * at 100,000 partners.
   */
  partners: PartnerColumns;
  /** The same partners as one object each, built when first read (the CLI and tests read these). */
  readonly rows: PartnerResult[];
  skipped: SkippedRow[];
  summary: Summary;
  /** Non-fatal observations, e.g. duplicate partner names, hidden mapped columns. */
  warnings: AnalysisWarning[];
}

export interface AnalysisWarning {
  code: "duplicate-partner" | "hidden-column" | "scale-guessed" | "mixed-scale-values" | "scale-hint-unusable" | "subsidy-too-large" | "year-column-empty";
  /** 1-based sheet rows involved, if any. */
  rows: number[];
  message: string;
  /** Placeholders for the localised text `warning.<code>` in src/core/i18n. */
  params?: Record<string, string | number>;
}

/** Fatal problems: the register cannot be analysed at all. */
export class RegisterError extends Error {
  constructor(
    readonly code: "no-register" | "missing-column" | "no-data" | "invalid-setting",
    message: string,
    readonly details: { sheet?: string; concept?: ConceptKey; row?: number; column?: string } = {},
  ) {
    super(message);
    this.name = "RegisterError";
  }
}

/** One header cell of the register, for mapping dropdowns: 0-based absolute column, its letter, its text. */
export interface HeaderCellInfo {
  column: number;
  letter: string;
  header: string;
}
