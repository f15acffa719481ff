/**
 * Applies that insert whole columns (the user has content right of the register) and fail half-way
 * through the request that inserts them: the insert shares that request with the first writes, and
 * the rollback reads a witness cell to learn whether the insert ran (a batch is not a transaction:
 * Office stops at the failing statement, earlier ones stay applied). Every failure must leave the
 * workbook exactly as it was: values, formulas, names, sheets, and the user's cells in their columns.
 */
import { analyzeSheet } from "../../src/core/analyze";
import { planWrite } from "../../src/core/plan";
import { columnIndex, columnLetter } from "../../src/core/text";
import { generateRegister } from "../support/generate";
import { expectColumnsMatch, failureOf, makeHarness, outputOptions, type Harness } from "./harness";

const withChart = outputOptions({}, { enabled: true });
const NOTE = "Bijgewerkt op 1 maart";

interface NotedRegister {
  harness: Harness;
  sheet: string;
  /** Where the user's content right of the register stands, and what it shows. */
  noteAddress: string;
  noteValue: unknown;
}

/** A generated register with `content` right of its title row, so the new columns are inserted. */
async function registerWithNote(content: string = NOTE, layout: "range" | "table" = "range"): Promise<NotedRegister> {
  const register = generateRegister({ partners: 15, seed: 9, layout, hiddenRowRate: 0 }).snapshot;
  const harness = makeHarness();
  harness.driver.loadSnapshot(register);
  const noteAddress = `${columnLetter(register.origin.column + register.values[0].length + 1)}1`;
  await harness.driver.setCell(register.sheetName, noteAddress, content);
  return { harness, sheet: register.sheetName, noteAddress, noteValue: harness.driver.value(register.sheetName, noteAddress) };
}

type Happened = "nothing" | "insert" | "insert and writes";

/**
 * Fail operation `operation` of sync `sync` of an apply and expect the workbook as it was; gives
 * what of the failed request had happened when it failed (read from the double at that moment).
 */
async function failAndExpectUndone({ harness, sheet, noteAddress, noteValue }: NotedRegister, sync: number, operation: number): Promise<Happened> {
  const snapshot = await harness.host.readActiveSheet();
  const before = harness.driver.snapshotAll();
  const usedBefore = harness.driver.usedRange(sheet);
  let happened: Happened | null = null;
  harness.failAtSync(sync, "GeneralException", operation, () => {
    const moved = harness.driver.value(sheet, noteAddress) !== noteValue;
    happened = !moved ? "nothing" : harness.driver.names().length > 0 ? "insert and writes" : "insert";
  });
  const failure = await failureOf(harness.host.apply(snapshot, {}, withChart));
  expect(failure.code).toBe("unknown");
  expect(failure.details).not.toContain("restoring the workbook also failed");
  expect(harness.driver.snapshotAll()).toEqual(before);
  expect(harness.driver.usedRange(sheet)).toBe(usedBefore);
  expect(harness.driver.value(sheet, noteAddress)).toBe(noteValue);
  expect(happened).not.toBeNull();
  return happened!;
}

describe("a column insert shares its request with the first writes, and a failure there is undone exactly", () => {
  test("the register needs an insert, and the apply takes as many syncs as one without", async () => {
    const noted = await registerWithNote();
    const snapshot = await noted.harness.host.readActiveSheet();
    const analysis = analyzeSheet(snapshot, {});
    expect(planWrite(snapshot, analysis, withChart).registerColumns.kind).toBe("insert-columns");
    await noted.harness.host.apply(snapshot, {}, withChart);
    const withInsert = noted.harness.syncsOfLastCall();
    expectColumnsMatch(noted.harness, analysis);
    expect(noted.harness.driver.value(noted.sheet, noted.noteAddress)).toBe("");

    const plain = makeHarness();
    plain.driver.loadSnapshot(generateRegister({ partners: 15, seed: 9, layout: "range", hiddenRowRate: 0 }).snapshot);
    await plain.host.apply(await plain.host.readActiveSheet(), {}, withChart);
    expect(withInsert).toBe(plain.syncsOfLastCall());
  });

  // Operation 3 is the insert itself; from 9 on, names and register cells have been written too.
  test.each<[number, Happened]>([
    [1, "nothing"],
    [3, "nothing"],
    [4, "insert"],
    [9, "insert and writes"],
    [40, "insert and writes"],
    [100, "insert and writes"],
  ])("the structure sync failing at its operation %i (%s had happened) → everything undone", async (operation, expected) => {
    expect(await failAndExpectUndone(await registerWithNote(), 2, operation)).toBe(expected);
  });

  test("the write sync failing after the insert → everything undone", async () => {
    expect(await failAndExpectUndone(await registerWithNote(), 3, 30)).toBe("insert and writes");
  });

  test("a witness changed by the user during the apply: the rollback says it cannot tell, and leaves the columns", async () => {
    const { harness, sheet, noteAddress } = await registerWithNote();
    const snapshot = await harness.host.readActiveSheet();
    const plan = planWrite(snapshot, analyzeSheet(snapshot, {}), withChart);
    if (plan.registerColumns.kind !== "insert-columns") throw new Error("expected an insert");
    const shifted = noteAddress.replace(/^[A-Z]+/, (letters) => columnLetter(columnIndex(letters) + (plan.registerColumns as { count: number }).count));
    harness.failAtSync(2, "GeneralException", 20, () => {
      void harness.driver.setCell(sheet, shifted, "Typed meanwhile");
    });
    const failure = await failureOf(harness.host.apply(snapshot, {}, withChart));
    expect(failure.code).toBe("unknown");
    expect(failure.details).toContain("restoring the workbook also failed");
    expect(failure.details).toContain(`${sheet}!${columnLetter(plan.registerColumns.atColumn)}:`);
    expect(failure.details).toContain(`cell ${shifted} changed`);
    // The user's cell and the columns that may hold it stay.
    expect(harness.driver.value(sheet, shifted)).toBe("Typed meanwhile");
  });
});

describe("without a witness the insert is sent alone, and failures are still undone", () => {
  // A formula is no witness (an insert may rewrite its references).
  const formulaNote = () => registerWithNote("=1+1");

  test("one sync more than with a witness", async () => {
    const noted = await formulaNote();
    const snapshot = await noted.harness.host.readActiveSheet();
    expect(planWrite(snapshot, analyzeSheet(snapshot, {}), withChart).registerColumns.kind).toBe("insert-columns");
    await noted.harness.host.apply(snapshot, {}, withChart);
    const withoutWitness = noted.harness.syncsOfLastCall();
    const witnessed = await registerWithNote();
    await witnessed.harness.host.apply(await witnessed.harness.host.readActiveSheet(), {}, withChart);
    expect(withoutWitness).toBe(witnessed.harness.syncsOfLastCall() + 1);
  });

  test.each<[number, number, Happened]>([
    [2, 1, "nothing"],
    [2, 3, "nothing"],
    [3, 1, "insert"],
    [3, 5, "insert and writes"],
    [3, 20, "insert and writes"],
  ])("sync %i failing at its operation %i (%s had happened) → everything undone", async (sync, operation, expected) => {
    expect(await failAndExpectUndone(await formulaNote(), sync, operation)).toBe(expected);
  });
});

describe("a table with content right of it: the insert is synced alone, the first writes ride with the table columns", () => {
  test.each<[number, Happened]>([
    [1, "insert"],
    [10, "insert"],
    [40, "insert and writes"],
  ])("sync 3 failing at its operation %i (%s had happened) → everything undone", async (operation, expected) => {
    const noted = await registerWithNote(NOTE, "table");
    const snapshot = await noted.harness.host.readActiveSheet();
    const action = planWrite(snapshot, analyzeSheet(snapshot, {}), withChart).registerColumns;
    expect(action.kind === "add-table-columns" && action.insertColumnsFirst).toBeGreaterThan(0);
    expect(await failAndExpectUndone(noted, 3, operation)).toBe(expected);
  });
});
