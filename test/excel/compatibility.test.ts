import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compatibilityTable, FEATURES, README_END, README_START } from "../../scripts/compatibility-table";

const ROOT = join(__dirname, "..", "..");

describe("the README's compatibility table", () => {
  test("equals what scripts/compatibility-table.ts prints from the double's member table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(readme.slice(start, end + README_END.length)).toBe(compatibilityTable());
  });

  test("names only members src/excel really uses", () => {
    // Recursive: the applier is a folder of its own (src/excel/apply/).
    const adapter = readdirSync(join(ROOT, "src", "excel"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => readFileSync(join(ROOT, "src", "excel", file), "utf8"))
      .join("\n");
    for (const feature of FEATURES) {
      for (const qualified of feature.members) {
        const member = qualified.split(".")[1];
        expect({ qualified, used: new RegExp(`\\b${member}\\b`).test(adapter) }).toEqual({ qualified, used: true });
      }
    }
  });
});
