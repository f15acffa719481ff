/**
 * What the ownership rule (plan/ownership.ts) refuses to overwrite, and the message a user reads
 * about it. Apart from the rule so the pane's first screen can explain a refusal without loading
 * the planner.
 */
import type { Language } from "./host";
import { t } from "./i18n";
import { cellAddress } from "./text";

/** Something the plan would overwrite or repoint that is not Partnerkaart's. */
export type ForeignTarget =
  | { kind: "cell"; sheetName: string; row: number; column: number; content: string }
  | { kind: "sheet"; sheetName: string; content: string }
  | { kind: "name"; name: string; pointsTo: string; plannedTo: string }
  /** A chart of the user's on a sheet Partnerkaart would replace (a partner page made again). */
  | { kind: "chart"; sheetName: string; chartName: string };

/** What the user reads when the rule refuses: the thing, what it holds, and what to do. */
export function foreignTargetMessage(language: Language, target: ForeignTarget): string {
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  const what =
    target.kind === "cell"
      ? t(language, "foreign.cell", { sheet: target.sheetName, cell: cellAddress(target.row, target.column), content: short(target.content) })
      : target.kind === "sheet"
        ? t(language, "foreign.sheet", { sheet: target.sheetName, content: short(target.content) })
        : target.kind === "chart"
          ? t(language, "foreign.chart", { sheet: target.sheetName, chart: short(target.chartName) })
          : t(language, "foreign.name", { name: target.name, pointsTo: target.pointsTo, plannedTo: target.plannedTo });
  return t(language, "foreign.refused", { what, advice: t(language, `foreign.advice.${target.kind}`) });
}
