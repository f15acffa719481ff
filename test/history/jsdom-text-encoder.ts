/** jsdom has no TextEncoder, which the Excel double uses to measure request bytes: Node's, imported first. */
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextEncoder, TextDecoder });
