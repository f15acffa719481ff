/**
 * analyzeSheet: from a sheet snapshot to partner positions, strategies, skipped rows and summary.
 * The pieces (finding the register, mapping headers, reading values, scales, the line) live in
 * their own modules; this file puts them together and applies the user's settings.
 */
import { repeatedNames } from "./duplicates";
import { t } from "./i18n";
import { locateRegister, locationOf, type LocatedRegister } from "./locate";
import { preferYearsWithContent } from "./current-year";
import { knownScale, scaleFromValues } from "./scales";
import { unusableScaleHint } from "./headers";
import { defaultAmbitionLine, defaultHighDependencyAbove } from "./line";
import { columnLetter } from "./text";
import { partnerRows } from "./partners";
import { MAX_SUMMED_AMOUNT, rowAnalyser, type Scales } from "./row-analysis";
import { rowsWithInputReader, mixedKinds, usable, type RowsWithInput } from "./rows-with-input";
import {
  CONCEPT_KEYS,
  RegisterError,
  type Analysis,
  type AnalysisSettings,
  type AnalysisWarning,
  type ColumnMapping,
  type ConceptKey,
  type HeaderCellInfo,
  type PartnerColumns,
  type PartnerResult,
  type Scale,
  type SheetSnapshot,
} from "./types";

export { columnLetter, columnIndex, cellAddress } from "./text";
export { emptySummary, MAX_SUMMED_AMOUNT } from "./row-analysis";

/** Analyse the register on `snapshot`. Throws RegisterError when it cannot be analysed at all. */
export function analyzeSheet(snapshot: SheetSnapshot, settings: AnalysisSettings = {}): Analysis {
  validateSettings(snapshot, settings);
  const located = locateRegister(snapshot, settings);
  const yearWarnings = preferYearsWithContent(snapshot, located, settings);
  const mapping = toColumnMapping(located, settings);
  const { start, end } = located;
  const noData = () => noDataError(snapshot.sheetName, start.headerRow + 1);
  const scalesOf = (influenceScale: Scale, dependencyScale: Scale): Scales => ({
    influenceScale,
    dependencyScale,
    line: settings.line ?? defaultAmbitionLine(influenceScale),
    highDependencyAbove: settings.highDependencyAbove ?? defaultHighDependencyAbove(dependencyScale),
  });
  // A block of rows at a time: the end of the register is scanned for, the rows with something in
  // them are read, and (when the scales are known) analysed, each step finding the cells the one
  // before read still in the CPU cache. Registers reach 100,000 rows.
  const mostRows = Math.max(0, end.lastPossibleRow - start.firstDataRow + 1);
  const forEachBlock = (read: (first: number, last: number) => void) => {
    for (let first = start.firstDataRow; !(end.done && first > end.lastDataRow); first += BLOCK_ROWS) {
      const last = first + BLOCK_ROWS - 1;
      end.scanThrough(last);
      read(first, Math.min(last, end.lastDataRow));
    }
  };
  // A scale the user set or the header names ("Invloed (1-5)") wins; else it is guessed from all the scores.
  const knownInfluence = knownScale(mapping.influence!.header, settings.influenceScale);
  const knownDependency = knownScale(mapping.dependency!.header, settings.dependencyScale);
  let scales: Scales;
  let analyser: ReturnType<typeof rowAnalyser>;
  let withInput: RowsWithInput;
  if (knownInfluence && knownDependency) {
    // The rows with input are kept for one block only.
    const reader = rowsWithInputReader(snapshot, mapping, start, Math.min(BLOCK_ROWS, mostRows));
    withInput = reader.withInput;
    scales = scalesOf(knownInfluence, knownDependency);
    analyser = rowAnalyser(snapshot, mapping, withInput, mostRows, scales);
    let rowsWithInput = 0;
    forEachBlock((first, last) => {
      withInput.count = 0;
      reader.readRows(first, last);
      analyser.analyseRows(0, withInput.count);
      rowsWithInput += withInput.count;
    });
    if (rowsWithInput === 0) throw noData();
  } else {
    const reader = rowsWithInputReader(snapshot, mapping, start, mostRows);
    withInput = reader.withInput;
    forEachBlock(reader.readRows);
    if (withInput.count === 0) throw noData();
    scales = scalesOf(knownInfluence ?? scaleFromValues(usable(withInput, withInput.influence)), knownDependency ?? scaleFromValues(usable(withInput, withInput.dependency)));
    analyser = rowAnalyser(snapshot, mapping, withInput, withInput.count, scales);
    analyser.analyseRows(0, withInput.count);
  }
  const location = locationOf(located);
  const { influenceScale, dependencyScale, line, highDependencyAbove } = scales;
  const { partners, nameHashes, skipped, summary } = analyser.finish();
  const warnings = [
    ...yearWarnings,
    ...collectWarnings(snapshot, mapping, partners, nameHashes, influenceScale, dependencyScale, [mixedKinds(withInput.influenceKinds), mixedKinds(withInput.dependencyKinds)]),
    ...subsidyTooLargeWarnings(partners),
  ];
  let rows: PartnerResult[] | undefined;
  return {
    location,
    mapping,
    influenceScale,
    dependencyScale,
    line,
    highDependencyAbove,
    partners,
    get rows() {
      return (rows ??= partnerRows(partners));
    },
    skipped,
    summary,
    warnings,
  };
}

/** The register has a header but no row with anything to analyse. */
function noDataError(sheet: string, headerRow: number): RegisterError {
  return new RegisterError("no-data", t("en", "error.no-data", { sheet, row: headerRow }), { sheet, row: headerRow });
}

/** Rows scanned, read and analysed together (their cells stay in the CPU cache in between). */
const BLOCK_ROWS = 1024;


/** 1-based rows whose subsidy is too large to be summed. */
function rowsWithUnsummableSubsidy(partners: PartnerColumns): number[] {
  const rows: number[] = [];
  for (let at = 0; at < partners.count; at++) {
    const subsidy = partners.subsidy[at];
    if (subsidy > MAX_SUMMED_AMOUNT || subsidy < -MAX_SUMMED_AMOUNT) rows.push(partners.row[at]);
  }
  return rows;
}

/** The warning naming the rows whose subsidy is left out of the sums, if any. */
function subsidyTooLargeWarnings(partners: PartnerColumns): AnalysisWarning[] {
  const rows = rowsWithUnsummableSubsidy(partners);
  if (rows.length === 0) return [];
  const params = { rows: rows.join(", ") };
  return [{ code: "subsidy-too-large", rows, message: t("en", "warning.subsidy-too-large", params), params }];
}

function toColumnMapping(found: LocatedRegister, settings: AnalysisSettings): ColumnMapping {
  const mapping = {} as ColumnMapping;
  for (const concept of CONCEPT_KEYS) {
    const m = found.mapping[concept];
    const userSet = settings.mapping?.[concept] !== undefined;
    mapping[concept] = m ? { column: m.column, header: m.header, source: userSet ? "user" : "auto" } : null;
  }
  return mapping;
}

function validateSettings(snapshot: SheetSnapshot, settings: AnalysisSettings) {
  const invalid = (detail: string) => new RegisterError("invalid-setting", t("en", "error.invalid-setting", { detail }), { sheet: snapshot.sheetName });
  const used = new Map<number, ConceptKey>();
  for (const [concept, column] of Object.entries(settings.mapping ?? {}) as [ConceptKey, number | null | undefined][]) {
    if (column === null || column === undefined) continue;
    if (!Number.isInteger(column) || column < 0) throw invalid(`column ${column} for ${concept} is not a sheet column`);
    const other = used.get(column);
    if (other) throw invalid(`column ${columnLetter(column)} is chosen for both ${other} and ${concept}`);
    used.set(column, concept);
  }
  for (const concept of ["partner", "influence", "dependency"] as const) {
    if (settings.mapping?.[concept] === null) throw invalid(`the ${concept} column cannot be left out`);
  }
  if (settings.line && !(Number.isFinite(settings.line.atLowestDependency) && Number.isFinite(settings.line.atHighestDependency))) {
    throw invalid("the ambition line needs two numbers");
  }
  if (settings.highDependencyAbove !== undefined && !Number.isFinite(settings.highDependencyAbove)) {
    throw invalid("the high-dependency threshold must be a number");
  }
}

function collectWarnings(
  snapshot: SheetSnapshot,
  mapping: ColumnMapping,
  partners: PartnerColumns,
  nameHashes: Int32Array,
  influenceScale: Scale,
  dependencyScale: Scale,
  mixedScales: [boolean, boolean],
): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  for (const group of repeatedNames(partners.partner, nameHashes)) {
    warnings.push(new DuplicateWarning(partners.partner[group[0]], group.map((i) => partners.row[i])));
  }
  const hidden = new Set(snapshot.hiddenColumns);
  for (const concept of CONCEPT_KEYS) {
    const m = mapping[concept];
    if (m && hidden.has(m.column)) {
      const params = { column: columnLetter(m.column), header: m.header, concept };
      warnings.push({ code: "hidden-column", rows: [], message: t("en", "warning.hidden-column", params), params });
    }
  }
  const scales: [string, Scale][] = [
    ["influence", influenceScale],
    ["dependency", dependencyScale],
  ];
  scales.forEach(([axis, scale], i) => {
    const hint = scale.source === "header" || scale.source === "user" ? null : unusableScaleHint(mapping[axis === "influence" ? "influence" : "dependency"]!.header);
    if (hint !== null) {
      const params = { axis, hint, header: mapping[axis === "influence" ? "influence" : "dependency"]!.header };
      warnings.push({ code: "scale-hint-unusable", rows: [], message: t("en", "warning.scale-hint-unusable", params), params });
    }
    if (scale.source === "values") {
      const params = { axis, min: scale.min, max: scale.max };
      warnings.push({ code: "scale-guessed", rows: [], message: t("en", "warning.scale-guessed", params), params });
    }
    if (mixedScales[i]) {
      warnings.push({ code: "mixed-scale-values", rows: [], message: t("en", "warning.mixed-scale-values", { axis }), params: { axis } });
    }
  });
  return warnings;
}

/**
 * A partner named on several rows. Its texts are written when read (the pane shows the first few of
 * what can be thousands of repeated names), and it is a class for the same reason as SkippedRowRecord.
 */
class DuplicateWarning implements AnalysisWarning {
  readonly code = "duplicate-partner";
  constructor(
    readonly partner: string,
    readonly rows: number[],
  ) {}

  get params(): Record<string, string | number> {
    return { partner: this.partner, rows: this.rows.join(", ") };
  }

  get message(): string {
    return t("en", "warning.duplicate-partner", this.params);
  }

  /** As JSON, an AnalysisWarning with its texts. */
  toJSON(): AnalysisWarning {
    return { code: this.code, rows: this.rows, params: this.params, message: this.message };
  }
}

/** The register's header cells (column index and text), for the task pane's mapping dropdowns. */
export function registerHeaders(snapshot: SheetSnapshot, settings: AnalysisSettings = {}): HeaderCellInfo[] {
  // The header row is all it needs: where the rows end is not looked for.
  const found = locateRegister(snapshot, settings);
  return found.headers.map((h) => ({ column: h.column, letter: columnLetter(h.column), header: h.header }));
}
