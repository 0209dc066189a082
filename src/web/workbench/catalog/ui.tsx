import type { ReactNode } from "react";
import { Link } from "../../components/router.js";
import { usePage } from "../../components/page-context.js";
import type { Locale } from "../../../shared/i18n/messages.js";
import type { WbKey, WbTranslate } from "../../i18n/workbench-messages.js";
import { useWt } from "../common.js";
import type { WbPermission } from "../roles.js";

/** Small pieces shared by the catalog management screens. */

export function useLocale(): Locale {
  return usePage().locale;
}

export const layerName = (t: WbTranslate, layer: string) => safe(t, `catm.layer.${layer}`, layer);
export const versionStatusName = (t: WbTranslate, s: string) => safe(t, `catm.vstatus.${s}`, s);
export const entryStatusName = (t: WbTranslate, s: string) => safe(t, `catm.entryStatus.${s}`, s);

/** The label of a content field: materials' `form` and the fee's `items` read differently. */
export function fieldLabel(t: WbTranslate, name: string, parent?: string): string {
  if (name === "form" && parent === "materials") return safe(t, "catf.materialForm", name);
  if (name === "items" && parent === "fee") return safe(t, "catf.feeItems", name);
  return safe(t, `catf.${name}`, name);
}

export function safe(
  t: WbTranslate,
  key: string,
  fallback: string,
  params: Record<string, string | number> = {},
) {
  try {
    const out = t(key as WbKey, params);
    return typeof out === "string" ? out : fallback;
  } catch {
    return fallback;
  }
}

/** The catalog section's own navigation (change requests, entries, owed, import/export). */
export function CatalogNav({ perms }: { perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const links: [string, WbKey][] = [
    ["/workbench/catalog", "catm.requests"],
    ["/workbench/catalog/entries", "catm.entries"],
    ["/workbench/catalog/owed", "catm.owed"],
  ];
  if (perms.has("catalog.edit"))
    links.push(["/workbench/catalog/new", "catm.newEntry"], ["/workbench/catalog/excel", "catm.excel"]);
  return (
    <nav aria-label={t("catm.nav")} className="wb-subnav">
      <ul>
        {links.map(([to, key]) => (
          <li key={to}>
            <Link to={to}>{t(key)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Previous / next page buttons for keyset-paged lists. */
export function Pager({
  page,
  hasPrev,
  hasNext,
  onPrev,
  onNext,
}: {
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
}): ReactNode {
  const t = useWt();
  return (
    <nav className="wb-pager" aria-label={t("catm.page", { n: page })}>
      <button type="button" onClick={onPrev} disabled={!hasPrev}>
        {t("catm.prev")}
      </button>{" "}
      <span>{t("catm.page", { n: page })}</span>{" "}
      <button type="button" onClick={onNext} disabled={!hasNext}>
        {t("catm.next")}
      </button>
    </nav>
  );
}
