import { HOST_FAILURE_CODES, isHostFailure } from "../../src/core/host";
import { en } from "../../src/taskpane/i18n/en";
import { nl } from "../../src/taskpane/i18n/nl";
import { RegisterError } from "../../src/core/types";
import { HostFailureError, toHostFailure } from "../../src/excel/errors";
import { languageOf, themeOf } from "../../src/excel/host";

/** An error shaped like OfficeExtension.Error (what Excel.run rejects with). */
function officeError(code: string, message: string, errorLocation?: string) {
  return Object.assign(new Error(message), { name: "RichApi.Error", code, debugInfo: { code, message, errorLocation } });
}

describe("Office errors become HostFailures the pane can explain", () => {
  test.each([
    ["AccessDenied", "protected-sheet"],
    ["InvalidOperationInCellEditMode", "cell-edit-mode"],
    ["ItemNotFound", "item-not-found"],
    ["RequestPayloadSizeLimitExceeded", "payload-too-large"],
    ["ResponsePayloadSizeLimitExceeded", "payload-too-large"],
    ["InvalidArgument", "invalid-argument"],
    ["ApiNotFound", "unsupported-requirement-set"],
    ["InvalidSelection", "invalid-selection"],
    ["NonBlankCellOffSheet", "no-room-to-insert"],
    ["InsertDeleteConflict", "insert-delete-conflict"],
    ["MergedRangeConflict", "merged-range-conflict"],
    ["FilteredRangeConflict", "filtered-range-conflict"],
    ["PivotTableRangeConflict", "pivot-table-conflict"],
    ["FormulaLengthExceedsLimit", "formula-too-long"],
    ["EmptyChartSeries", "empty-chart-series"],
    ["OperationCellsExceedLimit", "too-many-cells"],
    ["GeneralException", "unknown"],
  ])("%s → %s, with code, message and location kept", (officeCode, failureCode) => {
    const failure = toHostFailure(officeError(officeCode, "Office said no.", "Range.values"), "Partners");
    expect(isHostFailure(failure)).toBe(true);
    expect(failure.code).toBe(failureCode);
    expect(failure.details).toContain(officeCode);
    expect(failure.details).toContain("Office said no.");
    expect(failure.details).toContain("Range.values");
    expect(failure.sheet).toBe("Partners");
  });

  test("AccessDenied on adding a sheet is the workbook's structure protection, elsewhere the sheet's", () => {
    expect(toHostFailure(officeError("AccessDenied", "no", "WorksheetCollection.add")).code).toBe("protected-workbook");
    expect(toHostFailure(officeError("AccessDenied", "no", "Range.values")).code).toBe("protected-sheet");
  });

  test("every failure code has its own message in both languages", () => {
    const messages = (catalog: Record<string, string>) => HOST_FAILURE_CODES.map((code) => catalog[`failure.${code}`]);
    for (const catalog of [en, nl]) {
      const texts = messages(catalog);
      expect(texts.every((text) => typeof text === "string" && text.length > 0)).toBe(true);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  test("a register error keeps its code and names the sheet", () => {
    const missing = toHostFailure(new RegisterError("missing-column", "no influence column", { sheet: "Blad1", concept: "influence" }));
    expect(missing.code).toBe("missing-column");
    expect(missing.sheet).toBe("Blad1");
    expect(toHostFailure(new RegisterError("no-register", "nothing here", { sheet: "Blad2" })).code).toBe("no-register");
  });

  test("a HostFailure passes through unchanged; anything else is unknown with its text", () => {
    const original = new HostFailureError("register-changed", "B7 differs", "Partners");
    expect(toHostFailure(original)).toBe(original);
    const plain = toHostFailure(new TypeError("x is undefined"));
    expect(plain.code).toBe("unknown");
    expect(plain.details).toContain("x is undefined");
  });
});

describe("display language and theme", () => {
  test.each([
    ["nl-NL", "nl"],
    ["nl-BE", "nl"],
    ["NL", "nl"],
    ["en-US", "en"],
    ["de-DE", "en"],
    [undefined, "en"],
  ])("%s → %s", (displayLanguage, language) => {
    expect(languageOf(displayLanguage)).toBe(language);
  });

  test("a dark body background gives the dark theme", () => {
    expect(themeOf({ bodyBackgroundColor: "#1F1F1F" })).toBe("dark");
    expect(themeOf({ bodyBackgroundColor: "#FFFFFF" })).toBe("light");
    expect(themeOf(null)).toBe("light");
  });
});
