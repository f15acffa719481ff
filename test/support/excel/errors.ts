/**
 * Errors shaped like OfficeExtension.Error: `code` (an Excel.ErrorCodes value), `message` (Office's
 * English text for that code) and `debugInfo` (code, message, errorLocation).
 */
export type DoubleErrorCode =
  | "AccessDenied"
  | "GeneralException"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "InvalidOperationInCellEditMode"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "PropertyNotLoaded"
  | "InvalidObjectPath"
  | "ApiNotFound"
  | "InvalidSelection"
  | "NonBlankCellOffSheet"
  | "OperationCellsExceedLimit"
  | "InsertDeleteConflict"
  | "MergedRangeConflict"
  | "FilteredRangeConflict"
  | "PivotTableRangeConflict"
  | "FormulaLengthExceedsLimit"
  | "EmptyChartSeries";

// Office's own English messages for these codes (office_strings.js / the Excel error-code table in
// "Error handling with the application-specific JavaScript APIs", learn.microsoft.com).
const MESSAGES: Record<DoubleErrorCode, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The requested operation is invalid.",
  InvalidReference: "This reference is not valid for the current operation.",
  ItemAlreadyExists: "The resource being created already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  InvalidOperationInCellEditMode:
    "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  RequestPayloadSizeLimitExceeded:
    "The request payload size has exceeded the limit. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  ResponsePayloadSizeLimitExceeded:
    "The response payload size has exceeded the limit. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ApiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of the Office application. See Office client application and platform availability for Office Add-ins for more information.",
  InvalidSelection: "The current selection is invalid for this operation.",
  NonBlankCellOffSheet:
    "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet. These non-empty cells might appear empty but have blank values, some formatting, or a formula. Delete enough rows or columns to make room for what you want to insert and then try again.",
  OperationCellsExceedLimit: "The attempted operation affects more than the limit of 33554000 cells.",
  InsertDeleteConflict: "The insert or delete operation attempted resulted in a conflict.",
  MergedRangeConflict:
    "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
  FilteredRangeConflict: "The attempted operation causes a conflict with a filtered range.",
  PivotTableRangeConflict: "The attempted operation causes a conflict with a PivotTable range.",
  FormulaLengthExceedsLimit: "The bytecode of the applied formula exceeds the maximum length limit.",
  EmptyChartSeries: "The attempted operation failed because the chart series is empty.",
  InvalidObjectPath:
    "The object path '{0}' isn't working for what you're trying to do. If you're using the object across multiple \"context.sync\" calls and outside the sequential execution of a \".run\" batch, please use the \"context.trackedObjects.add()\" and \"context.trackedObjects.remove()\" methods to manage the object's lifetime.",
};

export interface DoubleDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  /** The double's own explanation (which sheet, which address), for test failure output. */
  details?: string;
}

/** Mirrors OfficeExtension.Error's public shape. */
export class DoubleOfficeError extends Error {
  readonly code: DoubleErrorCode;
  readonly debugInfo: DoubleDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(code: DoubleErrorCode, errorLocation?: string, details?: string, messageArg?: string) {
    const message = MESSAGES[code].replace("{0}", messageArg ?? "");
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation, details };
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

export function fail(code: DoubleErrorCode, errorLocation: string, details?: string): never {
  throw new DoubleOfficeError(code, errorLocation, details);
}
