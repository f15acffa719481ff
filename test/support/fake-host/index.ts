/**
 * A test driver host: WorkbookHost over in-memory SheetSnapshots. It behaves like a workbook the
 * pane can only reach through the interface — it answers reads with copies, analyses applies with
 * the real core, refuses an apply whose expected snapshot is stale ("register-changed"), records
 * what was applied, selected and saved, fires sheet events, and fails on request.
 */
import { analyzeSheet } from "../../../src/core/analyze";
import type {
  ApplyProgress,
  ApplyResult,
  HostFailure,
  Language,
  OutputOptions,
  SheetEvent,
  StoredState,
  WorkbookHost,
} from "../../../src/core/host";
import { cellAddress } from "../../../src/core/text";
import { RegisterError, type AnalysisSettings, type CellValue, type SheetSnapshot } from "../../../src/core/types";
import { snapshotFromRows } from "../../../src/core/snapshot";

export type HostOperation = "readActiveSheet" | "apply" | "selectRow" | "loadState" | "saveState";

export interface RecordedApply {
  expected: SheetSnapshot;
  settings: AnalysisSettings;
  output: OutputOptions;
  result: ApplyResult;
}

const APPLY_STEPS: ApplyProgress["step"][] = ["reading", "analysing", "writing-columns", "writing-parameters", "writing-summary", "chart", "done"];

/** A sheet of plain values starting at A1: the first row is usually the header. */
export function sheetFromRows(sheetName: string, rows: CellValue[][], extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return snapshotFromRows(sheetName, rows, { definedNames: [], ...extra });
}

export interface FakeHostOptions {
  language?: Language;
  theme?: "light" | "dark";
  sheets: SheetSnapshot[];
  /** Defaults to the first sheet. */
  activeSheet?: string;
  storedState?: StoredState | null;
  /** Notices every apply reports (e.g. labels limited). */
  notices?: ApplyResult["notices"];
}

export class FakeWorkbookHost implements WorkbookHost {
  readonly language: Language;
  readonly theme: "light" | "dark";
  readonly applies: RecordedApply[] = [];
  readonly selectedRows: { sheetName: string; row: number }[] = [];
  readonly savedStates: StoredState[] = [];
  readonly progressReported: ApplyProgress[] = [];
  readCount = 0;

  private readonly sheets = new Map<string, SheetSnapshot>();
  private active: string;
  private storedState: StoredState | null;
  private readonly notices: ApplyResult["notices"];
  private readonly failures = new Map<HostOperation, HostFailure>();
  private readonly listeners = new Set<(event: SheetEvent) => void>();
  private hold: { gate: Promise<void>; markStarted: () => void } | null = null;

  constructor(options: FakeHostOptions) {
    this.language = options.language ?? "en";
    this.theme = options.theme ?? "light";
    for (const sheet of options.sheets) this.sheets.set(sheet.sheetName, copy(sheet));
    this.active = options.activeSheet ?? options.sheets[0].sheetName;
    this.storedState = options.storedState ?? null;
    this.notices = options.notices ?? [];
  }

  // --- driver controls -------------------------------------------------------------------------

  /** The next call of `operation` rejects with `failure` (once). */
  failNext(operation: HostOperation, failure: HostFailure): void {
    this.failures.set(operation, failure);
  }

  /** Applies wait after their first progress step until `release()`; `started` resolves when one waits. */
  holdApplies(): { release: () => void; started: Promise<void> } {
    let release!: () => void;
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.hold = { gate, markStarted };
    return { release, started };
  }

  /** A user edit: change one cell (0-based absolute) and fire "data-changed" like Excel does. */
  editCell(sheetName: string, row: number, column: number, value: CellValue): void {
    const sheet = this.sheet(sheetName);
    sheet.values[row - sheet.origin.row][column - sheet.origin.column] = value;
    this.fire({ kind: "data-changed", sheetName });
  }

  /** The user switches to another sheet. */
  activate(sheetName: string): void {
    this.sheet(sheetName);
    this.active = sheetName;
    this.fire({ kind: "activated", sheetName });
  }

  /** The user selects cells (0-based absolute rectangle) on the active sheet. */
  select(rect: NonNullable<SheetSnapshot["selection"]>): void {
    this.sheet(this.active).selection = rect;
    this.fire({ kind: "selection-changed", sheetName: this.active });
  }

  /** Replace a sheet's content (e.g. the user typed a header row). Fires no event. */
  setSheet(snapshot: SheetSnapshot): void {
    this.sheets.set(snapshot.sheetName, copy(snapshot));
  }

  fire(event: SheetEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  get stored(): StoredState | null {
    return this.storedState;
  }

  // --- WorkbookHost ------------------------------------------------------------------------------

  async readActiveSheet(): Promise<SheetSnapshot> {
    this.throwIfFailing("readActiveSheet", this.active);
    this.readCount++;
    return copy(this.sheet(this.active));
  }

  async apply(
    expected: SheetSnapshot,
    settings: AnalysisSettings,
    output: OutputOptions,
    onProgress?: (progress: ApplyProgress) => void,
  ): Promise<ApplyResult> {
    const hold = this.hold;
    if (hold) {
      this.hold = null;
      this.report(onProgress, 0);
      hold.markStarted();
      await hold.gate;
    }
    this.throwIfFailing("apply", expected.sheetName);
    const current = this.sheets.get(expected.sheetName);
    if (!current || JSON.stringify(current.values) !== JSON.stringify(expected.values)) {
      throw failure("register-changed", "The register's values differ from the snapshot the pane analysed.", expected.sheetName);
    }
    let analysis;
    try {
      analysis = analyzeSheet(current, settings);
    } catch (error) {
      if (error instanceof RegisterError) {
        throw failure(error.code === "missing-column" ? "missing-column" : "no-register", error.message, expected.sheetName);
      }
      throw error;
    }
    for (let i = 0; i < APPLY_STEPS.length; i++) {
      this.report(onProgress, i);
      await Promise.resolve();
    }
    const firstNewColumn = analysis.location.lastColumn + 1;
    const result: ApplyResult = {
      sheetName: expected.sheetName,
      columnHeaders: [0, 1, 2, 3].map((i) => cellAddress(analysis.location.headerRow, firstNewColumn + i)),
      parameterSheet: "Partnerkaart",
      chartNames: output.chart.enabled ? ["Partnerkaart"] : [],
      summary: analysis.summary,
      skipped: analysis.skipped,
      notices: this.notices,
      syncs: 3,
    };
    this.applies.push({ expected: copy(expected), settings: copy(settings), output: copy(output), result });
    return result;
  }

  async selectRow(sheetName: string, row: number): Promise<void> {
    this.throwIfFailing("selectRow", sheetName);
    this.selectedRows.push({ sheetName, row });
  }

  async loadState(): Promise<StoredState | null> {
    this.throwIfFailing("loadState");
    return this.storedState ? copy(this.storedState) : null;
  }

  async saveState(state: StoredState): Promise<void> {
    this.throwIfFailing("saveState");
    this.storedState = copy(state);
    this.savedStates.push(copy(state));
  }

  onSheetEvent(listener: (event: SheetEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- internals ---------------------------------------------------------------------------------

  private sheet(name: string): SheetSnapshot {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`FakeWorkbookHost has no sheet "${name}"`);
    return sheet;
  }

  private report(onProgress: ((progress: ApplyProgress) => void) | undefined, index: number): void {
    const progress: ApplyProgress = { step: APPLY_STEPS[index], fraction: index / (APPLY_STEPS.length - 1) };
    this.progressReported.push(progress);
    onProgress?.(progress);
  }

  private throwIfFailing(operation: HostOperation, sheet?: string): void {
    const planned = this.failures.get(operation);
    if (!planned) return;
    this.failures.delete(operation);
    throw { ...planned, sheet: "sheet" in planned ? planned.sheet : sheet };
  }
}

function failure(code: HostFailure["code"], details: string, sheet?: string): HostFailure {
  return { code, details, sheet };
}

/** A deep copy of plain data (jsdom lacks structuredClone): the pane never holds the host's own objects. */
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
