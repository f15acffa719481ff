/**
 * Bundles ./entry.ts (the Excel double, HyperFormula and the Office stand-in) into one classic
 * script for the browser, with esbuild's JS API. In memory: a build takes well under a second.
 */
import { build } from "esbuild";
import { join } from "node:path";

export async function buildTestHostScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, "entry.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "silent",
    // The double reads .xlsx files through a dynamic import of exceljs; the page never does (the test
    // reads the file in Node), so exceljs stays out of the bundle.
    external: ["exceljs"],
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return result.outputFiles[0].text;
}
