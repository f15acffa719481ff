/**
 * Prints the README's compatibility table: for each feature, the Excel API members the adapter
 * uses for it, the requirement set that takes (the highest of its members' sets, read from the
 * member table the Excel double enforces, test/support/excel/requirement-sets.json), and what the
 * pane does where that set is missing; then the minimum Excel versions per set on Windows, Mac and
 * the web. A test holds the README's copy equal to this output, so the table cannot drift.
 *
 *   npx tsx scripts/compatibility-table.ts
 */
import { readFileSync } from "node:fs";
import { compareVersions, REQUIREMENT_SETS_JSON, type RequirementSetFile } from "./requirement-sets";

export interface Feature {
  feature: string;
  /** "Class.member" as src/excel uses them. */
  members: string[];
  /** What the add-in does where the feature's set is missing (the manifest's minimum, 1.8, is required). */
  whereMissing: string;
}

/** The manifest's minimum: Excel without it does not load the add-in. */
export const MANIFEST_MINIMUM = "1.8";

export const FEATURES: Feature[] = [
  {
    feature: "Reading the register",
    members: ["Worksheet.getUsedRange", "Range.values", "Range.numberFormat", "Range.formulas", "Range.columnHidden", "Table.getRange", "NamedItem.getRangeOrNullObject"],
    whereMissing: "—",
  },
  {
    feature: "Selection as a hint",
    members: ["Workbook.getSelectedRanges"],
    whereMissing: "reads the one selected range (`getSelectedRange`, 1.1); a selected chart leaves the hint out",
  },
  { feature: "Merged-area checks", members: ["Range.getMergedAreasOrNullObject"], whereMissing: "merged cells are not read: no note about them" },
  {
    feature: "Columns beside a range",
    members: ["Range.insert", "Range.getEntireColumn", "Range.formulasR1C1", "Range.getUsedRangeOrNullObject"],
    whereMissing: "—",
  },
  { feature: "Columns in a table", members: ["TableColumnCollection.add", "TableColumnCollection.getCount"], whereMissing: "—" },
  {
    feature: "Columns in a table of more than ~2,050 rows on the web",
    members: ["Table.resize"],
    whereMissing: "`columns.add`, which Excel on the web refuses there: the pane says so (too many cells) and writes nothing",
  },
  { feature: "Names", members: ["NamedItemCollection.add", "NamedItemCollection.getItemOrNullObject", "NamedItem.formula"], whereMissing: "—" },
  { feature: "Summary and highlights", members: ["ConditionalFormatCollection.add", "Range.conditionalFormats"], whereMissing: "—" },
  {
    feature: "Chart",
    members: ["ChartCollection.add", "ChartSeriesCollection.add", "ChartSeries.setXAxisValues", "ChartSeries.setValues", "ChartSeries.markerStyle"],
    whereMissing: "—",
  },
  { feature: "Per-point labels", members: ["ChartPoint.dataLabel", "ChartDataLabel.formula"], whereMissing: "—" },
  {
    feature: "Sheet events (per sheet)",
    members: ["WorksheetCollection.onActivated", "Worksheet.onChanged", "Worksheet.onSelectionChanged"],
    whereMissing: "—",
  },
  {
    feature: "Sheet events (all sheets)",
    members: ["WorksheetCollection.onChanged", "WorksheetCollection.onSelectionChanged"],
    whereMissing: "each sheet's own events (1.7): a sheet added later is watched once the pane is opened again",
  },
  { feature: "Structure-protection check", members: ["WorkbookProtection.protected"], whereMissing: "—" },
  { feature: "Undo grouping", members: ["RunOptions.mergeUndoGroup"], whereMissing: "an apply is several undo steps in Excel; a failed apply still restores the workbook itself" },
];

/** Minimum versions per requirement set (learn.microsoft.com, "Excel JavaScript API requirement sets", 04/15/2024). */
export const PLATFORM_MINIMUMS: Record<string, { windows: string; mac: string; web: string }> = {
  "1.8": { windows: "Version 1808 (Build 10730.20102); volume-licensed: Office 2021", mac: "16.17", web: "supported" },
  "1.9": { windows: "Version 1903 (Build 11425.20204); volume-licensed: Office 2021", mac: "16.24", web: "supported" },
  "1.13": { windows: "Version 2102 (Build 13801.20738); volume-licensed: Office 2021", mac: "16.50", web: "supported" },
};

export function loadMembers(): RequirementSetFile["members"] {
  return (JSON.parse(readFileSync(REQUIREMENT_SETS_JSON, "utf8")) as RequirementSetFile).members;
}

/** The ExcelApi version a feature needs: the highest of its members'. Throws for a member the typings do not annotate. */
export function featureVersion(feature: Feature, members: RequirementSetFile["members"]): string {
  return feature.members
    .map((qualified) => {
      const [typeName, member] = qualified.split(".");
      const set = members[typeName]?.[member];
      if (!set || !set.startsWith("ExcelApi ")) throw new Error(`${qualified} has no ExcelApi set in ${REQUIREMENT_SETS_JSON}`);
      return set.slice("ExcelApi ".length);
    })
    .reduce((highest, version) => (compareVersions(version, highest) > 0 ? version : highest), "1.1");
}

export function compatibilityTable(members = loadMembers()): string {
  const lines = [
    README_START,
    "| feature | Excel API members used | needs ExcelApi | where the set is missing |",
    "| --- | --- | --- | --- |",
  ];
  const versions = new Set<string>([MANIFEST_MINIMUM]);
  for (const feature of FEATURES) {
    const version = featureVersion(feature, members);
    const above = compareVersions(version, MANIFEST_MINIMUM) > 0;
    if (above) versions.add(version);
    const where = above ? feature.whereMissing : "— (within the manifest's minimum)";
    lines.push(`| ${feature.feature} | ${feature.members.map((m) => `\`${m}\``).join(", ")} | ${version} | ${where} |`);
  }
  lines.push("", "| ExcelApi | Windows (Microsoft 365 / perpetual) | Mac | web |", "| --- | --- | --- | --- |");
  for (const version of [...versions].sort(compareVersions)) {
    const known = PLATFORM_MINIMUMS[version];
    lines.push(
      known
        ? `| ${version} | ${known.windows} | ${known.mac} | ${known.web} |`
        : `| ${version} | a Microsoft 365 build newer than those in Microsoft's table (after 2302) | after 16.70 | current |`,
    );
  }
  lines.push(README_END);
  return lines.join("\n");
}

/** The README's copy of the table sits between these lines. */
export const README_START = "<!-- compatibility table: npx tsx scripts/compatibility-table.ts -->";
export const README_END = "<!-- end of compatibility table -->";

if (require.main === module) console.log(compatibilityTable());
