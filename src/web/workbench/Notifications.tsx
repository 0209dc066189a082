import { useState } from "react";
import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import { ErrorText, messageOf, useLoad, useWt } from "./common.js";

interface NotificationRow {
  id: number;
  objectType: string;
  objectId: string;
  level: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

/** The post's reminders (warnings, due change requests, complaints), newest first; mark all read. */
export function Notifications() {
  const t = useWt();
  const list = useLoad(
    () => api<{ items: NotificationRow[]; unread: number }>("GET", "/api/v1/notifications?limit=20"),
    [],
  );
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="notes-h">
      <h2 id="notes-h">
        {t("wb.notifications")}
        {list.data !== undefined && list.data.unread > 0
          ? ` · ${t("wb.unread", { n: list.data.unread })}`
          : ""}
      </h2>
      <ErrorText message={list.error ?? error} />
      {list.data?.items.length === 0 && <p>{t("wb.noNotifications")}</p>}
      <ul>
        {(list.data?.items ?? []).map((n) => (
          <li key={n.id} className={n.readAt === null ? "wb-unread" : undefined}>
            {n.createdAt.slice(0, 16).replace("T", " ")} ·{" "}
            {n.objectType === "case" ? (
              <Link to={`/workbench/cases/${n.objectId}`}>{n.message}</Link>
            ) : (
              n.message
            )}
          </li>
        ))}
      </ul>
      {list.data !== undefined && list.data.unread > 0 && (
        <button
          type="button"
          onClick={() =>
            void api("POST", "/api/v1/notifications/read-all", {}).then(list.reload, (e: unknown) =>
              setError(messageOf(e)),
            )
          }
        >
          {t("wb.readAll")}
        </button>
      )}
    </section>
  );
}
