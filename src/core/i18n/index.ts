import type { Language } from "../host";
import { en, type MessageKey } from "./en";
import { nl } from "./nl";

export type { MessageKey };

const catalogs: Record<Language, Record<MessageKey, string>> = { en, nl };

/** The text for `key` in `language`, with {placeholders} filled from `params`. */
export function t(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
