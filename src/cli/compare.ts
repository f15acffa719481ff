/**
 * `--compare earlier.xlsx|YEAR`: the register against an earlier one, as text or JSON. Each file is
 * an assessment dated by its modification day and labelled by its file name; a year the register
 * keeps as columns is dated that year's last day and labelled by the year (core/history/years.ts).
 */
import { statSync } from "node:fs";
import { ct } from "./i18n";
import { basename } from "node:path";
import { assessmentOf, type AssessedPartner, type Assessment, type Comparison, type PartnerMovement } from "../core/history";
import type { Language } from "../core/host";
import { t } from "../core/i18n";
import type { Analysis } from "../core/types";
import { clean, escapeControlCharacters, table as textTable } from "./format";

export interface ComparedFile {
  file: string;
  analysis: Analysis;
}

export function assessmentOfFile({ file, analysis }: ComparedFile): Assessment {
  return assessmentOf(analysis, statSync(file).mtime.toISOString().slice(0, 10), basename(file));
}

const sameSnapshot = (a: Assessment, b: Assessment) => a.date === b.date && a.label === b.label;

/** An assessment to compare with, and the snapshots its workbook recorded (carried on by `--out`). */
export interface EarlierAssessment {
  assessment: Assessment;
  recorded: readonly Assessment[];
}

/**
 * What `--compare … --out` records on the history sheet, in order: the snapshots the earlier file
 * recorded that the current workbook lacks (so the series carries on), the earlier assessment, and
 * the current one (unless both share a date and label: the comparison needs the earlier record).
 */
export function assessmentsToRecord(current: Assessment, currentRecorded: readonly Assessment[], earlier: EarlierAssessment): Assessment[] {
  const carried = earlier.recorded.filter((a) => !currentRecorded.some((p) => sameSnapshot(a, p)) && !sameSnapshot(a, earlier.assessment));
  return [...carried, earlier.assessment, ...(sameSnapshot(current, earlier.assessment) ? [] : [current])];
}

const NUMBER_FORMATS = { nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }) };
const MONEY_FORMATS = { nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }) };
const number = (n: number, lang: Language) => NUMBER_FORMATS[lang].format(clean(n));
const money = (n: number, lang: Language) => `€ ${MONEY_FORMATS[lang].format(n)}`;

/** "up 1.5, left 2" or "unchanged", sizes in scale units. */
export function movementText(m: PartnerMovement, lang: Language): string {
  if (m.unchanged) return t(lang, "movement.unchanged");
  const parts: string[] = [];
  if (m.vertical) parts.push(t(lang, `movement.${m.vertical}`, { size: number(Math.abs(m.influenceChange), lang) }));
  if (m.horizontal) parts.push(t(lang, `movement.${m.horizontal}`, { size: number(Math.abs(m.dependencyChange), lang) }));
  return parts.join(", ");
}

/** A table of the report, indented under its heading. */
function table(headers: string[], rows: string[][], rightAligned: Set<number>): string[] {
  return textTable(headers, rows, rightAligned).map((l) => `  ${l}`);
}

const rowsOf = (partners: readonly AssessedPartner[]) => partners.map((p) => p.row).join(", ");

export function formatComparisonText(c: Comparison, lang: Language): string {
  const yesNo = (value: boolean | null) => ct(lang, value === null ? "cli.compare.notAdvised" : value ? "cli.compare.yes" : "cli.compare.no");
  const out: string[] = [ct(lang, "cli.compare.heading", { earlier: c.previous.label, date: c.previous.date, matched: c.movements.length })];
  out.push("", `${ct(lang, "cli.compare.movements", { count: c.movements.length })}:`);
  out.push(
    ...table(
      [
        ct(lang, "cli.column.row"),
        t(lang, "concept.partner"),
        ct(lang, "cli.compare.previousInfluence"),
        t(lang, "concept.influence"),
        ct(lang, "cli.compare.previousDependency"),
        t(lang, "concept.dependency"),
        ct(lang, "cli.compare.movement"),
        ct(lang, "cli.compare.previousStrategy"),
        t(lang, "column.strategy"),
        ct(lang, "cli.compare.strategyChanged"),
        ct(lang, "cli.compare.asAdvised"),
      ],
      c.movements.map((m) => [
        String(m.row),
        m.renamedFrom === null ? m.partner : `${m.partner} (${ct(lang, "cli.compare.renamed", { name: m.renamedFrom })})`,
        number(m.previousInfluence, lang),
        number(m.influence, lang),
        number(m.previousDependency, lang),
        number(m.dependency, lang),
        movementText(m, lang),
        t(lang, `strategy.${m.previousStrategy}`),
        t(lang, `strategy.${m.strategy}`),
        yesNo(m.strategyChanged),
        yesNo(m.movedAsAdvised),
      ]),
      new Set([0, 2, 3, 4, 5]),
    ),
  );
  const { added, gone, ambiguous } = c.matching;
  if (added.length > 0) {
    out.push("", `${ct(lang, "cli.compare.added", { count: added.length })}:`);
    for (const p of added) out.push(`  ${ct(lang, "cli.column.row")} ${p.row}: ${p.partner}`);
  }
  if (gone.length > 0) {
    out.push("", `${ct(lang, "cli.compare.gone", { count: gone.length })}:`);
    for (const p of gone) out.push(`  ${ct(lang, "cli.column.row")} ${p.row}: ${p.partner}`);
  }
  if (ambiguous.length > 0) {
    out.push("", `${ct(lang, "cli.compare.ambiguous", { count: ambiguous.length })}:`);
    for (const a of ambiguous) out.push(`  ${ct(lang, "cli.compare.ambiguousRows", { partner: a.partner, current: rowsOf(a.current), previous: rowsOf(a.previous) })}`);
  }
  out.push("", `${ct(lang, "cli.compare.money")}:`);
  const then = ct(lang, "cli.compare.then");
  const now = ct(lang, "cli.compare.now");
  out.push(
    ...table(
      ["", `${ct(lang, "cli.summary.count")} ${then}`, `${ct(lang, "cli.summary.count")} ${now}`, `${ct(lang, "cli.summary.subsidy")} ${then}`, `${ct(lang, "cli.summary.subsidy")} ${now}`],
      [...c.money.map((s) => ({ label: t(lang, `strategy.${s.strategy}`), ...s })), { label: ct(lang, "cli.summary.total"), ...c.total }].map((s) => [
        s.label,
        String(s.then.count),
        String(s.now.count),
        money(s.then.subsidy, lang),
        money(s.now.subsidy, lang),
      ]),
      new Set([1, 2, 3, 4]),
    ),
  );
  return `${out.map(escapeControlCharacters).join("\n")}\n`;
}

const partnerJson = (p: AssessedPartner) => ({ row: p.row, partner: p.partner, goal: p.goal, strategy: p.strategy, subsidy: p.subsidy });

export function comparisonJson(c: Comparison) {
  return {
    previous: c.previous,
    current: c.current,
    matchedByGoal: c.matching.byGoal,
    movements: c.movements.map((m) => ({
      row: m.row,
      previousRow: m.previousRow,
      partner: m.partner,
      goal: m.goal,
      renamedFrom: m.renamedFrom,
      previousInfluence: clean(m.previousInfluence),
      previousDependency: clean(m.previousDependency),
      influence: clean(m.influence),
      dependency: clean(m.dependency),
      influenceChange: clean(m.influenceChange),
      dependencyChange: clean(m.dependencyChange),
      vertical: m.vertical,
      horizontal: m.horizontal,
      unchanged: m.unchanged,
      previousStrategy: m.previousStrategy,
      strategy: m.strategy,
      strategyChanged: m.strategyChanged,
      advised: m.advised,
      movedAsAdvised: m.movedAsAdvised,
    })),
    added: c.matching.added.map(partnerJson),
    gone: c.matching.gone.map(partnerJson),
    ambiguous: c.matching.ambiguous.map((a) => ({ partner: a.partner, goal: a.goal, rows: a.current.map((p) => p.row), previousRows: a.previous.map((p) => p.row) })),
    money: Object.fromEntries(c.money.map((s) => [s.strategy, { then: s.then, now: s.now }])),
    total: c.total,
  };
}
