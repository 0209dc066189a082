import { useEffect, useState } from "react";
import { api } from "../api/client.js";
import { messageOf, statusName, useWt } from "./common.js";

/** One row of the server-ordered lists (GET /api/v1/cases/inbox, GET /api/v1/hall/cases). */
export interface InboxRow {
  id: string;
  caseNumber: string;
  itemName: string;
  status: string;
  warningLevel: string;
  channel: string;
  agencyId: number;
  submittedAt: string;
  promisedDue: string | null;
  isOverdue: boolean;
  daysLeft: number | null;
  lockVersion: number;
  hasToleranceMissing: boolean;
  parentCaseId: string | null;
  parentCaseNumber: string | null;
}

/**
 * Pages through a due-date-ordered list by its cursor (the server orders; the client only
 * appends), restarting when the filters change; `reload` refetches the loaded pages' first page.
 */
export function useInbox(path: string, filters: { status: string; warning: string }, pageSize = 100) {
  const [rows, setRows] = useState<InboxRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(true);
  const [n, setN] = useState(0);

  function fetchPage(cursor: string | null) {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (filters.status !== "") q.set("status", filters.status);
    if (filters.warning !== "") q.set("warning", filters.warning);
    if (cursor !== null) q.set("cursor", cursor);
    return api<{ items: InboxRow[]; nextCursor: string | null }>("GET", `${path}?${q}`);
  }
  useEffect(() => {
    let live = true;
    fetchPage(null)
      .then(
        (r) => {
          if (!live) return;
          setError(undefined);
          setRows(r.items);
          setNext(r.nextCursor);
        },
        (e: unknown) => live && setError(messageOf(e)),
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, filters.status, filters.warning, n]);

  function more() {
    if (next === null) return;
    setBusy(true);
    fetchPage(next)
      .then(
        (r) => {
          setRows((old) => [...old, ...r.items]);
          setNext(r.nextCursor);
        },
        (e: unknown) => setError(messageOf(e)),
      )
      .finally(() => setBusy(false));
  }
  return { rows, next, error, busy, more, reload: () => setN((x) => x + 1) };
}

/** Days left or overdue, in the row's warning colour (the badge beside it names the level). */
export function DueCell({ row }: { row: InboxRow }) {
  const t = useWt();
  if (row.promisedDue === null) return <td>{t("cases.noClock")}</td>;
  const isOpen = ["submitted", "accepted", "under_review", "suspended"].includes(row.status);
  return (
    <td>
      {row.promisedDue}
      {isOpen && row.daysLeft !== null && (
        <>
          {" "}
          <span className={row.isOverdue ? "wb-error" : row.warningLevel === "yellow" ? "wb-warn" : ""}>
            {row.isOverdue
              ? t("cases.overdueBy", { n: -row.daysLeft })
              : t("cases.left", { n: row.daysLeft })}
          </span>
        </>
      )}
    </td>
  );
}

const STATUSES = ["submitted", "accepted", "under_review", "suspended", "approved", "denied", "delivered"];

/** The inbox filters (status, warning level) shared by the back-office inbox and the hall's cases. */
export function InboxFilters({
  status,
  setStatus,
  warning,
  setWarning,
}: {
  status: string;
  setStatus: (v: string) => void;
  warning: string;
  setWarning: (v: string) => void;
}) {
  const t = useWt();
  return (
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
  );
}
