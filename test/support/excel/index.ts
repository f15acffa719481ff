/** The strict in-memory Excel double for tests: see driver.ts for the API and README-style notes. */
export { createExcelDouble, WorkbookDriver, DEFAULT_PAYLOAD_LIMIT_BYTES } from "./driver";
export type { ExcelDouble, WorkbookInit, SheetInit, TableInit, ChartReadback, SeriesReadback, NameReadback, TableReadback, WorkbookState } from "./driver";
export { DoubleOfficeError } from "./errors";
export type { DoubleErrorCode } from "./errors";
export { numberValue } from "./functions";
export { invalidNameReason, invalidSheetNameReason } from "./model";
export type { CellInput, Scalar } from "./model";
