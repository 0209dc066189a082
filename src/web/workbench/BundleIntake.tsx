import { useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client.js";
import { navigate } from "../components/router.js";
import { ErrorText, fileToBase64, messageOf, useWt } from "./common.js";

interface BundleRow {
  code: string;
  name: string;
  itemCount: number;
  leadAgencyName: string;
}
interface Field {
  key: string;
  label: string;
  type: string;
  isRequired: boolean;
  options?: string[];
}
interface Material {
  key: string;
  name: string;
  isRequired: boolean;
  isToleratedMissing: boolean;
}
interface BundleGuide {
  code: string;
  name: string;
  items: { key: string; name: string; agencyName: string }[];
  form: Field[];
  materials: Material[];
}

/**
 * 一件事收件 at the window (一次告知、一表申请、一套材料、一窗受理): the clerk picks a bundle in force
 * in the hall's region, fills its integrated form and its one set of materials once, and submits
 * for the applicant; the server creates the parent case and one sub-case per item.
 */
export function BundleIntake({ applicantId, region }: { applicantId: string; region: string }) {
  const t = useWt();
  const [bundles, setBundles] = useState<BundleRow[] | undefined>(undefined);
  const [guide, setGuide] = useState<BundleGuide | null>(null);
  const [form, setForm] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [assisted, setAssisted] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api<{ items: BundleRow[] }>(
      "GET",
      `/api/v1/bundles?${new URLSearchParams({ region, limit: "100" })}`,
    ).then(
      (r) => live && setBundles(r.items),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [region]);

  function pick(code: string) {
    setBusy(true);
    setError(undefined);
    api<BundleGuide>("GET", `/api/v1/bundles/${encodeURIComponent(code)}`)
      .then(
        (g) => {
          setGuide(g);
          setForm({});
          setFiles({});
        },
        (e: unknown) => setError(messageOf(e)),
      )
      .finally(() => setBusy(false));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (guide === null) return;
    setBusy(true);
    setError(undefined);
    void (async () => {
      try {
        const formData: Record<string, unknown> = {};
        for (const f of guide.form) {
          const v = form[f.key]?.trim() ?? "";
          if (v !== "") formData[f.key] = f.type === "number" ? Number(v) : v;
        }
        const materials = [];
        for (const m of guide.materials) {
          const file = files[m.key];
          if (file !== undefined)
            materials.push({
              key: m.key,
              fileName: file.name,
              contentType: file.type || "application/pdf",
              dataBase64: await fileToBase64(file),
            });
        }
        const r = await api<{ id: string }>(
          "POST",
          `/api/v1/bundles/${encodeURIComponent(guide.code)}/applications`,
          {
            formData,
            materials,
            applicantId,
            isAssisted: assisted,
          },
        );
        navigate(`/workbench/bundles/${r.id}`);
      } catch (err) {
        setError(messageOf(err));
      } finally {
        setBusy(false);
      }
    })();
  }

  return (
    <>
      <ErrorText message={error} />
      <section aria-labelledby="bundle-pick-h" className="wb-card">
        <h3 id="bundle-pick-h">{t("bundle.pick")}</h3>
        {bundles === undefined ? (
          <p aria-busy="true">{t("wb.loading")}</p>
        ) : bundles.length === 0 ? (
          <p>{t("bundle.none")}</p>
        ) : (
          <ul className="wb-scroll">
            {bundles.map((b) => (
              <li key={b.code}>
                {b.name} · {b.leadAgencyName} · {b.itemCount}{" "}
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => pick(b.code)}
                  aria-label={`${t("intake.pick")} ${b.name} · ${b.leadAgencyName}`}
                  aria-pressed={guide?.code === b.code}
                >
                  {t("intake.pick")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {guide !== null && (
        <form onSubmit={submit} aria-labelledby="bundle-apply-h" className="wb-card">
          <h3 id="bundle-apply-h">{guide.name}</h3>
          <p>
            {t("bundle.items")}: {guide.items.map((i) => `${i.name}（${i.agencyName}）`).join("、")}
          </p>
          <fieldset>
            <legend>{t("bundle.form")}</legend>
            {guide.form.map((f) => (
              <p key={f.key}>
                <label>
                  {f.label}
                  {f.isRequired ? " *" : ""}{" "}
                  {f.type === "select" ? (
                    <select
                      value={form[f.key] ?? ""}
                      required={f.isRequired}
                      data-type={f.type}
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
                      data-type={f.type}
                      onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                    />
                  ) : (
                    <input
                      type={f.type === "number" ? "number" : f.type === "date" ? "date" : "text"}
                      value={form[f.key] ?? ""}
                      required={f.isRequired}
                      data-type={f.type}
                      onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                    />
                  )}
                </label>
              </p>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("bundle.materials")}</legend>
            {guide.materials.map((m) => (
              <p key={m.key}>
                <label>
                  {m.name}（{m.isRequired ? t("intake.required") : ""}
                  {m.isToleratedMissing ? ` ${t("intake.tolerated")}` : ""}）{" "}
                  <input
                    type="file"
                    accept="application/pdf,image/jpeg,image/png"
                    data-material={m.key}
                    data-required={m.isRequired ? "1" : "0"}
                    onChange={(e) => setFiles({ ...files, [m.key]: e.target.files?.[0] })}
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
            {t("bundle.submit")}
          </button>
        </form>
      )}
    </>
  );
}
