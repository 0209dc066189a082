import { usePage, useT } from "../../components/page-context.js";
import { GuideList, SearchForm, type GuideSummary } from "./HomePage.js";

export function SearchPage({ q, items }: { q: string; items: GuideSummary[] }) {
  const t = useT();
  const page = usePage();
  return (
    <>
      <h1>{t("search.title")}</h1>
      <SearchForm q={q} />
      <p className="meta">{t("search.inRegion", { region: page.region.name })}</p>
      {q === "" ? (
        <p>{t("search.empty")}</p>
      ) : (
        <>
          <p role="status">{t("search.resultsFor", { q, n: items.length })}</p>
          {items.length === 0 ? <p>{t("search.none")}</p> : <GuideList items={items} />}
        </>
      )}
    </>
  );
}
