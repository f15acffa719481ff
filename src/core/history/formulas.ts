/**
 * The live comparison columns: formulas on a register row that look the partner up in the history
 * table, in the snapshot named by two cells (its date and label). Text is matched as the rest of
 * our formulas match it (docs/text-grammar.md): `=` after no-break spaces become spaces and TRIM,
 * so case is ignored and accents count. SUMPRODUCT rather than MATCH, VLOOKUP or COUNTIFS: those
 * read "?", "*" and "~" in a partner's name or a label as wildcards. A partner found no times or
 * more than once (new, or ambiguous) shows #N/A in every column. No INDEX by ROW(range): ROW over a
 * range is an array in Excel but one number in HyperFormula; SUMPRODUCT over the one matching row
 * reads a number the same in Excel 2016, LibreOffice and HyperFormula, and the strategy is found
 * by asking for each of the five labels.
 */
import type { Language } from "../host";
import { t, type MessageKey } from "../i18n";
import { quoteSheetName, strategyLabelName, trimmedText } from "../plan";
import { columnLetter } from "../text";
import { STRATEGY_KEYS, type StrategyKey } from "../types";
import { ADVISED_DIRECTION } from "./compare";
import { COMPARISON_COLUMNS, type ComparisonColumn } from "./headers";

export { COMPARISON_COLUMNS, type ComparisonColumn };
import { HISTORY_INDEX, HISTORY_SHEET, RENAME_COLUMN, RENAME_COLUMNS, type HistoryColumn } from "./sheet";

type RenameColumn = (typeof RENAME_COLUMNS)[number];

/** Changes below this many scale units are rounding noise (as `movementOf`). */
const NOISE = "0.000000001";

export interface ComparisonRefs {
  /** Sheet rows of the history table's data (1-based, inclusive). */
  historyFirstRow: number;
  historyLastRow: number;
  /** Write the history ranges in R1C1 (`R2C1:R9C1`), for formulas filled down as R1C1; A1 otherwise. */
  r1c1?: boolean;
  /** Cells (or names) holding the chosen snapshot's date text and label. */
  compareDate: string;
  compareLabel: string;
  /** This register row's cells: name, goal (null: match on the name alone), current scores in scale units, current strategy label. */
  partner: string;
  goal: string | null;
  influence: string;
  dependency: string;
  strategy: string;
  /** The current scales' ends (cells or names such as PK_InfMin). */
  influenceMin: string;
  influenceMax: string;
  dependencyMin: string;
  dependencyMax: string;
  /** This row's match-count cell (the first comparison column), for the others. */
  matchCount: string;
  /** This row's name-to-match cell (the matchName column); absent: the partner's own name is matched. */
  matchName?: string;
  /** The user's links from renamed partners (the link table beside the history table, over the same rows) are followed. */
  renames?: boolean;
  /** This row's own comparison cells, which later columns read. */
  previousInfluence: string;
  previousDependency: string;
  influenceChange: string;
  dependencyChange: string;
  previousStrategy: string;
}


/** History column `c` (or a column of the link table beside it) over the table's data rows. */
function historyRange(c: HistoryColumn | RenameColumn, refs: SnapshotRefs): string {
  const index = (HISTORY_INDEX as Record<string, number>)[c] ?? RENAME_COLUMN + RENAME_COLUMNS.indexOf(c as RenameColumn);
  if (refs.r1c1) {
    const column = index + 1;
    return `${quoteSheetName(HISTORY_SHEET)}!R${refs.historyFirstRow}C${column}:R${refs.historyLastRow}C${column}`;
  }
  const letter = columnLetter(index);
  return `${quoteSheetName(HISTORY_SHEET)}!$${letter}$${refs.historyFirstRow}:$${letter}$${refs.historyLastRow}`;
}

/** 1 for each history row of the chosen snapshot that holds this partner (and goal), else 0. */
function matches(refs: ComparisonRefs): string {
  const terms = [
    `(${historyRange("date", refs)}=${refs.compareDate})`,
    `(${historyRange("label", refs)}=${refs.compareLabel})`,
    `(${trimmedText(historyRange("partner", refs))}=${trimmedText(refs.matchName ?? refs.partner)})`,
  ];
  if (refs.goal !== null) terms.push(`(${trimmedText(historyRange("goal", refs))}=${trimmedText(refs.goal)})`);
  return terms.join("*");
}

/** How the comparison columns show their results. */
export interface ComparisonDisplay {
  /** The language of the words shown (yes/no, movement); default: the history table's. */
  output?: Language;
  /**
   * Show the previous strategy through the parameter sheet's label cells (`PK_Label_…`), so it reads
   * as the register's own strategy column does, renamed labels included; default: the history's text.
   */
  labelNames?: boolean;
}

/**
 * The formula of each comparison column for one register row. `language` is the history table's:
 * its strategy labels are what the formulas look for.
 */
export function comparisonFormulas(refs: ComparisonRefs, language: Language, display: ComparisonDisplay = {}): Record<ComparisonColumn, string> {
  const output = display.output ?? language;
  const found = matches(refs);
  // The one matching row's number in column c; #N/A unless exactly one row matches.
  const at = (c: HistoryColumn) => `SUMPRODUCT(${found},${historyRange(c, refs)})`;
  const onlyOne = (formula: string) => `=IF(${refs.matchCount}<>1,NA(),${formula})`;
  const rescaled = (value: HistoryColumn, min: HistoryColumn, max: HistoryColumn, curMin: string, curMax: string) =>
    onlyOne(`${curMin}+(${at(value)}-${at(min)})*(${curMax}-${curMin})/(${at(max)}-${at(min)})`);
  const recorded = (k: StrategyKey) => `"${t(language, `strategy.${k}` as MessageKey)}"`;
  const shown = (k: StrategyKey) => (display.labelNames ? strategyLabelName(k) : recorded(k));
  const strategyThen = STRATEGY_KEYS.reduceRight(
    (otherwise, k) => `IF(SUMPRODUCT(${found},--(${historyRange("strategy", refs)}=${recorded(k)}))=1,${shown(k)},${otherwise})`,
    "NA()",
  );
  const yes = `"${t(output, "history.yes")}"`;
  const no = `"${t(output, "history.no")}"`;
  const dI = refs.influenceChange;
  const dD = refs.dependencyChange;
  const word = (key: MessageKey) => `"${t(output, key).replace(" {size}", "")}"`;
  const bothMoved = `AND(ABS(${dI})>=${NOISE},ABS(${dD})>=${NOISE})`;
  const up = STRATEGY_KEYS.filter((k) => ADVISED_DIRECTION[k] === "up");
  const left = STRATEGY_KEYS.filter((k) => ADVISED_DIRECTION[k] === "left");
  const isOneOf = (keys: StrategyKey[]) => `OR(${keys.map((k) => `${refs.previousStrategy}=${shown(k)}`).join(",")})`;
  // A linked current name matches its earlier name: INDEX by the link's number (no ROW over a range).
  const linked = `--(${trimmedText(historyRange("currentName", refs))}=${trimmedText(refs.partner)})`;
  const matchName = refs.renames
    ? `=IF(SUMPRODUCT(${linked})=1,INDEX(${historyRange("earlierName", refs)},SUMPRODUCT(${linked},${historyRange("number", refs)})),${refs.partner}&"")`
    : `=${refs.partner}&""`;
  return {
    matchName,
    matchCount: `=SUMPRODUCT(${found})`,
    previousInfluence: rescaled("influence", "influenceMin", "influenceMax", refs.influenceMin, refs.influenceMax),
    previousDependency: rescaled("dependency", "dependencyMin", "dependencyMax", refs.dependencyMin, refs.dependencyMax),
    // Noise below NOISE is no movement, as in the core.
    influenceChange: `=IF(ABS(${refs.influence}-${refs.previousInfluence})<${NOISE},0,${refs.influence}-${refs.previousInfluence})`,
    dependencyChange: `=IF(ABS(${refs.dependency}-${refs.previousDependency})<${NOISE},0,${refs.dependency}-${refs.previousDependency})`,
    movement:
      `=IF(AND(${dI}=0,${dD}=0),${word("movement.unchanged")},` +
      `IF(${dI}>0,${word("movement.up")},IF(${dI}<0,${word("movement.down")},""))&IF(${bothMoved},", ","")&` +
      `IF(${dD}>0,${word("movement.right")},IF(${dD}<0,${word("movement.left")},"")))`,
    previousStrategy: onlyOne(strategyThen),
    strategyChanged: `=IF(${refs.previousStrategy}=${refs.strategy},${no},${yes})`,
    movedAsAdvised:
      `=IF(${isOneOf(up)},IF(${dI}>0,${yes},${no}),` +
      `IF(${isOneOf(left)},IF(${dD}<0,${yes},${no}),"${t(output, "history.notAdvised")}"))`,
  };
}

/** Where the money-then formulas look: the history table's data rows and the chosen snapshot's cells. */
export type SnapshotRefs = Pick<ComparisonRefs, "historyFirstRow" | "historyLastRow" | "compareDate" | "compareLabel" | "r1c1">;

/**
 * Count and subsidy of the chosen snapshot's partners with `strategy`, for the summary's "then"
 * columns. SUMPRODUCT, not COUNTIFS/SUMIFS: those read "*" and "?" in a label as wildcards. An
 * empty subsidy cell counts as 0 (SUMPRODUCT skips texts).
 */
export function moneyThenFormulas(refs: SnapshotRefs, strategy: StrategyKey, language: Language): { count: string; subsidy: string } {
  const inSnapshot = `(${historyRange("date", refs)}=${refs.compareDate})*(${historyRange("label", refs)}=${refs.compareLabel})*(${historyRange("strategy", refs)}="${t(language, `strategy.${strategy}` as MessageKey)}")`;
  return { count: `=SUMPRODUCT(${inSnapshot})`, subsidy: `=SUMPRODUCT(${inSnapshot},${historyRange("subsidy", refs)})` };
}
