import { useMemo, useState, type FormEvent } from "react";
import { api } from "../../api/client.js";
import { Link, navigate } from "../../components/router.js";
import { ErrorText, messageOf, useLoad, useWt } from "../common.js";
import type { WbPermission } from "../roles.js";
import { getVersion, ruleContext, saveDraft, serverCheck } from "./api.js";
import { findingsFor, type Finding } from "./findings.js";
import { fieldId, SchemaForm } from "./SchemaForm.js";
import { LAYER_SCHEMAS, nodeOf, setAt, type Layer } from "./schema.js";
import { CatalogNav, fieldLabel, layerName, useLocale, versionStatusName } from "./ui.js";

/** Today in China (UTC+8) as YYYY-MM-DD. */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The editor of one version of any layer: the schema-driven form with every finding next to its
 * field as the draft is typed (the pure rules run here), save with the server's full check, and
 * the change request that takes a clean draft to review.
 */
export function EditorPage({ id, perms }: { id: string; perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const locale = useLocale();
  const loaded = useLoad(async () => {
    const v = await getVersion(id);
    const layer: Layer = v.entry.layer;
    const ctx = layer === "guide" || layer === "spec" ? await ruleContext(v.entry.id) : null;
    return { ...v, layer, ctx };
  }, [id]);
  const [content, setContent] = useState<unknown>(undefined);
  const [dirty, setDirty] = useState(false);
  const [check, setCheck] = useState<{ path: string; message: string }[] | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const data = loaded.data;
  const value = content ?? data?.content;
  const node = useMemo(() => (data === undefined ? undefined : nodeOf(LAYER_SCHEMAS[data.layer])), [data]);
  const findings: Finding[] = useMemo(
    () => (data === undefined ? [] : findingsFor(data.layer, value, data.ctx, t, locale)),
    [data, value, t, locale],
  );
  const byPath = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const f of findings) m.set(f.path, [...(m.get(f.path) ?? []), f.message]);
    return m;
  }, [findings]);

  if (loaded.error !== undefined) return <ErrorText message={loaded.error} />;
  if (data === undefined || node === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;
  const editable = data.version.status === "draft" && perms.has("catalog.edit");
  const pathLabel = (path: string) => {
    let parent: string | undefined;
    return path
      .split(".")
      .map((s) => {
        if (/^\d+$/.test(s)) return `#${Number(s) + 1}`;
        const l = fieldLabel(t, s, parent);
        parent = s;
        return l;
      })
      .join(" › ");
  };
  async function save(e: FormEvent) {
    e.preventDefault();
    if (data === undefined) return;
    setError(undefined);
    setBusy(true);
    try {
      await saveDraft(data.version.id, value);
      const r = await serverCheck(data.version.id);
      setCheck(r.violations);
      setDirty(false);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <article aria-labelledby="cat-edit-h">
      <CatalogNav perms={perms} />
      <h2 id="cat-edit-h">
        {t("catm.editor", {
          layer: layerName(t, data.layer),
          name: data.entry.name,
          n: data.version.versionNo,
        })}
      </h2>
      <p>
        <Link to={`/workbench/catalog/entries/${data.entry.id}`}>{t("cr.viewEntry")}</Link>
      </p>
      {!editable && (
        <p className="wb-hint">{t("catm.readOnly", { status: versionStatusName(t, data.version.status) })}</p>
      )}
      <section aria-labelledby="cat-findings-h" className="wb-card wb-findings-summary">
        <h3 id="cat-findings-h" aria-live="polite" data-testid="findings-count">
          {findings.length === 0 ? t("catm.noFindings") : t("catm.findings", { n: findings.length })}
        </h3>
        <p className="wb-hint">{t("catm.findingsHint")}</p>
        {findings.length > 0 && (
          <ul>
            {findings.map((f, i) => (
              <li key={i}>
                <a
                  href={`#${fieldId(f.path.split("."))}`}
                  onClick={(e) => {
                    const el = document.getElementById(fieldId(f.path.split(".")));
                    if (el !== null) {
                      e.preventDefault();
                      el.focus();
                      el.scrollIntoView({ block: "center" });
                    }
                  }}
                >
                  {pathLabel(f.path)}
                </a>
                ：{f.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      {node.kind === "object" && (
        <nav aria-label={t("catm.sections")} className="wb-subnav">
          <ul>
            {node.fields
              .filter(([, n]) => n.kind === "object" || n.kind === "array")
              .map(([k]) => (
                <li key={k}>
                  <a href={`#${fieldId([k])}`}>{fieldLabel(t, k)}</a>
                </li>
              ))}
          </ul>
        </nav>
      )}
      <form onSubmit={(e) => void save(e)} className="wb-editor">
        <fieldset disabled={!editable} className="wb-plain">
          <legend className="visually-hidden">{layerName(t, data.layer)}</legend>
          <SchemaForm
            node={node}
            value={value}
            findings={byPath}
            onSet={(path, v) => {
              setContent(setAt(value, path, v));
              setDirty(true);
              setCheck(null);
            }}
          />
        </fieldset>
        {editable && (
          <p className="wb-sticky">
            <button type="submit" disabled={busy}>
              {t("catm.save")}
            </button>
          </p>
        )}
        <ErrorText message={error} />
        {check !== null &&
          (check.length === 0 ? (
            <p role="status" className="wb-ok">
              {t("catm.serverOk")}
            </p>
          ) : (
            <div role="alert" className="wb-error">
              {t("catm.serverFindings", { n: check.length })}
              <ul>
                {check.map((v, i) => (
                  <li key={i}>
                    {pathLabel(v.path)}：{v.message}
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </form>
      {editable && (
        <FileRequest
          entryId={data.entry.id}
          versionId={data.version.id}
          isNew={data.entry.status === "draft"}
          blocked={dirty || findings.length > 0 || check === null || check.length > 0}
        />
      )}
    </article>
  );
}

/** 动态调整: the change request that takes a checked draft to review (办法 9–16). */
function FileRequest({
  entryId,
  versionId,
  isNew,
  blocked,
}: {
  entryId: number;
  versionId: number;
  isNew: boolean;
  blocked: boolean;
}) {
  const t = useWt();
  const [kind, setKind] = useState(isNew ? "add" : "modify");
  const [trigger, setTrigger] = useState(1);
  const [date, setDate] = useState(chinaToday());
  const [reason, setReason] = useState("");
  const [touches, setTouches] = useState(false);
  const [opinion, setOpinion] = useState({ agency: "", opinion: "" });
  const [basis, setBasis] = useState({ title: "", number: "" });
  const [error, setError] = useState<string>();
  async function file(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await api<{ id: number }>("POST", "/api/v1/catalog/change-requests", {
        entryId,
        versionId,
        kind,
        triggerSituation: trigger,
        triggerDate: date,
        reason,
        touchesFunctions: touches,
        opinions: opinion.agency.trim() !== "" ? [opinion] : [],
        basisDocuments:
          basis.title.trim() !== ""
            ? [{ title: basis.title, ...(basis.number.trim() !== "" ? { number: basis.number } : {}) }]
            : [],
      });
      navigate(`/workbench/catalog/requests/${r.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <section aria-labelledby="cat-file-h" className="wb-card">
      <h3 id="cat-file-h">{t("catm.fileTitle")}</h3>
      {blocked && <p className="wb-hint">{t("catm.fileBlocked")}</p>}
      <form onSubmit={(e) => void file(e)} className="wb-grid-form">
        <label>
          {t("catm.kind")}{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {(["add", "modify", "split", "abolish"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`catm.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("catm.trigger")}{" "}
          <select value={trigger} onChange={(e) => setTrigger(Number(e.target.value))}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {t("catm.triggerN", { n })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("catm.triggerDate")}{" "}
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label>
          {t("catm.reason")}{" "}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={2}
            maxLength={2000}
          />
        </label>
        <span className="wb-check">
          <input
            id="cat-touches"
            type="checkbox"
            checked={touches}
            onChange={(e) => setTouches(e.target.checked)}
          />
          <label htmlFor="cat-touches">{t("catm.touches")}</label>
        </span>
        <fieldset className="wb-fieldset">
          <legend>{t("catm.opinions")}</legend>
          <label>
            {t("catm.opinionAgency")}{" "}
            <input
              value={opinion.agency}
              maxLength={100}
              onChange={(e) => setOpinion((o) => ({ ...o, agency: e.target.value }))}
            />
          </label>{" "}
          <label>
            {t("catm.opinionText")}{" "}
            <input
              value={opinion.opinion}
              maxLength={2000}
              onChange={(e) => setOpinion((o) => ({ ...o, opinion: e.target.value }))}
            />
          </label>
        </fieldset>
        <fieldset className="wb-fieldset">
          <legend>{t("catm.basisDocs")}</legend>
          <label>
            {t("catm.basisTitle")}{" "}
            <input
              value={basis.title}
              maxLength={200}
              onChange={(e) => setBasis((b) => ({ ...b, title: e.target.value }))}
            />
          </label>{" "}
          <label>
            {t("catm.basisNumber")}{" "}
            <input
              value={basis.number}
              maxLength={100}
              onChange={(e) => setBasis((b) => ({ ...b, number: e.target.value }))}
            />
          </label>
        </fieldset>
        <p>
          <button type="submit" disabled={blocked}>
            {t("catm.fileTitle")}
          </button>
        </p>
        <ErrorText message={error} />
      </form>
    </section>
  );
}
