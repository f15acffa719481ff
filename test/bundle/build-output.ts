/**
 * A production build for the bundle tests, in test-artifacts/bundle (not dist/, which a developer
 * may have built in another mode or for another origin). Rebuilt only when an input is newer than
 * the last build, so a rerun takes seconds. Several jest processes may ask at once (parallel runs
 * on a shared checkout): one builds under a lock file into a private directory and swaps it in; the
 * others wait. Callers read the files into memory (`readBuild`) so a later swap cannot pull them away.
 */
import { execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const repositoryRoot = resolve(__dirname, "..", "..");
const artifactsDir = join(repositoryRoot, "test-artifacts");
const bundleDir = join(artifactsDir, "bundle");
const lockFile = join(artifactsDir, "bundle.lock");

const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "package-lock.json", "tsconfig.json"];
const BUILD_TIMEOUT_MS = 600_000;

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestModification(join(path, entry))), stats.mtimeMs);
}

function isFresh(): boolean {
  const marker = join(bundleDir, "taskpane.html");
  const newestInput = Math.max(...INPUTS.map((input) => newestModification(join(repositoryRoot, input))));
  return existsSync(marker) && statSync(marker).mtimeMs > newestInput;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): boolean {
  try {
    closeSync(openSync(lockFile, "wx"));
    return true;
  } catch {
    // A lock older than any build could take was left by a killed run.
    if (existsSync(lockFile) && Date.now() - statSync(lockFile).mtimeMs > BUILD_TIMEOUT_MS) rmSync(lockFile, { force: true });
    return false;
  }
}

function build(): void {
  const privateDir = `${bundleDir}.${process.pid}`;
  const env = { ...process.env };
  delete env.ADDIN_ORIGIN; // the manifest in the output must keep the development origin
  delete env.WEBPACK_SERVE;
  delete env.MINIFIER;
  try {
    execFileSync(process.execPath, [require.resolve("webpack/bin/webpack.js"), "--mode", "production", "--output-path", privateDir], {
      cwd: repositoryRoot,
      env,
      stdio: "pipe",
      timeout: BUILD_TIMEOUT_MS,
    });
  } catch (error) {
    rmSync(privateDir, { recursive: true, force: true });
    const failure = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`production build failed: ${failure.message}\n${failure.stdout?.toString() ?? ""}\n${failure.stderr?.toString() ?? ""}`);
  }
  rmSync(bundleDir, { recursive: true, force: true });
  renameSync(privateDir, bundleDir);
}

/** Builds if stale (or waits for a concurrent build) and returns the output directory. */
export function productionBuild(): string {
  mkdirSync(artifactsDir, { recursive: true });
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (!isFresh()) {
    if (takeLock()) {
      try {
        if (!isFresh()) build();
      } finally {
        rmSync(lockFile, { force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for another process's build (${lockFile})`);
    sleep(1000);
  }
  return bundleDir;
}

/** Every file of the build (path relative to it, "/" separated) with its bytes. */
export function readBuild(directory: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(directory, { recursive: true })) {
    const path = join(directory, String(entry));
    if (statSync(path).isFile()) files.set(String(entry).split("\\").join("/"), readFileSync(path));
  }
  return files;
}
