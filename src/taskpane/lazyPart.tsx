import { useEffect, useState, type ComponentType, type ReactNode } from "react";

/**
 * A component whose code is downloaded the first time it is shown (a separate chunk), rendering
 * `fallback` until then. A plain state update when the code arrives, rather than React.lazy and
 * Suspense, so the pane's tests and a slow download take the same path as every other async update.
 * A failed download shows the fallback and is tried again the next time the part is shown.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P & { fallback?: ReactNode }> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  function LazyPart({ fallback = null, ...props }: P & { fallback?: ReactNode }) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let mounted = true;
      pending ??= load().then((component) => (loaded = component));
      pending.then(
        (component) => mounted && setComponent(() => component),
        () => (pending = null),
      );
      return () => {
        mounted = false;
      };
    }, [Component]);
    return Component ? <Component {...(props as P)} /> : <>{fallback}</>;
  }
  return LazyPart;
}
