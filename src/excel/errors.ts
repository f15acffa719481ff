/**
 * Turning what Office.js throws into a HostFailure the task pane can explain. The technical
 * details (code, message, debug location) are kept so a user can pass them on.
 */
import { HOST_FAILURE_CODES, type HostFailure } from "../core/host";
import { RegisterError } from "../core/types";

type FailureCode = HostFailure["code"];

/** An Error that is also a HostFailure: thrown by the host, recognised by `isHostFailure`. */
export class HostFailureError extends Error implements HostFailure {
  readonly code: FailureCode;
  readonly details: string;
  readonly sheet?: string;
  /** For "foreign-content": what is not Partnerkaart's. */
  target?: HostFailure["target"];
  /** The error Office.js (or core) threw, for logs. */
  readonly original?: unknown;

  constructor(code: FailureCode, details: string, sheet?: string, original?: unknown) {
    super(`${code}: ${details}`);
    this.name = "HostFailureError";
    this.code = code;
    this.details = details;
    if (sheet !== undefined) this.sheet = sheet;
    if (original !== undefined) this.original = original;
  }
}

/** OfficeExtension.Error codes (Excel.ErrorCodes values) → our codes. */
const OFFICE_CODE_TO_FAILURE: Readonly<Record<string, FailureCode>> = {
  AccessDenied: "protected-sheet",
  InvalidOperationInCellEditMode: "cell-edit-mode",
  InvalidSelection: "invalid-selection",
  NonBlankCellOffSheet: "no-room-to-insert",
  InsertDeleteConflict: "insert-delete-conflict",
  MergedRangeConflict: "merged-range-conflict",
  FilteredRangeConflict: "filtered-range-conflict",
  PivotTableRangeConflict: "pivot-table-conflict",
  FormulaLengthExceedsLimit: "formula-too-long",
  EmptyChartSeries: "empty-chart-series",
  ItemNotFound: "item-not-found",
  InvalidReference: "item-not-found",
  RequestPayloadSizeLimitExceeded: "payload-too-large",
  ResponsePayloadSizeLimitExceeded: "payload-too-large",
  RangeExceedsLimit: "payload-too-large",
  OperationCellsExceedLimit: "too-many-cells",
  InvalidArgument: "invalid-argument",
  ApiNotFound: "unsupported-requirement-set",
  NotImplemented: "unsupported-requirement-set",
  UnsupportedFeature: "unsupported-requirement-set",
  GeneralException: "unknown",
};

interface OfficeLikeError {
  code?: unknown;
  message?: unknown;
  debugInfo?: { code?: unknown; message?: unknown; errorLocation?: unknown; statement?: unknown };
}

/** The OfficeExtension.Error code of `error`, if it has one ("AccessDenied", …). */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const candidate = error as OfficeLikeError;
  if (typeof candidate.code === "string") return candidate.code;
  if (typeof candidate.debugInfo?.code === "string") return candidate.debugInfo.code;
  return null;
}

function errorLocationOf(error: unknown): string {
  const location = (error as OfficeLikeError).debugInfo?.errorLocation;
  return typeof location === "string" ? location : "";
}

function technicalDetails(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const candidate = error as OfficeLikeError;
  const parts: string[] = [];
  const code = officeErrorCode(error);
  if (code) parts.push(code);
  if (typeof candidate.message === "string" && candidate.message) parts.push(candidate.message);
  const debug = candidate.debugInfo;
  if (debug) {
    if (typeof debug.errorLocation === "string" && debug.errorLocation) parts.push(`at ${debug.errorLocation}`);
    if (typeof debug.statement === "string" && debug.statement) parts.push(`statement: ${debug.statement}`);
  }
  return parts.join(" — ") || "Unknown error";
}

/**
 * Any error from a batch (Office.js, core or our own) as a HostFailureError. A HostFailure passes
 * through unchanged; a RegisterError keeps its code where the pane has a message for it.
 */
export function toHostFailure(error: unknown, sheet?: string): HostFailureError {
  if (error instanceof HostFailureError) return error;
  if (error instanceof RegisterError) {
    const code: FailureCode = error.code === "missing-column" ? "missing-column" : "no-register";
    return new HostFailureError(code, error.message, error.details.sheet ?? sheet, error);
  }
  if (isHostFailureShaped(error)) return new HostFailureError(error.code, error.details, error.sheet ?? sheet, error);
  const officeCode = officeErrorCode(error);
  let code: FailureCode = (officeCode && OFFICE_CODE_TO_FAILURE[officeCode]) || "unknown";
  // Adding a sheet is refused with AccessDenied when the workbook's structure is protected, even
  // though no sheet is: that needs another fix than an unprotected sheet.
  if (officeCode === "AccessDenied" && /^WorksheetCollection\.add/.test(errorLocationOf(error))) code = "protected-workbook";
  return new HostFailureError(code, technicalDetails(error), sheet, error);
}

const FAILURE_CODES: ReadonlySet<string> = new Set<FailureCode>(HOST_FAILURE_CODES);

function isHostFailureShaped(error: unknown): error is HostFailure {
  if (typeof error !== "object" || error === null) return false;
  const candidate = error as { code?: unknown; details?: unknown };
  return typeof candidate.code === "string" && FAILURE_CODES.has(candidate.code) && typeof candidate.details === "string";
}
