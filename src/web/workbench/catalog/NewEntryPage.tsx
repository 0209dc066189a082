import { useMemo, useState, type FormEvent } from "react";
import { api, currentUser } from "../../api/client.js";
import { navigate } from "../../components/router.js";
import { ErrorText, messageOf, useLoad, useWt } from "../common.js";
import type { WbPermission } from "../roles.js";
import { findingsFor } from "./findings.js";
import { SchemaForm } from "./SchemaForm.js";
import { blankOf, LAYER_SCHEMAS, nodeOf, setAt, type Layer } from "./schema.js";
import { CatalogNav, layerName, useLocale } from "./ui.js";

const LAYERS: Layer[] = ["guide", "spec", "basic", "bundle", "power"];

/** A new catalog entry of any layer for the editor's own agency: typed with the same form, then drafted. */
export function NewEntryPage({ perms }: { perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const locale = useLocale();
  const me = useLoad(() => currentUser(), []);
  const [layer, setLayer] = useState<Layer>("guide");
  const [basicCode, setBasicCode] = useState("");
  const [content, setContent] = useState<Partial<Record<Layer, unknown>>>({});
  const [error, setError] = useState<string>();
  const node = useMemo(() => nodeOf(LAYER_SCHEMAS[layer]), [layer]);
  const value = content[layer] ?? blankOf(node);
  const findings = findingsFor(layer, value, null, t, locale);
  const byPath = new Map<string, string[]>();
  for (const f of findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f.message]);
  const grant = me.data?.grants.find((g) => g.role === "catalog_editor");
  const needsBasic = layer === "guide" || layer === "spec" || layer === "power";
  async function create(e: FormEvent) {
    e.preventDefault();
    if (grant === undefined) return;
    setError(undefined);
    try {
      const r = await api<{ version: { id: number } }>("POST", "/api/v1/catalog/drafts", {
        layer,
        agencyId: grant.agencyId,
        ...(needsBasic ? { basicCode: basicCode.trim() } : {}),
        content: value,
      });
      navigate(`/workbench/catalog/versions/${r.version.id}`);
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <section aria-labelledby="cat-new-entry-h">
      <CatalogNav perms={perms} />
      <h2 id="cat-new-entry-h">{t("catm.newEntry")}</h2>
      <ErrorText message={me.error} />
      {grant !== undefined && <p>{t("catm.newEntryFor", { agency: grant.agencyName })}</p>}
      <form onSubmit={(e) => void create(e)} className="wb-editor">
        <div className="wb-field">
          <label htmlFor="new-layer">{t("catm.layer")}</label>
          <select id="new-layer" value={layer} onChange={(e) => setLayer(e.target.value as Layer)}>
            {LAYERS.map((l) => (
              <option key={l} value={l}>
                {layerName(t, l)}
              </option>
            ))}
          </select>
        </div>
        {needsBasic && (
          <div className="wb-field">
            <label htmlFor="new-basic">{t("catm.basicCode")}</label>
            <input
              id="new-basic"
              value={basicCode}
              maxLength={12}
              required
              onChange={(e) => setBasicCode(e.target.value)}
            />
          </div>
        )}
        <p role="status" aria-live="polite">
          {findings.length === 0 ? t("catm.noFindings") : t("catm.findings", { n: findings.length })}
        </p>
        <SchemaForm
          node={node}
          value={value}
          findings={byPath}
          onSet={(path, v) => setContent((c) => ({ ...c, [layer]: setAt(value, path, v) }))}
        />
        <p className="wb-sticky">
          <button type="submit" disabled={grant === undefined || findings.length > 0}>
            {t("catm.createDraft")}
          </button>
        </p>
        <ErrorText message={error} />
      </form>
    </section>
  );
}
