/** @jest-environment jsdom */
/** What the pane shows for a large, messy register: notes on the register, skipped rows a page at a time. */
import "@testing-library/jest-dom";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { DUPLICATES_SHOWN, SKIPPED_PAGE } from "../../src/taskpane/RegisterNotes";
import type { CellValue } from "../../src/core/types";
import { FakeWorkbookHost, sheetFromRows } from "../support/fake-host";
import { openSection } from "./open-section";

/** `usable` partners, then `noInfluence` rows without an influence score and `outOfScale` with dependency 9 on 1–5. */
function messyRegister(usable: number, noInfluence: number, outOfScale: number, repeatedNames: number): CellValue[][] {
  const rows: CellValue[][] = [["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)"]];
  for (let i = 0; i < usable; i++) rows.push([`Partner ${i}`, 1 + (i % 5), 1 + ((i * 3) % 5)]);
  // Each of the first `repeatedNames` partners has a second grant further down.
  for (let i = 0; i < repeatedNames; i++) rows.push([`Partner ${i}`, 3, 3]);
  for (let i = 0; i < noInfluence; i++) rows.push([`Zonder score ${i}`, "", 2]);
  for (let i = 0; i < outOfScale; i++) rows.push([`Buiten schaal ${i}`, 2, 9]);
  return rows;
}

test("many skipped rows: counts per reason, the first page listed, more on request", async () => {
  const user = userEvent.setup({ delay: null });
  const noInfluence = 70;
  const outOfScale = 40;
  render(<App host={new FakeWorkbookHost({ sheets: [sheetFromRows("Register", messyRegister(20, noInfluence, outOfScale, 0))] })} />);
  const section = await openSection(user, "Skipped rows");
  const reasons = within(section).getByRole("list", { name: "Skipped rows per reason" });
  expect(within(reasons).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
    `No influence score: ${noInfluence}`,
    `Dependency outside the scale: ${outOfScale}`,
  ]);
  const total = noInfluence + outOfScale;
  expect(within(section).getByText(`The first ${SKIPPED_PAGE} of ${total} skipped rows:`)).toBeInTheDocument();
  const selectButtons = () => within(section).getAllByRole("button", { name: /^Select row/ });
  expect(selectButtons()).toHaveLength(SKIPPED_PAGE);
  await user.click(within(section).getByRole("button", { name: `Show ${SKIPPED_PAGE} more` }));
  expect(selectButtons()).toHaveLength(2 * SKIPPED_PAGE);
  await user.click(within(section).getByRole("button", { name: `Show ${total - 2 * SKIPPED_PAGE} more` }));
  expect(selectButtons()).toHaveLength(total);
  expect(within(section).queryByRole("button", { name: /^Show/ })).not.toBeInTheDocument();
  // The last skipped row is the last register row: sheet row 1 (header) + 20 + 70 + 40.
  expect(within(section).getByRole("button", { name: `Select row ${1 + 20 + total}` })).toBeInTheDocument();
});

test("a few skipped rows are listed without paging or counts", async () => {
  render(<App host={new FakeWorkbookHost({ sheets: [sheetFromRows("Register", messyRegister(10, 2, 1, 0))] })} />);
  const section = await openSection(userEvent.setup({ delay: null }), "Skipped rows");
  expect(within(section).getAllByRole("button", { name: /^Select row/ })).toHaveLength(3);
  expect(within(section).queryByRole("list", { name: "Skipped rows per reason" })).not.toBeInTheDocument();
});

test("partners on more than one row are noted, the first few by name and the rest counted, in the user's language", async () => {
  const repeated = DUPLICATES_SHOWN + 4;
  render(
    <App host={new FakeWorkbookHost({ language: "nl", sheets: [sheetFromRows("Register", messyRegister(30, 0, 0, repeated))] })} />,
  );
  // Duplicates need the user's eye: the section opens by itself.
  const notes = await screen.findByRole("region", { name: "Opmerkingen bij het register even nakijken" });
  expect(within(notes).getByRole("button", { name: /^Opmerkingen bij het register/ })).toHaveAttribute("aria-expanded", "true");
  const items = within(notes).getAllByRole("listitem").map((item) => item.textContent);
  // Partner 0 is on sheet row 2 and again on row 2 + 30.
  expect(items[0]).toBe('Partner "Partner 0" staat op rijen 2, 32.');
  expect(items).toHaveLength(DUPLICATES_SHOWN + 1);
  expect(items.at(-1)).toBe(`…en nog ${repeated - DUPLICATES_SHOWN} partners die op meer dan één rij staan.`);
});
