/** The pane's reducer on its own: which transitions each action makes, and which it refuses. */
import type { ApplyResult } from "../../src/core/host";
import { INITIAL_STATE, paneReducer, type PaneAction, type PaneState } from "../../src/taskpane/state";
import { sheetFromRows } from "../support/fake-host";
import { PARTNER_ROWS, notesSheet, partnerSheet } from "../support/registers";

const run = (actions: PaneAction[], from: PaneState = INITIAL_STATE) => actions.reduce(paneReducer, from);

function resultFor(state: PaneState): ApplyResult {
  if (state.outcome?.kind !== "analysis") throw new Error("no analysis");
  const { summary, skipped } = state.outcome.analysis;
  return { sheetName: "Partners", columnHeaders: [], parameterSheet: "Partnerkaart", chartNames: [], summary, skipped, notices: [], syncs: 3 };
}

test("a read settles in found or not-found", () => {
  expect(run([{ type: "read-started" }]).phase).toBe("reading");
  expect(run([{ type: "read-started" }, { type: "read-done", snapshot: partnerSheet() }]).phase).toBe("found");
  expect(run([{ type: "read-started" }, { type: "read-done", snapshot: notesSheet() }]).phase).toBe("not-found");
});

test("an apply runs applying → applied; a failure returns to the phase it left and asks for focus", () => {
  const found = run([{ type: "read-done", snapshot: partnerSheet() }]);
  const applying = paneReducer(found, { type: "apply-started" });
  expect(applying.phase).toBe("applying");
  const failed = paneReducer(applying, { type: "failed", failure: { code: "protected-sheet", details: "AccessDenied" } });
  expect(failed).toMatchObject({ phase: "found", progress: null, failure: { code: "protected-sheet" }, focus: { target: "failure" } });
  const applied = run([{ type: "apply-started" }, { type: "apply-done", result: resultFor(found), settings: {} }], found);
  expect(applied).toMatchObject({ phase: "applied", failure: null, focus: { target: "result" } });
  // Re-read after the apply: still applied. Another sheet: the result belonged to the previous one.
  expect(paneReducer(applied, { type: "read-done", snapshot: partnerSheet() }).phase).toBe("applied");
  const elsewhere = paneReducer(applied, { type: "read-done", snapshot: partnerSheet("Blad2") });
  expect(elsewhere).toMatchObject({ phase: "found", applied: null });
});

test("a cancelled apply is the user's choice: back to the phase it left, no failure, no focus move, a calm word until the next apply", () => {
  const found = run([{ type: "read-done", snapshot: partnerSheet() }]);
  const waiting = run([{ type: "apply-started" }, { type: "apply-progress", progress: { step: "waiting-for-cell-edit", fraction: 0.02 } }], found);
  expect(waiting.announcement).toEqual({ key: "apply.step.waiting-for-cell-edit" });
  const cancelled = paneReducer(waiting, { type: "failed", failure: { code: "cancelled", details: "cancelled", sheet: "Partners" } });
  expect(cancelled).toMatchObject({ phase: "found", progress: null, failure: null, cancelledOn: "Partners", announcement: { key: "apply.cancelled", params: { sheet: "Partners" } } });
  expect(cancelled.focus).toBe(found.focus);
  expect(paneReducer(cancelled, { type: "apply-started" }).cancelledOn).toBeNull();
  expect(paneReducer(cancelled, { type: "failure-dismissed" }).cancelledOn).toBeNull();
});

test("sheet events become requests; none while applying, and a late comparison of an old snapshot is no news", () => {
  const found = run([{ type: "read-done", snapshot: partnerSheet() }]);
  expect(paneReducer(found, { type: "sheet-event", event: { kind: "data-changed", sheetName: "Partners" } }).request).toMatchObject({ kind: "compare", sheetName: "Partners" });
  expect(paneReducer(found, { type: "sheet-event", event: { kind: "activated", sheetName: "Blad2" } }).request).toMatchObject({ kind: "read", delayMs: 0 });
  // A selection re-detects only while nothing was found.
  expect(paneReducer(found, { type: "sheet-event", event: { kind: "selection-changed", sheetName: "Partners" } }).request).toBeNull();
  const applying = paneReducer(found, { type: "apply-started" });
  expect(paneReducer(applying, { type: "sheet-event", event: { kind: "data-changed", sheetName: "Partners" } })).toBe(applying);

  const seen = found.snapshot!;
  expect(paneReducer(found, { type: "change-found", seen }).changedSheet).toBe("Partners");
  const reread = paneReducer(found, { type: "read-done", snapshot: sheetFromRows("Partners", PARTNER_ROWS) });
  expect(paneReducer(reread, { type: "change-found", seen }).changedSheet).toBeNull();
});
