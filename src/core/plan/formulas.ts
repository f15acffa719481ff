/**
 * The formulas the plan writes into the register and the parameter sheet. They mirror the core's
 * reading and arithmetic (values.ts, scales.ts, strategy.ts) so Excel recomputes exactly what
 * analyzeSheet computes. Rules: English names, `,` separators, references as the caller passes them
 * (the register columns pass R1C1 row-relative ones, `rowRelative`, so one text serves every row), only functions that
 * Excel 2016+, LibreOffice and HyperFormula know (no LET, IFS, CONCAT, XLOOKUP, structured
 * references, bare TRUE), and never a user string inside a formula.
 */
import { ON_LINE_TOLERANCE } from "../line";
import { columnLetter } from "../text";
import type { CellRect } from "../types";
import type { NumberReading } from "../values";
import { PARAMETER_NAMES as P, positionLabelName, strategyLabelName } from "../names";

/** A number as a plain decimal literal ("0.000000001"): HyperFormula does not parse "1E-9". */
export function decimalLiteral(value: number): string {
  const digits = Math.max(0, 15 - Math.floor(Math.log10(Math.abs(value) || 1)));
  return Number(value.toPrecision(15)).toFixed(Math.min(100, digits)).replace(/\.?0+$/, "");
}

/** The core's on-the-line tolerance (also used for the scale bounds), written out. */
export const TOLERANCE_LITERAL = decimalLiteral(ON_LINE_TOLERANCE);

/** 'Sheet name' with embedded quotes doubled: always quoted, which every engine accepts. */
export function quoteSheetName(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'`;
}

/** $B$5 */
export function absoluteCell(row: number, column: number): string {
  return `$${columnLetter(column)}$${row + 1}`;
}

/** 'Sheet'!$B$5 or 'Sheet'!$B$5:$C$9 */
export function absoluteReference(sheetName: string, rect: CellRect): string {
  const start = absoluteCell(rect.row, rect.column);
  const single = rect.rowCount === 1 && rect.columnCount === 1;
  const end = absoluteCell(rect.row + rect.rowCount - 1, rect.column + rect.columnCount - 1);
  return `${quoteSheetName(sheetName)}!${single ? start : `${start}:${end}`}`;
}

/** R1C1 "this row, column `column`" (RC5 = column E of the formula's own row): the same text in every row. */
export function rowRelative(column: number): string {
  return `RC${column + 1}`;
}

/** Names of the parameter cells one score axis is read with. */
export interface AxisNames {
  min: string;
  max: string;
  /** The label table (words and their values), when the scale accepts labels. */
  labelWords: string | null;
  labelValues: string | null;
}

export const INFLUENCE_AXIS_NAMES = (withLabels: boolean): AxisNames => ({
  min: P.influenceMin,
  max: P.influenceMax,
  labelWords: withLabels ? P.influenceLabelWords : null,
  labelValues: withLabels ? P.influenceLabelValues : null,
});

export const DEPENDENCY_AXIS_NAMES = (withLabels: boolean): AxisNames => ({
  min: P.dependencyMin,
  max: P.dependencyMax,
  labelWords: withLabels ? P.dependencyLabelWords : null,
  labelValues: withLabels ? P.dependencyLabelValues : null,
});

/** How the cell's own number format makes the core read a number (values.ts parseScore). */
export type NumberCellReading = NumberReading;

/**
 * The cell's text as the grammar reads it (docs/text-grammar.md; core: trimLikeExcel): no-break
 * spaces as spaces, then Excel's TRIM. UNICHAR, not CHAR: CHAR(160) is another character on a Mac.
 */
export function trimmedText(ref: string): string {
  return `TRIM(SUBSTITUTE(${ref}&"",UNICHAR(160)," "))`;
}

/** `text` without its digits: "" when it holds digits only. */
function withoutDigits(text: string): string {
  let out = text;
  for (let digit = 0; digit <= 9; digit++) out = `SUBSTITUTE(${out},"${digit}","")`;
  return out;
}

/** TRUE when `text` starts and ends with a digit (so it is not empty either). */
function digitAtBothEnds(text: string): string {
  return `ISNUMBER(FIND(LEFT(${text}&"x",1),"0123456789")*FIND(RIGHT("x"&${text},1),"0123456789"))`;
}

/**
 * A score text as a number, or #N/A (core: parseScore's text path). The number before an optional
 * trailing "%" must be digits with at most one "," or "." between digits: checked here rather than
 * left to NUMBERVALUE, which also reads "1 5" (spaces ignored), "1E3", "5." and, depending on the
 * Excel version, more. Two separators are NUMBERVALUE's own #VALUE!.
 */
function scoreNumberText(trimmed: string): string {
  const body = `TRIM(IF(RIGHT(${trimmed},1)="%",LEFT(${trimmed},LEN(${trimmed})-1),${trimmed}))`;
  const onlyDigitsAndSeparators = `${withoutDigits(`SUBSTITUTE(SUBSTITUTE(${body},",",""),".","")`)}=""`;
  return `IF(AND(${onlyDigitsAndSeparators},${digitAtBothEnds(body)}),NUMBERVALUE(SUBSTITUTE(${body},",","."),".",","),${NO_SCORE})`;
}

/**
 * The score in `ref` as a number in scale units, or #N/A — like parseScore + scoreOnScale:
 * booleans and date-formatted numbers are unusable; percent-formatted numbers count ×100; text
 * per the grammar (docs/text-grammar.md) is a number; a label is looked up in the label table
 * (`=` ignores case, keeps accents). SUMPRODUCT rather than MATCH: MATCH would treat "?" and "*"
 * in a user's cell as wildcards.
 */
export function parsedScoreExpression(ref: string, axis: AxisNames, reading: NumberCellReading): string {
  const trimmed = trimmedText(ref);
  const numberCell = reading === "date" ? NO_SCORE : reading === "percent" ? `${ref}*100` : ref;
  const label =
    axis.labelWords && axis.labelValues
      ? `IF(SUMPRODUCT(--(${axis.labelWords}=${trimmed}))=0,${NO_SCORE},SUMPRODUCT(--(${axis.labelWords}=${trimmed}),${axis.labelValues}))`
      : NO_SCORE;
  return `IF(ISLOGICAL(${ref}),${NO_SCORE},IF(ISNUMBER(${ref}),${numberCell},IF(${trimmed}="",${NO_SCORE},IFERROR(${scoreNumberText(trimmed)},${label}))))`;
}

/**
 * What parsedScoreExpression gives for a cell without a score: an error, which every engine carries
 * through arithmetic. "" would not do: Excel's ""-1 is #VALUE!, but HyperFormula and Google Sheets
 * count "" as 0, and 0 lies on a 0–10 scale, so a blank register target would win over the recommendation.
 */
const NO_SCORE = "NA()";

/**
 * "The value lies on the scale" (core: onScale, min - tol <= v <= max + tol) written as one distance
 * test, so the long score expression appears twice rather than three times.
 */
function onScaleTest(value: string, axis: AxisNames): string {
  return `ABS(${value}-(${axis.min}+${axis.max})/2)<=(${axis.max}-${axis.min})/2+${TOLERANCE_LITERAL}*(${axis.max}-${axis.min})`;
}

/** The parsed score when it lies on the scale, else "" (no score makes ABS fail: IFERROR gives ""). */
export function onScaleScoreExpression(ref: string, axis: AxisNames, reading: NumberCellReading): string {
  const v = parsedScoreExpression(ref, axis, reading);
  return `IFERROR(IF(${onScaleTest(v, axis)},${v},""),"")`;
}

/**
 * The white space JavaScript's trim() removes, which makes a partner cell blank to the core
 * (text.ts isBlank): tab, line feed, vertical tab, form feed, carriage return (CHAR: the same on
 * every platform below 128), and the Unicode spaces (UNICHAR).
 */
const CORE_WHITE_SPACE: readonly string[] = [
  ...[9, 10, 11, 12, 13].map((code) => `CHAR(${code})`),
  ...[0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff].map((code) => `UNICHAR(${code})`),
];

/** TRUE when the cell holds nothing but white space, as the core's isBlank sees it. */
function blankTest(ref: string): string {
  let text = `${ref}&""`;
  for (const space of CORE_WHITE_SPACE) text = `SUBSTITUTE(${text},${space},"")`;
  return `TRIM(${text})=""`;
}

/** Score column: the row's score when the row has a partner, else "" (the row does not count). */
export function scoreFormula(partnerRef: string, scoreRef: string, axis: AxisNames, reading: NumberCellReading): string {
  return `=IFERROR(IF(${blankTest(partnerRef)},"",${onScaleScoreExpression(scoreRef, axis, reading)}),"")`;
}

/** Required influence on the ambition line at the row's dependency (core: requiredInfluence). */
export function requiredInfluenceFormula(influenceScoreRef: string, dependencyScoreRef: string): string {
  return (
    `=IF(AND(ISNUMBER(${influenceScoreRef}),ISNUMBER(${dependencyScoreRef})),` +
    `${P.lineAtLowest}+(${dependencyScoreRef}-${P.dependencyMin})/(${P.dependencyMax}-${P.dependencyMin})*(${P.lineAtHighest}-${P.lineAtLowest}),"")`
  );
}

export function gapFormula(influenceScoreRef: string, requiredRef: string): string {
  return `=IF(ISNUMBER(${requiredRef}),${influenceScoreRef}-${requiredRef},"")`;
}

/** "gap counts as above": gap >= -1e-9 × influence range (core: positionOf). */
function aboveTest(gapRef: string): string {
  return `${gapRef}>=-${TOLERANCE_LITERAL}*(${P.influenceMax}-${P.influenceMin})`;
}

export function positionFormula(gapRef: string): string {
  return `=IF(ISNUMBER(${gapRef}),IF(${aboveTest(gapRef)},${positionLabelName("above")},${positionLabelName("below")}),"")`;
}

/** TRUE() when the alternatives cell holds a yes word (core: parseYesNo === "yes"). */
export function alternativesExpression(alternativesRef: string | null): string {
  if (alternativesRef === null) return "FALSE()";
  return `IFERROR(SUMPRODUCT(--(${P.yesWords}=${trimmedText(alternativesRef)}))>0,FALSE())`;
}

function highDependencyTest(dependencyScoreRef: string): string {
  return `${dependencyScoreRef}>${P.highDependencyAbove}`;
}

/** core: chooseStrategy, labels from the named label cells. */
export function strategyFormula(gapRef: string, dependencyScoreRef: string, alternativesRef: string | null): string {
  const above = aboveTest(gapRef);
  return (
    `=IF(ISNUMBER(${gapRef}),IF(${highDependencyTest(dependencyScoreRef)},` +
    `IF(${alternativesExpression(alternativesRef)},${strategyLabelName("reduce-dependency")},IF(${above},${strategyLabelName("secure")},${strategyLabelName("raise-influence")})),` +
    `IF(${above},${strategyLabelName("contract")},${strategyLabelName("strengthen-or-replace")})),"")`
  );
}

function reduceDependencyTest(dependencyScoreRef: string, alternativesRef: string | null): string {
  return `AND(${highDependencyTest(dependencyScoreRef)},${alternativesExpression(alternativesRef)})`;
}

/** A target written in the register wins when it is a usable score on the scale (core: registerTarget). */
export interface RegisterTarget {
  ref: string;
  axis: AxisNames;
  reading: NumberCellReading;
}

/** core: recommendedInfluence — up to the line for raise/strengthen, else stay. */
export function targetInfluenceFormula(
  refs: { influenceScore: string; dependencyScore: string; required: string; gap: string; alternatives: string | null },
  registerTarget: RegisterTarget | null,
): string {
  const recommended =
    `IF(AND(NOT(${aboveTest(refs.gap)}),NOT(${reduceDependencyTest(refs.dependencyScore, refs.alternatives)})),` +
    `${refs.required},${refs.influenceScore})`;
  return `=IF(ISNUMBER(${refs.gap}),${withRegisterTarget(registerTarget, recommended)},"")`;
}

/**
 * core: recommendedDependency — for reduce-dependency, left to where the partner's
 * influence meets the line (not below the scale's minimum), or the threshold, whichever is lower.
 */
export function targetDependencyFormula(
  refs: { influenceScore: string; dependencyScore: string; gap: string; alternatives: string | null },
  registerTarget: RegisterTarget | null,
): string {
  const rise = `(${P.lineAtHighest}-${P.lineAtLowest})`;
  const meets =
    `IF(${P.lineAtHighest}=${P.lineAtLowest},IF(${refs.influenceScore}>=${P.lineAtLowest},${P.dependencyMax},${P.dependencyMin}),` +
    `${P.dependencyMin}+(${refs.influenceScore}-${P.lineAtLowest})/${rise}*(${P.dependencyMax}-${P.dependencyMin}))`;
  const recommended =
    `IF(${reduceDependencyTest(refs.dependencyScore, refs.alternatives)},` +
    `MIN(MAX(${P.dependencyMin},${meets}),${P.highDependencyAbove}),${refs.dependencyScore})`;
  return `=IF(ISNUMBER(${refs.gap}),${withRegisterTarget(registerTarget, recommended)},"")`;
}

function withRegisterTarget(target: RegisterTarget | null, recommended: string): string {
  if (!target) return recommended;
  const v = parsedScoreExpression(target.ref, target.axis, target.reading);
  // Not a usable score on the scale (text, "", out of range): the recommendation.
  return `IFERROR(IF(${onScaleTest(v, target.axis)},${v},${recommended}),${recommended})`;
}

/**
 * An amount written as text as a number, or "" (core: parseAmount; docs/text-grammar.md): upper
 * case; spaces, "EURO", "EUR", "€", ",-" and ".-" out; an optional leading "-"; then digits and
 * separators, a digit at both ends. Both "." and ",": the last is the decimal separator (NUMBERVALUE
 * with that one as decimal, the other as group, accepts exactly that). One kind: groups when the
 * separators stand every three digits after a first group of one to three digits, else one
 * decimal separator. The checks come first: NUMBERVALUE alone would read "12.50" as 1250.
 */
export function subsidyAmountFormula(subsidyRef: string): string {
  let cleaned = `UPPER(${subsidyRef}&"")`;
  for (const drop of ["UNICHAR(160)", '" "', '"EURO"', '"EUR"', '"€"', '",-"', '".-"']) cleaned = `SUBSTITUTE(${cleaned},${drop},"")`;
  // The leading "-" goes; a "-" anywhere else fails the digits check.
  const unsigned = `SUBSTITUTE(${cleaned},"-","")`;
  const negative = `LEFT(${cleaned},1)="-"`;
  const signAtStart = `LEN(${cleaned})-LEN(${unsigned})=--(${negative})`;
  const noSeparators = `SUBSTITUTE(SUBSTITUTE(${unsigned},",",""),".","")`;
  const separators = `(LEN(${unsigned})-LEN(${noSeparators}))`;
  const bothKinds = `ISNUMBER(FIND(",",${unsigned})*FIND(".",${unsigned}))`;
  // Position of the first separator (one kind only), and the separators found every fourth place from it.
  const firstSeparator = `MIN(FIND(",",${unsigned}&","),FIND(".",${unsigned}&"."))`;
  // Past the end MID gives "": with the "|" appended it is found like a digit (FIND of "" differs between engines).
  const onGrid = `SUMPRODUCT(--ISERROR(FIND(MID(${unsigned},${firstSeparator}+{0,4,8,12,16},1)&"|","0|1|2|3|4|5|6|7|8|9|")))`;
  const grouped = `AND(ABS(${firstSeparator}-3)<=1,LEN(${unsigned})=${firstSeparator}-1+4*${separators},${onGrid}=${separators})`;
  const value =
    `IF(${bothKinds},IFERROR(NUMBERVALUE(${unsigned},",","."),NUMBERVALUE(${unsigned},".",",")),` +
    `IF(OR(${separators}=0,${grouped}),NUMBERVALUE(${noSeparators},".",","),` +
    `IF(${separators}=1,NUMBERVALUE(SUBSTITUTE(${unsigned},",","."),".",","),NA())))`;
  const valid = `AND(${signAtStart},${withoutDigits(noSeparators)}="",${digitAtBothEnds(unsigned)})`;
  return (
    `=IFERROR(IF(ISNUMBER(${subsidyRef}),${subsidyRef},IF(${trimmedText(subsidyRef)}="","",` +
    `IF(${valid},IF(${negative},-1,1)*${value},""))),"")`
  );
}

/** Summary: partners whose `labelRange` cell equals the label in `criterionRef`. */
/**
 * Partners whose label equals the summary row's label. SUMPRODUCT with "=" rather than COUNTIFS: a
 * COUNTIFS criterion reads a renamed label such as "<= 2 jaar" or "Versterken ~ vervangen" as an
 * operator or a wildcard; "=" compares the texts themselves, like the register's other lookups.
 */
export function countFormula(labelRange: string, criterionRef: string): string {
  return `=SUMPRODUCT(--(${labelRange}=${criterionRef}))`;
}

/** Subsidy of the partners whose label equals the row's label (text and blank amounts count as 0, as in SUMIFS). */
export function sumFormula(amountRange: string, labelRange: string, criterionRef: string): string {
  return `=SUMPRODUCT(--(${labelRange}=${criterionRef}),${amountRange})`;
}

/** Functions added to Excel after 2007 that the .xlsx file format writes with the `_xlfn.` prefix. */
export const XLFN_FUNCTIONS: readonly string[] = ["NUMBERVALUE", "UNICHAR"];

/**
 * The formula as the .xlsx file format stores it: post-2007 functions carry `_xlfn.`
 * (NUMBERVALUE → _xlfn.NUMBERVALUE, UNICHAR → _xlfn.UNICHAR). Office.js takes the plain names; an .xlsx writer needs this.
 */
export function toFileFormula(formula: string): string {
  let out = formula.startsWith("=") ? formula.slice(1) : formula;
  for (const name of XLFN_FUNCTIONS) {
    out = out.replace(new RegExp(`(?<![A-Za-z0-9_.])${name}\\(`, "g"), `_xlfn.${name}(`);
  }
  return out;
}
