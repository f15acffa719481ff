/** Small constructors for planned cells, shared by the planning steps. */
import type { Language } from "../host";
import type { Position } from "../types";
import type { PlanCell } from "./types";

export const text = (value: string): PlanCell => ({ kind: "text", value });
export const num = (value: number): PlanCell => ({ kind: "number", value });
export const formula = (f: string): PlanCell => ({ kind: "formula", formula: f });
export const EMPTY: PlanCell = { kind: "empty" };

export const POSITIONS: readonly Position[] = ["above", "below"];
/** Every language a plan can be written in: an earlier run in another language wrote cells that are ours too. */
export const LANGUAGES: readonly Language[] = ["nl", "en"];

/** Contiguous row bands of data rows (0-based, inclusive). */
export interface RowBand {
  first: number;
  last: number;
}
