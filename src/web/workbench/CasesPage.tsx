import { useState } from "react";
import { Link } from "../components/router.js";
import { ErrorText, statusName, useWt, WarningBadge } from "./common.js";
import { DueCell, InboxFilters, useInbox } from "./inbox.js";

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

/**
 * The inbox: the cases this post may see, ordered by due date on the server (open cases first,
 * overdue first, then the soonest due; decided and ended ones after them) and paged by cursor
 * (100 at a time, so 10,000 rows never load at once), with their warning colours.
 */
export function CasesPage() {
  const t = useWt();
  const [status, setStatus] = useState("");
  const [warning, setWarning] = useState("");
  const { rows, next, error, busy, more } = useInbox("/api/v1/cases/inbox", { status, warning });

  return (
    <section aria-labelledby="cases-h">
      <h2 id="cases-h">{t("cases.title")}</h2>
      <InboxFilters status={status} setStatus={setStatus} warning={warning} setWarning={setWarning} />
      <ErrorText message={error} />
      <p className="wb-hint">{t("cases.inboxHint")}</p>
      <p aria-live="polite">{t("cases.count", { n: rows.length })}</p>
      {rows.length === 0 && !busy ? (
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
              {rows.map((c) => (
                <tr key={c.id} className={`wb-row-${c.warningLevel}`}>
                  <td>
                    <Link to={`/workbench/cases/${c.id}`}>{c.caseNumber}</Link>
                  </td>
                  <td>{c.itemName}</td>
                  <td>{statusName(t, c.status)}</td>
                  <DueCell row={c} />
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
        <button type="button" disabled={busy} onClick={more}>
          {t("cases.more")}
        </button>
      )}
    </section>
  );
}
