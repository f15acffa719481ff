/**
 * Texts of the self-check outcome (issue 15, B). They live with the result, which is loaded when
 * first shown, not in the pane's catalogs: the first download stays within its budget.
 */
import type { Language } from "../../core/host";
import { fillTemplate } from "./index";

const en = {
  "selfCheck.heading": "Check in Excel",
  "selfCheck.agrees": "Excel computed the same as the pane: position and strategy in {checked} rows, and the summary.",
  "selfCheck.partly": "The first {checked} of {total} rows were compared one by one; the summary covers them all.",
  "selfCheck.differs.title": "Excel computed something else than the pane",
  "selfCheck.differs.rows": "In {count} rows the formulas give another position or strategy than Partnerkaart worked out: a formula reads a text differently in this Excel, or a cell the formulas read was changed.",
  "selfCheck.differs.oneRow": "In row {row} the formulas give another position or strategy than Partnerkaart worked out: a formula reads a text differently in this Excel, or a cell the formulas read was changed.",
  "selfCheck.differs.summaryOnly": "The summary's formulas give other figures than Partnerkaart worked out.",
  "selfCheck.col.row": "Row",
  "selfCheck.col.column": "Column",
  "selfCheck.col.excel": "Excel shows",
  "selfCheck.col.expected": "Expected",
  "selfCheck.column.position": "Position",
  "selfCheck.column.strategy": "Strategy",
  "selfCheck.empty": "(empty)",
  "selfCheck.moreRows": "… and {count} more rows.",
  "selfCheck.summaryLine": "Summary, {item} ({measure}): Excel shows {excel}, expected {expected}.",
  "selfCheck.measure.count": "number",
  "selfCheck.measure.subsidy": "subsidy",
  "selfCheck.writeValues": "Write values instead of formulas",
  "selfCheck.writeValuesHint": "Partnerkaart then writes the columns beside the register and the summary as the values it worked out; Excel no longer recomputes them when a score changes.",
};

export type SelfCheckMessageKey = keyof typeof en;

const nl: Record<SelfCheckMessageKey, string> = {
  "selfCheck.heading": "Controle in Excel",
  "selfCheck.agrees": "Excel berekende hetzelfde als het paneel: positie en strategie in {checked} rijen, en de samenvatting.",
  "selfCheck.partly": "De eerste {checked} van {total} rijen zijn een voor een vergeleken; de samenvatting omvat ze allemaal.",
  "selfCheck.differs.title": "Excel berekende iets anders dan het paneel",
  "selfCheck.differs.rows": "In {count} rijen geven de formules een andere positie of strategie dan Partnerkaart berekende: een formule leest een tekst in deze Excel anders, of een cel die de formules lezen is gewijzigd.",
  "selfCheck.differs.oneRow": "In rij {row} geven de formules een andere positie of strategie dan Partnerkaart berekende: een formule leest een tekst in deze Excel anders, of een cel die de formules lezen is gewijzigd.",
  "selfCheck.differs.summaryOnly": "De formules van de samenvatting geven andere cijfers dan Partnerkaart berekende.",
  "selfCheck.col.row": "Rij",
  "selfCheck.col.column": "Kolom",
  "selfCheck.col.excel": "Excel toont",
  "selfCheck.col.expected": "Verwacht",
  "selfCheck.column.position": "Positie",
  "selfCheck.column.strategy": "Strategie",
  "selfCheck.empty": "(leeg)",
  "selfCheck.moreRows": "… en nog {count} rijen.",
  "selfCheck.summaryLine": "Samenvatting, {item} ({measure}): Excel toont {excel}, verwacht {expected}.",
  "selfCheck.measure.count": "aantal",
  "selfCheck.measure.subsidy": "subsidie",
  "selfCheck.writeValues": "Waarden schrijven in plaats van formules",
  "selfCheck.writeValuesHint": "Partnerkaart schrijft dan de kolommen naast het register en de samenvatting als de waarden die het zelf berekende; Excel rekent ze niet opnieuw uit als een score verandert.",
};

const catalogs: Record<Language, Record<SelfCheckMessageKey, string>> = { en, nl };

/** Self-check text for `key` in `language`, with {placeholders} filled from `params`. */
export function selfCheckText(language: Language, key: SelfCheckMessageKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(catalogs[language][key], params);
}
