import { createContext, useContext } from "react";
import type { Language } from "../../core/host";
import { t as coreText, type MessageKey as CoreMessageKey } from "../../core/i18n";
import { en as coreEn } from "../../core/i18n/en";
import { en, type PaneMessageKey } from "./en";
import { nl } from "./nl";

export type { PaneMessageKey };

type Params = Record<string, string | number>;

const catalogs: Record<Language, Record<PaneMessageKey, string>> = { en, nl };

export function fillTemplate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Pane text for `key` in `language`, with {placeholders} filled from `params`. */
export function paneText(language: Language, key: PaneMessageKey, params: Params = {}): string {
  return fillTemplate(catalogs[language][key], params);
}

function isCoreKey(key: string): key is CoreMessageKey {
  return Object.prototype.hasOwnProperty.call(coreEn, key);
}

function isPaneKey(key: string): key is PaneMessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * A text whose key arrives at run time (host notices): looked up in the pane's catalog, then the
 * core's; an unknown key is shown as it is with its parameters, so nothing the host says is lost.
 */
export function dynamicText(language: Language, key: string, params: Params = {}): string {
  if (isPaneKey(key)) return paneText(language, key, params);
  if (isCoreKey(key)) return coreText(language, key, params);
  const rendered = Object.entries(params)
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
  return rendered ? `${key} (${rendered})` : key;
}

/** Everything a component needs to speak the user's language. */
export interface Texts {
  language: Language;
  /** Pane texts. */
  p: (key: PaneMessageKey, params?: Params) => string;
  /** Core texts: strategies, concepts, skip reasons, register errors. */
  c: (key: CoreMessageKey, params?: Params) => string;
  /** Keys that arrive at run time. */
  any: (key: string, params?: Params) => string;
  /** The locale for numbers and currency. */
  locale: string;
}

export function makeTexts(language: Language): Texts {
  return {
    language,
    p: (key, params) => paneText(language, key, params),
    c: (key, params) => coreText(language, key, params),
    any: (key, params) => dynamicText(language, key, params),
    locale: language === "nl" ? "nl-NL" : "en-GB",
  };
}

export const TextsContext = createContext<Texts>(makeTexts("en"));

export function useTexts(): Texts {
  return useContext(TextsContext);
}
