/**
 * Texts the history writes into the workbook besides the comparison headers (./headers.ts): the
 * comparison block on the parameter sheet and the link table's headers. Kept out of the core
 * catalogs, so the pane's first download does not carry them.
 */
import type { Language } from "../host";

const en = {
  "rename.earlierName": "Earlier name",
  "rename.currentName": "Current name",
  "rename.number": "Link no.",
  "compare.caption": "Compared with an earlier assessment",
  "compare.date": "Date",
  "compare.label": "Label",
  "compare.countThen": "Partners then",
  "compare.subsidyThen": "Subsidy then",
  "compare.changed": "Changed strategy",
} as const;

export type HistoryTextKey = keyof typeof en;

const nl: Record<HistoryTextKey, string> = {
  "rename.earlierName": "Eerdere naam",
  "rename.currentName": "Huidige naam",
  "rename.number": "Koppeling nr.",
  "compare.caption": "Vergeleken met eerdere beoordeling",
  "compare.date": "Datum",
  "compare.label": "Label",
  "compare.countThen": "Partners toen",
  "compare.subsidyThen": "Subsidie toen",
  "compare.changed": "Van strategie veranderd",
};

const catalogs: Record<Language, Record<HistoryTextKey, string>> = { en, nl };

export function historyText(language: Language, key: HistoryTextKey): string {
  return catalogs[language][key];
}
