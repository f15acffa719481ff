import type { Language } from "../host";
import { en, type MessageKey } from "./en";
import { nl } from "./nl";

export type { MessageKey };

const catalogs: Record<Language, Record<MessageKey, string>> = { en, nl };

/** A message split at its {placeholders}: texts at even indices, placeholder names at odd ones. */
type Template = string[];
const templates = new Map<string, Template>();

function templateOf(language: Language, key: MessageKey): Template {
  const id = `${language}:${key}`;
  let template = templates.get(id);
  if (!template) {
    template = catalogs[language][key].split(/\{(\w+)\}/);
    templates.set(id, template);
  }
  return template;
}

/**
 * The text for `key` in `language`, with {placeholders} filled from `params` (an unknown one stays
 * as it is). Templates are split once: a large register asks for thousands of skip messages.
 */
export function t(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = templateOf(language, key);
  let text = template[0];
  for (let i = 1; i < template.length; i += 2) {
    const name = template[i];
    text += (Object.hasOwn(params, name) ? String(params[name]) : `{${name}}`) + template[i + 1];
  }
  return text;
}
