/**
 * The real Office.js runtime in front of the Excel double, to count request and response bytes
 * as Excel on the web receives and sends them (issue 21).
 *
 * `@microsoft/office-js` ships the runtime Excel on the web loads (dist/excel-web-16.00.debug.js).
 * It runs in Node in a small sandbox. Every call the adapter makes on a context from
 * `teeRun` goes to two objects: the double's (which does the work and answers every read) and the
 * real runtime's (which only queues). On `context.sync()` the real runtime serialises its queue and
 * hands it to our request executor, which measures the body it would send (the UTF-8 bytes of
 * `JSON.stringify(Body)`, as the runtime's own OfficeJsRequestExecutor stringifies it), and answers
 * with the response Excel would send: `{"Results":[{"ActionId":…,"Value":…}]}` holding what each
 * load asked for, property names as Excel spells them (`Values`, `_Items`), values from the double.
 * That this is the runtime's response format is checked by feeding it back: the runtime delivers
 * those values to its own proxies (test/excel-double/real-runtime.test.ts). It is the least a
 * response must hold; Excel may add reference ids and trace ids.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the runtime's objects and request bodies are untyped JSON and proxies of many Office.js types. */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { runInContext, createContext } from "node:vm";

const RUNTIME_PATH = join(__dirname, "..", "..", "node_modules", "@microsoft", "office-js", "dist", "excel-web-16.00.debug.js");

export interface RequestSizes {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** The double's own estimate of the same request (test/support/excel/proxy.ts), when the caller gave `doubleRequestBytes`. */
  doubleRequestBytes: number | null;
}

export interface RealRuntimeMeter {
  /** One entry per sync that sent a request (a sync with nothing queued sends none). */
  requests: RequestSizes[];
  /** The last request body, for a test's inspection. */
  lastBody: string | null;
}

export const newRealMeter = (): RealRuntimeMeter => ({ requests: [], lastBody: null });

interface Runtime {
  Excel: { RequestContext: new () => RealContext };
  OfficeExtension: { ClientObject: new (...args: unknown[]) => object; ClientResult: new (...args: unknown[]) => object };
}

interface RealContext {
  workbook: object;
  sync(): Promise<void>;
  _requestExecutor: unknown;
  _pendingRequest: { _actions: { actionInfo: { Id: number } }[] };
}

let runtime: Runtime | null = null;

export function realRuntimeAvailable(): boolean {
  return existsSync(RUNTIME_PATH);
}

/** The runtime, loaded once per process in a sandbox with just enough of a browser for it to start. */
export function loadRealRuntime(): Runtime {
  if (runtime) return runtime;
  const sandbox: Record<string, unknown> = {
    console: { log: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    Promise,
    performance,
    navigator: { userAgent: "node" },
    document: {
      getElementsByTagName: () => [],
      createElement: () => ({ setAttribute: () => undefined, style: {} }),
      addEventListener: () => undefined,
      readyState: "complete",
      cookie: "",
    },
    location: { href: "https://localhost/", protocol: "https:", search: "", hash: "" },
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  createContext(sandbox);
  runInContext(readFileSync(RUNTIME_PATH, "utf8"), sandbox, { filename: "excel-web-16.00.debug.js" });
  runtime = sandbox as unknown as Runtime;
  return runtime;
}

const utf8 = new TextEncoder();
const bytesOf = (text: string) => utf8.encode(text).length;

interface Pair {
  double: any;
  real: any;
}

/**
 * Runs `batch` on a context that drives the double and the real runtime together; `meter` receives
 * the real sizes of every request. The double's answers are the ones the batch sees.
 */
export interface TeeOptions {
  /** The double's estimate of the request just sent (its driver's lastRequestBytes). */
  doubleRequestBytes?: () => number;
  /**
   * After each sync, check that the runtime delivered every loaded property of our response to its
   * own proxies as the double holds it: proof that the response is in the runtime's format.
   */
  verifyResponses?: boolean;
}

export function teeRun<T>(
  doubleRun: (batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>,
  meter: RealRuntimeMeter,
  batch: (context: Excel.RequestContext) => Promise<T>,
  options: TeeOptions = {},
): Promise<T> {
  const { Excel: RealExcel, OfficeExtension } = loadRealRuntime();
  return doubleRun(async (doubleContext) => {
    const real = new RealExcel.RequestContext();
    const pairs = new WeakMap<object, Pair>();
    // Real object path id -> both sides' objects, for the answers to loads and instantiations.
    const doubleByPath = new Map<number, any>();
    const realByPath = new Map<number, any>();
    // Real action id -> the double's ClientResult (getCount and the like).
    const resultByAction = new Map<number, any>();
    let pending: { body: any; answer: (response: unknown) => void } | null = null;
    let requested: () => void = () => undefined;

    real._requestExecutor = {
      executeAsync(_customData: unknown, _flags: unknown, message: { Body: unknown }) {
        return new Promise((answer) => {
          pending = { body: message.Body, answer };
          requested();
        });
      },
    };

    const unwrap = (value: unknown, side: keyof Pair): unknown => {
      if (value && typeof value === "object") {
        const pair = pairs.get(value);
        if (pair) return pair[side];
      }
      return value;
    };
    const isRealObject = (value: unknown) => value instanceof OfficeExtension.ClientObject;
    const isRealResult = (value: unknown) => value instanceof OfficeExtension.ClientResult;

    const wrap = (doubleObject: any, realObject: any): any => {
      if (isRealObject(realObject)) {
        const id = realObject._objectPath?.objectPathInfo?.Id;
        if (typeof id === "number") {
          doubleByPath.set(id, doubleObject);
          realByPath.set(id, realObject);
        }
      }
      const proxy: any = new Proxy(doubleObject, {
        get(target, key) {
          const value = Reflect.get(target, key);
          if (typeof key === "symbol") return value;
          if (typeof value === "function") {
            const realMethod = realObject?.[key];
            if (typeof realMethod !== "function") return value.bind(target);
            return (...args: unknown[]) => {
              const doubleResult = value.apply(target, args.map((a) => unwrap(a, "double")));
              const realResult = realMethod.apply(realObject, args.map((a) => unwrap(a, "real")));
              if (isRealResult(realResult)) {
                const actions = real._pendingRequest._actions;
                resultByAction.set(actions[actions.length - 1].actionInfo.Id, doubleResult);
                return doubleResult;
              }
              if (doubleResult === target && realResult === realObject) return proxy;
              return isRealObject(realResult) && doubleResult && typeof doubleResult === "object" ? wrap(doubleResult, realResult) : doubleResult;
            };
          }
          // Navigation properties (format, worksheets, charts …): both sides' objects, paired.
          if (value && typeof value === "object" && !Array.isArray(value) && !key.startsWith("on")) {
            let realValue: unknown;
            try {
              realValue = realObject?.[key];
            } catch {
              realValue = undefined;
            }
            if (isRealObject(realValue)) return wrap(value, realValue);
          }
          return value;
        },
        set(target, key, value) {
          Reflect.set(target, key, unwrap(value, "double"));
          if (typeof key === "string") realObject[key] = unwrap(value, "real");
          return true;
        },
      });
      pairs.set(proxy, { double: doubleObject, real: realObject });
      return proxy;
    };

    const workbook = wrap(doubleContext.workbook, real.workbook);
    const sync = async () => {
      const sent = new Promise<void>((resolve) => (requested = resolve));
      const realSync = real.sync().catch(() => undefined);
      let failure: unknown = null;
      try {
        await doubleContext.sync();
      } catch (error) {
        failure = error;
      }
      // A sync with nothing queued sends no request.
      const hasActions = await Promise.race([sent.then(() => true), realSync.then(() => false)]);
      if (hasActions && pending) {
        const { body, answer } = pending;
        pending = null;
        const requestText = JSON.stringify(body);
        const response = failure ? { Error: { Code: "GeneralException", Message: "double failed", ActionIndex: -1 } } : { Results: answersTo(body, doubleByPath, realByPath, resultByAction) };
        const responseText = JSON.stringify(response);
        meter.requests.push({
          requestBytes: bytesOf(requestText),
          responseBytes: bytesOf(responseText),
          actions: body.Actions.length,
          doubleRequestBytes: options.doubleRequestBytes?.() ?? null,
        });
        meter.lastBody = requestText;
        answer({ HttpStatusCode: 200, ErrorCode: "", ErrorMessage: "", Headers: {}, Body: JSON.parse(responseText) });
        await realSync;
        if (options.verifyResponses && !failure) verifyDelivered(body, doubleByPath, realByPath);
      }
      if (failure) throw failure;
    };
    const context = new Proxy(doubleContext, {
      get(target, key) {
        if (key === "workbook") return workbook;
        if (key === "sync") return sync;
        return Reflect.get(target, key);
      },
    });
    return batch(context);
  });
}

/** Throws unless every top-level property a load asked for reached the runtime's proxy as the double holds it. */
function verifyDelivered(body: any, doubleByPath: Map<number, any>, realByPath: Map<number, any>): void {
  for (const action of body.Actions as any[]) {
    if (action.ActionType !== 2) continue;
    const source = doubleByPath.get(action.ObjectPathId);
    const real = realByPath.get(action.ObjectPathId);
    if (source === undefined || real === undefined || isNull(source)) continue;
    for (const path of (action.QueryInfo?.Select ?? []) as string[]) {
      if (path.includes("/")) continue;
      const expected = JSON.stringify(source[path]);
      const delivered = JSON.stringify(real[path]);
      if (delivered !== expected) throw new Error(`The runtime delivered ${path} = ${delivered?.slice(0, 80)}, the double holds ${expected?.slice(0, 80)}`);
    }
  }
}

/**
 * A reference id as long as the ones Excel hands out (a GUID in braces and a counter): the exact
 * text is Excel's own; its length only matters for the bytes of later requests.
 */
function referenceId(pathId: number): string {
  return `{00000000-0000-0000-0000-000000000000}${pathId}`;
}

/** Whether a loaded *OrNullObject came back null (the double refuses the question for other objects). */
function isNull(source: any): boolean {
  try {
    return source.isNullObject === true;
  } catch {
    return false;
  }
}

const pascal = (name: string) => (name === "items" ? "_Items" : name.charAt(0).toUpperCase() + name.slice(1));

/** What Excel answers to each load and each returned value of the request, from the double's state after the sync. */
function answersTo(body: any, doubleByPath: Map<number, any>, realByPath: Map<number, any>, resultByAction: Map<number, any>): { ActionId: number; Value: unknown }[] {
  const results: { ActionId: number; Value: unknown }[] = [];
  for (const action of body.Actions as any[]) {
    if (action.ActionType === 1) {
      // An object whose path is valid only in its own request (getUsedRange(), a new sheet …) gets
      // a reference id, by which later requests address it; the runtime refuses it otherwise.
      if (realByPath.get(action.ObjectPathId)?._objectPath?.isInvalidAfterRequest) {
        results.push({ ActionId: action.Id, Value: isNull(doubleByPath.get(action.ObjectPathId)) ? null : { _ReferenceId: referenceId(action.ObjectPathId) } });
      }
    } else if (action.ActionType === 2) {
      const source = doubleByPath.get(action.ObjectPathId);
      if (source === undefined) continue;
      results.push({ ActionId: action.Id, Value: isNull(source) ? null : selected(source, action.QueryInfo?.Select ?? []) });
    } else if (resultByAction.has(action.Id)) {
      results.push({ ActionId: action.Id, Value: resultByAction.get(action.Id).value });
    }
  }
  return results;
}

/** The loaded properties as Excel's response spells them: "items/name" → {_Items: [{Name}]}. */
function selected(source: any, paths: string[]): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const nested = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.indexOf("/");
    if (slash < 0) {
      value[pascal(path)] = source[path];
    } else {
      const head = path.slice(0, slash);
      nested.set(head, [...(nested.get(head) ?? []), path.slice(slash + 1)]);
    }
  }
  for (const [head, rest] of nested) {
    const child = source[head];
    value[pascal(head)] = Array.isArray(child) ? child.map((item) => selected(item, rest)) : child && typeof child === "object" ? selected(child, rest) : null;
  }
  return value;
}
