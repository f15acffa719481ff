/**
 * Which partners the chart names: every one when few, else the largest subsidies or the deepest
 * gaps below the line (top-k by \`Leaders\`, without sorting the register), or a rule that covers a
 * group without listing it.
 */
import { isAbove } from "../partners";
import type { PartnerColumns } from "../types";
import type { ChartOptions } from "../host";
import { AUTO_LABEL_LIMIT } from "./limits";
import type { ChartSpec, Members } from "./types";

/** Which partners carry their name: a few listed, or a rule that covers a whole group without listing it. */
interface LabelChoice {
  size: number;
  has(partner: number): boolean;
  /** The labelled partners in member order when they are listed; null for a rule. */
  listed: number[] | null;
}

export function chooseLabels(
  partners: PartnerColumns,
  members: Members,
  belowCount: number,
  requested: ChartOptions["labels"],
  hasSubsidy: boolean,
): { labelled: LabelChoice; rule: ChartSpec["labelRule"] } {
  const all: LabelChoice = { size: members.length, has: () => true, listed: null };
  const below: LabelChoice = { size: belowCount, has: (i) => !isAbove(partners, i), listed: null };
  const chosen = (candidates: LabelCandidates, order: LabelOrder): LabelChoice => {
    const leaders = new Leaders(AUTO_LABEL_LIMIT);
    offerLabelCandidates(partners, members, candidates, order, leaders);
    // Members are ascending partner indices, so ascending indices are member order.
    const listed = leaders.ascending();
    const set = new Set(listed);
    return { size: set.size, has: (i) => set.has(i), listed };
  };
  switch (requested) {
    case "none":
      return { labelled: { size: 0, has: () => false, listed: [] }, rule: "none" };
    case "all":
      return { labelled: all, rule: "all" };
    case "below-line":
      return { labelled: below, rule: "below-line" };
    case "largest-subsidies":
      if (!hasSubsidy) return { labelled: below, rule: "below-line" };
      return { labelled: chosen("positive-subsidy", "subsidy"), rule: "largest-subsidies" };
    case "auto":
    default:
      if (members.length <= AUTO_LABEL_LIMIT) return { labelled: all, rule: "all" };
      // Below the line is where action is needed; when even that is too many, the largest
      // amounts (or the deepest gaps without amounts) matter most.
      if (belowCount <= AUTO_LABEL_LIMIT) return { labelled: below, rule: "below-line" };
      return {
        labelled: chosen("below-line", hasSubsidy ? "subsidy" : "gap"),
        rule: hasSubsidy ? "largest-subsidies" : "below-line",
      };
  }
}

/**
 * Keeps the `count` least of the items offered, by a primary then a secondary key, ties in the
 * order offered: what a stable sort and a slice keep, without sorting 100,000 items to keep 25,
 * and on keys worked out once instead of a comparison callback.
 * The chart offers up to a register's worth of partners to keep 25, and a callback comparing
 * doubles (subsidyAt's number | null, differences) can cost a heap number per comparison.
 */
export class Leaders {
  private readonly items: Int32Array;
  private readonly primary: Float64Array;
  private readonly secondary: Float64Array;
  private length = 0;

  constructor(private readonly count: number) {
    this.items = new Int32Array(count);
    this.primary = new Float64Array(count);
    this.secondary = new Float64Array(count);
  }

  offer(item: number, primary: number, secondary: number): void {
    const count = this.count;
    const full = this.length === count;
    // Most offers lose to the last one kept: one comparison.
    if (full && (count === 0 || !precedes(primary, secondary, this.primary[count - 1], this.secondary[count - 1]))) return;
    // A new slot, or the last one's, which drops out; then move up past the items this one precedes.
    let at = full ? count - 1 : this.length++;
    while (at > 0 && precedes(primary, secondary, this.primary[at - 1], this.secondary[at - 1])) {
      this.items[at] = this.items[at - 1];
      this.primary[at] = this.primary[at - 1];
      this.secondary[at] = this.secondary[at - 1];
      at--;
    }
    this.items[at] = item;
    this.primary[at] = primary;
    this.secondary[at] = secondary;
  }

  /** The items kept, ascending (not in key order). */
  ascending(): number[] {
    return Array.from(this.items.subarray(0, this.length)).sort((a, b) => a - b);
  }
}

/**
 * Whether keys (p, s) come before (q, t). A primary key that is neither less nor greater (equal,
 * or NaN) falls through to the secondary, as `difference || difference` does in a comparison.
 */
function precedes(p: number, s: number, q: number, t: number): boolean {
  return p < q || (!(p > q) && s < t);
}

type LabelCandidates = "positive-subsidy" | "below-line";
/** "subsidy": the largest amount first (no amount counts as 0), then the deepest gap; "gap": the other way round. */
type LabelOrder = "subsidy" | "gap";

/**
 * Offers the candidates among the members to `leaders` (partner indices), in `order`.
 * The loop has a function of its own: code after it would make Node's optimiser bail out on every call.
 */
function offerLabelCandidates(partners: PartnerColumns, members: Members, candidates: LabelCandidates, order: LabelOrder, leaders: Leaders): void {
  const belowOnly = candidates === "below-line";
  const subsidyFirst = order === "subsidy";
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const stored = partners.subsidy[i];
    const amount = Number.isNaN(stored) ? 0 : stored;
    if (belowOnly ? isAbove(partners, i) : !(amount > 0)) continue;
    const gap = partners.gap[i];
    // The amount negated: the largest is the least key.
    leaders.offer(i, subsidyFirst ? -amount : gap, subsidyFirst ? gap : -amount);
  }
}

