import { useState } from "react";
import { navigate } from "../../components/router.js";
import { ErrorText, messageOf, useLoad, useWt } from "../common.js";
import type { WbPermission } from "../roles.js";
import { entryHistory, getVersion, listEntries, newVersion } from "./api.js";
import { DiffTable } from "./DiffTable.js";
import { CatalogNav, entryStatusName, layerName, versionStatusName } from "./ui.js";
import { Link } from "../../components/router.js";

/** One entry: its versions, a side-by-side diff of any two, and the way into its draft. */
export function EntryPage({ id, perms }: { id: string; perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const hist = useLoad(() => entryHistory(id), [id]);
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  const [error, setError] = useState<string>();
  const versions = hist.data?.versions ?? [];
  const sorted = [...versions].sort((a, b) => a.versionNo - b.versionNo);
  const from = pair.from ?? sorted[sorted.length - 2]?.id;
  const to = pair.to ?? sorted[sorted.length - 1]?.id;
  const diff = useLoad(
    async () =>
      shown === null
        ? null
        : Promise.all([getVersion(shown.from), getVersion(shown.to)]).then(([a, b]) => ({ a, b })),
    [shown?.from, shown?.to],
  );
  const entry = hist.data?.entry;
  const open = versions.find((v) => v.status === "draft" || v.status === "in_review");
  // Whether this staff member may edit the entry: the scoped list says so.
  const mine = useLoad(
    () =>
      entry === undefined
        ? Promise.resolve(false)
        : listEntries({ layer: entry.layer, q: entry.code, limit: 5 }).then((r) =>
            r.items.some((e) => e.id === entry.id && e.mayEdit),
          ),
    [entry?.id],
  );
  if (hist.error !== undefined) return <ErrorText message={hist.error} />;
  if (entry === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;
  const label = (v: (typeof versions)[number]) =>
    t("catm.versionLabel", { n: v.versionNo, status: versionStatusName(t, v.status) });
  async function startVersion() {
    setError(undefined);
    try {
      const current = entry?.currentVersionId;
      if (current === null || current === undefined || entry === undefined) return;
      const published = await getVersion(current);
      const next = await newVersion(entry.id, published.content);
      navigate(`/workbench/catalog/versions/${next.version.id}`);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  return (
    <article aria-labelledby="cat-entry-h">
      <CatalogNav perms={perms} />
      <h2 id="cat-entry-h">{t("catm.entry", { layer: layerName(t, entry.layer), name: entry.name })}</h2>
      <dl className="wb-facts">
        <dt>{t("catm.code")}</dt>
        <dd className="wb-code">{entry.code}</dd>
        <dt>{t("catm.status")}</dt>
        <dd>{entryStatusName(t, entry.status)}</dd>
      </dl>
      <ErrorText message={error} />
      {mine.data === true && perms.has("catalog.edit") && (
        <p>
          {open !== undefined ? (
            <Link to={`/workbench/catalog/versions/${open.id}`}>
              {open.status === "draft" ? t("catm.edit") : t("catm.view")} · {label(open)}
            </Link>
          ) : (
            entry.currentVersionId !== null && (
              <button type="button" onClick={() => void startVersion()}>
                {t("catm.newVersion")}
              </button>
            )
          )}
        </p>
      )}
      <h3>{t("catm.history")}</h3>
      <div className="wb-scroll">
        <table className="wb-table" data-testid="version-history">
          <thead>
            <tr>
              <th scope="col">{t("catm.versionNo")}</th>
              <th scope="col">{t("catm.status")}</th>
              <th scope="col">{t("catm.effective")}</th>
              <th scope="col">{t("catm.created")}</th>
            </tr>
          </thead>
          <tbody>
            {[...sorted].reverse().map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={`/workbench/catalog/versions/${v.id}`}>{t("catm.vno", { n: v.versionNo })}</Link>
                </td>
                <td>{versionStatusName(t, v.status)}</td>
                <td>
                  {v.effectiveFrom ?? ""}
                  {v.effectiveFrom !== null ? ` – ${v.effectiveTo ?? ""}` : ""}
                </td>
                <td>{v.createdAt.slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length >= 2 && (
        <form
          className="wb-filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (from !== undefined && to !== undefined) setShown({ from, to });
          }}
        >
          <label>
            {t("catm.compareFrom")}{" "}
            <select value={from} onChange={(e) => setPair((p) => ({ ...p, from: Number(e.target.value) }))}>
              {sorted.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            {t("catm.compareTo")}{" "}
            <select value={to} onChange={(e) => setPair((p) => ({ ...p, to: Number(e.target.value) }))}>
              {sorted.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">{t("catm.compare")}</button>
        </form>
      )}
      <ErrorText message={diff.error} />
      {diff.data !== null && diff.data !== undefined && (
        <DiffTable
          before={diff.data.a.content}
          after={diff.data.b.content}
          fromNo={diff.data.a.version.versionNo}
          toNo={diff.data.b.version.versionNo}
        />
      )}
    </article>
  );
}
