import { useEffect, useState, type FormEvent } from "react";
import { api, ApiError, currentUser } from "../api/client.js";
import { navigate } from "../components/router.js";
import { BundleIntake } from "./BundleIntake.js";
import { ErrorText, fileToBase64, messageOf, useWt } from "./common.js";
import { RegisterApplicant } from "./RegisterApplicant.js";

interface Applicant {
  id: string;
  kind: string;
  displayName: string;
  idNumber: string | null;
  creditCode: string | null;
}
interface GuideRow {
  code: string;
  name: string;
  agencyName: string;
}
interface FormField {
  key: string;
  label: string;
  type: string;
  isRequired: boolean;
  options?: string[];
}
interface MaterialDef {
  key: string;
  name: string;
  isRequired: boolean;
  isToleratedMissing: boolean;
}
interface Guide {
  code: string;
  content: { name?: string; form: FormField[]; materials: MaterialDef[] };
}

/**
 * 综合窗口收件 (前台综合受理): find the applicant by ID number or credit code (or register them on
 * the spot when none is found), pick the item — or a bundle (一件事, one integrated form and one
 * set of materials) — fill the form and scan or upload the materials, mark 帮办代办; the case then
 * opens for the 条例 18 acceptance.
 */
export function IntakePage() {
  const t = useWt();
  const [kind, setKind] = useState<"idNumber" | "creditCode">("idNumber");
  const [number, setNumber] = useState("");
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [q, setQ] = useState("");
  const [guides, setGuides] = useState<GuideRow[]>([]);
  const [guide, setGuide] = useState<Guide | null>(null);
  const [form, setForm] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [refs, setRefs] = useState<Record<string, string>>({});
  const [assisted, setAssisted] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [notFound, setNotFound] = useState(false);
  const [mode, setMode] = useState<"item" | "bundle">("item");
  const [region, setRegion] = useState<string>();
  useEffect(() => {
    currentUser().then(
      (me) => setRegion(me?.grants.find((g) => g.role === "window_clerk")?.regionCode),
      () => undefined,
    );
  }, []);

  async function run(f: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await f();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  function find(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      setApplicant(null);
      setNotFound(false);
      try {
        setApplicant(
          await api<Applicant>("GET", `/api/v1/applicants?${new URLSearchParams({ [kind]: number.trim() })}`),
        );
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) setNotFound(true);
        else throw err;
      }
    });
  }
  function searchItems(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ items: GuideRow[] }>(
        "GET",
        `/api/v1/guides?${new URLSearchParams({ q: q.trim(), limit: "20" })}`,
      );
      setGuides(r.items);
    });
  }
  function pick(code: string) {
    void run(async () => {
      const g = await api<Guide>("GET", `/api/v1/guides/${code}`);
      setGuide(g);
      setForm({});
      setFiles({});
      setRefs({});
    });
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    if (applicant === null || guide === null) return;
    void run(async () => {
      const formData: Record<string, unknown> = {};
      for (const f of guide.content.form) {
        const v = form[f.key]?.trim() ?? "";
        if (v !== "") formData[f.key] = f.type === "number" ? Number(v) : v;
      }
      const materials = [];
      for (const m of guide.content.materials) {
        const file = files[m.key];
        const ref = refs[m.key]?.trim() ?? "";
        if (file !== undefined)
          materials.push({
            key: m.key,
            fileName: file.name,
            contentType: file.type || "application/pdf",
            dataBase64: await fileToBase64(file),
          });
        else if (ref !== "") materials.push({ key: m.key, reference: ref });
      }
      const c = await api<{ id: string }>("POST", "/api/v1/cases", {
        guideCode: guide.code,
        applicantId: applicant.id,
        isAssisted: assisted,
        formData,
        materials,
      });
      navigate(`/workbench/cases/${c.id}`);
    });
  }

  return (
    <section aria-labelledby="intake-h">
      <h2 id="intake-h">{t("intake.title")}</h2>
      <ErrorText message={error} />
      <form onSubmit={find} aria-labelledby="find-h" className="wb-card">
        <h3 id="find-h">{t("intake.find")}</h3>
        <label>
          {t("intake.kind")}{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="idNumber">{t("intake.idNumber")}</option>
            <option value="creditCode">{t("intake.creditCode")}</option>
          </select>
        </label>{" "}
        <label>
          {t("intake.number")}{" "}
          <input
            value={number}
            onChange={(e) => {
              setNumber(e.target.value);
              setNotFound(false);
            }}
            required
          />
        </label>{" "}
        <button type="submit" disabled={busy}>
          {t("intake.search")}
        </button>
        {applicant !== null && (
          <p className="wb-ok" aria-live="polite">
            {t("intake.applicant", {
              name: applicant.displayName,
              number: applicant.idNumber ?? applicant.creditCode ?? "",
            })}
          </p>
        )}
      </form>
      {notFound && applicant === null && (
        <RegisterApplicant
          kind={kind}
          number={number}
          onRegistered={(p) => {
            setNotFound(false);
            setApplicant(p);
          }}
        />
      )}
      {applicant !== null && (
        <fieldset className="wb-card">
          <legend>{t("intake.mode")}</legend>
          <label className="wb-radio">
            <input type="radio" name="mode" checked={mode === "item"} onChange={() => setMode("item")} />{" "}
            {t("intake.modeItem")}
          </label>
          <label className="wb-radio">
            <input type="radio" name="mode" checked={mode === "bundle"} onChange={() => setMode("bundle")} />{" "}
            {t("intake.modeBundle")}
          </label>
        </fieldset>
      )}
      {applicant !== null && mode === "bundle" && region !== undefined && (
        <BundleIntake applicantId={applicant.id} region={region} />
      )}
      {applicant !== null && mode === "item" && (
        <form onSubmit={searchItems} aria-labelledby="item-h" className="wb-card">
          <h3 id="item-h">{t("intake.item")}</h3>
          <label>
            {t("intake.itemSearch")} <input value={q} onChange={(e) => setQ(e.target.value)} required />
          </label>{" "}
          <button type="submit" disabled={busy}>
            {t("intake.search")}
          </button>
          <ul>
            {guides.map((g) => (
              <li key={g.code}>
                {g.name} · {g.agencyName}{" "}
                <button
                  type="button"
                  onClick={() => pick(g.code)}
                  aria-label={`${t("intake.pick")} ${g.name} · ${g.agencyName}`}
                  aria-pressed={guide?.code === g.code}
                >
                  {t("intake.pick")}
                </button>
              </li>
            ))}
          </ul>
        </form>
      )}
      {applicant !== null && mode === "item" && guide !== null && (
        <form onSubmit={submit} aria-labelledby="apply-h" className="wb-card">
          <h3 id="apply-h">{guide.content.name ?? guide.code}</h3>
          <fieldset>
            <legend>{t("intake.form")}</legend>
            {guide.content.form.map((f) => (
              <p key={f.key}>
                <label>
                  {f.label}
                  {f.isRequired ? " *" : ""}{" "}
                  {f.type === "select" ? (
                    <select
                      value={form[f.key] ?? ""}
                      required={f.isRequired}
                      onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                    >
                      <option value="">—</option>
                      {(f.options ?? []).map((o) => (
                        <option key={o}>{o}</option>
                      ))}
                    </select>
                  ) : f.type === "textarea" ? (
                    <textarea
                      value={form[f.key] ?? ""}
                      required={f.isRequired}
                      onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                    />
                  ) : (
                    <input
                      type={f.type === "number" ? "number" : f.type === "date" ? "date" : "text"}
                      value={form[f.key] ?? ""}
                      required={f.isRequired}
                      onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                    />
                  )}
                </label>
              </p>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("intake.materials")}</legend>
            {guide.content.materials.map((m) => (
              <p key={m.key}>
                <label>
                  {m.name}（{m.isRequired ? t("intake.required") : ""}
                  {m.isToleratedMissing ? ` ${t("intake.tolerated")}` : ""}）{" "}
                  <input
                    type="file"
                    accept="application/pdf,image/jpeg,image/png"
                    data-material={m.key}
                    onChange={(e) => setFiles({ ...files, [m.key]: e.target.files?.[0] })}
                  />
                </label>{" "}
                <label>
                  {t("intake.reference")}{" "}
                  <input
                    value={refs[m.key] ?? ""}
                    onChange={(e) => setRefs({ ...refs, [m.key]: e.target.value })}
                  />
                </label>
              </p>
            ))}
          </fieldset>
          <p>
            <label>
              <input type="checkbox" checked={assisted} onChange={(e) => setAssisted(e.target.checked)} />{" "}
              {t("intake.assisted")}
            </label>
          </p>
          <button type="submit" disabled={busy}>
            {t("intake.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
