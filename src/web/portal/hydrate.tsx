import { StrictMode, useEffect, type ComponentType, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";
import { PageProvider, type PageInfo } from "../components/page-context.js";

/** Marks the island `data-hydrated` once React has taken it over (tests and styles can wait for it). */
function Mark({ onHydrated, children }: { onHydrated: () => void; children: ReactNode }) {
  useEffect(onHydrated, [onHydrated]);
  return children;
}

/** Hydrates one island with the props the server rendered it with (`data-props`). */
export async function hydrateIsland(el: HTMLElement, Component: ComponentType<Record<string, unknown>>) {
  const { page, ...props } = JSON.parse(el.dataset.props ?? "{}") as { page: PageInfo } & Record<
    string,
    unknown
  >;
  hydrateRoot(
    el,
    <StrictMode>
      <PageProvider value={page}>
        <Mark onHydrated={() => el.setAttribute("data-hydrated", "true")}>
          <Component {...props} />
        </Mark>
      </PageProvider>
    </StrictMode>,
  );
}
