/** Native chart drawing (filled in when src/core/chart's data bindings land). */
import type { ChartSpec } from "../core/chart";
import type { WritePlan } from "../core/plan/types";
import type { CellRect } from "../core/types";
import type { Requirements } from "./env";
import type { SyncCounter } from "./sync";

export type ChartBindings = unknown;

export interface ChartDrawOptions {
  requirements: Requirements;
  counter: SyncCounter;
  registerRect: CellRect;
}

export async function drawCharts(
  _context: Excel.RequestContext,
  _specs: ChartSpec[],
  _bindings: ChartBindings[],
  _plan: WritePlan,
  _options: ChartDrawOptions,
): Promise<string[]> {
  throw new Error("charts are not available yet");
}
