import { analyzeSheet } from "../../src/core/analyze";
import {
  assessmentOf,
  defaultComparison,
  historyHeaders,
  historySheetState,
  readHistory,
  recordedRows,
  wouldReplace,
} from "../../src/core/history";
import { sheet } from "../core/sheet";

const register = (rows: (string | number)[][]) =>
  analyzeSheet(sheet([["Partner", "Doel", "Invloed (1-5)", "Afhankelijkheid (1-5)", "Subsidie"], ...rows]));
const first = assessmentOf(register([["Schoolbestuur", "Onderwijs", 2, 4, 1000], ["Welzijn", "Zorg", 3, 5, 2000]]), "2025-03-01", "2025");
const second = assessmentOf(register([["Schoolbestuur", "Onderwijs", 4, 4, 1500]]), "2026-03-01", "na convenant");

describe("the history sheet", () => {
  it("is ours when missing, empty, or headed by exactly our columns; anything else is named", () => {
    expect(historySheetState(null).kind).toBe("missing");
    expect(historySheetState([[null, ""]]).kind).toBe("empty");
    expect(historySheetState([historyHeaders("en")])).toEqual({ kind: "ours", language: "en", rows: [], renames: [] });
    expect(historySheetState([["Mijn aantekeningen"]])).toEqual({ kind: "foreign", row: 0, column: 0, content: "Mijn aantekeningen" });
    expect(historySheetState([[""], ["", "notitie"]])).toEqual({ kind: "foreign", row: 1, column: 1, content: "notitie" });
    expect(historySheetState([[...historyHeaders("nl"), "Eigen kolom"]]).kind).toBe("foreign");
  });

  it("records values, one row per partner, and reads them back as the same assessment", () => {
    const rows = recordedRows([], first, "nl");
    expect(rows[0]).toEqual(["2025-03-01", "2025", "Schoolbestuur", "Onderwijs", 2, 1, 5, 4, 1, 5, 3.5, "onder", "Invloed vergroten", 1000, 2, 4]);
    expect(rows.flat().some((v) => typeof v === "string" && v.startsWith("="))).toBe(false);
    const [back] = readHistory(rows);
    expect(back).toEqual({ ...first, partners: first.partners.map((p, i) => ({ ...p, row: i + 2 })) });
  });

  it("accumulates snapshots, and replaces one recorded again on the same date with the same label", () => {
    let rows = recordedRows([], first, "en");
    rows = recordedRows(rows, second, "en");
    expect(readHistory(rows).map((a) => [a.label, a.partners.length])).toEqual([
      ["2025", 2],
      ["na convenant", 1],
    ]);
    const redone = assessmentOf(register([["Welzijn", "Zorg", 3, 3, 2000]]), "2025-03-01", "2025");
    expect(wouldReplace(rows, redone)).toBe(true);
    expect(wouldReplace(rows, { ...redone, label: "2025 bis" })).toBe(false);
    rows = recordedRows(rows, redone, "en");
    expect(readHistory(rows).map((a) => [a.label, a.partners.map((p) => p.partner)])).toEqual([
      ["na convenant", ["Schoolbestuur"]],
      ["2025", ["Welzijn"]],
    ]);
  });

  it("compares by default with the latest assessment before today", () => {
    const history = readHistory(recordedRows(recordedRows([], first, "nl"), second, "nl"));
    expect(defaultComparison(history, "2026-06-01")?.label).toBe("na convenant");
    expect(defaultComparison(history, "2026-03-01")?.label).toBe("2025");
    expect(defaultComparison(history, "2025-01-01")).toBeNull();
  });
});
