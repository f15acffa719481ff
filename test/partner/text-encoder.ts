/** jsdom has no TextEncoder, which the Excel double uses to count request bytes: Node's is the same API. */
import { TextDecoder, TextEncoder } from "node:util";

Object.assign(globalThis, { TextEncoder, TextDecoder });
