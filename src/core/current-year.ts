/**
 * Years as columns ("Invloed 2025", "Invloed 2026"): the latest year is the current score
 * (headers.ts). A column made ready for next year and still empty holds no scores, though: when an
 * automatically chosen score or subsidy column names a year and is empty in every data row, the
 * latest earlier year of the same header that holds something is current instead, and a warning
 * names both. A column the user chose is theirs to choose and is never replaced.
 */
import { headerYear, sameHeaderOtherYears, YEARLY_CONCEPTS } from "./headers";
import { t } from "./i18n";
import type { LocatedRegister } from "./locate";
import { cellAt } from "./snapshot";
import { columnLetter, isBlank } from "./text";
import type { AnalysisSettings, AnalysisWarning, SheetSnapshot } from "./types";

/** Whether column `column` holds nothing from the first data row to the end of the snapshot. */
function emptyBelowHeader(snapshot: SheetSnapshot, located: LocatedRegister, column: number): boolean {
  const last = snapshot.origin.row + snapshot.values.length - 1;
  for (let row = located.start.firstDataRow; row <= last; row++) if (!isBlank(cellAt(snapshot, row, column))) return false;
  return true;
}

/** Replaces an empty year column in `located.mapping` by the latest earlier year with content; the warnings say which. */
export function preferYearsWithContent(snapshot: SheetSnapshot, located: LocatedRegister, settings: AnalysisSettings): AnalysisWarning[] {
  const warnings: AnalysisWarning[] = [];
  for (const concept of YEARLY_CONCEPTS) {
    const mapped = located.mapping[concept];
    if (!mapped || settings.mapping?.[concept] !== undefined) continue;
    const year = headerYear(mapped.header);
    if (year === null || !emptyBelowHeader(snapshot, located, mapped.column)) continue;
    const earlier = [...sameHeaderOtherYears(located.headers, mapped.header)].filter(([y]) => y < year).sort(([a], [b]) => b - a);
    const taken = new Set(Object.values(located.mapping).map((m) => m?.column));
    const used = earlier.find(([, column]) => !taken.has(column) && !emptyBelowHeader(snapshot, located, column));
    if (!used) continue;
    const header = located.headers.find((h) => h.column === used[1])!.header;
    const params = { column: columnLetter(mapped.column), header: mapped.header, usedColumn: columnLetter(used[1]), used: header };
    warnings.push({ code: "year-column-empty", rows: [], message: t("en", "warning.year-column-empty", params), params });
    located.mapping[concept] = { ...mapped, column: used[1], header };
  }
  return warnings;
}
