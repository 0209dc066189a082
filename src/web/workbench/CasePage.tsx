import { useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api/client.js";
import { ErrorText, fileToBase64, messageOf, statusName, useLoad, useWt, WarningBadge } from "./common.js";
import type { WbPermission } from "./roles.js";
import { LicensesPanel } from "./LicensesPanel.js";

interface CaseDetail {
  id: string;
  caseNumber: string;
  itemName: string;
  guideCode: string;
  status: string;
  channel: string;
  isAssisted: boolean;
  submittedAt: string;
  acceptedOn: string | null;
  promisedDue: string | null;
  legalDue: string | null;
  extensionDays: number;
  pausedWorkdays: number;
  warningLevel: string;
  toleranceDue: string | null;
  toleranceMissing: string[] | null;
  decision: string | null;
  decisionReason: string | null;
  lockVersion: number;
  materials: {
    key: string;
    name: string;
    source: string;
    fileName: string | null;
    sm3: string | null;
    reference: string | null;
    isSupplement: boolean;
  }[];
  history: {
    action: string;
    fromStatus: string | null;
    toStatus: string;
    comment: string | null;
    at: string;
  }[];
  notices: { id: number; kind: string; title: string; issuedAt: string }[];
}
interface GuideMaterials {
  content: { materials: { key: string; name: string; isToleratedMissing: boolean }[] };
}

type Outcome = "accepted" | "corrected_then_accepted" | "tolerance" | "not_ours" | "not_catalogued";

/**
 * One case for the window and the back office: its materials, documents, history and clock, and
 * the actions the post may take in its state (受理, 容缺补齐, 分派, 审批, 中止/恢复, 延期, 转报, 送达).
 */
export function CasePage({ id, perms }: { id: string; perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const {
    data: c,
    error: loadError,
    reload,
  } = useLoad(() => api<CaseDetail>("GET", `/api/v1/cases/${encodeURIComponent(id)}`), [id]);
  const { data: guide } = useLoad(
    () =>
      c === undefined
        ? Promise.resolve(undefined)
        : api<GuideMaterials>("GET", `/api/v1/guides/${c.guideCode}`),
    [c?.guideCode],
  );
  const { data: documents } = useLoad(
    () =>
      api<{ items: { id: string; kind: string; title: string; signedAt: string }[] }>(
        "GET",
        `/api/v1/cases/${encodeURIComponent(id)}/documents`,
      ).catch(() => ({ items: [] })),
    [id, c?.lockVersion],
  );
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>("accepted");
  const [missing, setMissing] = useState<string[]>([]);
  const [text, setText] = useState({
    corrections: "",
    competent: "",
    reason: "",
    deny: "",
    suspend: "",
    extend: "",
    opinion: "",
  });
  const [suspendKind, setSuspendKind] = useState("correction");
  const [extendDays, setExtendDays] = useState("5");
  const [forwardTo, setForwardTo] = useState("");
  const [supplements, setSupplements] = useState<Record<string, File | undefined>>({});
  const approveRef = useRef<HTMLButtonElement>(null);
  const denyRef = useRef<HTMLTextAreaElement>(null);
  const suspendRef = useRef<HTMLTextAreaElement>(null);
  const resumeRef = useRef<HTMLButtonElement>(null);
  const extendRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (el !== null && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)))
        return;
      const k = e.key.toLowerCase();
      if (k === "a" && approveRef.current !== null) approveRef.current.focus();
      else if (k === "d" && denyRef.current !== null) denyRef.current.focus();
      else if (k === "s" && suspendRef.current !== null) suspendRef.current.focus();
      else if (k === "r" && resumeRef.current !== null) resumeRef.current.focus();
      else if (k === "e" && extendRef.current !== null) extendRef.current.focus();
      else return;
      e.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  if (loadError !== undefined) return <ErrorText message={loadError} />;
  if (c === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;

  const front = perms.has("case.intake");
  const back = perms.has("case.review");
  const decide = perms.has("case.decide");

  function act(label: string, path: string, body: Record<string, unknown>) {
    if (c === undefined) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    api("POST", `/api/v1/cases/${c.id}/${path}`, {
      ...body,
      ...(path === "supplements" ? {} : { lockVersion: c.lockVersion }),
    })
      .then(
        () => {
          setDone(t("case.done", { action: label }));
          reload();
        },
        (e: unknown) => setError(messageOf(e)),
      )
      .finally(() => setBusy(false));
  }
  const submitAcceptance = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { outcome };
    if (outcome === "tolerance") body.missingMaterialKeys = missing;
    if (outcome === "corrected_then_accepted")
      body.corrections = text.corrections
        .split("\n")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    if (outcome === "not_ours") body.competentAgency = text.competent;
    if (text.reason.trim() !== "") body.reason = text.reason;
    act(t("accept.submit"), "acceptance", body);
  };
  const submitSupplement = async (e: FormEvent) => {
    e.preventDefault();
    const materials = [];
    for (const [key, file] of Object.entries(supplements))
      if (file !== undefined)
        materials.push({
          key,
          fileName: file.name,
          contentType: file.type || "application/pdf",
          dataBase64: await fileToBase64(file),
        });
    act(t("case.supplement"), "supplements", { materials });
  };
  const setField = (k: keyof typeof text) => (e: { target: { value: string } }) =>
    setText({ ...text, [k]: e.target.value });
  const tolerable = (guide?.content.materials ?? []).filter((m) => m.isToleratedMissing);
  const nameOf = (key: string) => guide?.content.materials.find((m) => m.key === key)?.name ?? key;

  return (
    <article aria-labelledby="case-h" className="wb-case">
      <h2 id="case-h">{t("case.title", { number: c.caseNumber })}</h2>
      <dl className="wb-facts">
        <dt>{t("case.item")}</dt>
        <dd>{c.itemName}</dd>
        <dt>{t("case.status")}</dt>
        <dd data-testid="case-status">{statusName(t, c.status)}</dd>
        <dt>{t("case.applicantChannel")}</dt>
        <dd>
          {c.channel}
          {c.isAssisted ? ` · ${t("case.assisted")}` : ""}
        </dd>
        <dt>{t("case.submitted")}</dt>
        <dd>{c.submittedAt.slice(0, 16).replace("T", " ")}</dd>
        <dt>{t("case.due")}</dt>
        <dd>{c.promisedDue ?? "—"}</dd>
        <dt>{t("case.legalDue")}</dt>
        <dd>{c.legalDue ?? "—"}</dd>
        <dt>{t("case.warning")}</dt>
        <dd>
          <WarningBadge level={c.warningLevel} />
        </dd>
        <dt>{t("case.clock")}</dt>
        <dd>
          {t("case.paused", { n: c.pausedWorkdays })} · {t("case.extended", { n: c.extensionDays })}
        </dd>
      </dl>
      {c.toleranceDue !== null && (
        <p className="wb-warn">
          {t("case.toleranceDue", {
            date: c.toleranceDue,
            names: (c.toleranceMissing ?? []).map(nameOf).join("、"),
          })}
        </p>
      )}
      <ErrorText message={error} />
      {done !== undefined && (
        <p role="status" className="wb-ok">
          {done}
        </p>
      )}

      <section aria-labelledby="actions-h" className="wb-card">
        <h3 id="actions-h">{t("case.actions")}</h3>
        {c.status === "submitted" && (front || back) && (
          <form onSubmit={submitAcceptance} aria-label={t("accept.title")}>
            <fieldset>
              <legend>{t("accept.outcome")}</legend>
              {(
                [
                  ["accepted", "accept.accepted"],
                  ["corrected_then_accepted", "accept.corrected"],
                  ["tolerance", "accept.tolerance"],
                  ["not_ours", "accept.notOurs"],
                  ["not_catalogued", "accept.notCatalogued"],
                ] as const
              ).map(([v, key]) => (
                <label key={v} className="wb-radio">
                  <input
                    type="radio"
                    name="outcome"
                    value={v}
                    checked={outcome === v}
                    onChange={() => setOutcome(v)}
                  />{" "}
                  {t(key)}
                </label>
              ))}
            </fieldset>
            {outcome === "tolerance" && (
              <fieldset>
                <legend>{t("accept.missing")}</legend>
                {tolerable.map((m) => (
                  <label key={m.key} className="wb-radio">
                    <input
                      type="checkbox"
                      checked={missing.includes(m.key)}
                      onChange={(e) =>
                        setMissing(
                          e.target.checked ? [...missing, m.key] : missing.filter((k) => k !== m.key),
                        )
                      }
                    />{" "}
                    {m.name}
                  </label>
                ))}
              </fieldset>
            )}
            {outcome === "corrected_then_accepted" && (
              <label>
                {t("accept.corrections")}{" "}
                <textarea value={text.corrections} onChange={setField("corrections")} />
              </label>
            )}
            {outcome === "not_ours" && (
              <label>
                {t("accept.competent")} <input value={text.competent} onChange={setField("competent")} />
              </label>
            )}
            <label>
              {t("accept.reason")} <textarea value={text.reason} onChange={setField("reason")} />
            </label>
            <button type="submit" disabled={busy}>
              {t("accept.submit")}
            </button>
          </form>
        )}
        {(c.status === "accepted" || c.status === "suspended") &&
          (c.toleranceMissing ?? []).length > 0 &&
          front && (
            <form onSubmit={(e) => void submitSupplement(e)} aria-label={t("case.supplement")}>
              {(c.toleranceMissing ?? []).map((key) => (
                <label key={key}>
                  {nameOf(key)}{" "}
                  <input
                    type="file"
                    data-material={key}
                    accept="application/pdf,image/jpeg,image/png"
                    onChange={(e) => setSupplements({ ...supplements, [key]: e.target.files?.[0] })}
                  />
                </label>
              ))}
              <button type="submit" disabled={busy}>
                {t("case.supplement")}
              </button>
            </form>
          )}
        {c.status === "accepted" && (c.toleranceMissing ?? []).length === 0 && (front || back) && (
          <button type="button" disabled={busy} onClick={() => act(t("case.dispatch"), "dispatch", {})}>
            {t("case.dispatch")}
          </button>
        )}
        {c.status === "under_review" && decide && (
          <div className="wb-group">
            <button
              type="button"
              ref={approveRef}
              disabled={busy}
              onClick={() => act(t("case.approve"), "decision", { decision: "approve" })}
            >
              {t("case.approve")} (A)
            </button>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                act(t("case.deny"), "decision", { decision: "deny", reason: text.deny });
              }}
            >
              <label>
                {t("case.denyReason")} (D){" "}
                <textarea ref={denyRef} value={text.deny} onChange={setField("deny")} required />
              </label>
              <button type="submit" disabled={busy}>
                {t("case.deny")}
              </button>
            </form>
          </div>
        )}
        {(c.status === "under_review" || c.status === "accepted") && back && (
          <div className="wb-group">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                act(t("case.suspend"), "suspension", { kind: suspendKind, reason: text.suspend });
              }}
            >
              <label>
                {t("case.suspendKind")}{" "}
                <select value={suspendKind} onChange={(e) => setSuspendKind(e.target.value)}>
                  {(["correction", "hearing", "inspection", "expert_review"] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`case.kind.${k}`)}
                    </option>
                  ))}
                </select>
              </label>{" "}
              <label>
                {t("case.reasonField")} (S){" "}
                <textarea ref={suspendRef} value={text.suspend} onChange={setField("suspend")} required />
              </label>
              <button type="submit" disabled={busy}>
                {t("case.suspend")}
              </button>
            </form>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                act(t("case.extend"), "extension", { days: Number(extendDays), reason: text.extend });
              }}
            >
              <label>
                {t("case.extendDays")}{" "}
                <input
                  type="number"
                  min={1}
                  max={60}
                  value={extendDays}
                  onChange={(e) => setExtendDays(e.target.value)}
                />
              </label>{" "}
              <label>
                {t("case.reasonField")} (E){" "}
                <textarea ref={extendRef} value={text.extend} onChange={setField("extend")} required />
              </label>
              <button type="submit" disabled={busy}>
                {t("case.extend")}
              </button>
            </form>
            {c.status === "under_review" && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  act(t("case.forward"), "forwarding", {
                    toAgencyId: Number(forwardTo),
                    opinion: text.opinion,
                  });
                }}
              >
                <label>
                  {t("case.forwardTo")}{" "}
                  <input
                    type="number"
                    min={1}
                    value={forwardTo}
                    onChange={(e) => setForwardTo(e.target.value)}
                    required
                  />
                </label>{" "}
                <label>
                  {t("case.opinion")}{" "}
                  <textarea value={text.opinion} onChange={setField("opinion")} required />
                </label>
                <button type="submit" disabled={busy}>
                  {t("case.forward")}
                </button>
              </form>
            )}
          </div>
        )}
        {c.status === "suspended" && back && (
          <button
            type="button"
            ref={resumeRef}
            disabled={busy}
            onClick={() => act(t("case.resume"), "resumption", {})}
          >
            {t("case.resume")} (R)
          </button>
        )}
        {(c.status === "approved" || c.status === "denied") && (front || back) && (
          <button type="button" disabled={busy} onClick={() => act(t("case.deliver"), "delivery", {})}>
            {t("case.deliver")}
          </button>
        )}
        {decide && <p className="wb-hint">{t("case.shortcuts")}</p>}
      </section>

      <section aria-labelledby="notices-h">
        <h3 id="notices-h">{t("case.notices")}</h3>
        <ul>
          {c.notices.map((n) => (
            <li key={n.id}>
              {n.title} · {n.issuedAt.slice(0, 10)}{" "}
              <a href={`/cases/${c.id}/notices/${n.id}/print`} target="_blank" rel="noreferrer">
                {t("case.print")}
                <span className="visually-hidden"> {n.title}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      {(documents?.items.length ?? 0) > 0 && (
        <section aria-labelledby="documents-h">
          <h3 id="documents-h">{t("case.documents")}</h3>
          <ul>
            {(documents?.items ?? []).map((d) => (
              <li key={d.id}>
                {d.title} · {d.signedAt.slice(0, 10)}{" "}
                <a href={`/api/v1/documents/${d.id}/pdf`}>
                  {t("case.download")}
                  <span className="visually-hidden"> {d.title}</span>
                </a>{" "}
                <a href={`/api/v1/documents/${d.id}/verification`}>
                  {t("case.verify")}
                  <span className="visually-hidden"> {d.title}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <LicensesPanel caseId={c.id} version={c.lockVersion} />
      <section aria-labelledby="materials-h">
        <h3 id="materials-h">{t("case.materials")}</h3>
        <ul>
          {c.materials.map((m, i) => (
            <li key={`${m.key}-${i}`}>
              {m.name}: {m.fileName ?? m.reference ?? m.source}
              {m.source === "license" ? ` · ${t("case.license")}` : ""}
              {m.sm3 !== null ? ` · SM3 ${m.sm3.slice(0, 12)}…` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-h">
        <h3 id="history-h">{t("case.history")}</h3>
        <ol>
          {c.history.map((h, i) => (
            <li key={i}>
              {h.at.slice(0, 16).replace("T", " ")} · {h.action} → {statusName(t, h.toStatus)}
              {h.comment !== null ? ` · ${h.comment}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
