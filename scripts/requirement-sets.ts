/**
 * Generates test/support/excel/requirement-sets.json: for every class (and top-level interface) of the Excel JavaScript API,
 * the requirement set each member needs, as the `[Api set: ExcelApi 1.9]` annotations of
 * @types/office-js state it. The Excel double refuses a member whose set its workbook does not
 * support, and the README's compatibility table is printed from the same file
 * (`scripts/compatibility-table.ts`), so neither is a hand-kept list.
 *
 *   npx tsx scripts/requirement-sets.ts            (rewrites the JSON)
 *   npx tsx scripts/requirement-sets.ts --check    (exits 1 when the JSON is out of date)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const REQUIREMENT_SETS_JSON = join(__dirname, "..", "test", "support", "excel", "requirement-sets.json");
const TYPES_DIR = join(__dirname, "..", "node_modules", "@types", "office-js");

export interface RequirementSetFile {
  source: string;
  /** Class name → member name → "ExcelApi 1.9" (the lowest set any overload of the member names). */
  members: Record<string, Record<string, string>>;
}

/** `[Api set: ExcelApi 1.9]`, `[Api set: ExcelApiOnline 1.1]`; other hosts' sets are not Excel's. */
const API_SET = /\[Api set: (ExcelApi(?:Online|Desktop)?) (\d+\.\d+)/;
/** A member declaration at class-body indentation: `name(`, `name:`, `name?:`, `readonly name:`, `name<T>(`. */
const MEMBER = /^ {8}(?:readonly )?([A-Za-z_]\w*)\??\s*[(:<]/;

/** "1.10" > "1.9": requirement-set versions compare by their numeric parts. */
export function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export function parseRequirementSets(declarations: string): RequirementSetFile["members"] {
  const lines = declarations.split("\n");
  const start = lines.findIndex((line) => line.startsWith("declare namespace Excel {"));
  if (start < 0) throw new Error("@types/office-js has no `declare namespace Excel`");
  const members: RequirementSetFile["members"] = {};
  let className: string | null = null;
  let pendingSet: string | null = null;
  let inComment = false;
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i];
    if (line === "}") break; // the end of `declare namespace Excel`
    // Classes, and top-level interfaces such as RunOptions (`mergeUndoGroup`) and event arguments.
    const classMatch = /^ {4}(?:class|interface) (\w+)/.exec(line);
    if (classMatch) {
      className = classMatch[1];
      pendingSet = null;
      continue;
    }
    if (/^ {4}}/.test(line)) {
      className = null;
      continue;
    }
    if (className === null) continue;
    if (/^ {8}\/\*\*/.test(line)) inComment = true;
    if (inComment) {
      const set = API_SET.exec(line);
      if (set) pendingSet = `${set[1]} ${set[2]}`;
      if (line.includes("*/")) inComment = false;
      continue;
    }
    const member = MEMBER.exec(line);
    if (!member) continue;
    if (pendingSet) {
      const byMember = (members[className] ??= {});
      const known = byMember[member[1]];
      if (!known || isLower(pendingSet, known)) byMember[member[1]] = pendingSet;
    }
    pendingSet = null;
  }
  return members;
}

/** Overloads of one member may name different sets; the lowest is the member's. */
function isLower(candidate: string, known: string): boolean {
  const [candidateSet, candidateVersion] = candidate.split(" ");
  const [knownSet, knownVersion] = known.split(" ");
  if (candidateSet !== knownSet) return candidateSet === "ExcelApi";
  return compareVersions(candidateVersion, knownVersion) < 0;
}

export function generate(): RequirementSetFile {
  const version = (JSON.parse(readFileSync(join(TYPES_DIR, "package.json"), "utf8")) as { version: string }).version;
  const members = parseRequirementSets(readFileSync(join(TYPES_DIR, "index.d.ts"), "utf8"));
  const sorted = Object.fromEntries(
    Object.keys(members)
      .sort()
      .map((name) => [name, Object.fromEntries(Object.keys(members[name]).sort().map((member) => [member, members[name][member]]))]),
  );
  return { source: `@types/office-js ${version}`, members: sorted };
}

if (require.main === module) {
  const text = `${JSON.stringify(generate(), null, 1)}\n`;
  if (process.argv.includes("--check")) {
    const current = readFileSync(REQUIREMENT_SETS_JSON, "utf8");
    if (current !== text) {
      console.error(`${REQUIREMENT_SETS_JSON} is out of date: run npx tsx scripts/requirement-sets.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(REQUIREMENT_SETS_JSON, text);
    console.log(`wrote ${REQUIREMENT_SETS_JSON}`);
  }
}
