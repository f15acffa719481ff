/**
 * analyzeSheet: from a sheet snapshot to partner positions, strategies, skipped rows and summary.
 * The pieces (finding the register, mapping headers, reading values, scales, the line) live in
 * their own modules; this file puts them together and applies the user's settings.
 */
import { repeatedNames } from "./duplicates";
import { t } from "./i18n";
import { cellAt, cellIn, findRegister, formatAt, type FoundRegister } from "./locate";
import { knownScale, onScale, scaleFromValues, scoreOnScale } from "./scales";
import {
  chooseStrategy,
  defaultAmbitionLine,
  defaultHighDependencyAbove,
  isHighDependency,
  positionOf,
  recommendedTarget,
  requiredInfluence,
} from "./strategy";
import { columnLetter, displayText, isBlank, isErrorValue, isFormulaCell } from "./text";
import { newPartnerColumns, partnerFlags, partnerRows, strategyIndex } from "./partners";
import { memoizeTexts, parseAmount, parseScore, parseYesNo, type ParsedScore } from "./values";
import {
  CONCEPT_KEYS,
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
  const found = findRegister(snapshot, settings);
  const mapping = toColumnMapping(found, settings);
  const { location } = found;
  const col = (concept: ConceptKey) => mapping[concept]?.column ?? null;
  const partnerCol = col("partner")!;
  const influenceCol = col("influence")!;
  const dependencyCol = col("dependency")!;

  // Every row with something typed in it is analysed or skipped; a blank row is not a partner. Cells
  // that only show a formula's result (a row number, our own output columns) do not make a row a partner.
  // Per-row work reads the row arrays directly (no closures or lookups per cell): registers reach 100,000 rows.
  const { origin } = snapshot;
  const mappedOffsets = CONCEPT_KEYS.map(col)
    .filter((c): c is number => c !== null)
    .map((c) => c - origin.column);
  // Scales the user set or the headers name are known before any row is read: then one pass reads
  // and analyses each row. A scale guessed from the values needs every score first (two passes).
  const partnerOffset = partnerCol - origin.column;
  const influenceScore = scoreReader(snapshot, influenceCol);
  const dependencyScore = scoreReader(snapshot, dependencyCol);
  const knownInfluenceScale = knownScale(mapping.influence!.header, settings.influenceScale);
  const knownDependencyScale = knownScale(mapping.dependency!.header, settings.dependencyScale);
  const partners = newPartnerColumns(Math.max(0, location.lastDataRow - location.firstDataRow + 1));
  const skipped: SkippedRow[] = [];
  const summary = emptySummary();
  const mixedScales = { influence: new ScoreKinds(), dependency: new ScoreKinds() };
  const rowAnalyser = (influenceScale: Scale, dependencyScale: Scale) => analyserOfRows(snapshot, settings, mapping, influenceScale, dependencyScale, partners, skipped, summary);
  let analyseRow = knownInfluenceScale && knownDependencyScale ? rowAnalyser(knownInfluenceScale, knownDependencyScale) : null;
  // Only for guessed scales: the rows and their scores, kept for the second pass.
  const dataRows: number[] = [];
  const rowCells: CellValue[][] = [];
  const hasPartners: boolean[] = [];
  const influenceScores: ParsedScore[] = [];
  const dependencyScores: ParsedScore[] = [];
  let enteredRows = 0;
  for (let r = location.firstDataRow; r <= location.lastDataRow; r++) {
    if (r === location.totalsRow) continue;
    const cells = snapshot.values[r - origin.row];
    if (!cells) continue;
    let entered = false;
    for (let k = 0; !entered && k < mappedOffsets.length; k++) entered = !isBlank(cells[mappedOffsets[k]]);
    if (!entered) {
      const formulas = snapshot.formulas?.[r - origin.row];
      for (let c = location.firstColumn - origin.column; !entered && c <= location.lastColumn - origin.column; c++) {
        entered = !isBlank(cells[c]) && !isFormulaCell(formulas?.[c], cells[c]);
      }
    }
    if (!entered) continue;
    enteredRows++;
    const hasPartner = !isBlank(cells[partnerOffset]);
    const influenceRead = influenceScore(cells, r);
    const dependencyRead = dependencyScore(cells, r);
    mixedScales.influence.note(influenceRead);
    mixedScales.dependency.note(dependencyRead);
    if (analyseRow) {
      analyseRow(r, cells, hasPartner, influenceRead, dependencyRead);
    } else {
      dataRows.push(r);
      rowCells.push(cells);
      hasPartners.push(hasPartner);
      influenceScores.push(influenceRead);
      dependencyScores.push(dependencyRead);
    }
  }
  if (enteredRows === 0) {
    throw new RegisterError("no-data", t("en", "error.no-data", { sheet: snapshot.sheetName, row: location.headerRow + 1 }), {
      sheet: snapshot.sheetName,
      row: location.headerRow + 1,
    });
  }
  if (!analyseRow) {
    const influenceScale = knownInfluenceScale ?? scaleFromValues(usable(influenceScores, hasPartners));
    const dependencyScale = knownDependencyScale ?? scaleFromValues(usable(dependencyScores, hasPartners));
    analyseRow = rowAnalyser(influenceScale, dependencyScale);
    for (let i = 0; i < dataRows.length; i++) analyseRow(dataRows[i], rowCells[i], hasPartners[i], influenceScores[i], dependencyScores[i]);
  }
  const { influenceScale, dependencyScale, line, highDependencyAbove } = analyseRow;
  const warnings = collectWarnings(snapshot, mapping, partners, influenceScale, dependencyScale, [mixedScales.influence.mixed, mixedScales.dependency.mixed]);
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

/** Which kinds of score a column holds: numbers and labels together earn a warning. */
class ScoreKinds {
  private numbers = false;
  private labels = false;
  note(score: ParsedScore): void {
    if (score.kind === "number") this.numbers = true;
    else if (score.kind === "label") this.labels = true;
  }
  get mixed(): boolean {
    return this.numbers && this.labels;
  }
}

type RowAnalyser = ((r: number, cells: CellValue[], hasPartner: boolean, influenceRead: ParsedScore, dependencyRead: ParsedScore) => void) & {
  influenceScale: Scale;
  dependencyScale: Scale;
  line: AmbitionLine;
  highDependencyAbove: number;
};

/**
 * Analyses one register row on the given scales: its results go straight into `partners` (no
 * object per partner) and the summary, or it joins `skipped` with its reason.
 */
function analyserOfRows(
  snapshot: SheetSnapshot,
  settings: AnalysisSettings,
  mapping: ColumnMapping,
  influenceScale: Scale,
  dependencyScale: Scale,
  partners: PartnerColumns,
  skipped: SkippedRow[],
  summary: Summary,
): RowAnalyser {
  const { origin } = snapshot;
  const line = settings.line ?? defaultAmbitionLine(influenceScale);
  const highDependencyAbove = settings.highDependencyAbove ?? defaultHighDependencyAbove(dependencyScale);
  const col = (concept: ConceptKey) => mapping[concept]?.column ?? null;
  const offsetOf = (c: number | null) => (c === null ? -1 : c - origin.column);
  const partnerCol = col("partner")!;
  const influenceCol = col("influence")!;
  const dependencyCol = col("dependency")!;
  const partnerOffset = offsetOf(partnerCol);
  const altOffset = offsetOf(col("alternativesDesirable"));
  const goalOffset = offsetOf(col("goal"));
  const subsidyOffset = offsetOf(col("subsidy"));
  const targetInfluenceCol = col("targetInfluence");
  const targetDependencyCol = col("targetDependency");
  const tallies = STRATEGY_KEYS.map((k) => summary.byStrategy[k]);
  // Per analysis, so a cache never outlives the sheet it was filled from.
  const yesNo = memoizeTexts(parseYesNo);
  const amount = memoizeTexts(parseAmount);
  const registerTarget = (r: number, c: number | null, scale: Scale): number | null => {
    if (c === null) return null;
    const value = scoreOnScale(parseScore(cellAt(snapshot, r, c), formatAt(snapshot, r, c)), scale);
    return value !== null && onScale(value, scale) ? value : null;
  };
  const analyse = (r: number, cells: CellValue[], hasPartner: boolean, influenceRead: ParsedScore, dependencyRead: ParsedScore): void => {
      const partnerValue = cellIn(cells, partnerOffset);
      const partner = displayText(partnerValue);
      let problem: Omit<SkippedRow, "message" | "row" | "partner"> | null = null;
      let problemScale: Scale | null = null;
      const influence = readAxis(influenceRead, influenceScale);
      const dependency = readAxis(dependencyRead, dependencyScale);
      if (isErrorValue(partnerValue)) problem = { reason: "error-value", column: columnLetter(partnerCol), value: partner };
      else if (!hasPartner) problem = { reason: "missing-partner", column: columnLetter(partnerCol), value: null };
      else if (typeof influence === "string") {
        problem = { reason: skipReason(influence, "influence"), column: columnLetter(influenceCol), value: problemText(influenceRead) };
        problemScale = influenceScale;
      } else if (typeof dependency === "string") {
        problem = { reason: skipReason(dependency, "dependency"), column: columnLetter(dependencyCol), value: problemText(dependencyRead) };
        problemScale = dependencyScale;
      }
      if (problem) {
        const params = { row: r + 1, column: problem.column ?? "", value: problem.value ?? "", min: problemScale?.min ?? "", max: problemScale?.max ?? "" };
        skipped.push({ row: r + 1, partner, ...problem, message: t("en", `skip.${problem.reason}`, params) });
        return;
      }
      const inf = influence as number;
      const dep = dependency as number;
      const required = requiredInfluence(dep, dependencyScale, line);
      const gap = inf - required;
      const position = positionOf(gap, influenceScale);
      const highDependency = isHighDependency(dep, highDependencyAbove);
      const alternativesDesirable = altOffset >= 0 && yesNo(cellIn(cells, altOffset)) === "yes";
      const strategy = chooseStrategy(position, highDependency, alternativesDesirable);
      const targetInfluence = registerTarget(r, targetInfluenceCol, influenceScale);
      const targetDependency = registerTarget(r, targetDependencyCol, dependencyScale);
      const goalValue = goalOffset < 0 ? "" : cellIn(cells, goalOffset);
      const subsidy = subsidyOffset < 0 ? null : amount(cellIn(cells, subsidyOffset));
      // Written straight into the columns: no object per partner.
      const at = partners.count++;
      partners.row[at] = r + 1;
      partners.partner[at] = partner;
      partners.goal[at] = isBlank(goalValue) ? null : displayText(goalValue);
      partners.influence[at] = inf;
      partners.dependency[at] = dep;
      partners.requiredInfluence[at] = required;
      partners.gap[at] = gap;
      // The recommendation is short-lived: only what outlives the loop costs the garbage collector.
      const recommended = recommendedTarget(strategy, { influence: inf, dependency: dep }, dependencyScale, line, highDependencyAbove);
      partners.targetInfluence[at] = targetInfluence ?? recommended.influence;
      partners.targetDependency[at] = targetDependency ?? recommended.dependency;
      partners.subsidy[at] = subsidy ?? NaN;
      const strategyCode = strategyIndex(strategy);
      partners.strategy[at] = strategyCode;
      partners.flags[at] = partnerFlags(position, highDependency, alternativesDesirable, targetInfluence !== null || targetDependency !== null ? "register" : "recommended");
      const money = subsidy ?? 0;
      count(tallies[strategyCode], money);
      count(summary.byPosition[position], money);
      count(summary.total, money);
  };
  return Object.assign(analyse, { influenceScale, dependencyScale, line, highDependencyAbove });
}

/** Reads the score in `column` of a row (its cells and 0-based sheet row); texts are parsed once each. */
function scoreReader(snapshot: SheetSnapshot, column: number): (cells: CellValue[], row: number) => ParsedScore {
  const offset = column - snapshot.origin.column;
  const textScore = memoizeTexts((text) => parseScore(text));
  return (cells, row) => {
    const value = cells[offset];
    if (typeof value === "string") return textScore(value);
    return parseScore(value === undefined ? "" : value, snapshot.numberFormats?.[row - snapshot.origin.row]?.[offset] ?? null);
  };
}

/** Scores of rows that have a partner: what the scale is guessed from. */
function usable(scores: ParsedScore[], hasPartner: boolean[]): ParsedScore[] {
  return hasPartner.includes(false) ? scores.filter((_, i) => hasPartner[i]) : scores;
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

function toColumnMapping(found: FoundRegister, settings: AnalysisSettings): ColumnMapping {
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
  influenceScale: Scale,
  dependencyScale: Scale,
  mixedScales: [boolean, boolean],
): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  const names = partners.count === partners.partner.length ? partners.partner : partners.partner.slice(0, partners.count);
  for (const group of repeatedNames(names)) {
    const sheetRows = group.map((i) => partners.row[i]);
    const params = { partner: partners.partner[group[0]], rows: sheetRows.join(", ") };
    warnings.push({ code: "duplicate-partner", rows: sheetRows, message: t("en", "warning.duplicate-partner", params), params });
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

/** The register's header cells (column index and text), for the task pane's mapping dropdowns. */
export function registerHeaders(snapshot: SheetSnapshot, settings: AnalysisSettings = {}): HeaderCellInfo[] {
  const found = findRegister(snapshot, settings);
  return found.headers.map((h) => ({ column: h.column, letter: columnLetter(h.column), header: h.header }));
}
