/**
 * A production build for the bundle tests, in test-artifacts/bundle (not dist/, which a developer
 * may have built in another mode or for another origin). Rebuilt only when an input is newer than
 * the last build, so a rerun of the tests takes seconds.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const repositoryRoot = resolve(__dirname, "..", "..");
export const bundleDir = join(repositoryRoot, "test-artifacts", "bundle");

const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "package-lock.json", "tsconfig.json"];

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestModification(join(path, entry))), stats.mtimeMs);
}

/** Builds (if stale) and returns the output directory. Throws with webpack's output if the build fails. */
export function productionBuild(): string {
  const marker = join(bundleDir, "taskpane.html");
  const newestInput = Math.max(...INPUTS.map((input) => newestModification(join(repositoryRoot, input))));
  if (existsSync(marker) && statSync(marker).mtimeMs > newestInput) return bundleDir;
  const env = { ...process.env };
  delete env.ADDIN_ORIGIN; // the manifest in the output must keep the development origin
  delete env.WEBPACK_SERVE;
  delete env.MINIFIER;
  try {
    execFileSync(process.execPath, [require.resolve("webpack/bin/webpack.js"), "--mode", "production", "--output-path", bundleDir], {
      cwd: repositoryRoot,
      env,
      stdio: "pipe",
      timeout: 300_000,
    });
  } catch (error) {
    const failure = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`production build failed: ${failure.message}\n${failure.stdout?.toString() ?? ""}\n${failure.stderr?.toString() ?? ""}`);
  }
  return bundleDir;
}
