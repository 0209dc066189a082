import { useState } from "react";
import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import { ErrorText, useLoad, useWt } from "./common.js";

type Kind = "cases" | "changeRequests" | "rectifications" | "complaints";
const KINDS: readonly Kind[] = ["cases", "changeRequests", "rectifications", "complaints"];
type By = "agency" | "region";

interface Table {
  today: string;
  totals: Record<Kind | "total", number>;
  rows: ({ key: string; name: string; total: number } & Record<Kind, number>)[];
}
interface Items {
  total: number;
  page: number;
  pageSize: number;
  items: {
    id: string;
    label: string;
    detail: string | null;
    agencyName: string | null;
    regionCode: string;
    dueDate: string;
    daysOverdue: number;
    escalated: boolean;
  }[];
}
interface Selection {
  kind: Kind;
  /** The row the list belongs to: an agency id (by agency) or a region code (by region). */
  key: string;
  name: string;
  page: number;
}

const PAGE_SIZE = 20;

/**
 * Overdue tables of the supervision board: per agency or per region one level below, the overdue
 * cases, change-request reviews, rectifications and complaints; a count opens the paged list of those
 * objects (cases link to the case page); a region's name drills down to that region.
 */
export function OverdueTables({
  region,
  onRegion,
}: {
  region: string;
  onRegion: (code: string, name: string) => void;
}) {
  const t = useWt();
  const [by, setBy] = useState<By>("agency");
  const [sel, setSel] = useState<Selection | null>(null);
  // The rows are shown with the grouping they were loaded for (never agency rows under the region table).
  const loaded = useLoad(
    async () => ({
      by,
      data: await api<Table>("GET", `/api/v1/supervision/overdue?region=${region}&by=${by}`),
    }),
    [region, by],
  );
  const shown = loaded.data?.by === by ? loaded.data.data : undefined;
  const table = { data: shown, error: loaded.error };
  const list = useLoad(async () => {
    if (sel === null) return undefined;
    const scope = by === "agency" ? `region=${region}&agency=${sel.key}` : `region=${sel.key}`;
    return api<Items>(
      "GET",
      `/api/v1/supervision/overdue/items?${scope}&kind=${sel.kind}&page=${sel.page}&pageSize=${PAGE_SIZE}`,
    );
  }, [sel, region, by]);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const label = by === "agency" ? t("sov.tableAgency") : t("sov.tableRegion");

  function choose(next: By) {
    setBy(next);
    setSel(null);
  }

  return (
    <section aria-labelledby="sov-h">
      <h3 id="sov-h">{t("sov.title")}</h3>
      <fieldset className="wb-radio">
        <legend>{t("sov.group")}</legend>
        {(["agency", "region"] as const).map((b) => (
          <label key={b}>
            <input type="radio" name="sov-by" checked={by === b} onChange={() => choose(b)} />{" "}
            {b === "agency" ? t("sov.by.agency") : t("sov.by.region")}
          </label>
        ))}
      </fieldset>
      <ErrorText message={table.error} />
      {table.data !== undefined && table.data.rows.length === 0 && <p>{t("sov.none")}</p>}
      {table.data !== undefined && table.data.rows.length > 0 && (
        <div className="wb-scroll">
          <table className="wb-table" aria-label={label}>
            <thead>
              <tr>
                <th scope="col">{t("sov.col.name")}</th>
                {KINDS.map((k) => (
                  <th scope="col" key={k}>
                    {t(`sov.kind.${k}`)}
                  </th>
                ))}
                <th scope="col">{t("sov.col.total")}</th>
              </tr>
            </thead>
            <tbody>
              {table.data.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    {by === "region" && r.key !== region ? (
                      <button type="button" onClick={() => onRegion(r.key, r.name)}>
                        {r.name}
                      </button>
                    ) : (
                      r.name
                    )}
                  </th>
                  {KINDS.map((k) => (
                    <td key={k}>
                      {r[k] === 0 ? (
                        "0"
                      ) : (
                        <button
                          type="button"
                          aria-label={t("sov.open", { name: r.name, kind: t(`sov.kind.${k}`), n: r[k] })}
                          onClick={() => setSel({ kind: k, key: r.key, name: r.name, page: 1 })}
                        >
                          {r[k]}
                        </button>
                      )}
                    </td>
                  ))}
                  <td>{r.total}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("sov.col.total")}</th>
                {KINDS.map((k) => (
                  <td key={k}>{table.data?.totals[k]}</td>
                ))}
                <td>{table.data.totals.total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {sel !== null && (
        <section aria-labelledby="sov-list-h">
          <h4 id="sov-list-h">{t("sov.list", { kind: t(`sov.kind.${sel.kind}`), name: sel.name })}</h4>
          <button type="button" onClick={() => setSel(null)}>
            {t("sov.close")}
          </button>
          <ErrorText message={list.error} />
          {list.data !== undefined && (
            <>
              <div className="wb-scroll">
                <table className="wb-table" aria-label={t("sov.listLabel")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("sov.item.label")}</th>
                      <th scope="col">{t("sov.item.agency")}</th>
                      <th scope="col">{t("sov.item.region")}</th>
                      <th scope="col">{t("sov.item.due")}</th>
                      <th scope="col">{t("sov.item.days")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          {sel.kind === "cases" ? (
                            <Link to={`/workbench/cases/${i.id}`}>{i.label}</Link>
                          ) : (
                            i.label
                          )}
                          {i.detail !== null && sel.kind !== "rectifications" && <> · {i.detail}</>}
                          {i.escalated && (
                            <> · {sel.kind === "cases" ? t("warning.red") : t("sov.escalated")}</>
                          )}
                        </th>
                        <td>{i.agencyName ?? "—"}</td>
                        <td>{i.regionCode}</td>
                        <td>{i.dueDate}</td>
                        <td>{t("sov.days", { n: i.daysOverdue })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav aria-label={t("sov.pager")}>
                <button
                  type="button"
                  disabled={sel.page <= 1}
                  onClick={() => setSel({ ...sel, page: sel.page - 1 })}
                >
                  {t("sov.prev")}
                </button>{" "}
                <span>{t("sov.page", { page: sel.page, pages, total: list.data.total })}</span>{" "}
                <button
                  type="button"
                  disabled={sel.page >= pages}
                  onClick={() => setSel({ ...sel, page: sel.page + 1 })}
                >
                  {t("sov.next")}
                </button>
              </nav>
            </>
          )}
        </section>
      )}
    </section>
  );
}
