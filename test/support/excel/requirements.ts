/**
 * Requirement sets in the double: which API members a workbook's Excel supports. The member → set
 * table is generated from @types/office-js (`scripts/requirement-sets.ts`), never kept by hand.
 * Excel fails a batch that uses a member its version lacks with `ApiNotFound` (learn.microsoft.com,
 * "Error handling with the application-specific JavaScript APIs"); the double does the same at sync.
 */
import generated from "./requirement-sets.json";

/** Requirement-set name → the highest version the workbook's Excel supports ({ ExcelApi: "1.8" }). */
export type SupportedSets = Readonly<Record<string, string>>;

const MEMBERS: Readonly<Record<string, Readonly<Record<string, string>>>> = generated.members;

/** "1.10" is above "1.9". */
export function compareSetVersions(a: string, b: string): number {
  const [aMajor, aMinor = 0] = a.split(".").map(Number);
  const [bMajor, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The newest ExcelApi version any member of the generated table needs: a current Excel. */
export const NEWEST_EXCEL_API = Object.values(MEMBERS)
  .flatMap((byMember) => Object.values(byMember))
  .filter((set) => set.startsWith("ExcelApi "))
  .map((set) => set.slice("ExcelApi ".length))
  .reduce((newest, version) => (compareSetVersions(version, newest) > 0 ? version : newest), "1.1");

/** The set `Class.member` needs ("ExcelApi 1.9"), or null when the typings name none. */
export function requirementOf(typeName: string, member: string): string | null {
  return MEMBERS[typeName]?.[member] ?? null;
}

export class RequirementSets {
  constructor(readonly supported: SupportedSets = { ExcelApi: NEWEST_EXCEL_API }) {}

  /** Office.context.requirements.isSetSupported, answered from the workbook's supported sets. */
  isSetSupported(name: string, minVersion?: string): boolean {
    const version = this.supported[name];
    if (version === undefined) return false;
    return minVersion === undefined || compareSetVersions(version, minVersion) >= 0;
  }

  /** The set `Class.member` needs when this Excel lacks it; null when it may be used. */
  missingSet(typeName: string, member: string): string | null {
    const needed = requirementOf(typeName, member);
    if (needed === null) return null;
    const [name, version] = needed.split(" ");
    return this.isSetSupported(name, version) ? null : needed;
  }
}
