/** @jest-environment jsdom */
import "./jsdom-text-encoder";
import "@testing-library/jest-dom";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { analyzeSheet } from "../../src/core/analyze";
import type { AnalysisSettings } from "../../src/core/types";
import { useState } from "react";
import { HISTORY_SHEET, comparisonHeader } from "../../src/core/history";
import { HistorySection } from "../../src/taskpane/HistorySection";
import { TextsContext, makeTexts } from "../../src/taskpane/i18n";
import { makeHarness, outputOptions } from "../excel/harness";

const cells = [
  ["Partner", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Subsidie"],
  ["Schoolbestuur", 2, 4, 1000],
  ["Welzijn", 3, 5, 2000],
];

async function renderSection(h: ReturnType<typeof makeHarness>, today: string) {
  const snapshot = await h.host.readActiveSheet();
  return render(
    <TextsContext.Provider value={makeTexts("en")}>
      <HistorySection host={h.host} snapshot={snapshot} analysis={analyzeSheet(snapshot)} settings={{}} today={today} />
    </TextsContext.Provider>,
  );
}

test("record an assessment, confirm before replacing it, then compare the register with it", async () => {
  const user = userEvent.setup({ delay: null });
  const h = makeHarness({ sheets: [{ name: "Register", cells }] });
  const view = await renderSection(h, "2025-03-01");
  await screen.findByText("No assessment recorded yet.");
  const record = screen.getByRole("button", { name: "Record assessment" });
  expect(record).toBeDisabled(); // no label yet
  await user.type(screen.getByRole("textbox", { name: /Label/ }), "2025");
  await user.click(record);
  await screen.findByText('Recorded on sheet "Partnerkaart historie": 2 rows in all.');
  expect(h.driver.values(HISTORY_SHEET, "B2:C3")).toEqual([
    ["2025", "Schoolbestuur"],
    ["2025", "Welzijn"],
  ]);

  // The same date and label again: nothing written until the user confirms.
  await h.driver.setCell("Register", "B2", 4.5);
  await user.click(record);
  await screen.findByText('An assessment of 2025-03-01 labelled "2025" exists');
  expect(h.driver.value(HISTORY_SHEET, "E2")).toBe(2);
  view.unmount();

  // A year later the pane compares with the latest earlier assessment by default.
  await renderSection(h, "2026-03-01");
  await screen.findByText("1 of 2 matched partners moved; 1 changed strategy; 1 moved as advised.");
  expect(screen.getByRole("combobox", { name: "Compare with" })).toHaveDisplayValue("2025-03-01 – 2025");
});

test("a history sheet of the user's is named, not overwritten", async () => {
  const user = userEvent.setup({ delay: null });
  const h = makeHarness({ sheets: [{ name: "Register", cells }, { name: HISTORY_SHEET, cells: [["Notities"]] }] });
  await renderSection(h, "2025-03-01");
  await user.type(await screen.findByRole("textbox", { name: /Label/ }), "2025");
  await user.click(screen.getByRole("button", { name: "Record assessment" }));
  await waitFor(() => expect(screen.getByText(/Recording failed: Nothing was written/)).toBeInTheDocument());
  expect(h.driver.value(HISTORY_SHEET, "A1")).toBe("Notities");
});

test("the comparison chosen in the pane is written into the register as live columns on the next apply", async () => {
  const user = userEvent.setup({ delay: null });
  const h = makeHarness({ sheets: [{ name: "Register", cells }] });
  await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-03-01", "2025", false);
  await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-06-01", "na convenant", false);
  await h.driver.setCell("Register", "B2", 4.5);
  let inRegister: { date: string; label: string } | null = null;
  const snapshot = await h.host.readActiveSheet();
  function Wrapper() {
    const [choice, setChoice] = useState<{ date: string; label: string } | null>(null);
    inRegister = choice;
    return <HistorySection host={h.host} snapshot={snapshot} analysis={analyzeSheet(snapshot)} settings={{}} today="2026-03-01" inRegister={choice} onInRegisterChange={setChoice} />;
  }
  render(
    <TextsContext.Provider value={makeTexts("en")}>
      <Wrapper />
    </TextsContext.Provider>,
  );
  const box = await screen.findByRole("checkbox", { name: /Show this comparison in the register/ });
  await user.click(box);
  expect(inRegister).toEqual({ date: "2025-06-01", label: "na convenant" });
  await user.selectOptions(screen.getByRole("combobox", { name: "Compare with" }), "2025-03-01 2025");
  expect(inRegister).toEqual({ date: "2025-03-01", label: "2025" });

  await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ language: "en", comparison: inRegister }));
  const header = h.driver.values("Register", "A1:Z1")[0];
  const movement = header.indexOf(comparisonHeader("en", "movement"));
  expect(movement).toBeGreaterThan(0);
  expect(h.driver.values("Register", `A2:Z3`).map((row) => [row[0], row[movement]])).toEqual([
    ["Schoolbestuur", "up"],
    ["Welzijn", "unchanged"],
  ]);
});

test("a renamed partner is linked to its earlier name in the pane, stored in the workbook, and then compared as one partner", async () => {
  const user = userEvent.setup({ delay: null });
  const h = makeHarness({ sheets: [{ name: "Register", cells }] });
  await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-03-01", "2025", false);
  await h.driver.setCell("Register", "A3", "Welzijn Noord");
  await renderSection(h, "2026-03-01");
  await screen.findByText("New partners: Welzijn Noord (row 3)");
  expect(screen.getByText("No longer in the register: Welzijn (row 3)")).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "New name" })).toHaveDisplayValue("Welzijn Noord");
  expect(screen.getByRole("combobox", { name: "Earlier name" })).toHaveDisplayValue("Welzijn");
  await user.click(screen.getByRole("button", { name: "Link" }));
  await screen.findByText('"Welzijn Noord" is linked to "Welzijn"; the link is kept on the sheet "Partnerkaart historie".');
  expect(screen.queryByText(/New partners:/)).not.toBeInTheDocument();
  expect(screen.getByText("0 of 2 matched partners moved; 0 changed strategy; 0 moved as advised.")).toBeInTheDocument();
  expect(await h.host.readRenames!()).toEqual([{ earlierName: "Welzijn", currentName: "Welzijn Noord" }]);
});

test("years kept as columns: the earlier year is compared by default, recorded on request, then shown live in the register; choosing the columns corrects it", async () => {
  const user = userEvent.setup({ delay: null });
  const yearly = [
    ["Partner", "Invloed 2025", "Afhankelijkheid 2025", "Invloed 2026", "Afhankelijkheid 2026", "Subsidie"],
    ["Schoolbestuur", 2, 4, 4.5, 4, 1000],
    ["Welzijn", 3, 5, 3, 5, 2000],
  ];
  const h = makeHarness({ sheets: [{ name: "Register", cells: yearly }] });
  const snapshot = await h.host.readActiveSheet();
  let inRegister: { date: string; label: string } | null = null;
  function Wrapper({ settings }: { settings: AnalysisSettings }) {
    const [choice, setChoice] = useState<{ date: string; label: string } | null>(null);
    inRegister = choice;
    return <HistorySection host={h.host} snapshot={snapshot} analysis={analyzeSheet(snapshot, settings)} settings={settings} today="2026-03-01" inRegister={choice} onInRegisterChange={setChoice} />;
  }
  const view = render(
    <TextsContext.Provider value={makeTexts("en")}>
      <Wrapper settings={{}} />
    </TextsContext.Provider>,
  );
  // 2026 is current, 2025 is history: compared in the pane without anything recorded.
  await screen.findByText("1 of 2 matched partners moved; 1 changed strategy; 1 moved as advised.");
  expect(screen.getByRole("combobox", { name: "Compare with" })).toHaveDisplayValue("2025 – the register's own columns");
  // The live columns read the history table: the year is recorded first, with its own scores.
  expect(screen.queryByRole("checkbox", { name: /Show this comparison in the register/ })).not.toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: /Record 2025 on the history sheet \(dated 2025-12-31\)/ }));
  await screen.findByText('Recorded on sheet "Partnerkaart historie": 2 rows in all.');
  expect(h.driver.values(HISTORY_SHEET, "A2:E3")).toEqual([
    ["2025-12-31", "2025", "Schoolbestuur", "", 2],
    ["2025-12-31", "2025", "Welzijn", "", 3],
  ]);
  expect(screen.getByRole("combobox", { name: "Compare with" })).toHaveDisplayValue("2025-12-31 – 2025");
  await user.click(screen.getByRole("checkbox", { name: /Show this comparison in the register/ }));
  expect(inRegister).toEqual({ date: "2025-12-31", label: "2025" });

  await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ language: "en", comparison: inRegister }));
  const header = h.driver.values("Register", "A1:Z1")[0];
  const movement = header.indexOf(comparisonHeader("en", "movement"));
  expect(h.driver.values("Register", "A2:Z3").map((row) => [row[0], row[movement]])).toEqual([
    ["Schoolbestuur", "up"],
    ["Welzijn", "unchanged"],
  ]);
  view.unmount();

  // The user says 2025 is current (the column choice): then there is no earlier year.
  const fresh = makeHarness({ sheets: [{ name: "Register", cells: yearly }] });
  const freshSnapshot = await fresh.host.readActiveSheet();
  render(
    <TextsContext.Provider value={makeTexts("en")}>
      <HistorySection host={fresh.host} snapshot={freshSnapshot} analysis={analyzeSheet(freshSnapshot, { mapping: { influence: 1, dependency: 2 } })} settings={{ mapping: { influence: 1, dependency: 2 } }} today="2026-03-01" />
    </TextsContext.Provider>,
  );
  await screen.findByText("No assessment recorded yet.");
});
