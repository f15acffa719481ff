/**
 * Syncs and request sizes of one apply at 10 and 10,000 partners (issues 3 and 6). At 10,000 the
 * double's formula engine would take minutes, so this file stores our formulas unevaluated (the
 * bench's switch): syncs and payloads are counted on the requests before the model sees them.
 * That the formulas compute the right results is tested on smaller registers in host/apply tests.
 */
import { switchOffFormulaEvaluation } from "../../bench/double-no-eval";
import { generateRegister } from "../support/generate";
import { makeHarness, outputOptions } from "./harness";

const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;

async function applyOf(partners: number, layout: "range" | "table") {
  const harness = makeHarness();
  harness.driver.loadSnapshot(generateRegister({ partners, seed: 5, layout, hiddenRowRate: 0 }).snapshot);
  const snapshot = await harness.host.readActiveSheet();
  harness.driver.resetCounters();
  const result = await harness.host.apply(snapshot, {}, outputOptions({}, { enabled: true }));
  return { syncs: result.syncs, largestRequest: harness.driver.largestRequestBytes, largestResponse: harness.driver.largestResponseBytes };
}

describe("one apply at 10 and 10,000 partners", () => {
  let restore: () => void;
  beforeAll(() => {
    restore = switchOffFormulaEvaluation();
  });
  afterAll(() => restore());

  test.each(["range", "table"] as const)("%s: the same number of syncs (at most 5), every request and response under 5 MB", async (layout) => {
    const small = await applyOf(10, layout);
    const large = await applyOf(10_000, layout);
    expect(small.syncs).toBeLessThanOrEqual(5);
    expect(large.syncs).toBe(small.syncs);
    expect(large.largestRequest).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(large.largestResponse).toBeLessThan(REQUEST_LIMIT_BYTES);
  });
});
