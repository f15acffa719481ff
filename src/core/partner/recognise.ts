/**
 * How a sheet is known to be a partner page: by its content, never its name (a user may rename
 * it, and may own a sheet called after a partner). A1 holds the page title in Dutch or English and
 * B3 the partner's name, as src/excel/partner-page writes them.
 */
import { t } from "../i18n";

/** The cells that identify a page, read as one block. */
export const PAGE_HEAD_ADDRESS = "A1:B3";

const PAGE_TITLES = new Set((["nl", "en"] as const).map((language) => t(language, "partner.title")));

/** The partner whose page this is, from the sheet's A1:B3 values; null when the sheet is no page. */
export function partnerOfPage(head: readonly (readonly unknown[])[]): string | null {
  if (!PAGE_TITLES.has(String(head[0]?.[0] ?? ""))) return null;
  const partner = head[2]?.[1];
  return typeof partner === "string" && partner !== "" ? partner : null;
}
