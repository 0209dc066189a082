import { useEffect, useState } from "react";
import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import { ErrorText, messageOf, statusName, useWt, WarningBadge } from "./common.js";
import { byDueDate } from "./roles.js";

export interface CaseRow {
  id: string;
  caseNumber: string;
  itemName: string;
  status: string;
  warningLevel: string;
  channel: string;
  agencyId: number;
  submittedAt: string;
  promisedDue: string | null;
}

const STATUSES = ["submitted", "accepted", "under_review", "suspended", "approved", "denied", "delivered"];

/**
 * The inbox: the cases this post may see, paged from the server (100 at a time, so 10,000 rows
 * never load at once), shown earliest due date first with their warning colours.
 */
export function CasesPage() {
  const t = useWt();
  const [status, setStatus] = useState("");
  const [warning, setWarning] = useState("");
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function fetchPage(before: string | null) {
    const q = new URLSearchParams({ limit: "100" });
    if (status !== "") q.set("status", status);
    if (warning !== "") q.set("warning", warning);
    if (before !== null) q.set("before", before);
    return api<{ items: CaseRow[]; nextBefore: string | null }>("GET", `/api/v1/cases?${q}`);
  }
  function more(before: string) {
    setBusy(true);
    fetchPage(before)
      .then(
        (r) => {
          setRows((old) => [...old, ...r.items]);
          setNext(r.nextBefore);
        },
        (e: unknown) => setError(messageOf(e)),
      )
      .finally(() => setBusy(false));
  }
  useEffect(() => {
    let live = true;
    fetchPage(null).then(
      (r) => {
        if (!live) return;
        setError(undefined);
        setRows(r.items);
        setNext(r.nextBefore);
      },
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, warning]);

  const sorted = [...rows].sort(byDueDate);
  return (
    <section aria-labelledby="cases-h">
      <h2 id="cases-h">{t("cases.title")}</h2>
      <div className="wb-filters">
        <label>
          {t("cases.filterStatus")}{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("cases.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(t, s)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("cases.filterWarning")}{" "}
          <select value={warning} onChange={(e) => setWarning(e.target.value)}>
            <option value="">{t("cases.all")}</option>
            <option value="normal">{t("warning.normal")}</option>
            <option value="yellow">{t("warning.yellow")}</option>
            <option value="red">{t("warning.red")}</option>
          </select>
        </label>
      </div>
      <ErrorText message={error} />
      <p aria-live="polite">{t("cases.count", { n: rows.length })}</p>
      {sorted.length === 0 && !busy ? (
        <p>{t("cases.empty")}</p>
      ) : (
        <div className="wb-scroll">
          <table className="wb-table">
            <thead>
              <tr>
                <th scope="col">{t("cases.number")}</th>
                <th scope="col">{t("cases.item")}</th>
                <th scope="col">{t("cases.status")}</th>
                <th scope="col">{t("cases.due")}</th>
                <th scope="col">{t("cases.warning")}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => (
                <tr key={c.id} className={`wb-row-${c.warningLevel}`}>
                  <td>
                    <Link to={`/workbench/cases/${c.id}`}>{c.caseNumber}</Link>
                  </td>
                  <td>{c.itemName}</td>
                  <td>{statusName(t, c.status)}</td>
                  <td>{c.promisedDue ?? "—"}</td>
                  <td>
                    <WarningBadge level={c.warningLevel} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" disabled={busy} onClick={() => more(next)}>
          {t("cases.more")}
        </button>
      )}
    </section>
  );
}
