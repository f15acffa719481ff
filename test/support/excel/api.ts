/**
 * The Excel object model of the double: one TypeSpec per Office.js class (Workbook, Worksheet,
 * Range, Table, Chart, …) saying which properties load, which can be set and what methods do.
 * Everything here runs at `context.sync()` against the WorkbookModel.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- specs operate on proxies and model objects; the public boundary is typed. */
import { MAX_COLUMNS, MAX_ROWS, Rect, formatAddress, parseCellKey, parseLocal, rectsIntersect, splitSheet } from "./address";
import { fail } from "./errors";
import { EventKind, EventRegistry } from "./events";
import {
  bareSheetLooksLikeR1C1,
  ChartModel,
  ConditionalFormatModel,
  PointModel,
  RangeRef,
  Scalar,
  SeriesModel,
  SheetModel,
  TableModel,
  WorkbookModel,
  intersect,
} from "./model";
import { ObjState, TypeSpec } from "./proxy";

export interface Env {
  model: WorkbookModel;
  events: EventRegistry;
}

const quote = (s: string) => JSON.stringify(s);

// ------------------------------------------------------------------------------ helpers

function grid2<T>(ref: RangeRef, read: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = 0; r < ref.rect.rowCount; r++) {
    const line: T[] = [];
    for (let c = 0; c < ref.rect.columnCount; c++) line.push(read(ref.rect.row + r, ref.rect.column + c));
    out.push(line);
  }
  return out;
}

function assertCellCount(ref: RangeRef, location: string): void {
  // Excel refuses to read more than five million cells at once.
  if (ref.rect.rowCount * ref.rect.columnCount > 5_000_000) {
    fail("ResponsePayloadSizeLimitExceeded", location, `${formatAddress(ref.sheet.name, ref.rect)} has more than 5,000,000 cells`);
  }
}

function subRange(ref: RangeRef, row: number, column: number, rowCount: number, columnCount: number, location: string): RangeRef {
  const rect = { row: ref.rect.row + row, column: ref.rect.column + column, rowCount, columnCount };
  if (
    rowCount < 1 ||
    columnCount < 1 ||
    rect.row < 0 ||
    rect.column < 0 ||
    rect.row + rowCount > MAX_ROWS ||
    rect.column + columnCount > MAX_COLUMNS
  ) {
    fail("InvalidArgument", location, `the range would leave the sheet (${JSON.stringify(rect)})`);
  }
  return { sheet: ref.sheet, rect };
}

function allSame<T>(values: T[]): T | null {
  if (values.length === 0) return null;
  return values.every((v) => v === values[0]) ? values[0] : null;
}

function rangeArg(value: unknown, env: Env, defaultSheet: SheetModel | null, location: string): RangeRef {
  if (value && typeof value === "object" && (value as any).$state instanceof ObjState) {
    const target = (value as any).$state.target(location);
    if (target && target.sheet && target.rect) return target as RangeRef;
    fail("InvalidArgument", location, "expected a Range");
  }
  if (typeof value === "string") {
    const { sheet: sheetName, local } = splitSheet(value.replace(/^=/, ""));
    const sheet = sheetName ? env.model.findSheet(sheetName) : defaultSheet;
    const rect = parseLocal(local);
    if (!sheet || !rect) fail("InvalidArgument", location, `"${value}" is not a range address`);
    return { sheet, rect };
  }
  fail("InvalidArgument", location, "expected a Range or an address");
}

// ------------------------------------------------------------------------------ specs

export function buildSpecs(env: Env) {
  const model = env.model;

  const eventSource = (kind: EventKind, sheetOf: (self: ObjState) => string | null) => (self: ObjState) => {
    const handlers: TypeSpec = {
      typeName: "EventHandlers",
      props: {},
      methods: {
        add: (state: ObjState, handler: (args: any) => unknown) => {
          const registration = { kind, sheetId: null as string | null, handler, active: false };
          state.ctx.enqueue({
            describe: { path: state.path, call: "add" },
            apply: () => {
              registration.sheetId = sheetOf(self);
              env.events.register(registration);
            },
          });
          return {
            context: state.ctx.proxy,
            remove: () =>
              state.ctx.enqueue({ describe: { path: state.path, call: "remove" }, apply: () => void (registration.active = false) }),
          };
        },
      },
    };
    return self.derived(handlers, `on${kind}`);
  };

  // ---------------------------------------------------------------- range format
  const RangeFont: TypeSpec = {
    typeName: "RangeFont",
    props: {
      bold: {
        get: (t: RangeRef) => allSame(grid2(t, (r, c) => model.style(t.sheet, r, c).bold ?? false).flat()),
        set: (t: RangeRef, v) => {
          model.assertWritable(t.sheet, "RangeFont.bold");
          model.updateStyle(t, (s) => ({ ...s, bold: v ? true : undefined }));
        },
      },
      color: {
        get: (t: RangeRef) => allSame(grid2(t, (r, c) => model.style(t.sheet, r, c).fontColor ?? "#000000").flat()),
        set: (t: RangeRef, v) => {
          model.assertWritable(t.sheet, "RangeFont.color");
          model.updateStyle(t, (s) => ({ ...s, fontColor: v ? String(v) : undefined }));
        },
      },
      italic: { get: () => false },
      name: { get: () => "Calibri" },
      size: { get: () => 11 },
    },
  };
  const RangeFill: TypeSpec = {
    typeName: "RangeFill",
    props: {
      color: {
        get: (t: RangeRef) => allSame(grid2(t, (r, c) => model.style(t.sheet, r, c).fill ?? "#FFFFFF").flat()),
        set: (t: RangeRef, v) => {
          model.assertWritable(t.sheet, "RangeFill.color");
          model.updateStyle(t, (s) => ({ ...s, fill: v ? String(v) : undefined }));
        },
      },
    },
    methods: {
      clear: (self) =>
        self.queue("clear", null, (t: RangeRef) => {
          model.assertWritable(t.sheet, "RangeFill.clear");
          model.updateStyle(t, (s) => ({ ...s, fill: undefined }));
        }),
    },
  };
  const RangeFormat: TypeSpec = {
    typeName: "RangeFormat",
    props: {
      columnWidth: {
        get: (t: RangeRef) =>
          allSame(Array.from({ length: Math.min(t.rect.columnCount, 16384) }, (_, i) => t.sheet.columnWidths.get(t.rect.column + i) ?? 48)),
        set: (t: RangeRef, v) => {
          model.assertWritable(t.sheet, "RangeFormat.columnWidth");
          if (typeof v !== "number" || v < 0) fail("InvalidArgument", "RangeFormat.columnWidth", `width ${String(v)}`);
          for (let i = 0; i < t.rect.columnCount; i++) t.sheet.columnWidths.set(t.rect.column + i, v);
        },
      },
      rowHeight: { get: () => 15 },
    },
    navs: {
      font: (self) => self.derived(RangeFont, "font"),
      fill: (self) => self.derived(RangeFill, "fill"),
    },
    methods: {
      autofitColumns: (self) =>
        self.queue("autofitColumns", null, (t: RangeRef) => {
          const used = model.usedRect(t.sheet, true);
          const rows = used ? intersect(t.rect, { ...used, column: t.rect.column, columnCount: t.rect.columnCount }) : null;
          for (let i = 0; i < Math.min(t.rect.columnCount, 16384); i++) {
            let longest = 0;
            if (rows) for (let r = rows.row; r < rows.row + rows.rowCount; r++) longest = Math.max(longest, model.cellText(t.sheet, r, t.rect.column + i).length);
            // About 5.6 points per character of Calibri 11 plus padding; an empty column keeps the default.
            t.sheet.columnWidths.set(t.rect.column + i, longest === 0 ? 48 : Math.round(longest * 5.6 + 7));
          }
        }),
      autofitRows: (self) => self.queue("autofitRows", null, () => undefined),
    },
  };

  // ---------------------------------------------------------------- conditional formats
  const ConditionalRangeFill: TypeSpec = {
    typeName: "ConditionalRangeFill",
    props: { color: { get: (t: ConditionalFormatModel) => t.fill, set: (t: ConditionalFormatModel, v) => void (t.fill = v) } },
    methods: { clear: (self) => self.queue("clear", null, (t: ConditionalFormatModel) => void (t.fill = null)) },
  };
  const ConditionalRangeFont: TypeSpec = {
    typeName: "ConditionalRangeFont",
    props: { color: { get: (t: ConditionalFormatModel) => t.fontColor, set: (t: ConditionalFormatModel, v) => void (t.fontColor = v) } },
  };
  const ConditionalRangeFormat: TypeSpec = {
    typeName: "ConditionalRangeFormat",
    props: {},
    navs: { fill: (self) => self.derived(ConditionalRangeFill, "fill"), font: (self) => self.derived(ConditionalRangeFont, "font") },
  };
  const CellValueConditionalFormat: TypeSpec = {
    typeName: "CellValueConditionalFormat",
    props: {
      rule: {
        get: (t: ConditionalFormatModel) => ({ ...t.rule }),
        set: (t: ConditionalFormatModel, v) => {
          if (!v || typeof v !== "object" || typeof v.formula1 !== "string" || typeof v.operator !== "string") {
            fail("InvalidArgument", "CellValueConditionalFormat.rule", "a rule needs formula1 and operator");
          }
          t.rule = { formula1: v.formula1, formula2: v.formula2, operator: v.operator };
        },
      },
    },
    navs: { format: (self) => self.derived(ConditionalRangeFormat, "format") },
  };
  const ConditionalFormat: TypeSpec = {
    typeName: "ConditionalFormat",
    props: {
      type: { get: (t: ConditionalFormatModel) => t.type },
      id: { get: (t: ConditionalFormatModel) => t.id },
      priority: { get: (t: ConditionalFormatModel) => 0 * t.rect.row },
      stopIfTrue: { get: () => false },
    },
    navs: {
      cellValue: (self) => self.derived(CellValueConditionalFormat, "cellValue"),
      cellValueOrNullObject: (self) => self.derived(CellValueConditionalFormat, "cellValueOrNullObject"),
    },
    methods: {
      getRange: (self) => self.child(Range, (t: ConditionalFormatModel) => ({ sheet: findCfSheet(t), rect: t.rect }), { path: `${self.path}.getRange()` }),
      delete: (self) =>
        self.queue("delete", null, (t: ConditionalFormatModel) => {
          const sheet = findCfSheet(t);
          sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => cf !== t);
        }),
    },
  };
  const findCfSheet = (cf: ConditionalFormatModel): SheetModel =>
    model.liveSheets().find((s) => s.conditionalFormats.includes(cf)) ?? fail("ItemNotFound", "ConditionalFormat");
  let cfCounter = 1;
  const ConditionalFormatCollection: TypeSpec = {
    typeName: "ConditionalFormatCollection",
    props: {},
    items: (t: RangeRef, self) =>
      t.sheet.conditionalFormats
        .filter((cf) => rectsIntersect(cf.rect, t.rect))
        .map((cf, i) => ({ target: cf, spec: ConditionalFormat, path: `${self.path}[${i}]` })),
    methods: {
      add: (self, type: string) =>
        self.child(
          ConditionalFormat,
          (t: RangeRef) => {
            model.assertWritable(t.sheet, "ConditionalFormatCollection.add");
            if (type !== "CellValue" && type !== "Custom") fail("InvalidArgument", "ConditionalFormatCollection.add", `type ${type} is not modelled`);
            const cf: ConditionalFormatModel = { id: `cf${cfCounter++}`, type, rect: t.rect, rule: {}, fill: null, fontColor: null };
            t.sheet.conditionalFormats.push(cf);
            return cf;
          },
          { path: `${self.path}.add(${quote(type)})`, strict: true },
        ),
      getCount: (self) => self.queueResult("getCount", null, (t: RangeRef) => t.sheet.conditionalFormats.filter((cf) => rectsIntersect(cf.rect, t.rect)).length),
      clearAll: (self) =>
        self.queue("clearAll", null, (t: RangeRef) => {
          model.assertWritable(t.sheet, "ConditionalFormatCollection.clearAll");
          t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !rectsIntersect(cf.rect, t.rect));
        }),
    },
  };

  // ---------------------------------------------------------------- range
  const rangeChild = (self: ObjState, name: string, args: unknown[], map: (t: RangeRef) => RangeRef | null, nullable = false) =>
    self.child(Range, map, { path: `${self.path}.${name}(${args.map((a) => JSON.stringify(a)).join(",")})`, nullable });

  const hiddenState = (t: RangeRef, axis: "rows" | "columns") => {
    const set = axis === "rows" ? t.sheet.hiddenRows : t.sheet.hiddenColumns;
    const start = axis === "rows" ? t.rect.row : t.rect.column;
    const count = axis === "rows" ? t.rect.rowCount : t.rect.columnCount;
    if (count > 100000) return [...set].some((i) => i >= start && i < start + count) ? null : false;
    let hidden = 0;
    for (let i = start; i < start + count; i++) if (set.has(i)) hidden++;
    return hidden === 0 ? false : hidden === count ? true : null;
  };
  const setHidden = (t: RangeRef, axis: "rows" | "columns", value: unknown, location: string) => {
    model.assertWritable(t.sheet, location);
    const set = axis === "rows" ? t.sheet.hiddenRows : t.sheet.hiddenColumns;
    const start = axis === "rows" ? t.rect.row : t.rect.column;
    const count = axis === "rows" ? t.rect.rowCount : t.rect.columnCount;
    for (let i = start; i < start + count; i++) {
      if (value) set.add(i);
      else set.delete(i);
    }
  };

  const Range: TypeSpec = {
    typeName: "Range",
    props: {
      address: { get: (t: RangeRef) => formatAddress(t.sheet.name, t.rect) },
      addressLocal: { get: (t: RangeRef) => formatAddress(t.sheet.name, t.rect) },
      rowIndex: { get: (t: RangeRef) => t.rect.row },
      columnIndex: { get: (t: RangeRef) => t.rect.column },
      rowCount: { get: (t: RangeRef) => t.rect.rowCount },
      columnCount: { get: (t: RangeRef) => t.rect.columnCount },
      cellCount: { get: (t: RangeRef) => t.rect.rowCount * t.rect.columnCount },
      isEntireColumn: { get: (t: RangeRef) => t.rect.rowCount === MAX_ROWS },
      isEntireRow: { get: (t: RangeRef) => t.rect.columnCount === MAX_COLUMNS },
      values: {
        get: (t: RangeRef) => (assertCellCount(t, "Range.values"), model.values(t)),
        set: (t: RangeRef, v) => model.writeContents(t, v, "Range.values"),
      },
      formulas: {
        get: (t: RangeRef) => (assertCellCount(t, "Range.formulas"), model.formulas(t)),
        set: (t: RangeRef, v) => model.writeContents(t, v, "Range.formulas"),
      },
      formulasR1C1: {
        get: (t: RangeRef) => (assertCellCount(t, "Range.formulasR1C1"), model.formulasR1C1(t)),
        set: (t: RangeRef, v) => model.writeFormulasR1C1(t, v, "Range.formulasR1C1"),
      },
      formulasLocal: {
        get: (t: RangeRef) => (assertCellCount(t, "Range.formulasLocal"), model.formulas(t)),
        set: (t: RangeRef, v) => model.writeContents(t, v, "Range.formulasLocal"),
      },
      numberFormat: {
        get: (t: RangeRef) => (assertCellCount(t, "Range.numberFormat"), grid2(t, (r, c) => model.numberFormat(t.sheet, r, c))),
        set: (t: RangeRef, v) => model.writeNumberFormats(t, v, "Range.numberFormat"),
      },
      numberFormatLocal: {
        get: (t: RangeRef) => (assertCellCount(t, "Range.numberFormatLocal"), grid2(t, (r, c) => model.numberFormat(t.sheet, r, c))),
        set: (t: RangeRef, v) => model.writeNumberFormats(t, v, "Range.numberFormatLocal"),
      },
      text: { get: (t: RangeRef) => (assertCellCount(t, "Range.text"), grid2(t, (r, c) => model.cellText(t.sheet, r, c))) },
      valueTypes: { get: (t: RangeRef) => (assertCellCount(t, "Range.valueTypes"), grid2(t, (r, c) => model.valueType(t.sheet, r, c))) },
      columnHidden: { get: (t: RangeRef) => hiddenState(t, "columns"), set: (t: RangeRef, v) => setHidden(t, "columns", v, "Range.columnHidden") },
      rowHidden: { get: (t: RangeRef) => hiddenState(t, "rows"), set: (t: RangeRef, v) => setHidden(t, "rows", v, "Range.rowHidden") },
      hidden: {
        get: (t: RangeRef) => hiddenState({ ...t, rect: t.rect }, "rows") === true || hiddenState(t, "columns") === true,
      },
    },
    navs: {
      format: (self) => self.derived(RangeFormat, "format"),
      worksheet: (self) => self.derived(Worksheet, "worksheet", (t: RangeRef) => t.sheet),
      conditionalFormats: (self) => self.derived(ConditionalFormatCollection, "conditionalFormats"),
    },
    methods: {
      getCell: (self, row: number, column: number) => rangeChild(self, "getCell", [row, column], (t) => subRange(t, row, column, 1, 1, "Range.getCell")),
      getOffsetRange: (self, rows: number, columns: number) =>
        rangeChild(self, "getOffsetRange", [rows, columns], (t) => subRange(t, rows, columns, t.rect.rowCount, t.rect.columnCount, "Range.getOffsetRange")),
      getResizedRange: (self, dRows: number, dColumns: number) =>
        rangeChild(self, "getResizedRange", [dRows, dColumns], (t) =>
          subRange(t, 0, 0, t.rect.rowCount + dRows, t.rect.columnCount + dColumns, "Range.getResizedRange"),
        ),
      getEntireColumn: (self) =>
        rangeChild(self, "getEntireColumn", [], (t) => ({ sheet: t.sheet, rect: { row: 0, column: t.rect.column, rowCount: MAX_ROWS, columnCount: t.rect.columnCount } })),
      getEntireRow: (self) =>
        rangeChild(self, "getEntireRow", [], (t) => ({ sheet: t.sheet, rect: { row: t.rect.row, column: 0, rowCount: t.rect.rowCount, columnCount: MAX_COLUMNS } })),
      getColumn: (self, i: number) => rangeChild(self, "getColumn", [i], (t) => subRange(t, 0, i, t.rect.rowCount, 1, "Range.getColumn")),
      getRow: (self, i: number) => rangeChild(self, "getRow", [i], (t) => subRange(t, i, 0, 1, t.rect.columnCount, "Range.getRow")),
      getColumnsAfter: (self, n = 1) => rangeChild(self, "getColumnsAfter", [n], (t) => subRange(t, 0, t.rect.columnCount, t.rect.rowCount, n, "Range.getColumnsAfter")),
      getColumnsBefore: (self, n = 1) => rangeChild(self, "getColumnsBefore", [n], (t) => subRange(t, 0, -n, t.rect.rowCount, n, "Range.getColumnsBefore")),
      getRowsAbove: (self, n = 1) => rangeChild(self, "getRowsAbove", [n], (t) => subRange(t, -n, 0, n, t.rect.columnCount, "Range.getRowsAbove")),
      getRowsBelow: (self, n = 1) => rangeChild(self, "getRowsBelow", [n], (t) => subRange(t, t.rect.rowCount, 0, n, t.rect.columnCount, "Range.getRowsBelow")),
      getLastRow: (self) => rangeChild(self, "getLastRow", [], (t) => subRange(t, t.rect.rowCount - 1, 0, 1, t.rect.columnCount, "Range.getLastRow")),
      getLastColumn: (self) => rangeChild(self, "getLastColumn", [], (t) => subRange(t, 0, t.rect.columnCount - 1, t.rect.rowCount, 1, "Range.getLastColumn")),
      getLastCell: (self) => rangeChild(self, "getLastCell", [], (t) => subRange(t, t.rect.rowCount - 1, t.rect.columnCount - 1, 1, 1, "Range.getLastCell")),
      getIntersection: (self, other: unknown) =>
        rangeChild(self, "getIntersection", [], (t) => {
          const o = rangeArg(other, env, t.sheet, "Range.getIntersection");
          const rect = o.sheet === t.sheet ? intersect(t.rect, o.rect) : null;
          return rect ? { sheet: t.sheet, rect } : fail("InvalidArgument", "Range.getIntersection", "the ranges do not intersect");
        }),
      getIntersectionOrNullObject: (self, other: unknown) =>
        rangeChild(
          self,
          "getIntersectionOrNullObject",
          [],
          (t) => {
            const o = rangeArg(other, env, t.sheet, "Range.getIntersectionOrNullObject");
            const rect = o.sheet === t.sheet ? intersect(t.rect, o.rect) : null;
            return rect ? { sheet: t.sheet, rect } : null;
          },
          true,
        ),
      getBoundingRect: (self, other: unknown) =>
        rangeChild(self, "getBoundingRect", [], (t) => {
          const o = rangeArg(other, env, t.sheet, "Range.getBoundingRect");
          const row = Math.min(t.rect.row, o.rect.row);
          const column = Math.min(t.rect.column, o.rect.column);
          const endR = Math.max(t.rect.row + t.rect.rowCount, o.rect.row + o.rect.rowCount);
          const endC = Math.max(t.rect.column + t.rect.columnCount, o.rect.column + o.rect.columnCount);
          return { sheet: t.sheet, rect: { row, column, rowCount: endR - row, columnCount: endC - column } };
        }),
      getUsedRange: (self, valuesOnly = false) =>
        rangeChild(self, "getUsedRange", [valuesOnly], (t) => {
          const rect = model.usedRect(t.sheet, valuesOnly, t.rect);
          return rect ? { sheet: t.sheet, rect } : fail("ItemNotFound", "Range.getUsedRange", "the range is empty");
        }),
      getUsedRangeOrNullObject: (self, valuesOnly = false) =>
        rangeChild(
          self,
          "getUsedRangeOrNullObject",
          [valuesOnly],
          (t) => {
            const rect = model.usedRect(t.sheet, valuesOnly, t.rect);
            return rect ? { sheet: t.sheet, rect } : null;
          },
          true,
        ),
      getSurroundingRegion: (self) => rangeChild(self, "getSurroundingRegion", [], (t) => ({ sheet: t.sheet, rect: surroundingRegion(model, t) })),
      insert: (self, shift: string) =>
        self.child(
          Range,
          (t: RangeRef) => {
            model.insertCells(t, shift, "Range.insert");
            return { sheet: t.sheet, rect: t.rect };
          },
          { path: `${self.path}.insert(${quote(String(shift))})`, strict: true },
        ),
      delete: (self, shift: string) => self.queue("delete", shift, (t: RangeRef) => model.deleteCells(t, shift, "Range.delete")),
      clear: (self, applyTo = "All") => self.queue("clear", applyTo, (t: RangeRef) => model.clear(t, applyTo, "Range.clear")),
      select: (self) =>
        self.queue("select", null, (t: RangeRef) => {
          if (t.sheet.visibility !== "Visible") fail("InvalidOperation", "Range.select", `worksheet "${t.sheet.name}" is hidden`);
          t.sheet.selection = t.rect;
          model.activeSheet = t.sheet;
        }),
      merge: (self, across = false) => self.queue("merge", across, (t: RangeRef) => model.merge(t, across)),
      unmerge: (self) => self.queue("unmerge", null, (t: RangeRef) => (model.assertWritable(t.sheet, "Range.unmerge"), model.unmerge(t))),
      getMergedAreasOrNullObject: (self) =>
        self.child(
          RangeAreas,
          (t: RangeRef) => {
            const areas = t.sheet.merged.filter((m) => rectsIntersect(m, t.rect));
            return areas.length ? { sheet: t.sheet, rects: areas } : null;
          },
          { path: `${self.path}.getMergedAreasOrNullObject()`, nullable: true },
        ),
      calculate: (self) => self.queue("calculate", null, () => undefined),
      showCard: (self) => self.queue("showCard", null, () => undefined),
    },
  };

  const RangeCollection: TypeSpec = {
    typeName: "RangeCollection",
    props: {},
    items: (t: { sheet: SheetModel; rects: Rect[] }, self) =>
      t.rects.map((rect, i) => ({ target: { sheet: t.sheet, rect }, spec: Range, path: `${self.path}[${i}]` })),
    methods: {
      getItemAt: (self, i: number) =>
        self.child(Range, (t: { sheet: SheetModel; rects: Rect[] }) => (t.rects[i] ? { sheet: t.sheet, rect: t.rects[i] } : null), {
          path: `${self.path}.getItemAt(${i})`,
        }),
      getCount: (self) => self.queueResult("getCount", null, (t: { rects: Rect[] }) => t.rects.length),
    },
  };
  const RangeAreas: TypeSpec = {
    typeName: "RangeAreas",
    props: {
      address: { get: (t: { sheet: SheetModel; rects: Rect[] }) => t.rects.map((r) => formatAddress(t.sheet.name, r)).join(", ") },
      areaCount: { get: (t: { rects: Rect[] }) => t.rects.length },
      cellCount: { get: (t: { rects: Rect[] }) => t.rects.reduce((n, r) => n + r.rowCount * r.columnCount, 0) },
    },
    navs: { areas: (self) => self.derived(RangeCollection, "areas") },
  };

  // ---------------------------------------------------------------- tables
  type ColumnTarget = { table: TableModel; index: number };
  const tableRange = (self: ObjState, name: string, rect: (t: TableModel) => Rect | null, nullable = false) =>
    self.child(
      Range,
      (t: TableModel) => {
        const r = rect(t);
        return r ? { sheet: t.sheet, rect: r } : nullable ? null : fail("InvalidOperation", `Table.${name}`, `table "${t.name}" has no such row`);
      },
      { path: `${self.path}.${name}()`, nullable },
    );
  const TableColumn: TypeSpec = {
    typeName: "TableColumn",
    props: {
      name: { get: (t: ColumnTarget) => model.tableColumnNames(t.table)[t.index] },
      index: { get: (t: ColumnTarget) => t.index },
      id: { get: (t: ColumnTarget) => t.index + 1 },
      values: { get: (t: ColumnTarget) => model.values({ sheet: t.table.sheet, rect: { ...t.table.rect, column: t.table.rect.column + t.index, columnCount: 1 } }) },
    },
    methods: {
      getRange: (self) =>
        self.child(Range, (t: ColumnTarget) => ({ sheet: t.table.sheet, rect: { ...t.table.rect, column: t.table.rect.column + t.index, columnCount: 1 } }), {
          path: `${self.path}.getRange()`,
        }),
      getDataBodyRange: (self) =>
        self.child(Range, (t: ColumnTarget) => ({ sheet: t.table.sheet, rect: { ...model.tableBodyRect(t.table), column: t.table.rect.column + t.index, columnCount: 1 } }), {
          path: `${self.path}.getDataBodyRange()`,
        }),
      getHeaderRowRange: (self) =>
        self.child(Range, (t: ColumnTarget) => ({ sheet: t.table.sheet, rect: { ...model.tableHeaderRect(t.table), column: t.table.rect.column + t.index, columnCount: 1 } }), {
          path: `${self.path}.getHeaderRowRange()`,
        }),
      delete: (self) =>
        self.queue("delete", null, (t: ColumnTarget) => {
          const rect = { ...t.table.rect, column: t.table.rect.column + t.index, columnCount: 1 };
          if (t.table.rect.columnCount === 1) fail("InvalidOperation", "TableColumn.delete", "a table keeps at least one column");
          model.deleteCells({ sheet: t.table.sheet, rect }, "Left", "TableColumn.delete");
        }),
    },
  };
  const columnByKey = (table: TableModel, key: string | number): ColumnTarget | null => {
    const names = model.tableColumnNames(table);
    if (typeof key === "number") return key >= 1 && key <= names.length ? { table, index: key - 1 } : null;
    const index = names.findIndex((n) => n.toLowerCase() === String(key).toLowerCase());
    return index >= 0 ? { table, index } : null;
  };
  const TableColumnCollection: TypeSpec = {
    typeName: "TableColumnCollection",
    props: { count: { get: (t: TableModel) => t.rect.columnCount } },
    items: (t: TableModel, self) =>
      model.tableColumnNames(t).map((_, index) => ({ target: { table: t, index }, spec: TableColumn, path: `${self.path}[${index}]` })),
    methods: {
      add: (self, index?: number | null, values?: unknown, name?: string) =>
        self.child(
          TableColumn,
          (t: TableModel) => ({ table: t, index: model.addTableColumn(t, index, values, name) }),
          { path: `${self.path}.add(${index ?? "null"})`, strict: true, payload: { values, name } },
        ),
      getItem: (self, key: string | number) =>
        self.child(TableColumn, (t: TableModel) => columnByKey(t, key), { path: `${self.path}.getItem(${JSON.stringify(key)})` }),
      getItemOrNullObject: (self, key: string | number) =>
        self.child(TableColumn, (t: TableModel) => columnByKey(t, key), { path: `${self.path}.getItemOrNullObject(${JSON.stringify(key)})`, nullable: true }),
      getItemAt: (self, i: number) =>
        self.child(TableColumn, (t: TableModel) => (i >= 0 && i < t.rect.columnCount ? { table: t, index: i } : null), { path: `${self.path}.getItemAt(${i})` }),
      getCount: (self) => self.queueResult("getCount", null, (t: TableModel) => t.rect.columnCount),
    },
  };
  const TableRow: TypeSpec = {
    typeName: "TableRow",
    props: {
      index: { get: (t: { table: TableModel; index: number }) => t.index },
      values: {
        get: (t: { table: TableModel; index: number }) => model.values({ sheet: t.table.sheet, rect: { ...model.tableBodyRect(t.table), row: model.tableBodyRect(t.table).row + t.index, rowCount: 1 } }),
      },
    },
  };
  const TableRowCollection: TypeSpec = {
    typeName: "TableRowCollection",
    props: { count: { get: (t: TableModel) => model.tableBodyRect(t).rowCount } },
    items: (t: TableModel, self) =>
      Array.from({ length: model.tableBodyRect(t).rowCount }, (_, index) => ({ target: { table: t, index }, spec: TableRow, path: `${self.path}[${index}]` })),
    methods: {
      add: (self, index?: number | null, values?: unknown) =>
        self.queue("add", { index, values }, (t: TableModel) => model.addTableRows(t, index, values)),
      getCount: (self) => self.queueResult("getCount", null, (t: TableModel) => model.tableBodyRect(t).rowCount),
    },
  };
  const Table: TypeSpec = {
    typeName: "Table",
    props: {
      name: { get: (t: TableModel) => t.name, set: (t: TableModel, v) => model.renameTable(t, v) },
      id: { get: (t: TableModel) => t.id },
      showTotals: { get: (t: TableModel) => t.showTotals, set: (t: TableModel, v) => model.setShowTotals(t, !!v) },
      showHeaders: { get: (t: TableModel) => t.showHeaders },
      style: { get: (t: TableModel) => t.style, set: (t: TableModel, v) => void (t.style = String(v)) },
      showBandedRows: { get: () => true },
      showFilterButton: { get: () => true },
    },
    navs: {
      columns: (self) => self.derived(TableColumnCollection, "columns"),
      rows: (self) => self.derived(TableRowCollection, "rows"),
      worksheet: (self) => self.derived(Worksheet, "worksheet", (t: TableModel) => t.sheet),
    },
    methods: {
      resize: (self, newRange: unknown) =>
        self.queue("resize", typeof newRange === "string" ? newRange : null, (t: TableModel) => {
          const ref = rangeArg(newRange, env, t.sheet, "Table.resize");
          if (ref.sheet !== t.sheet) fail("InvalidArgument", "Table.resize", "the new range is on another sheet");
          model.resizeTable(t, ref.rect);
        }),
      getRange: (self) => tableRange(self, "getRange", (t) => t.rect),
      getHeaderRowRange: (self) => tableRange(self, "getHeaderRowRange", (t) => model.tableHeaderRect(t)),
      getDataBodyRange: (self) => tableRange(self, "getDataBodyRange", (t) => model.tableBodyRect(t)),
      getTotalRowRange: (self) => tableRange(self, "getTotalRowRange", (t) => model.tableTotalsRect(t)),
      delete: (self) =>
        self.queue("delete", null, (t: TableModel) => {
          model.assertWritable(t.sheet, "Table.delete");
          model.clear({ sheet: t.sheet, rect: t.rect }, "All", "Table.delete");
          t.deleted = true;
        }),
      convertToRange: (self) =>
        self.child(
          Range,
          (t: TableModel) => {
            model.assertWritable(t.sheet, "Table.convertToRange");
            t.deleted = true;
            return { sheet: t.sheet, rect: t.rect };
          },
          { path: `${self.path}.convertToRange()`, strict: true },
        ),
    },
  };
  const tableCollection = (typeName: string, list: (t: any) => TableModel[], sheetOf: (t: any) => SheetModel | null): TypeSpec => ({
    typeName,
    props: { count: { get: (t) => list(t).length } },
    items: (t, self) => list(t).map((table, i) => ({ target: table, spec: Table, path: `${self.path}[${i}]` })),
    methods: {
      add: (self, address: unknown, hasHeaders: boolean) =>
        self.child(
          Table,
          (t) => {
            const ref = rangeArg(address, env, sheetOf(t), `${typeName}.add`);
            return model.addTable(ref, !!hasHeaders);
          },
          { path: `${self.path}.add(${typeof address === "string" ? quote(address) : "range"})`, strict: true },
        ),
      getItem: (self, key: string) =>
        self.child(Table, (t) => list(t).find((table) => table.name.toLowerCase() === key.toLowerCase() || table.id === key) ?? null, {
          path: `${self.path}.getItem(${quote(key)})`,
        }),
      getItemOrNullObject: (self, key: string) =>
        self.child(Table, (t) => list(t).find((table) => table.name.toLowerCase() === key.toLowerCase() || table.id === key) ?? null, {
          path: `${self.path}.getItemOrNullObject(${quote(key)})`,
          nullable: true,
        }),
      getItemAt: (self, i: number) => self.child(Table, (t) => list(t)[i] ?? null, { path: `${self.path}.getItemAt(${i})` }),
      getCount: (self) => self.queueResult("getCount", null, (t) => list(t).length),
    },
  });
  const WorkbookTables = tableCollection("TableCollection", () => model.liveTables(), () => model.activeSheet);
  const WorksheetTables = tableCollection("TableCollection", (s: SheetModel) => model.liveTables(s), (s: SheetModel) => s);

  // ---------------------------------------------------------------- charts
  type PointTarget = { series: SeriesModel; index: number };
  const point = (t: PointTarget): PointModel => {
    let p = t.series.points.get(t.index);
    if (!p) {
      p = {
        markerBackgroundColor: null,
        markerForegroundColor: null,
        markerSize: null,
        markerStyle: null,
        hasDataLabel: false,
        dataLabelText: null,
        dataLabelFormula: null,
      };
      t.series.points.set(t.index, p);
    }
    return p;
  };
  const pointCount = (s: SeriesModel) => model.seriesData(s).y?.length ?? 0;
  const ChartFill: TypeSpec = {
    typeName: "ChartFill",
    props: {},
    methods: {
      setSolidColor: (self, color: string) => self.queue("setSolidColor", color, (t: { set: (c: string | null) => void }) => t.set(color)),
      clear: (self) => self.queue("clear", null, (t: { set: (c: string | null) => void }) => t.set(null)),
      getSolidColor: (self) => self.queueResult("getSolidColor", null, (t: { get: () => string | null }) => t.get() ?? ""),
    },
  };
  const ChartBorder: TypeSpec = {
    typeName: "ChartBorder",
    props: {
      color: { get: (t: PointTarget) => point(t).markerForegroundColor, set: (t: PointTarget, v) => void (point(t).markerForegroundColor = v) },
      lineStyle: { get: () => "Continuous", set: () => undefined },
      weight: { get: () => 0.75, set: () => undefined },
    },
  };
  const ChartPointFormat: TypeSpec = {
    typeName: "ChartPointFormat",
    props: {},
    navs: {
      fill: (self) =>
        self.derived(ChartFill, "fill", (t: PointTarget) => ({
          set: (c: string | null) => void (point(t).markerBackgroundColor = c),
          get: () => point(t).markerBackgroundColor,
        })),
      border: (self) => self.derived(ChartBorder, "border"),
    },
  };
  const ChartDataLabel: TypeSpec = {
    typeName: "ChartDataLabel",
    props: {
      text: {
        get: (t: PointTarget) => point(t).dataLabelText ?? String(model.seriesData(t.series).y?.[t.index] ?? ""),
        set: (t: PointTarget, v) => {
          point(t).dataLabelText = String(v);
          point(t).dataLabelFormula = null;
        },
      },
      formula: {
        get: (t: PointTarget) => point(t).dataLabelFormula ?? "",
        set: (t: PointTarget, v) => {
          const ref = model.parseReferenceFormula(String(v));
          if (!ref) fail("InvalidArgument", "ChartDataLabel.formula", `"${String(v)}" must be a reference like =Blad1!$A$2`);
          point(t).dataLabelFormula = String(v);
          point(t).dataLabelText = null;
        },
      },
      showValue: { get: (t: PointTarget) => !point(t).dataLabelText, set: () => undefined },
      showSeriesName: { get: () => false, set: () => undefined },
      showCategoryName: { get: () => false, set: () => undefined },
      position: { get: () => "Right", set: () => undefined },
    },
  };
  const ChartPoint: TypeSpec = {
    typeName: "ChartPoint",
    props: {
      value: { get: (t: PointTarget) => model.seriesData(t.series).y?.[t.index] ?? null },
      markerBackgroundColor: {
        get: (t: PointTarget) => point(t).markerBackgroundColor ?? t.series.markerBackgroundColor,
        set: (t: PointTarget, v) => void (point(t).markerBackgroundColor = v),
      },
      markerForegroundColor: {
        get: (t: PointTarget) => point(t).markerForegroundColor ?? t.series.markerForegroundColor,
        set: (t: PointTarget, v) => void (point(t).markerForegroundColor = v),
      },
      markerSize: { get: (t: PointTarget) => point(t).markerSize ?? t.series.markerSize, set: (t: PointTarget, v) => void (point(t).markerSize = v) },
      markerStyle: { get: (t: PointTarget) => point(t).markerStyle ?? t.series.markerStyle, set: (t: PointTarget, v) => void (point(t).markerStyle = v) },
      hasDataLabel: { get: (t: PointTarget) => point(t).hasDataLabel || t.series.hasDataLabels, set: (t: PointTarget, v) => void (point(t).hasDataLabel = !!v) },
    },
    navs: {
      dataLabel: (self) => self.derived(ChartDataLabel, "dataLabel"),
      format: (self) => self.derived(ChartPointFormat, "format"),
    },
  };
  const ChartPointsCollection: TypeSpec = {
    typeName: "ChartPointsCollection",
    props: { count: { get: (t: SeriesModel) => pointCount(t) } },
    items: (t: SeriesModel, self) =>
      Array.from({ length: pointCount(t) }, (_, index) => ({ target: { series: t, index }, spec: ChartPoint, path: `${self.path}[${index}]` })),
    methods: {
      getItemAt: (self, index: number) =>
        self.child(
          ChartPoint,
          (t: SeriesModel) =>
            Number.isInteger(index) && index >= 0 && index < pointCount(t)
              ? { series: t, index }
              : fail("InvalidArgument", "ChartPointsCollection.getItemAt", `point ${index} of ${pointCount(t)}`),
          { path: `${self.path}.getItemAt(${index})` },
        ),
      getCount: (self) => self.queueResult("getCount", null, (t: SeriesModel) => pointCount(t)),
    },
  };
  // Excel.ChartLineStyle (ExcelApi 1.7; learn.microsoft.com, "Excel.ChartLineStyle enum").
  const CHART_LINE_STYLES = ["Automatic", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Grey25", "Grey50", "Grey75", "None", "RoundDot"];
  const ChartLineFormat: TypeSpec = {
    typeName: "ChartLineFormat",
    props: {
      color: { get: (t: SeriesModel) => t.line.color, set: (t: SeriesModel, v) => void ((t.line.color = v), t.line.lineStyle === "None" && (t.line.lineStyle = "Continuous")) },
      lineStyle: {
        get: (t: SeriesModel) => t.line.lineStyle,
        set: (t: SeriesModel, v) => {
          if (!CHART_LINE_STYLES.includes(String(v))) fail("InvalidArgument", "ChartLineFormat.lineStyle", `${String(v)}`);
          t.line.lineStyle = String(v);
        },
      },
      weight: { get: (t: SeriesModel) => t.line.weight, set: (t: SeriesModel, v) => void (t.line.weight = Number(v)) },
    },
    methods: { clear: (self) => self.queue("clear", null, (t: SeriesModel) => void (t.line = { ...t.line, color: null, lineStyle: "None" })) },
  };
  const ChartSeriesFormat: TypeSpec = {
    typeName: "ChartSeriesFormat",
    props: {},
    navs: {
      line: (self) => self.derived(ChartLineFormat, "line"),
      fill: (self) =>
        self.derived(ChartFill, "fill", (t: SeriesModel) => ({
          set: (c: string | null) => void (t.markerBackgroundColor = c),
          get: () => t.markerBackgroundColor,
        })),
    },
  };
  const dataLabelsProp = (key: "showSeriesName" | "showValue" | "showCategoryName" | "showLegendKey") => ({
    get: (t: SeriesModel) => t.dataLabels[key],
    set: (t: SeriesModel, v: unknown) => void (t.dataLabels[key] = !!v),
  });
  const ChartDataLabels: TypeSpec = {
    typeName: "ChartDataLabels",
    props: {
      showSeriesName: dataLabelsProp("showSeriesName"),
      showValue: dataLabelsProp("showValue"),
      showCategoryName: dataLabelsProp("showCategoryName"),
      showLegendKey: dataLabelsProp("showLegendKey"),
      position: { get: (t: SeriesModel) => t.dataLabels.position, set: (t: SeriesModel, v) => void (t.dataLabels.position = String(v)) },
    },
  };
  const seriesProp = <K extends keyof SeriesModel>(key: K, coerce: (v: any) => SeriesModel[K] = (v) => v) => ({
    get: (t: SeriesModel) => t[key],
    set: (t: SeriesModel, v: unknown) => void (t[key] = coerce(v)),
  });
  const bindRange = (key: "xRange" | "valuesRange" | "bubbleSizesRange", location: string) => (self: ObjState, source: unknown) =>
    self.queue(location, typeof source === "string" ? source : "range", (t: SeriesModel) => {
      const chart = chartOfSeries(t);
      t[key] = rangeArg(source, env, chart.sheet, `ChartSeries.${location}`);
    });
  const chartOfSeries = (s: SeriesModel): ChartModel =>
    model.liveSheets().flatMap((sh) => sh.charts).find((c) => c.series.includes(s)) ?? fail("ItemNotFound", "ChartSeries");
  const ChartSeries: TypeSpec = {
    typeName: "ChartSeries",
    props: {
      name: seriesProp("name", String),
      chartType: seriesProp("chartType", String),
      markerStyle: seriesProp("markerStyle", String),
      markerSize: {
        get: (t: SeriesModel) => t.markerSize,
        set: (t: SeriesModel, v) => {
          if (typeof v !== "number" || v < 2 || v > 72) fail("InvalidArgument", "ChartSeries.markerSize", `marker size ${String(v)} outside 2..72`);
          t.markerSize = v;
        },
      },
      markerBackgroundColor: seriesProp("markerBackgroundColor"),
      markerForegroundColor: seriesProp("markerForegroundColor"),
      hasDataLabels: seriesProp("hasDataLabels", Boolean),
      smooth: { get: () => false, set: () => undefined },
    },
    navs: {
      format: (self) => self.derived(ChartSeriesFormat, "format"),
      dataLabels: (self) => self.derived(ChartDataLabels, "dataLabels"),
      points: (self) => self.derived(ChartPointsCollection, "points"),
    },
    methods: {
      setXAxisValues: bindRange("xRange", "setXAxisValues"),
      setValues: bindRange("valuesRange", "setValues"),
      setBubbleSizes: bindRange("bubbleSizesRange", "setBubbleSizes"),
      delete: (self) =>
        self.queue("delete", null, (t: SeriesModel) => {
          const chart = chartOfSeries(t);
          chart.series = chart.series.filter((s) => s !== t);
          t.deleted = true;
        }),
    },
  };
  const ChartSeriesCollection: TypeSpec = {
    typeName: "ChartSeriesCollection",
    props: { count: { get: (t: ChartModel) => t.series.length } },
    items: (t: ChartModel, self) => t.series.map((s, i) => ({ target: s, spec: ChartSeries, path: `${self.path}[${i}]` })),
    methods: {
      add: (self, name?: string, index?: number) =>
        self.child(
          ChartSeries,
          (t: ChartModel) => {
            model.assertWritable(t.sheet, "ChartSeriesCollection.add");
            const series = model.newSeries(t, name ?? `Series${t.series.length + 1}`);
            if (index === undefined || index === null) t.series.push(series);
            else t.series.splice(index, 0, series);
            return series;
          },
          { path: `${self.path}.add(${quote(String(name))})`, strict: true },
        ),
      getItemAt: (self, i: number) =>
        self.child(ChartSeries, (t: ChartModel) => t.series[i] ?? fail("InvalidArgument", "ChartSeriesCollection.getItemAt", `series ${i} of ${t.series.length}`), {
          path: `${self.path}.getItemAt(${i})`,
        }),
      getCount: (self) => self.queueResult("getCount", null, (t: ChartModel) => t.series.length),
    },
  };
  type AxisTarget = { chart: ChartModel; axis: "categoryAxis" | "valueAxis" };
  const axisOf = (t: AxisTarget) => t.chart[t.axis];
  const ChartAxisTitle: TypeSpec = {
    typeName: "ChartAxisTitle",
    props: {
      text: { get: (t: AxisTarget) => axisOf(t).title ?? "", set: (t: AxisTarget, v) => void ((axisOf(t).title = String(v)), (axisOf(t).titleVisible = true)) },
      visible: { get: (t: AxisTarget) => axisOf(t).titleVisible, set: (t: AxisTarget, v) => void (axisOf(t).titleVisible = !!v) },
    },
  };
  const ChartGridlines: TypeSpec = {
    typeName: "ChartGridlines",
    props: { visible: { get: (t: AxisTarget) => axisOf(t).majorGridlines, set: (t: AxisTarget, v) => void (axisOf(t).majorGridlines = !!v) } },
  };
  const axisBound = (key: "minimum" | "maximum") => ({
    get: (t: AxisTarget) => axisOf(t)[key] ?? "auto",
    set: (t: AxisTarget, v: unknown) => {
      if (typeof v !== "number" || !Number.isFinite(v)) fail("InvalidArgument", `ChartAxis.${key}`, `${String(v)} is not a number`);
      axisOf(t)[key] = v;
    },
  });
  const ChartAxis: TypeSpec = {
    typeName: "ChartAxis",
    props: {
      minimum: axisBound("minimum"),
      maximum: axisBound("maximum"),
      visible: { get: (t: AxisTarget) => axisOf(t).visible, set: (t: AxisTarget, v) => void (axisOf(t).visible = !!v) },
      majorUnit: { get: () => "auto", set: () => undefined },
    },
    navs: {
      title: (self) => self.derived(ChartAxisTitle, "title"),
      majorGridlines: (self) => self.derived(ChartGridlines, "majorGridlines"),
    },
  };
  const ChartAxes: TypeSpec = {
    typeName: "ChartAxes",
    props: {},
    navs: {
      categoryAxis: (self) => self.derived(ChartAxis, "categoryAxis", (t: ChartModel) => ({ chart: t, axis: "categoryAxis" })),
      valueAxis: (self) => self.derived(ChartAxis, "valueAxis", (t: ChartModel) => ({ chart: t, axis: "valueAxis" })),
    },
  };
  const ChartTitle: TypeSpec = {
    typeName: "ChartTitle",
    props: {
      text: { get: (t: ChartModel) => t.title.text ?? "", set: (t: ChartModel, v) => void ((t.title.text = String(v)), (t.title.visible = true)) },
      visible: { get: (t: ChartModel) => t.title.visible, set: (t: ChartModel, v) => void (t.title.visible = !!v) },
    },
  };
  const ChartLegend: TypeSpec = {
    typeName: "ChartLegend",
    props: {
      visible: { get: (t: ChartModel) => t.legend.visible, set: (t: ChartModel, v) => void (t.legend.visible = !!v) },
      position: { get: (t: ChartModel) => t.legend.position, set: (t: ChartModel, v) => void (t.legend.position = String(v)) },
    },
  };
  const cellPosition = (sheet: SheetModel, row: number, column: number) => {
    let left = 0;
    for (let c = 0; c < column; c++) left += sheet.hiddenColumns.has(c) ? 0 : (sheet.columnWidths.get(c) ?? 48);
    let top = 0;
    for (let r = 0; r < row; r++) top += sheet.hiddenRows.has(r) ? 0 : 15;
    return { left, top };
  };
  const chartNumber = (key: "top" | "left" | "width" | "height") => ({
    get: (t: ChartModel) => t[key],
    set: (t: ChartModel, v: unknown) => {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail("InvalidArgument", `Chart.${key}`, `${String(v)}`);
      t[key] = v;
    },
  });
  const Chart: TypeSpec = {
    typeName: "Chart",
    props: {
      name: { get: (t: ChartModel) => t.name, set: (t: ChartModel, v) => void (t.name = String(v)) },
      id: { get: (t: ChartModel) => t.id },
      chartType: { get: (t: ChartModel) => t.chartType, set: (t: ChartModel, v) => void (t.chartType = String(v)) },
      displayBlanksAs: {
        get: (t: ChartModel) => t.displayBlanksAs,
        set: (t: ChartModel, v) => {
          if (!["NotPlotted", "Zero", "Interplotted"].includes(String(v))) fail("InvalidArgument", "Chart.displayBlanksAs", `${String(v)}`);
          t.displayBlanksAs = String(v);
        },
      },
      top: chartNumber("top"),
      left: chartNumber("left"),
      width: chartNumber("width"),
      height: chartNumber("height"),
    },
    navs: {
      title: (self) => self.derived(ChartTitle, "title"),
      legend: (self) => self.derived(ChartLegend, "legend"),
      axes: (self) => self.derived(ChartAxes, "axes"),
      series: (self) => self.derived(ChartSeriesCollection, "series"),
      worksheet: (self) => self.derived(Worksheet, "worksheet", (t: ChartModel) => t.sheet),
    },
    methods: {
      setPosition: (self, start: unknown, end?: unknown) =>
        self.queue("setPosition", [typeof start === "string" ? start : "range", typeof end === "string" ? end : end ? "range" : null], (t: ChartModel) => {
          const a = rangeArg(start, env, t.sheet, "Chart.setPosition");
          const from = cellPosition(t.sheet, a.rect.row, a.rect.column);
          t.left = from.left;
          t.top = from.top;
          if (end !== undefined && end !== null) {
            const b = rangeArg(end, env, t.sheet, "Chart.setPosition");
            const to = cellPosition(t.sheet, b.rect.row + b.rect.rowCount, b.rect.column + b.rect.columnCount);
            t.width = Math.max(0, to.left - from.left);
            t.height = Math.max(0, to.top - from.top);
          }
        }),
      delete: (self) =>
        self.queue("delete", null, (t: ChartModel) => {
          model.assertWritable(t.sheet, "Chart.delete");
          t.deleted = true;
        }),
      activate: (self) => self.queue("activate", null, () => undefined),
    },
  };
  const findChart = (sheet: SheetModel, key: string) => model.liveCharts(sheet).find((c) => c.name === key || c.id === key) ?? null;
  const ChartCollection: TypeSpec = {
    typeName: "ChartCollection",
    props: { count: { get: (t: SheetModel) => model.liveCharts(t).length } },
    items: (t: SheetModel, self) => model.liveCharts(t).map((c, i) => ({ target: c, spec: Chart, path: `${self.path}[${i}]` })),
    methods: {
      add: (self, type: string, source: unknown, seriesBy = "Auto") =>
        self.child(
          Chart,
          (t: SheetModel) => {
            if (typeof type !== "string" || !type) fail("InvalidArgument", "ChartCollection.add", "a chart type is required");
            const ref = source === undefined || source === null ? null : rangeArg(source, env, t, "ChartCollection.add");
            return model.addChart(t, type, ref, seriesBy);
          },
          { path: `${self.path}.add(${quote(String(type))})`, strict: true },
        ),
      getItem: (self, key: string) => self.child(Chart, (t: SheetModel) => findChart(t, key), { path: `${self.path}.getItem(${quote(key)})` }),
      getItemOrNullObject: (self, key: string) =>
        self.child(Chart, (t: SheetModel) => findChart(t, key), { path: `${self.path}.getItemOrNullObject(${quote(key)})`, nullable: true }),
      getItemAt: (self, i: number) => self.child(Chart, (t: SheetModel) => model.liveCharts(t)[i] ?? null, { path: `${self.path}.getItemAt(${i})` }),
      getCount: (self) => self.queueResult("getCount", null, (t: SheetModel) => model.liveCharts(t).length),
    },
  };

  // ---------------------------------------------------------------- worksheet
  const WorksheetProtection: TypeSpec = {
    typeName: "WorksheetProtection",
    props: { protected: { get: (t: SheetModel) => t.protected } },
    methods: {
      protect: (self) => self.queue("protect", null, (t: SheetModel) => void (t.protected = true)),
      unprotect: (self) => self.queue("unprotect", null, (t: SheetModel) => void (t.protected = false)),
    },
  };
  const WorksheetFreezePanes: TypeSpec = {
    typeName: "WorksheetFreezePanes",
    props: {},
    methods: {
      freezeRows: (self, n = 1) => self.queue("freezeRows", n, (t: SheetModel) => void ((t.frozenRows = n), (t.frozenColumns = 0))),
      freezeColumns: (self, n = 1) => self.queue("freezeColumns", n, (t: SheetModel) => void ((t.frozenColumns = n), (t.frozenRows = 0))),
      unfreeze: (self) => self.queue("unfreeze", null, (t: SheetModel) => void ((t.frozenRows = 0), (t.frozenColumns = 0))),
      getLocationOrNullObject: (self) =>
        self.child(
          Range,
          (t: SheetModel) =>
            t.frozenRows || t.frozenColumns
              ? {
                  sheet: t,
                  rect: {
                    row: 0,
                    column: 0,
                    rowCount: t.frozenRows || MAX_ROWS,
                    columnCount: t.frozenColumns || MAX_COLUMNS,
                  },
                }
              : null,
          { path: `${self.path}.getLocationOrNullObject()`, nullable: true },
        ),
    },
  };
  const sheetRange = (self: ObjState, name: string, args: unknown[], map: (t: SheetModel) => RangeRef | null, nullable = false) =>
    self.child(Range, map, { path: `${self.path}.${name}(${args.map((a) => JSON.stringify(a)).join(",")})`, nullable });
  const Worksheet: TypeSpec = {
    typeName: "Worksheet",
    props: {
      name: { get: (t: SheetModel) => t.name, set: (t: SheetModel, v) => model.renameSheet(t, v) },
      id: { get: (t: SheetModel) => t.id },
      position: { get: (t: SheetModel) => model.sheetPosition(t), set: (t: SheetModel, v) => model.moveSheet(t, v) },
      visibility: {
        get: (t: SheetModel) => t.visibility,
        set: (t: SheetModel, v) => {
          if (!["Visible", "Hidden", "VeryHidden"].includes(v)) fail("InvalidArgument", "Worksheet.visibility", String(v));
          if (v !== "Visible" && model.liveSheets().filter((s) => s.visibility === "Visible" && s !== t).length === 0) {
            fail("InvalidOperation", "Worksheet.visibility", "a workbook keeps at least one visible sheet");
          }
          t.visibility = v;
        },
      },
      tabColor: { get: () => "", set: () => undefined },
      showGridlines: { get: () => true, set: () => undefined },
    },
    navs: {
      protection: (self) => self.derived(WorksheetProtection, "protection"),
      tables: (self) => self.derived(WorksheetTables, "tables"),
      charts: (self) => self.derived(ChartCollection, "charts"),
      freezePanes: (self) => self.derived(WorksheetFreezePanes, "freezePanes"),
      onActivated: eventSource("activated", (s) => s.target().id),
      onDeactivated: eventSource("deactivated", (s) => s.target().id),
      onSelectionChanged: eventSource("selectionChanged", (s) => s.target().id),
      onChanged: eventSource("changed", (s) => s.target().id),
    },
    methods: {
      getRange: (self, address?: string) =>
        sheetRange(self, "getRange", [address ?? ""], (t) => {
          if (address === undefined || address === null || address === "") return { sheet: t, rect: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
          const { sheet, local } = splitSheet(address);
          if (sheet && sheet.toLowerCase() !== t.name.toLowerCase()) fail("InvalidArgument", "Worksheet.getRange", `"${address}" is not on ${t.name}`);
          const rect = parseLocal(local);
          if (rect) return { sheet: t, rect };
          const named = model.findName(local);
          const ref = named ? model.nameRange(named) : null;
          if (ref && ref.sheet === t) return ref;
          return fail("InvalidArgument", "Worksheet.getRange", `"${address}" is not an address`);
        }),
      getRangeByIndexes: (self, row: number, column: number, rowCount: number, columnCount: number) =>
        sheetRange(self, "getRangeByIndexes", [row, column, rowCount, columnCount], (t) =>
          subRange({ sheet: t, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } }, row, column, rowCount, columnCount, "Worksheet.getRangeByIndexes"),
        ),
      getCell: (self, row: number, column: number) =>
        sheetRange(self, "getCell", [row, column], (t) => subRange({ sheet: t, rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 } }, row, column, 1, 1, "Worksheet.getCell")),
      // Excel: on a blank sheet getUsedRange returns A1; the OrNullObject variant returns a null object.
      getUsedRange: (self, valuesOnly = false) =>
        sheetRange(self, "getUsedRange", [valuesOnly], (t) => ({ sheet: t, rect: model.usedRect(t, valuesOnly) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 } })),
      getUsedRangeOrNullObject: (self, valuesOnly = false) =>
        sheetRange(
          self,
          "getUsedRangeOrNullObject",
          [valuesOnly],
          (t) => {
            const rect = model.usedRect(t, valuesOnly);
            return rect ? { sheet: t, rect } : null;
          },
          true,
        ),
      activate: (self) =>
        self.queue("activate", null, (t: SheetModel) => {
          if (t.visibility !== "Visible") fail("InvalidOperation", "Worksheet.activate", `worksheet "${t.name}" is hidden`);
          model.activeSheet = t;
        }),
      delete: (self) => self.queue("delete", null, (t: SheetModel) => model.deleteSheet(t)),
      calculate: (self) => self.queue("calculate", null, () => undefined),
    },
  };
  const findSheetByKey = (key: string) => model.findSheet(key) ?? model.sheetById(key);
  const WorksheetCollection: TypeSpec = {
    typeName: "WorksheetCollection",
    props: {},
    items: (_t, self) => model.liveSheets().map((s, i) => ({ target: s, spec: Worksheet, path: `${self.path}[${i}]` })),
    navs: {
      onActivated: eventSource("activated", () => null),
      onDeactivated: eventSource("deactivated", () => null),
      onSelectionChanged: eventSource("selectionChanged", () => null),
      onChanged: eventSource("changed", () => null),
      onAdded: eventSource("added", () => null),
      onDeleted: eventSource("deleted", () => null),
    },
    methods: {
      getActiveWorksheet: (self) =>
        self.child(Worksheet, () => model.activeSheet ?? fail("ItemNotFound", "getActiveWorksheet"), { path: "worksheets.getActiveWorksheet()" }),
      getItem: (self, key: string) => self.child(Worksheet, () => findSheetByKey(key), { path: `worksheets.getItem(${quote(key)})` }),
      getItemOrNullObject: (self, key: string) =>
        self.child(Worksheet, () => findSheetByKey(key), { path: `worksheets.getItemOrNullObject(${quote(key)})`, nullable: true }),
      add: (self, name?: string) => self.child(Worksheet, () => model.addSheet(name), { path: `worksheets.add(${quote(String(name))})`, strict: true }),
      getFirst: (self, visibleOnly = false) =>
        self.child(Worksheet, () => model.liveSheets().filter((s) => !visibleOnly || s.visibility === "Visible")[0] ?? null, { path: "worksheets.getFirst()" }),
      getLast: (self, visibleOnly = false) =>
        self.child(Worksheet, () => model.liveSheets().filter((s) => !visibleOnly || s.visibility === "Visible").at(-1) ?? null, { path: "worksheets.getLast()" }),
      getCount: (self, visibleOnly = false) =>
        self.queueResult("getCount", visibleOnly, () => model.liveSheets().filter((s) => !visibleOnly || s.visibility === "Visible").length),
    },
  };

  // ---------------------------------------------------------------- names
  const NamedItem: TypeSpec = {
    typeName: "NamedItem",
    props: {
      name: { get: (t) => t.name },
      formula: {
        get: (t) => model.nameFormula(t),
        set: (t, v) => {
          const formula = String(v).startsWith("=") ? String(v) : `=${String(v)}`;
          if (!model.hf.validateFormula(formula) || bareSheetLooksLikeR1C1(formula)) fail("InvalidArgument", "NamedItem.formula", `"${String(v)}"`);
          model.hf.changeNamedExpression(t.name, formula);
        },
      },
      type: { get: (t) => model.nameType(t) },
      value: { get: (t) => model.nameValue(t) },
      visible: { get: (t) => t.visible, set: (t, v) => void (t.visible = !!v) },
      comment: { get: (t) => t.comment, set: (t, v) => void (t.comment = String(v)) },
      scope: { get: () => "Workbook" },
    },
    methods: {
      getRange: (self) =>
        self.child(Range, (t) => model.nameRange(t) ?? fail("InvalidOperation", "NamedItem.getRange", `${t.name} is not a range`), {
          path: `${self.path}.getRange()`,
        }),
      getRangeOrNullObject: (self) => self.child(Range, (t) => model.nameRange(t), { path: `${self.path}.getRangeOrNullObject()`, nullable: true }),
      delete: (self) => self.queue("delete", null, (t) => model.deleteName(t)),
    },
  };
  const NamedItemCollection: TypeSpec = {
    typeName: "NamedItemCollection",
    props: {},
    items: (_t, self) => model.liveNames().map((n, i) => ({ target: n, spec: NamedItem, path: `${self.path}[${i}]` })),
    methods: {
      add: (self, name: string, reference: unknown, comment?: string) =>
        self.child(
          NamedItem,
          () => {
            const formula =
              typeof reference === "string"
                ? reference
                : (() => {
                    const ref = rangeArg(reference, env, null, "NamedItemCollection.add");
                    return `=${formatAddress(ref.sheet.name, ref.rect, true)}`;
                  })();
            return model.addName(name, formula, comment);
          },
          { path: `names.add(${quote(String(name))})`, strict: true },
        ),
      addFormulaLocal: (self, name: string, formula: string, comment?: string) =>
        self.child(NamedItem, () => model.addName(name, formula, comment, "NamedItemCollection.addFormulaLocal"), {
          path: `names.addFormulaLocal(${quote(String(name))})`,
          strict: true,
        }),
      getItem: (self, name: string) => self.child(NamedItem, () => model.findName(name), { path: `names.getItem(${quote(name)})` }),
      getItemOrNullObject: (self, name: string) =>
        self.child(NamedItem, () => model.findName(name), { path: `names.getItemOrNullObject(${quote(name)})`, nullable: true }),
      getCount: (self) => self.queueResult("getCount", null, () => model.liveNames().length),
    },
  };

  // ---------------------------------------------------------------- comments and notes
  // Read-only here: the workbook's comments (Comment, ExcelApi 1.10) and notes (Note, 1.18), each
  // with its text and its cell, sheet by sheet in row then column order.
  type Annotation = { sheet: SheetModel; row: number; column: number; content: string };
  const annotationSpecs = (typeName: "Comment" | "Note") => {
    const item: TypeSpec = {
      typeName,
      props: { content: { get: (t: Annotation) => t.content } },
      methods: {
        getLocation: (self) =>
          self.child(Range, (t: Annotation) => ({ sheet: t.sheet, rect: { row: t.row, column: t.column, rowCount: 1, columnCount: 1 } }), { path: `${self.path}.getLocation()` }),
      },
    };
    const collection: TypeSpec = {
      typeName: `${typeName}Collection`,
      props: {},
      items: (_t, self) =>
        model
          .liveSheets()
          .flatMap((sheet) =>
            [...(typeName === "Comment" ? sheet.comments : sheet.notes)]
              .map(([key, content]) => {
                const [row, column] = parseCellKey(key);
                return { sheet, row, column, content };
              })
              .sort((a, b) => a.row - b.row || a.column - b.column),
          )
          .map((annotation, i) => ({ target: annotation, spec: item, path: `${self.path}[${i}]` })),
      methods: { getCount: (self) => self.queueResult("getCount", null, () => model.liveSheets().reduce((n, sheet) => n + (typeName === "Comment" ? sheet.comments : sheet.notes).size, 0)) },
    };
    return collection;
  };
  const CommentCollection = annotationSpecs("Comment");
  const NoteCollection = annotationSpecs("Note");

  // ---------------------------------------------------------------- settings
  const Setting: TypeSpec = {
    typeName: "Setting",
    props: {
      key: { get: (t: { key: string }) => t.key },
      value: {
        get: (t: { key: string }) => model.settings.get(t.key),
        set: (t: { key: string }, v) => void model.settings.set(t.key, roundTrip(v)),
      },
    },
    methods: { delete: (self) => self.queue("delete", null, (t: { key: string }) => void model.settings.delete(t.key)) },
  };
  const settingByKey = (key: string) => (model.settings.has(key) ? { key } : null);
  const SettingCollection: TypeSpec = {
    typeName: "SettingCollection",
    props: {},
    items: (_t, self) => [...model.settings.keys()].map((key, i) => ({ target: { key }, spec: Setting, path: `${self.path}[${i}]` })),
    methods: {
      add: (self, key: string, value: unknown) =>
        self.child(
          Setting,
          () => {
            if (typeof key !== "string" || key.length === 0 || key.length > 255) fail("InvalidArgument", "SettingCollection.add", `key "${String(key)}"`);
            model.settings.set(key, roundTrip(value));
            return { key };
          },
          { path: `settings.add(${quote(String(key))})`, strict: true },
        ),
      getItem: (self, key: string) => self.child(Setting, () => settingByKey(key), { path: `settings.getItem(${quote(key)})` }),
      getItemOrNullObject: (self, key: string) =>
        self.child(Setting, () => settingByKey(key), { path: `settings.getItemOrNullObject(${quote(key)})`, nullable: true }),
      getCount: (self) => self.queueResult("getCount", null, () => model.settings.size),
    },
  };

  // ---------------------------------------------------------------- workbook
  const Application: TypeSpec = {
    typeName: "Application",
    props: { calculationMode: { get: () => "Automatic", set: () => undefined } },
    methods: {
      calculate: (self, type: string) =>
        self.queue("calculate", type, () => {
          if (!["Recalculate", "Full", "FullRebuild"].includes(type)) fail("InvalidArgument", "Application.calculate", `type ${String(type)}`);
          model.calculateCount++;
        }),
      suspendScreenUpdatingUntilNextSync: (self) => self.queue("suspendScreenUpdatingUntilNextSync", null, () => undefined),
    },
  };
  const WorkbookProtection: TypeSpec = {
    typeName: "WorkbookProtection",
    props: { protected: { get: () => model.workbookProtected } },
    methods: {
      protect: (self) => self.queue("protect", null, () => void (model.workbookProtected = true)),
      unprotect: (self) => self.queue("unprotect", null, () => void (model.workbookProtected = false)),
    },
  };
  // While a chart, shape or picture is selected there is no selected range: Excel throws
  // InvalidSelection, by design (office-js issues #2268 and #8).
  const selectedCells = (location: string): RangeRef => {
    const sheet = model.activeSheet ?? fail("ItemNotFound", location);
    if (sheet.selectedObject !== null) fail("InvalidSelection", location, `"${sheet.selectedObject}" is selected, not cells`);
    return { sheet, rect: sheet.selection };
  };
  const Workbook: TypeSpec = {
    typeName: "Workbook",
    props: { name: { get: () => "Book1.xlsx" } },
    navs: {
      worksheets: (self) => self.derived(WorksheetCollection, "worksheets"),
      names: (self) => self.derived(NamedItemCollection, "names"),
      settings: (self) => self.derived(SettingCollection, "settings"),
      tables: (self) => self.derived(WorkbookTables, "tables"),
      application: (self) => self.derived(Application, "application"),
      protection: (self) => self.derived(WorkbookProtection, "protection"),
      comments: (self) => self.derived(CommentCollection, "comments"),
      notes: (self) => self.derived(NoteCollection, "notes"),
    },
    methods: {
      getSelectedRange: (self) =>
        self.child(Range, () => selectedCells("Workbook.getSelectedRange"), { path: "workbook.getSelectedRange()", strict: true }),
      getSelectedRanges: (self) =>
        self.child(
          RangeAreas,
          () => {
            const { sheet, rect } = selectedCells("Workbook.getSelectedRanges");
            return { sheet, rects: [rect] };
          },
          { path: "workbook.getSelectedRanges()", strict: true },
        ),
      getActiveCell: (self) =>
        self.child(
          Range,
          () => {
            const sheet = model.activeSheet ?? fail("ItemNotFound", "Workbook.getActiveCell");
            return { sheet, rect: { ...sheet.selection, rowCount: 1, columnCount: 1 } };
          },
          { path: "workbook.getActiveCell()" },
        ),
    },
  };

  return { Workbook, Worksheet, Range, Table, Chart };
}

/** Settings are stored as JSON in the file: what comes back is what JSON keeps. */
function roundTrip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Excel's current region: grow the range while a neighbouring row or column has content. */
function surroundingRegion(model: WorkbookModel, ref: RangeRef): Rect {
  let rect = { ...ref.rect };
  const nonEmpty = (r: number, c: number) => r >= 0 && c >= 0 && r < MAX_ROWS && c < MAX_COLUMNS && model.cellValue(ref.sheet, r, c) !== "";
  const lineHasContent = (r0: number, c0: number, length: number, horizontal: boolean) => {
    for (let i = -1; i <= length; i++) if (horizontal ? nonEmpty(r0, c0 + i) : nonEmpty(r0 + i, c0)) return true;
    return false;
  };
  let grew = true;
  while (grew) {
    grew = false;
    if (rect.row > 0 && lineHasContent(rect.row - 1, rect.column, rect.columnCount, true)) {
      rect = { ...rect, row: rect.row - 1, rowCount: rect.rowCount + 1 };
      grew = true;
    }
    if (lineHasContent(rect.row + rect.rowCount, rect.column, rect.columnCount, true)) {
      rect = { ...rect, rowCount: rect.rowCount + 1 };
      grew = true;
    }
    if (rect.column > 0 && lineHasContent(rect.row, rect.column - 1, rect.rowCount, false)) {
      rect = { ...rect, column: rect.column - 1, columnCount: rect.columnCount + 1 };
      grew = true;
    }
    if (lineHasContent(rect.row, rect.column + rect.columnCount, rect.rowCount, false)) {
      rect = { ...rect, columnCount: rect.columnCount + 1 };
      grew = true;
    }
  }
  return rect;
}

export type { Scalar };
