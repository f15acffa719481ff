/**
 * The headless `analyze` command: a register (.xlsx or .csv) in, the analysis out as readable text
 * (Dutch or English) or as JSON. Without a file it analyses the project's own sample register.
 *
 *   npm run -s analyze -- [register.xlsx|register.csv] [--sheet NAME] [--json] [--lang nl|en]
 *   npm run -s analyze -- now.xlsx --compare earlier.xlsx|YEAR [--rename "earlier name=current name"] [--json] [--out result.xlsx]
 *   npm run -s analyze -- register.xlsx --partner NAME [--partner NAME …] [--chart page.svg|png] [--partner-subsidy]
 *   npm run -s analyze -- register.xlsx --partners-below-line DIR
 */
import { existsSync } from "node:fs";
import { ct } from "./i18n";
import { basename, extname, resolve } from "node:path";
import { analyzeSheet } from "../core/analyze";
import { DEFAULT_CHART_OPTIONS, type Language } from "../core/host";
import { t } from "../core/i18n";
import { RegisterError, type Analysis, type SheetSnapshot } from "../core/types";
import { escapeControlCharacters, formatJsonChunks, formatText } from "./format";
import { assessmentOfFile, assessmentsToRecord, comparisonJson, formatComparisonText, type EarlierAssessment } from "./compare";
import { HISTORY_SHEET, compareAssessments, historySheetStateOfSnapshot, linkedRenames, readHistory, yearAssessments, type Assessment, type PartnerRename } from "../core/history";
import type { PreviousPosition } from "../core/chart";
import type { TextEncoding } from "./csv";
import { InputError, readCsvFile, readXlsx } from "./readers";
import { ChartOutputError, writeAnalysisChart } from "./chart-svg";
import { OutputRefusedError, writeResultXlsx, type ComparisonToWrite } from "./write-xlsx";
import { PartnerNotFoundError, runPartnerPages } from "./partner";

export const SAMPLE_REGISTER = resolve(__dirname, "../../samples/voorbeeld-register.xlsx");

export interface CliOptions {
  file: string | null;
  sheet: string | null;
  json: boolean;
  lang: Language;
  /** Write the partner chart to this .svg or .png file. */
  chart?: string | null;
  /** Write the input workbook with Partnerkaart's columns, parameter sheet and summary to this .xlsx file. */
  out?: string | null;
  /** Compare the register with this earlier register (.xlsx or .csv). */
  compare?: string | null;
  /** Links from an earlier partner name to its current name, for --compare. */
  renames?: PartnerRename[];
  /** --partner (repeatable): the partner page of each, as text or (with --chart) as its anonymised chart. */
  partners?: string[];
  /** --partners-below-line DIR: one anonymised chart per partner below the line. */
  partnersBelowLine?: string | null;
  /** --partner-subsidy: the partner's own subsidy appears on its page. */
  partnerSubsidy?: boolean;
}

/** A user-facing failure: printed on stderr, exit code 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

interface OptionSpec {
  /** Takes the next argument as its value. */
  takesValue: boolean;
  apply(options: CliOptions, value: string, lang: Language): void;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[], lang: Language): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(ct(lang, "cli.error.bad-value", { option, value, allowed: allowed.join(", ") }), 2);
  }
  return value as T;
}

function parseRename(value: string, lang: Language): PartnerRename {
  const at = value.indexOf("=");
  const rename = { earlierName: value.slice(0, at).trim(), currentName: value.slice(at + 1).trim() };
  if (at < 0 || !rename.earlierName || !rename.currentName) throw new CliError(ct(lang, "cli.error.bad-rename", { value }), 2);
  return rename;
}

/** One entry per option: adding an option is adding an entry (and a field to CliOptions). */
export const OPTIONS: Record<string, OptionSpec> = {
  "--sheet": { takesValue: true, apply: (o, v) => (o.sheet = v) },
  "--json": { takesValue: false, apply: (o) => (o.json = true) },
  "--chart": { takesValue: true, apply: (o, v) => (o.chart = v) },
  "--out": { takesValue: true, apply: (o, v) => (o.out = v) },
  "--compare": { takesValue: true, apply: (o, v) => (o.compare = v) },
  "--rename": { takesValue: true, apply: (o, v, lang) => (o.renames = [...(o.renames ?? []), parseRename(v, lang)]) },
  "--partner": { takesValue: true, apply: (o, v) => (o.partners = [...(o.partners ?? []), v]) },
  "--partners-below-line": { takesValue: true, apply: (o, v) => (o.partnersBelowLine = v) },
  "--partner-subsidy": { takesValue: false, apply: (o) => (o.partnerSubsidy = true) },
  "--lang": { takesValue: true, apply: (o, v, lang) => (o.lang = oneOf("--lang", v, ["nl", "en"] as const, lang)) },
};

export function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { file: null, sheet: null, json: false, lang: "nl" };
  // Error messages follow --lang even when it comes after the faulty option.
  let lang: Language = "nl";
  argv.forEach((arg, i) => {
    const value = arg === "--lang" ? argv[i + 1] : arg.startsWith("--lang=") ? arg.slice("--lang=".length) : undefined;
    if (value === "en" || value === "nl") lang = value;
  });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith("--")) {
      const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
      const spec = OPTIONS[name];
      if (!spec) throw new CliError(`${ct(lang, "cli.error.unknown-option", { option: name })}\n${ct(lang, "cli.error.usage")}`, 2);
      let value = "";
      if (spec.takesValue) {
        value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith("--"))) {
          throw new CliError(ct(lang, "cli.error.missing-value", { option: name }), 2);
        }
      }
      spec.apply(options, value, lang);
    } else if (options.file === null) options.file = arg;
    else throw new CliError(ct(lang, "cli.error.usage"), 2);
  }
  return options;
}

export interface LoadedAnalysis {
  file: string;
  snapshot: SheetSnapshot;
  analysis: Analysis;
  /** How a .csv or .txt file's bytes were decoded; absent for a workbook. */
  encoding?: TextEncoding;
  /** What the workbook's history sheet records, when it has one that is Partnerkaart's. */
  recorded?: RecordedHistory;
}

export interface RecordedHistory {
  assessments: Assessment[];
  renames: PartnerRename[];
}

/** The assessments and links on the history sheet among `sheets`, if it is ours. */
function recordedIn(sheets: SheetSnapshot[]): RecordedHistory | undefined {
  const state = historySheetStateOfSnapshot(sheets.find((s) => s.sheetName === HISTORY_SHEET) ?? null);
  return state.kind === "ours" ? { assessments: readHistory(state.rows), renames: state.renames } : undefined;
}

/** Spreadsheet formats this command does not read, but Excel and LibreOffice convert to .xlsx. */
const CONVERTIBLE_FORMATS = [".xls", ".xlsb", ".ods", ".numbers"];

/** Reads the file and analyses the named sheet, or the first sheet that holds a register. */
export async function analyzeFile(file: string, sheet: string | null, lang: Language): Promise<LoadedAnalysis> {
  if (!existsSync(file)) throw new CliError(ct(lang, "cli.error.no-file", { file }));
  const extension = extname(file).toLowerCase();
  let sheets: SheetSnapshot[];
  let encoding: TextEncoding | undefined;
  try {
    if (extension === ".xlsx" || extension === ".xlsm") sheets = await readXlsx(file);
    else if (extension === ".csv" || extension === ".txt") {
      const read = await readCsvFile(file, basename(file, extname(file)));
      sheets = [read.snapshot];
      encoding = read.encoding;
    } else if (CONVERTIBLE_FORMATS.includes(extension)) throw new CliError(ct(lang, "cli.error.legacy-format", { file, format: extension }));
    else throw new CliError(ct(lang, "cli.error.file-type", { file }));
  } catch (error) {
    if (error instanceof InputError) throw new CliError(ct(lang, error.key, error.params));
    throw error;
  }
  const names = sheets.map((s) => `"${s.sheetName}"`).join(", ");
  if (sheet !== null) {
    const snapshot = sheets.find((s) => s.sheetName === sheet) ?? sheets.find((s) => s.sheetName.toLowerCase() === sheet.toLowerCase());
    if (!snapshot) throw new CliError(ct(lang, "cli.error.no-sheet", { file, sheet, sheets: names }));
    return { file, snapshot, analysis: analyzeOrExplain(file, snapshot, lang), encoding, recorded: recordedIn(sheets) };
  }
  let firstProblem: RegisterError | null = null;
  // The history sheet has a partner's columns too, but it is Partnerkaart's record, not a register.
  for (const snapshot of sheets.filter((s) => s.sheetName !== HISTORY_SHEET)) {
    try {
      return { file, snapshot, analysis: analyzeSheet(snapshot), encoding, recorded: recordedIn(sheets) };
    } catch (error) {
      if (!(error instanceof RegisterError)) throw error;
      // A sheet with a partial register (a column missing) explains more than "nothing found".
      if (error.code !== "no-register" && !firstProblem) firstProblem = error;
    }
  }
  if (firstProblem) throw new CliError(ct(lang, "cli.error.in-file", { file, message: registerMessage(firstProblem, lang) }));
  throw new CliError(ct(lang, "cli.error.no-register-in-file", { file, sheets: names }));
}

function analyzeOrExplain(file: string, snapshot: SheetSnapshot, lang: Language): Analysis {
  try {
    return analyzeSheet(snapshot);
  } catch (error) {
    if (error instanceof RegisterError) throw new CliError(ct(lang, "cli.error.in-file", { file, message: registerMessage(error, lang) }));
    throw error;
  }
}

/** A RegisterError in the user's language. */
export function registerMessage(error: RegisterError, lang: Language): string {
  const d = error.details;
  switch (error.code) {
    case "no-register":
      return t(lang, "error.no-register", { sheet: d.sheet ?? "" });
    case "missing-column":
      return t(lang, "error.missing-column", {
        sheet: d.sheet ?? "",
        concept: d.concept ? t(lang, `concept.${d.concept}`) : "",
        row: d.row ?? "",
      });
    case "no-data":
      return t(lang, "error.no-data", { sheet: d.sheet ?? "", row: d.row ?? "" });
    default:
      return error.message;
  }
}

/** --partner / --partners-below-line: partner pages instead of the register's analysis. */
async function partnerPages(analysis: Analysis, options: CliOptions, io: Io): Promise<number> {
  const request = { names: options.partners ?? [], belowLineFolder: options.partnersBelowLine ?? null, chart: options.chart ?? null, includeSubsidy: options.partnerSubsidy === true, lang: options.lang };
  const result = await runPartnerPages(analysis, request).catch((error: unknown) => {
    throw error instanceof ChartOutputError || error instanceof PartnerNotFoundError ? new CliError(error.message) : error;
  });
  io.stdout(result.text + result.written.map((path) => `${path}\n`).join(""));
  return 0;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * `--compare EARLIER`: an earlier register file, or a year the register keeps as columns ("2025"
 * beside "Invloed 2025", when no file has that name). Prints the comparison; returns the chart's
 * earlier positions and what `--out` records.
 */
async function compareWithEarlier(loaded: LoadedAnalysis, compare: string, options: CliOptions, io: Io): Promise<{ previous: PreviousPosition[]; toWrite: ComparisonToWrite }> {
  const current = assessmentOfFile(loaded);
  const earlier = await earlierAssessment(loaded, compare, options.lang);
  // The links the workbook stores, then the ones given now: the report and the written formulas follow the same.
  const renames = [...(loaded.recorded?.renames ?? []), ...(options.renames ?? [])].reduce<PartnerRename[]>((links, rename) => linkedRenames(links, rename), []);
  const comparison = compareAssessments(earlier.assessment, current, renames);
  io.stdout(options.json ? `${JSON.stringify(comparisonJson(comparison), null, 2)}\n` : formatComparisonText(comparison, options.lang));
  return {
    previous: comparison.movements.map((m) => ({ row: m.row, x: m.previousDependency, y: m.previousInfluence })),
    toWrite: { compareWith: earlier.assessment, record: assessmentsToRecord(current, loaded.recorded?.assessments ?? [], earlier), renames },
  };
}

async function earlierAssessment(loaded: LoadedAnalysis, compare: string, lang: Language): Promise<EarlierAssessment> {
  if (/^\d{4}$/.test(compare) && !existsSync(compare)) {
    const years = yearAssessments(loaded.snapshot, loaded.analysis);
    const year = years.find((y) => y.assessment.label === compare);
    if (!year) throw new CliError(ct(lang, "cli.error.no-year", { year: compare, sheet: loaded.snapshot.sheetName, years: years.map((y) => y.year).join(", ") || "–" }));
    return { assessment: year.assessment, recorded: [] };
  }
  const earlier = await analyzeFile(compare, null, lang);
  return { assessment: assessmentOfFile(earlier), recorded: earlier.recorded?.assessments ?? [] };
}

/** The whole command; returns the exit code. Whatever fails, the user gets one line, never a stack trace. */
export async function runAnalyze(argv: string[], io: Io, environment: Record<string, string | undefined> = process.env): Promise<number> {
  let lang: Language = "nl";
  let file = SAMPLE_REGISTER;
  try {
    const options = parseArguments(argv);
    lang = options.lang;
    file = options.file ?? SAMPLE_REGISTER;
    const loaded = await analyzeFile(file, options.sheet, options.lang);
    if (options.partners || options.partnersBelowLine) return await partnerPages(loaded.analysis, options, io);
    // With --compare, --chart also draws the realised movement from each partner's earlier position.
    let previous: PreviousPosition[] | undefined;
    let toWrite: ComparisonToWrite | undefined;
    if (options.compare) {
      ({ previous, toWrite } = await compareWithEarlier(loaded, options.compare, options, io));
    } else if (options.json) for (const chunk of formatJsonChunks(loaded)) io.stdout(chunk);
    else io.stdout(formatText(loaded, options.lang));
    if (options.chart) {
      await writeAnalysisChart(loaded.analysis, options.chart, options.lang, previous ? { previous } : {}).catch((error: unknown) => {
        throw error instanceof ChartOutputError ? new CliError(error.message) : error;
      });
    }
    if (options.out) {
      const output = { language: options.lang, mode: "formulas" as const, chart: DEFAULT_CHART_OPTIONS };
      await writeResultXlsx(file, loaded.snapshot, loaded.analysis, output, options.out, toWrite).catch((error: unknown) => {
        if (error instanceof OutputRefusedError) throw new CliError(error.message);
        throw new CliError(`--out ${options.out}: ${(error as Error).message}`);
      });
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      // Line by line: the usage hint is a line of its own.
      io.stderr(`${error.message.split("\n").map(escapeControlCharacters).join("\n")}\n`);
      return error.exitCode;
    }
    // A bug or an exhausted resource: one line (a stack trace means nothing to a user), the stack on request.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(`${escapeControlCharacters(ct(lang, "cli.error.unexpected", { file, detail: detail.split("\n")[0] }))}\n`);
    if (environment.PARTNERKAART_DEBUG === "1" && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  runAnalyze(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
