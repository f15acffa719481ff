/**
 * The Excel enums an add-in uses, as objects like Office.js's: `Excel.ChartType.xyscatter === "XYScatter"`.
 * A key is looked up case-insensitively among the enum's values, which is how Office.js names them.
 */
const enumOf = (values: string[]): Record<string, string> =>
  new Proxy({} as Record<string, string>, {
    get: (_t, key) => (typeof key === "string" ? values.find((v) => v.toLowerCase() === key.toLowerCase()) : undefined),
    ownKeys: () => values.map((v) => v.charAt(0).toLowerCase() + v.slice(1)),
    getOwnPropertyDescriptor: (_t, key) => {
      const value = typeof key === "string" ? values.find((v) => v.toLowerCase() === key.toLowerCase()) : undefined;
      return value ? { value, enumerable: true, configurable: true } : undefined;
    },
  });

export const EXCEL_ENUMS = {
  ChartType: enumOf([
    "XYScatter", "XYScatterLines", "XYScatterLinesNoMarkers", "XYScatterSmooth", "XYScatterSmoothNoMarkers",
    "Bubble", "Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "Area",
  ]),
  ChartSeriesBy: enumOf(["Auto", "Columns", "Rows"]),
  InsertShiftDirection: enumOf(["Down", "Right"]),
  DeleteShiftDirection: enumOf(["Up", "Left"]),
  ClearApplyTo: enumOf(["All", "Formats", "Contents", "Hyperlinks", "RemoveHyperlinks"]),
  ChartMarkerStyle: enumOf(["Invalid", "Automatic", "None", "Square", "Diamond", "Triangle", "X", "Star", "Dot", "Dash", "Circle", "Plus", "Picture"]),
  ChartLineStyle: enumOf(["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Grey25", "Grey50", "Grey75", "Automatic", "RoundDot"]),
  ChartDataLabelPosition: enumOf(["Invalid", "None", "Center", "InsideEnd", "InsideBase", "OutsideEnd", "Left", "Right", "Top", "Bottom", "BestFit", "Callout"]),
  ChartLegendPosition: enumOf(["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"]),
  ChartAxisType: enumOf(["Invalid", "Category", "Value", "Series"]),
  ConditionalFormatType: enumOf(["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"]),
  ConditionalCellValueOperator: enumOf([
    "Invalid", "Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual",
  ]),
  SheetVisibility: enumOf(["Visible", "Hidden", "VeryHidden"]),
  CalculationType: enumOf(["Recalculate", "Full", "FullRebuild"]),
  RangeValueType: enumOf(["Unknown", "Empty", "String", "Integer", "Double", "Boolean", "Error", "RichValue"]),
  NamedItemType: enumOf(["String", "Integer", "Double", "Boolean", "Range", "Error", "Array"]),
  EventType: enumOf(["WorksheetChanged", "WorksheetSelectionChanged", "WorksheetActivated", "WorksheetDeactivated", "WorksheetAdded", "WorksheetDeleted"]),
  ErrorCodes: enumOf([
    "AccessDenied", "ApiNotFound", "Conflict", "GeneralException", "InsertDeleteConflict", "InvalidArgument", "InvalidBinding",
    "InvalidOperation", "InvalidReference", "InvalidSelection", "ItemAlreadyExists", "ItemNotFound", "NotImplemented",
    "RequestAborted", "RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "UnsupportedOperation",
    "InvalidOperationInCellEditMode", "PropertyNotLoaded", "NonBlankCellOffSheet", "OperationCellsExceedLimit", "MergedRangeConflict",
    "FilteredRangeConflict", "PivotTableRangeConflict", "FormulaLengthExceedsLimit", "EmptyChartSeries",
  ]),
};
