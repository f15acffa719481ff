/**
 * LibreOffice as a second spreadsheet engine for the tests: it opens a workbook with every formula
 * recomputed on load (OOXMLRecalcMode 0 = always, so values never come from a cache) and saves it
 * as another format. CI installs it; elsewhere the tests that need it are skipped with a warning.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The soffice binary, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  for (const candidate of ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"]) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Converts `files` into `outDir` as `target` (a --convert-to filter string) with every formula
 * recomputed on load, using a fresh LibreOffice profile in `profileDir`.
 */
export function convertRecalculated(soffice: string, files: string[], target: string, outDir: string, profileDir: string): void {
  mkdirSync(join(profileDir, "user"), { recursive: true });
  writeFileSync(
    join(profileDir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  execFileSync(soffice, [`-env:UserInstallation=file://${profileDir}`, "--headless", "--norestore", "--convert-to", target, "--outdir", outDir, ...files], { stdio: "pipe", timeout: 120_000 });
}
