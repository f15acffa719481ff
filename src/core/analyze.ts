/**
 * analyzeSheet: from a sheet snapshot to partner positions, strategies, skipped rows and summary.
 * The pieces (finding the register, mapping headers, reading values, scales, the line) live in
 * their own modules; this file puts them together and applies the user's settings.
 */
import { t } from "./i18n";
import { cellAt, findRegister, formatAt, type FoundRegister } from "./locate";
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
import { columnLetter, displayText, isBlank, isErrorValue } from "./text";
import { parseAmount, parseScore, parseYesNo, type ParsedScore } from "./values";
import {
  CONCEPT_KEYS,
  RegisterError,
  STRATEGY_KEYS,
  type Analysis,
  type AnalysisSettings,
  type AnalysisWarning,
  type ColumnMapping,
  type ConceptKey,
  type HeaderCellInfo,
  type PartnerResult,
  type Scale,
  type SheetSnapshot,
  type SkippedRow,
  type SkipReason,
  type Summary,
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
  const mappedColumns = CONCEPT_KEYS.map(col).filter((c): c is number => c !== null);
  const typedIn = (r: number, c: number) => !isBlank(cellAt(snapshot, r, c)) && !formulaAt(snapshot, r, c);
  const dataRows: number[] = [];
  for (let r = location.firstDataRow; r <= location.lastDataRow; r++) {
    if (r === location.totalsRow) continue;
    let entered = mappedColumns.some((c) => !isBlank(cellAt(snapshot, r, c)));
    for (let c = location.firstColumn; !entered && c <= location.lastColumn; c++) entered = typedIn(r, c);
    if (entered) dataRows.push(r);
  }

  if (dataRows.length === 0) {
    throw new RegisterError("no-data", t("en", "error.no-data", { sheet: snapshot.sheetName, row: location.headerRow + 1 }), {
      sheet: snapshot.sheetName,
      row: location.headerRow + 1,
    });
  }

  const score = (r: number, c: number) => parseScore(cellAt(snapshot, r, c), formatAt(snapshot, r, c));
  const influenceScores = dataRows.map((r) => score(r, influenceCol));
  const dependencyScores = dataRows.map((r) => score(r, dependencyCol));
  const influenceScale = detectScale(mapping.influence!.header, usable(dataRows, influenceScores, snapshot, partnerCol), settings.influenceScale);
  const dependencyScale = detectScale(
    mapping.dependency!.header,
    usable(dataRows, dependencyScores, snapshot, partnerCol),
    settings.dependencyScale,
  );
  const line = settings.line ?? defaultAmbitionLine(influenceScale);
  const highDependencyAbove = settings.highDependencyAbove ?? defaultHighDependencyAbove(dependencyScale);

  const rows: PartnerResult[] = [];
  const skipped: SkippedRow[] = [];
  const altCol = col("alternativesDesirable");
  const goalCol = col("goal");
  const subsidyCol = col("subsidy");
  const targetInfluenceCol = col("targetInfluence");
  const targetDependencyCol = col("targetDependency");
  const registerTarget = (r: number, c: number | null, scale: Scale): number | null => {
    if (c === null) return null;
    const value = scoreOnScale(score(r, c), scale);
    return value !== null && onScale(value, scale) ? value : null;
  };
  for (let i = 0; i < dataRows.length; i++) {
    const r = dataRows[i];
    const partnerValue = cellAt(snapshot, r, partnerCol);
    const partner = displayText(partnerValue);
    let problem: Omit<SkippedRow, "message" | "row" | "partner"> | null = null;
    let problemScale: Scale | null = null;
    const influence = readAxis(influenceScores[i], influenceScale);
    const dependency = readAxis(dependencyScores[i], dependencyScale);
    if (isErrorValue(partnerValue)) problem = { reason: "error-value", column: columnLetter(partnerCol), value: partner };
    else if (isBlank(partnerValue)) problem = { reason: "missing-partner", column: columnLetter(partnerCol), value: null };
    else if (influence.problem) {
      problem = { reason: skipReason(influence.problem, "influence"), column: columnLetter(influenceCol), value: problemText(influenceScores[i]) };
      problemScale = influenceScale;
    } else if (dependency.problem) {
      problem = { reason: skipReason(dependency.problem, "dependency"), column: columnLetter(dependencyCol), value: problemText(dependencyScores[i]) };
      problemScale = dependencyScale;
    }
    if (problem) {
      const params = { row: r + 1, column: problem.column ?? "", value: problem.value ?? "", min: problemScale?.min ?? "", max: problemScale?.max ?? "" };
      skipped.push({ row: r + 1, partner, ...problem, message: t("en", `skip.${problem.reason}`, params) });
      continue;
    }
    const inf = influence.value!;
    const dep = dependency.value!;
    const required = requiredInfluence(dep, dependencyScale, line);
    const gap = inf - required;
    const position = positionOf(gap, influenceScale);
    const highDependency = isHighDependency(dep, highDependencyAbove);
    const alternativesDesirable = altCol !== null && parseYesNo(cellAt(snapshot, r, altCol)) === "yes";
    const strategy = chooseStrategy(position, highDependency, alternativesDesirable);
    const recommended = recommendedTarget(strategy, { influence: inf, dependency: dep }, dependencyScale, line, highDependencyAbove);
    const targetInfluence = registerTarget(r, targetInfluenceCol, influenceScale);
    const targetDependency = registerTarget(r, targetDependencyCol, dependencyScale);
    const goalValue = goalCol === null ? "" : cellAt(snapshot, r, goalCol);
    rows.push({
      row: r + 1,
      partner,
      goal: isBlank(goalValue) ? null : displayText(goalValue),
      influence: inf,
      dependency: dep,
      requiredInfluence: required,
      gap,
      position,
      highDependency,
      alternativesDesirable,
      strategy,
      target: {
        influence: targetInfluence ?? recommended.influence,
        dependency: targetDependency ?? recommended.dependency,
        source: targetInfluence !== null || targetDependency !== null ? "register" : "recommended",
      },
      subsidy: subsidyCol === null ? null : parseAmount(cellAt(snapshot, r, subsidyCol)),
    });
  }

  return {
    location,
    mapping,
    influenceScale,
    dependencyScale,
    line,
    highDependencyAbove,
    rows,
    skipped,
    summary: summarize(rows),
    warnings: collectWarnings(snapshot, mapping, rows, influenceScale, dependencyScale, [influenceScores, dependencyScores]),
  };
}

function formulaAt(snapshot: SheetSnapshot, row: number, column: number): boolean {
  const formula = snapshot.formulas?.[row - snapshot.origin.row]?.[column - snapshot.origin.column];
  return typeof formula === "string" && formula.startsWith("=");
}

/** Scores of rows that have a partner: what the scale is guessed from. */
function usable(dataRows: number[], scores: ParsedScore[], snapshot: SheetSnapshot, partnerCol: number): ParsedScore[] {
  return scores.filter((_, i) => !isBlank(cellAt(snapshot, dataRows[i], partnerCol)));
}

type AxisProblem = "missing" | "unusable" | "out-of-scale" | "error";

function readAxis(parsed: ParsedScore, scale: Scale): { value?: number; problem?: AxisProblem } {
  switch (parsed.kind) {
    case "blank":
      return { problem: "missing" };
    case "error":
      return { problem: "error" };
    default: {
      const value = scoreOnScale(parsed, scale);
      if (value === null) return { problem: "unusable" };
      if (!onScale(value, scale)) return { problem: "out-of-scale" };
      return { value };
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

/** Count and subsidy sum per strategy, per position and in total. */
export function summarize(rows: PartnerResult[]): Summary {
  const summary = emptySummary();
  for (const row of rows) {
    const amount = row.subsidy ?? 0;
    for (const tally of [summary.byStrategy[row.strategy], summary.byPosition[row.position], summary.total]) {
      tally.count += 1;
      tally.subsidy += amount;
    }
  }
  return summary;
}

function collectWarnings(
  snapshot: SheetSnapshot,
  mapping: ColumnMapping,
  rows: PartnerResult[],
  influenceScale: Scale,
  dependencyScale: Scale,
  scoreLists: ParsedScore[][],
): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  const byName = new Map<string, number[]>();
  for (const row of rows) {
    const key = row.partner.trim().toLowerCase().replace(/\s+/g, " ");
    byName.set(key, [...(byName.get(key) ?? []), row.row]);
  }
  for (const [, sheetRows] of byName) {
    if (sheetRows.length > 1) {
      const name = rows.find((r) => r.row === sheetRows[0])!.partner;
      const params = { partner: name, rows: sheetRows.join(", ") };
      warnings.push({ code: "duplicate-partner", rows: sheetRows, message: t("en", "warning.duplicate-partner", params), params });
    }
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
    const kinds = new Set(scoreLists[i].filter((s) => s.kind === "number" || s.kind === "label").map((s) => s.kind));
    if (kinds.size > 1) {
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
