/** Test helpers: hand-built analyses and the shared fixtures (skipped when absent). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { STRATEGY_KEYS, type Analysis, type PartnerResult, type StrategyKey } from "../../src/core/types";
import { partnerColumnsOf } from "../../src/core/partners";
import { SHARED_FIXTURES, withFixture } from "../support/fixtures";

export const FIXTURES = SHARED_FIXTURES;
/** The project's own register (always in the repository), so a clone without the fixtures still tests the chart. */
export const SAMPLE_REGISTER = join(__dirname, "../../samples/voorbeeld-register.xlsx");

/** Registers to draw: the shared municipal fixture when present, and the project's sample. */
export function chartRegisters(): { name: string; file: string }[] {
  const municipal = join(FIXTURES, "gemeente-voorbeeldstad.xlsx");
  return [...(existsSync(municipal) ? [{ name: "gemeente", file: municipal }] : []), ...(existsSync(SAMPLE_REGISTER) ? [{ name: "sample", file: SAMPLE_REGISTER }] : [])];
}

export interface ExpectedFixture {
  influenceScale: [number, number];
  dependencyScale: [number, number];
  line: { atLowestDependency: number; atHighestDependency: number };
  highDependencyAbove: number;
  rows: { row: number; partner: string; influence: number; dependency: number; strategy: StrategyKey; position: "above" | "below"; gap: number }[];
}

/** Fixture registers (xlsx or csv) that have an expected-results file. */
export function fixtureRegisters(): { name: string; file: string; expected: ExpectedFixture }[] {
  if (withFixture() === null) return [];
  const out: { name: string; file: string; expected: ExpectedFixture }[] = [];
  for (const name of ["gemeente-voorbeeldstad", "register-en", "rommelig-register", "labels-register", "seed-examples"]) {
    const expectedFile = join(FIXTURES, `${name}.expected.json`);
    const file = [".xlsx", ".csv"].map((ext) => join(FIXTURES, name + ext)).find((f) => existsSync(f));
    if (file && existsSync(expectedFile)) out.push({ name, file, expected: JSON.parse(readFileSync(expectedFile, "utf8")) });
  }
  return out;
}

type RowInput = Partial<PartnerResult> & Pick<PartnerResult, "partner" | "influence" | "dependency" | "strategy">;

/** An analysis on 1–5 scales with the default line (2 → 4) and threshold 3, from the rows given. */
export function handBuiltAnalysis(rows: RowInput[], extra: Partial<Analysis> = {}): Analysis {
  const line = extra.line ?? { atLowestDependency: 2, atHighestDependency: 4 };
  const dep = extra.dependencyScale ?? { min: 1, max: 5, kind: "numeric" as const, source: "header" as const };
  const required = (d: number) => line.atLowestDependency + ((d - dep.min) / (dep.max - dep.min)) * (line.atHighestDependency - line.atLowestDependency);
  const results: PartnerResult[] = rows.map((r, i) => {
    const requiredInfluence = required(r.dependency);
    const gap = r.influence - requiredInfluence;
    return {
      row: i + 2,
      goal: null,
      requiredInfluence,
      gap,
      position: gap >= -1e-9 ? "above" : "below",
      highDependency: r.dependency > 3,
      alternativesDesirable: false,
      target: { influence: r.influence, dependency: r.dependency, source: "recommended" },
      subsidy: null,
      ...r,
    };
  });
  const tally = () => ({ count: 0, subsidy: 0 });
  const byStrategy = Object.fromEntries(STRATEGY_KEYS.map((k) => [k, tally()])) as Analysis["summary"]["byStrategy"];
  const analysis: Omit<Analysis, "partners"> = {
    location: { sheetName: "Partners", tableName: null, headerRow: 0, firstDataRow: 1, lastDataRow: rows.length, firstColumn: 0, lastColumn: 5, totalsRow: null },
    mapping: {
      partner: { column: 0, header: "Partner", source: "auto" },
      influence: { column: 1, header: "Invloed", source: "auto" },
      dependency: { column: 2, header: "Afhankelijkheid", source: "auto" },
      alternativesDesirable: null,
      subsidy: results.some((r) => r.subsidy !== null) ? { column: 3, header: "Subsidie", source: "auto" } : null,
      goal: results.some((r) => r.goal !== null) ? { column: 4, header: "Doel", source: "auto" } : null,
      targetInfluence: null,
      targetDependency: null,
    },
    influenceScale: { min: 1, max: 5, kind: "numeric", source: "header" },
    dependencyScale: dep,
    line,
    highDependencyAbove: 3,
    rows: results,
    skipped: [],
    summary: { byStrategy, byPosition: { above: tally(), below: tally() }, total: tally() },
    warnings: [],
    ...extra,
  };
  return { ...analysis, partners: extra.partners ?? partnerColumnsOf(analysis.rows) };
}

/**
 * The seed's seven examples (framework.md), with targets worked out by hand from the framework's
 * movement rules: raise-influence / strengthen-or-replace go straight up to the line; Y
 * (reduce-dependency, influence 3) meets the line at dependency 3, which is also the threshold.
 */
export function seedAnalysis(): Analysis {
  return handBuiltAnalysis([
    { partner: "X: schoolbestuur", influence: 2, dependency: 4, strategy: "raise-influence", target: { influence: 3.5, dependency: 4, source: "recommended" }, subsidy: 450000 },
    { partner: "Y: welzijnsinstelling", influence: 3, dependency: 5, strategy: "reduce-dependency", target: { influence: 3, dependency: 3, source: "recommended" }, subsidy: 900000 },
    { partner: "Z: bibliotheek", influence: 5, dependency: 5, strategy: "secure", subsidy: 1200000 },
    { partner: "X: vervuilend bedrijf", influence: 2, dependency: 4.5, strategy: "raise-influence", target: { influence: 3.75, dependency: 4.5, source: "recommended" }, subsidy: 0 },
    { partner: "Z: ambassadeur", influence: 4.5, dependency: 5, strategy: "secure", subsidy: 50000 },
    { partner: "Opdrachtnemer", influence: 4, dependency: 2, strategy: "contract", subsidy: 75000 },
    { partner: "Weinig invloed", influence: 1.5, dependency: 1.5, strategy: "strengthen-or-replace", target: { influence: 2.25, dependency: 1.5, source: "recommended" }, subsidy: 20000 },
  ]);
}

type SvgNode = Record<string, unknown>;

/** All elements named `tag` (depth first) in a tree parsed by fast-xml-parser. */
export function findAll(node: unknown, tag: string, out: SvgNode[] = []): SvgNode[] {
  if (Array.isArray(node)) node.forEach((n) => findAll(n, tag, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node as SvgNode)) {
      if (key === tag) (Array.isArray(value) ? value : [value]).forEach((v) => out.push(v as SvgNode));
      findAll(value, tag, out);
    }
  }
  return out;
}

/** The `<g>` elements of class `cls` in a parsed tree. */
export const groupsOfClass = (tree: unknown, cls: string) => findAll(tree, "g").filter((g) => g.class === cls);
