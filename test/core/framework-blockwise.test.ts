/**
 * The analysis runs steps 2 and 3 of the framework block-wise over typed columns
 * (`applyLineAndStrategy` in core/row-analysis.ts, a strategy table indexed by flag bits). Here every
 * partner of random registers — both scales, any line and threshold, more rows than one block — is
 * held to the plain one-partner rules a reader finds in core/line.ts and core/strategy.ts.
 */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import { isHighDependency, positionOf, requiredInfluence } from "../../src/core/line";
import { chooseStrategy, recommendedDependency, recommendedInfluence } from "../../src/core/strategy";
import { STRATEGY_KEYS, type CellValue } from "../../src/core/types";
import { sheet } from "./sheet";

const SCALES = [
  { header: "(1-5)", min: 1, max: 5 },
  { header: "(1-10)", min: 1, max: 10 },
  { header: "(0-100)", min: 0, max: 100 },
];

/** A score on the scale in quarter steps of its range, so both ends and the middle occur. */
const scoreOn = (scale: { min: number; max: number }) => fc.integer({ min: 0, max: 8 }).map((k) => scale.min + (k / 8) * (scale.max - scale.min));

const registerCase = fc
  .record({ influenceScale: fc.constantFrom(...SCALES), dependencyScale: fc.constantFrom(...SCALES) })
  .chain(({ influenceScale, dependencyScale }) =>
    fc.record({
      influenceScale: fc.constant(influenceScale),
      dependencyScale: fc.constant(dependencyScale),
      line: fc.option(fc.record({ atLowestDependency: scoreOn(influenceScale), atHighestDependency: scoreOn(influenceScale) }), { nil: undefined }),
      highDependencyAbove: fc.option(scoreOn(dependencyScale), { nil: undefined }),
      // Short registers, and a few longer than one block of 1,024 rows.
      rows: fc.oneof(
        { weight: 4, arbitrary: fc.array(fc.tuple(scoreOn(influenceScale), scoreOn(dependencyScale), fc.boolean()), { minLength: 1, maxLength: 40 }) },
        { weight: 1, arbitrary: fc.array(fc.tuple(scoreOn(influenceScale), scoreOn(dependencyScale), fc.boolean()), { minLength: 1025, maxLength: 1300 }) },
      ),
    }),
  );

describe("the block-wise framework equals the one-partner rules", () => {
  test("required influence, gap, position, high dependency, strategy, target and the tallies of every partner", () => {
    fc.assert(
      fc.property(registerCase, ({ influenceScale, dependencyScale, line, highDependencyAbove, rows }) => {
        const cells: CellValue[][] = [
          ["Partner", `Invloed ${influenceScale.header}`, `Afhankelijkheid ${dependencyScale.header}`, "Alternatieven wenselijk"],
          ...rows.map(([influence, dependency, alternatives], i) => [`Partner ${i}`, influence, dependency, alternatives ? "ja" : "nee"]),
        ];
        const analysis = analyzeSheet(sheet(cells), { line, highDependencyAbove });
        expect(analysis.rows).toHaveLength(rows.length);
        const counts = Object.fromEntries(STRATEGY_KEYS.map((k) => [k, 0]));
        analysis.rows.forEach((r, i) => {
          const [influence, dependency, alternatives] = rows[i];
          const required = requiredInfluence(dependency, dependencyScale, analysis.line);
          const gap = influence - required;
          const position = positionOf(gap, influenceScale);
          const highDependency = isHighDependency(dependency, analysis.highDependencyAbove);
          const strategy = chooseStrategy(position, highDependency, alternatives);
          counts[strategy] += 1;
          expect({ ...r, target: { influence: r.target.influence, dependency: r.target.dependency } }).toMatchObject({
            influence,
            dependency,
            requiredInfluence: required,
            gap,
            position,
            highDependency,
            alternativesDesirable: alternatives,
            strategy,
            target: {
              influence: recommendedInfluence(strategy, influence, dependency, dependencyScale, analysis.line),
              dependency: recommendedDependency(strategy, influence, dependency, dependencyScale, analysis.line, analysis.highDependencyAbove),
            },
          });
        });
        for (const key of STRATEGY_KEYS) expect(analysis.summary.byStrategy[key].count).toBe(counts[key]);
      }),
      { numRuns: 40, seed: 20261206 },
    );
  });
});
