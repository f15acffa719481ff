/**
 * analyzeSheet: from a sheet snapshot to partner positions, strategies, skipped rows and summary.
 * The pieces (finding the register, mapping headers, reading values, scales, the line) live in
 * their own modules; this file puts them together and applies the user's settings.
 */
import { nameHash, repeatedNames } from "./duplicates";
import { t } from "./i18n";
import { cellAt, cellIn, formatAt, locateRegister, locationOf, type LocatedRegister } from "./locate";
import { knownScale, onScale, scaleFromValues, scoreOnScale } from "./scales";
import { unusableScaleHint } from "./headers";
import {
  chooseStrategy,
  defaultAmbitionLine,
  defaultHighDependencyAbove,
  isHighDependency,
  positionOf,
  recommendedDependency,
  recommendedInfluence,
  requiredInfluence,
} from "./strategy";
import { columnLetter, displayText, isBlank, isErrorValue, isFormulaCell } from "./text";
import { newPartnerColumns, partnerRows, strategyIndex } from "./partners";
import { memoizeTexts, parseAmount, parseScore, parseYesNo, type ParsedScore } from "./values";
import {
  CONCEPT_KEYS,
  PARTNER_FLAGS,
  RegisterError,
  STRATEGY_KEYS,
  type AmbitionLine,
  type Analysis,
  type AnalysisSettings,
  type AnalysisWarning,
  type CellValue,
  type ColumnMapping,
  type ConceptKey,
  type HeaderCellInfo,
  type PartnerColumns,
  type PartnerResult,
  type Scale,
  type SheetSnapshot,
  type SkippedRow,
  type SkipReason,
  type Summary,
  type Tally,
} from "./types";

export { columnLetter, columnIndex, cellAddress } from "./text";

/** Analyse the register on `snapshot`. Throws RegisterError when it cannot be analysed at all. */
export function analyzeSheet(snapshot: SheetSnapshot, settings: AnalysisSettings = {}): Analysis {
  validateSettings(snapshot, settings);
  const located = locateRegister(snapshot, settings);
  const mapping = toColumnMapping(located, settings);
  const { start, end } = located;
  const noData = () =>
    new RegisterError("no-data", t("en", "error.no-data", { sheet: snapshot.sheetName, row: start.headerRow + 1 }), {
      sheet: snapshot.sheetName,
      row: start.headerRow + 1,
    });
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
  let entered: EnteredRows;
  if (knownInfluence && knownDependency) {
    // The entered rows are kept for one block only.
    const reader = enteredRowReader(snapshot, mapping, start, Math.min(BLOCK_ROWS, mostRows));
    entered = reader.entered;
    scales = scalesOf(knownInfluence, knownDependency);
    analyser = rowAnalyser(snapshot, mapping, entered, mostRows, scales);
    let enteredRows = 0;
    forEachBlock((first, last) => {
      entered.count = 0;
      reader.readRows(first, last);
      analyser.analyseRows(0, entered.count);
      enteredRows += entered.count;
    });
    if (enteredRows === 0) throw noData();
  } else {
    const reader = enteredRowReader(snapshot, mapping, start, mostRows);
    entered = reader.entered;
    forEachBlock(reader.readRows);
    if (entered.count === 0) throw noData();
    scales = scalesOf(knownInfluence ?? scaleFromValues(usable(entered, entered.influence)), knownDependency ?? scaleFromValues(usable(entered, entered.dependency)));
    analyser = rowAnalyser(snapshot, mapping, entered, entered.count, scales);
    analyser.analyseRows(0, entered.count);
  }
  const location = locationOf(located);
  const { influenceScale, dependencyScale, line, highDependencyAbove } = scales;
  const { partners, nameHashes, skipped, summary } = analyser.finish();
  const warnings = collectWarnings(snapshot, mapping, partners, nameHashes, influenceScale, dependencyScale, [mixedKinds(entered.influenceKinds), mixedKinds(entered.dependencyKinds)]);
  const unsummable = rowsWithUnsummableSubsidy(partners);
  if (unsummable.length > 0) {
    const params = { rows: unsummable.join(", ") };
    warnings.push({ code: "subsidy-too-large", rows: unsummable, message: t("en", "warning.subsidy-too-large", params), params });
  }
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

/** Rows scanned, read and analysed together (their cells stay in the CPU cache in between). */
const BLOCK_ROWS = 1024;

/** The register rows with something typed in them, and their scores as read (not yet on a scale). */
interface EnteredRows {
  count: number;
  /** 0-based sheet rows. */
  row: Int32Array;
  cells: CellValue[][];
  hasPartner: Uint8Array;
  influence: ParsedScore[];
  dependency: ParsedScore[];
  /** SCORE_NUMBER | SCORE_LABEL bits: which kinds each score column holds. */
  influenceKinds: number;
  dependencyKinds: number;
}

const SCORE_NUMBER = 1;
const SCORE_LABEL = 2;
function kindBit(score: ParsedScore): number {
  return score.kind === "number" ? SCORE_NUMBER : score.kind === "label" ? SCORE_LABEL : 0;
}
/** Numbers and labels in one score column earn a warning. */
function mixedKinds(kinds: number): boolean {
  return kinds === (SCORE_NUMBER | SCORE_LABEL);
}

/**
 * Every row with something typed in it is analysed or skipped; a blank row is not a partner. Cells
 * that only show a formula's result (a row number, our own output columns) do not make a row a partner.
 */
function enteredRowReader(
  snapshot: SheetSnapshot,
  mapping: ColumnMapping,
  start: LocatedRegister["start"],
  capacity: number,
): { entered: EnteredRows; readRows(first: number, last: number): void } {
  const { origin } = snapshot;
  const offsetOf = (concept: ConceptKey) => mapping[concept]!.column - origin.column;
  const partnerOffset = offsetOf("partner");
  const influenceOffset = offsetOf("influence");
  const dependencyOffset = offsetOf("dependency");
  const mappedOffsets = CONCEPT_KEYS.filter((concept) => mapping[concept]).map(offsetOf);
  const formats = snapshot.numberFormats;
  // Per analysis, so a cache never outlives the sheet it was filled from.
  const influenceText = memoizeTexts((text) => parseScore(text));
  const dependencyText = memoizeTexts((text) => parseScore(text));
  // Sized up front (for a block, or every register row) and filled front to back: growing by push would copy them.
  const entered: EnteredRows = {
    count: 0,
    row: new Int32Array(capacity),
    cells: new Array<CellValue[]>(capacity),
    hasPartner: new Uint8Array(capacity),
    influence: new Array<ParsedScore>(capacity),
    dependency: new Array<ParsedScore>(capacity),
    influenceKinds: 0,
    dependencyKinds: 0,
  };
  const readRows = (first: number, last: number) => {
    for (let r = first; r <= last; r++) {
      const cells = snapshot.values[r - origin.row];
      if (!cells) continue;
      const hasPartner = !isBlank(cells[partnerOffset]);
      if (!hasPartner && !holdsInput(snapshot, start, mappedOffsets, cells, r)) continue;
      const influenceValue = cells[influenceOffset];
      const dependencyValue = cells[dependencyOffset];
      // Text is parsed once per distinct text; a number needs its format (a percentage, a date).
      const formatRow = formats && (typeof influenceValue !== "string" || typeof dependencyValue !== "string") ? formats[r - origin.row] : undefined;
      const influence = typeof influenceValue === "string" ? influenceText(influenceValue) : parseScore(influenceValue, formatRow?.[influenceOffset] ?? null);
      const dependency = typeof dependencyValue === "string" ? dependencyText(dependencyValue) : parseScore(dependencyValue, formatRow?.[dependencyOffset] ?? null);
      entered.influenceKinds |= kindBit(influence);
      entered.dependencyKinds |= kindBit(dependency);
      const at = entered.count++;
      entered.row[at] = r;
      entered.cells[at] = cells;
      entered.hasPartner[at] = hasPartner ? 1 : 0;
      entered.influence[at] = influence;
      entered.dependency[at] = dependency;
    }
  };
  return { entered, readRows };
}

/** Whether a row without a partner name holds input: a mapped cell, or any typed (not computed) cell of the register. */
function holdsInput(snapshot: SheetSnapshot, start: LocatedRegister["start"], mappedOffsets: number[], cells: CellValue[], r: number): boolean {
  const { origin } = snapshot;
  for (const offset of mappedOffsets) if (!isBlank(cells[offset])) return true;
  const formulas = snapshot.formulas?.[r - origin.row];
  for (let c = start.firstColumn - origin.column; c <= start.lastColumn - origin.column; c++) {
    if (!isBlank(cells[c]) && !isFormulaCell(formulas?.[c], cells[c])) return true;
  }
  return false;
}

interface Scales {
  influenceScale: Scale;
  dependencyScale: Scale;
  line: AmbitionLine;
  highDependencyAbove: number;
}

interface AnalysedRows {
  partners: PartnerColumns;
  nameHashes: Int32Array;
  skipped: SkippedRow[];
  summary: Summary;
}

/**
 * Analyses the entered rows on the scales, a range of them at a time: results go straight into
 * partner columns (no object per partner) and the summary; a row that cannot be analysed joins
 * `skipped` with its reason.
 */
function rowAnalyser(
  snapshot: SheetSnapshot,
  mapping: ColumnMapping,
  entered: EnteredRows,
  capacity: number,
  scales: Scales,
): { analyseRows(from: number, to: number): void; finish(): AnalysedRows } {
  const { origin } = snapshot;
  const offsetOf = (concept: ConceptKey) => (mapping[concept] ? mapping[concept].column - origin.column : -1);
  const partnerOffset = offsetOf("partner");
  const altOffset = offsetOf("alternativesDesirable");
  const goalOffset = offsetOf("goal");
  const subsidyOffset = offsetOf("subsidy");
  const targetInfluenceCol = mapping.targetInfluence?.column ?? null;
  const targetDependencyCol = mapping.targetDependency?.column ?? null;
  const partners = newPartnerColumns(capacity);
  const nameHashes = new Int32Array(capacity);
  const skipped: SkippedRow[] = [];
  const summary = emptySummary();
  const { influenceScale, dependencyScale } = scales;
  // Per analysis, so a cache never outlives the sheet it was filled from.
  const yesNo = memoizeTexts(parseYesNo);
  const amount = memoizeTexts(parseAmount);
  const registerTarget = (r: number, c: number | null, scale: Scale): number | null => {
    if (c === null) return null;
    const value = scoreOnScale(parseScore(cellAt(snapshot, r, c), formatAt(snapshot, r, c)), scale);
    return value !== null && onScale(value, scale) ? value : null;
  };
  const analyseRows = (from: number, to: number) => {
    const first = partners.count;
    // The cells first; the framework's arithmetic then runs over the new partners' number columns
    // in a loop of its own, small enough for the compiler to inline it without boxing a number.
    for (let i = from; i < to; i++) {
      const r = entered.row[i];
      const cells = entered.cells[i];
      const partnerValue = cellIn(cells, partnerOffset);
      const influence = readAxis(entered.influence[i], influenceScale);
      const dependency = readAxis(entered.dependency[i], dependencyScale);
      const hasPartner = entered.hasPartner[i] === 1;
      if (typeof influence === "string" || typeof dependency === "string" || !hasPartner || isErrorValue(partnerValue)) {
        skipped.push(skippedRow(mapping, r, partnerValue, hasPartner, influence, dependency, entered, i, scales));
        continue;
      }
      const alternativesDesirable = altOffset >= 0 && yesNo(cellIn(cells, altOffset)) === "yes";
      const targetInfluence = registerTarget(r, targetInfluenceCol, influenceScale);
      const targetDependency = registerTarget(r, targetDependencyCol, dependencyScale);
      const goalValue = goalOffset < 0 ? "" : cellIn(cells, goalOffset);
      const subsidy = subsidyOffset < 0 ? null : amount(cellIn(cells, subsidyOffset));
      const at = partners.count++;
      partners.row[at] = r + 1;
      const partner = displayText(partnerValue);
      partners.partner[at] = partner;
      nameHashes[at] = nameHash(partner);
      partners.goal[at] = isBlank(goalValue) ? null : displayText(goalValue);
      partners.influence[at] = influence;
      partners.dependency[at] = dependency;
      // NaN: no target in the register, the framework recommends one.
      partners.targetInfluence[at] = targetInfluence ?? NaN;
      partners.targetDependency[at] = targetDependency ?? NaN;
      partners.subsidy[at] = subsidy ?? NaN;
      partners.flags[at] = (alternativesDesirable ? PARTNER_FLAGS.alternativesDesirable : 0) | (targetInfluence !== null || targetDependency !== null ? PARTNER_FLAGS.targetFromRegister : 0);
    }
    placeOnLine(partners, first, partners.count, scales, summary);
  };
  const finish = (): AnalysedRows => {
    partners.partner.length = partners.goal.length = partners.count;
    return { partners, nameHashes, skipped, summary };
  };
  return { analyseRows, finish };
}

/** Strategy codes by case: above the line (1), high dependency (2), alternatives desirable (4). */
const STRATEGY_BY_CASE: Uint8Array = Uint8Array.from({ length: 8 }, (_, bits) =>
  strategyIndex(chooseStrategy(bits & 1 ? "above" : "below", (bits & 2) !== 0, (bits & 4) !== 0)),
);

/**
 * The framework applied to partners first…end, whose scores, subsidy, register targets (NaN for
 * none) and alternatives flag are in place: required influence, gap, position, strategy, the
 * recommended target where the register names none, and the summary's tallies.
 */
function placeOnLine(partners: PartnerColumns, first: number, end: number, { influenceScale, dependencyScale, line, highDependencyAbove }: Scales, summary: Summary): void {
  const tallies = STRATEGY_KEYS.map((k) => summary.byStrategy[k]);
  const { above: aboveTally, below: belowTally } = summary.byPosition;
  for (let at = first; at < end; at++) {
    const influence = partners.influence[at];
    const dependency = partners.dependency[at];
    const required = requiredInfluence(dependency, dependencyScale, line);
    const gap = influence - required;
    const above = positionOf(gap, influenceScale) === "above";
    const highDependency = isHighDependency(dependency, highDependencyAbove);
    const flags = partners.flags[at] | (above ? PARTNER_FLAGS.above : 0) | (highDependency ? PARTNER_FLAGS.highDependency : 0);
    const strategyCode = STRATEGY_BY_CASE[flags & (PARTNER_FLAGS.above | PARTNER_FLAGS.highDependency | PARTNER_FLAGS.alternativesDesirable)];
    const strategy = STRATEGY_KEYS[strategyCode];
    partners.requiredInfluence[at] = required;
    partners.gap[at] = gap;
    if (Number.isNaN(partners.targetInfluence[at])) partners.targetInfluence[at] = recommendedInfluence(strategy, influence, dependency, dependencyScale, line);
    if (Number.isNaN(partners.targetDependency[at])) partners.targetDependency[at] = recommendedDependency(strategy, influence, dependency, dependencyScale, line, highDependencyAbove);
    partners.strategy[at] = strategyCode;
    partners.flags[at] = flags;
    const subsidy = partners.subsidy[at];
    // Blank (NaN) and too-large amounts add nothing: sums stay finite (see MAX_SUMMED_AMOUNT).
    const money = subsidy <= MAX_SUMMED_AMOUNT && subsidy >= -MAX_SUMMED_AMOUNT ? subsidy : 0;
    count(tallies[strategyCode], money);
    count(above ? aboveTally : belowTally, money);
    count(summary.total, money);
  }
}

/**
 * The largest subsidy added to the summary: beyond it a double no longer holds every whole euro,
 * and a million such amounts still add up to a finite number (1e308 + 1e308 is Infinity).
 */
export const MAX_SUMMED_AMOUNT = Number.MAX_SAFE_INTEGER;

/** 1-based rows whose subsidy is too large to be summed. */
function rowsWithUnsummableSubsidy(partners: PartnerColumns): number[] {
  const rows: number[] = [];
  for (let at = 0; at < partners.count; at++) {
    const subsidy = partners.subsidy[at];
    if (subsidy > MAX_SUMMED_AMOUNT || subsidy < -MAX_SUMMED_AMOUNT) rows.push(partners.row[at]);
  }
  return rows;
}

/** Why a row is skipped, checked in the order a user fixes a row: its name, then influence, then dependency. */
function skippedRow(
  mapping: ColumnMapping,
  r: number,
  partnerValue: CellValue,
  hasPartner: boolean,
  influence: number | AxisProblem,
  dependency: number | AxisProblem,
  entered: EnteredRows,
  i: number,
  scales: Scales,
): SkippedRow {
  const partner = displayText(partnerValue);
  const letter = (concept: ConceptKey) => columnLetter(mapping[concept]!.column);
  if (isErrorValue(partnerValue)) return new SkippedRowRecord(r + 1, partner, "error-value", letter("partner"), partner);
  if (!hasPartner) return new SkippedRowRecord(r + 1, partner, "missing-partner", letter("partner"), null);
  // Not the partner: the influence cell when it is at fault, else the dependency cell.
  const axis = typeof influence === "string" ? "influence" : "dependency";
  const score = axis === "influence" ? entered.influence[i] : entered.dependency[i];
  const scale = axis === "influence" ? scales.influenceScale : scales.dependencyScale;
  const problem = (axis === "influence" ? influence : dependency) as AxisProblem;
  const outside = problem === "out-of-scale";
  return new SkippedRowRecord(r + 1, partner, skipReason(problem, axis), letter(axis), problemText(score), outside ? scale.min : null, outside ? scale.max : null);
}

/**
 * A skipped row as a class, not an object literal with a getter: a register can skip thousands of
 * rows, and a literal with an accessor and a closure per row cost ~1 µs each.
 */
class SkippedRowRecord implements SkippedRow {
  constructor(
    readonly row: number,
    readonly partner: string,
    readonly reason: SkipReason,
    readonly column: string | null,
    readonly value: string | null,
    /** The bounds of the scale a score lies outside of (they are in the message). */
    readonly min: number | null = null,
    readonly max: number | null = null,
  ) {}

  /** In English, written when read (the CLI, logs): the pane words the reason itself. */
  get message(): string {
    const params = { row: this.row, column: this.column ?? "", value: this.value ?? "", min: this.min ?? "", max: this.max ?? "" };
    return t("en", `skip.${this.reason}`, params);
  }

  /** As JSON, a SkippedRow with its message. */
  toJSON(): SkippedRow {
    return { row: this.row, partner: this.partner, reason: this.reason, column: this.column, value: this.value, message: this.message };
  }
}

/** Scores of rows that have a partner: what the scale is guessed from. */
function usable(entered: EnteredRows, scores: ParsedScore[]): ParsedScore[] {
  const kept: ParsedScore[] = [];
  for (let i = 0; i < entered.count; i++) if (entered.hasPartner[i] === 1) kept.push(scores[i]);
  return kept;
}

type AxisProblem = "missing" | "unusable" | "out-of-scale" | "error";

/** The score's value on the scale, or what is wrong with it (a string, so no object per cell). */
function readAxis(parsed: ParsedScore, scale: Scale): number | AxisProblem {
  switch (parsed.kind) {
    case "blank":
      return "missing";
    case "error":
      return "error";
    default: {
      const value = scoreOnScale(parsed, scale);
      if (value === null) return "unusable";
      if (!onScale(value, scale)) return "out-of-scale";
      return value;
    }
  }
}

function skipReason(problem: AxisProblem, axis: "influence" | "dependency"): SkipReason {
  return problem === "error" ? "error-value" : problem === "out-of-scale" ? `${axis}-out-of-scale` : `${problem}-${axis}`;
}

/** The offending cell as the user would recognise it. */
function problemText(parsed: ParsedScore): string | null {
  switch (parsed.kind) {
    case "blank":
      return null;
    case "label":
      return parsed.label;
    case "number":
      return displayText(parsed.value) + (parsed.percent ? "%" : "");
    default:
      return parsed.text;
  }
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

export function emptySummary(): Summary {
  const tally = () => ({ count: 0, subsidy: 0 });
  return {
    byStrategy: Object.fromEntries(STRATEGY_KEYS.map((k) => [k, tally()])) as Summary["byStrategy"],
    byPosition: { above: tally(), below: tally() },
    total: tally(),
  };
}

function count(tally: Tally, amount: number) {
  tally.count += 1;
  tally.subsidy += amount;
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
