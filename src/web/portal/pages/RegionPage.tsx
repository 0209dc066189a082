import { prefHref, usePage, useT } from "../../components/page-context.js";

interface RegionItem {
  code: string;
  name: string;
}

/**
 * The region switcher without JavaScript: the chain above the region being browsed, its children as
 * links (down to 乡镇街道), and a link that makes it the current region (a cookie).
 */
export function RegionPage({
  browsing,
  chain,
  children,
}: {
  browsing: RegionItem & { level: number };
  chain: RegionItem[];
  children: RegionItem[];
}) {
  const t = useT();
  const page = usePage();
  return (
    <>
      <h1>{t("region.title")}</h1>
      <p>{t("region.current", { name: page.region.name })}</p>
      <nav aria-label={t("nav.region")}>
        <ol className="crumbs">
          {chain.map((r) => (
            <li key={r.code}>
              <a href={`/region?code=${r.code}`}>{r.name}</a>
            </li>
          ))}
          <li aria-current="page">{browsing.name}</li>
        </ol>
      </nav>
      <p>
        <a className="button" href={prefHref("region", browsing.code, "/")}>
          {t("region.useThisNamed", { name: browsing.name })}
        </a>
      </p>
      {browsing.level < 4 && children.length > 0 && (
        <section aria-labelledby="sub">
          <h2 id="sub">{t("region.choose")}</h2>
          <ul className="entries">
            {children.map((r) => (
              <li key={r.code}>
                <a href={`/region?code=${r.code}`}>{r.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
