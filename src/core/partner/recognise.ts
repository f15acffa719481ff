/**
 * How a sheet is known to be a partner page, and how far the page reaches on it: by its content,
 * never its name (a user may rename it, and may own a sheet called after a partner). A1 holds the
 * page title in Dutch or English and B3 the partner's name, as src/excel/partner-page writes them.
 *
 * A page's extent is read from the old page itself, not from the page about to replace it (the
 * old one may come from another version, language or register): its lines are the rows that hold
 * a line label in A, down to the date line, its last; its chart data the rows that hold numbers in
 * N and O and, in M, nothing or a series name. A row past either block is the user's.
 */
import { t, type MessageKey } from "../i18n";
import { LINE_LABEL_KEYS, SERIES_NAME_KEYS } from "./layout";

/** The cells that identify a page, read as one block. */
export const PAGE_HEAD_ADDRESS = "A1:B3";

type Rows = readonly (readonly unknown[])[];

const inBothLanguages = (keys: readonly MessageKey[]) => new Set(keys.flatMap((key) => (["nl", "en"] as const).map((language) => t(language, key))));
const PAGE_TITLES = inBothLanguages(["partner.title"]);
const LINE_LABELS = inBothLanguages(Object.values(LINE_LABEL_KEYS));
const LAST_LINE_LABELS = inBothLanguages([LINE_LABEL_KEYS.date]);
const SERIES_NAMES = inBothLanguages(Object.values(SERIES_NAME_KEYS));

/** The partner whose page this is, from the sheet's A1:B3 values; null when the sheet is no page. */
export function partnerOfPage(head: Rows): string | null {
  if (!PAGE_TITLES.has(String(head[0]?.[0] ?? ""))) return null;
  const partner = head[2]?.[1];
  return typeof partner === "string" && partner !== "" ? partner : null;
}

/**
 * How many of `rows` (a page's A:B from its first line down, as `formulas` reads them) are the
 * page's lines: each holds a line label in A, in either language, and the date line ends them. A
 * row right below the date line is not a line, even when it holds a label.
 */
export function pageLineCount(rows: Rows): number {
  let count = 0;
  for (const [label] of rows) {
    if (typeof label !== "string" || !LINE_LABELS.has(label)) break;
    count += 1;
    if (LAST_LINE_LABELS.has(label)) break;
  }
  return count;
}

/**
 * How many of `rows` (a page's M:O from its first data row down, as `formulas` reads them) are the
 * page's chart data: a number in N and in O, and in M nothing, a series name in either language or
 * the partner's name. A formula is never the page's (a page writes values only).
 */
export function chartDataRowCount(rows: Rows, partner: string): number {
  const isName = (name: unknown) => name === "" || name === partner || (typeof name === "string" && SERIES_NAMES.has(name));
  let count = 0;
  while (count < rows.length) {
    const [name, x, y] = rows[count];
    if (!(isName(name) && typeof x === "number" && typeof y === "number")) break;
    count += 1;
  }
  return count;
}
