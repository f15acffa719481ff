export * from "./types";
export { planWrite, labelTableFor, existingPlannedColumns, REGISTER_COLUMN_ORDER, PARAMETER_LAYOUT } from "./plan";
export { plannedTargetsOverlapUserContent, userCellsTargetedByPlan, type UserCellConflict } from "./check";
export { describePlan, type PlanDescription } from "./describe";
export { splitBlockByBytes, cellPayloadBytes, OFFICE_REQUEST_BUDGET_BYTES } from "./chunks";
export { toFileFormula, quoteSheetName, absoluteReference, XLFN_FUNCTIONS } from "./formulas";
export * from "./names";
export { PLAN_COLORS } from "./palette";
