/**
 * The headless command's own texts, typed like the core's: kept out of the core catalogs so the
 * task pane's first download does not carry them.
 */
import type { Language } from "../../core/host";
import { fillTemplate } from "../../core/i18n";
import { cliEn, type CliMessageKey } from "./en";
import { cliNl } from "./nl";

export type { CliMessageKey };

const catalogs: Record<Language, Record<CliMessageKey, string>> = { en: cliEn, nl: cliNl };

/** The command's text for `key` in `language`, {placeholders} filled from `params`. */
export function ct(language: Language, key: CliMessageKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(catalogs[language][key], params);
}
