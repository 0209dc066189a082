import { useState } from "react";
import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import { ErrorText, messageOf, statusName, useWt, WarningBadge } from "./common.js";
import { DueCell, InboxFilters, useInbox, type InboxRow } from "./inbox.js";

/**
 * 本大厅办件 (前台综合受理 → 综合窗口出件): the cases taken in at this hall's windows, by due date,
 * with the window's next step on each row: dispatch an accepted case to the back office, deliver a
 * decided one (a bundle's sub-cases are delivered together from the bundle's page).
 */
export function HallPage() {
  const t = useWt();
  const [status, setStatus] = useState("");
  const [warning, setWarning] = useState("");
  const { rows, next, error, busy, more, reload } = useInbox("/api/v1/hall/cases", { status, warning });
  const [actionError, setActionError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [acting, setActing] = useState(false);

  function act(row: InboxRow, label: string, path: "dispatch" | "delivery") {
    setActing(true);
    setActionError(undefined);
    setDone(undefined);
    api("POST", `/api/v1/cases/${row.id}/${path}`, { lockVersion: row.lockVersion })
      .then(
        () => {
          setDone(`${row.caseNumber}: ${t("case.done", { action: label })}`);
          reload();
        },
        (e: unknown) => setActionError(messageOf(e)),
      )
      .finally(() => setActing(false));
  }

  return (
    <section aria-labelledby="hall-h">
      <h2 id="hall-h">{t("hall.title")}</h2>
      <p className="wb-hint">{t("hall.hint")}</p>
      <InboxFilters status={status} setStatus={setStatus} warning={warning} setWarning={setWarning} />
      <ErrorText message={error ?? actionError} />
      {done !== undefined && (
        <p role="status" className="wb-ok">
          {done}
        </p>
      )}
      <p aria-live="polite">{t("cases.count", { n: rows.length })}</p>
      {rows.length === 0 && !busy ? (
        <p>{t("cases.empty")}</p>
      ) : (
        <div className="wb-scroll">
          <table className="wb-table" aria-labelledby="hall-h">
            <thead>
              <tr>
                <th scope="col">{t("cases.number")}</th>
                <th scope="col">{t("cases.item")}</th>
                <th scope="col">{t("hall.bundle")}</th>
                <th scope="col">{t("cases.status")}</th>
                <th scope="col">{t("cases.due")}</th>
                <th scope="col">{t("cases.warning")}</th>
                <th scope="col">{t("hall.action")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} className={`wb-row-${c.warningLevel}`}>
                  <td>
                    <Link to={`/workbench/cases/${c.id}`}>{c.caseNumber}</Link>
                  </td>
                  <td>{c.itemName}</td>
                  <td>
                    {c.parentCaseId !== null ? (
                      <Link to={`/workbench/bundles/${c.parentCaseId}`}>{c.parentCaseNumber}</Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{statusName(t, c.status)}</td>
                  <DueCell row={c} />
                  <td>
                    <WarningBadge level={c.warningLevel} />
                  </td>
                  <td>
                    {c.status === "accepted" && !c.hasToleranceMissing && (
                      <button
                        type="button"
                        disabled={acting}
                        aria-label={`${t("case.dispatch")} ${c.caseNumber}`}
                        onClick={() => act(c, t("case.dispatch"), "dispatch")}
                      >
                        {t("case.dispatch")}
                      </button>
                    )}
                    {(c.status === "approved" || c.status === "denied") && c.parentCaseId === null && (
                      <button
                        type="button"
                        disabled={acting}
                        aria-label={`${t("case.deliver")} ${c.caseNumber}`}
                        onClick={() => act(c, t("case.deliver"), "delivery")}
                      >
                        {t("case.deliver")}
                      </button>
                    )}
                    {(c.status === "approved" || c.status === "denied") && c.parentCaseId !== null && (
                      <Link to={`/workbench/bundles/${c.parentCaseId}`}>{t("group.deliver")}</Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" disabled={busy} onClick={more}>
          {t("cases.more")}
        </button>
      )}
    </section>
  );
}
