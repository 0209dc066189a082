import type { Kysely } from "kysely";
import { chinaDate } from "../../../shared/calendar.js";
import { bundleContent } from "../../../shared/contracts/bundles.js";
import type { Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { listEntriesInForce } from "../catalog/catalog.links.js";
import type { BundleHit, BundleSearchProvider } from "../search/search.service.js";
import { documentTokens, type QueryPlan } from "../search/search.text.js";

/** Weight of a match in the bundle's item names against one in its own name or event. */
const ITEM_NAME_WEIGHT = 0.5;
/** Bundles far below the best match (one shared common word such as 登记) are noise. */
const RELATIVE_FLOOR = 0.5;

/**
 * How well a bundle answers a query plan: the plan's weighted tokens found in its name and event
 * (full weight) and in its items' names (half weight, so "开饭店" → 食品经营许可 finds the bundle
 * that contains that item), a phrase bonus, and pinyin for Latin queries.
 */
export function scoreBundle(
  plan: QueryPlan,
  b: { name: string; eventName: string; itemNames: string[] },
): number {
  const title = documentTokens(`${b.name} ${b.eventName}`);
  const own = new Set(title.tokens);
  const items = new Set(documentTokens("", b.itemNames.join(" ")).tokens);
  let score = 0;
  plan.tokens.forEach((t, i) => {
    const w = plan.weights[i] ?? 0;
    if (own.has(t)) score += w;
    else if (items.has(t)) score += w * ITEM_NAME_WEIGHT;
  });
  if (plan.phrases.some((p) => p.length >= 2 && (b.name.includes(p) || b.eventName.includes(p)))) score += 2;
  if (plan.latin !== null && plan.latin.length >= 2) {
    if (title.pinyin.includes(` ${plan.latin}`) || title.initials.includes(` ${plan.latin}`)) score += 2;
  }
  return score;
}

/**
 * The search module's bundle provider: published bundles in force (go-live reached), scored by
 * `scoreBundle`, one per name (the bundle of the highest region level when several regions run
 * the same 一件事), best first. Registered at app build by the bundles routes (bundles → search).
 */
export function bundleSearchProvider(deps: () => Deps): BundleSearchProvider {
  return {
    search: async (db: Kysely<Database>, plan: QueryPlan, limit: number): Promise<BundleHit[]> => {
      const rows = await listEntriesInForce(db, {
        layer: "bundle",
        today: chinaDate(nowOf(deps())),
        limit: 2000,
      });
      const best = new Map<string, BundleHit & { regionLength: number }>();
      for (const r of rows) {
        const parsed = bundleContent.safeParse(r.content);
        if (!parsed.success) continue;
        const c = parsed.data;
        const score = scoreBundle(plan, {
          name: r.name,
          eventName: c.eventName,
          itemNames: c.items.map((i) => i.name),
        });
        if (score <= 0) continue;
        const seen = best.get(r.name);
        if (seen === undefined || r.region_code.length < seen.regionLength)
          best.set(r.name, { code: r.code, name: r.name, score, regionLength: r.region_code.length });
      }
      const hits = [...best.values()].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
      const top = hits[0]?.score ?? 0;
      return hits
        .filter((h) => h.score >= top * RELATIVE_FLOOR)
        .slice(0, limit)
        .map((h) => ({ code: h.code, name: h.name, score: Math.round(h.score * 100) / 100 }));
    },
  };
}
