import { t } from "../../src/core/i18n";

describe("core messages", () => {
  it("fills placeholders in the user's language", () => {
    expect(t("nl", "skip.missing-influence", { row: 8, column: "B" })).toBe("rij 8: geen invloedscore in kolom B");
    expect(t("en", "skip.missing-influence", { row: 8, column: "B" })).toBe("row 8: no influence score in column B");
  });
  it("uses the framework's Dutch strategy labels", () => {
    expect(t("nl", "strategy.reduce-dependency")).toBe("Afhankelijkheid verminderen");
  });
});
