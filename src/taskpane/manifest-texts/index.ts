/**
 * Texts of the add-in's shell: what Office shows before the pane runs (manifest display name,
 * description, ribbon button, "get started" callout) and the static support page. They live in
 * texts.json so that webpack.config.js (plain Node) can read them too; test/manifest checks that
 * manifest.xml carries exactly these strings, so the manifest and this resource stay in step.
 */
import texts from "./texts.json";

export type ShellLanguage = keyof typeof texts;
export type ShellTextKey = keyof typeof texts.en;

/** Every language must provide every key the English set has. */
export const shellTexts: Record<ShellLanguage, Record<ShellTextKey, string>> = texts;

/** The manifest's DefaultLocale and the locale of each language's Override element. */
export const manifestLocales: Record<ShellLanguage, string> = { en: "en-US", nl: "nl-NL" };
