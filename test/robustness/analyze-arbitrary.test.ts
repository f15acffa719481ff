/**
 * Property: on any sheet at all — arbitrary values, error values, dates in score columns, duplicate
 * and empty headers, unicode, merged cells, tables in odd places, hidden rows and columns, odd
 * settings — analyzeSheet either returns a consistent analysis or throws a RegisterError, never
 * another exception; no row of the register it found is dropped or counted twice; every result
 * lies on its scales and follows the framework's rules for position and strategy.
 */
import fc from "fast-check";
import { analyzeSheet } from "../../src/core/analyze";
import { isBlank } from "../../src/core/text";
import { RegisterError, type AnalysisSettings, type CellValue, type Scale, type SheetSnapshot, type TableSnapshot } from "../../src/core/types";
import { checkProperty } from "./check";

const FILE = "test/robustness/analyze-arbitrary.test.ts";

const HEADER_WORDS = [
  "Partner", "Naam organisatie", "Organisatie", "Invloed", "Invloed (1-5)", "Invloed (%)", "Afhankelijkheid",
  "Afhankelijkheid 1-10", "Alternatieven wenselijk", "Subsidie", "Doel", "Beoogde invloed", "Beoogde afhankelijkheid",
  "Influence", "Dependency", "Name", "Opmerkingen", "", "Invloed", "Partner",
];
const CELL_WORDS = [
  "3,5", "4.5", "n.v.t.", "?", "onbekend", "laag", "gemiddeld", "hoog", "zeer hoog", "zeer laag", "Low", "HIGH", "ja", "nee",
  "x", "Totaal", "Bron: afdeling", "* noot", "=SUM(A1:A2)", "+31 6", "-", "@home", "€ 12.500,-", "€ 1.250.000,00", "50%", "1e3",
  "#REF!", "#N/A", "#DIV/0!", "#VALUE!", " ", "\u00a0", "Ærø Øst", "日本語の名前", "👩‍👩‍👧 Gezin", "Ünal & Zn.",
];
const FORMATS = ["General", "General", "General", "0%", "0.0%", "d-m-yyyy", "yyyy-mm-dd hh:mm", "@", "0.0", '"€" #,##0'];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CELL_WORDS) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 20 }).map((n) => n / 2) },
  // Bounded: a date-formatted serial beyond JavaScript's date range was a core bug (regressions.test.ts).
  { weight: 1, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 60_000 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 1, arbitrary: fc.constant(null) },
);

const rect = (rows: number, columns: number) =>
  fc
    .record({ row: fc.nat({ max: rows - 1 }), column: fc.nat({ max: columns - 1 }), rowCount: fc.integer({ min: 1, max: rows }), columnCount: fc.integer({ min: 1, max: columns }) })
    .map((r) => ({ ...r, rowCount: Math.min(r.rowCount, rows - r.row), columnCount: Math.min(r.columnCount, columns - r.column) }));

const sheetCase = fc
  .record({ rows: fc.integer({ min: 1, max: 30 }), columns: fc.integer({ min: 3, max: 9 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      origin: fc.record({ row: fc.nat({ max: 400 }), column: fc.nat({ max: 30 }) }),
      values: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      // Most sheets get a header row of concept words somewhere, so the analysis gets past finding the register.
      header: fc.option(
        fc.record({
          at: fc.nat({ max: rows - 1 }),
          words: fc.array(fc.constantFrom(...HEADER_WORDS), { minLength: columns, maxLength: columns }),
          // Usually the three required concepts are there, in some order, among the other words.
          required: fc.option(fc.shuffledSubarray([...Array(columns).keys()], { minLength: 3, maxLength: 3 }), { freq: 5 }),
        }),
        { freq: 6 },
      ),
      formats: fc.option(fc.array(fc.array(fc.constantFrom(...FORMATS), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows })),
      hiddenColumns: fc.uniqueArray(fc.nat({ max: columns - 1 }), { maxLength: 3 }),
      merged: fc.array(rect(rows, columns), { maxLength: 2 }),
      table: fc.option(fc.record({ at: rect(rows, columns), showHeaders: fc.boolean(), showTotals: fc.boolean() }), { freq: 3 }),
      settings: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: settingsArbitrary(rows, columns) }),
    }),
  );

function settingsArbitrary(rows: number, columns: number): fc.Arbitrary<AnalysisSettings> {
  const column = fc.oneof(fc.nat({ max: columns + 40 }), fc.constant(null), fc.constant(-1), fc.constant(1.5));
  const scale = fc.record({ min: fc.double({ min: -10, max: 10 }), max: fc.double({ min: -10, max: 110 }) });
  return fc.record(
    {
      headerRow: fc.oneof(fc.nat({ max: rows + 400 }), fc.constant(-1)),
      tableName: fc.constantFrom("tblPartners", "Tabel1", "bestaat niet"),
      mapping: fc.record({ partner: column, influence: column, dependency: column, subsidy: column }, { requiredKeys: [] }),
      influenceScale: scale,
      dependencyScale: scale,
      line: fc.record({ atLowestDependency: fc.double(), atHighestDependency: fc.double() }),
      highDependencyAbove: fc.double(),
    },
    { requiredKeys: [] },
  );
}

type SheetCase = typeof sheetCase extends fc.Arbitrary<infer T> ? T : never;

function toSnapshot(c: SheetCase): SheetSnapshot {
  const values = c.values.map((r) => [...r]);
  if (c.header) {
    const words = [...c.header.words];
    const required = ["Naam organisatie", "Invloed", "Afhankelijkheid"];
    c.header.required?.forEach((column, i) => (words[column] = required[i]));
    values[c.header.at] = words;
  }
  const abs = (r: { row: number; column: number; rowCount: number; columnCount: number }) => ({ ...r, row: r.row + c.origin.row, column: r.column + c.origin.column });
  const tables: TableSnapshot[] = [];
  if (c.table) {
    const t = abs(c.table.at);
    const headerValues = values[c.table.at.row].slice(c.table.at.column, c.table.at.column + c.table.at.columnCount);
    tables.push({ name: "tblPartners", rect: t, showHeaders: c.table.showHeaders, showTotals: c.table.showTotals, columnNames: headerValues.map((v) => String(v ?? "")) });
  }
  return {
    sheetName: "Blad1",
    origin: c.origin,
    values,
    numberFormats: c.formats,
    formulas: null,
    hiddenColumns: c.hiddenColumns.map((k) => k + c.origin.column),
    mergedAreas: c.merged.map(abs),
    tables,
    selection: null,
    definedNames: [],
  };
}

const onScale = (value: number, scale: Scale) => {
  const tolerance = 1e-9 * (scale.max - scale.min);
  return value >= scale.min - tolerance && value <= scale.max + tolerance;
};

describe("analyzeSheet on arbitrary sheets", () => {
  it("returns a consistent analysis or throws a RegisterError, and drops no row of the register it found", () => {
    checkProperty(
      fc.property(sheetCase, (c) => {
        const snapshot = toSnapshot(c);
        let analysis;
        try {
          analysis = analyzeSheet(snapshot, c.settings ?? {});
        } catch (error) {
          if (error instanceof RegisterError) {
            expect(error.message.length).toBeGreaterThan(0);
            return;
          }
          throw new Error(`analyzeSheet threw ${(error as Error)?.name}: ${(error as Error)?.message}, not a RegisterError`);
        }
        const { location, mapping, influenceScale: inf, dependencyScale: dep } = analysis;
        const analysedRows = analysis.rows.map((r) => r.row);
        const skippedRows = analysis.skipped.map((s) => s.row);
        const all = [...analysedRows, ...skippedRows];
        // Never both, never twice.
        expect(new Set(all).size).toBe(all.length);
        // Only rows of the register, never its header or totals row.
        for (const row of all) {
          expect(row - 1).toBeGreaterThanOrEqual(location.firstDataRow);
          expect(row - 1).toBeLessThanOrEqual(location.lastDataRow);
          expect(row - 1).not.toBe(location.totalsRow);
        }
        // Never dropped: every register row with a partner or a score is analysed or skipped.
        const at = (r: number, k: number | undefined) =>
          k === undefined ? "" : snapshot.values[r - snapshot.origin.row]?.[k - snapshot.origin.column];
        const accounted = new Set(all);
        for (let r = location.firstDataRow; r <= location.lastDataRow; r++) {
          if (r === location.totalsRow) continue;
          const keyColumns = [mapping.partner?.column, mapping.influence?.column, mapping.dependency?.column];
          if (keyColumns.some((k) => !isBlank(at(r, k)))) expect({ row: r + 1, accounted: accounted.has(r + 1) }).toEqual({ row: r + 1, accounted: true });
        }
        // On the scales, and by the framework's rules.
        const tolerance = 1e-9 * (inf.max - inf.min);
        for (const result of analysis.rows) {
          expect(onScale(result.influence, inf) && onScale(result.dependency, dep)).toBe(true);
          expect(Math.abs(result.gap - (result.influence - result.requiredInfluence))).toBeLessThanOrEqual(tolerance + 1e-12);
          expect(result.position).toBe(result.gap >= -tolerance ? "above" : "below");
          expect(result.highDependency).toBe(result.dependency > analysis.highDependencyAbove);
          const expectedStrategy =
            result.highDependency && result.alternativesDesirable
              ? "reduce-dependency"
              : result.position === "above"
                ? result.highDependency
                  ? "secure"
                  : "contract"
                : result.highDependency
                  ? "raise-influence"
                  : "strengthen-or-replace";
          expect(result.strategy).toBe(expectedStrategy);
        }
        for (const skip of analysis.skipped) expect(skip.message).toContain(String(skip.row));
        expect(analysis.summary.total.count).toBe(analysis.rows.length);
      }),
      { seed: 4242, numRuns: 400, file: FILE },
    );
  });
});
