/**
 * The Excel double's entry point and test driver.
 *
 *   const { Excel, run, driver } = createExcelDouble({ sheets: [{ name: "Blad1", cells: [["Partner", "Invloed"], ["A", 3]] }] });
 *   await run(async (context) => { … context.sync() … });
 *   expect(driver.values("Blad1", "A1:B2")).toEqual(…);
 *
 * `run` behaves as Excel.run (a final sync after the batch when operations are pending); the
 * driver sets up workbooks, simulates the user (edits, selection, cell edit mode, protection) and
 * reads back what a user would see, including what each chart series plots.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the boundary to Office.js types is a cast by design. */
import type { CellRect, SheetSnapshot } from "../../../src/core/types";
import { MAX_COLUMNS, MAX_ROWS, Rect, cellKey, columnIndex, formatAddress, formatLocal, parseCellKey, parseLocal, splitSheet } from "./address";
import { buildSpecs, Env } from "./api";
import { DoubleOfficeError, DoubleErrorCode } from "./errors";
import { EventKind, EventRegistry } from "./events";
import { CellInput, Platform, Scalar, SheetModel, WorkbookModel } from "./model";
import { RequirementSets, type SupportedSets } from "./requirements";
import { ObjState, RequestContextDouble, SyncHooks } from "./proxy";
import { EXCEL_ENUMS } from "./enums";

export interface TableInit {
  name?: string;
  /** Whole table including the header row, e.g. "A1:D10". */
  address: string;
  showTotals?: boolean;
}

export interface SheetInit {
  name: string;
  /** Rows of cells starting at `origin` (default A1). Strings beginning with "=" are formulas. */
  cells?: CellInput[][];
  origin?: string;
  /** Same shape and origin as `cells`; null keeps General. */
  numberFormats?: (string | null)[][];
  /** 0-based column indices or letters ("C"). */
  hiddenColumns?: (number | string)[];
  /** 0-based row indices. */
  hiddenRows?: number[];
  /** Addresses such as "A1:D1". */
  merged?: string[];
  tables?: TableInit[];
  protected?: boolean;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  selection?: string;
  /** Column letter → width in points. */
  columnWidths?: Record<string, number>;
  /** Cell address ("E2") → the text of its comment (ExcelApi 1.10) or note (1.18). */
  comments?: Record<string, string>;
  notes?: Record<string, string>;
}

export interface WorkbookInit {
  sheets: SheetInit[];
  activeSheet?: string;
  /** Workbook-scope names: { name: "Lijn_Laag", formula: "=Parameters!$B$2" }. */
  names?: { name: string; formula: string; comment?: string }[];
  settings?: Record<string, unknown>;
  /** Request and response limit; Excel on the web allows 5 MB. */
  payloadLimitBytes?: number;
  /** Name of new sheets: "Sheet" (English Excel) or "Blad" (Dutch). */
  defaultSheetPrefix?: string;
  /**
   * The requirement sets this Excel supports, e.g. { ExcelApi: "1.8" } (the manifest's minimum).
   * Default: the newest ExcelApi the typings know. A member above them fails its batch (ApiNotFound).
   * Kept by later loadWorkbook calls that do not name them.
   */
  requirementSets?: SupportedSets;
  /** Where the workbook is open; "web" adds Excel on the web's limits. Default "windows"; kept like requirementSets. */
  platform?: Platform;
  /** The workbook's structure is protected (sheets cannot be added, deleted or renamed). */
  structureProtected?: boolean;
}

export interface SeriesReadback {
  name: string;
  chartType: string;
  xAddress: string | null;
  valuesAddress: string | null;
  bubbleSizesAddress: string | null;
  /** The current values of the bound ranges, as the chart plots them now. */
  x: Scalar[] | null;
  y: Scalar[] | null;
  sizes: Scalar[] | null;
  markerStyle: string;
  markerSize: number;
  markerBackgroundColor: string | null;
  markerForegroundColor: string | null;
  line: { color: string | null; lineStyle: string; weight: number };
  hasDataLabels: boolean;
  dataLabels: { showSeriesName: boolean; showValue: boolean; showCategoryName: boolean; showLegendKey: boolean; position: string | null };
  /** Points with their own settings; `labelShows` is the label text now (a formula label evaluated). */
  points: {
    index: number;
    markerBackgroundColor: string | null;
    markerForegroundColor: string | null;
    markerSize: number | null;
    hasDataLabel: boolean;
    dataLabelText: string | null;
    dataLabelFormula: string | null;
    labelShows: string | null;
  }[];
}

export interface ChartReadback {
  name: string;
  chartType: string;
  top: number;
  left: number;
  width: number;
  height: number;
  title: string | null;
  legend: { visible: boolean; position: string };
  displayBlanksAs: string;
  categoryAxis: { minimum: number | null; maximum: number | null; title: string | null; majorGridlines: boolean };
  valueAxis: { minimum: number | null; maximum: number | null; title: string | null; majorGridlines: boolean };
  series: SeriesReadback[];
}

export interface NameReadback {
  name: string;
  formula: string;
  type: string;
  value: unknown;
  comment: string;
}

export interface TableReadback {
  name: string;
  sheet: string;
  address: string;
  columns: string[];
  showTotals: boolean;
  rect: CellRect;
}

/** A deterministic, JSON-comparable picture of the whole workbook. */
export interface WorkbookState {
  activeSheet: string | null;
  sheets: {
    name: string;
    position: number;
    visibility: string;
    protected: boolean;
    cells: Record<string, { value: Scalar; formula?: string; numberFormat?: string; style?: Record<string, unknown> }>;
    hiddenRows: number[];
    hiddenColumns: number[];
    /** Cell address → text. */
    comments: Record<string, string>;
    notes: Record<string, string>;
    columnWidths: Record<string, number>;
    /** Formats of entire columns ("C") and rows ("5"). */
    lineStyles: Record<string, Record<string, unknown>>;
    merged: string[];
    conditionalFormats: { address: string; type: string; rule: unknown; fill: string | null; fontColor: string | null }[];
    charts: ChartReadback[];
  }[];
  names: NameReadback[];
  tables: TableReadback[];
  settings: Record<string, unknown>;
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

export interface ExcelDouble {
  /** Stand-in for the `Excel` namespace: `run`, enums (ChartType, InsertShiftDirection, ErrorCodes…). */
  Excel: typeof Excel;
  run: typeof Excel.run;
  driver: WorkbookDriver;
  /** Sets globalThis.Excel and OfficeExtension (Error, ErrorCodes) to the double; returns a restore function. */
  installGlobals(): () => void;
  /** Stand-in for Office.context.requirements: answers from the workbook's supported sets. */
  requirements: { isSetSupported(name: string, minVersion?: string): boolean };
}

export const DEFAULT_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export class WorkbookDriver {
  private env: Env = { model: new WorkbookModel(), events: new EventRegistry() };
  /** What this Excel supports: Office.context.requirements answers from it and the proxies enforce it. */
  requirements = new RequirementSets();
  private payloadLimit = DEFAULT_PAYLOAD_LIMIT_BYTES;
  private editMode: { exit: Promise<void>; release: () => void } | null = null;
  private injected: { at: number; error: DoubleOfficeError } | null = null;
  private pendingChanges: { sheet: SheetModel; rect: Rect }[] = [];
  /** Number of context.sync() calls, including Excel.run's final sync. */
  syncCount = 0;
  /** Requests that reached the workbook (a sync with queued operations). */
  requestCount = 0;
  largestRequestBytes = 0;
  largestResponseBytes = 0;
  lastRequestBytes = 0;
  lastResponseBytes = 0;

  get model(): WorkbookModel {
    return this.env.model;
  }

  /** Internal: the environment the specs run against. */
  envForRun(): Env {
    return this.env;
  }

  hooks(): SyncHooks {
    return {
      beforeRequest: async (ctx: RequestContextDouble, ops) => {
        this.syncCount++;
        if (ops.length === 0) return;
        if (this.editMode) {
          if (!ctx.options.delayForCellEdit) {
            throw new DoubleOfficeError("InvalidOperationInCellEditMode", "RequestContext.sync", "the user is editing a cell");
          }
          await this.editMode.exit;
        }
        this.requestCount++;
        this.model.contentsListener = (ref) => this.pendingChanges.push({ sheet: ref.sheet, rect: { ...ref.rect } });
      },
      recordSizes: (request, response) => {
        this.lastRequestBytes = request;
        this.lastResponseBytes = response;
        this.largestRequestBytes = Math.max(this.largestRequestBytes, request);
        this.largestResponseBytes = Math.max(this.largestResponseBytes, response);
      },
      payloadLimitBytes: () => this.payloadLimit,
      afterRequest: async () => {
        this.model.contentsListener = null;
        const changes = this.pendingChanges;
        this.pendingChanges = [];
        // Excel tells handlers of the add-in's own writes too, marked as coming from this add-in.
        for (const change of changes) {
          await this.env.events.fire("changed", change.sheet.id, {
            type: "WorksheetChanged",
            changeType: "RangeEdited",
            source: "Local",
            triggerSource: "ThisLocalAddin",
            worksheetId: change.sheet.id,
            address: formatLocal(change.rect),
          });
        }
      },
      injectedFailure: (index) => {
        if (!this.injected || this.injected.at !== index) return null;
        const error = this.injected.error;
        this.injected = null;
        return error;
      },
      missingSet: (typeName, member) => this.requirements.missingSet(typeName, member),
    };
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.requestCount = 0;
    this.largestRequestBytes = 0;
    this.largestResponseBytes = 0;
    this.lastRequestBytes = 0;
    this.lastResponseBytes = 0;
  }

  // ---------------------------------------------------------------- setting up

  /** Replaces the workbook with the described one. Event handlers are dropped. */
  loadWorkbook(init: WorkbookInit): void {
    const model = new WorkbookModel();
    if (init.defaultSheetPrefix) model.defaultSheetPrefix = init.defaultSheetPrefix;
    model.platform = init.platform ?? this.env.model.platform;
    if (init.requirementSets) this.requirements = new RequirementSets(init.requirementSets);
    this.env = { model, events: new EventRegistry() };
    this.payloadLimit = init.payloadLimitBytes ?? DEFAULT_PAYLOAD_LIMIT_BYTES;
    for (const sheetInit of init.sheets) model.addSheet(sheetInit.name, "loadWorkbook");
    for (const sheetInit of init.sheets) this.fillSheet(model.findSheet(sheetInit.name)!, sheetInit);
    for (const name of init.names ?? []) model.addName(name.name, name.formula, name.comment, "loadWorkbook");
    for (const [key, value] of Object.entries(init.settings ?? {})) model.settings.set(key, JSON.parse(JSON.stringify(value)));
    model.workbookProtected = !!init.structureProtected;
    if (init.activeSheet) model.activeSheet = model.requireSheet(init.activeSheet, "loadWorkbook");
    else model.activeSheet = model.liveSheets().find((s) => s.visibility === "Visible") ?? null;
    this.resetCounters();
  }

  private fillSheet(sheet: SheetModel, init: SheetInit): void {
    const model = this.model;
    const origin = init.origin ? parseLocal(init.origin) : { row: 0, column: 0, rowCount: 1, columnCount: 1 };
    if (!origin) throw new Error(`Bad origin ${init.origin}`);
    if (init.numberFormats?.length) {
      const width = Math.max(...init.numberFormats.map((r) => r.length));
      const grid = init.numberFormats.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
      model.writeNumberFormats({ sheet, rect: { row: origin.row, column: origin.column, rowCount: grid.length, columnCount: width } }, grid, "loadWorkbook");
    }
    if (init.cells?.length) {
      const width = Math.max(...init.cells.map((r) => r.length));
      const grid = init.cells.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
      model.writeContents({ sheet, rect: { row: origin.row, column: origin.column, rowCount: grid.length, columnCount: width } }, grid, "loadWorkbook");
    }
    for (const c of init.hiddenColumns ?? []) sheet.hiddenColumns.add(typeof c === "number" ? c : columnIndex(c));
    for (const r of init.hiddenRows ?? []) sheet.hiddenRows.add(r);
    for (const [letters, width] of Object.entries(init.columnWidths ?? {})) sheet.columnWidths.set(columnIndex(letters), width);
    for (const [kind, byAddress] of [
      [sheet.comments, init.comments],
      [sheet.notes, init.notes],
    ] as const) {
      for (const [address, text] of Object.entries(byAddress ?? {})) {
        const cell = parseLocal(address);
        if (!cell || cell.rowCount !== 1 || cell.columnCount !== 1) throw new Error(`Bad comment or note cell ${address}`);
        kind.set(cellKey(cell.row, cell.column), text);
      }
    }
    for (const address of init.merged ?? []) {
      const rect = parseLocal(address);
      if (!rect) throw new Error(`Bad merged area ${address}`);
      sheet.merged.push(rect);
    }
    for (const table of init.tables ?? []) {
      const rect = parseLocal(table.address);
      if (!rect) throw new Error(`Bad table address ${table.address}`);
      const model_ = model.addTable({ sheet, rect }, true, "loadWorkbook");
      if (table.name) model.renameTable(model_, table.name, "loadWorkbook");
      if (table.showTotals) {
        // The described address already includes the totals row.
        model_.showTotals = true;
      }
    }
    if (init.selection) sheet.selection = parseLocal(init.selection) ?? sheet.selection;
    if (init.visibility) sheet.visibility = init.visibility;
    sheet.protected = !!init.protected;
  }

  /**
   * Loads a SheetSnapshot (what src/excel reads) as a one-sheet workbook, plus optional extra sheets;
   * `hiddenRows` (0-based, absolute) hides rows, and `comments`/`notes` annotate cells, which a snapshot does not carry.
   */
  loadSnapshot(snapshot: SheetSnapshot & Pick<SheetInit, "hiddenRows" | "comments" | "notes">, extra: Partial<WorkbookInit> = {}): void {
    const cells: CellInput[][] = snapshot.values.map((line, r) =>
      line.map((value, c) => {
        const formula = snapshot.formulas?.[r]?.[c];
        if (formula) return formula;
        if (value === null) return null;
        // A text that Excel would read as a formula or number stays text.
        return typeof value === "string" && /^[=+-]/.test(value) ? `'${value}` : value;
      }),
    );
    const at = (rect: CellRect) => formatLocal(rect);
    this.loadWorkbook({
      ...extra,
      sheets: [
        {
          name: snapshot.sheetName,
          cells,
          origin: formatLocal({ row: snapshot.origin.row, column: snapshot.origin.column, rowCount: 1, columnCount: 1 }),
          numberFormats: snapshot.numberFormats ?? undefined,
          hiddenColumns: snapshot.hiddenColumns,
          hiddenRows: snapshot.hiddenRows ?? [],
          comments: snapshot.comments,
          notes: snapshot.notes,
          merged: snapshot.mergedAreas.map(at),
          tables: snapshot.tables.map((t) => ({ name: t.name, address: at(t.rect), showTotals: t.showTotals })),
          selection: snapshot.selection ? at(snapshot.selection) : undefined,
        },
        ...(extra.sheets ?? []),
      ],
      names: [
        ...(snapshot.definedNames ?? []).map((n) => ({ name: n.name, formula: `=${formatAddress(snapshot.sheetName, n.rect, true)}` })),
        ...(extra.names ?? []),
      ],
      activeSheet: extra.activeSheet ?? snapshot.sheetName,
    });
  }

  /** Loads an .xlsx file (path or bytes) through exceljs: values, formulas, number formats, hidden rows/columns, merges, names. */
  async loadXlsx(source: string | Buffer | ArrayBuffer, extra: Partial<WorkbookInit> = {}): Promise<void> {
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    if (typeof source === "string") await workbook.xlsx.readFile(source);
    else await workbook.xlsx.load(source as any);
    const sheets: SheetInit[] = [];
    const tables: { sheet: string; table: TableInit }[] = [];
    workbook.eachSheet((ws) => {
      const cells: CellInput[][] = [];
      const formats: (string | null)[][] = [];
      const hiddenRows: number[] = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        if (row.hidden) hiddenRows.push(rowNumber - 1);
        row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          const r = rowNumber - 1;
          const c = colNumber - 1;
          (cells[r] ??= [])[c] = xlsxCellInput(cell);
          if (cell.numFmt) (formats[r] ??= [])[c] = cell.numFmt;
        });
      });
      const hiddenColumns: number[] = [];
      const widths: Record<string, number> = {};
      (ws.columns ?? []).forEach((column, i) => {
        if (column?.hidden) hiddenColumns.push(i);
      });
      const merges: string[] = ((ws as any).model?.merges ?? []) as string[];
      for (const t of Object.values(((ws as any).tables ?? {}) as Record<string, any>)) {
        const model = t?.table ?? t?.model;
        if (model?.tableRef) tables.push({ sheet: ws.name, table: { name: model.name, address: model.tableRef, showTotals: !!model.totalsRow } });
      }
      sheets.push({
        name: ws.name,
        cells: Array.from({ length: cells.length }, (_, r) => cells[r] ?? []),
        numberFormats: Array.from({ length: formats.length }, (_, r) => formats[r] ?? []),
        hiddenRows,
        hiddenColumns,
        merged: merges,
        columnWidths: widths,
        visibility: ws.state === "hidden" ? "Hidden" : ws.state === "veryHidden" ? "VeryHidden" : "Visible",
        tables: [],
      });
    });
    for (const { sheet, table } of tables) sheets.find((s) => s.name === sheet)!.tables!.push(table);
    const names: { name: string; formula: string }[] = [];
    const definedNames = ((workbook.definedNames as any).model ?? []) as { name: string; ranges: string[] }[];
    for (const dn of definedNames) if (dn.ranges?.length === 1) names.push({ name: dn.name, formula: `=${dn.ranges[0]}` });
    this.loadWorkbook({ ...extra, sheets: [...sheets, ...(extra.sheets ?? [])], names: [...names, ...(extra.names ?? [])] });
  }

  // ---------------------------------------------------------------- reading back

  private ref(sheetName: string, address: string) {
    const sheet = this.model.findSheet(sheetName);
    if (!sheet) throw new Error(`The double has no sheet "${sheetName}"`);
    const rect = parseLocal(splitSheet(address).local);
    if (!rect) throw new Error(`Bad address "${address}"`);
    return { sheet, rect };
  }

  values(sheet: string, address: string): Scalar[][] {
    return this.model.values(this.ref(sheet, address));
  }

  /** One cell's value as Excel shows it in `values`. */
  value(sheet: string, address: string): Scalar {
    return this.values(sheet, address)[0][0];
  }

  formulas(sheet: string, address: string): Scalar[][] {
    return this.model.formulas(this.ref(sheet, address));
  }

  numberFormats(sheet: string, address: string): string[][] {
    const ref = this.ref(sheet, address);
    return this.model.grid(ref, (r, c) => this.model.numberFormat(ref.sheet, r, c));
  }

  texts(sheet: string, address: string): string[][] {
    const ref = this.ref(sheet, address);
    return this.model.grid(ref, (r, c) => this.model.cellText(ref.sheet, r, c));
  }

  /** The used range's address ("Blad1!A1:D10"), or null for an empty sheet. */
  usedRange(sheet: string, valuesOnly = true): string | null {
    const s = this.model.requireSheet(sheet, "driver.usedRange");
    const rect = this.model.usedRect(s, valuesOnly);
    return rect ? formatAddress(s.name, rect) : null;
  }

  sheetNames(): string[] {
    return this.model.liveSheets().map((s) => s.name);
  }

  activeSheet(): string | null {
    return this.model.activeSheet?.name ?? null;
  }

  selection(): string | null {
    const sheet = this.model.activeSheet;
    return sheet ? formatAddress(sheet.name, sheet.selection) : null;
  }

  names(): NameReadback[] {
    return this.model.liveNames().map((n) => ({
      name: n.name,
      formula: this.model.nameFormula(n),
      type: this.model.nameType(n),
      value: this.model.nameValue(n),
      comment: n.comment,
    }));
  }

  tables(sheet?: string): TableReadback[] {
    const s = sheet ? this.model.requireSheet(sheet, "driver.tables") : undefined;
    return this.model.liveTables(s).map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      address: formatAddress(t.sheet.name, t.rect),
      columns: this.model.tableColumnNames(t),
      showTotals: t.showTotals,
      rect: { ...t.rect },
    }));
  }

  settings(): Record<string, unknown> {
    return Object.fromEntries(this.model.settings);
  }

  charts(sheet: string): ChartReadback[] {
    const s = this.model.requireSheet(sheet, "driver.charts");
    const at = (ref: { sheet: SheetModel; rect: Rect } | null) => (ref ? formatAddress(ref.sheet.name, ref.rect) : null);
    return this.model.liveCharts(s).map((chart) => ({
      name: chart.name,
      chartType: chart.chartType,
      top: chart.top,
      left: chart.left,
      width: chart.width,
      height: chart.height,
      title: chart.title.visible ? chart.title.text : null,
      legend: { ...chart.legend },
      displayBlanksAs: chart.displayBlanksAs,
      categoryAxis: {
        minimum: chart.categoryAxis.minimum,
        maximum: chart.categoryAxis.maximum,
        title: chart.categoryAxis.titleVisible ? chart.categoryAxis.title : null,
        majorGridlines: chart.categoryAxis.majorGridlines,
      },
      valueAxis: {
        minimum: chart.valueAxis.minimum,
        maximum: chart.valueAxis.maximum,
        title: chart.valueAxis.titleVisible ? chart.valueAxis.title : null,
        majorGridlines: chart.valueAxis.majorGridlines,
      },
      series: chart.series.map((series) => {
        const data = this.model.seriesData(series);
        return {
          name: series.name,
          chartType: series.chartType,
          xAddress: at(series.xRange),
          valuesAddress: at(series.valuesRange),
          bubbleSizesAddress: at(series.bubbleSizesRange),
          x: data.x,
          y: data.y,
          sizes: data.sizes,
          markerStyle: series.markerStyle,
          markerSize: series.markerSize,
          markerBackgroundColor: series.markerBackgroundColor,
          markerForegroundColor: series.markerForegroundColor,
          line: { ...series.line },
          hasDataLabels: series.hasDataLabels,
          dataLabels: { ...series.dataLabels },
          points: [...series.points.entries()]
            .sort(([a], [b]) => a - b)
            .map(([index, p]) => {
              const labelRef = p.dataLabelFormula ? this.model.parseReferenceFormula(p.dataLabelFormula) : null;
              const labelShows = labelRef
                ? String(this.model.cellValue(labelRef.sheet, labelRef.rect.row, labelRef.rect.column))
                : p.dataLabelText;
              return {
                index,
                markerBackgroundColor: p.markerBackgroundColor,
                markerForegroundColor: p.markerForegroundColor,
                markerSize: p.markerSize,
                hasDataLabel: p.hasDataLabel || series.hasDataLabels,
                dataLabelText: p.dataLabelText,
                dataLabelFormula: p.dataLabelFormula,
                labelShows,
              };
            }),
        };
      }),
    }));
  }

  /** Everything a user could see, as plain data: compare before/after with toEqual. */
  snapshotAll(): WorkbookState {
    const model = this.model;
    return {
      activeSheet: model.activeSheet?.name ?? null,
      sheets: model.liveSheets().map((sheet, position) => {
        const cells: WorkbookState["sheets"][number]["cells"] = {};
        const used = model.usedRect(sheet, false);
        if (used) {
          for (let r = used.row; r < used.row + used.rowCount; r++) {
            for (let c = used.column; c < used.column + used.columnCount; c++) {
              const value = model.cellValue(sheet, r, c);
              const formula = model.cellFormula(sheet, r, c);
              const style = model.style(sheet, r, c);
              if (value === "" && formula === null && Object.keys(style).length === 0) continue;
              const entry: WorkbookState["sheets"][number]["cells"][string] = { value };
              if (formula !== null) entry.formula = formula;
              if (style.numberFormat) entry.numberFormat = style.numberFormat;
              const { numberFormat: _nf, ...rest } = style;
              if (Object.keys(rest).length) entry.style = rest;
              cells[formatLocal({ row: r, column: c, rowCount: 1, columnCount: 1 })] = entry;
            }
          }
        }
        return {
          name: sheet.name,
          position,
          visibility: sheet.visibility,
          protected: sheet.protected,
          cells,
          hiddenRows: [...sheet.hiddenRows].sort((a, b) => a - b),
          hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
          comments: annotationsByAddress(sheet.comments),
          notes: annotationsByAddress(sheet.notes),
          columnWidths: Object.fromEntries([...sheet.columnWidths].sort(([a], [b]) => a - b).map(([c, w]) => [formatLocal({ row: 0, column: c, rowCount: MAX_ROWS, columnCount: 1 }), w])),
          lineStyles: Object.fromEntries([
            ...[...sheet.columnStyles].sort(([a], [b]) => a - b).map(([c, style]) => [formatLocal({ row: 0, column: c, rowCount: MAX_ROWS, columnCount: 1 }), { ...style }]),
            ...[...sheet.rowStyles].sort(([a], [b]) => a - b).map(([r, style]) => [formatLocal({ row: r, column: 0, rowCount: 1, columnCount: MAX_COLUMNS }), { ...style }]),
          ]),
          merged: sheet.merged.map((m) => formatLocal(m)).sort(),
          conditionalFormats: sheet.conditionalFormats.map((cf) => ({
            address: formatLocal(cf.rect),
            type: cf.type,
            rule: cf.rule,
            fill: cf.fill,
            fontColor: cf.fontColor,
          })),
          charts: this.charts(sheet.name),
        };
      }),
      names: this.names().sort((a, b) => a.name.localeCompare(b.name)),
      tables: this.tables().sort((a, b) => a.name.localeCompare(b.name)),
      settings: Object.fromEntries([...model.settings].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  // ---------------------------------------------------------------- simulating the user

  /** A user types into cells (formulas recompute; protection does not stop the test's setup). Fires onChanged. */
  async setCells(sheet: string, address: string, values: CellInput[][] | CellInput): Promise<void> {
    const ref = this.ref(sheet, address);
    const wasProtected = ref.sheet.protected;
    ref.sheet.protected = false;
    try {
      this.model.writeContents(ref, values, "driver.setCells");
    } finally {
      ref.sheet.protected = wasProtected;
    }
    await this.env.events.fire("changed", ref.sheet.id, {
      type: "WorksheetChanged",
      changeType: "RangeEdited",
      source: "Local",
      triggerSource: "Others",
      worksheetId: ref.sheet.id,
      address: formatLocal(ref.rect),
    });
  }

  async setCell(sheet: string, address: string, value: CellInput): Promise<void> {
    await this.setCells(sheet, address, [[value]]);
  }

  setNumberFormat(sheet: string, address: string, format: string): void {
    const ref = this.ref(sheet, address);
    const wasProtected = ref.sheet.protected;
    ref.sheet.protected = false;
    try {
      this.model.writeNumberFormats(ref, format, "driver.setNumberFormat");
    } finally {
      ref.sheet.protected = wasProtected;
    }
  }

  /** The user switches to another sheet: fires onActivated. */
  async activate(sheet: string): Promise<void> {
    const s = this.model.requireSheet(sheet, "driver.activate");
    const previous = this.model.activeSheet;
    this.model.activeSheet = s;
    if (previous && previous !== s) await this.env.events.fire("deactivated", previous.id, { type: "WorksheetDeactivated", worksheetId: previous.id });
    await this.env.events.fire("activated", s.id, { type: "WorksheetActivated", worksheetId: s.id });
  }

  /** The user selects cells: fires onSelectionChanged (and onActivated when the sheet changes). */
  async select(sheet: string, address: string): Promise<void> {
    const ref = this.ref(sheet, address);
    if (this.model.activeSheet !== ref.sheet) await this.activate(sheet);
    ref.sheet.selection = ref.rect;
    ref.sheet.selectedObject = null;
    await this.env.events.fire("selectionChanged", ref.sheet.id, {
      type: "WorksheetSelectionChanged",
      worksheetId: ref.sheet.id,
      address: formatLocal(ref.rect),
    });
  }

  /** The user clicks a chart: no cells are selected, so getSelectedRange(s) fail with InvalidSelection. */
  async selectChart(sheet: string, chartName: string): Promise<void> {
    const s = this.model.requireSheet(sheet, "driver.selectChart");
    if (!this.model.liveCharts(s).some((chart) => chart.name === chartName)) throw new Error(`The double has no chart "${chartName}" on "${sheet}"`);
    if (this.model.activeSheet !== s) await this.activate(sheet);
    s.selectedObject = chartName;
  }

  eventHandlerCount(kind?: EventKind): number {
    return this.env.events.count(kind);
  }

  /** The user is typing in a cell: requests fail with InvalidOperationInCellEditMode unless run with delayForCellEdit. */
  enterCellEditMode(): void {
    if (this.editMode) return;
    let release!: () => void;
    const exit = new Promise<void>((resolve) => (release = resolve));
    this.editMode = { exit, release };
  }

  exitCellEditMode(): void {
    const mode = this.editMode;
    this.editMode = null;
    mode?.release();
  }

  protect(sheet: string): void {
    this.model.requireSheet(sheet, "driver.protect").protected = true;
  }

  unprotect(sheet: string): void {
    this.model.requireSheet(sheet, "driver.unprotect").protected = false;
  }

  /** Makes operation number `operationIndex` (0-based, in queue order) of the next request fail with `code`. */
  failOperation(operationIndex: number, code: DoubleErrorCode = "GeneralException"): void {
    this.injected = { at: operationIndex, error: new DoubleOfficeError(code, "driver.failOperation", "failure injected by the test") };
  }

  setPayloadLimit(bytes: number): void {
    this.payloadLimit = bytes;
  }
}

function xlsxCellInput(cell: any): CellInput {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && !(value instanceof Date)) {
    const formula: string | undefined = cell.formula ?? value.formula;
    if (formula) return `=${formula.replace(/_xlfn\./g, "").replace(/_xlws\./g, "")}`;
    if (value.richText) return (value.richText as { text: string }[]).map((t) => t.text).join("");
    if (value.error) return value.error as string;
    if (value.text !== undefined) return String(value.text);
    if (value.result !== undefined) return value.result as CellInput;
    return null;
  }
  if (value instanceof Date) {
    // Excel serial date (1900 system).
    return value.getTime() / 86400000 + 25569;
  }
  if (typeof value === "string" && /^[=+-]/.test(value)) return `'${value}`;
  return value as CellInput;
}

export function createExcelDouble(init?: WorkbookInit): ExcelDouble {
  const driver = new WorkbookDriver();
  driver.loadWorkbook(init ?? { sheets: [{ name: "Sheet1" }] });

  async function run<T>(first: unknown, second?: unknown): Promise<T> {
    const batch = (typeof first === "function" ? first : second) as Batch<T>;
    if (typeof batch !== "function") throw new TypeError("Excel.run needs a batch function");
    const options = typeof first === "object" && first !== null && !("$state" in (first as object)) ? (first as { delayForCellEdit?: boolean }) : {};
    const ctx = new RequestContextDouble(driver.hooks(), { delayForCellEdit: !!options.delayForCellEdit });
    const specs = buildSpecs(driver.envForRun());
    ctx.workbook = ObjState.resolved(ctx, specs.Workbook, driver.model, "workbook").proxy;
    const result = await batch(ctx.proxy as Excel.RequestContext);
    // Excel.run sends what the batch left queued.
    if (ctx.hasPending()) await ctx.sync();
    return result;
  }

  const ExcelNamespace = { ...EXCEL_ENUMS, run } as unknown as typeof Excel;
  return {
    Excel: ExcelNamespace,
    run: run as unknown as typeof Excel.run,
    driver,
    requirements: { isSetSupported: (name: string, minVersion?: string) => driver.requirements.isSetSupported(name, minVersion) },
    installGlobals() {
      const g = globalThis as any;
      const previous = { Excel: g.Excel, OfficeExtension: g.OfficeExtension };
      g.Excel = ExcelNamespace;
      g.OfficeExtension = { Error: DoubleOfficeError, ErrorCodes: EXCEL_ENUMS.ErrorCodes };
      return () => {
        g.Excel = previous.Excel;
        g.OfficeExtension = previous.OfficeExtension;
      };
    },
  };
}

export { DoubleOfficeError, MAX_COLUMNS, MAX_ROWS };

/** Comments or notes by cell key → by local address ("E2"), in row then column order. */
function annotationsByAddress(byCell: Map<string, string>): Record<string, string> {
  return Object.fromEntries(
    [...byCell]
      .map(([key, text]) => [parseCellKey(key), text] as const)
      .sort(([a], [b]) => a[0] - b[0] || a[1] - b[1])
      .map(([[row, column], text]) => [formatLocal({ row, column, rowCount: 1, columnCount: 1 }), text]),
  );
}
