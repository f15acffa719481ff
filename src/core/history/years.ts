/**
 * Registers that keep years as columns ("Invloed 2025", "Invloed 2026", "Afhankelijkheid 2025",
 * …): the analysis takes the latest year as the current score (`mapHeaders`), and the earlier
 * years are history. Each earlier year with both an influence and a dependency column becomes an
 * assessment of its own, analysed by the same rules with those columns mapped instead.
 */
import { analyzeSheet, registerHeaders } from "../analyze";
import { headerYear, sameHeaderOtherYears, YEARLY_CONCEPTS } from "../headers";
import { RegisterError, type Analysis, type AnalysisSettings, type SheetSnapshot } from "../types";
import { assessmentOf, type Assessment } from "./record";

export interface YearColumns {
  year: number;
  /** 0-based absolute columns of that year's scores (subsidy null when the register keeps one). */
  influence: number;
  dependency: number;
  subsidy: number | null;
}

/**
 * The earlier years the register keeps as columns, oldest first. Only years before the current
 * columns' year count, and only when both scores exist for that year.
 */
export function earlierYearColumns(snapshot: SheetSnapshot, analysis: Analysis, settings: AnalysisSettings = {}): YearColumns[] {
  const influence = analysis.mapping.influence;
  const dependency = analysis.mapping.dependency;
  if (!influence || !dependency) return [];
  const currentYear = headerYear(influence.header);
  if (currentYear === null) return [];
  const headers = registerHeaders(snapshot, settings);
  const others = Object.fromEntries(
    YEARLY_CONCEPTS.map((concept) => {
      const mapped = analysis.mapping[concept];
      return [concept, mapped ? sameHeaderOtherYears(headers, mapped.header) : new Map<number, number>()];
    }),
  ) as Record<(typeof YEARLY_CONCEPTS)[number], Map<number, number>>;
  const years: YearColumns[] = [];
  for (const [year, influenceColumn] of others.influence) {
    const dependencyColumn = others.dependency.get(year);
    if (year >= currentYear || dependencyColumn === undefined) continue;
    years.push({ year, influence: influenceColumn, dependency: dependencyColumn, subsidy: others.subsidy.get(year) ?? null });
  }
  return years.sort((a, b) => a.year - b.year);
}

/** An earlier year the register keeps as columns: its assessment, and the settings that analyse the register as it was then. */
export interface YearAssessment {
  year: number;
  assessment: Assessment;
  settings: AnalysisSettings;
}

/**
 * The register's earlier years as assessments (labelled by the year, dated its last day), oldest
 * first. A year's subsidy column is used when there is one, else the current one. A year whose
 * columns do not make a register of their own (no scores at all) is left out.
 */
export function yearAssessments(snapshot: SheetSnapshot, analysis: Analysis, settings: AnalysisSettings = {}): YearAssessment[] {
  return earlierYearColumns(snapshot, analysis, settings).flatMap((y) => {
    const mapping = { ...settings.mapping, influence: y.influence, dependency: y.dependency, ...(y.subsidy === null ? {} : { subsidy: y.subsidy }) };
    // Scales are found per year: a register may have moved from 1–5 to 1–10.
    const { influenceScale: _i, dependencyScale: _d, ...rest } = settings;
    const yearSettings: AnalysisSettings = { ...rest, mapping };
    try {
      return [{ year: y.year, assessment: assessmentOf(analyzeSheet(snapshot, yearSettings), `${y.year}-12-31`, String(y.year)), settings: yearSettings }];
    } catch (error) {
      if (error instanceof RegisterError) return [];
      throw error;
    }
  });
}

export function assessmentsFromYearColumns(snapshot: SheetSnapshot, analysis: Analysis, settings: AnalysisSettings = {}): Assessment[] {
  return yearAssessments(snapshot, analysis, settings).map((y) => y.assessment);
}
