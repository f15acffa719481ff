/**
 * The CLI's partner pages: `--partner NAME` (repeatable) and `--partners-below-line DIR`.
 * Without `--chart` a named partner's page is printed as text; with it (or with a folder) each
 * partner's anonymised chart is written as a picture (.svg, or .png through Chromium).
 */
import { mkdirSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Language } from "../core/host";
import { t } from "../core/i18n";
import { buildPartnerPage, findPartner, partnerPageText, partnerSheetName, partnersBelowLine, renderPartnerChartSvg } from "../core/partner";
import type { Analysis } from "../core/types";
import { writeChart } from "./chart-svg";

export interface PartnerRequest {
  /** Partner names as typed after --partner. */
  names: string[];
  /** Folder for one picture per partner below the line. */
  belowLineFolder: string | null;
  /** --chart: one picture, or with several partners the pattern for their pictures. */
  chart: string | null;
  includeSubsidy: boolean;
  lang: Language;
  /** Shown on the page; today by default. */
  date?: string;
}

export class PartnerNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PartnerNotFoundError";
  }
}

/** Writes the requested pictures or returns the pages' text; refuses before writing anything if a name is unknown. */
export async function runPartnerPages(analysis: Analysis, request: PartnerRequest): Promise<{ text: string; written: string[] }> {
  const { lang } = request;
  const indices = request.names.map((name) => {
    const index = findPartner(analysis, name);
    if (index < 0) throw new PartnerNotFoundError(t(lang, "partner.notFound", { partner: name, sheet: analysis.location.sheetName }));
    return index;
  });
  const options = { language: lang, date: request.date ?? new Date().toISOString().slice(0, 10), includeSubsidy: request.includeSubsidy };
  const texts: string[] = [];
  const written: string[] = [];
  const usedFileNames = new Set<string>();
  const fileName = (partner: string) => {
    // A sheet-safe name is also file-safe once Windows' other forbidden characters are gone.
    const name = partnerSheetName(partner.replace(/[<>"|]/g, " "), (candidate) => usedFileNames.has(candidate.toLowerCase()));
    usedFileNames.add(name.toLowerCase());
    return name;
  };

  for (const index of indices) {
    const page = buildPartnerPage(analysis, index, options);
    if (request.chart === null) {
      texts.push(partnerPageText(page));
      continue;
    }
    const path = indices.length === 1 ? request.chart : join(dirname(request.chart), `${basename(request.chart, extname(request.chart))} - ${fileName(page.partner)}${extname(request.chart)}`);
    await writeChart(path, renderPartnerChartSvg(page.chart), lang);
    written.push(path);
  }
  if (request.belowLineFolder !== null) {
    mkdirSync(request.belowLineFolder, { recursive: true });
    const extension = request.chart !== null && extname(request.chart).toLowerCase() === ".png" ? ".png" : ".svg";
    for (const index of partnersBelowLine(analysis)) {
      const page = buildPartnerPage(analysis, index, options);
      const path = join(request.belowLineFolder, `${fileName(page.partner)}${extension}`);
      await writeChart(path, renderPartnerChartSvg(page.chart), lang);
      written.push(path);
    }
  }
  return { text: texts.length > 0 ? `${texts.join("\n\n")}\n` : "", written };
}
