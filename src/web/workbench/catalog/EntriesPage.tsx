import { useState, type FormEvent } from "react";
import { Link } from "../../components/router.js";
import { ErrorText, useLoad, useWt } from "../common.js";
import type { WbPermission } from "../roles.js";
import { listEntries } from "./api.js";
import { CatalogNav, entryStatusName, layerName, Pager } from "./ui.js";

const LAYERS = ["guide", "spec", "basic", "bundle", "power"] as const;

/** 事项目录: every entry the staff member edits or reviews, by layer and text, 20 a page. */
export function EntriesPage({ perms }: { perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const [layer, setLayer] = useState("");
  const [text, setText] = useState("");
  const [filter, setFilter] = useState({ layer: "", q: "" });
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const list = useLoad(
    () => listEntries({ ...filter, ...(after === undefined ? {} : { after }) }),
    [filter, after],
  );
  function apply(e: FormEvent) {
    e.preventDefault();
    setFilter({ layer, q: text.trim() });
    setCursors([undefined]);
  }
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="cat-entries-h">
      <CatalogNav perms={perms} />
      <h2 id="cat-entries-h">{t("catm.entries")}</h2>
      <form onSubmit={apply} className="wb-filters">
        <label>
          {t("catm.layer")}{" "}
          <select value={layer} onChange={(e) => setLayer(e.target.value)}>
            <option value="">{t("catm.layer.all")}</option>
            {LAYERS.map((l) => (
              <option key={l} value={l}>
                {layerName(t, l)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("catm.search")} <input value={text} maxLength={50} onChange={(e) => setText(e.target.value)} />
        </label>{" "}
        <button type="submit">{t("catm.filter")}</button>
      </form>
      <ErrorText message={list.error} />
      <div className="wb-scroll">
        <table className="wb-table" aria-busy={list.loading}>
          <thead>
            <tr>
              <th scope="col">{t("catm.name")}</th>
              <th scope="col">{t("catm.layer")}</th>
              <th scope="col">{t("catm.code")}</th>
              <th scope="col">{t("catm.agency")}</th>
              <th scope="col">{t("catm.status")}</th>
              <th scope="col">{t("catm.open")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/workbench/catalog/entries/${e.id}`}>{e.name}</Link>
                </td>
                <td>{layerName(t, e.layer)}</td>
                <td className="wb-code">{e.code}</td>
                <td>{e.agencyName ?? ""}</td>
                <td>
                  {entryStatusName(t, e.status)}
                  {e.currentVersionNo !== null ? ` · ${t("catm.vno", { n: e.currentVersionNo })}` : ""}
                </td>
                <td>
                  {e.openVersionId !== null && e.mayEdit ? (
                    <Link to={`/workbench/catalog/versions/${e.openVersionId}`}>{t("catm.edit")}</Link>
                  ) : (
                    t("catm.none")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && items.length === 0 && <p>{t("catm.empty")}</p>}
      <Pager
        page={cursors.length}
        hasPrev={cursors.length > 1}
        hasNext={typeof list.data?.nextAfter === "number"}
        onPrev={() => setCursors((c) => c.slice(0, -1))}
        onNext={() => setCursors((c) => [...c, list.data?.nextAfter ?? undefined])}
      />
    </section>
  );
}
