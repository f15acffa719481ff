/**
 * The rows with input analysed on the known scales, a range of them at a time: step 1 places each
 * row's scores on the axes (`axes.ts`), then steps 2 and 3 (`strategy.ts`) run over the new
 * partners' number columns; results go straight into partner columns and the summary.
 */
import { placeOnAxis, skippedRow } from "./axes";
import { nameHash } from "./duplicates";
import { cellAt, cellIn, formatAt } from "./locate";
import { newPartnerColumns, strategyIndex } from "./partners";
import type { RowsWithInput } from "./rows-with-input";
import { onScale, scoreOnScale } from "./scales";
import { isHighDependency, positionOf, requiredInfluence } from "./line";
import { chooseStrategy, recommendedDependency, recommendedInfluence } from "./strategy";
import { displayText, isBlank, isErrorValue } from "./text";
import { memoizeTexts, parseAmount, parseScore, parseYesNo } from "./values";
import {
  PARTNER_FLAGS,
  STRATEGY_KEYS,
  type AmbitionLine,
  type ColumnMapping,
  type ConceptKey,
  type PartnerColumns,
  type Scale,
  type SheetSnapshot,
  type SkippedRow,
  type Summary,
  type Tally,
} from "./types";

export interface Scales {
  influenceScale: Scale;
  dependencyScale: Scale;
  line: AmbitionLine;
  highDependencyAbove: number;
}

export interface AnalysedRows {
  partners: PartnerColumns;
  nameHashes: Int32Array;
  skipped: SkippedRow[];
  summary: Summary;
}

/**
 * Analyses the rows with input on the scales, a range of them at a time: results go straight into
 * partner columns (no object per partner) and the summary; a row that cannot be analysed joins
 * `skipped` with its reason.
 */
export function rowAnalyser(
  snapshot: SheetSnapshot,
  mapping: ColumnMapping,
  withInput: RowsWithInput,
  capacity: number,
  scales: Scales,
): { analyseRows(from: number, to: number): void; finish(): AnalysedRows } {
  const { origin } = snapshot;
  const offsetOf = (concept: ConceptKey) => (mapping[concept] ? mapping[concept].column - origin.column : -1);
  const partnerOffset = offsetOf("partner");
  const altOffset = offsetOf("alternativesDesirable");
  const goalOffset = offsetOf("goal");
  const subsidyOffset = offsetOf("subsidy");
  const targetInfluenceCol = mapping.targetInfluence?.column ?? null;
  const targetDependencyCol = mapping.targetDependency?.column ?? null;
  const partners = newPartnerColumns(capacity);
  const nameHashes = new Int32Array(capacity);
  const skipped: SkippedRow[] = [];
  const summary = emptySummary();
  const { influenceScale, dependencyScale } = scales;
  // Per analysis, so a cache never outlives the sheet it was filled from.
  const yesNo = memoizeTexts(parseYesNo);
  const amount = memoizeTexts(parseAmount);
  const registerTarget = (r: number, c: number | null, scale: Scale): number | null => {
    if (c === null) return null;
    const value = scoreOnScale(parseScore(cellAt(snapshot, r, c), formatAt(snapshot, r, c)), scale);
    return value !== null && onScale(value, scale) ? value : null;
  };
  const analyseRows = (from: number, to: number) => {
    const first = partners.count;
    // The cells first; the framework's arithmetic then runs over the new partners' number columns
    // in a loop of its own, small enough for the compiler to inline it without boxing a number.
    for (let i = from; i < to; i++) {
      const r = withInput.row[i];
      const cells = withInput.cells[i];
      const partnerValue = cellIn(cells, partnerOffset);
      const influence = placeOnAxis(withInput.influence[i], influenceScale);
      const dependency = placeOnAxis(withInput.dependency[i], dependencyScale);
      const hasPartner = withInput.hasPartner[i] === 1;
      if (typeof influence === "string" || typeof dependency === "string" || !hasPartner || isErrorValue(partnerValue)) {
        skipped.push(skippedRow(mapping, r, partnerValue, hasPartner, influence, dependency, withInput, i, scales));
        continue;
      }
      const alternativesDesirable = altOffset >= 0 && yesNo(cellIn(cells, altOffset)) === "yes";
      const targetInfluence = registerTarget(r, targetInfluenceCol, influenceScale);
      const targetDependency = registerTarget(r, targetDependencyCol, dependencyScale);
      const goalValue = goalOffset < 0 ? "" : cellIn(cells, goalOffset);
      const subsidy = subsidyOffset < 0 ? null : amount(cellIn(cells, subsidyOffset));
      const at = partners.count++;
      partners.row[at] = r + 1;
      const partner = displayText(partnerValue);
      partners.partner[at] = partner;
      nameHashes[at] = nameHash(partner);
      partners.goal[at] = isBlank(goalValue) ? null : displayText(goalValue);
      partners.influence[at] = influence;
      partners.dependency[at] = dependency;
      // NaN: no target in the register, the framework recommends one.
      partners.targetInfluence[at] = targetInfluence ?? NaN;
      partners.targetDependency[at] = targetDependency ?? NaN;
      partners.subsidy[at] = subsidy ?? NaN;
      partners.flags[at] = (alternativesDesirable ? PARTNER_FLAGS.alternativesDesirable : 0) | (targetInfluence !== null || targetDependency !== null ? PARTNER_FLAGS.targetFromRegister : 0);
    }
    applyLineAndStrategy(partners, first, partners.count, scales, summary);
  };
  const finish = (): AnalysedRows => {
    partners.partner.length = partners.goal.length = partners.count;
    return { partners, nameHashes, skipped, summary };
  };
  return { analyseRows, finish };
}

/** Strategy codes by case: above the line (1), high dependency (2), alternatives desirable (4). */
const STRATEGY_BY_CASE: Uint8Array = Uint8Array.from({ length: 8 }, (_, bits) =>
  strategyIndex(chooseStrategy(bits & 1 ? "above" : "below", (bits & 2) !== 0, (bits & 4) !== 0)),
);

/**
 * Steps 2 and 3 of the framework (`line.ts`, `strategy.ts`) block-wise, over partners first…end
 * whose scores, subsidy, register targets (NaN for none) and alternatives flag are in place:
 * required influence, gap, position, strategy, the recommended target where the register names
 * none, and the summary's tallies. A loop of its own over number columns, so no number is boxed
 * (docs/performance.md); test/core/framework-blockwise.test.ts ties it to the one-partner functions.
 */
function applyLineAndStrategy(partners: PartnerColumns, first: number, end: number, { influenceScale, dependencyScale, line, highDependencyAbove }: Scales, summary: Summary): void {
  const tallies = STRATEGY_KEYS.map((k) => summary.byStrategy[k]);
  const { above: aboveTally, below: belowTally } = summary.byPosition;
  for (let at = first; at < end; at++) {
    const influence = partners.influence[at];
    const dependency = partners.dependency[at];
    const required = requiredInfluence(dependency, dependencyScale, line);
    const gap = influence - required;
    const above = positionOf(gap, influenceScale) === "above";
    const highDependency = isHighDependency(dependency, highDependencyAbove);
    const flags = partners.flags[at] | (above ? PARTNER_FLAGS.above : 0) | (highDependency ? PARTNER_FLAGS.highDependency : 0);
    const strategyCode = STRATEGY_BY_CASE[flags & (PARTNER_FLAGS.above | PARTNER_FLAGS.highDependency | PARTNER_FLAGS.alternativesDesirable)];
    const strategy = STRATEGY_KEYS[strategyCode];
    partners.requiredInfluence[at] = required;
    partners.gap[at] = gap;
    if (Number.isNaN(partners.targetInfluence[at])) partners.targetInfluence[at] = recommendedInfluence(strategy, influence, dependency, dependencyScale, line);
    if (Number.isNaN(partners.targetDependency[at])) partners.targetDependency[at] = recommendedDependency(strategy, influence, dependency, dependencyScale, line, highDependencyAbove);
    partners.strategy[at] = strategyCode;
    partners.flags[at] = flags;
    const subsidy = partners.subsidy[at];
    // Blank (NaN) and too-large amounts add nothing: sums stay finite (see MAX_SUMMED_AMOUNT).
    const money = subsidy <= MAX_SUMMED_AMOUNT && subsidy >= -MAX_SUMMED_AMOUNT ? subsidy : 0;
    count(tallies[strategyCode], money);
    count(above ? aboveTally : belowTally, money);
    count(summary.total, money);
  }
}

/**
 * The largest subsidy added to the summary: beyond it a double no longer holds every whole euro,
 * and a million such amounts still add up to a finite number (1e308 + 1e308 is Infinity).
 */
export const MAX_SUMMED_AMOUNT = Number.MAX_SAFE_INTEGER;

export function emptySummary(): Summary {
  const tally = () => ({ count: 0, subsidy: 0 });
  return {
    byStrategy: Object.fromEntries(STRATEGY_KEYS.map((k) => [k, tally()])) as Summary["byStrategy"],
    byPosition: { above: tally(), below: tally() },
    total: tally(),
  };
}

function count(tally: Tally, amount: number) {
  tally.count += 1;
  tally.subsidy += amount;
}
