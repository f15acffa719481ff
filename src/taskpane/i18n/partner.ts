/**
 * Texts of the partner pages and the check before sharing (issue 20). They live with the partner
 * section, which is loaded when first opened, not in the pane's catalogs: the first download stays
 * within its budget. The section's heading stays in the pane's catalogs.
 */
import type { Language } from "../../core/host";
import { fillTemplate } from "./index";

const en = {
  "partner.intro": "A sheet to share with one partner: its own scores, strategy and advised movement, and a chart in which the other partners are grey points without names.",
  "partner.choose": "Partners",
  "partner.belowLine": "Choose all below the line",
  "partner.subsidy": "Show the partner's own subsidy",
  "partner.make": "Make partner page",
  "partner.making": "Making partner pages…",
  "partner.made": "Made: {sheets}. To share a page alone: right-click its tab, Move or Copy, (new book).",
  "partner.share.check": "Check before sharing",
  "partner.share.intro": "Sharing the whole workbook shows a partner the following. Nothing is removed.",
  "partner.share.none": "Nothing found that a partner should not see.",
  "partner.share.commentsUnchecked": "Comments were not checked (this Excel is older than ExcelApi 1.10).",
  "partner.share.notesUnchecked": "Notes were not checked (this Excel is older than ExcelApi 1.18): look for the red corner in a cell, or Review, Notes, Show All Notes.",
  "partner.share.goTo": "Go to",
  "partner.share.partner-data": "Sheet \"{sheet}\", {address}: names and scores of {detail} partners",
  "partner.share.subsidy-column": "Sheet \"{sheet}\", {address}: subsidy column \"{detail}\"",
  "partner.share.partner-page": "Sheet \"{sheet}\": the partner page of \"{detail}\"",
  "partner.share.hidden-sheet": "Hidden sheet \"{sheet}\" holds data (unhide it to look: right-click a sheet tab, Unhide)",
  "partner.share.hidden-columns": "Sheet \"{sheet}\": hidden column(s) {detail} hold data",
  "partner.share.hidden-rows": "Sheet \"{sheet}\": hidden row(s) {detail} hold data",
  "partner.share.name-to-hidden-data": "Name {detail} points to hidden data on sheet \"{sheet}\" ({address})",
  "partner.share.comment": "Comment on sheet \"{sheet}\", {address}: \"{detail}\"",
  "partner.share.note": "Note on sheet \"{sheet}\", {address}: \"{detail}\"",
};

export type PartnerMessageKey = keyof typeof en;

const nl: Record<PartnerMessageKey, string> = {
  "partner.intro": "Een blad om met één partner te delen: zijn eigen scores, strategie en geadviseerde beweging, en een grafiek waarin de andere partners grijze punten zonder naam zijn.",
  "partner.choose": "Partners",
  "partner.belowLine": "Kies alle partners onder de lijn",
  "partner.subsidy": "Toon de eigen subsidie van de partner",
  "partner.make": "Partnerpagina maken",
  "partner.making": "Partnerpagina's worden gemaakt…",
  "partner.made": "Gemaakt: {sheets}. Een pagina los delen: klik met rechts op het tabblad, Verplaatsen of kopiëren, (nieuwe map).",
  "partner.share.check": "Controleren voor delen",
  "partner.share.intro": "Wie de hele werkmap krijgt, ziet het volgende. Er wordt niets verwijderd.",
  "partner.share.none": "Niets gevonden dat een partner niet zou moeten zien.",
  "partner.share.commentsUnchecked": "Opmerkingen zijn niet gecontroleerd (deze Excel is ouder dan ExcelApi 1.10).",
  "partner.share.notesUnchecked": "Notities zijn niet gecontroleerd (deze Excel is ouder dan ExcelApi 1.18): let op het rode hoekje in een cel, of Controleren, Notities, Alle notities weergeven.",
  "partner.share.goTo": "Ga naar",
  "partner.share.partner-data": "Blad \"{sheet}\", {address}: namen en scores van {detail} partners",
  "partner.share.subsidy-column": "Blad \"{sheet}\", {address}: subsidiekolom \"{detail}\"",
  "partner.share.partner-page": "Blad \"{sheet}\": de partnerpagina van \"{detail}\"",
  "partner.share.hidden-sheet": "Verborgen blad \"{sheet}\" bevat gegevens (zichtbaar maken: klik met rechts op een tabblad, Zichtbaar maken)",
  "partner.share.hidden-columns": "Blad \"{sheet}\": verborgen kolom(men) {detail} bevatten gegevens",
  "partner.share.hidden-rows": "Blad \"{sheet}\": verborgen rij(en) {detail} bevatten gegevens",
  "partner.share.name-to-hidden-data": "Naam {detail} verwijst naar verborgen gegevens op blad \"{sheet}\" ({address})",
  "partner.share.comment": "Opmerking op blad \"{sheet}\", {address}: \"{detail}\"",
  "partner.share.note": "Notitie op blad \"{sheet}\", {address}: \"{detail}\"",
};

const catalogs: Record<Language, Record<PartnerMessageKey, string>> = { en, nl };

/** Partner-section text for `key` in `language`, with {placeholders} filled from `params`. */
export function partnerText(language: Language, key: PartnerMessageKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(catalogs[language][key], params);
}
