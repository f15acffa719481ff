import type { Language } from "../host";
import type { AnalysisWarning } from "../types";
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

/** `template` with its {placeholders} filled from `params` (an unknown one stays as it is). */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * An analysis warning in `language`: its parameters that name a concept or an axis are words of
 * that language too ("invloed", not "influence").
 */
export function warningText(language: Language, warning: AnalysisWarning): string {
  if (!warning.params) return warning.message;
  const params = { ...warning.params };
  if (warning.code === "hidden-column" && typeof params.concept === "string") params.concept = t(language, `concept.${params.concept}` as MessageKey);
  if ("axis" in params) params.axis = t(language, params.axis === "influence" ? "concept.influence" : "concept.dependency").toLowerCase();
  return t(language, `warning.${warning.code}`, params);
}
