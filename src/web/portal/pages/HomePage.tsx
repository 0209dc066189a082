import type { WebMessageKey } from "../../i18n/messages.js";
import { usePage, useT } from "../../components/page-context.js";
import { codeName, contentLang } from "./GuideElements.js";

/** A published guide in a list (the API's guide list item, trimmed to what the page shows). */
export interface GuideSummary {
  code: string;
  name: string;
  itemTypeName: string;
  /** The 事项类型 code (its name follows the locale). */
  itemType?: string;
  agencyName: string;
  versionNo: number;
}

/** Life events and enterprise events, each a search for its keyword (until 一件事 bundles have an API). */
const LIFE: [WebMessageKey, string][] = [
  ["life.birth", "出生"],
  ["life.school", "入学"],
  ["life.work", "就业"],
  ["life.marriage", "婚姻"],
  ["life.housing", "住房"],
  ["life.social", "社会保险"],
  ["life.retire", "退休"],
  ["life.disability", "残疾"],
];
const ENTERPRISE: [WebMessageKey, string][] = [
  ["ent.open", "设立"],
  ["ent.change", "变更"],
  ["ent.tax", "税"],
  ["ent.license", "许可"],
  ["ent.hire", "招用"],
  ["ent.close", "注销"],
];

export function SearchForm({ q = "" }: { q?: string }) {
  const t = useT();
  return (
    <form role="search" action="/search" method="get" className="search">
      <label htmlFor="q">{t("home.searchLabel")}</label>
      <div className="search-row">
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t("home.searchPlaceholder")}
          maxLength={50}
        />
        <button type="submit">{t("search.submit")}</button>
      </div>
    </form>
  );
}

export function GuideList({ items }: { items: GuideSummary[] }) {
  const t = useT();
  const zh = contentLang(usePage().locale);
  return (
    <ul className="guide-list">
      {items.map((g) => (
        <li key={g.code}>
          <a href={`/guides/${g.code}`} lang={zh}>
            {g.name}
          </a>
          <span className="meta">
            {g.itemType === undefined ? g.itemTypeName : codeName(t, "itemType", g.itemType)} ·{" "}
            <span lang={zh}>{g.agencyName}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A 一件事 bundle in force in the chosen region (the bundles API's list item, trimmed). */
export interface BundleSummary {
  code: string;
  name: string;
  event: string;
  leadAgencyName: string;
  itemCount: number;
  targetLimitDays: number;
}

/** 一件事一次办: the bundles of the region, personal and enterprise. */
export function BundleList({ bundles }: { bundles: BundleSummary[] }) {
  const t = useT();
  const zh = contentLang(usePage().locale);
  return (
    <section aria-labelledby="bundles">
      <h2 id="bundles">{t("bundle.home")}</h2>
      {bundles.length === 0 && (
        <p>
          <a href="/region">{t("bundle.chooseRegion")}</a>
        </p>
      )}
      <ul className="guide-list bundle-list">
        {bundles.map((b) => (
          <li key={b.code}>
            <a href={`/bundles/${b.code}`} lang={zh}>
              {b.name}
            </a>
            <span className="meta">
              {" "}
              {t("bundle.summary", { n: b.itemCount, days: b.targetLimitDays })} ·{" "}
              <span lang={zh}>{b.leadAgencyName}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HomePage({ popular, bundles = [] }: { popular: GuideSummary[]; bundles?: BundleSummary[] }) {
  const t = useT();
  const page = usePage();
  const entries = (list: [WebMessageKey, string][]) => (
    <ul className="entries">
      {list.map(([key, q]) => (
        <li key={key}>
          <a href={`/search?${new URLSearchParams({ q }).toString()}`}>{t(key)}</a>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="meta">{t("region.current", { name: page.region.name })}</p>
      <SearchForm />
      <div className="columns">
        <section aria-labelledby="life">
          <h2 id="life">{t("home.lifeEvents")}</h2>
          {entries(LIFE)}
        </section>
        <section aria-labelledby="ent">
          <h2 id="ent">{t("home.enterpriseEvents")}</h2>
          {entries(ENTERPRISE)}
        </section>
      </div>
      <BundleList bundles={bundles} />
      <section aria-labelledby="popular">
        <h2 id="popular">{t("home.popular")}</h2>
        <GuideList items={popular} />
      </section>
    </>
  );
}
