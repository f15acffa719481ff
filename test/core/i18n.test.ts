import { t } from "../../src/core/i18n";

describe("core messages", () => {
  it("fills placeholders in the user's language", () => {
    expect(t("nl", "skip.missing-influence", { row: 8, column: "B" })).toBe("rij 8: geen invloedscore in kolom B");
    expect(t("en", "skip.missing-influence", { row: 8, column: "B" })).toBe("row 8: no influence score in column B");
  });
  it("leaves a placeholder without a parameter as it is, and fills one that occurs twice", () => {
    expect(t("en", "skip.missing-influence", { row: 8 })).toBe("row 8: no influence score in column {column}");
    expect(t("en", "skip.missing-influence", { row: "{column}", column: "B" })).toBe("row {column}: no influence score in column B");
    // A parameter named like an Object property is a parameter, not the prototype's.
    expect(t("en", "skip.missing-influence", { row: 1, column: "B", constructor: "x" })).toBe("row 1: no influence score in column B");
  });
  it("uses the framework's Dutch strategy labels", () => {
    expect(t("nl", "strategy.reduce-dependency")).toBe("Afhankelijkheid verminderen");
  });
});
