import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The shared fixture registers beside the repository (`../shared/fixtures`): CI always has them, a
 * user's clone does not. PK_FIXTURES points elsewhere (or at nothing, to try the fallbacks).
 * Suites reach them through `withFixture`, never with an `existsSync` of their own.
 */
export const SHARED_FIXTURES = process.env.PK_FIXTURES ?? resolve(__dirname, "../../../shared/fixtures");

/**
 * The path of a shared fixture (`name`) or of the fixtures folder (no name), or null when it is
 * absent on this machine. Under CI (`CI` set) an absent fixture throws instead: CI always has the
 * fixtures, so a suite must not pass there by leaving them out.
 */
export function withFixture(name?: string): string | null {
  const path = name === undefined ? SHARED_FIXTURES : join(SHARED_FIXTURES, name);
  if (existsSync(path)) return path;
  if (process.env.CI) {
    throw new Error(`Shared fixture missing under CI: ${path}. CI must provide ../shared/fixtures (or PK_FIXTURES).`);
  }
  return null;
}
