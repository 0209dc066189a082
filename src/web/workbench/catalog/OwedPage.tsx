import { useState } from "react";
import type { z } from "zod";
import { api } from "../../api/client.js";
import { Link } from "../../components/router.js";
import type { owedResponse } from "../../../shared/contracts/catalog.js";
import { ErrorText, useLoad, useWt } from "../common.js";
import type { WbPermission } from "../roles.js";
import { CatalogNav, layerName, Pager } from "./ui.js";

type Owed = z.infer<typeof owedResponse>;
const PAGE = 20;

/** 应跟进事项: what this agency (or region) must still update after a basic catalog change, by due date. */
export function OwedPage({ perms }: { perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const [status, setStatus] = useState<"open" | "fulfilled">("open");
  const [page, setPage] = useState(1);
  const owed = useLoad(() => api<Owed>("GET", `/api/v1/catalog/owed?status=${status}`), [status]);
  const items = owed.data?.items ?? [];
  const overdue = items.filter((o) => o.isOverdue).length;
  const shown = items.slice((page - 1) * PAGE, page * PAGE);
  return (
    <section aria-labelledby="cat-owed-h">
      <CatalogNav perms={perms} />
      <h2 id="cat-owed-h">{t("catm.owed.title")}</h2>
      <fieldset className="wb-fieldset wb-inline">
        <legend>{t("catm.owed.show")}</legend>
        {(["open", "fulfilled"] as const).map((s) => (
          <span key={s} className="wb-check">
            <input
              id={`owed-${s}`}
              type="radio"
              name="owed-status"
              checked={status === s}
              onChange={() => {
                setStatus(s);
                setPage(1);
              }}
            />
            <label htmlFor={`owed-${s}`}>{t(`catm.owed.${s}`)}</label>
          </span>
        ))}
      </fieldset>
      <ErrorText message={owed.error} />
      {owed.data !== undefined && (
        <p role="status">
          {items.length === 0 ? t("catm.owed.none") : t("catm.owed.count", { n: items.length, m: overdue })}
        </p>
      )}
      {items.length > 0 && (
        <div className="wb-scroll">
          <table className="wb-table" data-testid="owed-list">
            <thead>
              <tr>
                <th scope="col">{t("catm.name")}</th>
                <th scope="col">{t("catm.layer")}</th>
                <th scope="col">{t("catm.owed.source")}</th>
                <th scope="col">{t("catm.owed.due")}</th>
                <th scope="col">{t("catm.owed.left")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => (
                <tr key={o.id} className={o.isOverdue ? "wb-row-red" : undefined}>
                  <td>
                    <Link to={`/workbench/catalog/entries/${o.entryId}`}>{o.name}</Link>
                    <br />
                    <small className="wb-code">{o.code}</small>
                  </td>
                  <td>{layerName(t, o.layer)}</td>
                  <td className="wb-code">
                    {o.sourceCode} · {t("catm.vno", { n: o.sourceVersionNo })}
                  </td>
                  <td>
                    {o.dueDate}{" "}
                    <span
                      className={
                        o.isOverdue ? "wb-badge wb-red" : o.isFulfilled ? "wb-badge" : "wb-badge wb-yellow"
                      }
                    >
                      {o.isFulfilled
                        ? t("catm.owed.done")
                        : o.isOverdue
                          ? t("catm.owed.overdue")
                          : t("catm.owed.inTime")}
                    </span>
                  </td>
                  <td data-testid="owed-days">{daysLeftText(t, o)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length > PAGE && (
        <Pager
          page={page}
          hasPrev={page > 1}
          hasNext={page * PAGE < items.length}
          onPrev={() => setPage((p) => p - 1)}
          onNext={() => setPage((p) => p + 1)}
        />
      )}
    </section>
  );
}

/** Working days to the due date on the entry's region's calendar (holidays and 调休 skipped). */
function daysLeftText(t: ReturnType<typeof useWt>, o: Owed["items"][number]): string {
  const n = o.workdaysLeft;
  if (o.isFulfilled || n === null) return "—";
  if (n > 0) return t("catm.owed.daysLeft", { n });
  if (n < 0) return t("catm.owed.daysOver", { n: -n });
  return o.isOverdue ? t("catm.owed.overdue") : t("catm.owed.lastDay");
}
