// Shared test setup. jsdom lacks ResizeObserver, which Fluent UI's MessageBar uses.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
}
// Parts of the pane load lazily (a dynamic import that jest transforms on first use); on this
// loaded 2-core machine that can take longer than testing-library's 1 s default for findBy*/waitFor.
if (typeof window !== "undefined") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("@testing-library/dom") as typeof import("@testing-library/dom")).configure({ asyncUtilTimeout: 10_000 });
}
export {};
