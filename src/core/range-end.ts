/**
 * Where a plain range's partners end, found by reading its rows in order: a totals row, a blank row
 * followed by no more partners, or a footnote (`locate.ts` finds the header and the columns).
 */
import type { RegisterEnd, ScanState } from "./locate";
import { cellAt, lastRowOf } from "./snapshot";
import { isBlank } from "./text";
import type { CellValue, SheetSnapshot } from "./types";
import { isTotalLabel, looksLikeFootnote } from "./values";

/** The range's columns the scan looks at. */
export interface RangeColumns {
  firstColumn: number;
  lastColumn: number;
  partnerColumn: number;
  scoreColumns: number[];
}

/** What a row of the range is; `isAnotherHeader` tells a second register's header row. */
function rowKinds(snapshot: SheetSnapshot, { firstColumn, lastColumn, partnerColumn, scoreColumns }: RangeColumns, isAnotherHeader: (r: number) => boolean) {
  // These run for every row of the register: they read the row's array directly.
  const rowIsBlank = (r: number) => {
    const cells = snapshot.values[r - snapshot.origin.row];
    if (!cells) return true;
    for (let c = firstColumn; c <= lastColumn; c++) if (!isBlank(cells[c - snapshot.origin.column])) return false;
    return true;
  };
  const firstText = (r: number): CellValue => {
    const cells = snapshot.values[r - snapshot.origin.row];
    if (!cells) return "";
    for (let c = firstColumn; c <= lastColumn; c++) {
      const v = cells[c - snapshot.origin.column];
      if (!isBlank(v)) return v;
    }
    return "";
  };
  const scoreCellsBlank = (r: number) => {
    for (const c of scoreColumns) if (!isBlank(cellAt(snapshot, r, c))) return false;
    return true;
  };
  // "Totaal" in the partner or first column; or anywhere (next to a sum) in a row without partner and scores.
  const isTotals = (r: number) => {
    const partner = cellAt(snapshot, r, partnerColumn);
    if (isTotalLabel(partner) || (firstColumn !== partnerColumn && isTotalLabel(cellAt(snapshot, r, firstColumn)))) return true;
    if (!isBlank(partner)) return false;
    const scoreCellsEmpty = scoreColumns.every((c) => isBlank(cellAt(snapshot, r, c)) || isTotalLabel(cellAt(snapshot, r, c)));
    if (!scoreCellsEmpty) return false;
    for (let c = firstColumn; c <= lastColumn; c++) if (isTotalLabel(cellAt(snapshot, r, c))) return true;
    return false;
  };
  const isFootnote = (r: number) => scoreCellsBlank(r) && looksLikeFootnote(firstText(r));
  const looksLikePartnerRow = (r: number) =>
    !isTotals(r) &&
    !isFootnote(r) &&
    !isBlank(cellAt(snapshot, r, partnerColumn)) &&
    scoreColumns.some((c) => !isBlank(cellAt(snapshot, r, c))) &&
    !isAnotherHeader(r);

  // The common row (a partner and a score, no total label) is told by its own cells, without the
  // closures above: this loop runs for every row of the register.
  const partnerOffset = partnerColumn - snapshot.origin.column;
  const firstOffset = firstColumn - snapshot.origin.column;
  const scoreOffsets = scoreColumns.map((c) => c - snapshot.origin.column);
  const isPlainPartnerRow = (cells: CellValue[] | undefined): boolean => {
    if (!cells) return false;
    const partner = cells[partnerOffset];
    if (isBlank(partner) || isTotalLabel(partner)) return false;
    if (firstOffset !== partnerOffset && isTotalLabel(cells[firstOffset])) return false;
    for (let k = 0; k < scoreOffsets.length; k++) if (!isBlank(cells[scoreOffsets[k]])) return true;
    return false;
  };
  return { rowIsBlank, isTotals, isFootnote, looksLikePartnerRow, isPlainPartnerRow };
}

/** The resumable scan for the end of the range whose header is `headerRow`. */
export function scanRangeEnd(snapshot: SheetSnapshot, headerRow: number, columns: RangeColumns, isAnotherHeader: (r: number) => boolean): RegisterEnd {
  const { rowIsBlank, isTotals, isFootnote, looksLikePartnerRow, isPlainPartnerRow } = rowKinds(snapshot, columns, isAnotherHeader);
  const sheetLastRow = lastRowOf(snapshot);
  let next = headerRow + 1;
  const end: ScanState = {
    done: false,
    lastDataRow: headerRow,
    totalsRow: null,
    lastPossibleRow: sheetLastRow,
    scanThrough(row: number) {
      const last = Math.min(row, sheetLastRow);
      let r = next;
      for (; r <= last && !end.done; r++) {
        if (isPlainPartnerRow(snapshot.values[r - snapshot.origin.row])) {
          end.lastDataRow = r;
          continue;
        }
        if (rowIsBlank(r)) {
          let after = r + 1;
          while (after <= sheetLastRow && rowIsBlank(after)) after++;
          if (after > sheetLastRow || !looksLikePartnerRow(after)) end.done = true;
          else r = after - 1;
          continue;
        }
        if (isTotals(r)) {
          end.totalsRow = r;
          end.done = true;
          break;
        }
        if (isFootnote(r)) end.done = true;
        else end.lastDataRow = r;
      }
      next = r;
      if (next > sheetLastRow) end.done = true;
    },
  };
  return end;
}
