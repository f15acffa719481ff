/**
 * Matching the partners of two assessments: on the normalised name (trimmed, any case, single
 * spaces: `nameKey`, as the duplicate check compares names), plus the normalised goal when both
 * assessments have goals. A name the user linked to an earlier name (a rename) matches that name.
 * A key held by more than one partner on either side is ambiguous and matched to nothing: guessing
 * which "Stichting Welzijn" is which would report a movement that did not happen.
 */
import { nameKey } from "../duplicates";
import type { AssessedPartner } from "./record";

/** The user's link from a partner's current name to its name in the earlier assessment. */
export interface PartnerRename {
  earlierName: string;
  currentName: string;
}

export interface MatchedPartner {
  previous: AssessedPartner;
  current: AssessedPartner;
  /** Set when the match came through a rename: the earlier name. */
  renamedFrom: string | null;
}

export interface AmbiguousMatch {
  partner: string;
  goal: string | null;
  previous: AssessedPartner[];
  current: AssessedPartner[];
}

export interface PartnerMatching {
  /** Whether goals took part in the key (both assessments have a goal). */
  byGoal: boolean;
  matched: MatchedPartner[];
  /** In the current assessment only. */
  added: AssessedPartner[];
  /** In the earlier assessment only. */
  gone: AssessedPartner[];
  ambiguous: AmbiguousMatch[];
}

function hasGoals(partners: readonly AssessedPartner[]): boolean {
  return partners.some((p) => p.goal !== null && p.goal.trim() !== "");
}

function groupBy(partners: readonly AssessedPartner[], keyOf: (p: AssessedPartner) => string): Map<string, AssessedPartner[]> {
  const groups = new Map<string, AssessedPartner[]>();
  for (const p of partners) {
    const key = keyOf(p);
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return groups;
}

export function matchPartners(
  previous: readonly AssessedPartner[],
  current: readonly AssessedPartner[],
  renames: readonly PartnerRename[] = [],
): PartnerMatching {
  const byGoal = hasGoals(previous) && hasGoals(current);
  // The current name a rename maps an earlier name to; the last link for a name wins.
  const renamedTo = new Map(renames.map((r) => [nameKey(r.earlierName), nameKey(r.currentName)]));
  // A unit separator between name and goal: no name or goal typed in a cell holds it.
  const key = (name: string, p: AssessedPartner) => (byGoal ? `${name}\u001f${nameKey(p.goal ?? "")}` : name);
  const previousGroups = groupBy(previous, (p) => {
    const name = nameKey(p.partner);
    return key(renamedTo.get(name) ?? name, p);
  });
  const currentGroups = groupBy(current, (p) => key(nameKey(p.partner), p));

  const matching: PartnerMatching = { byGoal, matched: [], added: [], gone: [], ambiguous: [] };
  for (const [k, now] of currentGroups) {
    const then = previousGroups.get(k);
    if (!then) matching.added.push(...now);
    else if (now.length > 1 || then.length > 1) {
      matching.ambiguous.push({ partner: now[0].partner, goal: byGoal ? now[0].goal : null, previous: then, current: now });
    } else {
      const renamed = nameKey(then[0].partner) !== nameKey(now[0].partner);
      matching.matched.push({ previous: then[0], current: now[0], renamedFrom: renamed ? then[0].partner : null });
    }
  }
  for (const [k, then] of previousGroups) if (!currentGroups.has(k)) matching.gone.push(...then);
  return matching;
}
