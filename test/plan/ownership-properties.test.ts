/**
 * Property (issue 14): over generated registers with the user's notes, formulas (on the register
 * sheet and on another sheet) and stray or user-made PK_ names around them, applying what the plan
 * writes — after Excel's own column insert, which HyperFormula performs like Excel, shifting
 * references — never changes a user's cell, and every user formula still evaluates to what it did
 * before. A plan that would repoint a name or write over a foreign cell is refused instead; a case
 * without such names is never refused, so the property cannot pass by refusing everything.
 *
 * Runs: PK_PROPERTY_RUNS (default 10,000, fixed seed); one case in EVALUATE_EVERY (400 of them) also
 * evaluates every formula with HyperFormula, the rest compare cell contents on a plain grid. A
 * nightly-size run: PK_PROPERTY_RUNS=100000.
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { analyzeSheet } from "../../src/core/analyze";
import { HISTORY_SHEET, assessmentOf, historyHeaders, recordedRows, renameHeaders, withComparison } from "../../src/core/history";
import { DEFAULT_CHART_OPTIONS, type OutputOptions } from "../../src/core/host";
import { blockCells, blockRect, insertedColumns } from "../../src/core/plan/blocks";
import { foreignTargets, type WorkbookView } from "../../src/core/plan/check";
import { absoluteReference } from "../../src/core/plan/formulas";
import { planWrite } from "../../src/core/plan/plan";
import type { WritePlan } from "../../src/core/plan/types";
import { toHfContent } from "./plan-hf";
import { cellAddress, isFormulaCell } from "../../src/core/text";
import type { CellValue, DefinedNameRef, SheetSnapshot } from "../../src/core/types";
import { generateRegister, type RegisterLayout } from "../support/generate";

const RUNS = Number(process.env.PK_PROPERTY_RUNS ?? 10_000);
/** One case in this many also evaluates every formula with HyperFormula (it costs ~70 ms a case). */
const EVALUATE_EVERY = Number(process.env.PK_EVALUATE_EVERY ?? 25);
const output: OutputOptions = { language: "nl", mode: "formulas", chart: DEFAULT_CHART_OPTIONS };
const OTHER = "Overzicht";

type Content = string | number | boolean | null;

// One engine for every case (building one costs more than a case): each case starts from an empty engine.
const engine = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useArrayArithmetic: true, precisionRounding: 15, smartRounding: false });
afterAll(() => engine.destroy());

/** What the property needs of a workbook: cells, names, Excel's column insert and the add-in's writes. */
interface Model {
  set(sheet: string, row: number, column: number, content: Content): void;
  isEmpty(sheet: string, row: number, column: number): boolean;
  addName(name: string, reference: string): void;
  cell(sheet: string, row: number, column: number): { value: CellValue; formula: string | null };
  filled(): { sheet: string; row: number; column: number }[];
  snapshot(): SheetSnapshot;
  view(): WorkbookView;
  insertColumns(sheet: string, at: number, count: number): void;
  removeColumns(sheet: string, at: number, count: number): void;
  /** Cells are entered between these two (a formula engine recalculates once). */
  startEntering(): void;
  doneEntering(): void;
  apply(plan: WritePlan): void;
}

/** A workbook as HyperFormula holds it: the register sheet, another sheet, names; formulas evaluated. */
class HfWorkbook implements Model {
  readonly hf = engine;
  readonly names = new Map<string, string>();

  constructor(readonly register: SheetSnapshot) {
    for (const name of this.hf.listNamedExpressions()) this.hf.removeNamedExpression(name);
    for (const sheet of this.hf.getSheetNames()) this.hf.removeSheet(this.id(sheet));
    this.hf.addSheet(register.sheetName);
    this.hf.addSheet(OTHER);
    this.hf.addSheet(HISTORY_SHEET);
  }

  id(sheet: string): number {
    return this.hf.getSheetId(sheet)!;
  }

  set(sheet: string, row: number, column: number, content: Content) {
    this.entered.add(`${sheet}!${row}:${column}`);
    this.hf.setCellContents({ sheet: this.id(sheet), row, col: column }, content);
  }

  addName(name: string, reference: string) {
    this.names.set(name, reference);
    this.hf.addNamedExpression(name, `=${reference}`);
  }

  /** Cells entered while the case is built (before any column insert), for isEmpty. */
  private readonly entered = new Set<string>();

  /** Whether nothing was entered there while the case is built (evaluation is suspended then). */
  isEmpty(sheet: string, row: number, column: number): boolean {
    return !this.entered.has(`${sheet}!${row}:${column}`);
  }

  cell(sheet: string, row: number, column: number): { value: CellValue; formula: string | null } {
    const address = { sheet: this.id(sheet), row, col: column };
    const raw = this.hf.getCellValue(address);
    const value = raw === null || raw === undefined ? "" : typeof raw === "object" ? (raw as { value: string }).value : (raw as CellValue);
    return { value, formula: this.hf.getCellFormula(address) ?? null };
  }

  /** Every cell that holds something, per sheet. */
  filled(): { sheet: string; row: number; column: number }[] {
    const out: { sheet: string; row: number; column: number }[] = [];
    for (const sheet of this.hf.getSheetNames()) {
      const serialized = this.hf.getSheetSerialized(this.id(sheet));
      serialized.forEach((cells, row) => cells.forEach((c, column) => c !== null && c !== undefined && c !== "" && out.push({ sheet, row, column })));
    }
    return out;
  }

  /** The register sheet as the add-in reads it. */
  snapshot(): SheetSnapshot {
    const { height, width } = this.hf.getSheetDimensions(this.id(this.register.sheetName));
    return sheetSnapshot(this, height, width);
  }

  view(): WorkbookView {
    return {
      cell: (sheet, row, column) => {
        if (!this.hf.doesSheetExist(sheet)) return null;
        const { value, formula } = this.cell(sheet, row, column);
        return { value, formula: formula ?? value };
      },
      sheetIsEmpty: (sheet) => (this.hf.doesSheetExist(sheet) ? this.hf.getSheetDimensions(this.id(sheet)).height === 0 : null),
      names: this.names,
    };
  }

  insertColumns(sheet: string, at: number, count: number) {
    this.hf.addColumns(this.id(sheet), [at, count]);
  }

  removeColumns(sheet: string, at: number, count: number) {
    this.hf.removeColumns(this.id(sheet), [at, count]);
  }

  startEntering() {
    this.hf.suspendEvaluation();
  }

  doneEntering() {
    this.hf.resumeEvaluation();
  }

  /** What the add-in does: Excel's column insert first, then sheets, names and cells. */
  apply(plan: WritePlan) {
    const insert = insertedColumns(plan);
    if (insert) this.hf.addColumns(this.id(plan.registerSheet), [insert.at, insert.count]);
    for (const s of plan.sheets) if (!this.hf.doesSheetExist(s.name)) this.hf.addSheet(s.name);
    for (const name of plan.names) {
      const reference = absoluteReference(name.sheetName, name.rect);
      if (this.names.has(name.name)) this.hf.changeNamedExpression(name.name, `=${reference}`);
      else this.hf.addNamedExpression(name.name, `=${reference}`);
      this.names.set(name.name, reference);
    }
    // Which user-editable cells already hold a value is read before the writes start.
    const writes: { sheet: string; row: number; column: number; content: Content }[] = [];
    for (const block of plan.blocks) {
      const kept = block.kind !== "fill" && block.keepExistingValues;
      blockCells(block).forEach((cells, r) =>
        cells.forEach((cell, c) => {
          if (kept && this.cell(block.sheetName, block.row + r, block.column + c).value !== "") return;
          writes.push({ sheet: block.sheetName, row: block.row + r, column: block.column + c, content: toHfContent(cell) });
        }),
      );
    }
    this.hf.suspendEvaluation();
    for (const w of writes) this.hf.setCellContents({ sheet: this.id(w.sheet), row: w.row, col: w.column }, w.content);
    this.hf.resumeEvaluation();
  }
}

/**
 * The same workbook as a plain grid: no formula is evaluated and a column insert does not rewrite
 * references (the generated user formulas read only columns left of any insert). Cheap enough for
 * ten thousand cases; the HyperFormula model adds the formula results on a share of them.
 */
class GridWorkbook implements Model {
  private readonly cells = new Map<string, Map<string, Content>>();
  readonly names = new Map<string, string>();

  constructor(readonly register: SheetSnapshot) {
    this.cells.set(register.sheetName, new Map());
    this.cells.set(OTHER, new Map());
  }

  private sheet(name: string): Map<string, Content> {
    let sheet = this.cells.get(name);
    if (!sheet) this.cells.set(name, (sheet = new Map()));
    return sheet;
  }

  set(sheet: string, row: number, column: number, content: Content) {
    if (content === null) this.sheet(sheet).delete(`${row}:${column}`);
    else this.sheet(sheet).set(`${row}:${column}`, content);
  }

  isEmpty(sheet: string, row: number, column: number) {
    return !this.sheet(sheet).has(`${row}:${column}`);
  }

  addName(name: string, reference: string) {
    this.names.set(name, reference);
  }

  cell(sheet: string, row: number, column: number) {
    const content = this.cells.get(sheet)?.get(`${row}:${column}`) ?? null;
    if (typeof content === "string" && content.startsWith("=")) return { value: "" as CellValue, formula: content };
    if (typeof content === "string") return { value: content.replace(/^'/, ""), formula: null };
    return { value: content ?? ("" as CellValue), formula: null };
  }

  filled() {
    return [...this.cells].flatMap(([sheet, cells]) =>
      [...cells.keys()].map((key) => {
        const [row, column] = key.split(":").map(Number);
        return { sheet, row, column };
      }),
    );
  }

  snapshot(): SheetSnapshot {
    const keys = [...this.sheet(this.register.sheetName).keys()].map((k) => k.split(":").map(Number));
    return sheetSnapshot(this, Math.max(0, ...keys.map(([r]) => r + 1)), Math.max(0, ...keys.map(([, c]) => c + 1)));
  }

  view(): WorkbookView {
    return {
      cell: (sheet, row, column) => {
        if (!this.cells.has(sheet)) return null;
        const { value, formula } = this.cell(sheet, row, column);
        return { value, formula: formula ?? value };
      },
      sheetIsEmpty: (sheet) => (this.cells.has(sheet) ? this.cells.get(sheet)!.size === 0 : null),
      names: this.names,
    };
  }

  insertColumns(sheet: string, at: number, count: number) {
    this.shift(sheet, at, count);
  }

  removeColumns(sheet: string, at: number, count: number) {
    this.shift(sheet, at + count, -count);
  }

  private shift(sheet: string, from: number, by: number) {
    const moved = [...this.sheet(sheet)].map(([key, content]) => {
      const [row, column] = key.split(":").map(Number);
      return [`${row}:${column >= from ? column + by : column}`, content] as const;
    });
    this.cells.set(sheet, new Map(moved));
  }

  startEntering() {}

  doneEntering() {}

  apply(plan: WritePlan) {
    const insert = insertedColumns(plan);
    if (insert) this.insertColumns(plan.registerSheet, insert.at, insert.count);
    for (const name of plan.names) this.names.set(name.name, absoluteReference(name.sheetName, name.rect));
    for (const block of plan.blocks) {
      const kept = block.kind !== "fill" && block.keepExistingValues;
      blockCells(block).forEach((cells, r) =>
        cells.forEach((cell, c) => {
          if (kept && !this.isEmpty(block.sheetName, block.row + r, block.column + c)) return;
          this.set(block.sheetName, block.row + r, block.column + c, toHfContent(cell));
        }),
      );
    }
  }
}

/** The register sheet of `model` as the add-in reads it: values, formulas and the names that point into it. */
function sheetSnapshot(model: Model & { register: SheetSnapshot; names: ReadonlyMap<string, string> }, height: number, width: number): SheetSnapshot {
  const sheet = model.register.sheetName;
  const values: CellValue[][] = [];
  const formulas: CellValue[][] = [];
  for (let r = 0; r < height; r++) {
    values.push([]);
    formulas.push([]);
    for (let c = 0; c < width; c++) {
      const { value, formula } = model.cell(sheet, r, c);
      values[r].push(value);
      formulas[r].push(formula ?? value);
    }
  }
  const numberFormats = values.map((r) => r.map(() => "General"));
  return { ...model.register, origin: { row: 0, column: 0 }, values, formulas, numberFormats, definedNames: definedNamesOf(model.names, sheet) };
}

function definedNamesOf(names: ReadonlyMap<string, string>, sheet: string): DefinedNameRef[] {
  const out: DefinedNameRef[] = [];
  for (const [name, reference] of names) {
    const m = /^'?(.*?)'?!\$([A-Z]+)\$(\d+)$/.exec(reference);
    if (m && m[1] === sheet) out.push({ name, rect: { row: Number(m[3]) - 1, column: m[2].charCodeAt(0) - 65, rowCount: 1, columnCount: 1 } });
  }
  return out;
}

const arbitraryCase = fc.record({
  partners: fc.integer({ min: 3, max: 9 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  layout: fc.constantFrom<RegisterLayout>("range", "table"),
  firstColumn: fc.integer({ min: 0, max: 2 }),
  // The user's own content: notes and formulas right of and below the register, and on another sheet.
  notes: fc.array(fc.record({ rowOffset: fc.integer({ min: -2, max: 12 }), columnOffset: fc.integer({ min: 1, max: 6 }) }), { maxLength: 3 }),
  formulas: fc.array(
    fc.record({
      where: fc.constantFrom("right", "below", "other"),
      offset: fc.integer({ min: 1, max: 5 }),
      kind: fc.constantFrom("text", "number", "sum"),
      partner: fc.nat(),
    }),
    { maxLength: 4 },
  ),
  // Names that are hints at most: a stray PK_Col_ name on a note column, a user's own PK_ name.
  strayName: fc.constantFrom("none", "none", "column", "parameter"),
  rerun: fc.boolean(),
  // Issue 19: an assessment recorded on the history sheet and compared with live (columns beside the register).
  compare: fc.boolean(),
});

test(`over ${RUNS} generated workbooks no user cell or formula result changes, and a foreign name or cell refuses the plan`, () => {
  let refused = 0;
  let applied = 0;
  let caseNumber = 0;
  fc.assert(
    fc.property(arbitraryCase, (spec) => {
      const generated = generateRegister({ ...spec, titleRows: false, totalsRow: false, footnote: false, defectRate: 0.1, hiddenRowRate: 0 });
      const register = generated.snapshot;
      // Every EVALUATE_EVERY-th case through HyperFormula (formula results), the others on the grid.
      const wb: Model = caseNumber++ % EVALUATE_EVERY === 0 ? new HfWorkbook(register) : new GridWorkbook(register);
      const sheet = register.sheetName;
      wb.startEntering();
      register.values.forEach((cells, i) =>
        cells.forEach((value, j) => {
          const formula = register.formulas?.[i]?.[j];
          const content = isFormulaCell(formula, value) ? formula : value === "" || value === null ? null : typeof value === "string" ? `'${value}` : Number(value);
          if (content !== null) wb.set(sheet, register.origin.row + i, register.origin.column + j, content as Content);
        }),
      );
      const lastColumn = register.origin.column + register.values[0].length - 1;
      const firstData = generated.headerRow + 1;
      const dataRows = generated.expected.map((e) => e.row - 1);
      const lastRow = Math.max(...dataRows, generated.headerRow);
      spec.notes.forEach((n, i) => {
        const row = Math.max(0, generated.headerRow + n.rowOffset);
        if (wb.isEmpty(sheet, row, lastColumn + n.columnOffset)) {
          wb.set(sheet, row, lastColumn + n.columnOffset, `'notitie ${i}`);
        }
      });
      spec.formulas.forEach((f, i) => {
        const row = dataRows[f.partner % dataRows.length] ?? firstData;
        const partnerCell = cellAddress(row, generated.columns.partner);
        const scoreCell = cellAddress(row, generated.columns.influence);
        const reference = (cell: string) => (f.where === "other" ? `'${sheet}'!${cell}` : cell);
        const formula =
          f.kind === "text" ? `=${reference(partnerCell)}&"!"` : f.kind === "number" ? `=LEN(${reference(scoreCell)}&"")+${i}` : `=LEN(${reference(partnerCell)})*2`;
        if (f.where === "other") wb.set(OTHER, i, f.offset, formula);
        else if (f.where === "below") wb.set(sheet, lastRow + 2 + f.offset, register.origin.column + (i % 2), formula);
        else if (wb.isEmpty(sheet, generated.headerRow + i, lastColumn + f.offset)) wb.set(sheet, generated.headerRow + i, lastColumn + f.offset, formula);
      });
      if (spec.strayName === "column") wb.addName("PK_Col_Gap", `'${sheet}'!$${String.fromCharCode(65 + Math.min(25, lastColumn + 1))}$${generated.headerRow + 1}`);
      if (spec.strayName === "parameter") {
        wb.set(OTHER, 9, 1, 7);
        wb.addName("PK_LineAtLowest", `'${OTHER}'!$B$10`);
      }

      wb.doneEntering();

      // Recording: the register's assessment written as values on the history sheet (ours), replacing the same date and label.
      let historyRows: CellValue[][] = [];
      const record = () => {
        const snapshot = wb.snapshot();
        historyRows = recordedRows(historyRows, assessmentOf(analyzeSheet(snapshot), "2025-01-01", "2025"), "nl");
        wb.startEntering();
        // The link table beside it: one renamed partner linked to an earlier name.
        const links = [[...renameHeaders("nl")], ["Vroegere naam", String(historyRows[0]?.[2] ?? "x"), 1]];
        [historyHeaders("nl"), ...historyRows].forEach((cells, row) =>
          [...cells, "", ...(links[row] ?? [])].forEach((value, column) =>
            wb.set(HISTORY_SHEET, row, column, value === "" ? null : typeof value === "string" ? `'${value}` : (value as Content)),
          ),
        );
        wb.doneEntering();
      };
      const planFor = (snapshot: SheetSnapshot): WritePlan => {
        const analysis = analyzeSheet(snapshot);
        const plan = planWrite(snapshot, analysis, output);
        if (!spec.compare) return plan;
        const choice = { date: "2025-01-01", label: "2025", historyLanguage: "nl" as const, historyRowCount: Math.max(historyRows.length, 1), snapshotHasGoals: false, hasRenames: true };
        return withComparison(snapshot, analysis, plan, choice, output);
      };
      if (spec.compare) record();

      const runOnce = (): "refused" | "applied" => {
        const snapshot = wb.snapshot();
        const plan = planFor(snapshot);
        if (foreignTargets(plan, wb.view()).length > 0) return "refused";
        // The user's cells as Excel shows them after its own column insert (references shifted)…
        const insert = insertedColumns(plan);
        const before = wb.filled().map((at) => ({ at, ...wb.cell(at.sheet, at.row, at.column) }));
        if (insert) wb.insertColumns(plan.registerSheet, insert.at, insert.count);
        const shifted = before.map(({ at, value }) => {
          const column = at.sheet === plan.registerSheet && insert && at.column >= insert.at ? at.column + insert.count : at.column;
          return { at: { ...at, column }, value, formula: wb.cell(at.sheet, at.row, column).formula };
        });
        if (insert) wb.removeColumns(plan.registerSheet, insert.at, insert.count);
        wb.apply(plan);
        // …are still there, and every formula of the user's gives what it gave before.
        const rects = plan.blocks.map((b) => ({ sheet: b.sheetName, ...blockRect(b) }));
        const ours = (at: { sheet: string; row: number; column: number }) =>
          rects.some((r) => r.sheet === at.sheet && at.row >= r.row && at.row < r.row + r.rowCount && at.column >= r.column && at.column < r.column + r.columnCount);
        const changed = shifted.filter(({ at, value, formula }) => {
          if (ours(at)) return false; // a cell of an earlier run of ours
          const now = wb.cell(at.sheet, at.row, at.column);
          return now.value !== value || now.formula !== formula;
        });
        expect(changed).toEqual([]);
        return "applied";
      };
      const first = runOnce();
      if (spec.strayName === "none") expect(first).toBe("applied");
      if (first === "refused") refused += 1;
      else applied += 1;
      // Running again on the result reuses what the first run wrote and still keeps the user's cells.
      if (first === "applied" && spec.rerun) {
        // Recording again after the apply (the register now holds our columns) replaces the snapshot.
        if (spec.compare) record();
        expect(runOnce()).toBe("applied");
      }
    }),
    { seed: 20261206, numRuns: RUNS },
  );
  expect(refused).toBeGreaterThan(0);
  expect(applied).toBeGreaterThan(0);
});
