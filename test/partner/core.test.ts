import { XMLValidator } from "fast-xml-parser";
import { analyzeSheet } from "../../src/core/analyze";
import { buildPartnerPage, findPartner, isValidSheetName, partnerPageText, partnerSheetName, partnersBelowLine, renderPartnerChartSvg } from "../../src/core/partner";
import { t } from "../../src/core/i18n";
import { chartDataRowCount, pageLineCount } from "../../src/core/partner/recognise";
import type { CellValue } from "../../src/core/types";
import { sheet } from "../core/sheet";

/** framework.md's seed examples with a goal and a subsidy each; subsidies are distinctive numbers. */
export const PARTNER_REGISTER: CellValue[][] = [
  ["Partner", "Invloed", "Afhankelijkheid", "Alternatieven wenselijk", "Subsidie", "Doel"],
  ["X: schoolbestuur", 2, 4, "nee", 120001, "Kansengelijkheid"],
  ["Y: welzijnsinstelling", 3, 5, "ja", 230002, "Participatie"],
  ["Z: bibliotheek", 5, 5, "nee", 340003, "Geletterdheid"],
  ["X: vervuilend bedrijf", 2, 4.5, "nee", 450004, "Gezonde leefomgeving"],
  ["vervangbare opdrachtnemer", 4, 2, "ja", 560005, "Participatie"],
  ["vervangbare partner", 1.5, 1.5, "ja", 670006, "Participatie"],
];

const analysis = () => analyzeSheet(sheet(PARTNER_REGISTER));
const options = { language: "nl" as const, date: "2026-12-06", includeSubsidy: false };

describe("partner page", () => {
  it("holds the partner's scores with scales, the line, strategy, its meaning and proposal, movement and date", () => {
    const a = analysis();
    const page = buildPartnerPage(a, findPartner(a, "x: SCHOOLBESTUUR "), options);
    const text = partnerPageText(page);
    expect(page.partner).toBe("X: schoolbestuur");
    expect(text).toContain("Partner: X: schoolbestuur");
    expect(text).toContain("Maatschappelijk doel: Kansengelijkheid");
    expect(text).toContain("Invloed: 2 (schaal 1–5)");
    expect(text).toContain("Afhankelijkheid: 4 (schaal 1–5)");
    expect(text).toContain("Vereiste invloed: 3,5");
    expect(text).toContain("Afstand tot ambitielijn: -1,5");
    expect(text).toContain("Positie: onder");
    expect(text).toContain("Strategie: Invloed vergroten");
    expect(text).toContain("Wat deze strategie betekent: We zijn afhankelijk van deze partner");
    expect(text).toContain("Wat wij voorstellen: Investeer zodat");
    expect(text).toContain("naar invloed 3,5 en afhankelijkheid 4");
    expect(text).toContain("Datum: 2026-12-06");
  });

  it("shows the subsidy only when asked, and only this partner's", () => {
    const a = analysis();
    const index = findPartner(a, "Z: bibliotheek");
    expect(partnerPageText(buildPartnerPage(a, index, options))).not.toMatch(/340|Subsidie/);
    const withSubsidy = partnerPageText(buildPartnerPage(a, index, { ...options, includeSubsidy: true }));
    expect(withSubsidy).toContain("Subsidie: € 340.003");
    for (const other of [120001, 230002, 450004, 560005, 670006]) expect(withSubsidy).not.toContain(other.toLocaleString("nl-NL"));
  });

  it("speaks English when asked, and a partner who stays gets no movement", () => {
    const a = analysis();
    const page = buildPartnerPage(a, findPartner(a, "Z: bibliotheek"), { ...options, language: "en" });
    const text = partnerPageText(page);
    expect(text).toContain("Strategy: Secure");
    expect(text).toContain("Advised movement: Stay where it is");
    expect(page.chart.movement).toBeNull();
  });

  it("names no other partner anywhere in the page or its chart, and keeps the others' points only as sorted coordinates", () => {
    const a = analysis();
    for (let i = 0; i < a.partners.count; i++) {
      const page = buildPartnerPage(a, i, { ...options, includeSubsidy: true });
      const everything = JSON.stringify(page);
      for (let j = 0; j < a.partners.count; j++) {
        if (j === i) continue;
        expect(everything).not.toContain(a.partners.partner[j]);
        expect(everything).not.toContain(String(a.partners.subsidy[j]));
      }
      expect(page.chart.others).toHaveLength(a.partners.count - 1);
      const keys = page.chart.others.map((p) => p.x * 1000 + p.y);
      expect(keys).toEqual([...keys].sort((x, y) => x - y));
      expect(Object.keys(page.chart.others[0]).sort()).toEqual(["x", "y"]);
    }
  });

  it("lists the partners below the line", () => {
    const a = analysis();
    expect(partnersBelowLine(a).map((i) => a.partners.partner[i])).toEqual(["X: schoolbestuur", "Y: welzijnsinstelling", "X: vervuilend bedrijf", "vervangbare partner"]);
    expect(findPartner(a, "niemand")).toBe(-1);
  });
});

describe("partner chart SVG", () => {
  it("names exactly one partner in its text; the other points are there without names", () => {
    const a = analysis();
    const page = buildPartnerPage(a, findPartner(a, "Y: welzijnsinstelling"), options);
    const svg = renderPartnerChartSvg(page.chart);
    expect(XMLValidator.validate(svg)).toBe(true);
    const named = a.partners.partner.filter((name) => svg.includes(name.replace(/&/g, "&amp;")));
    expect(named).toEqual(["Y: welzijnsinstelling"]);
    const others = svg.match(/<circle class="other"[^>]*\/>/g) ?? [];
    expect(others).toHaveLength(5);
    // No tooltip, label or data attribute on an anonymous point.
    for (const circle of others) expect(circle).not.toMatch(/title|data-|<text/);
    expect(svg).toMatch(/class="ambition-line"/);
    expect(svg).toMatch(/class="threshold"/);
    expect(svg).toMatch(/class="movement"/);
  });
});

describe("partner sheet names", () => {
  const none = () => false;
  it("makes any partner name a valid sheet name", () => {
    for (const name of ["Stichting [Welzijn]: Noord/Zuid*?\\", "'Quoted'", "History", "history", "", "   ", "Een heel erg lange naam van een stichting voor welzijn en zorg", "a\u0007b", "'''"]) {
      const result = partnerSheetName(name, none);
      expect(isValidSheetName(result)).toBe(true);
    }
    expect(partnerSheetName("Stichting [Welzijn]: Noord/Zuid", none)).toBe("Stichting Welzijn Noord Zuid");
    expect(partnerSheetName("'Quoted'", none)).toBe("Quoted");
    expect(partnerSheetName("History", none)).not.toMatch(/^history$/i);
  });

  it("is unique among other sheets, compared without case, within 31 characters", () => {
    const taken = new Set(["PARTNERS", "EEN HEEL ERG LANGE NAAM VAN EEN"]);
    const isTaken = (n: string) => taken.has(n.toUpperCase());
    expect(partnerSheetName("partners", isTaken)).toBe("partners (2)");
    const long = partnerSheetName("Een heel erg lange naam van een stichting", isTaken);
    expect(long).toBe("Een heel erg lange naam van (2)");
    expect(long.length).toBeLessThanOrEqual(31);
  });
});

describe("a partner page's extent, read back from its cells", () => {
  const languages = ["nl", "en"] as const;
  it("counts every line of a page, in either language, with or without goal and subsidy, and nothing after the date line", () => {
    const a = analysis();
    for (const language of languages) {
      for (const includeSubsidy of [false, true]) {
        for (let index = 0; index < a.partners.count; index++) {
          const page = buildPartnerPage(a, index, { language, date: "2026-12-07", includeSubsidy });
          const rows = page.lines.map((line) => [line.label, line.text]);
          expect(pageLineCount(rows)).toBe(page.lines.length);
          // What follows the date line is never a line, even a label or a blank row then a label.
          expect(pageLineCount([...rows, [page.lines[0].label, "Notitie"]])).toBe(page.lines.length);
          expect(pageLineCount([...rows, ["", ""], [page.lines[1].label, "Notitie"]])).toBe(page.lines.length);
        }
      }
    }
    // A row without a line label ends the lines, wherever it is.
    const page = buildPartnerPage(a, 0, options);
    const rows = page.lines.map((line) => [line.label, line.text]);
    expect(pageLineCount([...rows.slice(0, 4), ["Mijn notitie", ""], ...rows.slice(4)])).toBe(4);
  });

  it("counts the chart data's rows: numbers in N and O, a series name or nothing in M, no formula", () => {
    const partner = "Bibliotheek";
    const data = [
      [t("en", "chart.line"), 1, 2],
      ["", 5, 4],
      [partner, 5, 5],
      [t("nl", "partner.others"), 2, 2],
      ["", 4, 2],
    ];
    expect(chartDataRowCount(data, partner)).toBe(5);
    expect(chartDataRowCount([...data, ["Totaal", 10, 10]], partner)).toBe(5);
    expect(chartDataRowCount([...data, ["", "=N3+1", 3]], partner)).toBe(5);
    expect(chartDataRowCount([...data, ["", 3, ""]], partner)).toBe(5);
    expect(chartDataRowCount([data[0], ["Bron: register", 5, 4], ...data.slice(2)], partner)).toBe(1);
    expect(chartDataRowCount([data[0], data[1], ["Schoolbestuur", 5, 5]], partner)).toBe(2);
  });
});
