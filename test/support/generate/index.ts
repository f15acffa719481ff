/** Deterministic register generators, shared by the bench and the robustness tests. */
export { Prng } from "./prng";
export { generateRegister, GENERATED_SCALE } from "./register";
export type { ExpectedRow, GeneratedColumnKey, GeneratedRegister, RegisterLayout, RegisterSpec } from "./register";
