/**
 * fast-check with a fixed seed and a bounded number of runs, so the robustness tests are
 * deterministic and quick. On failure the message says how to replay exactly that case.
 *   PK_FC_SEED=<seed> PK_FC_PATH=<path> npx jest <test file>
 * PK_FC_SEED alone explores other cases (e.g. a nightly run with a random seed).
 */
import fc from "fast-check";

export interface CheckOptions {
  seed: number;
  numRuns: number;
  /** The test file, for the replay hint. */
  file: string;
}

export function checkProperty<Ts>(property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, options: CheckOptions): void | Promise<void> {
  const seed = process.env.PK_FC_SEED !== undefined ? Number(process.env.PK_FC_SEED) : options.seed;
  const path = process.env.PK_FC_PATH;
  const parameters: fc.Parameters<Ts> = { seed, numRuns: options.numRuns, ...(path ? { path, endOnFailure: true } : {}) };
  const explain = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    // fast-check 4 keeps the failing assertion as the cause; show it, not only the counterexample.
    const cause = error instanceof Error && error.cause instanceof Error ? `\n\nFailure: ${error.cause.message}` : "";
    const found = /seed: (-?\d+), path: "([^"]*)"/.exec(message);
    const replay = found
      ? `PK_FC_SEED=${found[1]} PK_FC_PATH=${found[2]} npx jest ${options.file}`
      : `PK_FC_SEED=${seed} npx jest ${options.file}`;
    throw new Error(`${message}${cause}\n\nReplay this case: ${replay}`);
  };
  if ((property as fc.IAsyncProperty<Ts>).isAsync()) {
    return fc.assert(property as fc.IAsyncProperty<Ts>, parameters).catch(explain);
  }
  try {
    fc.assert(property as fc.IProperty<Ts>, parameters);
  } catch (error) {
    explain(error);
  }
}
