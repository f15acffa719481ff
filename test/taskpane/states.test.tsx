/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HOST_FAILURE_CODES } from "../../src/core/host";
import { App } from "../../src/taskpane/App";
import { FakeWorkbookHost, sheetFromRows } from "../support/fake-host";
import { openSection } from "./open-section";
import { PARTNER_ROWS, notesSheet, partnerSheet, tenPointSheet } from "../support/registers";

const user = () => userEvent.setup({ delay: null });

test("correcting a scale: the summary says so, the default line follows the new scale, apply uses it", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [partnerSheet()] });
  render(<App host={host} />);
  const influence = await screen.findByRole("group", { name: "Influence scale" });
  expect(within(influence).getByText("1–5 (from the values)")).toBeInTheDocument();

  const highest = within(influence).getByRole("textbox", { name: "Influence scale: Highest" });
  await u.clear(highest);
  expect(await within(influence).findByText("Enter numbers with the lowest below the highest.")).toBeInTheDocument();
  await u.type(highest, "10");
  expect(await within(influence).findByText("1–10 (chosen by you)")).toBeInTheDocument();
  expect(within(influence).queryByText("Enter numbers with the lowest below the highest.")).not.toBeInTheDocument();
  // framework.md: the default line on 1–10 is 3.25 and 7.75.
  await openSection(u, "Ambition line");
  expect(await screen.findByRole("textbox", { name: "Required influence of a replaceable partner" })).toHaveValue("3.25");
  expect(screen.getByRole("textbox", { name: "Required influence of an irreplaceable partner" })).toHaveValue("7.75");

  await u.click(screen.getByRole("button", { name: "Analyse and write" }));
  await screen.findByRole("heading", { name: "Result" });
  expect(host.applies[0].settings.influenceScale).toMatchObject({ min: 1, max: 10 });
  // Every partner scores at most 5 of 10, and the line asks at least 3.25: even the contractor
  // (4 at dependency 2, where 3.25 + 1/4 × 4.5 = 4.375 is required) is below. All five are.
  const byPosition = screen.getByRole("table", { name: "Per position" });
  const below = within(byPosition).getAllByRole("row").find((r) => r.textContent?.startsWith("Below the line"));
  expect(within(below!).getAllByRole("cell")[1]).toHaveTextContent("5");
});

test("invalid line values get a helpful message, no preview and no apply", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [partnerSheet()] });
  render(<App host={host} />);
  await screen.findByRole("heading", { name: "Register" });
  await openSection(u, "Ambition line");
  const atLowest = await screen.findByRole("textbox", { name: "Required influence of a replaceable partner" });
  const atHighest = screen.getByRole("textbox", { name: "Required influence of an irreplaceable partner" });
  const threshold = screen.getByRole("textbox", { name: "High dependency above" });
  expect(threshold).toHaveValue("3");
  expect(screen.getByRole("region", { name: "With this line" })).toBeInTheDocument();

  await u.clear(atLowest);
  await u.type(atLowest, "veel");
  expect(await screen.findByText("Enter a number, for example 3.")).toBeInTheDocument();
  expect(atLowest).toHaveAttribute("aria-invalid", "true");
  // No figures for a line that is not one; the handle stays where the line was.
  expect(screen.queryByRole("region", { name: "With this line" })).not.toBeInTheDocument();
  expect(screen.getByRole("slider", { name: "Line at the lowest dependency" })).toHaveAttribute("aria-valuenow", "2");

  await u.clear(atLowest);
  await u.type(atLowest, "7");
  expect(await screen.findByText("Must lie between 1 and 5, the influence scale.")).toBeInTheDocument();

  await u.clear(atLowest);
  await u.type(atLowest, "4,5");
  expect(
    await screen.findByText("The line rises: an irreplaceable partner needs at least as much influence as a replaceable one (4.5)."),
  ).toBeInTheDocument();
  expect(atHighest).toHaveAttribute("aria-invalid", "true");

  await u.clear(threshold);
  await u.type(threshold, "5");
  expect(await screen.findByText("Must lie from 1 up to (not including) 5, the dependency scale.")).toBeInTheDocument();

  await u.click(screen.getByRole("button", { name: "Analyse and write" }));
  expect(screen.getByRole("status")).toHaveTextContent("Correct the highlighted values first.");
  expect(host.applies).toHaveLength(0);

  // Fixed: a Dutch decimal comma is fine.
  await u.clear(atLowest);
  await u.type(atLowest, "1,5");
  await u.clear(threshold);
  await u.type(threshold, "2,5");
  await waitFor(() => expect(screen.getAllByRole("textbox").filter((box) => box.getAttribute("aria-invalid") === "true")).toHaveLength(0));
  await u.click(screen.getByRole("button", { name: "Analyse and write" }));
  await screen.findByRole("heading", { name: "Result" });
  expect(host.applies[0].settings).toMatchObject({ line: { atLowestDependency: 1.5, atHighestDependency: 4 }, highDependencyAbove: 2.5 });
});

test("nothing found: the pane says what to do, and finds the register once the sheet has one", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [notesSheet(), tenPointSheet()] });
  render(<App host={host} />);
  expect(await screen.findByRole("group", { name: "No partner register found" })).toBeInTheDocument();
  expect(screen.getByText(/add a header row with the columns Partner, Invloed \(influence\) and Afhankelijkheid/)).toBeInTheDocument();
  expect(screen.getByText(/Notities/)).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Analyse and write" })).not.toBeInTheDocument();

  // The user adds a header row and selects the table: the selection event makes the pane look again.
  host.setSheet(sheetFromRows("Notities", PARTNER_ROWS));
  act(() => host.select({ row: 0, column: 0, rowCount: 7, columnCount: 7 }));
  expect(await screen.findByText('Range A1:G7 on sheet "Notities"', {}, { timeout: 3000 })).toBeInTheDocument();

  // Switching to another sheet re-detects there.
  act(() => host.activate("Scores"));
  expect(await screen.findByText('Range A1:C4 on sheet "Scores"')).toBeInTheDocument();
  expect(within(screen.getByRole("group", { name: "Influence scale" })).getByText("1–10 (from the values)")).toBeInTheDocument();
  await u.click(screen.getByRole("button", { name: "Analyse and write" }));
  await screen.findByRole("heading", { name: "Result" });
  expect(host.applies[0].expected.sheetName).toBe("Scores");
});

// "cancelled" is the user's own choice: a calm notice, not an alert (test/taskpane/excel-checks.test.tsx).
const FAILURE_CODES = HOST_FAILURE_CODES.filter((code) => code !== "cancelled");

test("every HostFailure code gets its own message, naming the sheet, with the details one click away", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [partnerSheet("Subsidies 2026")] });
  render(<App host={host} />);
  const apply = await screen.findByRole("button", { name: "Analyse and write" });
  const seen = new Set<string>();
  for (const code of FAILURE_CODES) {
    host.failNext("apply", { code, details: `OfficeExtension.Error ${code} at Range.values`, sheet: "Subsidies 2026" });
    await u.click(apply);
    const bar = await screen.findByRole("alert", { name: "That did not work" });
    await waitFor(() => expect(bar).toHaveFocus());
    const message = bar.textContent ?? "";
    // A distinct message per code; codes about the workbook name the sheet.
    seen.add(message);
    if (!["cell-edit-mode", "unsupported-requirement-set"].includes(code)) expect(message).toContain('sheet "Subsidies 2026"');
    const toggle = within(bar).getByRole("button", { name: "Technical details" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(within(bar).queryByText(/at Range\.values/)).not.toBeVisible();
    await u.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(within(bar).getByText(/OfficeExtension\.Error .* at Range\.values/)).toBeVisible();
    await u.click(within(bar).getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  }
  expect(seen.size).toBe(FAILURE_CODES.length);
  expect(host.applies).toHaveLength(0);
  // Spot checks of the words a user reads.
  host.failNext("apply", { code: "protected-sheet", details: "AccessDenied", sheet: "Subsidies 2026" });
  await u.click(apply);
  expect(await screen.findByText(/it is protected\. Unprotect it/)).toBeInTheDocument();
});

test("an edit of the register raises a notice, nothing is written until the user asks", async () => {
  const u = user();
  const host = new FakeWorkbookHost({ sheets: [partnerSheet()] });
  render(<App host={host} />);
  await screen.findByText("Partners analysed: 5");

  // An event without a change to the register (e.g. Excel reporting our own writes late) is not news.
  const readsBefore = host.readCount;
  act(() => host.fire({ kind: "data-changed", sheetName: "Partners" }));
  await waitFor(() => expect(host.readCount).toBe(readsBefore + 1));
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(screen.queryByRole("group", { name: "The register changed" })).not.toBeInTheDocument();

  // The user types a usable score into the skipped row (row 7, influence in column C).
  act(() => host.editCell("Partners", 6, 2, 4));
  expect(await screen.findByRole("group", { name: "The register changed" })).toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent("The register changed");
  expect(host.applies).toHaveLength(0);
  // Still the old analysis until asked.
  expect(screen.getByText("Partners analysed: 5")).toBeInTheDocument();

  // Applying the stale analysis is refused by the workbook and explained.
  await u.click(screen.getByRole("button", { name: "Analyse and write" }));
  expect(await screen.findByText(/changed after it was analysed/)).toBeInTheDocument();
  expect(host.applies).toHaveLength(0);

  await u.click(screen.getByRole("button", { name: "Analyse and apply again" }));
  await screen.findByRole("heading", { name: "Result" });
  expect(host.applies).toHaveLength(1);
  expect(screen.getByText("Partners analysed: 6")).toBeInTheDocument();
  expect(screen.queryByRole("group", { name: "The register changed" })).not.toBeInTheDocument();
});
