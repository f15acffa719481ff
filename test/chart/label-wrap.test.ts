/** The chart's label wrap on names of any length: linear, and never wider or longer than the label. */
import { estimateTextWidth, wrapText } from "../../src/core/chart/text";

const FONT = 11;
const WIDTH = 120;
const LINES = 2;

function expectWithin(lines: string[]) {
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.length).toBeLessThanOrEqual(LINES);
  for (const line of lines) expect(estimateTextWidth(line, FONT)).toBeLessThanOrEqual(WIDTH);
}

describe("wrapText", () => {
  it("leaves a short name as it is and wraps a longer one at spaces", () => {
    expect(wrapText("Bibliotheek", FONT, WIDTH, LINES)).toEqual(["Bibliotheek"]);
    expect(wrapText("Stichting Welzijn Noord", FONT, WIDTH, LINES)).toEqual(["Stichting Welzijn", "Noord"]);
  });

  it("cuts a name that does not fit, ending in …", () => {
    const lines = wrapText("Stichting Maatschappelijke Dienstverlening Regio Noord-Oost", FONT, WIDTH, LINES);
    expectWithin(lines);
    expect(lines[lines.length - 1].endsWith("…")).toBe(true);
  });

  it.each([
    ["a 32,767-character word (Excel's longest cell)", "W".repeat(32_767)],
    ["5 MB of words", "Stichting Samenwerking ".repeat(230_000)],
    ["a name that is one long word after a short one", `Gemeente ${"x".repeat(80_000)}`],
  ])("cuts %s to the label's size", (_, name) => {
    const lines = wrapText(name, FONT, WIDTH, LINES);
    expectWithin(lines);
    expect(lines[lines.length - 1].endsWith("…")).toBe(true);
    expect(lines.join(" ").length).toBeLessThan(100);
  });

  it("does not cut a surrogate pair in half", () => {
    const lines = wrapText("🏛".repeat(50_000), FONT, WIDTH, LINES);
    expectWithin(lines);
    for (const line of lines) expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
