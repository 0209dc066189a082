import { useState } from "react";
import { api } from "../api/client.js";
import { Link, navigate } from "../components/router.js";
import { ErrorText, useLoad, useWt } from "../workbench/common.js";
import { levelKey, Pager, useCursor, usePaged, type RegionInfo } from "./admin-common.js";

interface RegionView extends RegionInfo {
  chain: RegionInfo[];
  childCount: number;
}
interface AgencyRow {
  id: number;
  name: string;
  kindName: string;
  lineName: string | null;
  creditCode: string;
}
interface HallRow {
  id: number;
  name: string;
  kindName: string;
  regionCode: string;
}

/** 区划: the five-level division tree (自治区 → 村/社区), searched by name; a region's agencies and halls. */
export function RegionsPage({ code }: { code: string }) {
  const t = useWt();
  const [q, setQ] = useState("");
  const [searched, setSearched] = useState("");
  const region = useLoad(() => api<RegionView>("GET", `/api/v1/regions/${encodeURIComponent(code)}`), [code]);
  const hits = useLoad(
    () =>
      searched === ""
        ? Promise.resolve({ items: [] as (RegionInfo & { path: string })[] })
        : api<{ items: (RegionInfo & { path: string })[] }>(
            "GET",
            `/api/v1/regions?${new URLSearchParams({ q: searched, limit: "20" })}`,
          ),
    [searched],
  );
  const kids = useCursor();
  const children = useLoad(
    () =>
      api<{ items: RegionInfo[]; nextAfter: string | null }>(
        "GET",
        `/api/v1/regions/${encodeURIComponent(code)}/children?${new URLSearchParams(
          kids.after === undefined ? { limit: "50" } : { limit: "50", after: kids.after },
        )}`,
      ),
    [code, kids.after],
  );
  const ag = useCursor();
  const agencies = useLoad(
    () =>
      api<{ items: AgencyRow[]; nextAfter: number | null }>(
        "GET",
        `/api/v1/agencies?${new URLSearchParams(
          ag.after === undefined
            ? { region: code, limit: "20" }
            : { region: code, limit: "20", after: ag.after },
        )}`,
      ),
    [code, ag.after],
  );
  const halls = useLoad(
    () => api<{ items: HallRow[] }>("GET", `/api/v1/halls?${new URLSearchParams({ region: code })}`),
    [code],
  );
  const hallPage = usePaged((halls.data?.items ?? []).filter((h) => h.regionCode === code));
  const go = (to: string) => {
    kids.reset();
    ag.reset();
    navigate(`/admin/regions/${to}`);
  };

  return (
    <section aria-labelledby="regions-h">
      <h2 id="regions-h">{t("admx.regions")}</h2>
      <form
        className="wb-card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(q.trim());
        }}
      >
        <label>
          {t("admx.regionSearch")} <input value={q} onChange={(e) => setQ(e.target.value)} maxLength={50} />
        </label>{" "}
        <button type="submit">{t("admx.search")}</button>
      </form>
      <ErrorText message={hits.error} />
      {(hits.data?.items.length ?? 0) > 0 && (
        <ul aria-label={t("admx.searchResults")}>
          {hits.data?.items.map((h) => (
            <li key={h.code}>
              <button type="button" className="wb-linkish" onClick={() => go(h.code)}>
                {h.path}
              </button>{" "}
              <span className="wb-hint">
                {h.code} · {t(levelKey(h.level))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {searched !== "" && hits.data?.items.length === 0 && <p>{t("admx.none")}</p>}
      <ErrorText message={region.error} />
      {region.data !== undefined && (
        <>
          <nav aria-label={t("admx.chain")} className="wb-crumbs">
            <ol>
              {region.data.chain.map((r) => (
                <li key={r.code}>
                  <Link to={`/admin/regions/${r.code}`}>{r.name}</Link>
                </li>
              ))}
              <li aria-current="page">{region.data.name}</li>
            </ol>
          </nav>
          <h3 data-testid="region-title">
            {region.data.name}{" "}
            <span className="wb-hint">
              {region.data.code} · {t(levelKey(region.data.level))}
            </span>
          </h3>
          {region.data.childCount > 0 && (
            <>
              <h4>{t("admx.children", { n: region.data.childCount })}</h4>
              <table className="wb-table" aria-label={t("admx.children", { n: region.data.childCount })}>
                <thead>
                  <tr>
                    <th scope="col">{t("admx.code")}</th>
                    <th scope="col">{t("adm.name")}</th>
                    <th scope="col">{t("admx.level")}</th>
                  </tr>
                </thead>
                <tbody>
                  {(children.data?.items ?? []).map((c) => (
                    <tr key={c.code}>
                      <td>{c.code}</td>
                      <td>
                        <Link to={`/admin/regions/${c.code}`}>{c.name}</Link>
                      </td>
                      <td>{t(levelKey(c.level))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager
                page={kids.page}
                hasPrev={kids.page > 1}
                next={children.data?.nextAfter}
                onPrev={kids.prev}
                onNext={kids.next}
              />
            </>
          )}
          <h4>{t("admx.agenciesHere")}</h4>
          <ErrorText message={agencies.error} />
          {agencies.data?.items.length === 0 ? (
            <p>{t("admx.none")}</p>
          ) : (
            <table className="wb-table" aria-label={t("admx.agenciesHere")}>
              <thead>
                <tr>
                  <th scope="col">{t("adm.name")}</th>
                  <th scope="col">{t("admx.kind")}</th>
                  <th scope="col">{t("admx.line")}</th>
                  <th scope="col">{t("admx.creditCode")}</th>
                </tr>
              </thead>
              <tbody>
                {(agencies.data?.items ?? []).map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/admin/agencies/${a.id}`}>{a.name}</Link>
                    </td>
                    <td>{a.kindName}</td>
                    <td>{a.lineName ?? "—"}</td>
                    <td>{a.creditCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager
            page={ag.page}
            hasPrev={ag.page > 1}
            next={agencies.data?.nextAfter}
            onPrev={ag.prev}
            onNext={ag.next}
          />
          <h4>{t("admx.hallsHere")}</h4>
          <ErrorText message={halls.error} />
          {hallPage.rows.length === 0 ? (
            <p>{t("admx.none")}</p>
          ) : (
            <ul>
              {hallPage.rows.map((h) => (
                <li key={h.id}>
                  <Link to={`/admin/halls/${h.id}`}>{h.name}</Link>{" "}
                  <span className="wb-hint">{h.kindName}</span>
                </li>
              ))}
            </ul>
          )}
          {hallPage.pager}
        </>
      )}
    </section>
  );
}
