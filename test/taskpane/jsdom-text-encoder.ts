/**
 * jsdom has no TextEncoder, which the Excel double uses to weigh requests. Imported first by pane
 * tests that run the double, so it is in place before the double's modules load.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "node:util";

const scope = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
scope.TextEncoder ??= NodeTextEncoder;
scope.TextDecoder ??= NodeTextDecoder;
