import { StrictMode, type ComponentType } from "react";
import { hydrateRoot } from "react-dom/client";
import { PageProvider, type PageInfo } from "../components/page-context.js";

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
        <Component {...props} />
      </PageProvider>
    </StrictMode>,
  );
}
