import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, currentUser, type Me } from "../../api/client.js";
import { useHydrated } from "../../components/hydrated.js";
import { useT } from "../../components/page-context.js";
import { loadDraft, newIdempotencyKey, prefillFor, saveDraft, clearDraft, type Draft } from "../lib/draft.js";
import {
  planBundleMaterials,
  planMaterials,
  readFileBase64,
  submitApplication,
  submitBundleApplication,
  type ApplyInput,
  type MaterialPlan,
} from "../lib/cases-api.js";

/** What the apply page needs from a guide (server-rendered props). */
export interface ApplyGuide {
  /** A single item (its guide's code) or a 一件事 bundle (its code; merged form and materials). */
  kind: "item" | "bundle";
  code: string;
  name: string;
  form: {
    key: string;
    label: string;
    type: string;
    isRequired: boolean;
    options?: string[] | undefined;
    maxLength?: number | undefined;
    semanticKey?: string | undefined;
  }[];
  materials: {
    key: string;
    name: string;
    isRequired: boolean;
    source: string;
    licenseTypeCode?: string | undefined;
    isToleratedMissing: boolean;
    note?: string | undefined;
  }[];
  commitmentText: string | null;
}

type Step = "form" | "review" | "done";

/** Where the apply page of an item or a bundle lives. */
export const applyPath = (g: { kind: "item" | "bundle"; code: string }) =>
  g.kind === "bundle" ? `/bundles/${g.code}/apply` : `/apply/${g.code}`;

const INPUT_TYPE: Record<string, string> = { number: "number", date: "date", phone: "tel" };
const MAX_FILE = 5 * 1024 * 1024;

/**
 * The application island (/apply/:code): the guide's form prefilled from the profile, material
 * uploads with progress, 免证办 licences attached by reference, a review step, and submission with an
 * idempotency key kept in the saved draft — a double click, a lost answer or a reload never makes a
 * second case. The draft (fields, files when small, the key) lives in localStorage per guide.
 */
export function ApplyForm({ guide }: { guide: ApplyGuide }) {
  const t = useT();
  const hydrated = useHydrated();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [step, setStep] = useState<Step>("form");
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [sendProgress, setSendProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);
  const [restored, setRestored] = useState(false);
  const [plan, setPlan] = useState<Record<string, MaterialPlan>>({});
  const [consent, setConsent] = useState(true);
  const busy = useRef(false);

  useEffect(() => {
    currentUser().then(
      (u) => {
        setMe(u);
        if (u !== null)
          (guide.kind === "bundle" ? planBundleMaterials(guide.code) : planMaterials(guide.code)).then(
            (p) => setPlan(Object.fromEntries(p.items.map((i) => [i.key, i]))),
            () => setPlan({}),
          );
        const saved = loadDraft(guide.code);
        if (saved !== null) {
          setDraft(saved);
          setRestored(true);
          if (saved.step === "review") setStep("review");
        } else
          setDraft({
            formData: u === null ? {} : prefillFor(guide.form, u),
            files: {},
            idempotencyKey: newIdempotencyKey(),
            step: "form",
          });
      },
      () => setMe(null),
    );
  }, [guide]);

  useEffect(() => {
    if (draft !== null && step !== "done") saveDraft(guide.code, { ...draft, step });
  }, [draft, step, guide.code]);

  if (me === undefined || (me !== null && draft === null))
    return <p aria-busy="true">{t("common.loading")}</p>;
  if (me === null)
    return (
      <p>
        <a href={`/login?next=${encodeURIComponent(applyPath(guide))}`}>{t("apply.loginFirst")}</a>
      </p>
    );
  const d = draft as Draft;
  /** 免证办: satisfied by a held e-license or shared data, and the applicant consents to its use. */
  const isAuto = (key: string) => consent && (plan[key]?.satisfiedBy ?? null) !== null;
  const autoKeys = guide.materials.filter((m) => isAuto(m.key)).map((m) => m.key);
  const setField = (key: string, value: string) =>
    setDraft({ ...d, formData: { ...d.formData, [key]: value } });

  async function pickFile(key: string, file: File | undefined) {
    if (file === undefined) return;
    if (file.size > MAX_FILE) {
      setError(t("apply.fileTooLarge", { name: file.name }));
      return;
    }
    setError(null);
    setProgress((p) => ({ ...p, [key]: 0 }));
    const data = await readFileBase64(file, (f) => setProgress((p) => ({ ...p, [key]: f })));
    setDraft((cur) =>
      cur === null
        ? cur
        : {
            ...cur,
            files: {
              ...cur.files,
              [key]: { fileName: file.name, contentType: file.type || "application/pdf", dataBase64: data },
            },
          },
    );
  }

  function toReview(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const missing = guide.form.filter((f) => f.isRequired && (d.formData[f.key] ?? "").trim() === "");
    if (missing.length > 0) {
      setIssues(
        missing.map((f) => ({ path: `formData.${f.key}`, message: t("apply.required", { label: f.label }) })),
      );
      return;
    }
    setIssues([]);
    setStep("review");
  }

  async function submit() {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    setSendProgress(0);
    try {
      const formData: Record<string, unknown> = {};
      for (const f of guide.form) {
        const v = (d.formData[f.key] ?? "").trim();
        if (v !== "") formData[f.key] = f.type === "number" ? Number(v) : v;
      }
      const materials: NonNullable<ApplyInput["materials"]> = guide.materials.flatMap((m) => {
        const file = d.files[m.key];
        return file === undefined || isAuto(m.key) ? [] : [{ key: m.key, ...file }];
      });
      const next =
        guide.kind === "bundle"
          ? `/me/bundles/${
              (
                await submitBundleApplication(
                  guide.code,
                  { formData, materials, ...(autoKeys.length > 0 ? { useLicenses: true } : {}) },
                  d.idempotencyKey,
                  setSendProgress,
                )
              ).id
            }`
          : `/me/cases/${
              (
                await submitApplication(
                  {
                    guideCode: guide.code,
                    formData,
                    materials,
                    ...(autoKeys.length > 0 ? { useLicenses: true } : {}),
                  },
                  d.idempotencyKey,
                  setSendProgress,
                )
              ).id
            }`;
      clearDraft(guide.code);
      setStep("done");
      window.location.assign(next);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.code === "NETWORK" ? t("apply.network") : err.message);
        setIssues(err.details ?? []);
        if (err.details !== undefined && err.details.length > 0) setStep("form");
      } else setError(String(err));
    } finally {
      busy.current = false;
      setSendProgress(null);
    }
  }

  const errorBox = (
    <>
      {error !== null && (
        <p role="alert" className="error">
          {t("form.error", { message: error })}
        </p>
      )}
      {issues.length > 0 && (
        <ul className="error" role="alert" data-testid="apply-issues">
          {issues.map((i) => (
            <li key={i.path}>{i.message}</li>
          ))}
        </ul>
      )}
    </>
  );

  if (step === "done") return <p role="status">{t("apply.submitted")}</p>;

  if (step === "review")
    return (
      <section aria-labelledby="review-h">
        <h2 id="review-h">{t("apply.review")}</h2>
        <dl className="review">
          {guide.form.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{d.formData[f.key] ?? ""}</dd>
            </div>
          ))}
        </dl>
        <h3>{t("guide.materials")}</h3>
        <ul className="review-materials">
          {guide.materials.map((m) => (
            <li key={m.key}>
              {m.name}
              {t("punct.colon")}
              {isAuto(m.key)
                ? t("apply.autoAttached")
                : d.files[m.key] !== undefined
                  ? d.files[m.key]?.fileName
                  : m.isRequired
                    ? m.isToleratedMissing
                      ? t("apply.toleratedMissing")
                      : t("apply.notProvided")
                    : t("apply.optional")}
            </li>
          ))}
        </ul>
        {errorBox}
        {sendProgress !== null && (
          <p>
            <label htmlFor="send-progress">{t("apply.sending")}</label>{" "}
            <progress id="send-progress" max={1} value={sendProgress} />
          </p>
        )}
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setStep("form")}>
            {t("apply.back")}
          </button>{" "}
          <button type="button" onClick={() => void submit()} disabled={!hydrated || sendProgress !== null}>
            {t("apply.submit")}
          </button>
        </p>
      </section>
    );

  return (
    <form className="form" onSubmit={toReview} noValidate aria-describedby="apply-hint">
      <p id="apply-hint" className="meta">
        {restored ? t("apply.draftRestored") : t("apply.draftHint")}
      </p>
      <fieldset>
        <legend>{t("apply.formLegend")}</legend>
        {guide.form.map((f) => {
          const id = `f-${f.key}`;
          const value = d.formData[f.key] ?? "";
          const invalid = issues.some((i) => i.path === `formData.${f.key}`);
          return (
            <p className="field" key={f.key}>
              <label htmlFor={id}>
                {f.label}
                {f.isRequired && <span aria-hidden="true"> *</span>}
              </label>
              {f.type === "select" ? (
                <select
                  id={id}
                  value={value}
                  required={f.isRequired}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => setField(f.key, e.target.value)}
                >
                  <option value="">{t("apply.choose")}</option>
                  {(f.options ?? []).map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : f.type === "textarea" ? (
                <textarea
                  id={id}
                  value={value}
                  required={f.isRequired}
                  maxLength={f.maxLength ?? 2000}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => setField(f.key, e.target.value)}
                />
              ) : (
                <input
                  id={id}
                  type={INPUT_TYPE[f.type] ?? "text"}
                  value={value}
                  required={f.isRequired}
                  maxLength={f.maxLength ?? 200}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => setField(f.key, e.target.value)}
                />
              )}
            </p>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>{t("guide.materials")}</legend>
        {Object.values(plan).some((p) => p.satisfiedBy !== null) && (
          <label className="choice">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{" "}
            {t("apply.consent")}
          </label>
        )}
        {guide.materials.map((m) => {
          const id = `m-${m.key}`;
          if (isAuto(m.key))
            return (
              <p className="field" key={m.key} data-testid={`material-${m.key}`}>
                <span className="label">{m.name}</span>
                <span className="ok">
                  {t("apply.autoAttached")}
                  {(plan[m.key]?.satisfiedBy?.identifier ?? null) !== null &&
                    ` · ${plan[m.key]?.satisfiedBy?.identifier}`}
                </span>
              </p>
            );
          const file = d.files[m.key];
          const p = progress[m.key];
          return (
            <p className="field" key={m.key}>
              <label htmlFor={id}>
                {m.name}
                {m.isRequired && !m.isToleratedMissing && <span aria-hidden="true"> *</span>}
                {m.isToleratedMissing && (
                  <span className="meta"> {t("punct.paren", { text: t("apply.tolerable") })}</span>
                )}
              </label>
              <input
                id={id}
                type="file"
                accept="application/pdf,image/jpeg,image/png"
                onChange={(e) => void pickFile(m.key, e.target.files?.[0])}
              />
              {p !== undefined && p < 1 && <progress max={1} value={p} aria-label={m.name} />}
              {file !== undefined && (
                <span className="ok" data-testid={`file-${m.key}`}>
                  {t("apply.attached", { name: file.fileName })}
                </span>
              )}
            </p>
          );
        })}
      </fieldset>
      {guide.commitmentText !== null && <p className="note">{guide.commitmentText}</p>}
      {errorBox}
      <button type="submit" disabled={!hydrated}>
        {t("apply.toReview")}
      </button>
    </form>
  );
}
