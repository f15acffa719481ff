/**
 * One proxy per sheet and per rectangle for the whole of one apply. Every new proxy costs the
 * request an object path and an instantiate action, about 180 bytes as the real Office.js runtime
 * serialises them (docs/performance.md, "One object per sheet and range"); the chart's series,
 * the widths and the self-check read or write ranges the writes have already made.
 *
 * Only for the stages after the structure changes: a range made before a column insert would be
 * asked for at its old address again after it.
 */
import { columnIndex } from "../core/text";
import type { CellRect } from "../core/types";
import { sheetOfAddress } from "./sync";

export class WorkbookObjects {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  private readonly ranges = new Map<string, Excel.Range>();
  /** Per sheet and column: a cached range exactly one column wide there (any rows). */
  private readonly columns = new Map<string, Excel.Range>();

  constructor(readonly workbook: Excel.Workbook) {}

  /** Use `sheet` for `name` from now on (a sheet the apply found or created). */
  adopt(name: string, sheet: Excel.Worksheet): void {
    this.sheets.set(name, sheet);
  }

  sheet(name: string): Excel.Worksheet {
    let sheet = this.sheets.get(name);
    if (!sheet) {
      sheet = this.workbook.worksheets.getItem(name);
      this.sheets.set(name, sheet);
    }
    return sheet;
  }

  range(sheetName: string, rect: CellRect): Excel.Range {
    const key = `${sheetName}\u0000${rect.row},${rect.column},${rect.rowCount},${rect.columnCount}`;
    let range = this.ranges.get(key);
    if (!range) {
      range = this.sheet(sheetName).getRangeByIndexes(rect.row, rect.column, rect.rowCount, rect.columnCount);
      this.ranges.set(key, range);
      if (rect.columnCount === 1) this.columns.set(`${sheetName}\u0000${rect.column}`, range);
    }
    return range;
  }

  /** A range whose `format.columnWidth` is that of `column` alone (a width applies to every column of a range). */
  column(sheetName: string, column: number): Excel.Range {
    return this.columns.get(`${sheetName}\u0000${column}`) ?? this.range(sheetName, { row: 0, column, rowCount: 1, columnCount: 1 });
  }

  /** The range of an absolute reference such as "'Partnerkaart'!$P$3:$P$27". */
  rangeAt(reference: string): Excel.Range {
    const sheetName = sheetOfAddress(reference);
    if (!sheetName) throw new Error(`Reference without a sheet: ${reference}`);
    return this.range(sheetName, rectOfReference(reference.slice(reference.lastIndexOf("!") + 1)));
  }
}

/** "$P$3:$P$27" or "B2" as a 0-based rectangle. */
export function rectOfReference(local: string): CellRect {
  const corners = local.replace(/\$/g, "").split(":");
  const cell = (text: string) => {
    const match = /^([A-Za-z]{1,3})([0-9]+)$/.exec(text);
    if (!match) throw new Error(`Not a cell address: ${text}`);
    return { row: Number(match[2]) - 1, column: columnIndex(match[1].toUpperCase()) };
  };
  const first = cell(corners[0]);
  const last = cell(corners[1] ?? corners[0]);
  return { row: first.row, column: first.column, rowCount: last.row - first.row + 1, columnCount: last.column - first.column + 1 };
}
