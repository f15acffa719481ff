/** Small in-memory registers for the pane tests, written the way civil servants write them. */
import type { CellValue } from "../../src/core/types";
import { sheetFromRows } from "../support/fake-host";

/**
 * Five usable partners and one with an unusable influence ("n.v.t.", sheet row 7). The money sits
 * in a column headed "Geld", which no detector should take for a subsidy column without help.
 */
export const PARTNER_ROWS: CellValue[][] = [
  ["Partner", "Maatschappelijk doel", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Opmerking", "Geld"],
  ["Bibliotheek", "Geletterdheid", 5, 5, "nee", "", 300000],
  ["Schoolbestuur", "Gelijke kansen", 2, 4, "nee", "", 150000],
  ["Welzijnsinstelling", "Participatie", 3, 5, "ja", "", 200000],
  ["Opdrachtnemer", "Participatie", 4, 2, "ja", "", 50000],
  ["Kleine partner", "Participatie", 1.5, 1.5, "ja", "", 10000],
  ["Onbekende partner", "Participatie", "n.v.t.", 3, "nee", "", 5000],
];

export const partnerSheet = (name = "Partners") => sheetFromRows(name, PARTNER_ROWS);

/** A sheet with notes but no register. */
export const notesSheet = (name = "Notities") =>
  sheetFromRows(name, [["Overleg met partners"], ["Agenda volgt"], [""], ["Zie ook het jaarplan"]]);

/** Scores on a 1–10 scale without a hint in the header. */
export const tenPointSheet = (name = "Scores") =>
  sheetFromRows(name, [
    ["Partner", "Invloed", "Afhankelijkheid"],
    ["A", 2, 9],
    ["B", 8, 3],
    ["C", 7, 7],
  ]);

/** Opens a collapsed pane section by its heading button, as a user would (no-op when open). */
export async function openSection(user: { click: (element: Element) => Promise<void> }, name: string | RegExp): Promise<HTMLElement> {
  const { screen } = await import("@testing-library/react");
  const toggle = await screen.findByRole("button", { name, expanded: false }).catch(() => null);
  if (toggle) await user.click(toggle);
  return screen.getByRole("region", { name });
}
