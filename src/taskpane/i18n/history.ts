/**
 * Texts of the history section's live comparison and rename links (issue 19). They live with the
 * section, which is loaded when first shown, not in the pane's catalogs: the first download stays
 * within its budget.
 */
import type { Language } from "../../core/host";
import { fillTemplate } from "./index";

const en = {
  "history.inRegister": "Show this comparison in the register (live columns, and the money then on the Partnerkaart sheet) on the next Analyse and write; formulas only",
  "history.year.option": "{label} – the register's own columns",
  "history.year.record": "Record {label} on the history sheet (dated {date}) to show this comparison in the register",
  "history.year.exists": "An assessment labelled \"{label}\" with that date is already recorded: choose it in the list.",
  "history.link.heading": "Partner renamed? Link the new name to the earlier one",
  "history.link.current": "New name",
  "history.link.earlier": "Earlier name",
  "history.link.button": "Link",
  "history.link.done": "\"{current}\" is linked to \"{earlier}\"; the link is kept on the sheet \"Partnerkaart historie\".",
  "history.link.failed": "Linking failed: {details}",
};

export type HistoryPaneKey = keyof typeof en;

const nl: Record<HistoryPaneKey, string> = {
  "history.inRegister": "Deze vergelijking in het register tonen (live kolommen, en het geld toen op het blad Partnerkaart) bij de volgende keer Analyseren en schrijven; alleen met formules",
  "history.year.option": "{label} – de eigen kolommen van het register",
  "history.year.record": "{label} vastleggen op het historieblad (met datum {date}) om deze vergelijking in het register te tonen",
  "history.year.exists": "Er is al een beoordeling met label \"{label}\" en die datum vastgelegd: kies die in de lijst.",
  "history.link.heading": "Partner hernoemd? Koppel de nieuwe naam aan de eerdere",
  "history.link.current": "Nieuwe naam",
  "history.link.earlier": "Eerdere naam",
  "history.link.button": "Koppelen",
  "history.link.done": "\"{current}\" is gekoppeld aan \"{earlier}\"; de koppeling staat op het blad \"Partnerkaart historie\".",
  "history.link.failed": "Koppelen is niet gelukt: {details}",
};

const catalogs: Record<Language, Record<HistoryPaneKey, string>> = { en, nl };

/** History-section text for `key` in `language`, with {placeholders} filled from `params`. */
export function historyPaneText(language: Language, key: HistoryPaneKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(catalogs[language][key], params);
}
