/** @jest-environment jsdom */
/**
 * The pane's phases (reading, not-found, found, applying, applied, a failure on top) as a user sees
 * them, by role; the sections that open by themselves; the line's handles by keyboard with the live
 * figures checked against analyzeSheet under the same line.
 */
import "@testing-library/jest-dom";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { analyzeSheet } from "../../src/core/analyze";
import { t } from "../../src/core/i18n";
import { STRATEGY_KEYS, type CellValue, type SheetSnapshot } from "../../src/core/types";
import { App } from "../../src/taskpane/App";
import { FakeWorkbookHost, sheetFromRows } from "../support/fake-host";
import { openSection } from "./open-section";
import { PARTNER_ROWS, notesSheet, partnerSheet } from "../support/registers";

const user = () => userEvent.setup({ delay: null });

/** The register of ./registers with scales named in its headers: nothing is guessed. */
const hintedSheet = () =>
  sheetFromRows("Partners", [["Partner", "Maatschappelijk doel", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Alternatieven wenselijk", "Opmerking", "Subsidie"], ...PARTNER_ROWS.slice(1)]);

/** A host whose first read waits until released. */
function slowHost(sheets: SheetSnapshot[]): { host: FakeWorkbookHost; release: () => void } {
  const host = new FakeWorkbookHost({ sheets });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const read = host.readActiveSheet.bind(host);
  let first = true;
  host.readActiveSheet = async () => {
    if (first) {
      first = false;
      await gate;
    }
    return read();
  };
  return { host, release };
}

function sectionToggle(name: string | RegExp): HTMLElement {
  return screen.getByRole("button", { name });
}

test("reading → found: a busy pane, then the summary card with the primary action and every section collapsed", async () => {
  const { host, release } = slowHost([hintedSheet()]);
  render(<App host={host} />);
  expect(await screen.findByText("Reading the active sheet…")).toBeInTheDocument();
  expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "true");
  expect(screen.queryByRole("button", { name: "Analyse and write" })).not.toBeInTheDocument();

  await act(async () => release());
  const card = await screen.findByRole("region", { name: "Register" });
  expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "false");
  expect(within(card).getByText('Range A1:G7 on sheet "Partners"')).toBeInTheDocument();
  expect(within(card).getByText("Partners analysed: 5")).toBeInTheDocument();
  expect(within(card).getByText("Columns recognised")).toBeInTheDocument();
  expect(within(card).getByText('row 7: influence "n.v.t." in column C is not a usable score')).toBeInTheDocument();
  // framework.md's default line on 1–5 (2 → 4): the school board (2 at dependency 4, 3.5 required), the
  // welfare institution (3 at 5, 4 required) and the small partner (1.5 at 1.5, 2.25 required) are below.
  expect(within(card).getByText("Ambition line 2 → 4: 3 of 5 partners below it (€360,000)")).toBeInTheDocument();
  expect(within(card).getByRole("button", { name: "Analyse and write" })).toBeEnabled();
  // Nothing needs a look on this register: every section is closed, its content not rendered.
  for (const name of ["Ambition line", "Columns", "Scales", "Skipped rows", "Options"]) {
    expect({ name, expanded: sectionToggle(name).getAttribute("aria-expanded") }).toEqual({ name, expanded: "false" });
  }
  expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
  expect(screen.queryByRole("slider")).not.toBeInTheDocument();
});

test("not-found → found: the selection event re-reads; a correction that breaks the register leads back to not-found", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [notesSheet()] });
  render(<App host={host} />);
  expect(await screen.findByRole("group", { name: "No partner register found" })).toBeInTheDocument();
  expect(screen.queryByRole("region", { name: "Register" })).not.toBeInTheDocument();

  host.setSheet(sheetFromRows("Notities", PARTNER_ROWS));
  act(() => host.select({ row: 0, column: 0, rowCount: 7, columnCount: 7 }));
  expect(await screen.findByRole("region", { name: "Register" }, { timeout: 3000 })).toBeInTheDocument();

  // The user maps Influence to "none": the register lacks a required column.
  await openSection(u, "Columns");
  const influence = await screen.findByRole("combobox", { name: "Influence" });
  await u.selectOptions(influence, within(influence).getByRole("option", { name: "(none)" }));
  expect(await screen.findByRole("group", { name: "No partner register found" })).toBeInTheDocument();
  await u.click(screen.getByRole("button", { name: "Undo my corrections" }));
  expect(await screen.findByRole("region", { name: "Register" })).toBeInTheDocument();
});

test("found → applying → applied, and a failure shown on top of the phase it interrupted", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [partnerSheet()] });
  render(<App host={host} />);
  const apply = await screen.findByRole("button", { name: "Analyse and write" });

  // A failure: shown on top, focused; the found phase stays underneath.
  host.failNext("apply", { code: "protected-sheet", details: "AccessDenied", sheet: "Partners" });
  await u.click(apply);
  const alert = await screen.findByRole("alert");
  await waitFor(() => expect(alert).toHaveFocus());
  expect(screen.getByRole("region", { name: "Register" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Analyse and write" })).toBeEnabled();

  // Applying: the button says so and cannot be pressed twice; progress is shown.
  const gate = host.holdApplies();
  await u.click(screen.getByRole("button", { name: "Analyse and write" }));
  await gate.started;
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  expect(await screen.findByRole("button", { name: "Applying…" })).toBeDisabled();
  expect(screen.getByRole("progressbar")).toBeInTheDocument();
  expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "true");
  // Sheet events during the apply are our own writes: no read, no notice.
  const reads = host.readCount;
  act(() => host.fire({ kind: "data-changed", sheetName: "Partners" }));
  gate.release();

  // Applied: the result, focused; the action now writes again.
  const heading = await screen.findByRole("heading", { name: "Result" });
  await waitFor(() => expect(heading).toHaveFocus());
  expect(screen.getByRole("button", { name: "Write again" })).toBeEnabled();
  expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  // The one read after the apply (to compare later edits with what is there now), none for the event.
  await waitFor(() => expect(host.readCount).toBe(reads + 1));
  expect(screen.queryByRole("group", { name: "The register changed" })).not.toBeInTheDocument();

  // A second apply with a lower line: what changed since the last apply.
  await openSection(u, "Ambition line");
  const low = await screen.findByRole("slider", { name: "Line at the lowest dependency" });
  low.focus();
  await u.keyboard("{PageDown}");
  const high = screen.getByRole("slider", { name: "Line at the highest dependency" });
  high.focus();
  await u.keyboard("{PageDown}{PageDown}");
  await u.click(screen.getByRole("button", { name: "Write again" }));
  await waitFor(() => expect(host.applies).toHaveLength(2));
  const changed = await screen.findByRole("list", { name: "What changed since the last apply" });
  // Line 1 → 2: the school board (2 at dependency 4, now 1.75 required) is above and secured.
  expect(within(changed).getByText("Schoolbestuur (row 3): Raise influence → Secure")).toBeInTheDocument();
});

test("a section opens by itself when something needs the user's eye: a guessed scale opens Scales, not Columns", async () => {
  // partnerSheet's scales are guessed from the values (no "(1-5)" in the headers).
  render(<App host={new FakeWorkbookHost({ sheets: [partnerSheet()] })} />);
  await screen.findByRole("region", { name: "Register" });
  expect(sectionToggle(/^Scales/)).toHaveAttribute("aria-expanded", "true");
  expect(await screen.findByRole("group", { name: "Influence scale" })).toBeInTheDocument();
  expect(sectionToggle(/^Columns/)).toHaveAttribute("aria-expanded", "false");
});

test("a register whose columns were guessed says which to check and opens the column section", async () => {
  const rows: CellValue[][] = [["Naam", "Invloedrijkheid", "Afhankelijkheid (1-5)"], ["A", 2, 4], ["B", 4, 2]];
  render(<App host={new FakeWorkbookHost({ sheets: [sheetFromRows("Blad1", rows)] })} />);
  const card = await screen.findByRole("region", { name: "Register" });
  expect(within(card).getByText("Check 1 column")).toBeInTheDocument();
  expect(sectionToggle(/^Columns/)).toHaveAttribute("aria-expanded", "true");
});

test("the line's handles by keyboard: one step per arrow, ten per Page key; the live figures are analyzeSheet's with that line", async () => {
  const u = user();
  const sheet = hintedSheet();
  const host = new FakeWorkbookHost({ sheets: [sheet] });
  render(<App host={host} />);
  await openSection(u, "Ambition line");
  const low = await screen.findByRole("slider", { name: "Line at the lowest dependency" });
  const high = screen.getByRole("slider", { name: "Line at the highest dependency" });
  const threshold = screen.getByRole("slider", { name: "High-dependency threshold" });
  expect(low).toHaveAttribute("aria-valuenow", "2");
  expect(low).toHaveAttribute("aria-valuetext", "2: 3 partners below the line");
  expect(threshold).toHaveAttribute("aria-valuenow", "3");

  low.focus();
  await u.keyboard("{ArrowDown}");
  expect(low).toHaveAttribute("aria-valuenow", "1.9");
  await u.keyboard("{PageDown}");
  // Ten steps down from 1.9 is below the scale: held at its lowest.
  expect(low).toHaveAttribute("aria-valuenow", "1");
  high.focus();
  await u.keyboard("{PageDown}{ArrowDown}");
  expect(high).toHaveAttribute("aria-valuenow", "2.9");
  // The line rises: the right end cannot go below the left one.
  await u.keyboard("{End}");
  expect(high).toHaveAttribute("aria-valuenow", "5");
  await u.keyboard("{PageDown}{PageDown}{PageDown}{PageDown}{PageDown}");
  expect(high).toHaveAttribute("aria-valuenow", "1");
  await u.keyboard("{PageUp}{PageUp}{ArrowUp}");
  expect(high).toHaveAttribute("aria-valuenow", "3.1");
  threshold.focus();
  await u.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}");
  expect(threshold).toHaveAttribute("aria-valuenow", "3.5");
  // The fields follow the handles.
  expect(screen.getByRole("textbox", { name: "Required influence of a replaceable partner" })).toHaveValue("1");
  expect(screen.getByRole("textbox", { name: "Required influence of an irreplaceable partner" })).toHaveValue("3.1");

  const expected = analyzeSheet(sheet, { line: { atLowestDependency: 1, atHighestDependency: 3.1 }, highDependencyAbove: 3.5 });
  const live = screen.getByRole("region", { name: "With this line" });
  const byStrategy = within(live).getByRole("table", { name: "Per strategy, with this line" });
  const rows = within(byStrategy).getAllByRole("row").slice(1);
  expect(rows.map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent))).toEqual([
    ...STRATEGY_KEYS.map((key) => [
      t("en", `strategy.${key}`),
      String(expected.summary.byStrategy[key].count),
      `€${expected.summary.byStrategy[key].subsidy.toLocaleString("en-GB")}`,
    ]),
    ["Total", String(expected.summary.total.count), `€${expected.summary.total.subsidy.toLocaleString("en-GB")}`],
  ]);
  const below = expected.summary.byPosition.below;
  expect(within(live).getByText(`Below the line: ${below.count} partners, €${below.subsidy.toLocaleString("en-GB")}`)).toBeInTheDocument();
  // Against the line as read (2 → 4, threshold 3): the partners whose strategy differs, by name.
  const read = analyzeSheet(sheet);
  const moved = expected.rows.filter((row, i) => row.strategy !== read.rows[i].strategy);
  expect(moved.length).toBeGreaterThan(0);
  const changes = within(live).getByRole("list", { name: `Partners changing strategy against the line as read: ${moved.length}` });
  expect(within(changes).getAllByRole("listitem").map((item) => item.textContent)).toEqual(
    moved.map((row) => `${row.partner} (row ${row.row}): ${t("en", `strategy.${read.rows.find((r) => r.row === row.row)!.strategy}`)} → ${t("en", `strategy.${row.strategy}`)}`),
  );

  // Applied as shown, even before the pause after the last key.
  await u.click(screen.getByRole("button", { name: "Analyse and write" }));
  await screen.findByRole("heading", { name: "Result" });
  expect(host.applies[0].settings).toMatchObject({ line: { atLowestDependency: 1, atHighestDependency: 3.1 }, highDependencyAbove: 3.5 });
});

test("the whole flow with the keyboard alone: open the line, move it, apply, reach the result", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [hintedSheet()] });
  render(<App host={host} />);
  await screen.findByRole("region", { name: "Register" });
  const focusOn = async (name: string | RegExp, role: "button" | "slider" = "button") => {
    const target = screen.getByRole(role, { name });
    for (let presses = 0; document.activeElement !== target; presses++) {
      if (presses > 20) throw new Error(`Tab never reached ${String(name)}`);
      await u.tab();
    }
  };
  await focusOn("Ambition line");
  await u.keyboard("{Enter}");
  const low = await screen.findByRole("slider", { name: "Line at the lowest dependency" });
  await focusOn("Line at the lowest dependency", "slider");
  await u.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}");
  expect(low).toHaveAttribute("aria-valuenow", "1.5");
  // Back up to the primary action and press it.
  for (let presses = 0; document.activeElement !== screen.getByRole("button", { name: "Analyse and write" }); presses++) {
    if (presses > 20) throw new Error("Shift+Tab never reached Analyse and write");
    await u.tab({ shift: true });
  }
  await u.keyboard("{Enter}");
  const heading = await screen.findByRole("heading", { name: "Result" });
  await waitFor(() => expect(heading).toHaveFocus());
  expect(host.applies[0].settings.line).toEqual({ atLowestDependency: 1.5, atHighestDependency: 4 });
});
