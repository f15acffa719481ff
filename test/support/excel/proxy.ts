/**
 * The request/response machinery of the double, as Office.js works: proxy objects whose scalar
 * properties are readable only after `load()` + `context.sync()`; writes and method calls queued
 * and applied in order at `sync()`; `*OrNullObject` resolved at sync; collections' `items` loaded.
 *
 * A failing queued operation rejects `sync()`. Operations before it in the same batch stay
 * applied and nothing after it runs: that is what Excel does (a batch is not a transaction).
 * Loads of a failed batch are not delivered.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- proxies stand in for many Office.js types; they are typed at the double's boundary. */
import { DoubleOfficeError, fail } from "./errors";

export interface PropSpec {
  get?: (target: any, state: ObjState) => unknown;
  set?: (target: any, value: any, state: ObjState) => void;
}

export interface TypeSpec {
  typeName: string;
  props: Record<string, PropSpec>;
  navs?: Record<string, (self: ObjState) => ObjState>;
  methods?: Record<string, (self: ObjState, ...args: any[]) => unknown>;
  /** Collections: the items at load time. */
  items?: (target: any, self: ObjState) => { target: unknown; spec: TypeSpec; path: string }[];
}

export interface QueuedOp {
  /** What Office.js would send for this operation: its JSON size is the request's payload estimate. */
  describe: unknown;
  apply: (collector: LoadCollector) => void;
}

export interface LoadCollector {
  deliver(state: ObjState, key: string, value: unknown): void;
  deliverResult(result: ClientResultDouble<unknown>, value: unknown): void;
}

export interface SyncHooks {
  /** Called before a request is applied; may wait (delayForCellEdit) or throw. */
  beforeRequest(ctx: RequestContextDouble, ops: QueuedOp[]): Promise<void>;
  /** Request/response sizes in bytes, after a request completed or failed. */
  recordSizes(requestBytes: number, responseBytes: number): void;
  payloadLimitBytes(): number;
  /** After a request (also a failed one, whose earlier operations stay applied): fires the change events. */
  afterRequest(ctx: RequestContextDouble): Promise<void>;
  /** Lets a test make the n-th operation of a request fail. */
  injectedFailure(opIndex: number): DoubleOfficeError | null;
  /** The requirement set `typeName.member` needs when the workbook's Excel lacks it, else null. */
  missingSet(typeName: string, member: string): string | null;
}

export class ClientResultDouble<T> {
  private loaded = false;
  private result: T | undefined;

  get value(): T {
    if (!this.loaded) {
      throw new DoubleOfficeError("PropertyNotLoaded", "ClientResult.value", "read before context.sync()", "value");
    }
    return this.result as T;
  }

  commit(value: T): void {
    this.result = value;
    this.loaded = true;
  }
}

const RESERVED = new Set(["context", "load", "isNullObject", "toJSON", "track", "untrack", "set", "$state", "then"]);

export class ObjState {
  readonly loaded = new Map<string, unknown>();
  isNull: boolean | undefined;
  readonly proxy: any;
  private memo: { target: unknown } | null = null;
  private resolveError: unknown = null;
  private readonly navCache = new Map<string, ObjState>();

  constructor(
    readonly ctx: RequestContextDouble,
    readonly spec: TypeSpec,
    private readonly resolver: () => unknown,
    readonly nullable: boolean,
    readonly path: string,
  ) {
    this.proxy = new Proxy({}, this.handler());
  }

  static resolved(ctx: RequestContextDouble, spec: TypeSpec, target: unknown, path: string): ObjState {
    const state = new ObjState(ctx, spec, () => target, false, path);
    state.memo = { target };
    state.isNull = false;
    return state;
  }

  resolveNow(): void {
    if (this.memo || this.resolveError) return;
    try {
      const target = this.resolver();
      this.memo = { target: target ?? null };
      if (target === null || target === undefined) {
        if (!this.nullable) {
          this.memo = null;
          this.resolveError = new DoubleOfficeError("ItemNotFound", this.path);
        }
      }
    } catch (error) {
      if (this.nullable && error instanceof DoubleOfficeError && error.code === "ItemNotFound") this.memo = { target: null };
      else this.resolveError = error;
    }
  }

  /** The model object behind this proxy; throws as Excel does when it is missing. */
  target(location = this.path): any {
    this.resolveNow();
    if (this.resolveError) throw this.resolveError;
    if (this.memo!.target === null) fail("ItemNotFound", location, `${this.path} is a null object`);
    return this.memo!.target;
  }

  targetOrNull(): any {
    this.resolveNow();
    if (this.resolveError) throw this.resolveError;
    return this.memo!.target;
  }

  isResolvedNull(): boolean {
    return this.memo !== null && this.memo.target === null;
  }

  nav(name: string): ObjState {
    let child = this.navCache.get(name);
    if (!child) {
      child = this.spec.navs![name](this);
      this.navCache.set(name, child);
    }
    return child;
  }

  /** A child object made by a method call (getRange, getItemOrNullObject…): resolved in queue order. */
  child(
    spec: TypeSpec,
    resolver: (parentTarget: any) => unknown,
    options: { nullable?: boolean; strict?: boolean; path: string; payload?: unknown },
  ): any {
    const state = new ObjState(this.ctx, spec, () => resolver(this.target()), options.nullable ?? false, options.path);
    this.ctx.enqueue(
      {
        describe: { create: options.path, args: options.payload },
        // add(), insert() and other creating calls fail the batch; getItem() of a missing item fails only when used.
        apply: () => (options.strict ? void state.target() : state.resolveNow()),
      },
      state,
    );
    return state.proxy;
  }

  /** A child sharing this object's target (navigation properties: range.format, chart.axes…). */
  derived(spec: TypeSpec, name: string, map: (target: any) => unknown = (t) => t): ObjState {
    return new ObjState(this.ctx, spec, () => map(this.target()), false, `${this.path}.${name}`);
  }

  /** Queues a method call or property write. */
  queue(name: string, payload: unknown, apply: (target: any) => void): void {
    this.ctx.enqueue({
      describe: { path: this.path, call: name, args: payload },
      apply: () => apply(this.target(`${this.spec.typeName}.${name}`)),
    });
  }

  /** Queues a method call whose result arrives at sync (ClientResult). */
  queueResult<T>(name: string, payload: unknown, compute: (target: any) => T): ClientResultDouble<T> {
    const result = new ClientResultDouble<T>();
    this.ctx.enqueue({
      describe: { path: this.path, call: name, args: payload },
      apply: (collector) => collector.deliverResult(result as ClientResultDouble<unknown>, compute(this.target(`${this.spec.typeName}.${name}`))),
    });
    return result;
  }

  private handler(): ProxyHandler<object> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the proxy traps need the state, not the target object.
    const state = this;
    return {
      get(_obj, prop) {
        if (typeof prop === "symbol") return undefined;
        const spec = state.spec;
        switch (prop) {
          case "then":
            return undefined;
          case "$state":
            return state;
          case "context":
            return state.ctx.proxy;
          case "load":
            return (options?: unknown) => {
              state.ctx.enqueue({
                describe: { path: state.path, load: options ?? "*" },
                apply: (collector) => collectLoad(state, parseLoadOptions(options), collector),
              });
              return state.proxy;
            };
          case "isNullObject":
            if (state.isNull === undefined) {
              throw new DoubleOfficeError("PropertyNotLoaded", `${spec.typeName}.isNullObject`, "read before context.sync()", "isNullObject");
            }
            return state.isNull;
          case "toJSON":
            return () => Object.fromEntries([...state.loaded].map(([k, v]) => [k, Array.isArray(v) && k === "items" ? v.map((p) => p.toJSON()) : v]));
          case "track":
          case "untrack":
            return () => state.proxy;
          case "set":
            return (values: Record<string, unknown>) => {
              for (const [key, value] of Object.entries(values)) {
                if (spec.navs?.[key] && value && typeof value === "object") state.nav(key).proxy.set(value);
                else state.proxy[key] = value;
              }
            };
        }
        if (spec.items && prop === "items") return readLoaded(state, "items");
        if (spec.props[prop]) {
          if (state.isNull) return null;
          return readLoaded(state, prop);
        }
        if (spec.navs?.[prop]) {
          refuseIfUnsupported(state, prop);
          return state.nav(prop).proxy;
        }
        const method = spec.methods?.[prop];
        if (method) {
          return (...args: unknown[]) => {
            refuseIfUnsupported(state, prop);
            return method(state, ...args);
          };
        }
        return undefined;
      },
      set(_obj, prop, value) {
        if (typeof prop === "symbol" || RESERVED.has(prop)) return false;
        const setter = state.spec.props[prop]?.set;
        if (!setter) {
          throw new TypeError(`The double's ${state.spec.typeName}.${prop} cannot be set (read-only in Excel or not modelled).`);
        }
        refuseIfUnsupported(state, prop);
        // Office.js keeps the written value on the proxy, so reading it back needs no load.
        state.loaded.set(prop, value);
        state.ctx.enqueue({
          describe: { path: state.path, set: prop, value },
          apply: () => setter(state.target(`${state.spec.typeName}.${prop}`), value, state),
        });
        return true;
      },
      has(_obj, prop) {
        return typeof prop === "string" && (prop in state.spec.props || !!state.spec.navs?.[prop] || !!state.spec.methods?.[prop]);
      },
    };
  }
}

/**
 * A member above the workbook's requirement sets: Office.js sends the call and Excel fails the
 * batch with ApiNotFound at that statement (nothing after it runs).
 */
function refuseIfUnsupported(state: ObjState, member: string): void {
  const missing = state.ctx.missingSet(state.spec.typeName, member);
  if (!missing) return;
  const location = `${state.spec.typeName}.${member}`;
  state.ctx.enqueue({
    describe: { path: state.path, call: member },
    apply: () => fail("ApiNotFound", location, `${location} needs ${missing}, which this Excel does not support`),
  });
}

function assertLoadable(state: ObjState, prop: string): void {
  const missing = state.ctx.missingSet(state.spec.typeName, prop);
  if (missing) fail("ApiNotFound", `${state.spec.typeName}.${prop}`, `loading ${state.spec.typeName}.${prop} needs ${missing}`);
}

function readLoaded(state: ObjState, prop: string): unknown {
  if (!state.loaded.has(prop)) {
    throw new DoubleOfficeError("PropertyNotLoaded", `${state.spec.typeName}.${prop}`, `${state.path}.${prop} was not loaded`, prop);
  }
  return state.loaded.get(prop);
}

type LoadPaths = string[][] | "all";

/** load("a, b/c"), load(["a", "b.c"]), load({ select: "a,b", expand: "c" }), load({ a: true, b: { c: true } }). */
export function parseLoadOptions(options: unknown): LoadPaths {
  if (options === undefined || options === null) return "all";
  const fromStrings = (list: string[]) =>
    list
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => s.split(/[/.]/));
  if (typeof options === "string") return fromStrings([options]);
  if (Array.isArray(options)) return fromStrings(options as string[]);
  if (typeof options === "object") {
    const o = options as Record<string, unknown>;
    if (typeof o.select === "string" || typeof o.expand === "string") {
      return fromStrings([String(o.select ?? ""), String(o.expand ?? "")]);
    }
    const out: string[][] = [];
    const walk = (obj: Record<string, unknown>, prefix: string[]) => {
      for (const [key, value] of Object.entries(obj)) {
        if (value === true) out.push([...prefix, key]);
        else if (value && typeof value === "object") walk(value as Record<string, unknown>, [...prefix, key]);
      }
    };
    walk(o, []);
    return out;
  }
  fail("InvalidArgument", "load", `cannot load ${String(options)}`);
}

function collectLoad(state: ObjState, paths: LoadPaths, collector: LoadCollector): void {
  const target = state.targetOrNull();
  if (target === null) return;
  const spec = state.spec;
  if (spec.items) {
    const itemPaths: string[][] = [];
    let allItems = paths === "all";
    if (paths !== "all") {
      for (const path of paths) {
        if (path[0] === "items") {
          if (path.length === 1) allItems = true;
          else itemPaths.push(path.slice(1));
        } else if (spec.props[path[0]] && path.length === 1) {
          assertLoadable(state, path[0]);
          collector.deliver(state, path[0], spec.props[path[0]].get!(target, state));
        } else itemPaths.push(path);
      }
    }
    const items = spec.items(target, state).map(({ target: itemTarget, spec: itemSpec, path }) =>
      ObjState.resolved(state.ctx, itemSpec, itemTarget, path),
    );
    for (const item of items) collectLoad(item, allItems ? "all" : itemPaths, collector);
    collector.deliver(state, "items", items.map((item) => item.proxy));
    return;
  }
  if (paths === "all") {
    // load() without arguments loads the scalar properties this Excel has.
    for (const [key, prop] of Object.entries(spec.props)) {
      if (prop.get && !state.ctx.missingSet(spec.typeName, key)) collector.deliver(state, key, prop.get(target, state));
    }
    return;
  }
  const navGroups = new Map<string, string[][]>();
  for (const path of paths) {
    const head = path[0];
    if (spec.props[head]?.get && path.length === 1) {
      assertLoadable(state, head);
      collector.deliver(state, head, spec.props[head].get!(target, state));
    } else if (spec.navs?.[head]) {
      assertLoadable(state, head);
      const group = navGroups.get(head) ?? [];
      if (path.length > 1) group.push(path.slice(1));
      navGroups.set(head, group);
    } else {
      fail("InvalidArgument", `${spec.typeName}.load`, `${spec.typeName} has no property "${path.join("/")}" in the double`);
    }
  }
  for (const [nav, group] of navGroups) collectLoad(state.nav(nav), group.length ? group : "all", collector);
}

export class RequestContextDouble {
  readonly proxy: any;
  private pending: QueuedOp[] = [];
  private created: ObjState[] = [];
  workbook: any = null;

  constructor(
    private readonly hooks: SyncHooks,
    readonly options: { delayForCellEdit: boolean },
  ) {
    const getWorkbook = () => this.workbook;
    this.proxy = {
      get workbook() {
        return getWorkbook();
      },
      sync: () => this.sync(),
      trackedObjects: { add: () => undefined, remove: () => undefined },
      $double: this,
    };
  }

  enqueue(op: QueuedOp, created?: ObjState): void {
    this.pending.push(op);
    if (created) this.created.push(created);
  }

  missingSet(typeName: string, member: string): string | null {
    return this.hooks.missingSet(typeName, member);
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  async sync(): Promise<void> {
    const ops = this.pending;
    const created = this.created;
    this.pending = [];
    this.created = [];
    await this.hooks.beforeRequest(this, ops);
    const requestBytes = byteLength(ops.map((op) => op.describe)) + ops.length * REQUEST_BYTES_PER_OPERATION;
    if (requestBytes > this.hooks.payloadLimitBytes()) {
      this.hooks.recordSizes(requestBytes, 0);
      await this.hooks.afterRequest(this);
      throw new DoubleOfficeError(
        "RequestPayloadSizeLimitExceeded",
        "RequestContext.sync",
        `request of ${requestBytes} bytes exceeds ${this.hooks.payloadLimitBytes()}`,
      );
    }
    const deliveries: (() => void)[] = [];
    const response: unknown[] = [];
    const collector: LoadCollector = {
      deliver: (state, key, value) => {
        response.push(key === "items" ? (value as unknown[]).length : value);
        deliveries.push(() => state.loaded.set(key, value));
      },
      deliverResult: (result, value) => {
        response.push(value);
        deliveries.push(() => result.commit(value));
      },
    };
    try {
      ops.forEach((op, index) => {
        const injected = this.hooks.injectedFailure(index);
        if (injected) throw injected;
        op.apply(collector);
      });
    } catch (error) {
      this.hooks.recordSizes(requestBytes, 0);
      await this.hooks.afterRequest(this);
      if (error instanceof DoubleOfficeError) throw error;
      // A bug in the double or an unexpected argument: surface it as Excel's catch-all.
      const wrapped = new DoubleOfficeError("GeneralException", "RequestContext.sync", String((error as Error)?.stack ?? error));
      throw wrapped;
    }
    const responseBytes = byteLength(response);
    this.hooks.recordSizes(requestBytes, responseBytes);
    if (responseBytes > this.hooks.payloadLimitBytes()) {
      await this.hooks.afterRequest(this);
      throw new DoubleOfficeError("ResponsePayloadSizeLimitExceeded", "RequestContext.sync", `response of ${responseBytes} bytes`);
    }
    for (const deliver of deliveries) deliver();
    for (const state of created) state.isNull = state.isResolvedNull();
    await this.hooks.afterRequest(this);
  }
}

/**
 * What Office.js sends beyond an operation's own arguments: an action, and for every object it
 * reaches an object path and an instantiate action (navigation objects like range.format too). The
 * real runtime (excel-web-16.00.debug.js, test/support/office-runtime.ts) sent 42–144 bytes more
 * per operation of ours than our description of it, in reads and applies with and without the
 * chart; this is that with room, so the estimate is never below the real request
 * (test/excel-double/real-runtime.test.ts).
 */
const REQUEST_BYTES_PER_OPERATION = 200;

// TextEncoder rather than Node's Buffer, so the double also runs in a browser (the pane's browser test).
const utf8 = new TextEncoder();

function byteLength(value: unknown): number {
  return utf8.encode(JSON.stringify(value, (_k, v) => (v && typeof v === "object" && v.$state instanceof ObjState ? v.$state.path : v))).length;
}
