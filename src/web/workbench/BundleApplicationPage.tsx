import { useState } from "react";
import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import { ErrorText, messageOf, statusName, useLoad, useWt } from "./common.js";
import type { WbPermission } from "./roles.js";

interface SubCase {
  caseId: string;
  caseNumber: string;
  itemName: string;
  agencyName: string;
  status: string;
  promisedDue: string | null;
  lockVersion: number;
  isWaiting: boolean;
}
interface Application {
  id: string;
  caseNumber: string;
  title: string;
  channel: string;
  status: string;
  promisedDue: string | null;
  subCases: SubCase[];
}

type GroupStatusKey = `group.status.${
  "submitted" | "in_progress" | "ready" | "completed" | "partially_completed" | "failed" | "withdrawn"}`;

/**
 * One 一件事 application at the window (前台综合受理、后台分类审批、综合窗口出件): the parent case and
 * its sub-cases with their departments and states; the clerk accepts and dispatches them (条例 18
 * "accepted" for each; a sub-case that follows another is dispatched once that one is approved)
 * and, when every department has decided, delivers all results together.
 */
export function BundleApplicationPage({ id, perms }: { id: string; perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const {
    data: a,
    error: loadError,
    reload,
  } = useLoad(() => api<Application>("GET", `/api/v1/bundles/applications/${encodeURIComponent(id)}`), [id]);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (loadError !== undefined) return <ErrorText message={loadError} />;
  if (a === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;
  const front = perms.has("case.intake");

  function step(label: string, work: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    work()
      .then(
        () => setDone(t("group.done", { action: label })),
        (e: unknown) => setError(messageOf(e)),
      )
      .finally(() => {
        setBusy(false);
        reload();
      });
  }
  const acceptAll = () =>
    step(t("group.acceptAll"), async () => {
      if (a === undefined) return;
      for (const s of a.subCases) {
        let lockVersion = s.lockVersion;
        let status = s.status;
        if (status === "submitted") {
          const c = await api<{ lockVersion: number; status: string }>(
            "POST",
            `/api/v1/cases/${s.caseId}/acceptance`,
            { outcome: "accepted", lockVersion },
          );
          lockVersion = c.lockVersion;
          status = c.status;
        }
        if (status === "accepted" && !s.isWaiting)
          await api("POST", `/api/v1/cases/${s.caseId}/dispatch`, { lockVersion });
      }
    });
  const deliver = () =>
    step(t("group.deliver"), () => api("POST", `/api/v1/bundles/applications/${a.id}/deliver`, {}));
  const canAcceptAll = a.subCases.some(
    (s) => s.status === "submitted" || (s.status === "accepted" && !s.isWaiting),
  );

  return (
    <article aria-labelledby="group-h">
      <h2 id="group-h">{t("group.title", { number: a.caseNumber })}</h2>
      <dl className="wb-facts">
        <dt>{t("group.name")}</dt>
        <dd>{a.title}</dd>
        <dt>{t("group.status")}</dt>
        <dd data-testid="group-status">{t(`group.status.${a.status}` as GroupStatusKey)}</dd>
        <dt>{t("case.applicantChannel")}</dt>
        <dd>{a.channel}</dd>
        <dt>{t("group.due")}</dt>
        <dd>{a.promisedDue ?? "—"}</dd>
      </dl>
      <ErrorText message={error} />
      {done !== undefined && (
        <p role="status" className="wb-ok">
          {done}
        </p>
      )}
      {front && (
        <p>
          {canAcceptAll && (
            <button type="button" disabled={busy} onClick={acceptAll}>
              {t("group.acceptAll")}
            </button>
          )}{" "}
          {a.status === "ready" && (
            <button type="button" disabled={busy} onClick={deliver}>
              {t("group.deliver")}
            </button>
          )}
        </p>
      )}
      <h3 id="sub-h">{t("group.subCases")}</h3>
      <div className="wb-scroll">
        <table className="wb-table" aria-labelledby="sub-h">
          <thead>
            <tr>
              <th scope="col">{t("cases.number")}</th>
              <th scope="col">{t("cases.item")}</th>
              <th scope="col">{t("group.agency")}</th>
              <th scope="col">{t("cases.status")}</th>
              <th scope="col">{t("cases.due")}</th>
            </tr>
          </thead>
          <tbody>
            {a.subCases.map((s) => (
              <tr key={s.caseId}>
                <td>
                  <Link to={`/workbench/cases/${s.caseId}`}>{s.caseNumber}</Link>
                </td>
                <td>{s.itemName}</td>
                <td>{s.agencyName}</td>
                <td data-testid={`sub-status-${s.caseNumber}`}>
                  {statusName(t, s.status)}
                  {s.isWaiting ? ` · ${t("group.waiting")}` : ""}
                </td>
                <td>{s.promisedDue ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
