/**
 * What the adapter needs from the Office runtime, injected so tests can pass the Excel double and
 * production passes the real globals. Nothing in src/excel touches the `Excel` or `Office` globals
 * except `globalOfficeEnv()`.
 */

/** The part of `Excel.run` we use: options first, then the batch. */
export type ExcelRun = <T>(
  options: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean },
  batch: (context: Excel.RequestContext) => Promise<T>,
) => Promise<T>;

export interface OfficeEnv {
  Excel: { run: ExcelRun };
  Office: {
    context: {
      displayLanguage?: string;
      officeTheme?: { bodyBackgroundColor?: string } | null;
      requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    };
  };
}

/** Requirement-set checks for APIs newer than the manifest's minimum (ExcelApi 1.8). */
export class Requirements {
  private readonly cache = new Map<string, boolean>();

  constructor(private readonly isSetSupported: (name: string, minVersion?: string) => boolean) {}

  /** True when ExcelApi `version` ("1.9") is available; false when the check itself fails. */
  excelApi(version: string): boolean {
    let known = this.cache.get(version);
    if (known === undefined) {
      try {
        known = this.isSetSupported("ExcelApi", version) === true;
      } catch {
        known = false;
      }
      this.cache.set(version, known);
    }
    return known;
  }
}

/** The real Office globals (only call this inside Office). */
export function globalOfficeEnv(): OfficeEnv {
  const excelRun = ((options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<unknown>) =>
    Excel.run(options, batch)) as ExcelRun;
  return { Excel: { run: excelRun }, Office: { context: Office.context } as unknown as OfficeEnv["Office"] };
}
