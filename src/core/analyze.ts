/**
 * analyzeSheet: from a sheet snapshot to partner positions, strategies, skipped rows and summary.
 * The pieces (finding the register, mapping headers, reading values, scales, the line) live in
 * their own modules; this file puts them together and applies the user's settings.
 */
import { repeatedNames } from "./duplicates";
import { t } from "./i18n";
import { cellAt, cellIn, findRegister, formatAt, type FoundRegister } from "./locate";
import { detectScale, onScale, scoreOnScale } from "./scales";
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
import { newPartnerColumns, partnerRows, strategyIndex } from "./partners";
import { memoizeTexts, parseAmount, parseScore, parseYesNo, type ParsedScore } from "./values";
import {
  CONCEPT_KEYS,
  PARTNER_FLAGS,
  RegisterError,
  STRATEGY_KEYS,
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
  // One pass finds the partner rows and reads what the scales are guessed from.
  const partnerOffset = partnerCol - origin.column;
  const influenceScore = scoreReader(snapshot, influenceCol);
  const dependencyScore = scoreReader(snapshot, dependencyCol);
  const dataRows: number[] = [];
  const rowCells: CellValue[][] = [];
  const hasPartner: boolean[] = [];
  const influenceScores: ParsedScore[] = [];
  const dependencyScores: ParsedScore[] = [];
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
    dataRows.push(r);
    rowCells.push(cells);
    hasPartner.push(!isBlank(cells[partnerOffset]));
    influenceScores.push(influenceScore(cells, r));
    dependencyScores.push(dependencyScore(cells, r));
  }
  if (dataRows.length === 0) {
    throw new RegisterError("no-data", t("en", "error.no-data", { sheet: snapshot.sheetName, row: location.headerRow + 1 }), {
      sheet: snapshot.sheetName,
      row: location.headerRow + 1,
    });
  }

  const score = (r: number, c: number) => parseScore(cellAt(snapshot, r, c), formatAt(snapshot, r, c));
  const influenceScale = detectScale(mapping.influence!.header, usable(influenceScores, hasPartner), settings.influenceScale);
  const dependencyScale = detectScale(mapping.dependency!.header, usable(dependencyScores, hasPartner), settings.dependencyScale);
  const line = settings.line ?? defaultAmbitionLine(influenceScale);
  const highDependencyAbove = settings.highDependencyAbove ?? defaultHighDependencyAbove(dependencyScale);
  const partners = newPartnerColumns(dataRows.length);
  const skipped: SkippedRow[] = [];
  const summary = emptySummary();
  const tallies = STRATEGY_KEYS.map((k) => summary.byStrategy[k]);
  const altCol = col("alternativesDesirable");
  const goalCol = col("goal");
  const subsidyCol = col("subsidy");
  const targetInfluenceCol = col("targetInfluence");
  const targetDependencyCol = col("targetDependency");
  // Per analysis, so a cache never outlives the sheet it was filled from.
  const yesNo = memoizeTexts(parseYesNo);
  const amount = memoizeTexts(parseAmount);
  const registerTarget = (r: number, c: number | null, scale: Scale): number | null => {
    if (c === null) return null;
    const value = scoreOnScale(score(r, c), scale);
    return value !== null && onScale(value, scale) ? value : null;
  };
  const offsetOf = (c: number | null) => (c === null ? -1 : c - origin.column);
  const altOffset = offsetOf(altCol);
  const goalOffset = offsetOf(goalCol);
  const subsidyOffset = offsetOf(subsidyCol);
  for (let i = 0; i < dataRows.length; i++) {
    const r = dataRows[i];
    const cells = rowCells[i];
    const partnerValue = cellIn(cells, partnerOffset);
    const partner = displayText(partnerValue);
    let problem: Omit<SkippedRow, "message" | "row" | "partner"> | null = null;
    let problemScale: Scale | null = null;
    const influence = readAxis(influenceScores[i], influenceScale);
    const dependency = readAxis(dependencyScores[i], dependencyScale);
    if (isErrorValue(partnerValue)) problem = { reason: "error-value", column: columnLetter(partnerCol), value: partner };
    else if (!hasPartner[i]) problem = { reason: "missing-partner", column: columnLetter(partnerCol), value: null };
    else if (typeof influence === "string") {
      problem = { reason: skipReason(influence, "influence"), column: columnLetter(influenceCol), value: problemText(influenceScores[i]) };
      problemScale = influenceScale;
    } else if (typeof dependency === "string") {
      problem = { reason: skipReason(dependency, "dependency"), column: columnLetter(dependencyCol), value: problemText(dependencyScores[i]) };
      problemScale = dependencyScale;
    }
    if (problem) {
      const params = { row: r + 1, column: problem.column ?? "", value: problem.value ?? "", min: problemScale?.min ?? "", max: problemScale?.max ?? "" };
      skipped.push({ row: r + 1, partner, ...problem, message: t("en", `skip.${problem.reason}`, params) });
      continue;
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
    partners.flags[at] =
      (position === "above" ? PARTNER_FLAGS.above : 0) |
      (highDependency ? PARTNER_FLAGS.highDependency : 0) |
      (alternativesDesirable ? PARTNER_FLAGS.alternativesDesirable : 0) |
      (targetInfluence !== null || targetDependency !== null ? PARTNER_FLAGS.targetFromRegister : 0);
    const money = subsidy ?? 0;
    count(tallies[strategyCode], money);
    count(summary.byPosition[position], money);
    count(summary.total, money);
  }
  const warnings = collectWarnings(snapshot, mapping, partners, influenceScale, dependencyScale, [influenceScores, dependencyScores]);
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
  scoreLists: ParsedScore[][],
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
    const scores = scoreLists[i];
    if (scores.some((s) => s.kind === "number") && scores.some((s) => s.kind === "label")) {
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
