/**
 * The live comparison with a recorded assessment, applied through the Office.js adapter to the strict
 * Excel double (HyperFormula recomputes every formula): the comparison columns beside the register
 * and the money then on the parameter sheet show what `--compare --json` reports for the same two
 * registers, a re-apply updates them in place, and no user cell is touched.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAnalyze } from "../../src/cli/analyze";
import { COMPARISON_COLUMNS, comparisonHeader, HISTORY_SHEET, renameHeaders, type ComparisonColumn } from "../../src/core/history";
import { historyText } from "../../src/core/history/texts";
import { isHostFailure, type Language } from "../../src/core/host";
import { t } from "../../src/core/i18n";
import { columnLetter } from "../../src/core/text";
import { STRATEGY_KEYS, type StrategyKey } from "../../src/core/types";
import { makeHarness, outputOptions, type Harness } from "../excel/harness";
import { EARLIER, HEADER, NOW } from "./live-data";

// A note of the user's two columns right of the register: it must move with Excel's insert, never be overwritten.
const NOTE = "Mijn notitie";

const csv = (rows: (string | number)[][]) => [HEADER, ...rows].map((r) => r.map((v) => String(v).replace(".", ",")).join(";")).join("\n");

async function cliComparison(): Promise<{ movements: Record<string, unknown>[]; money: Record<StrategyKey, { then: { count: number; subsidy: number } }> }> {
  const dir = mkdtempSync(join(tmpdir(), "partnerkaart-live-"));
  try {
    writeFileSync(join(dir, "earlier.csv"), csv(EARLIER));
    writeFileSync(join(dir, "now.csv"), csv(NOW));
    let stdout = "";
    const code = await runAnalyze([join(dir, "now.csv"), "--compare", join(dir, "earlier.csv"), "--json"], { stdout: (s) => (stdout += s), stderr: () => undefined });
    expect(code).toBe(0);
    return JSON.parse(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The register with the earlier scores recorded as "2025", then the current scores typed in. */
async function recordedThenChanged(language: Language = "nl"): Promise<Harness> {
  const h = makeHarness({ sheets: [{ name: "Register", cells: [[...HEADER, "", NOTE], ...EARLIER] }] }, { language: language === "nl" ? "nl-NL" : "en-US" });
  const recorded = await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-03-01", "2025", false);
  expect(recorded.recorded).toBe(true);
  await h.driver.setCells("Register", `A2:E${NOW.length + 1}`, NOW);
  return h;
}

/** The comparison columns by header, row by row (sheet rows 2…). */
function comparisonCells(h: Harness, language: Language): Record<ComparisonColumn, unknown>[] {
  const header = h.driver.values("Register", "A1:AZ1")[0];
  const columnOf = (c: ComparisonColumn) => {
    const found = header.filter((v) => v === comparisonHeader(language, c));
    expect(found).toHaveLength(1);
    return header.indexOf(comparisonHeader(language, c));
  };
  const rows = h.driver.values("Register", `A2:AZ${NOW.length + 1}`);
  return rows.map((row) => Object.fromEntries(COMPARISON_COLUMNS.map((c) => [c, row[columnOf(c)]])) as Record<ComparisonColumn, unknown>);
}

const word = (language: Language, key: "movement.up" | "movement.down" | "movement.left" | "movement.right" | "movement.unchanged") => t(language, key).replace(" {size}", "");

function expectedMovement(m: Record<string, unknown>, language: Language): string {
  if (m.vertical === null && m.horizontal === null) return word(language, "movement.unchanged");
  return [m.vertical ? word(language, `movement.${m.vertical as "up" | "down"}`) : null, m.horizontal ? word(language, `movement.${m.horizontal as "left" | "right"}`) : null]
    .filter((w) => w !== null)
    .join(", ");
}

describe("the live comparison with a recorded assessment", () => {
  it("shows per partner the movement and strategy change that --compare --json reports (HyperFormula), and the money then", async () => {
    const json = await cliComparison();
    const h = await recordedThenChanged();
    const result = await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison: { date: "2025-03-01", label: "2025" } }));
    expect(result.sheetName).toBe("Register");

    const cells = comparisonCells(h, "nl");
    const yes = t("nl", "history.yes");
    const no = t("nl", "history.no");
    expect(json.movements.map((m) => m.partner)).toEqual(["Schoolbestuur", "Welzijn", "Buurt*"]);
    for (const m of json.movements) {
      const row = cells[(m.row as number) - 2];
      expect(row.matchCount).toBe(1);
      expect(row.movement).toBe(expectedMovement(m, "nl"));
      expect(row.influenceChange).toBeCloseTo(m.influenceChange as number, 9);
      expect(row.dependencyChange).toBeCloseTo(m.dependencyChange as number, 9);
      expect(row.previousStrategy).toBe(t("nl", `strategy.${m.previousStrategy as StrategyKey}`));
      expect(row.strategyChanged).toBe(m.strategyChanged ? yes : no);
      expect(row.movedAsAdvised).toBe(m.movedAsAdvised === null ? t("nl", "history.notAdvised") : m.movedAsAdvised ? yes : no);
    }
    // "Nieuw BV" and "Buurthuis" are new: not found, every column #N/A. "Buurt*" matched itself, not "Buurthuis".
    for (const row of [cells[2], cells[3]]) expect(row).toMatchObject({ matchCount: 0, previousInfluence: "#N/A", movement: "#N/A", strategyChanged: "#N/A" });

    // The money then per strategy (D20:F24) as the command's comparison, the partners that changed strategy below it.
    const money = h.driver.values("Partnerkaart", "D20:F25");
    expect(money.slice(0, STRATEGY_KEYS.length)).toEqual(STRATEGY_KEYS.map((k) => [t("nl", `strategy.${k}`), json.money[k].then.count, json.money[k].then.subsidy]));
    const changed = json.movements.filter((m) => m.strategyChanged);
    const subsidyNow = (partner: unknown) => NOW.find((r) => r[0] === partner)![4] as number;
    expect(money[STRATEGY_KEYS.length]).toEqual([historyText("nl", "compare.changed"), changed.length, changed.reduce((sum, m) => sum + subsidyNow(m.partner), 0)]);
    expect(h.driver.values("Partnerkaart", "D17:E18")).toEqual([
      [historyText("nl", "compare.date"), "2025-03-01"],
      [historyText("nl", "compare.label"), "2025"],
    ]);
  });

  it("updates the columns in place on a re-apply, and the user's note only moves with the insert", async () => {
    const h = await recordedThenChanged();
    const output = outputOptions({ comparison: { date: "2025-03-01", label: "2025" } });
    await h.host.apply(await h.host.readActiveSheet(), {}, output);
    const header = h.driver.values("Register", "A1:AZ1")[0];
    const noteColumn = header.indexOf(NOTE);
    expect(noteColumn).toBeGreaterThan(header.indexOf(comparisonHeader("nl", "movedAsAdvised")));
    const before = h.driver.values("Register", `A1:AZ${NOW.length + 1}`);

    // Welzijn's influence rises from 3 to 5: its comparison cells follow at once (live formulas).
    await h.driver.setCell("Register", "B3", 5);
    expect(comparisonCells(h, "nl")[1]).toMatchObject({ movement: "omhoog, links", influenceChange: 2 });

    await h.host.apply(await h.host.readActiveSheet(), {}, output);
    const after = h.driver.values("Register", `A1:AZ${NOW.length + 1}`);
    // No second set of columns: the header row is the same, the note where it was.
    expect(after[0]).toEqual(before[0]);
    expect(h.driver.value("Register", `${columnLetter(noteColumn)}1`)).toBe(NOTE);
    expect(comparisonCells(h, "nl")[1]).toMatchObject({ movement: "omhoog, links", influenceChange: 2 });
  });

  it("is added to a register written earlier without it, right of Partnerkaart's columns, the note moved once more", async () => {
    const h = await recordedThenChanged();
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions());
    const plain = h.driver.values("Register", "A1:AZ1")[0];
    const strategyColumn = plain.indexOf(t("nl", "column.strategy"));
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison: { date: "2025-03-01", label: "2025" } }));
    const header = h.driver.values("Register", "A1:AZ1")[0];
    expect(header.slice(0, plain.indexOf(NOTE) - 1)).toEqual(plain.slice(0, plain.indexOf(NOTE) - 1));
    expect(header.indexOf(comparisonHeader("nl", "matchName"))).toBeGreaterThan(strategyColumn);
    expect(header.filter((v) => v === NOTE)).toHaveLength(1);
    expect(header.indexOf(NOTE)).toBeGreaterThan(header.indexOf(comparisonHeader("nl", "movedAsAdvised")));
    expect(comparisonCells(h, "nl")[0]).toMatchObject({ matchCount: 1, movement: "omhoog" });
  });

  it("writes into free columns beside a register without inserting any", async () => {
    const h = makeHarness({ sheets: [{ name: "Register", cells: [HEADER, ...EARLIER] }] });
    await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-03-01", "2025", false);
    await h.driver.setCells("Register", `A2:E${NOW.length + 1}`, NOW);
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison: { date: "2025-03-01", label: "2025" } }));
    expect(comparisonCells(h, "nl")[1]).toMatchObject({ matchCount: 1, movement: "links", strategyChanged: "nee" });
  });

  it("leaves a user's column that only looks like ours, and adds its own beside the register", async () => {
    const h = await recordedThenChanged();
    // The user typed our header over a column of their own notes, next to the register.
    await h.driver.setCells("Register", "F1:F2", [[comparisonHeader("nl", "matchCount")], ["eigen tekst"]]);
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison: { date: "2025-03-01", label: "2025" } }));
    const header = h.driver.values("Register", "A1:AZ1")[0];
    expect(h.driver.values("Register", "F1:F2")).toEqual([[comparisonHeader("nl", "matchCount")], ["eigen tekst"]]);
    expect(header.filter((v) => v === comparisonHeader("nl", "previousInfluence"))).toHaveLength(1);
  });

  // Sync 2 is the history read's second, sync 3 the apply's write (its preflight and structure syncs come first).
  it.each([2, 3])("failing in sync %i of a batch leaves the workbook as it was, comparison and all", async (sync) => {
    const h = await recordedThenChanged();
    const before = h.driver.snapshotAll();
    h.failAtSync(sync, "GeneralException", 4);
    const failure = await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison: { date: "2025-03-01", label: "2025" } })).catch((e: unknown) => e);
    expect(isHostFailure(failure) && failure.code).toBe("unknown");
    expect(h.driver.snapshotAll()).toEqual(before);
  });

  it("fails, writing nothing, when the chosen assessment is not on the history sheet", async () => {
    const h = await recordedThenChanged();
    const before = h.driver.snapshotAll();
    const failure = await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison: { date: "2024-03-01", label: "2024" } })).catch((e: unknown) => e);
    expect(isHostFailure(failure) && failure.code).toBe("item-not-found");
    expect(isHostFailure(failure) && failure.sheet).toBe(HISTORY_SHEET);
    expect(h.driver.snapshotAll()).toEqual(before);
  });

  it("adds the columns to an Excel table, in English", async () => {
    const h = makeHarness(
      { sheets: [{ name: "Register", cells: [HEADER, ...EARLIER], tables: [{ name: "Partners", address: `A1:E${EARLIER.length + 1}` }] }] },
      { language: "en-US" },
    );
    await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2025-03-01", "2025", false);
    await h.driver.setCells("Register", `A2:E${NOW.length + 1}`, NOW);
    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ language: "en", comparison: { date: "2025-03-01", label: "2025" } }));
    const table = h.driver.tables("Register").find((tb) => tb.name === "Partners")!;
    const header = h.driver.values("Register", "A1:AZ1")[0];
    const last = header.indexOf(comparisonHeader("en", "movedAsAdvised"));
    expect(table.address).toBe(`Register!A1:${columnLetter(last)}${NOW.length + 1}`);
    expect(comparisonCells(h, "en")[0]).toMatchObject({ matchCount: 1, movement: "up", strategyChanged: "yes", movedAsAdvised: "yes" });
  });
});

describe("a renamed partner linked to its earlier name", () => {
  it("is stored beside the history table, kept when recording again, and followed by the live columns as by --compare --rename", async () => {
    const h = await recordedThenChanged();
    expect(await h.host.linkRename!({ earlierName: "Oud BV", currentName: "Nieuw BV" })).toEqual([{ earlierName: "Oud BV", currentName: "Nieuw BV" }]);
    // Linking the same current name again replaces its link.
    await h.host.linkRename!({ earlierName: "Weg", currentName: "Nieuw BV" });
    expect(await h.host.linkRename!({ earlierName: "Oud BV", currentName: "nieuw bv " })).toEqual([{ earlierName: "Oud BV", currentName: "nieuw bv " }]);
    expect(h.driver.values(HISTORY_SHEET, "R1:T3")).toEqual([
      renameHeaders("nl"),
      ["Oud BV", "nieuw bv ", 1],
      ["", "", ""],
    ]);
    // Recording another assessment rebuilds the history table and leaves the links as they are.
    await h.host.recordAssessment!(await h.host.readActiveSheet(), {}, "2026-03-01", "2026", false);
    expect(await h.host.readRenames!()).toEqual([{ earlierName: "Oud BV", currentName: "nieuw bv " }]);
    expect((await h.host.readHistory!()).map((a) => a.label)).toEqual(["2025", "2026"]);

    await h.host.apply(await h.host.readActiveSheet(), {}, outputOptions({ comparison: { date: "2025-03-01", label: "2025" } }));
    const cells = comparisonCells(h, "nl");
    expect(cells[2]).toMatchObject({ matchName: "Oud BV", matchCount: 1, previousInfluence: 4, movement: "onveranderd", strategyChanged: "nee" });
    expect(cells[0]).toMatchObject({ matchName: "Schoolbestuur", matchCount: 1 });

    // The command with the same link reports the same partners as matched, with the same movement.
    const dir = mkdtempSync(join(tmpdir(), "partnerkaart-rename-"));
    try {
      writeFileSync(join(dir, "earlier.csv"), csv(EARLIER));
      writeFileSync(join(dir, "now.csv"), csv(NOW));
      let stdout = "";
      await runAnalyze([join(dir, "now.csv"), "--compare", join(dir, "earlier.csv"), "--rename", "Oud BV=Nieuw BV", "--json"], { stdout: (s) => (stdout += s), stderr: () => undefined });
      const json = JSON.parse(stdout) as { movements: Record<string, unknown>[] };
      const matchedRows = cells.flatMap((c, i) => (c.matchCount === 1 ? [i + 2] : []));
      expect(matchedRows).toEqual(json.movements.map((m) => m.row));
      for (const m of json.movements) expect(cells[(m.row as number) - 2].movement).toBe(expectedMovement(m, "nl"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is refused, writing nothing, on a history sheet that is not ours, and asked for in vain before any recording", async () => {
    const h = makeHarness({ sheets: [{ name: "Register", cells: [HEADER, ...NOW] }, { name: HISTORY_SHEET, cells: [["Mijn namenlijst"]] }] });
    const before = h.driver.snapshotAll();
    const failure = await h.host.linkRename!({ earlierName: "Oud BV", currentName: "Nieuw BV" }).catch((e: unknown) => e);
    expect(isHostFailure(failure) && failure.code).toBe("foreign-content");
    expect(h.driver.snapshotAll()).toEqual(before);
    const empty = makeHarness({ sheets: [{ name: "Register", cells: [HEADER, ...NOW] }] });
    const missing = await empty.host.linkRename!({ earlierName: "Oud BV", currentName: "Nieuw BV" }).catch((e: unknown) => e);
    expect(isHostFailure(missing) && missing.code).toBe("item-not-found");
  });
});
