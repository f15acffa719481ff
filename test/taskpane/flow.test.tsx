/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { FakeWorkbookHost } from "../support/fake-host";
import { openSection } from "./open-section";
import { PARTNER_ROWS, partnerSheet } from "../support/registers";

/** The amounts of the usable partners (the "n.v.t." row is skipped), summed here from the register itself. */
const usableAmounts = PARTNER_ROWS.slice(1)
  .filter((row) => typeof row[2] === "number")
  .map((row) => row[6] as number);

function rowOf(table: HTMLElement, label: string): HTMLElement {
  const row = within(table)
    .getAllByRole("row")
    .find((r) => within(r).queryAllByRole("cell")[0]?.textContent?.includes(label));
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

function cellsOf(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole("cell")
    .map((cell) => cell.textContent ?? "");
}

test("detect, correct a mapping, change the line, apply: the result shows counts and euros, state is saved, focus moves", async () => {
  const user = userEvent.setup({ delay: null });
  const host = new FakeWorkbookHost({ sheets: [partnerSheet()], notices: [{ key: "chart.notice.noSubsidy", params: {} }] });
  render(<App host={host} />);

  // Detection: where, how many, skipped.
  await screen.findByRole("heading", { name: "Register" });
  expect(screen.getByText('Range A1:G7 on sheet "Partners"')).toBeInTheDocument();
  expect(screen.getByText("Partners analysed: 5")).toBeInTheDocument();
  expect(screen.getByText("Rows skipped: 1 (see below)")).toBeInTheDocument();
  expect(screen.getByText("Columns recognised")).toBeInTheDocument();
  await openSection(user, "Columns");
  expect(await screen.findByRole("combobox", { name: "Influence" })).toHaveDisplayValue("C: Invloed");
  expect(screen.getByRole("combobox", { name: "Subsidy" })).toHaveDisplayValue("(none)");
  expect(within(screen.getByRole("group", { name: "Influence scale" })).getByText("1–5 (from the values)")).toBeInTheDocument();

  // Correct a mapping: the money is in "Geld" (column G).
  const subsidy = screen.getByRole("combobox", { name: "Subsidy" });
  await user.selectOptions(subsidy, within(subsidy).getByRole("option", { name: "G: Geld" }));
  expect(screen.getByRole("combobox", { name: "Subsidy" })).toHaveDisplayValue("G: Geld");

  // Change the line: 1 for a replaceable partner, 3 for an irreplaceable one. The preview follows.
  await openSection(user, "Ambition line");
  const atLowest = await screen.findByRole("textbox", { name: "Required influence of a replaceable partner" });
  const atHighest = screen.getByRole("textbox", { name: "Required influence of an irreplaceable partner" });
  expect(atLowest).toHaveValue("2");
  expect(atHighest).toHaveValue("4");
  await user.clear(atLowest);
  await user.type(atLowest, "1");
  await user.clear(atHighest);
  await user.type(atHighest, "3");
  // The handles on the chart follow the fields.
  expect(screen.getByRole("slider", { name: "Line at the lowest dependency" })).toHaveAttribute("aria-valuenow", "1");
  expect(screen.getByRole("slider", { name: "Line at the highest dependency" })).toHaveAttribute("aria-valuenow", "3");

  // Apply, with progress shown while the host works.
  const gate = host.holdApplies();
  await user.click(screen.getByRole("button", { name: "Analyse and write" }));
  await gate.started;
  expect(await screen.findByRole("progressbar")).toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent("Reading the sheet");
  gate.release();
  const heading = await screen.findByRole("heading", { name: "Result" });
  await waitFor(() => expect(heading).toHaveFocus());
  expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();

  // What was applied: the corrected column and the typed line.
  expect(host.applies).toHaveLength(1);
  expect(host.applies[0].settings.mapping?.subsidy).toBe(6);
  expect(host.applies[0].settings.line).toEqual({ atLowestDependency: 1, atHighestDependency: 3 });
  expect(host.applies[0].output.language).toBe("en");

  // On the line 1→3 over dependency 1–5 only the school board (influence 2 at dependency 4,
  // required 2.5) stays below; the small partner (1.5 at 1.5, required 1.25) rises above.
  const byPosition = screen.getByRole("table", { name: "Per position" });
  // Whole euros in the overview.
  expect(cellsOf(rowOf(byPosition, "Below the line"))).toEqual(["Below the line", "1", "€150,000"]);
  expect(cellsOf(rowOf(byPosition, "On or above the line"))[1]).toBe("4");
  const byStrategy = screen.getByRole("table", { name: "Per strategy" });
  expect(cellsOf(rowOf(byStrategy, "Strengthen or replace"))[1]).toBe("0");
  expect(cellsOf(rowOf(byStrategy, "Businesslike contracting"))).toEqual(["Businesslike contracting", "2", "€60,000"]);
  const total = usableAmounts.reduce((a, b) => a + b, 0);
  expect(cellsOf(rowOf(byStrategy, "Total"))[2]).toBe(`€${Math.round(total).toLocaleString("en-GB")}`);
  // Where things went, in words: the chart by name and sheet; the new columns by letter (this
  // test host writes no header texts, so the letters after the register's last column G).
  expect(screen.getByText('Chart "Partnerkaart" on sheet "Partners".')).toBeInTheDocument();
  const newColumns = screen.getByRole("list", { name: 'New columns on sheet "Partners":' });
  expect(within(newColumns).getAllByRole("listitem").map((item) => item.textContent)).toEqual(["Column H", "Column I", "Column J", "Column K"]);
  // A notice of the host, in words.
  expect(screen.getByText("The register has no subsidy amounts: markers are not sized.")).toBeInTheDocument();

  // Remembered after the apply, with the sheet it belongs to.
  expect(host.savedStates).toHaveLength(1);
  expect(host.savedStates[0].sheetName).toBe("Partners");
  expect(host.savedStates[0].settings.mapping?.subsidy).toBe(6);

  // Re-apply updates the result in place (one result, two applies).
  await user.click(screen.getByRole("button", { name: "Write again" }));
  await waitFor(() => expect(host.applies).toHaveLength(2));
  await waitFor(() => expect(screen.getAllByRole("heading", { name: "Result" })).toHaveLength(1));
});

test("a skipped row explains itself and its button selects that row", async () => {
  const user = userEvent.setup({ delay: null });
  const host = new FakeWorkbookHost({ sheets: [partnerSheet()] });
  render(<App host={host} />);
  // On the first screen: the skipped row with its reason.
  const card = await screen.findByRole("region", { name: "Register" });
  expect(within(card).getByText('row 7: influence "n.v.t." in column C is not a usable score')).toBeInTheDocument();
  const section = await openSection(user, "Skipped rows");
  // Sheet row 7 holds "n.v.t." as influence in column C.
  expect(within(section).getByText('row 7: influence "n.v.t." in column C is not a usable score')).toBeInTheDocument();
  await user.click(within(section).getByRole("button", { name: "Select row 7" }));
  expect(host.selectedRows).toEqual([{ sheetName: "Partners", row: 7 }]);
});

test("in Dutch, with the stored state restored on open", async () => {
  const user = userEvent.setup({ delay: null });
  const host = new FakeWorkbookHost({
    language: "nl",
    sheets: [partnerSheet()],
    storedState: {
      version: 1,
      sheetName: "Partners",
      settings: { mapping: { subsidy: 6 }, line: { atLowestDependency: 1.5, atHighestDependency: 3.5 } },
      output: { mode: "values", chart: { enabled: true, placement: "parameter-sheet", labels: "none", movement: false, sizeBySubsidy: true, goal: null, perGoal: false } },
    },
  });
  render(<App host={host} />);

  await screen.findByRole("heading", { name: "Kolommen" });
  await openSection(user, "Kolommen");
  expect(await screen.findByRole("combobox", { name: "Subsidie" })).toHaveDisplayValue("G: Geld");
  await openSection(user, "Ambitielijn");
  expect(await screen.findByRole("textbox", { name: "Vereiste invloed van een vervangbare partner" })).toHaveValue("1,5");
  expect(screen.getByRole("textbox", { name: "Vereiste invloed van een onvervangbare partner" })).toHaveValue("3,5");
  await openSection(user, "Opties");
  expect(await screen.findByRole("radio", { name: "Alleen waarden" })).toBeChecked();
  expect(screen.getByRole("radio", { name: "Op het parameterblad" })).toBeChecked();
  expect(screen.getByRole("combobox", { name: "Namen bij punten" })).toHaveValue("none");
  // Short option texts (the select is as narrow as the pane); the explanation is the field's hint.
  expect(within(screen.getByRole("combobox", { name: "Namen bij punten" })).getByRole("option", { name: "Automatisch" })).toBeInTheDocument();
  expect(screen.getByText("Automatisch: alle partners, of alleen die onder de lijn als het er veel zijn.")).toBeInTheDocument();
  expect(screen.getByRole("checkbox", { name: "Puntgrootte naar subsidie" })).toBeChecked();
  expect(screen.getByRole("checkbox", { name: "Laten zien waar partners heen moeten" })).not.toBeChecked();
  await openSection(user, "Overgeslagen rijen");
  expect(screen.getByText("Rij 7 selecteren")).toBeInTheDocument();

  await user.click(screen.getByRole("button", { name: "Analyseren en schrijven" }));
  await screen.findByRole("heading", { name: "Resultaat" });
  expect(host.applies[0].output).toMatchObject({ language: "nl", mode: "values" });
  expect(host.applies[0].settings.line).toEqual({ atLowestDependency: 1.5, atHighestDependency: 3.5 });
  // Amounts in Dutch notation.
  const total = usableAmounts.reduce((a, b) => a + b, 0);
  const byStrategy = screen.getByRole("table", { name: "Per strategie" });
  expect(cellsOf(rowOf(byStrategy, "Totaal"))[2]).toBe(`€\u00a0${Math.round(total).toLocaleString("nl-NL")}`);
  expect(within(byStrategy).getByText("Afhankelijkheid verminderen")).toBeInTheDocument();
});
