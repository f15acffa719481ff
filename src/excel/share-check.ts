/**
 * The share check: what a partner would see if the whole workbook were shared. It reads only and
 * removes nothing. Findings: the register's partner names and scores, its subsidy column, the
 * partner pages (each names its partner and shows its scores), hidden
 * sheets, hidden columns and rows that hold something, names that point into hidden data,
 * comments (ExcelApi 1.10) and notes (1.18); below those sets the result says they were not checked.
 *
 * A fixed number of syncs: lists, then used ranges and name targets, then per-column/row probes
 * only where a used range mixes hidden and visible, then whether those hidden parts hold content.
 */
import type { ShareCheckResult, ShareFinding } from "../core/host";
import { PAGE_HEAD_ADDRESS, partnerOfPage } from "../core/partner/recognise";
import { cellAddress, columnLetter } from "../core/text";
import type { Analysis } from "../core/types";
import type { Requirements } from "./env";

/** Beyond this many rows a used range with some hidden rows is reported as a whole, not probed row by row. */
const MAX_ROW_PROBES = 5000;

interface SheetRead {
  name: string;
  visibility: string;
  used: Excel.Range;
  /** A1:B3, which tell a partner page by its content. */
  head: Excel.Range;
}

type Axis = "columns" | "rows";
type Probe = { sheet: SheetRead; axis: Axis; index: number; range: Excel.Range };
type NameTarget = { name: string; target: Excel.Range };
type AnnotationPlace = { kind: "comment" | "note"; content: string; location: Excel.Range };

export async function checkBeforeSharing(context: Excel.RequestContext, analysis: Analysis | null, requirements: Requirements): Promise<ShareCheckResult> {
  const findings: ShareFinding[] = registerFindings(analysis);
  const lists = queueLists(context.workbook, requirements);
  await context.sync();

  const { sheets, nameTargets, annotationPlaces } = queueSheetsAndTargets(lists);
  await context.sync();

  const { probes, wholeHidden } = queueHiddenProbes(sheets, findings);
  findings.push(...hiddenNameFindings(nameTargets), ...annotationFindings(annotationPlaces));
  await context.sync();

  // Which hidden columns and rows hold something.
  const hidden = [
    ...probes.filter((p) => (p.axis === "columns" ? p.range.columnHidden : p.range.rowHidden)),
    ...wholeHidden.flatMap(({ sheet, axis }) => {
      const count = axis === "columns" ? sheet.used.columnCount : sheet.used.rowCount;
      return Array.from({ length: Math.min(count, MAX_ROW_PROBES) }, (_, index) => ({ sheet, axis, index, range: axis === "columns" ? sheet.used.getColumn(index) : sheet.used.getRow(index) }));
    }),
  ].map((probe) => ({ ...probe, content: probe.range.load("address,values") }));
  await context.sync();

  findings.push(...hiddenContentFindings(sheets, hidden));
  return { findings, commentsChecked: lists.commentsChecked, notesChecked: lists.notesChecked };
}

/** The register's partner names and scores, and its subsidy column, from the analysis. */
function registerFindings(analysis: Analysis | null): ShareFinding[] {
  if (!analysis) return [];
  const l = analysis.location;
  const findings: ShareFinding[] = [
    {
      kind: "partner-data",
      sheet: l.sheetName,
      address: `${cellAddress(l.headerRow, l.firstColumn)}:${cellAddress(Math.max(l.lastDataRow, l.headerRow), l.lastColumn)}`,
      detail: String(analysis.partners.count),
    },
  ];
  const subsidy = analysis.mapping.subsidy;
  if (subsidy) {
    const letter = columnLetter(subsidy.column);
    findings.push({ kind: "subsidy-column", sheet: l.sheetName, address: `${letter}${l.headerRow + 1}:${letter}${Math.max(l.lastDataRow, l.headerRow) + 1}`, detail: subsidy.header });
  }
  return findings;
}

/** The sheets, names, comments (ExcelApi 1.10) and notes (1.18): null where the set is missing. */
function queueLists(workbook: Excel.Workbook, requirements: Requirements) {
  const worksheets = workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  const names = workbook.names;
  names.load("items/name,items/type");
  const commentsChecked = requirements.excelApi("1.10");
  const comments = commentsChecked ? workbook.comments : null;
  comments?.load("items/content");
  const notesChecked = requirements.excelApi("1.18");
  const notes = notesChecked ? workbook.notes : null;
  notes?.load("items/content");
  return { worksheets, names, comments, notes, commentsChecked, notesChecked };
}

/** Each sheet's used range and head, where each range name points, and where each comment and note sits. */
function queueSheetsAndTargets(lists: ReturnType<typeof queueLists>): { sheets: SheetRead[]; nameTargets: NameTarget[]; annotationPlaces: AnnotationPlace[] } {
  const sheets: SheetRead[] = lists.worksheets.items.map((sheet) => {
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address,rowIndex,columnIndex,rowCount,columnCount,columnHidden,rowHidden");
    return { name: sheet.name, visibility: sheet.visibility, used, head: sheet.getRange(PAGE_HEAD_ADDRESS).load("values") };
  });
  const nameTargets = lists.names.items
    .filter((item) => item.type === "Range")
    .map((item) => {
      const target = item.getRangeOrNullObject();
      target.load("address,columnHidden,rowHidden");
      target.worksheet.load("name,visibility");
      return { name: item.name, target };
    });
  const annotationPlaces = [
    ...(lists.comments?.items ?? []).map((comment) => ({ kind: "comment" as const, content: comment.content, location: comment.getLocation().load("address") })),
    ...(lists.notes?.items ?? []).map((note) => ({ kind: "note" as const, content: note.content, location: note.getLocation().load("address") })),
  ];
  return { sheets, nameTargets, annotationPlaces };
}

/**
 * Hidden sheets with content and partner pages go into `findings`; per visible sheet, where hidden
 * and visible columns or rows mix, one probe each is queued.
 */
function queueHiddenProbes(sheets: SheetRead[], findings: ShareFinding[]): { probes: Probe[]; wholeHidden: { sheet: SheetRead; axis: Axis }[] } {
  const probes: Probe[] = [];
  const wholeHidden: { sheet: SheetRead; axis: Axis }[] = [];
  for (const sheet of sheets) {
    if (sheet.used.isNullObject) continue;
    if (sheet.visibility !== "Visible") {
      findings.push({ kind: "hidden-sheet", sheet: sheet.name, address: null, detail: sheet.visibility });
      continue;
    }
    const pagePartner = partnerOfPage(sheet.head.values);
    if (pagePartner !== null) findings.push({ kind: "partner-page", sheet: sheet.name, address: "B3", detail: pagePartner });
    const used = sheet.used;
    for (const axis of ["columns", "rows"] as const) {
      const state = axis === "columns" ? used.columnHidden : used.rowHidden;
      const count = axis === "columns" ? used.columnCount : used.rowCount;
      if (state === true) wholeHidden.push({ sheet, axis });
      if (state !== null) continue;
      if (axis === "rows" && count > MAX_ROW_PROBES) {
        findings.push({ kind: "hidden-rows", sheet: sheet.name, address: localAddress(used.address), detail: "" });
        continue;
      }
      for (let i = 0; i < count; i++) {
        const range = axis === "columns" ? used.getColumn(i) : used.getRow(i);
        range.load(axis === "columns" ? "columnHidden" : "rowHidden");
        probes.push({ sheet, axis, index: i, range });
      }
    }
  }
  return { probes, wholeHidden };
}

function hiddenNameFindings(nameTargets: NameTarget[]): ShareFinding[] {
  return nameTargets.flatMap(({ name, target }): ShareFinding[] => {
    if (target.isNullObject) return [];
    const onHiddenSheet = target.worksheet.visibility !== "Visible";
    if (!onHiddenSheet && target.columnHidden === false && target.rowHidden === false) return [];
    return [{ kind: "name-to-hidden-data", sheet: target.worksheet.name, address: localAddress(target.address), detail: name }];
  });
}

function annotationFindings(annotationPlaces: AnnotationPlace[]): ShareFinding[] {
  return annotationPlaces.map(({ kind, content, location }) => ({ kind, sheet: sheetOfAddress(location.address), address: localAddress(location.address), detail: content }));
}

/**
 * Values, not Range.getUsedRange: only hidden parts are read (few), and the answer does not hang on
 * how a used range within a range is cut (the Excel double intersects the sheet's used range instead).
 */
function hiddenContentFindings(sheets: SheetRead[], hidden: (Probe & { content: Excel.Range })[]): ShareFinding[] {
  const findings: ShareFinding[] = [];
  const withContent = hidden.filter((h) => h.content.values.some((row) => row.some((value) => value !== "" && value !== null)));
  for (const sheet of sheets) {
    for (const axis of ["columns", "rows"] as const) {
      const parts = withContent.filter((h) => h.sheet === sheet && h.axis === axis);
      if (parts.length === 0) continue;
      const labels = parts.map((h) => (axis === "columns" ? columnLetter(sheet.used.columnIndex + h.index) : String(sheet.used.rowIndex + h.index + 1)));
      findings.push({
        kind: axis === "columns" ? "hidden-columns" : "hidden-rows",
        sheet: sheet.name,
        address: localAddress(parts[0].content.address),
        detail: labels.join(", "),
      });
    }
  }
  return findings;
}

/** "'Mijn blad'!A1:B2" → "A1:B2". */
function localAddress(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}

function sheetOfAddress(address: string): string {
  const sheet = address.slice(0, Math.max(0, address.lastIndexOf("!")));
  return sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}
