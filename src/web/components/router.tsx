import { useSyncExternalStore, type MouseEvent, type ReactNode } from "react";

/**
 * A minimal client-side router for the staff apps (/workbench/…, /admin/…): the path from
 * `location`, `navigate` pushes history, `<Link>` intercepts plain clicks. The server answers every
 * path under the app's prefix with the same shell, so reloads and deep links work.
 */
const listeners = new Set<() => void>();
function subscribe(l: () => void) {
  listeners.add(l);
  window.addEventListener("popstate", l);
  return () => {
    listeners.delete(l);
    window.removeEventListener("popstate", l);
  };
}

export function navigate(to: string): void {
  window.history.pushState(null, "", to);
  for (const l of listeners) l();
}

export function usePath(serverPath: string): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => serverPath,
  );
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  function click(e: MouseEvent<HTMLAnchorElement>) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={click}>
      {children}
    </a>
  );
}

/** Picks the first route whose pattern matches (`:name` segments become params). */
export function matchRoute<R>(
  path: string,
  routes: [pattern: string, render: (params: Record<string, string>) => R][],
): R | undefined {
  const parts = path.replace(/\/+$/, "").split("/");
  for (const [pattern, render] of routes) {
    const want = pattern.replace(/\/+$/, "").split("/");
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (
      want.every((w, i) => {
        const p = parts[i] ?? "";
        if (w.startsWith(":")) {
          params[w.slice(1)] = decodeURIComponent(p);
          return p !== "";
        }
        return w === p;
      })
    )
      return render(params);
  }
  return undefined;
}
