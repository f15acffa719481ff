/**
 * A worksheet name for a partner page: what Excel accepts (at most 31 characters, none of
 * `[ ] : * ? / \`, no apostrophe at either end, not empty, not the reserved "History") and unique
 * among the workbook's sheets, compared as Excel compares them (case-insensitive).
 */

export const MAX_SHEET_NAME_LENGTH = 31;

/** Excel reserves this name for its change history (any case). */
const RESERVED_SHEET_NAMES = new Set(["history"]);

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f]/g;

/** Whether Excel accepts `name` as a sheet name (uniqueness aside). */
export function isValidSheetName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_SHEET_NAME_LENGTH &&
    !/[[\]:*?/\\\u0000-\u001f\u007f]/.test(name) && // eslint-disable-line no-control-regex
    !name.startsWith("'") &&
    !name.endsWith("'") &&
    !RESERVED_SHEET_NAMES.has(name.toLowerCase())
  );
}

/** Excel compares sheet names without regard to case. */
export function sheetNameKey(name: string): string {
  return name.toLocaleUpperCase("en");
}

/**
 * The sheet name for `partner`: forbidden characters become spaces, runs of white space one
 * space, apostrophes at the ends are dropped, and the result is cut to fit. `isTaken` says
 * whether a candidate is used by a sheet that is not this partner's page; then " (2)", " (3)" …
 * is added, cutting the base further so the whole stays within 31 characters.
 */
export function partnerSheetName(partner: string, isTaken: (candidate: string) => boolean, fallback = "Partner"): string {
  let base = partner.replace(FORBIDDEN, " ").replace(/\s+/g, " ").trim();
  base = trimApostrophes(base);
  if (base === "" || RESERVED_SHEET_NAMES.has(base.toLowerCase())) base = base === "" ? fallback : `${base} (1)`;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const candidate = trimApostrophes(cut(base, MAX_SHEET_NAME_LENGTH - suffix.length).trimEnd()) + suffix;
    if (isValidSheetName(candidate) && !isTaken(candidate)) return candidate;
  }
}

function trimApostrophes(text: string): string {
  return text.replace(/^'+/, "").replace(/'+$/, "").trim();
}

/** The first `max` UTF-16 units, never splitting a surrogate pair (Excel counts units). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
