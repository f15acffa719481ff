import { resolve } from "node:path";

/**
 * The shared fixture registers beside the repository (`../shared/fixtures`): CI always has them, a
 * user's clone does not, so every suite that uses them checks that the folder exists. PK_FIXTURES
 * points elsewhere (or at nothing, to try the fallbacks).
 */
export const SHARED_FIXTURES = process.env.PK_FIXTURES ?? resolve(__dirname, "../../../shared/fixtures");
