/**
 * The browser side of the test host: served in place of Office.js from Microsoft's CDN. It puts the
 * strict Excel double (loaded with the register the test passed in) behind `window.Excel` and a
 * small Office stand-in behind `window.Office`, so the production pane runs unchanged against it.
 * `window.__partnerkaartTest` lets the test read the workbook back as a user would see it.
 *
 * Runs in the page: no Node APIs here. Bundled by ./build.ts with esbuild.
 */
import { createExcelDouble } from "../../support/excel";
import type { TestHostConfig, TestHostReadback } from "./config";

declare global {
  interface Window {
    __partnerkaartHostConfig?: TestHostConfig;
    __partnerkaartTest?: TestHostReadback;
  }
}

/** Colours Office reports for its light (White) and dark (Black) themes. */
const OFFICE_THEMES = {
  light: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000", isDarkTheme: false },
  dark: { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#292929", controlForegroundColor: "#FFFFFF", isDarkTheme: true },
} as const;

function install(config: TestHostConfig): void {
  // The double enforces the set the stand-in reports: the pane and "Excel" agree on the version.
  const double = createExcelDouble({ sheets: [{ name: "Sheet1" }], requirementSets: { ExcelApi: config.excelApi } });
  double.driver.loadSnapshot({ ...config.snapshot, notes: config.registerNotes }, { sheets: config.extraSheets ?? [] });
  double.installGlobals();
  const isSetSupported = (name: string, version?: string): boolean => double.requirements.isSetSupported(name, version);
  const HostType = { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" };
  const info = { host: HostType.Excel, platform: "OfficeOnline" };
  const office = {
    HostType,
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    context: {
      displayLanguage: config.displayLanguage,
      officeTheme: OFFICE_THEMES[config.theme],
      requirements: { isSetSupported },
    },
    // Like Office.js: ready once the page's scripts have run, the callback before the promise resolves.
    onReady(callback?: (ready: typeof info) => void): Promise<typeof info> {
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
  };
  (window as unknown as { Office: typeof office }).Office = office;

  const driver = double.driver;
  window.__partnerkaartTest = {
    sheetNames: () => driver.sheetNames(),
    values: (sheet, address) => driver.values(sheet, address),
    formulas: (sheet, address) => driver.formulas(sheet, address),
    usedRange: (sheet) => driver.usedRange(sheet),
    names: () => driver.names().map((n) => ({ name: n.name, formula: n.formula, value: n.value })),
    charts: (sheet) => driver.charts(sheet).map((c) => ({ name: c.name, chartType: c.chartType, title: c.title, series: c.series.map((s) => ({ name: s.name, x: s.x, y: s.y })) })),
    setCell: (sheet, address, value) => driver.setCell(sheet, address, value),
    tables: () => driver.tables().map((t) => ({ name: t.name, sheet: t.sheet, address: t.address, columns: t.columns })),
    activeSheet: () => driver.activeSheet(),
    selection: () => driver.selection(),
  };
}

const config = window.__partnerkaartHostConfig;
if (config) install(config);
// Without a config Office stays undefined and the pane shows its "open in Excel" message.
