/** @jest-environment jsdom */
/**
 * The pane over the real Office.js host (src/excel) and the strict Excel double, for what only a
 * real apply shows (issue 15): the wait while Excel is in cell edit mode, with Cancel, and the
 * self-check of what Excel computed, with the offer to write values instead of formulas.
 */
import "./jsdom-text-encoder";
import "@testing-library/jest-dom";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { analyzeSheet } from "../../src/core/analyze";
import { t } from "../../src/core/i18n";
import { PARAMETER_NAMES } from "../../src/core/names";
import { App } from "../../src/taskpane/App";
import { makeHarness, type Harness } from "../excel/harness";
import { sheetFromRows } from "../support/fake-host";
import { openSection } from "./open-section";
import { PARTNER_ROWS } from "../support/registers";

const user = () => userEvent.setup({ delay: null });

/** The register of ./registers in the double, the host speaking `language`. */
function harnessWithRegister(language: "en-US" | "nl-NL" = "en-US"): Harness {
  const harness = makeHarness(undefined, { language });
  harness.driver.loadSnapshot(sheetFromRows("Partners", PARTNER_ROWS));
  return harness;
}

/** The 1-based sheet row of a partner in PARTNER_ROWS (the header is row 1). */
const rowOf = (partner: string) => PARTNER_ROWS.findIndex((row) => row[0] === partner) + 1;

/** The cell of the parameter sheet's yes-word list that holds `word` (the add-in keeps a user's edit there). */
function yesWordCell(harness: Harness, word: string): { sheet: string; address: string } {
  const name = harness.driver.names().find((n) => n.name === PARAMETER_NAMES.yesWords);
  if (!name) throw new Error("No yes-word list was written");
  const match = /^=(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+):\$?[A-Z]+\$?(\d+)$/.exec(name.formula);
  if (!match) throw new Error(`Unexpected reference ${name.formula}`);
  const sheet = (match[1] ?? match[2]).replace(/''/g, "'");
  const column = match[3];
  const values = harness.driver.values(sheet, `${column}${match[4]}:${column}${match[5]}`);
  const at = values.findIndex((row) => row[0] === word);
  if (at < 0) throw new Error(`"${word}" is not in the yes-word list`);
  return { sheet, address: `${column}${Number(match[4]) + at}` };
}

test("while Excel waits for a cell edit the pane says so and offers Cancel; cancelled, it says so calmly and nothing is written", async () => {
  const u = user();
  const harness = harnessWithRegister();
  render(<App host={harness.host} />);
  const card = await screen.findByRole("region", { name: "Register" });
  const before = harness.driver.snapshotAll();

  harness.driver.enterCellEditMode();
  await u.click(within(card).getByRole("button", { name: "Analyse and write" }));
  const waiting = await screen.findByRole("group", { name: "Finish editing the cell" });
  expect(within(waiting).getByText(/finish editing it \(Enter or Esc\)/)).toBeInTheDocument();
  expect(harness.driver.snapshotAll()).toEqual(before);

  await u.click(within(waiting).getByRole("button", { name: "Cancel" }));
  const stopped = 'Stopped: nothing was written to sheet "Partners".';
  // Shown on the pane and said once by the live region.
  await waitFor(() => expect(screen.getAllByText(stopped).filter((element) => !screen.getByRole("status").contains(element))).toHaveLength(1));
  expect(within(screen.getByRole("status")).getByText(stopped)).toBeInTheDocument();
  expect(screen.queryByRole("group", { name: "Finish editing the cell" })).not.toBeInTheDocument();
  // A cancel is the user's choice: no error alert, no result, and Apply is offered again.
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  expect(screen.queryByRole("heading", { name: "Result" })).not.toBeInTheDocument();
  expect(within(card).getByRole("button", { name: "Analyse and write" })).toBeEnabled();

  // The edit ends later: still nothing written.
  harness.driver.exitCellEditMode();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(harness.driver.snapshotAll()).toEqual(before);
});

test("when the user leaves the cell the wait ends by itself and the apply writes", async () => {
  const u = user();
  const harness = harnessWithRegister("nl-NL");
  render(<App host={harness.host} />);
  const card = await screen.findByRole("region", { name: "Register" });
  harness.driver.enterCellEditMode();
  await u.click(within(card).getByRole("button", { name: "Analyseren en schrijven" }));
  const waiting = await screen.findByRole("group", { name: "Rond het bewerken van de cel af" });
  expect(within(waiting).getByRole("button", { name: "Annuleren" })).toBeInTheDocument();
  harness.driver.exitCellEditMode();
  expect(await screen.findByRole("heading", { name: "Resultaat" }, { timeout: 5000 })).toBeInTheDocument();
  expect(screen.queryByRole("group", { name: "Rond het bewerken van de cel af" })).not.toBeInTheDocument();
  expect(harness.driver.sheetNames()).toContain("Partnerkaart");
});

test("a correct apply: the result says Excel computed the same as the pane", async () => {
  const u = user();
  const harness = harnessWithRegister();
  render(<App host={harness.host} />);
  const card = await screen.findByRole("region", { name: "Register" });
  await u.click(within(card).getByRole("button", { name: "Analyse and write" }));
  const result = await screen.findByRole("region", { name: "Result" }, { timeout: 5000 });
  expect(within(result).getByRole("heading", { name: "Check in Excel" })).toBeInTheDocument();
  // Rows 2–7 of the register: five partners and the skipped row, which must stay empty.
  expect(within(result).getByText("Excel computed the same as the pane: position and strategy in 6 rows, and the summary.")).toBeInTheDocument();
  expect(within(result).queryByRole("group", { name: "Excel computed something else than the pane" })).not.toBeInTheDocument();
});

test("Excel computes something else after a yes-word was changed: the rows, what Excel shows, what was expected; values mode fixes it", async () => {
  const u = user();
  const harness = harnessWithRegister();
  render(<App host={harness.host} />);
  const card = await screen.findByRole("region", { name: "Register" });
  // Without the chart: switching a workbook written with a chart from formulas to values is refused
  // today (the chart's helper cells on the parameter sheet do not prove themselves ours in the other
  // mode; reported to the lead), which is the core's to fix, not the pane's.
  const options = await openSection(u, "Options");
  await u.click(within(options).getByRole("checkbox", { name: "Draw a chart" }));
  await u.click(within(card).getByRole("button", { name: "Analyse and write" }));
  await screen.findByText("Excel computed the same as the pane: position and strategy in 6 rows, and the summary.", {}, { timeout: 5000 });

  // A colleague edits the parameter sheet's yes-word list (the add-in keeps such edits): "ja" no longer counts.
  const cell = yesWordCell(harness, "ja");
  await harness.driver.setCell(cell.sheet, cell.address, "jawel");
  await u.click(within(card).getByRole("button", { name: "Write again" }));

  const notice = await screen.findByRole("group", { name: "Excel computed something else than the pane" }, { timeout: 5000 });
  // The core still reads "ja" as yes: the welfare institution (3 at dependency 5) should reduce its
  // dependency; Excel's formula, without "ja" in the list, says raise influence.
  const expected = analyzeSheet(sheetFromRows("Partners", PARTNER_ROWS));
  const welfare = expected.rows.find((row) => row.partner === "Welzijnsinstelling")!;
  expect(welfare.strategy).toBe("reduce-dependency");
  const rows = within(within(notice).getByRole("table")).getAllByRole("row").slice(1);
  const cells = rows.map((row) => within(row).getAllByRole("cell").map((c) => c.textContent));
  expect(cells).toContainEqual([String(rowOf("Welzijnsinstelling")), "Strategy", t("en", "strategy.raise-influence"), t("en", "strategy.reduce-dependency")]);
  expect(cells).toHaveLength(1);
  expect(within(notice).getByText(/^In row 4 the formulas give another position or strategy/)).toBeInTheDocument();
  // The summary's figures that differ, in the pane's words and money.
  expect(within(notice).getByText("Summary, Reduce dependency (number): Excel shows 0, expected 1.")).toBeInTheDocument();
  // The host's one-line notice is not repeated under Notes.
  expect(screen.queryByText(/Choose Values only and apply again/)).not.toBeInTheDocument();

  await u.click(within(notice).getByRole("button", { name: "Write values instead of formulas" }));
  await waitFor(() => expect(screen.queryByRole("group", { name: "Excel computed something else than the pane" })).not.toBeInTheDocument(), { timeout: 5000 });
  await screen.findByRole("region", { name: "Result" });
  // The choice follows: the next apply writes values too.
  expect(within(screen.getByRole("region", { name: "Options" })).getByRole("radio", { name: "Values only" })).toBeChecked();
  // The strategy column now holds the pane's values, whatever the yes-word list says.
  const header = harness.driver.values("Partners", "A1:Z1")[0];
  const strategyColumn = header.findIndex((h) => h === t("en", "column.strategy"));
  expect(strategyColumn).toBeGreaterThan(0);
  const letter = String.fromCharCode(65 + strategyColumn);
  const row = rowOf("Welzijnsinstelling");
  expect(harness.driver.values("Partners", `${letter}${row}`)[0][0]).toBe(t("en", "strategy.reduce-dependency"));
  expect(harness.driver.formulas("Partners", `${letter}${row}`)[0][0]).toBe(t("en", "strategy.reduce-dependency"));
});
