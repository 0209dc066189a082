import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, api } from "../../api/client.js";
import { useHydrated } from "../../components/hydrated.js";
import { useT } from "../../components/page-context.js";
import type { WebMessageKey } from "../../i18n/messages.js";
import {
  chinaToday,
  getBundleApplication,
  getBundleEvaluation,
  getCase,
  getEvaluation,
  listCaseDocuments,
  listMyBundleApplications,
  listMyCases,
  listMyLicenses,
  rateBundleApplication,
  rateCase,
  readFileBase64,
  supplyMaterials,
  withdrawBundleApplication,
  withdrawCase,
  workdaysBetween,
  type BundleApplication,
  type BundleEvaluation,
  type MyBundleApplications,
  type CaseList,
  type CaseView,
  type Evaluation,
  type SignedDocument,
  type WalletLicense,
} from "../lib/cases-api.js";

const CONCLUDED = new Set(["approved", "denied", "delivered", "not_accepted", "revoked", "withdrawn"]);
const RATEABLE = new Set(["approved", "denied", "delivered", "not_accepted"]);
/** Sub-cases the applicant may still withdraw (before a decision), as for a single case. */
const WITHDRAWABLE = new Set(["submitted", "accepted", "under_review", "suspended"]);
/** A bundle application that has concluded (shared/case-groups.ts `isFinalParentStatus`). */
const FINAL_PARENT = new Set(["completed", "partially_completed", "failed", "withdrawn"]);

function useStatus() {
  const t = useT();
  return (s: string) => {
    const key = `status.${s}` as WebMessageKey;
    const text = t(key);
    return text === key ? s : text;
  };
}

function useParentStatus() {
  const t = useT();
  return (s: string) => {
    const key = `parentStatus.${s}` as WebMessageKey;
    const text = t(key);
    return text === key ? s : text;
  };
}

/** 我的一件事申请: the applicant's bundle applications (each with its sub-cases on its own page). */
function BundleApplicationList() {
  const t = useT();
  const status = useParentStatus();
  const [list, setList] = useState<MyBundleApplications | null>(null);
  useEffect(() => {
    listMyBundleApplications().then(setList, () => setList({ items: [] }));
  }, []);
  if (list === null || list.items.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="cases" data-testid="my-bundles">
        <caption>{t("bundle.mine")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("cases.number")}</th>
            <th scope="col">{t("bundle.title")}</th>
            <th scope="col">{t("cases.status")}</th>
            <th scope="col">{t("cases.due")}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/me/bundles/${a.id}`}>{a.caseNumber}</a>
              </td>
              <td>{a.title}</td>
              <td>{status(a.status)}</td>
              <td>{a.promisedDue ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 我的办件: the signed-in applicant's bundle applications and cases, newest first. */
export function CaseListView() {
  return (
    <>
      <BundleApplicationList />
      <SingleCaseList />
    </>
  );
}

function SingleCaseList() {
  const t = useT();
  const status = useStatus();
  const [list, setList] = useState<CaseList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listMyCases().then(setList, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  if (error !== null) return <p role="alert">{error}</p>;
  if (list === null) return <p aria-busy="true">{t("common.loading")}</p>;
  if (list.items.length === 0) return <p>{t("cases.none")}</p>;
  return (
    <div className="table-wrap">
      <table className="cases">
        <caption>{t("cases.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("cases.number")}</th>
            <th scope="col">{t("cases.item")}</th>
            <th scope="col">{t("cases.status")}</th>
            <th scope="col">{t("cases.due")}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={`/me/cases/${c.id}`}>{c.caseNumber}</a>
              </td>
              <td>{c.itemName}</td>
              <td>{status(c.status)}</td>
              <td className={`warn-${c.warningLevel}`}>{c.promisedDue ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One case: current step, due date in working days with warning, timeline, notices, supplements, withdrawal, rating. */
export function CaseDetailView({ id }: { id: string }) {
  const t = useT();
  const status = useStatus();
  const hydrated = useHydrated();
  const [c, setC] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [counted, setCounted] = useState<{ due: string; n: number } | null>(null);
  const [msg, setMsg] = useState<string | null>(null);

  const load = useCallback(() => {
    getCase(id).then(setC, (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [id]);
  useEffect(load, [load]);
  const due = c !== null && c.promisedDue !== null && !CONCLUDED.has(c.status) ? c.promisedDue : null;
  useEffect(() => {
    const today = chinaToday();
    if (due === null || due < today) return;
    workdaysBetween(today, due).then(
      (r) => setCounted({ due, n: r.count }),
      () => undefined,
    );
  }, [due]);
  const left = due === null ? null : due < chinaToday() ? 0 : counted?.due === due ? counted.n : null;

  if (error !== null) return <p role="alert">{error}</p>;
  if (c === null) return <p aria-busy="true">{t("common.loading")}</p>;

  async function withdraw() {
    if (c === null || !window.confirm(t("cases.withdrawConfirm"))) return;
    try {
      setC(await withdrawCase(c.id, c.lockVersion));
      setMsg(t("cases.withdrawn"));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <article className="case" aria-labelledby="case-h">
      <h2 id="case-h">
        {c.itemName}{" "}
        <span className="meta" data-testid="case-number">
          {c.caseNumber}
        </span>
      </h2>
      {msg !== null && (
        <p role="status" className="ok">
          {msg}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t("cases.status")}</dt>
          <dd data-testid="case-status">{status(c.status)}</dd>
        </div>
        <div>
          <dt>{t("cases.submittedAt")}</dt>
          <dd>{c.submittedAt.slice(0, 10)}</dd>
        </div>
        {c.promisedDue !== null && (
          <div>
            <dt>{t("cases.due")}</dt>
            <dd className={`warn-${c.warningLevel}`} data-testid="case-due">
              {c.promisedDue}
              {left !== null && ` · ${t("cases.workdaysLeft", { n: left })}`}
              {c.warningLevel !== "normal" && !CONCLUDED.has(c.status) && (
                <strong> · {t(c.warningLevel === "red" ? "cases.warnRed" : "cases.warnYellow")}</strong>
              )}
            </dd>
          </div>
        )}
      </dl>
      {((c.toleranceDue !== null && c.toleranceMissing !== null && c.toleranceMissing.length > 0) ||
        c.status === "suspended") && (
        <Supplement c={c} onDone={(next) => (setC(next), setMsg(t("cases.supplied")))} />
      )}
      <h3>{t("cases.timeline")}</h3>
      <ol className="timeline" data-testid="timeline">
        {c.history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{h.at.slice(0, 16).replace("T", " ")}</time> {status(h.toStatus)}
            {h.comment !== null && h.comment !== "" && <span className="meta"> — {h.comment}</span>}
          </li>
        ))}
      </ol>
      {c.notices.length > 0 && (
        <>
          <h3>{t("cases.notices")}</h3>
          <ul className="notices">
            {c.notices.map((n) => (
              <li key={n.id}>
                <a href={`/cases/${c.id}/notices/${n.id}/print`} data-testid="notice-link">
                  {n.title}
                </a>{" "}
                <span className="meta">{n.issuedAt.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Documents caseId={c.id} version={c.lockVersion} />
      {RATEABLE.has(c.status) && <Rating caseId={c.id} />}
      <p className="actions">
        {c.canWithdraw && (
          <button type="button" className="secondary" disabled={!hydrated} onClick={() => void withdraw()}>
            {t("cases.withdraw")}
          </button>
        )}{" "}
        <a href={`/complaints/new?case=${c.id}`}>{t("complaint.about")}</a>
      </p>
    </article>
  );
}

/** 补正 / 容缺: upload what the one-time notice listed as missing. */
function Supplement({ c, onDone }: { c: CaseView; onDone: (next: CaseView) => void }) {
  const t = useT();
  const hydrated = useHydrated();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // 容缺: exactly what the one-time notice listed; 补正 (a suspension): any of the case's materials again.
  const isTolerance = (c.toleranceMissing ?? []).length > 0;
  const [guideMaterials, setGuideMaterials] = useState<{ key: string; name: string }[]>([]);
  useEffect(() => {
    if (isTolerance) return;
    api<{ content: { materials: { key: string; name: string }[] } }>(
      "GET",
      `/api/v1/guides/${encodeURIComponent(c.guideCode)}`,
    ).then(
      (g) => setGuideMaterials(g.content.materials),
      () => undefined,
    );
  }, [isTolerance, c.guideCode]);
  const missing = isTolerance ? (c.toleranceMissing ?? []) : guideMaterials.map((m) => m.key);
  const reason = c.history.findLast((h) => h.toStatus === "suspended")?.comment ?? null;
  // Names from the case's materials, else from the one-time 容缺 notice (which lists them in order).
  const listed = c.notices.findLast((n) => n.kind === "tolerance")?.content as
    { missingMaterials?: string[] } | undefined;
  const nameOf = (key: string) =>
    guideMaterials.find((m) => m.key === key)?.name ??
    c.materials.find((m) => m.key === key)?.name ??
    listed?.missingMaterials?.[missing.indexOf(key)] ??
    key;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setError(null);
    try {
      const materials = [];
      for (const key of missing) {
        const file = (form.elements.namedItem(`s-${key}`) as HTMLInputElement | null)?.files?.[0];
        if (file === undefined) continue;
        materials.push({
          key,
          fileName: file.name,
          contentType: file.type || "application/pdf",
          dataBase64: await readFileBase64(file),
        });
      }
      if (materials.length === 0) return setError(t("cases.chooseFile"));
      setProgress(0);
      onDone(await supplyMaterials(c.id, materials, setProgress));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setProgress(null);
    }
  }

  return (
    <section className="notice-box" aria-labelledby="supp-h">
      <h3 id="supp-h">{t("cases.supplementTitle")}</h3>
      {isTolerance ? (
        <p>{t("cases.supplementDue", { date: c.toleranceDue ?? "" })}</p>
      ) : (
        <p>
          {t("cases.correction")}
          {reason !== null && reason !== "" && `${t("punct.colon")}${reason}`}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} className="form">
        {missing.map((key) => (
          <p className="field" key={key}>
            <label htmlFor={`s-${key}`}>{nameOf(key)}</label>
            <input
              id={`s-${key}`}
              name={`s-${key}`}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
            />
          </p>
        ))}
        {progress !== null && <progress max={1} value={progress} aria-label={t("apply.sending")} />}
        {error !== null && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={!hydrated || progress !== null}>
          {t("cases.supplementSubmit")}
        </button>
      </form>
    </section>
  );
}

const INDICATORS = ["overall", "efficiency", "guideAccuracy", "convenience", "usability"] as const;

/** 好差评 (SPEC §10): five levels and the online channel's indicators, once per concluded case. */
function Rating({ caseId }: { caseId: string }) {
  const t = useT();
  const [existing, setExisting] = useState<Evaluation | null | undefined>(undefined);
  useEffect(() => {
    getEvaluation(caseId).then(setExisting, () => setExisting(null));
  }, [caseId]);
  if (existing === undefined) return null;
  if (existing !== null)
    return (
      <p className="ok" data-testid="rated">
        {t("rating.done", { level: existing.levelName })}
      </p>
    );
  return (
    <RatingForm
      submit={async (body) => {
        await rateCase(caseId, body);
        setExisting(await getEvaluation(caseId));
      }}
    />
  );
}

type RateInput = { level: number; indicators: Record<string, number>; comment?: string };

/** The rating form (five levels, a comment); the indicators take the level (the online channel's). */
function RatingForm({ submit: send, note }: { submit: (body: RateInput) => Promise<void>; note?: string }) {
  const t = useT();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const level = Number(data.get("level"));
    if (!(level >= 1 && level <= 5)) return setError(t("rating.pick"));
    const indicators: Record<string, number> = {};
    for (const k of INDICATORS) indicators[k] = level;
    const raw = data.get("comment");
    const comment = typeof raw === "string" ? raw.trim() : "";
    try {
      await send({ level, indicators, ...(comment === "" ? {} : { comment }) });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <form className="form rating" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t("rating.title")}</legend>
        {note !== undefined && <p className="meta">{note}</p>}
        {[1, 2, 3, 4, 5].map((l) => (
          <label key={l} className="choice">
            <input type="radio" name="level" value={l} /> {t(`rating.level${l}` as WebMessageKey)}
          </label>
        ))}
      </fieldset>
      <p className="field">
        <label htmlFor="rating-comment">{t("rating.comment")}</label>
        <textarea id="rating-comment" name="comment" maxLength={2000} />
      </p>
      {error !== null && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={!hydrated}>
        {t("rating.submit")}
      </button>
    </form>
  );
}

/** The case's signed documents (sealed PDFs): download, and the public verification page of each. */
function Documents({ caseId, version }: { caseId: string; version: number }) {
  const t = useT();
  const [docs, setDocs] = useState<SignedDocument[] | null>(null);
  useEffect(() => {
    listCaseDocuments(caseId).then(
      (r) => setDocs(r.items),
      () => setDocs([]),
    );
  }, [caseId, version]);
  if (docs === null || docs.length === 0) return null;
  return (
    <>
      <h3>{t("cases.documents")}</h3>
      <ul className="notices" data-testid="documents">
        {docs.map((d) => (
          <li key={d.id}>
            <a href={`/api/v1/documents/${d.id}/pdf`} download data-testid="document-pdf">
              {t("cases.pdf", { title: d.title })}
            </a>{" "}
            <a href={`/verify/documents/${d.id}`}>{t("cases.verify")}</a>{" "}
            <span className="meta">{d.signedAt.slice(0, 10)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** 我的证照 (wallet): the holder's e-licenses, each with its verification QR code. */
export function WalletView() {
  const t = useT();
  const [items, setItems] = useState<WalletLicense[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listMyLicenses().then(
      (r) => setItems(r.items),
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, []);
  if (error !== null) return <p role="alert">{error}</p>;
  if (items === null) return <p aria-busy="true">{t("common.loading")}</p>;
  if (items.length === 0) return <p>{t("wallet.none")}</p>;
  return (
    <ul className="wallet" data-testid="wallet">
      {items.map((l) => (
        <li key={l.id} className="license">
          <h3>{l.typeName}</h3>
          <p>
            {t("wallet.number")}
            {t("punct.colon")}
            {l.licenseNumber} · {t(`wallet.status.${l.status}` as WebMessageKey)}
          </p>
          <p className="meta">
            {t("wallet.valid", { from: l.validFrom, to: l.validTo ?? t("wallet.noExpiry") })}
          </p>
          <img
            src={`/api/v1/licenses/${encodeURIComponent(l.identifier)}/qr.png`}
            width={128}
            height={128}
            alt={t("wallet.qr", { name: l.typeName })}
          />
          <p>
            <a href={`/verify/licenses/${encodeURIComponent(l.identifier)}`}>{t("cases.verify")}</a>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** 一件事 application: the parent case and each item's sub-case (with its own page). */
export function BundleApplicationView({ id }: { id: string }) {
  const t = useT();
  const status = useStatus();
  const parentStatus = useParentStatus();
  const hydrated = useHydrated();
  const [a, setA] = useState<BundleApplication | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    getBundleApplication(id).then(setA, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [id]);
  if (error !== null) return <p role="alert">{error}</p>;
  if (a === null) return <p aria-busy="true">{t("common.loading")}</p>;
  const canWithdraw = a.subCases.some((c) => WITHDRAWABLE.has(c.status));

  async function withdraw() {
    if (a === null || !window.confirm(t("bundle.withdrawConfirm"))) return;
    try {
      setA(await withdrawBundleApplication(a.id));
      setMsg(t("bundle.withdrawn"));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <article className="case" aria-labelledby="bundle-h">
      <h2 id="bundle-h">
        {a.title}{" "}
        <span className="meta" data-testid="bundle-number">
          {a.caseNumber}
        </span>
      </h2>
      {msg !== null && (
        <p role="status" className="ok">
          {msg}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t("cases.status")}</dt>
          <dd data-testid="bundle-status">{parentStatus(a.status)}</dd>
        </div>
        {a.promisedDue !== null && (
          <div>
            <dt>{t("cases.due")}</dt>
            <dd>{a.promisedDue}</dd>
          </div>
        )}
      </dl>
      <div className="table-wrap">
        <table className="cases" data-testid="sub-cases">
          <caption>{t("bundle.subCases")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cases.number")}</th>
              <th scope="col">{t("cases.item")}</th>
              <th scope="col">{t("bundle.agency")}</th>
              <th scope="col">{t("cases.status")}</th>
            </tr>
          </thead>
          <tbody>
            {a.subCases.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <a href={`/me/cases/${c.caseId}`}>{c.caseNumber}</a>
                </td>
                <td>{c.itemName}</td>
                <td>{c.agencyName}</td>
                <td>{status(c.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {FINAL_PARENT.has(a.status) && <BundleRating id={a.id} />}
      {canWithdraw && (
        <p className="actions">
          <button type="button" className="secondary" disabled={!hydrated} onClick={() => void withdraw()}>
            {t("bundle.withdraw")}
          </button>
        </p>
      )}
    </article>
  );
}

/** 好差评 of a concluded 一件事 application: one rating, recorded for each item's department. */
function BundleRating({ id }: { id: string }) {
  const t = useT();
  const [ev, setEv] = useState<BundleEvaluation | null>(null);
  useEffect(() => {
    getBundleEvaluation(id).then(setEv, () => setEv(null));
  }, [id]);
  if (ev === null) return null;
  if (ev.isRateable)
    return (
      <RatingForm
        note={t("bundle.ratingNote")}
        submit={async (body) => {
          await rateBundleApplication(id, body);
          setEv(await getBundleEvaluation(id));
        }}
      />
    );
  if (!ev.isRated) return null;
  return (
    <div className="ok" data-testid="bundle-rated">
      <p>{t("bundle.rated")}</p>
      <ul>
        {ev.items.map((i) => (
          <li key={i.caseId}>
            {t("bundle.ratedItem", {
              item: i.itemName,
              agency: i.agencyName,
              level: i.evaluation === null ? "—" : t(`rating.level${i.evaluation.level}` as WebMessageKey),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
