import { useState, type FormEvent } from "react";
import { api } from "../api/client.js";
import { Link, navigate } from "../components/router.js";
import { ErrorText, messageOf, useLoad, useWt } from "./common.js";
import type { WbPermission } from "./roles.js";
import { RequestExtras } from "./catalog/RequestExtras.js";
import { CatalogNav, Pager, safe } from "./catalog/ui.js";

interface RequestRow {
  id: number;
  name: string;
  code: string;
  kind: string;
  status: string;
  round: number;
  reviewDue: string;
  extendedReviewDue: string | null;
  isReviewOverdue: boolean;
  isLateFiling: boolean;
  reviewWorkdaysLeft: number;
}
interface RequestDetail extends RequestRow {
  entryId: number;
  triggerSituation: number;
  triggerDate: string;
  touchesFunctions: boolean;
  opinions: unknown;
  basisDocuments: unknown;
  versionId: number | null;
  reason: string;
  decisionComment: string | null;
  signoffs: { kindName: string; isApproved: boolean; comment: string | null }[];
  history: { action: string; comment: string | null; at: string }[];
}
type GuideContent = Record<string, unknown> & { consultation?: Record<string, unknown> & { phone?: string } };

function Deadline({ r }: { r: RequestRow }) {
  const t = useWt();
  const due = r.extendedReviewDue ?? r.reviewDue;
  return (
    <span
      className={
        r.isReviewOverdue ? "wb-badge wb-red" : r.reviewWorkdaysLeft <= 2 ? "wb-badge wb-yellow" : undefined
      }
    >
      {due} · {r.isReviewOverdue ? t("cat.overdue") : t("cat.left", { n: r.reviewWorkdaysLeft })}
      {r.isLateFiling ? ` · ${t("cat.late")}` : ""}
    </span>
  );
}

/** Edits the enquiry phone of a draft guide version, saves it and shows the rule check. */
function PhoneEditor({ versionId, onChecked }: { versionId: number; onChecked: (ok: boolean) => void }) {
  const t = useWt();
  const draft = useLoad(
    () => api<{ content: GuideContent }>("GET", `/api/v1/catalog/versions/${versionId}`),
    [versionId],
  );
  const [phone, setPhone] = useState<string>();
  const [violations, setViolations] = useState<{ path: string; message: string }[]>();
  const [error, setError] = useState<string>();
  const current = phone ?? draft.data?.content.consultation?.phone ?? "";
  async function save(e: FormEvent) {
    e.preventDefault();
    if (draft.data === undefined) return;
    setError(undefined);
    try {
      const content = {
        ...draft.data.content,
        consultation: { ...draft.data.content.consultation, phone: current },
      };
      await api("PUT", `/api/v1/catalog/versions/${versionId}`, { content });
      const check = await api<{ isValid: boolean; violations: { path: string; message: string }[] }>(
        "GET",
        `/api/v1/catalog/versions/${versionId}/check`,
      );
      setViolations(check.violations);
      onChecked(check.isValid);
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <form onSubmit={(e) => void save(e)}>
      <label>
        {t("cat.phone")} <input value={current} onChange={(e) => setPhone(e.target.value)} />
      </label>{" "}
      <button type="submit">{t("cat.save")}</button>
      <ErrorText message={draft.error ?? error} />
      {violations !== undefined &&
        (violations.length === 0 ? (
          <p role="status" className="wb-ok">
            {t("cat.valid")}
          </p>
        ) : (
          <div role="alert" className="wb-error">
            {t("cat.violations")}
            <ul>
              {violations.map((v) => (
                <li key={v.path}>
                  {v.path}: {v.message}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </form>
  );
}

/** 事项管理: change requests with their review deadlines; editors start a new guide version and file it. */
export function CatalogPage({ perms }: { perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const [status, setStatus] = useState("");
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const list = useLoad(
    () =>
      api<{ items: RequestRow[]; nextAfter: number | null }>(
        "GET",
        `/api/v1/catalog/change-requests?${new URLSearchParams({
          limit: "50",
          ...(status ? { status } : {}),
          ...(after !== undefined ? { after: String(after) } : {}),
        })}`,
      ),
    [status, after],
  );
  const [q, setQ] = useState("");
  const [guides, setGuides] = useState<
    { id: number; code: string; name: string; agencyName: string; versionId: number }[]
  >([]);
  const [draft, setDraft] = useState<{ entryId: number; versionId: number } | null>(null);
  const [valid, setValid] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();

  function run(p: Promise<void>) {
    setError(undefined);
    p.catch((e: unknown) => setError(messageOf(e)));
  }
  return (
    <section aria-labelledby="cat-h">
      <CatalogNav perms={perms} />
      <h2 id="cat-h">{t("cat.requests")}</h2>
      <label>
        {t("cr.filter")}{" "}
        <select
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setCursors([undefined]);
          }}
        >
          <option value="">{t("cr.all")}</option>
          {(["submitted", "rejected", "approved", "withdrawn"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`cr.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorText message={list.error ?? error} />
      <table className="wb-table">
        <thead>
          <tr>
            <th scope="col">{t("cat.request", { id: "", name: "" }).replace(/[:：\s]+$/, "")}</th>
            <th scope="col">{t("cat.status")}</th>
            <th scope="col">{t("cat.due")}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/workbench/catalog/requests/${r.id}`}>
                  {t("cat.request", { id: r.id, name: r.name })}
                </Link>
              </td>
              <td>
                {safe(t, `cr.status.${r.status}`, r.status)} · {t("cat.round", { n: r.round })}
              </td>
              <td>
                <Deadline r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        page={cursors.length}
        hasPrev={cursors.length > 1}
        hasNext={typeof list.data?.nextAfter === "number"}
        onPrev={() => setCursors((c) => c.slice(0, -1))}
        onNext={() => setCursors((c) => [...c, list.data?.nextAfter ?? undefined])}
      />
      {perms.has("catalog.edit") && (
        <section aria-labelledby="cat-new-h" className="wb-card">
          <h3 id="cat-new-h">{t("cat.new")}</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              run(
                api<{ items: typeof guides }>(
                  "GET",
                  `/api/v1/guides?${new URLSearchParams({ q: q.trim(), limit: "20" })}`,
                ).then((r) => setGuides(r.items)),
              );
            }}
          >
            <label>
              {t("cat.guide")} <input value={q} onChange={(e) => setQ(e.target.value)} required />
            </label>{" "}
            <button type="submit">{t("intake.search")}</button>
          </form>
          <ul>
            {guides.map((g) => (
              <li key={g.code}>
                {g.name} · {g.agencyName}{" "}
                <button
                  type="button"
                  aria-label={`${t("cat.open")} ${g.name} · ${g.agencyName}`}
                  onClick={() =>
                    run(
                      (async () => {
                        const published = await api<{ content: unknown }>(
                          "GET",
                          `/api/v1/catalog/versions/${g.versionId}`,
                        );
                        const next = await api<{ entry: { id: number }; version: { id: number } }>(
                          "POST",
                          `/api/v1/catalog/entries/${g.id}/versions`,
                          { content: published.content },
                        );
                        setDraft({ entryId: next.entry.id, versionId: next.version.id });
                        setValid(false);
                      })(),
                    )
                  }
                >
                  {t("cat.open")}
                </button>
              </li>
            ))}
          </ul>
          {draft !== null && (
            <>
              <PhoneEditor versionId={draft.versionId} onChecked={setValid} />
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  run(
                    api<{ id: number }>("POST", "/api/v1/catalog/change-requests", {
                      entryId: draft.entryId,
                      versionId: draft.versionId,
                      kind: "modify",
                      triggerSituation: 2,
                      triggerDate: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
                      reason,
                    }).then((r) => navigate(`/workbench/catalog/requests/${r.id}`)),
                  );
                }}
              >
                <label>
                  {t("cat.reason")}{" "}
                  <textarea value={reason} onChange={(e) => setReason(e.target.value)} required />
                </label>{" "}
                <button type="submit" disabled={!valid}>
                  {t("cat.file")}
                </button>
              </form>
            </>
          )}
        </section>
      )}
    </section>
  );
}

/** One change request: deadlines, sign-offs, history; the reviewer decides, the editor revises and resubmits. */
export function ChangeRequestPage({ id, perms }: { id: string; perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const cr = useLoad(
    () => api<RequestDetail>("GET", `/api/v1/catalog/change-requests/${encodeURIComponent(id)}`),
    [id],
  );
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const [valid, setValid] = useState(false);
  function post(path: string, body: Record<string, unknown>) {
    setError(undefined);
    api("POST", `/api/v1/catalog/change-requests/${encodeURIComponent(id)}/${path}`, body).then(
      cr.reload,
      (e: unknown) => setError(messageOf(e)),
    );
  }
  const r = cr.data;
  if (cr.error !== undefined) return <ErrorText message={cr.error} />;
  if (r === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;
  return (
    <article aria-labelledby="cr-h">
      <CatalogNav perms={perms} />
      <h2 id="cr-h">{t("cat.request", { id: r.id, name: r.name })}</h2>
      <dl className="wb-facts">
        <dt>{t("cat.status")}</dt>
        <dd data-testid="cr-status">
          {safe(t, `cr.status.${r.status}`, r.status)} · {t("cat.round", { n: r.round })}
        </dd>
        <dt>{t("cat.due")}</dt>
        <dd>
          <Deadline r={r} />
        </dd>
        <dt>{t("cat.reason")}</dt>
        <dd>{r.reason}</dd>
        {r.decisionComment !== null && (
          <>
            <dt>{t("cat.comment")}</dt>
            <dd>{r.decisionComment}</dd>
          </>
        )}
      </dl>
      <ErrorText message={error} />
      <RequestExtras r={r} perms={perms} onChanged={cr.reload} />
      {r.status === "submitted" && perms.has("catalog.review") && (
        <form className="wb-card" aria-label={t("cr.decision")} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t("cat.comment")} <textarea value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>{" "}
          <button
            type="button"
            onClick={() => post("decision", { decision: "approve", ...(comment ? { comment } : {}) })}
          >
            {t("cat.approve")}
          </button>{" "}
          <button type="button" onClick={() => post("decision", { decision: "reject", comment })}>
            {t("cat.reject")}
          </button>
        </form>
      )}
      {r.status === "rejected" && perms.has("catalog.edit") && r.versionId !== null && (
        <section className="wb-card" aria-label={t("cat.resubmit")}>
          <PhoneEditor versionId={r.versionId} onChecked={setValid} />
          <button
            type="button"
            disabled={!valid}
            onClick={() => post("resubmission", { reason: comment || undefined })}
          >
            {t("cat.resubmit")}
          </button>
        </section>
      )}
      <h3>{t("cat.signoffs")}</h3>
      <ul>
        {r.signoffs.map((s, i) => (
          <li key={i}>
            {s.kindName}: {s.isApproved ? "✓" : "✗"} {s.comment ?? ""}
          </li>
        ))}
      </ul>
      <h3>{t("cat.history")}</h3>
      <ol data-testid="cr-history">
        {r.history.map((h, i) => (
          <li key={i}>
            {h.at.slice(0, 16).replace("T", " ")} · {h.action}
            {h.comment !== null ? ` · ${h.comment}` : ""}
          </li>
        ))}
      </ol>
    </article>
  );
}
