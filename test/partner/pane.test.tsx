/** @jest-environment jsdom */
import "./text-encoder";
import "@testing-library/jest-dom";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { analyzeSheet } from "../../src/core/analyze";
import { t } from "../../src/core/i18n";
import type { CellValue } from "../../src/core/types";
import { makeTexts, TextsContext } from "../../src/taskpane/i18n";
import { PartnerSection } from "../../src/taskpane/PartnerSection";
import { makeHarness } from "../excel/harness";

const REGISTER: CellValue[][] = [
  ["Partner", "Invloed", "Afhankelijkheid", "Subsidie", "Notities"],
  ["Schoolbestuur Noord", 2, 4, 120001, "wil meer geld"],
  ["Bibliotheek", 5, 5, 340003, ""],
  ["Vervangbare partner", 1.5, 1.5, 670006, "twijfel"],
];

test("choose the partners below the line, make their pages, then check before sharing (in Dutch)", async () => {
  const user = userEvent.setup({ delay: null });
  const harness = makeHarness({ sheets: [{ name: "Partners", cells: REGISTER, hiddenColumns: ["E"] }] });
  const analysis = analyzeSheet(await harness.host.readActiveSheet());
  render(
    <TextsContext.Provider value={makeTexts("nl")}>
      <PartnerSection host={harness.host} analysis={analysis} today="2026-12-31" />
    </TextsContext.Provider>,
  );
  const make = screen.getByRole("button", { name: "Partnerpagina maken" });
  expect(make).toBeDisabled();
  await user.click(screen.getByRole("button", { name: "Kies alle partners onder de lijn" }));
  expect(screen.getByRole("checkbox", { name: "Schoolbestuur Noord" })).toBeChecked();
  expect(screen.getByRole("checkbox", { name: "Bibliotheek" })).not.toBeChecked();
  await user.click(make);
  await screen.findByText(/Gemaakt: "Schoolbestuur Noord", "Vervangbare partner"/);
  expect(harness.driver.sheetNames()).toEqual(["Partners", "Schoolbestuur Noord", "Vervangbare partner"]);
  // The page carries the day the pane was given (the user's own day, not UTC's).
  const lines = harness.driver.values("Schoolbestuur Noord", "A3:B20");
  expect(lines.find(([label]) => label === t("nl", "partner.date"))?.[1]).toBe("2026-12-31");

  await user.click(screen.getByRole("button", { name: "Controleren voor delen" }));
  const list = await screen.findByRole("list", { name: "Controleren voor delen" });
  await waitFor(() => expect(list).toHaveTextContent('Blad "Partners": verborgen kolom(men) E bevatten gegevens'));
  expect(list).toHaveTextContent('subsidiekolom "Subsidie"');
});
