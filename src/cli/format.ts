/** The CLI's two outputs: readable text in Dutch or English, and a JSON document. */
import type { Language } from "../core/host";
import { ct } from "./i18n";
import { t, warningText } from "../core/i18n";
import { cellAddress, columnLetter } from "../core/text";
import { CONCEPT_KEYS, STRATEGY_KEYS, type Analysis, type Scale, type SheetSnapshot } from "../core/types";

interface Loaded {
  file: string;
  snapshot: SheetSnapshot;
  analysis: Analysis;
  /** How a .csv or .txt file was decoded. */
  encoding?: string;
}

// C0 and C1 controls and DEL (a terminal obeys them: ESC ] 0; retitles it, BEL rings) and the
// bidirectional overrides (they reverse what follows on the line).
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text with every character a terminal would act on shown as an escape (`\x1B`, `\u202E`) instead. */
export function escapeControlCharacters(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

/** Numbers without floating-point noise (0.30000000000000004 → 0.3). */
export function clean(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

/** The analysis as JSON, shaped like the shared fixtures' *.expected.json (plus more fields). */
/** The `--json` document, shaped like ../shared/fixtures/*.expected.json plus mapping, summary and warnings. */
export function jsonDocument({ file, analysis, encoding }: Loaded) {
  const a = analysis;
  const scale = (s: Scale): [number, number] => [s.min, s.max];
  return {
    file,
    ...(encoding ? { encoding } : {}),
    sheet: a.location.sheetName,
    table: a.location.tableName,
    headerRow: a.location.headerRow + 1,
    influenceScale: scale(a.influenceScale),
    dependencyScale: scale(a.dependencyScale),
    influenceScaleInfo: a.influenceScale,
    dependencyScaleInfo: a.dependencyScale,
    line: a.line,
    highDependencyAbove: a.highDependencyAbove,
    mapping: Object.fromEntries(
      CONCEPT_KEYS.map((k) => {
        const m = a.mapping[k];
        return [k, m ? { column: columnLetter(m.column), header: m.header, source: m.source } : null];
      }),
    ),
    rows: a.rows.map((r) => ({
      row: r.row,
      partner: r.partner,
      goal: r.goal,
      influence: clean(r.influence),
      dependency: clean(r.dependency),
      requiredInfluence: clean(r.requiredInfluence),
      gap: clean(r.gap),
      position: r.position,
      highDependency: r.highDependency,
      alternativesDesirable: r.alternativesDesirable,
      strategy: r.strategy,
      target: { influence: clean(r.target.influence), dependency: clean(r.target.dependency), source: r.target.source },
      subsidy: r.subsidy,
    })),
    skipped: a.skipped.map((s) => ({ row: s.row, partner: s.partner, reason: s.reason, column: s.column, value: s.value, message: s.message })),
    summary: a.summary,
    warnings: a.warnings.map((w) => ({ code: w.code, rows: w.rows, message: w.message })),
  };
}

export type AnalysisJson = ReturnType<typeof jsonDocument>;

export function formatJson(loaded: Loaded): string {
  return [...formatJsonChunks(loaded)].join("");
}

/** Rows per chunk of formatJsonChunks. */
const JSON_ROWS_PER_CHUNK = 1_000;

/**
 * The `--json` document in pieces, exactly as `JSON.stringify(document, null, 2)` writes it: a
 * million partners make over 500 MB of JSON, about V8's largest string, so rows and skipped rows
 * are written a thousand at a time.
 */
export function* formatJsonChunks(loaded: Loaded): Generator<string> {
  const document = jsonDocument(loaded);
  const lists = { rows: document.rows as unknown[], skipped: document.skipped as unknown[] };
  // The outline with both lists empty; `\n  "rows": []` occurs once in it (a string value cannot hold a raw line break).
  let rest = JSON.stringify({ ...document, rows: [], skipped: [] }, null, 2);
  for (const key of ["rows", "skipped"] as const) {
    const marker = `\n  "${key}": []`;
    const at = rest.indexOf(marker);
    yield rest.slice(0, at + marker.length - 2);
    const list = lists[key];
    if (list.length === 0) yield "[]";
    else {
      for (let from = 0; from < list.length; from += JSON_ROWS_PER_CHUNK) {
        const items = list.slice(from, from + JSON_ROWS_PER_CHUNK).map((item) => `    ${JSON.stringify(item, null, 2).replace(/\n/g, "\n    ")}`);
        yield `${from === 0 ? "[\n" : ",\n"}${items.join(",\n")}`;
      }
      yield "\n  ]";
    }
    rest = rest.slice(at + marker.length);
  }
  yield `${rest}\n`;
}

// One formatter per language: toLocaleString builds a new one per call (~25 s for 120,000 rows' numbers).
const NUMBER_FORMATS = { nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }) };
const MONEY_FORMATS = { nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }) };

function number(n: number, lang: Language): string {
  return NUMBER_FORMATS[lang].format(clean(n));
}
function money(n: number, lang: Language): string {
  return `€ ${MONEY_FORMATS[lang].format(n)}`;
}

/** Text columns lined up, control characters escaped (a name must not retitle the terminal). */
export function table(headers: string[], rawRows: string[][], rightAligned: Set<number>): string[] {
  // Escaped before measuring, so the columns line up; widths in a loop (spreading 100,000 rows into Math.max overflows the stack).
  const rows = rawRows.map((r) => r.map(escapeControlCharacters));
  const widths = headers.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < widths.length; i++) if (r[i].length > widths[i]) widths[i] = r[i].length;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

/** The analysis as text a civil servant can read in a terminal. */
export function formatText({ analysis, encoding }: Loaded, lang: Language): string {
  // concat, not push(...lines): spreading 200,000 partner lines overflows the stack.
  const out = ([] as string[]).concat(
    registerLines(analysis, encoding, lang),
    readingLines(analysis, lang),
    partnerLines(analysis, lang),
    skippedLines(analysis, lang),
    summaryLines(analysis, lang),
    noteLines(analysis, lang),
  );
  // Every line escaped (names, headers, sheet names, values come from the file); a line break inside a name is escaped too.
  return `${out.map(escapeControlCharacters).join("\n")}\n`;
}

/** Which encoding the file was read in (CSV only), and where the register is. */
function registerLines(a: Analysis, encoding: Loaded["encoding"], lang: Language): string[] {
  const out: string[] = [];
  const loc = a.location;
  if (encoding) out.push(ct(lang, "cli.encoding", { encoding: ENCODING_NAMES[encoding] ?? encoding }));
  const common = { sheet: loc.sheetName, row: loc.headerRow + 1, count: a.rows.length + a.skipped.length };
  out.push(
    loc.tableName
      ? ct(lang, "cli.register.table", { ...common, table: loc.tableName })
      : ct(lang, "cli.register.range", {
          ...common,
          range: `${cellAddress(loc.headerRow, loc.firstColumn)}:${cellAddress(Math.max(loc.lastDataRow, loc.headerRow), loc.lastColumn)}`,
        }),
  );
  return out;
}

/** How each column was read, the scales and the ambition line. */
function readingLines(a: Analysis, lang: Language): string[] {
  const out = ["", `${ct(lang, "cli.mapping")}:`];
  for (const concept of CONCEPT_KEYS) {
    const m = a.mapping[concept];
    const label = t(lang, `concept.${concept}`);
    const where = m ? `${columnLetter(m.column)} "${m.header}"${m.source === "user" ? ` (${ct(lang, "cli.mapping.user")})` : ""}` : ct(lang, "cli.mapping.absent");
    out.push(`  ${label}: ${where}`);
  }
  const describe = (s: Scale) =>
    `${number(s.min, lang)}–${number(s.max, lang)}${s.kind === "labels" && s.labels ? ` (${s.labels.join(", ")})` : ""} [${ct(lang, `cli.scale.${s.source}`)}]`;
  out.push("", ct(lang, "cli.scales", { influence: describe(a.influenceScale), dependency: describe(a.dependencyScale) }));
  out.push(
    ct(lang, "cli.line", {
      low: number(a.line.atLowestDependency, lang),
      high: number(a.line.atHighestDependency, lang),
      threshold: number(a.highDependencyAbove, lang),
    }),
  );
  return out;
}

/** Every partner's scores, gap, position and strategy as a table. */
function partnerLines(a: Analysis, lang: Language): string[] {
  const out = ["", `${ct(lang, "cli.partners", { count: a.rows.length })}:`];
  const headers = [
    ct(lang, "cli.column.row"),
    t(lang, "concept.partner"),
    t(lang, "concept.influence"),
    t(lang, "concept.dependency"),
    t(lang, "column.requiredInfluence"),
    t(lang, "column.gap"),
    t(lang, "column.position"),
    t(lang, "column.strategy"),
  ];
  const body = a.rows.map((r) => [
    String(r.row),
    r.partner,
    number(r.influence, lang),
    number(r.dependency, lang),
    number(r.requiredInfluence, lang),
    number(r.gap, lang),
    t(lang, `position.${r.position}`),
    t(lang, `strategy.${r.strategy}`),
  ]);
  // A loop, not push(...lines): spreading 200,000 lines overflows the stack as Math.max(...) did.
  for (const line of table(headers, body, new Set([0, 2, 3, 4, 5]))) out.push(`  ${line}`);
  return out;
}

/** The skipped rows, each with its reason. */
function skippedLines(a: Analysis, lang: Language): string[] {
  if (a.skipped.length === 0) return [];
  const out = ["", `${ct(lang, "cli.skipped", { count: a.skipped.length })}:`];
  for (const s of a.skipped) {
    const scale = s.reason.startsWith("influence") ? a.influenceScale : a.dependencyScale;
    const text = t(lang, `skip.${s.reason}`, { row: s.row, column: s.column ?? "", value: s.value ?? "", min: scale.min, max: scale.max });
    out.push(`  ${s.partner ? `${s.partner} — ` : ""}${text}`);
  }
  return out;
}

/** Count and money per strategy and per position. */
function summaryLines(a: Analysis, lang: Language): string[] {
  type Tally = { count: number; subsidy: number };
  const tallyRows = (entries: [string, Tally][]) =>
    table(
      ["", ct(lang, "cli.summary.count"), ct(lang, "cli.summary.subsidy")],
      entries.map(([label, tally]) => [label, String(tally.count), money(tally.subsidy, lang)]),
      new Set([1, 2]),
    ).map((l) => `  ${l}`);
  return [
    "",
    `${ct(lang, "cli.summary.byStrategy")}:`,
    ...tallyRows([
      ...STRATEGY_KEYS.map((k) => [t(lang, `strategy.${k}`), a.summary.byStrategy[k]] as [string, Tally]),
      [ct(lang, "cli.summary.total"), a.summary.total],
    ]),
    "",
    `${ct(lang, "cli.summary.byPosition")}:`,
    ...tallyRows([
      [t(lang, "position.above"), a.summary.byPosition.above],
      [t(lang, "position.below"), a.summary.byPosition.below],
    ]),
  ];
}

function noteLines(a: Analysis, lang: Language): string[] {
  if (a.warnings.length === 0) return [];
  return ["", `${ct(lang, "cli.notes")}:`, ...a.warnings.map((w) => `  - ${warningText(lang, w)}`)];
}

const ENCODING_NAMES: Record<string, string> = { "utf-8": "UTF-8", "utf-16le": "UTF-16 LE", "utf-16be": "UTF-16 BE", "windows-1252": "Windows-1252" };
