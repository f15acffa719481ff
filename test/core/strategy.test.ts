import { defaultAmbitionLine, defaultHighDependencyAbove, positionOf, requiredInfluence } from "../../src/core/line";
import { chooseStrategy, recommendedDependency, recommendedInfluence } from "../../src/core/strategy";
import type { StrategyKey } from "../../src/core/types";

const oneToFive = { min: 1, max: 5 };

describe("the ambition line", () => {
  it("defaults to 25 % and 75 % of the influence range (framework.md's examples)", () => {
    expect(defaultAmbitionLine({ min: 1, max: 5 })).toEqual({ atLowestDependency: 2, atHighestDependency: 4 });
    expect(defaultAmbitionLine({ min: 1, max: 10 })).toEqual({ atLowestDependency: 3.25, atHighestDependency: 7.75 });
    expect(defaultAmbitionLine({ min: 0, max: 100 })).toEqual({ atLowestDependency: 25, atHighestDependency: 75 });
  });

  it("is linear between the two ends", () => {
    const line = { atLowestDependency: 2, atHighestDependency: 4 };
    expect(requiredInfluence(1, oneToFive, line)).toBe(2);
    expect(requiredInfluence(5, oneToFive, line)).toBe(4);
    expect(requiredInfluence(4, oneToFive, line)).toBe(3.5);
  });

  it("counts a point on the line as above despite floating-point noise", () => {
    // Influence 0.3 against a required 0.1 + 0.2: on the line, but the subtraction gives −5.6e-17.
    const gap = 0.3 - (0.1 + 0.2);
    expect(gap).toBeLessThan(0);
    expect(positionOf(gap, { min: 0, max: 1 })).toBe("above");
    expect(positionOf(-0.001, { min: 0, max: 1 })).toBe("below");
  });

  it("puts the high-dependency threshold in the middle of the scale", () => {
    expect(defaultHighDependencyAbove(oneToFive)).toBe(3);
    expect(defaultHighDependencyAbove({ min: 1, max: 3 })).toBe(2);
  });
});

describe("strategies (framework.md's table)", () => {
  it.each([
    ["above", true, false, "secure"],
    ["above", false, false, "contract"],
    ["below", true, false, "raise-influence"],
    ["below", false, false, "strengthen-or-replace"],
    ["below", true, true, "reduce-dependency"],
    ["above", true, true, "reduce-dependency"],
    ["above", false, true, "contract"],
    ["below", false, true, "strengthen-or-replace"],
  ] as const)("%s the line, high dependency %s, alternatives desirable %s → %s", (position, high, alternatives, strategy) => {
    expect(chooseStrategy(position, high, alternatives)).toBe(strategy);
  });
});

describe("where a partner should move", () => {
  const line = { atLowestDependency: 2, atHighestDependency: 4 };
  const recommendedTarget = (strategy: StrategyKey, point: { influence: number; dependency: number }, scale: typeof oneToFive, ambition: typeof line, threshold: number) => ({
    influence: recommendedInfluence(strategy, point.influence, point.dependency, scale, ambition),
    dependency: recommendedDependency(strategy, point.influence, point.dependency, scale, ambition, threshold),
  });
  it("goes straight up to the line when influence must rise", () => {
    expect(recommendedTarget("raise-influence", { influence: 2, dependency: 4 }, oneToFive, line, 3)).toEqual({ influence: 3.5, dependency: 4 });
  });
  it("goes left to where its influence meets the line, but at least to the threshold", () => {
    // Influence 3.5 meets the line at dependency 4; the threshold 3 is lower → 3.
    expect(recommendedTarget("reduce-dependency", { influence: 3.5, dependency: 5 }, oneToFive, line, 3)).toEqual({ influence: 3.5, dependency: 3 });
    // Influence 2.5 meets the line at dependency 2, lower than the threshold.
    expect(recommendedTarget("reduce-dependency", { influence: 2.5, dependency: 5 }, oneToFive, line, 3)).toEqual({ influence: 2.5, dependency: 2 });
    // Influence 1 never meets it: clamped to the scale's minimum.
    expect(recommendedTarget("reduce-dependency", { influence: 1, dependency: 5 }, oneToFive, line, 3)).toEqual({ influence: 1, dependency: 1 });
  });
  it("stays when secured or contracted", () => {
    expect(recommendedTarget("secure", { influence: 5, dependency: 5 }, oneToFive, line, 3)).toEqual({ influence: 5, dependency: 5 });
  });
});
