/**
 * The workbook behind the Excel double: sheets, cells (held by HyperFormula, which evaluates every
 * formula and shifts references when rows/columns move), number formats, names, tables, charts,
 * settings, protection. Every mutation here runs inside `context.sync()` and throws
 * DoubleOfficeError with the code Excel would use.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { createExcelEngine } from "./engine";
import { MAX_COLUMNS, MAX_ROWS, Rect, cellKey, formatAddress, formatLocal, looksLikeCellReference, parseCellKey, parseLocal, rectsIntersect } from "./address";
import { fail } from "./errors";
import { formatCellText } from "./numberFormat";
import { a1FormulaToR1C1, r1c1FormulaToA1 } from "./r1c1";

export type Scalar = string | number | boolean;

export type Platform = "windows" | "mac" | "web";

/** The most cells one operation may affect in Excel on the web (OperationCellsExceedLimit). */
export const OPERATION_CELLS_LIMIT = 33_554_000;

export interface CellStyle {
  numberFormat?: string;
  bold?: boolean;
  fontColor?: string;
  fill?: string;
}

export interface ConditionalFormatModel {
  id: string;
  type: string;
  rect: Rect;
  rule: { formula1?: string; formula2?: string; operator?: string };
  fill: string | null;
  fontColor: string | null;
}

export interface SheetModel {
  readonly id: string;
  name: string;
  readonly hfId: number;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  styles: Map<string, CellStyle>;
  /** Formats given to entire columns / rows: they apply to every cell without making it "used". */
  columnStyles: Map<number, CellStyle>;
  rowStyles: Map<number, CellStyle>;
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  columnWidths: Map<number, number>;
  merged: Rect[];
  charts: ChartModel[];
  conditionalFormats: ConditionalFormatModel[];
  protected: boolean;
  selection: Rect;
  /** A chart (or shape) the user selected instead of cells; getSelectedRange(s) then fail. */
  selectedObject: string | null;
  frozenRows: number;
  frozenColumns: number;
  /** Comments (ExcelApi 1.10) and notes (1.18) by cell key: their text. */
  comments: Map<string, string>;
  notes: Map<string, string>;
  deleted: boolean;
}

export interface TableModel {
  readonly id: string;
  name: string;
  sheet: SheetModel;
  /** Whole table: header, body and totals rows. */
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  deleted: boolean;
}

export interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

export interface DataLabelsModel {
  showSeriesName: boolean;
  showValue: boolean;
  showCategoryName: boolean;
  showLegendKey: boolean;
  position: string | null;
}

export interface PointModel {
  markerBackgroundColor: string | null;
  markerForegroundColor: string | null;
  markerSize: number | null;
  markerStyle: string | null;
  hasDataLabel: boolean;
  dataLabelText: string | null;
  dataLabelFormula: string | null;
}

export interface SeriesModel {
  readonly id: string;
  name: string;
  chartType: string;
  xRange: RangeRef | null;
  valuesRange: RangeRef | null;
  bubbleSizesRange: RangeRef | null;
  markerStyle: string;
  markerSize: number;
  markerBackgroundColor: string | null;
  markerForegroundColor: string | null;
  line: { color: string | null; lineStyle: string; weight: number };
  hasDataLabels: boolean;
  dataLabels: DataLabelsModel;
  points: Map<number, PointModel>;
  deleted: boolean;
}

export interface AxisModel {
  minimum: number | null;
  maximum: number | null;
  title: string | null;
  titleVisible: boolean;
  majorGridlines: boolean;
  visible: boolean;
}

export interface ChartModel {
  readonly id: string;
  name: string;
  chartType: string;
  sheet: SheetModel;
  top: number;
  left: number;
  width: number;
  height: number;
  title: { text: string | null; visible: boolean };
  legend: { visible: boolean; position: string };
  /** How blank cells plot: "NotPlotted" (gaps), "Zero", "Interplotted" (lines bridge them). */
  displayBlanksAs: string;
  categoryAxis: AxisModel;
  valueAxis: AxisModel;
  series: SeriesModel[];
  deleted: boolean;
}

export interface NameModel {
  name: string;
  comment: string;
  visible: boolean;
  deleted: boolean;
}

export type CellInput = Scalar | null | undefined;

let nextId = 1;
const newId = (prefix: string): string => `{${prefix}-${String(nextId++).padStart(8, "0")}}`;

const NAME_START = /^[A-Za-z_\\\u00C0-\uFFFF]/;
const NAME_REST = /^[A-Za-z0-9_.\\?\u00C0-\uFFFF]*$/;

/** Excel's rules for a defined name (and a table name). Returns why it is invalid, or null. */
export function invalidNameReason(name: unknown): string | null {
  if (typeof name !== "string" || name.length === 0) return "a name cannot be empty";
  if (name.length > 255) return "a name is at most 255 characters";
  if (!NAME_START.test(name)) return "a name must start with a letter, an underscore or a backslash";
  if (!NAME_REST.test(name.slice(1))) return "a name may contain only letters, digits, underscores, periods, backslashes and question marks (no spaces)";
  if (looksLikeCellReference(name)) return "a name cannot look like a cell reference (A1, R1C1)";
  if (/^(true|false)$/i.test(name)) return "TRUE and FALSE are reserved";
  return null;
}

/** Excel's rules for a sheet name. */
export function invalidSheetNameReason(name: unknown): string | null {
  if (typeof name !== "string" || name.trim().length === 0) return "a sheet name cannot be empty";
  if (name.length > 31) return "a sheet name is at most 31 characters";
  if (/[:\\/?*[\]]/.test(name)) return "a sheet name cannot contain : \\ / ? * [ ]";
  if (name.startsWith("'") || name.endsWith("'")) return "a sheet name cannot start or end with an apostrophe";
  if (name.toLowerCase() === "history") return "History is reserved";
  return null;
}

function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

export interface InsertEvent {
  sheet: SheetModel;
  axis: "rows" | "columns";
  at: number;
  count: number;
  /** The span on the other axis that moved; null = the whole sheet (entire rows/columns). */
  band: { start: number; end: number } | null;
}

export class WorkbookModel {
  readonly hf: HyperFormula;
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NameModel[] = [];
  readonly settings = new Map<string, unknown>();
  activeSheet: SheetModel | null = null;
  workbookProtected = false;
  /** Where the workbook is open: some limits hold on one platform only (see README). */
  platform: Platform = "windows";
  /** How many full recalculations were asked for (application.calculate). */
  calculateCount = 0;
  defaultSheetPrefix = "Sheet";
  /** Set by the driver during a request: told of every range whose contents the add-in changed. */
  contentsListener: ((ref: RangeRef) => void) | null = null;

  constructor() {
    // Configured as Excel calculates (engine.ts, shared with the plan tests).
    this.hf = createExcelEngine();
  }

  // ------------------------------------------------------------------ sheets

  liveSheets(): SheetModel[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  findSheet(name: string): SheetModel | null {
    return this.liveSheets().find((s) => sameName(s.name, name)) ?? null;
  }

  sheetById(id: string): SheetModel | null {
    return this.liveSheets().find((s) => s.id === id) ?? null;
  }

  requireSheet(name: string, location: string): SheetModel {
    return this.findSheet(name) ?? fail("ItemNotFound", location, `no worksheet named "${name}"`);
  }

  addSheet(name: string | undefined, location = "WorksheetCollection.add"): SheetModel {
    if (this.workbookProtected) fail("AccessDenied", location, "the workbook structure is protected");
    let sheetName = name;
    if (sheetName === undefined || sheetName === null) {
      let n = this.liveSheets().length + 1;
      while (this.findSheet(`${this.defaultSheetPrefix}${n}`)) n++;
      sheetName = `${this.defaultSheetPrefix}${n}`;
    }
    const reason = invalidSheetNameReason(sheetName);
    if (reason) fail("InvalidArgument", location, `${reason}: "${String(sheetName)}"`);
    if (this.findSheet(sheetName)) fail("ItemAlreadyExists", location, `a worksheet named "${sheetName}" exists`);
    const hfName = this.hf.addSheet(sheetName);
    const sheet: SheetModel = {
      id: newId("sheet"),
      name: sheetName,
      hfId: this.hf.getSheetId(hfName)!,
      visibility: "Visible",
      styles: new Map(),
      columnStyles: new Map(),
      rowStyles: new Map(),
      hiddenRows: new Set(),
      hiddenColumns: new Set(),
      columnWidths: new Map(),
      merged: [],
      charts: [],
      conditionalFormats: [],
      protected: false,
      selection: { row: 0, column: 0, rowCount: 1, columnCount: 1 },
      selectedObject: null,
      frozenRows: 0,
      frozenColumns: 0,
      comments: new Map(),
      notes: new Map(),
      deleted: false,
    };
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  renameSheet(sheet: SheetModel, name: unknown, location = "Worksheet.name"): void {
    const reason = invalidSheetNameReason(name);
    if (reason) fail("InvalidArgument", location, `${reason}: "${String(name)}"`);
    const other = this.findSheet(name as string);
    if (other && other !== sheet) fail("ItemAlreadyExists", location, `a worksheet named "${String(name)}" exists`);
    this.hf.renameSheet(sheet.hfId, name as string);
    sheet.name = name as string;
  }

  deleteSheet(sheet: SheetModel, location = "Worksheet.delete"): void {
    if (this.workbookProtected) fail("AccessDenied", location, "the workbook structure is protected");
    if (this.liveSheets().filter((s) => s.visibility === "Visible").length <= 1 && sheet.visibility === "Visible") {
      fail("InvalidOperation", location, "a workbook must keep at least one visible sheet");
    }
    this.hf.removeSheet(sheet.hfId);
    sheet.deleted = true;
    for (const table of this.tables) if (table.sheet === sheet) table.deleted = true;
    for (const chart of sheet.charts) chart.deleted = true;
    if (this.activeSheet === sheet) this.activeSheet = this.liveSheets().find((s) => s.visibility === "Visible") ?? null;
  }

  moveSheet(sheet: SheetModel, position: number, location = "Worksheet.position"): void {
    const live = this.liveSheets();
    if (!Number.isInteger(position) || position < 0 || position >= live.length) fail("InvalidArgument", location, `position ${position}`);
    const from = this.sheets.indexOf(sheet);
    this.sheets.splice(from, 1);
    const target = this.liveSheets()[position];
    const to = target ? this.sheets.indexOf(target) : this.sheets.length;
    this.sheets.splice(to, 0, sheet);
  }

  sheetPosition(sheet: SheetModel): number {
    return this.liveSheets().indexOf(sheet);
  }

  assertWritable(sheet: SheetModel, location: string): void {
    if (sheet.deleted) fail("ItemNotFound", location, `worksheet "${sheet.name}" was deleted`);
    // Excel refuses changes to locked cells on a protected sheet; every cell is locked by default.
    if (sheet.protected) fail("AccessDenied", location, `worksheet "${sheet.name}" is protected`);
  }

  // ------------------------------------------------------------------ cells

  private address(sheet: SheetModel, row: number, col: number) {
    return { sheet: sheet.hfId, row, col };
  }

  /** What Excel's `values` shows for one cell: "" for empty, error texts like "#N/A". */
  cellValue(sheet: SheetModel, row: number, column: number): Scalar {
    const value = this.hf.getCellValue(this.address(sheet, row, column));
    if (value === null || value === undefined) return "";
    if (value instanceof DetailedCellError) return value.value === "#CYCLE!" ? 0 : value.value;
    return value as Scalar;
  }

  cellFormula(sheet: SheetModel, row: number, column: number): string | null {
    const addr = this.address(sheet, row, column);
    return this.hf.doesCellHaveFormula(addr) ? (this.hf.getCellFormula(addr) ?? null) : null;
  }

  /** What Excel's `formulas` shows for one cell: the formula, or the constant. */
  cellFormulaOrConstant(sheet: SheetModel, row: number, column: number): Scalar {
    const formula = this.cellFormula(sheet, row, column);
    if (formula !== null) return formula;
    const raw = this.hf.getCellSerialized(this.address(sheet, row, column));
    if (raw === null || raw === undefined) return "";
    if (typeof raw === "string" && raw.startsWith("'")) {
      // Keep the apostrophe only where the text would otherwise be read back as a formula.
      const text = raw.slice(1);
      return /^[=+-]/.test(text) ? raw : text;
    }
    return this.cellValue(sheet, row, column);
  }

  style(sheet: SheetModel, row: number, column: number): CellStyle {
    const own = sheet.styles.get(cellKey(row, column));
    const columnStyle = sheet.columnStyles.get(column);
    const rowStyle = sheet.rowStyles.get(row);
    if (!columnStyle && !rowStyle) return own ?? {};
    return { ...columnStyle, ...rowStyle, ...own };
  }

  numberFormat(sheet: SheetModel, row: number, column: number): string {
    return this.style(sheet, row, column).numberFormat ?? "General";
  }

  cellText(sheet: SheetModel, row: number, column: number): string {
    const value = this.cellValue(sheet, row, column);
    if (value === "") return "";
    return formatCellText(value, this.numberFormat(sheet, row, column));
  }

  valueType(sheet: SheetModel, row: number, column: number): string {
    const value = this.hf.getCellValue(this.address(sheet, row, column));
    if (value === null || value === undefined) return "Empty";
    if (value instanceof DetailedCellError) return value.value === "#CYCLE!" ? "Double" : "Error";
    if (typeof value === "number") return "Double";
    if (typeof value === "boolean") return "Boolean";
    return value === "" ? "Empty" : "String";
  }

  grid<T>(ref: RangeRef, read: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < ref.rect.rowCount; r++) {
      const line: T[] = [];
      for (let c = 0; c < ref.rect.columnCount; c++) line.push(read(ref.rect.row + r, ref.rect.column + c));
      out.push(line);
    }
    return out;
  }

  values(ref: RangeRef): Scalar[][] {
    return this.grid(ref, (r, c) => this.cellValue(ref.sheet, r, c));
  }

  formulas(ref: RangeRef): Scalar[][] {
    return this.grid(ref, (r, c) => this.cellFormulaOrConstant(ref.sheet, r, c));
  }

  /** `Range.formulasR1C1` read: each formula in R1C1 relative to its own cell; constants as `formulas` gives them. */
  formulasR1C1(ref: RangeRef): Scalar[][] {
    return this.formulas(ref).map((line, r) =>
      line.map((cell, c) =>
        typeof cell === "string" && cell.startsWith("=") && this.cellFormula(ref.sheet, ref.rect.row + r, ref.rect.column + c) !== null
          ? a1FormulaToR1C1(cell, ref.rect.row + r, ref.rect.column + c)
          : cell,
      ),
    );
  }

  /** `Range.formulasR1C1` write: a scalar fills the range; each formula is entered as its A1 text for that cell. */
  writeFormulasR1C1(ref: RangeRef, input: unknown, location: string): void {
    const grid = this.shapeInput<CellInput>(ref, input, location);
    const a1 = grid.map((line, r) =>
      line.map((cell, c) =>
        typeof cell === "string" && cell.startsWith("=") && cell.length > 1 ? r1c1FormulaToA1(cell, ref.rect.row + r, ref.rect.column + c) : cell,
      ),
    );
    this.writeContents(ref, a1, location);
  }

  /**
   * Expands a `values`/`formulas`/`numberFormat` argument to the range's shape: a scalar sets
   * every cell; a 2D array must match the range exactly (Excel rejects anything else).
   */
  shapeInput<T>(ref: RangeRef, input: unknown, location: string): (T | null | undefined)[][] {
    const { rowCount, columnCount } = ref.rect;
    if (!Array.isArray(input)) {
      return Array.from({ length: rowCount }, () => Array.from({ length: columnCount }, () => input as T));
    }
    const ok =
      input.length === rowCount && input.every((line) => Array.isArray(line) && line.length === columnCount);
    if (!ok) {
      const shape = `${input.length}×${Array.isArray(input[0]) ? (input[0] as unknown[]).length : "?"}`;
      fail(
        "InvalidArgument",
        location,
        `the array is ${shape} but ${formatAddress(ref.sheet.name, ref.rect)} is ${rowCount}×${columnCount}`,
      );
    }
    return input as (T | null | undefined)[][];
  }

  /** Turns what a user or add-in writes into what HyperFormula stores, as Excel interprets typing. */
  private toContent(sheet: SheetModel, row: number, column: number, input: CellInput, location: string): unknown {
    if (input === null || input === undefined) return undefined;
    if (typeof input === "number") {
      if (!Number.isFinite(input)) fail("InvalidArgument", location, `${input} is not a number Excel can store`);
      return input;
    }
    if (typeof input === "boolean") return input;
    if (typeof input !== "string") fail("InvalidArgument", location, `cannot write ${typeof input} into a cell`);
    if (input === "") return null;
    if (this.numberFormat(sheet, row, column) === "@") return `'${input.replace(/^'/, "")}`;
    if (input.startsWith("'")) return input;
    if (input.startsWith("=") && input.length > 1) {
      if (!this.hf.validateFormula(input)) {
        fail(
          "InvalidArgument",
          location,
          `${formatAddress(sheet.name, { row, column, rowCount: 1, columnCount: 1 })}: the formula ${input} does not parse` +
            " (the double evaluates with HyperFormula, which has no structured references)",
        );
      }
      return input;
    }
    if ((input.startsWith("+") || input.startsWith("-")) && input.length > 1 && Number.isNaN(Number(input))) {
      const formula = `=${input}`;
      if (this.hf.validateFormula(formula)) return formula;
    }
    return input;
  }

  /** Writes `values` or `formulas` (Excel treats them alike on write). Null entries leave a cell as is. */
  writeContents(ref: RangeRef, input: unknown, location: string): void {
    this.assertWritable(ref.sheet, location);
    const grid = this.shapeInput<CellInput>(ref, input, location);
    const contents = grid.map((line, r) =>
      line.map((cell, c) => this.toContent(ref.sheet, ref.rect.row + r, ref.rect.column + c, cell, location)),
    );
    // HyperFormula is far faster with whole blocks than cell by cell: write runs of cells to change.
    const runs: { row: number; column: number; cells: (Scalar | null)[] }[] = [];
    contents.forEach((line, r) => {
      let current: { row: number; column: number; cells: (Scalar | null)[] } | null = null;
      line.forEach((content, c) => {
        if (content === undefined) {
          current = null;
          return;
        }
        if (!current) {
          current = { row: ref.rect.row + r, column: ref.rect.column + c, cells: [] };
          runs.push(current);
        }
        current.cells.push(content as Scalar | null);
      });
    });
    this.contentsListener?.(ref);
    const whole = runs.length === ref.rect.rowCount && runs.every((run) => run.cells.length === ref.rect.columnCount);
    this.hf.batch(() => {
      if (whole) {
        this.hf.setCellContents(this.address(ref.sheet, ref.rect.row, ref.rect.column), runs.map((run) => run.cells));
      } else {
        for (const run of runs) this.hf.setCellContents(this.address(ref.sheet, run.row, run.column), [run.cells]);
      }
    });
  }

  updateStyle(ref: RangeRef, change: (style: CellStyle, r: number, c: number) => CellStyle): void {
    const clean = (style: CellStyle) => Object.fromEntries(Object.entries(style).filter(([, v]) => v !== undefined && v !== null)) as CellStyle;
    const entireColumns = ref.rect.rowCount === MAX_ROWS;
    const entireRows = ref.rect.columnCount === MAX_COLUMNS && !entireColumns;
    if (entireColumns || entireRows) {
      // Whole columns/rows: one style per column/row, and the cells in them that have their own.
      const lines = entireColumns ? ref.sheet.columnStyles : ref.sheet.rowStyles;
      const start = entireColumns ? ref.rect.column : ref.rect.row;
      const count = entireColumns ? ref.rect.columnCount : ref.rect.rowCount;
      for (let i = start; i < start + count; i++) {
        const next = clean(change({ ...(lines.get(i) ?? {}) }, 0, 0));
        if (Object.keys(next).length) lines.set(i, next);
        else lines.delete(i);
      }
      for (const [key, style] of [...ref.sheet.styles]) {
        const [r, c] = parseCellKey(key);
        const index = entireColumns ? c : r;
        if (index < start || index >= start + count) continue;
        const next = clean(change({ ...style }, 0, 0));
        if (Object.keys(next).length) ref.sheet.styles.set(key, next);
        else ref.sheet.styles.delete(key);
      }
      return;
    }
    for (let r = 0; r < ref.rect.rowCount; r++) {
      for (let c = 0; c < ref.rect.columnCount; c++) {
        const key = cellKey(ref.rect.row + r, ref.rect.column + c);
        const next = change({ ...(ref.sheet.styles.get(key) ?? {}) }, r, c);
        const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== null));
        if (Object.keys(clean).length === 0) ref.sheet.styles.delete(key);
        else ref.sheet.styles.set(key, clean as CellStyle);
      }
    }
  }

  writeNumberFormats(ref: RangeRef, input: unknown, location: string): void {
    this.assertWritable(ref.sheet, location);
    if (!Array.isArray(input)) {
      if (typeof input !== "string") fail("InvalidArgument", location, `a number format must be text, got ${typeof input}`);
      this.updateStyle(ref, (style) => ({ ...style, numberFormat: input === "General" ? undefined : input }));
      return;
    }
    const grid = this.shapeInput<unknown>(ref, input, location);
    for (const line of grid) {
      for (const format of line) {
        if (format !== null && format !== undefined && typeof format !== "string") {
          fail("InvalidArgument", location, `a number format must be text, got ${typeof format}`);
        }
      }
    }
    this.updateStyle(ref, (style, r, c) => {
      const format = grid[r][c] as string | null | undefined;
      if (format === null || format === undefined) return style;
      return { ...style, numberFormat: format === "General" ? undefined : format };
    });
  }

  clear(ref: RangeRef, applyTo: string, location: string): void {
    this.assertWritable(ref.sheet, location);
    const what = (applyTo ?? "All").toLowerCase();
    if (what === "all" || what === "contents") {
      const used = this.usedRect(ref.sheet, true);
      const target = used ? intersect(ref.rect, used) : null;
      if (target) {
        this.contentsListener?.(ref);
        this.clearBlock(ref.sheet, target);
      }
    }
    if (what === "all" || what === "formats") {
      for (const key of [...ref.sheet.styles.keys()]) {
        const [r, c] = parseCellKey(key);
        if (inside(ref.rect, r, c)) ref.sheet.styles.delete(key);
      }
      if (ref.rect.rowCount === MAX_ROWS) for (let c = ref.rect.column; c < ref.rect.column + ref.rect.columnCount; c++) ref.sheet.columnStyles.delete(c);
      if (ref.rect.columnCount === MAX_COLUMNS) for (let r = ref.rect.row; r < ref.rect.row + ref.rect.rowCount; r++) ref.sheet.rowStyles.delete(r);
      ref.sheet.conditionalFormats = ref.sheet.conditionalFormats.filter((cf) => !rectsIntersect(cf.rect, ref.rect));
    }
  }

  /**
   * The smallest rectangle holding every non-empty cell (and, unless valuesOnly, every formatted
   * cell), of the sheet or only of the cells `within` a range.
   */
  usedRect(sheet: SheetModel, valuesOnly: boolean, within?: Rect): Rect | null {
    let minR = Infinity;
    let minC = Infinity;
    let maxR = -1;
    let maxC = -1;
    const include = (r: number, c: number) => {
      if (within && (r < within.row || r >= within.row + within.rowCount || c < within.column || c >= within.column + within.columnCount)) return;
      minR = Math.min(minR, r);
      minC = Math.min(minC, c);
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    };
    const { height, width } = this.hf.getSheetDimensions(sheet.hfId);
    const rows = within ? [within.row, Math.min(height, within.row + within.rowCount)] : [0, height];
    const columns = within ? [within.column, Math.min(width, within.column + within.columnCount)] : [0, width];
    for (let r = rows[0]; r < rows[1]; r++) {
      for (let c = columns[0]; c < columns[1]; c++) {
        if (!this.hf.isCellEmpty(this.address(sheet, r, c))) include(r, c);
      }
    }
    if (!valuesOnly) {
      for (const key of sheet.styles.keys()) include(...parseCellKey(key));
      for (const table of this.tables) if (table.sheet === sheet && !table.deleted) {
        include(table.rect.row, table.rect.column);
        include(table.rect.row + table.rect.rowCount - 1, table.rect.column + table.rect.columnCount - 1);
      }
    }
    if (maxR < 0) return null;
    return { row: minR, column: minC, rowCount: maxR - minR + 1, columnCount: maxC - minC + 1 };
  }

  // ------------------------------------------------------------------ insert / delete

  insertCells(ref: RangeRef, shift: string, location: string): Rect {
    this.assertWritable(ref.sheet, location);
    const down = (shift ?? "").toLowerCase() === "down";
    const right = (shift ?? "").toLowerCase() === "right";
    if (!down && !right) fail("InvalidArgument", location, `shift must be "Down" or "Right", got ${String(shift)}`);
    const { sheet, rect } = ref;
    const used = this.usedRect(sheet, false);
    if (down) {
      const entire = rect.columnCount === MAX_COLUMNS;
      const lastUsed = used ? used.row + used.rowCount - 1 : -1;
      if (lastUsed + rect.rowCount >= MAX_ROWS) fail("NonBlankCellOffSheet", location, "cells would be pushed off the sheet");
      if (entire) {
        this.hf.addRows(sheet.hfId, [rect.row, rect.rowCount]);
      } else if (lastUsed >= rect.row) {
        this.hf.moveCells(
          { start: this.address(sheet, rect.row, rect.column), end: this.address(sheet, lastUsed, rect.column + rect.columnCount - 1) },
          this.address(sheet, rect.row + rect.rowCount, rect.column),
        );
      }
      this.shiftAfterInsert({
        sheet,
        axis: "rows",
        at: rect.row,
        count: rect.rowCount,
        band: entire ? null : { start: rect.column, end: rect.column + rect.columnCount - 1 },
      });
    } else {
      const entire = rect.rowCount === MAX_ROWS;
      const lastUsed = used ? used.column + used.columnCount - 1 : -1;
      if (lastUsed + rect.columnCount >= MAX_COLUMNS) fail("NonBlankCellOffSheet", location, "cells would be pushed off the sheet");
      if (entire) {
        this.hf.addColumns(sheet.hfId, [rect.column, rect.columnCount]);
      } else if (lastUsed >= rect.column) {
        this.hf.moveCells(
          { start: this.address(sheet, rect.row, rect.column), end: this.address(sheet, rect.row + rect.rowCount - 1, lastUsed) },
          this.address(sheet, rect.row, rect.column + rect.columnCount),
        );
      }
      this.shiftAfterInsert({
        sheet,
        axis: "columns",
        at: rect.column,
        count: rect.columnCount,
        band: entire ? null : { start: rect.row, end: rect.row + rect.rowCount - 1 },
      });
    }
    return rect;
  }

  deleteCells(ref: RangeRef, shift: string, location: string): void {
    this.assertWritable(ref.sheet, location);
    const up = (shift ?? "").toLowerCase() === "up";
    const left = (shift ?? "").toLowerCase() === "left";
    if (!up && !left) fail("InvalidArgument", location, `shift must be "Up" or "Left", got ${String(shift)}`);
    const { sheet, rect } = ref;
    const used = this.usedRect(sheet, false);
    if (up) {
      const entire = rect.columnCount === MAX_COLUMNS;
      if (entire) this.hf.removeRows(sheet.hfId, [rect.row, rect.rowCount]);
      else {
        this.clearContentsOnly(sheet, rect);
        const lastUsed = used ? used.row + used.rowCount - 1 : -1;
        if (lastUsed >= rect.row + rect.rowCount) {
          this.hf.moveCells(
            {
              start: this.address(sheet, rect.row + rect.rowCount, rect.column),
              end: this.address(sheet, lastUsed, rect.column + rect.columnCount - 1),
            },
            this.address(sheet, rect.row, rect.column),
          );
        }
      }
      this.shiftAfterInsert({
        sheet,
        axis: "rows",
        at: rect.row,
        count: -rect.rowCount,
        band: entire ? null : { start: rect.column, end: rect.column + rect.columnCount - 1 },
      });
    } else {
      const entire = rect.rowCount === MAX_ROWS;
      if (entire) this.hf.removeColumns(sheet.hfId, [rect.column, rect.columnCount]);
      else {
        this.clearContentsOnly(sheet, rect);
        const lastUsed = used ? used.column + used.columnCount - 1 : -1;
        if (lastUsed >= rect.column + rect.columnCount) {
          this.hf.moveCells(
            {
              start: this.address(sheet, rect.row, rect.column + rect.columnCount),
              end: this.address(sheet, rect.row + rect.rowCount - 1, lastUsed),
            },
            this.address(sheet, rect.row, rect.column),
          );
        }
      }
      this.shiftAfterInsert({
        sheet,
        axis: "columns",
        at: rect.column,
        count: -rect.columnCount,
        band: entire ? null : { start: rect.row, end: rect.row + rect.rowCount - 1 },
      });
    }
  }

  private clearContentsOnly(sheet: SheetModel, rect: Rect): void {
    const used = this.usedRect(sheet, true);
    const target = used ? intersect(rect, used) : null;
    if (target) this.clearBlock(sheet, target);
  }

  private clearBlock(sheet: SheetModel, rect: Rect): void {
    const empty = Array.from({ length: rect.rowCount }, () => Array.from({ length: rect.columnCount }, () => null));
    this.hf.setCellContents(this.address(sheet, rect.row, rect.column), empty);
  }

  /**
   * Moves everything the model keeps beside HyperFormula (formats, comments and notes, hidden
   * rows/columns, merged areas, tables, chart series ranges, conditional formats, selection) as Excel does when cells
   * are inserted (count > 0) or deleted (count < 0). Names and formulas are shifted by HyperFormula.
   */
  private shiftAfterInsert(event: InsertEvent): void {
    const { sheet } = event;
    const shiftRect = (rect: Rect): Rect | null => shiftRectFor(rect, event);
    const moveIndex = (index: number): number | null => {
      if (index < event.at) return index;
      if (event.count < 0 && index < event.at - event.count) return null;
      return index + event.count;
    };
    // What sits on a cell moves with it, and goes with a deleted cell.
    const moveCells = <T>(byCell: Map<string, T>): Map<string, T> => {
      const next = new Map<string, T>();
      for (const [key, item] of byCell) {
        const [r, c] = parseCellKey(key);
        const along = event.axis === "rows" ? r : c;
        const across = event.axis === "rows" ? c : r;
        if (event.band && (across < event.band.start || across > event.band.end)) {
          next.set(key, item);
          continue;
        }
        const moved = moveIndex(along);
        if (moved === null) continue;
        next.set(event.axis === "rows" ? cellKey(moved, c) : cellKey(r, moved), item);
      }
      return next;
    };
    sheet.styles = moveCells(sheet.styles);
    sheet.comments = moveCells(sheet.comments);
    sheet.notes = moveCells(sheet.notes);
    if (!event.band) {
      const remapStyles = (styles: Map<number, CellStyle>) => {
        const next = new Map<number, CellStyle>();
        for (const [i, style] of styles) {
          const moved = moveIndex(i);
          if (moved !== null) next.set(moved, style);
        }
        return next;
      };
      if (event.axis === "rows") sheet.rowStyles = remapStyles(sheet.rowStyles);
      else sheet.columnStyles = remapStyles(sheet.columnStyles);
      const remap = (set: Set<number>) => new Set([...set].map(moveIndex).filter((i): i is number => i !== null));
      if (event.axis === "rows") sheet.hiddenRows = remap(sheet.hiddenRows);
      else {
        sheet.hiddenColumns = remap(sheet.hiddenColumns);
        const widths = new Map<number, number>();
        for (const [c, w] of sheet.columnWidths) {
          const moved = moveIndex(c);
          if (moved !== null) widths.set(moved, w);
        }
        sheet.columnWidths = widths;
      }
    }
    sheet.merged = sheet.merged.map(shiftRect).filter((r): r is Rect => r !== null);
    for (const table of this.tables) {
      if (table.sheet !== sheet || table.deleted) continue;
      const moved = shiftRect(table.rect);
      if (moved === null) table.deleted = true;
      else {
        const grew = moved.columnCount !== table.rect.columnCount;
        table.rect = moved;
        if (grew) this.normalizeTableHeaders(table);
      }
    }
    for (const other of this.liveSheets()) {
      for (const chart of other.charts) {
        for (const series of chart.series) {
          for (const key of ["xRange", "valuesRange", "bubbleSizesRange"] as const) {
            const ref = series[key];
            if (!ref || ref.sheet !== sheet) continue;
            const moved = shiftRect(ref.rect);
            series[key] = moved ? { sheet, rect: moved } : null;
          }
        }
      }
    }
    sheet.conditionalFormats = sheet.conditionalFormats
      .map((cf) => ({ ...cf, rect: shiftRect(cf.rect) }))
      .filter((cf): cf is ConditionalFormatModel => cf.rect !== null);
    sheet.selection = shiftRect(sheet.selection) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 };
  }

  // ------------------------------------------------------------------ names

  liveNames(): NameModel[] {
    return this.names.filter((n) => !n.deleted);
  }

  findName(name: string): NameModel | null {
    return this.liveNames().find((n) => sameName(n.name, name)) ?? null;
  }

  addName(name: unknown, formula: string, comment: string | undefined, location = "NamedItemCollection.add"): NameModel {
    const reason = invalidNameReason(name);
    if (reason) fail("InvalidArgument", location, `${reason}: "${String(name)}"`);
    const text = name as string;
    if (this.findName(text) || this.findTable(text)) fail("ItemAlreadyExists", location, `the name "${text}" exists`);
    const expression = formula.startsWith("=") ? formula : `=${formula}`;
    if (!this.hf.validateFormula(expression) || bareSheetLooksLikeR1C1(expression)) fail("InvalidArgument", location, `"${formula}" is not a valid reference or formula`);
    this.hf.addNamedExpression(text, expression);
    const model: NameModel = { name: text, comment: comment ?? "", visible: true, deleted: false };
    this.names.push(model);
    return model;
  }

  deleteName(model: NameModel): void {
    this.hf.removeNamedExpression(model.name);
    model.deleted = true;
  }

  nameFormula(model: NameModel): string {
    const formula = this.hf.getNamedExpressionFormula(model.name);
    return formula ?? "=#REF!";
  }

  /** The range a name refers to, when it is a single rectangle reference. */
  nameRange(model: NameModel): RangeRef | null {
    return this.parseReferenceFormula(this.nameFormula(model));
  }

  /** "=Blad1!$A$1:$B$2" or "='My sheet'!A1" → the range; null for anything else. */
  parseReferenceFormula(formula: string): RangeRef | null {
    const m = /^=\s*(?:'((?:[^']|'')+)'|([^'!=]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?\s*$/.exec(formula);
    if (!m) return null;
    const sheet = this.findSheet((m[1] ?? m[2]).replace(/''/g, "'"));
    if (!sheet) return null;
    const local = m[5] ? `${m[3]}${m[4]}:${m[5]}${m[6]}` : `${m[3]}${m[4]}`;
    const rect = parseRect(local);
    return rect ? { sheet, rect } : null;
  }

  nameType(model: NameModel): string {
    if (this.nameRange(model)) return "Range";
    const value = this.hf.getNamedExpressionValue(model.name);
    if (value instanceof DetailedCellError) return "Error";
    if (typeof value === "number") return Number.isInteger(value) ? "Integer" : "Double";
    if (typeof value === "boolean") return "Boolean";
    if (typeof value === "string") return "String";
    return "Array";
  }

  nameValue(model: NameModel): unknown {
    const range = this.nameRange(model);
    if (range) return formatAddress(range.sheet.name, range.rect, true);
    const value = this.hf.getNamedExpressionValue(model.name);
    if (value instanceof DetailedCellError) return value.value;
    return value ?? "";
  }

  // ------------------------------------------------------------------ tables

  liveTables(sheet?: SheetModel): TableModel[] {
    return this.tables.filter((t) => !t.deleted && !t.sheet.deleted && (!sheet || t.sheet === sheet));
  }

  findTable(name: string): TableModel | null {
    return this.liveTables().find((t) => sameName(t.name, name)) ?? null;
  }

  addTable(ref: RangeRef, hasHeaders: boolean, location = "TableCollection.add"): TableModel {
    this.assertWritable(ref.sheet, location);
    const overlapping = this.liveTables(ref.sheet).find((t) => rectsIntersect(t.rect, ref.rect));
    if (overlapping) fail("InvalidArgument", location, `the range overlaps table "${overlapping.name}"`);
    let rect = ref.rect;
    if (!hasHeaders) {
      // Excel puts a header row above the data, pushing the cells below down.
      this.insertCells({ sheet: ref.sheet, rect: { ...rect, rowCount: 1 } }, "Down", location);
      rect = { ...rect, rowCount: rect.rowCount + 1 };
    }
    let n = 1;
    while (this.findTable(`Table${n}`) || this.findName(`Table${n}`)) n++;
    const table: TableModel = {
      id: newId("table"),
      name: `Table${n}`,
      sheet: ref.sheet,
      rect,
      showHeaders: true,
      showTotals: false,
      style: "TableStyleMedium2",
      deleted: false,
    };
    if (rect.rowCount < 2) table.rect = { ...rect, rowCount: 2 };
    this.tables.push(table);
    this.normalizeTableHeaders(table);
    return table;
  }

  /**
   * Table.resize (ExcelApi 1.13): the new range must overlap the table and keep its header row
   * (the typings' remarks); cells keep their values, a header cell becomes the column's name.
   */
  resizeTable(table: TableModel, rect: Rect, location = "Table.resize"): void {
    this.assertWritable(table.sheet, location);
    if (rect.row !== table.rect.row) fail("InvalidArgument", location, "the new range must keep the table's header row");
    if (!rectsIntersect(rect, table.rect)) fail("InvalidArgument", location, "the new range must overlap the table");
    if (rect.rowCount < 2) fail("InvalidArgument", location, "a table keeps a header row and a row");
    const overlapping = this.liveTables(table.sheet).find((other) => other !== table && rectsIntersect(other.rect, rect));
    if (overlapping) fail("InvalidArgument", location, `the new range overlaps table "${overlapping.name}"`);
    table.rect = { ...rect };
    this.normalizeTableHeaders(table);
  }

  /** Excel keeps header cells as unique, non-empty texts ("Column1", "Naam2"). */
  normalizeTableHeaders(table: TableModel): void {
    const seen = new Set<string>();
    const headers = this.values({ sheet: table.sheet, rect: { ...table.rect, rowCount: 1 } })[0];
    for (const value of headers) if (value !== "") seen.add(String(value).toLowerCase());
    const used = new Set<string>();
    const fixed = headers.map((value) => {
      let text: string;
      if (value === "") {
        // An empty header becomes the lowest free "ColumnN".
        let n = 1;
        while (seen.has(`column${n}`)) n++;
        text = `Column${n}`;
      } else {
        text = String(value);
        const base = text;
        let k = 2;
        while (used.has(text.toLowerCase())) text = `${base}${k++}`;
      }
      seen.add(text.toLowerCase());
      used.add(text.toLowerCase());
      return text;
    });
    const contents = fixed.map((text, i) => (text === headers[i] ? null : `'${text}`));
    contents.forEach((content, i) => {
      if (content !== null) this.hf.setCellContents(this.address(table.sheet, table.rect.row, table.rect.column + i), [[content]]);
    });
  }

  tableColumnNames(table: TableModel): string[] {
    return this.values({ sheet: table.sheet, rect: { ...table.rect, rowCount: 1 } })[0].map(String);
  }

  tableHeaderRect(table: TableModel): Rect {
    return { ...table.rect, rowCount: 1 };
  }

  tableBodyRect(table: TableModel): Rect {
    return { ...table.rect, row: table.rect.row + 1, rowCount: table.rect.rowCount - 1 - (table.showTotals ? 1 : 0) };
  }

  tableTotalsRect(table: TableModel): Rect | null {
    return table.showTotals ? { ...table.rect, row: table.rect.row + table.rect.rowCount - 1, rowCount: 1 } : null;
  }

  renameTable(table: TableModel, name: unknown, location = "Table.name"): void {
    const reason = invalidNameReason(name);
    if (reason) fail("InvalidArgument", location, `${reason}: "${String(name)}"`);
    const other = this.findTable(name as string);
    if ((other && other !== table) || this.findName(name as string)) fail("ItemAlreadyExists", location, `the name "${String(name)}" exists`);
    table.name = name as string;
  }

  setShowTotals(table: TableModel, show: boolean, location = "Table.showTotals"): void {
    this.assertWritable(table.sheet, location);
    if (show === table.showTotals) return;
    if (show) {
      const below = { ...table.rect, row: table.rect.row + table.rect.rowCount, rowCount: 1 };
      this.insertCells({ sheet: table.sheet, rect: below }, "Down", location);
      // The insert at the row just below the table does not grow it; the totals row does.
      table.rect = { ...table.rect, rowCount: table.rect.rowCount + 1 };
      table.showTotals = true;
    } else {
      const totals = this.tableTotalsRect(table)!;
      this.clear({ sheet: table.sheet, rect: totals }, "Contents", location);
      table.showTotals = false;
      table.rect = { ...table.rect, rowCount: table.rect.rowCount - 1 };
    }
  }

  /** table.columns.add: inserts cells in the table's rows (shifting right) and writes the column. */
  addTableColumn(table: TableModel, index: number | null | undefined, values: unknown, name: string | undefined, location = "TableColumnCollection.add"): number {
    this.assertWritable(table.sheet, location);
    const count = table.rect.columnCount;
    const at = index === null || index === undefined ? count : index;
    if (!Number.isInteger(at) || at < 0 || at > count) fail("InvalidArgument", location, `column index ${String(index)} outside 0..${count}`);
    const rows = table.rect.rowCount;
    const bodyRows = rows - 1 - (table.showTotals ? 1 : 0);
    let column: (Scalar | null)[] | null = null;
    if (values !== undefined && values !== null) {
      if (!Array.isArray(values) || !values.every((line) => Array.isArray(line) && line.length === 1)) {
        fail("InvalidArgument", location, "values must be a 2D array with one column");
      }
      const flat = (values as Scalar[][]).map((line) => line[0]);
      if (flat.length === rows) column = flat;
      else if (flat.length === rows - (table.showTotals ? 1 : 0)) column = [...flat, null];
      else if (flat.length === bodyRows) column = [null, ...flat, ...(table.showTotals ? [null] : [])];
      else fail("InvalidArgument", location, `values has ${flat.length} rows; the table has ${bodyRows} data rows`);
    }
    // Excel on the web counts the cells the insertion shifts as rows × (16,383 − table columns) and
    // refuses above 33,554,000 ("Error handling with the application-specific JavaScript APIs").
    if (this.platform === "web" && rows * (MAX_COLUMNS - 1 - count) > OPERATION_CELLS_LIMIT) {
      fail("OperationCellsExceedLimit", location, `${rows} rows × (16383 − ${count} columns) cells exceed 33,554,000`);
    }
    const columnRect = { row: table.rect.row, column: table.rect.column + at, rowCount: rows, columnCount: 1 };
    const used = this.usedRect(table.sheet, true);
    if (at < count || (used && used.column + used.columnCount > columnRect.column)) {
      // Inside the table the insertion grows it; at its right edge it only makes room.
      this.insertCells({ sheet: table.sheet, rect: columnRect }, "Right", location);
    }
    if (at === count) table.rect = { ...table.rect, columnCount: count + 1 };
    const header = name ?? (column && column[0] !== null && column[0] !== "" ? String(column[0]) : "");
    const cells: CellInput[][] = Array.from({ length: rows }, (_, r) => [r === 0 ? `'${header}` : (column?.[r] ?? "")]);
    cells[0][0] = header === "" ? "" : `'${header}`;
    this.writeContents({ sheet: table.sheet, rect: columnRect }, cells, location);
    this.normalizeTableHeaders(table);
    return at;
  }

  addTableRows(table: TableModel, index: number | null | undefined, values: unknown, location = "TableRowCollection.add"): void {
    this.assertWritable(table.sheet, location);
    if (!Array.isArray(values) || values.length === 0) fail("InvalidArgument", location, "values must be a non-empty 2D array");
    const body = this.tableBodyRect(table);
    const at = index === null || index === undefined ? body.rowCount : index;
    if (!Number.isInteger(at) || at < 0 || at > body.rowCount) fail("InvalidArgument", location, `row index ${String(index)}`);
    const rect = { row: body.row + at, column: table.rect.column, rowCount: values.length, columnCount: table.rect.columnCount };
    this.insertCells({ sheet: table.sheet, rect }, "Down", location);
    if (at === body.rowCount) table.rect = { ...table.rect, rowCount: table.rect.rowCount + values.length };
    this.writeContents({ sheet: table.sheet, rect }, values, location);
  }

  // ------------------------------------------------------------------ charts

  liveCharts(sheet: SheetModel): ChartModel[] {
    return sheet.charts.filter((c) => !c.deleted);
  }

  addChart(sheet: SheetModel, type: string, source: RangeRef | null, seriesBy: string, location = "ChartCollection.add"): ChartModel {
    this.assertWritable(sheet, location);
    let n = 1;
    while (this.liveCharts(sheet).some((c) => c.name === `Chart ${n}`)) n++;
    const axis = (): AxisModel => ({ minimum: null, maximum: null, title: null, titleVisible: false, majorGridlines: false, visible: true });
    const chart: ChartModel = {
      id: newId("chart"),
      name: `Chart ${n}`,
      chartType: type,
      sheet,
      top: 0,
      left: 0,
      width: 360,
      height: 216,
      title: { text: null, visible: false },
      legend: { visible: true, position: "Right" },
      // The documentation names no default: the double starts with the one that would join the
      // segments of a gapped series, so an adapter that relies on gaps must ask for them.
      displayBlanksAs: "Zero",
      categoryAxis: axis(),
      valueAxis: { ...axis(), majorGridlines: true },
      series: [],
      deleted: false,
    };
    if (source) this.seriesFromSource(chart, source, seriesBy);
    sheet.charts.push(chart);
    return chart;
  }

  newSeries(chart: ChartModel, name: string): SeriesModel {
    return {
      id: newId("series"),
      name,
      chartType: chart.chartType,
      xRange: null,
      valuesRange: null,
      bubbleSizesRange: null,
      markerStyle: "Automatic",
      markerSize: 7,
      markerBackgroundColor: null,
      markerForegroundColor: null,
      line: { color: null, lineStyle: chart.chartType === "XYScatter" ? "None" : "Continuous", weight: 2.25 },
      hasDataLabels: false,
      dataLabels: { showSeriesName: false, showValue: false, showCategoryName: false, showLegendKey: false, position: null },
      points: new Map(),
      deleted: false,
    };
  }

  /** Excel's guess for series from a source range: headers become names; scatter takes the first column as X. */
  private seriesFromSource(chart: ChartModel, source: RangeRef, seriesBy: string): void {
    const values = this.values(source);
    const byRows = (seriesBy ?? "Auto").toLowerCase() === "rows" ||
      ((seriesBy ?? "Auto").toLowerCase() === "auto" && source.rect.columnCount > source.rect.rowCount);
    const lines = byRows ? values : values[0].map((_, c) => values.map((line) => line[c]));
    const hasHeader = lines.length > 0 && lines.every((line) => typeof line[0] === "string" && line[0] !== "");
    const offset = hasHeader ? 1 : 0;
    if ((byRows ? source.rect.columnCount : source.rect.rowCount) - offset < 1) return;
    const lineRef = (i: number): RangeRef =>
      byRows
        ? { sheet: source.sheet, rect: { row: source.rect.row + i, column: source.rect.column + offset, rowCount: 1, columnCount: source.rect.columnCount - offset } }
        : { sheet: source.sheet, rect: { row: source.rect.row + offset, column: source.rect.column + i, rowCount: source.rect.rowCount - offset, columnCount: 1 } };
    const scatter = chart.chartType.toLowerCase().startsWith("xyscatter") || chart.chartType === "Bubble";
    const first = scatter && lines.length > 1 ? 1 : 0;
    for (let i = first; i < lines.length; i++) {
      const series = this.newSeries(chart, hasHeader ? String(lines[i][0]) : `Series${chart.series.length + 1}`);
      series.valuesRange = lineRef(i);
      if (first === 1) series.xRange = lineRef(0);
      chart.series.push(series);
    }
  }

  /** What a series plots now: its ranges' current values (a test reads back what the chart shows). */
  seriesData(series: SeriesModel): { x: Scalar[] | null; y: Scalar[] | null; sizes: Scalar[] | null } {
    const flat = (ref: RangeRef | null) => (ref && !ref.sheet.deleted ? this.values(ref).flat() : null);
    return { x: flat(series.xRange), y: flat(series.valuesRange), sizes: flat(series.bubbleSizesRange) };
  }

  // ------------------------------------------------------------------ merges

  merge(ref: RangeRef, across: boolean, location = "Range.merge"): void {
    this.assertWritable(ref.sheet, location);
    const areas = across
      ? Array.from({ length: ref.rect.rowCount }, (_, r) => ({ ...ref.rect, row: ref.rect.row + r, rowCount: 1 }))
      : [ref.rect];
    ref.sheet.merged = ref.sheet.merged.filter((m) => !rectsIntersect(m, ref.rect));
    for (const area of areas) {
      if (area.rowCount * area.columnCount < 2) continue;
      // Excel keeps only the top-left value of a merged area.
      for (let r = 0; r < area.rowCount; r++)
        for (let c = 0; c < area.columnCount; c++)
          if (r || c) this.hf.setCellContents(this.address(ref.sheet, area.row + r, area.column + c), [[null]]);
      ref.sheet.merged.push(area);
    }
  }

  unmerge(ref: RangeRef): void {
    ref.sheet.merged = ref.sheet.merged.filter((m) => !rectsIntersect(m, ref.rect));
  }

  describeRange(ref: RangeRef): string {
    return formatAddress(ref.sheet.name, ref.rect);
  }

  localAddress(rect: Rect): string {
    return formatLocal(rect);
  }
}

export function parseRect(local: string): Rect | null {
  return parseLocal(local);
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const endR = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const endC = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  if (endR <= row || endC <= column) return null;
  return { row, column, rowCount: endR - row, columnCount: endC - column };
}

function inside(rect: Rect, row: number, column: number): boolean {
  return row >= rect.row && row < rect.row + rect.rowCount && column >= rect.column && column < rect.column + rect.columnCount;
}

/**
 * Where a rectangle ends up after an insertion (count > 0) or deletion (count < 0): after the
 * point it moves; across the point it grows (or shrinks); deleted entirely it is gone (null).
 * With a band (a partial insert), only rectangles wholly inside the band move.
 */
export function shiftRectFor(rect: Rect, event: InsertEvent): Rect | null {
  const rows = event.axis === "rows";
  const start = rows ? rect.row : rect.column;
  const size = rows ? rect.rowCount : rect.columnCount;
  const acrossStart = rows ? rect.column : rect.row;
  const acrossSize = rows ? rect.columnCount : rect.rowCount;
  if (event.band) {
    const inBand = acrossStart >= event.band.start && acrossStart + acrossSize - 1 <= event.band.end;
    if (!inBand) return rect;
  }
  const end = start + size; // exclusive
  let newStart = start;
  let newSize = size;
  if (event.count > 0) {
    if (start >= event.at) newStart = start + event.count;
    else if (event.at < end) newSize = size + event.count;
  } else {
    const delStart = event.at;
    const delEnd = event.at - event.count; // exclusive
    if (delEnd <= start) newStart = start + event.count;
    else if (delStart >= end) return rect;
    else {
      const keptBefore = Math.max(0, delStart - start);
      const keptAfter = Math.max(0, end - delEnd);
      newSize = keptBefore + keptAfter;
      if (newSize === 0) return null;
      newStart = Math.min(start, delStart);
    }
  }
  if (newStart + newSize > (rows ? MAX_ROWS : MAX_COLUMNS)) newSize = (rows ? MAX_ROWS : MAX_COLUMNS) - newStart;
  return rows ? { ...rect, row: newStart, rowCount: newSize } : { ...rect, column: newStart, columnCount: newSize };
}

/**
 * Excel reads a sheet name that begins like an R1C1 reference (`R1C1`, `RC2x`, `C3`, `R`) as that
 * reference unless it is quoted, and refuses the formula (apache/poi#545, EPPlusSoftware/EPPlus#214;
 * HyperFormula accepts it). Stricter than those reports: any bare sheet name starting with `RC`.
 */
export function bareSheetLooksLikeR1C1(formula: string): boolean {
  const bare = /^=\s*([^'!=(]+)!/.exec(formula);
  return bare !== null && /^(R\d|C\d|RC|[RC]$)/i.test(bare[1].trim());
}
