/**
 * Partner pages in the workbook: one sheet per chosen partner with the page's lines as plain
 * values (no formula, no name) and a native scatter chart whose series read only that sheet's
 * cells. The other partners are one grey series of anonymous points sorted by value (see
 * core/partner/page), with no data labels.
 *
 * Ownership (docs/ownership.md): a sheet is a partner's page only by its content: A1 holds the
 * page title (Dutch or English) and B3 that partner's name. Such a page is replaced, unless it holds
 * a cell that is not part of what a page writes: then nothing is written and the message names
 * that cell. What a page writes is read from the old page itself (core/partner/recognise): A1, the
 * lines from A3 down to the date line (each with a line label in A), M1, N2:O2, and the chart data
 * from M3 down while N and O hold numbers. So a note right below the lines, after a blank row, or
 * under the chart data is the user's, though it lies where a longer page would write. A chart other
 * than the page's own is the user's too. Every other sheet is the user's, and a new page takes a
 * name no sheet has.
 *
 * A failure half-way leaves the workbook as it was: the new pages are built under temporary
 * names, and only the batch's last operations delete the old pages and rename the new ones. A
 * failed batch's leftovers (temporary sheets) are deleted in a second request.
 */
import { t } from "../core/i18n";
import type { Language } from "../core/host";
import { partnerSheetName, sheetNameKey, type PartnerPageSpec } from "../core/partner";
import { chartDataRowCount, PAGE_HEAD_ADDRESS, pageLineCount, partnerOfPage } from "../core/partner/recognise";
import { foreignTargetFailure } from "./apply/checks";
import type { HostFailureError } from "./errors";
import { columnIndex, EXCEL_MAX_ROWS } from "../core/text";

/** The chart's name on its page: language-independent, so a re-made page finds it. */
export const PARTNER_CHART_NAME = "Partnerkaart";
const TEMPORARY_PREFIX = "PK_tmp_page_";

/** Where the page's parts sit (1-based rows as Excel shows them). */
const FIRST_LINE_ROW = 3;
const DATA_COLUMNS = { name: "M", x: "N", y: "O" } as const;
/** More lines than any page has (about 15): rows of A:B below them are never the page's. */
const MAX_PAGE_LINES = 40;
/** Where no page writes, checked on every sheet in the first read (addresses only): everything but A1, the lines' window in A:B and M:O. */
const OUTSIDE_THE_PAGE = ["B1:L1", "A2:L2", `C3:L${EXCEL_MAX_ROWS}`, `A${FIRST_LINE_ROW + MAX_PAGE_LINES}:B${EXCEL_MAX_ROWS}`, "N1:O1", `P1:XFD${EXCEL_MAX_ROWS}`];
/** Where an old page's lines are read from; the rows below it are in OUTSIDE_THE_PAGE. */
const LINES_WINDOW = `A${FIRST_LINE_ROW}:B${FIRST_LINE_ROW + MAX_PAGE_LINES - 1}`;

export interface PartnerPageOutcome {
  partner: string;
  sheetName: string;
  /** An existing page was replaced rather than a new sheet added. */
  updated: boolean;
}


export async function writePartnerPages(context: Excel.RequestContext, pages: PartnerPageSpec[], language: Language): Promise<PartnerPageOutcome[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/position");
  await context.sync();
  const existing = worksheets.items.map((sheet) => ({
    name: sheet.name,
    position: sheet.position,
    head: sheet.getRange(PAGE_HEAD_ADDRESS).load("values"),
    // Addresses only (any sheet could be a page until its head is read): a few bytes a sheet.
    outside: OUTSIDE_THE_PAGE.map((area) => sheet.getRange(area).getUsedRangeOrNullObject(true).load("address")),
  }));
  await context.sync();

  const taken = new Set(existing.map((sheet) => sheetNameKey(sheet.name)));
  const targets = pages.map((page) => {
    const old = existing.find((sheet) => partnerOfPage(sheet.head.values) === page.partner) ?? null;
    const name = old?.name ?? partnerSheetName(page.partner, (candidate) => taken.has(sheetNameKey(candidate)) || candidate.startsWith(TEMPORARY_PREFIX));
    taken.add(sheetNameKey(name));
    return { page, old, name };
  });
  await refuseUserContentOnPages(context, targets.flatMap((target) => (target.old ? [{ ...target.old, partner: target.page.partner }] : [])));
  const temporaryNames = targets.map((_, i) => {
    let n = i;
    while (taken.has(sheetNameKey(`${TEMPORARY_PREFIX}${n}`))) n += pages.length;
    return `${TEMPORARY_PREFIX}${n}`;
  });

  try {
    const built = targets.map((target, i) => buildPage(worksheets.add(temporaryNames[i]), target.page, language));
    // Last in the batch: old pages go, new ones take their names and places.
    targets.forEach((target, i) => {
      if (target.old) worksheets.getItem(target.old.name).delete();
      built[i].name = target.name;
      if (target.old) built[i].position = target.old.position;
    });
    await context.sync();
  } catch (error) {
    await removeTemporarySheets(context, temporaryNames).catch(() => undefined);
    throw error;
  }
  return targets.map((target) => ({ partner: target.page.partner, sheetName: target.name, updated: target.old !== null }));
}

type OldPage = { name: string; partner: string; outside: Excel.Range[] };
type ForeignCell = { sheetName: string; row: number; column: number; content: string };

/**
 * Refuses, naming the first such cell, when a page about to be replaced holds a cell that is not
 * part of what a page writes (module header). Costs one more sync, for the old pages only; a
 * refusal may take one more, to read the cell it names.
 */
async function refuseUserContentOnPages(context: Excel.RequestContext, pages: OldPage[]): Promise<void> {
  if (pages.length === 0) return;
  for (const page of pages) {
    const used = page.outside.find((range) => !range.isNullObject);
    if (used) throw await firstCellIn(context, page.name, used.address.slice(used.address.lastIndexOf("!") + 1));
  }
  const contents = pages.map((page) => readPageContent(context, page.name));
  await context.sync();
  for (const [i, page] of pages.entries()) {
    // The page adds one chart, named PARTNER_CHART_NAME; another chart on it is the user's, and would go with the sheet.
    const userChart = contents[i].charts.items.find((chart, k) => chart.name !== PARTNER_CHART_NAME || k > 0);
    if (userChart) throw foreignTargetFailure({ kind: "chart", sheetName: page.name, chartName: userChart.name }, page.name);
    const found = foreignCellOnPage(contents[i], page);
    if (typeof found === "string") throw await firstCellIn(context, page.name, found);
    if (found) throw foreignTargetFailure({ kind: "cell", ...found }, page.name);
  }
}

type PageContent = ReturnType<typeof readPageContent>;

/** Queues the reads of an old page's lines and chart data, as formulas (a page writes none). */
function readPageContent(context: Excel.RequestContext, sheetName: string) {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const dataColumns = `${DATA_COLUMNS.name}${FIRST_LINE_ROW}:${DATA_COLUMNS.y}${EXCEL_MAX_ROWS}`;
  return {
    lines: sheet.getRange(LINES_WINDOW).load("formulas"),
    // The page writes nothing in M2 (its header row names only N and O).
    dataHeader: sheet.getRange(`${DATA_COLUMNS.name}${FIRST_LINE_ROW - 1}`).load("formulas"),
    // The chart data's own block, bounded by blank rows: what the page wrote, plus anything touching it.
    dataRegion: sheet.getRange(`${DATA_COLUMNS.x}${FIRST_LINE_ROW}`).getSurroundingRegion().load("formulas,rowIndex,rowCount,columnIndex"),
    // Anything further down in M:O, beyond that block (address only).
    dataUsed: sheet.getRange(dataColumns).getUsedRangeOrNullObject(true).load("rowIndex,rowCount"),
    charts: sheet.charts.load("items/name"),
  };
}

/**
 * The first cell of an old page that the page did not write: a cell, or the address of an area
 * whose first used cell it is (not read yet); null when everything is the page's.
 */
function foreignCellOnPage(content: PageContent, page: OldPage): ForeignCell | string | null {
  // Row and column indices are 0-based here, as Office.js gives them.
  const cell = (rowIndex: number, columnIndex: number, value: unknown): ForeignCell => ({ sheetName: page.name, row: rowIndex, column: columnIndex, content: String(value) });
  const firstLineIndex = FIRST_LINE_ROW - 1;
  const lines = content.lines.formulas as unknown[][];
  const inLines = firstFilledCell(lines, pageLineCount(lines));
  if (inLines) return cell(firstLineIndex + inLines.row, inLines.column, inLines.value);

  const nameColumnIndex = columnIndex(DATA_COLUMNS.name);
  const header = content.dataHeader.formulas[0][0];
  if (header !== "") return cell(firstLineIndex - 1, nameColumnIndex, header);

  // M:O from row 3 to the region's end; cells the region leaves out (should Excel's be narrower) are blank.
  const region = content.dataRegion;
  const regionFormulas = region.formulas as unknown[][];
  const lastRegionIndex = region.rowIndex + region.rowCount - 1;
  const rows: unknown[][] = [];
  for (let rowIndex = firstLineIndex; rowIndex <= lastRegionIndex; rowIndex++) {
    rows.push([0, 1, 2].map((k) => regionFormulas[rowIndex - region.rowIndex]?.[nameColumnIndex + k - region.columnIndex] ?? ""));
  }
  const inData = firstFilledCell(rows, chartDataRowCount(rows, page.partner));
  if (inData) return cell(firstLineIndex + inData.row, nameColumnIndex + inData.column, inData.value);

  // Below the region (should Excel's be shorter than what it holds, e.g. a formula showing ""), everything is the user's.
  const used = content.dataUsed;
  if (!used.isNullObject && used.rowIndex + used.rowCount - 1 > lastRegionIndex) {
    const firstRowBelow = lastRegionIndex + 2;
    return `${DATA_COLUMNS.name}${firstRowBelow}:${DATA_COLUMNS.y}${EXCEL_MAX_ROWS}`;
  }
  return null;
}

/** The first non-empty cell of `rows` from row `from` on, in reading order. */
function firstFilledCell(rows: unknown[][], from: number): { row: number; column: number; value: unknown } | null {
  for (let row = from; row < rows.length; row++) {
    const column = rows[row].findIndex((value) => value !== "" && value !== null);
    if (column >= 0) return { row, column, value: rows[row][column] };
  }
  return null;
}

/** The refusal naming the first used cell of `area` on `sheetName` (one more read: only its first used row). */
async function firstCellIn(context: Excel.RequestContext, sheetName: string, area: string): Promise<HostFailureError> {
  const row = context.workbook.worksheets.getItem(sheetName).getRange(area).getUsedRange(true).getRow(0);
  row.load("formulas,rowIndex,columnIndex");
  await context.sync();
  const formulas = row.formulas[0] as unknown[];
  const column = Math.max(0, formulas.findIndex((value) => value !== ""));
  return foreignTargetFailure({ kind: "cell", sheetName, row: row.rowIndex, column: row.columnIndex + column, content: String(formulas[column] ?? "") }, sheetName);
}

async function removeTemporarySheets(context: Excel.RequestContext, names: string[]): Promise<void> {
  const sheets = names.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
  await context.sync();
  for (const sheet of sheets) if (!sheet.isNullObject) sheet.delete();
  await context.sync();
}

/** Writes one page into `sheet` (queued, no sync). */
function buildPage(sheet: Excel.Worksheet, page: PartnerPageSpec, language: Language): Excel.Worksheet {
  writeLines(sheet, page);
  const ranges = writeChartData(sheet, page.chart, language);
  const native = addPageChart(sheet, page.chart, ranges.line);
  addPageSeries(sheet, native, page.chart, ranges);
  return sheet;
}

type PageChart = PartnerPageSpec["chart"];
type XYRanges = { x: string; y: string };
type PageChartRanges = { line: XYRanges; threshold: XYRanges; partner: XYRanges; movement: XYRanges | null; others: XYRanges | null };

/** The title and the page's lines in A:B. */
function writeLines(sheet: Excel.Worksheet, page: PartnerPageSpec): void {
  const title = sheet.getRange("A1");
  title.values = [[page.title]];
  title.format.font.bold = true;

  const last = FIRST_LINE_ROW + page.lines.length - 1;
  const lines = sheet.getRange(`A${FIRST_LINE_ROW}:B${last}`);
  // Texts as text ("@"): a partner called "=Foo" or "-Noord" stays a name, not a formula.
  // Scores are shown with their scale ("3 (schaal 1–5)"), so as text; other numbers stay numbers.
  const cellOf = (line: PartnerPageSpec["lines"][number]) => (typeof line.value === "number" && line.key !== "influence" && line.key !== "dependency" ? line.value : line.text);
  lines.numberFormat = page.lines.map((line) => ["@", typeof cellOf(line) === "number" ? (line.key === "subsidy" ? "€ #,##0.00" : "General") : "@"]);
  lines.values = page.lines.map((line) => [line.label, cellOf(line)]);
  sheet.getRange(`A${FIRST_LINE_ROW}:A${last}`).format.font.bold = true;
  sheet.getRange("A:A").format.columnWidth = 170;
  sheet.getRange("B:B").format.columnWidth = 420;
}

/** Chart data: this page's cells only, values only. Returns where each series' cells are. */
function writeChartData(sheet: Excel.Worksheet, chart: PageChart, language: Language): PageChartRanges {
  const rows: [string, number | string, number | string][] = [];
  const block = (name: string, points: { x: number; y: number }[]) => {
    const first = FIRST_LINE_ROW + rows.length;
    points.forEach((p, k) => rows.push([k === 0 ? name : "", p.x, p.y]));
    const end = first + points.length - 1;
    return { x: `${DATA_COLUMNS.x}${first}:${DATA_COLUMNS.x}${end}`, y: `${DATA_COLUMNS.y}${first}:${DATA_COLUMNS.y}${end}` };
  };
  const line = block(chart.line.name, [chart.line.from, chart.line.to]);
  const threshold = block(chart.threshold.name, [
    { x: chart.threshold.x, y: chart.threshold.yFrom },
    { x: chart.threshold.x, y: chart.threshold.yTo },
  ]);
  const partner = block(chart.partner.name, [chart.partner]);
  const movement = chart.movement ? block(chart.movement.name, [chart.movement.from, chart.movement.to]) : null;
  const others = chart.others.length > 0 ? block(chart.othersName, chart.others) : null;
  const caption = sheet.getRange(`${DATA_COLUMNS.name}1`);
  caption.values = [[t(language, "partner.chartData")]];
  caption.format.font.bold = true;
  const header = sheet.getRange(`${DATA_COLUMNS.name}2:${DATA_COLUMNS.y}2`);
  header.values = [["", t(language, "concept.dependency"), t(language, "concept.influence")]];
  const data = sheet.getRange(`${DATA_COLUMNS.name}${FIRST_LINE_ROW}:${DATA_COLUMNS.y}${FIRST_LINE_ROW + rows.length - 1}`);
  data.numberFormat = rows.map(() => ["@", "General", "General"]);
  data.values = rows;
  sheet.getRange(`${DATA_COLUMNS.name}:${DATA_COLUMNS.name}`).format.columnWidth = 150;
  return { line, threshold, partner, movement, others };
}

/** The native chart, placed and titled, with its axes. The line's two y values give it exactly one series: the line. */
function addPageChart(sheet: Excel.Worksheet, chart: PageChart, line: XYRanges): Excel.Chart {
  const native = sheet.charts.add("XYScatter", sheet.getRange(line.y), "Columns");
  native.name = PARTNER_CHART_NAME;
  native.setPosition("D3");
  native.width = 520;
  native.height = 360;
  native.title.text = chart.title;
  native.legend.position = "Bottom";
  native.legend.visible = true;
  for (const [axis, spec] of [
    [native.axes.categoryAxis, chart.xAxis],
    [native.axes.valueAxis, chart.yAxis],
  ] as const) {
    axis.minimum = spec.min;
    axis.maximum = spec.max;
    axis.majorUnit = spec.majorUnit;
    axis.title.text = spec.title;
  }
  return native;
}

/** The line, the threshold, the other partners, the movement and the partner, over the page's own cells. */
function addPageSeries(sheet: Excel.Worksheet, native: Excel.Chart, chart: PageChart, ranges: PageChartRanges): void {
  const asLine = (series: Excel.ChartSeries, color: string, weight: number) => {
    series.chartType = "XYScatterLinesNoMarkers";
    series.format.line.color = color;
    series.format.line.weight = weight;
  };
  const bind = (series: Excel.ChartSeries, ranges: { x: string; y: string }) => {
    series.setXAxisValues(sheet.getRange(ranges.x));
    series.setValues(sheet.getRange(ranges.y));
  };
  const lineSeries = native.series.getItemAt(0);
  lineSeries.name = chart.line.name;
  bind(lineSeries, ranges.line);
  asLine(lineSeries, chart.line.color, 2);
  const thresholdSeries = native.series.add(chart.threshold.name);
  bind(thresholdSeries, ranges.threshold);
  asLine(thresholdSeries, chart.threshold.color, 1.5);
  thresholdSeries.format.line.lineStyle = "Dash";
  const { others, movement } = ranges;
  if (others) {
    // Grey, small, no label: a tooltip shows only "Other partners" and the point's values.
    const series = native.series.add(chart.othersName);
    bind(series, others);
    series.markerStyle = "Circle";
    series.markerSize = 5;
    series.markerBackgroundColor = chart.othersColor;
    series.markerForegroundColor = chart.othersColor;
  }
  if (movement && chart.movement) {
    // No arrowheads in the API: a line to a hollow target marker.
    const series = native.series.add(chart.movement.name);
    bind(series, movement);
    series.chartType = "XYScatterLines";
    series.format.line.color = chart.partner.color;
    series.format.line.weight = 2;
    series.markerStyle = "Circle";
    series.markerSize = 6;
    series.markerBackgroundColor = "#FFFFFF";
    series.markerForegroundColor = chart.partner.color;
  }
  const partnerSeries = native.series.add(chart.partner.name);
  bind(partnerSeries, ranges.partner);
  partnerSeries.markerStyle = "Circle";
  partnerSeries.markerSize = 11;
  partnerSeries.markerBackgroundColor = chart.partner.color;
  partnerSeries.markerForegroundColor = chart.partner.color;
  const point = partnerSeries.points.getItemAt(0);
  point.hasDataLabel = true;
  // A label text, not a formula: it refers to nothing, on this sheet or elsewhere.
  point.dataLabel.text = chart.partner.name;
}
