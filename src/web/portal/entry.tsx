import { ISLANDS } from "./islands.js";

/**
 * The portal entry: tiny on purpose. Pages are server-rendered HTML; this only finds the islands on
 * the page and hydrates each with its own lazily loaded chunk (React included only then).
 */
const elements = Array.from(document.querySelectorAll<HTMLElement>("[data-island]"));
if (elements.length > 0) {
  void import("./hydrate.js").then(({ hydrateIsland }) =>
    Promise.all(
      elements.map(async (el) => {
        const load = ISLANDS[el.dataset.island ?? ""];
        if (load === undefined) return;
        await hydrateIsland(el, await load());
      }),
    ),
  );
}
