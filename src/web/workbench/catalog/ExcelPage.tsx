import { useState, type FormEvent } from "react";
import { Link } from "../../components/router.js";
import { ErrorText, messageOf, useWt } from "../common.js";
import type { WbPermission } from "../roles.js";
import { CatalogNav } from "./ui.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
interface RowError {
  row: number;
  column: string;
  message: string;
}
interface Imported {
  imported: number;
  drafts: { row: number; code: string; versionId: number; isNewEntry: boolean }[];
}

let csrf: string | null = null;
/** The session's CSRF token for the raw upload (the JSON client keeps its own). */
async function csrfToken(): Promise<string> {
  if (csrf !== null) return csrf;
  const me = (await (await fetch("/api/v1/me", { credentials: "same-origin" })).json()) as {
    csrfToken?: string;
  };
  csrf = me.csrfToken ?? "";
  return csrf;
}

/** xlsx export (download) and import as drafts, with every bad row's problems in a table. */
export function ExcelPage({ perms }: { perms: ReadonlySet<WbPermission> }) {
  const t = useWt();
  const [kind, setKind] = useState<"basic" | "guide">("guide");
  const [region, setRegion] = useState("");
  const [importKind, setImportKind] = useState<"basic" | "guide">("guide");
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<RowError[] | null>(null);
  const [done, setDone] = useState<Imported | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const href = `/api/v1/catalog/export.xlsx?${new URLSearchParams({ kind, ...(/^\d{2,12}$/.test(region) ? { region } : {}) })}`;

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (file === null) return;
    setBusy(true);
    setError(undefined);
    setRows(null);
    setDone(null);
    try {
      const res = await fetch(`/api/v1/catalog/import?kind=${importKind}`, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "content-type": XLSX,
          accept: "application/json",
          "accept-language": document.documentElement.lang || "zh-CN",
          "x-csrf-token": await csrfToken(),
        },
        body: await file.arrayBuffer(),
      });
      const json = (await res.json()) as Imported & { error?: { message: string; details?: unknown } };
      if (res.ok) setDone(json);
      else {
        setError(json.error?.message ?? String(res.status));
        const details = json.error?.details;
        if (Array.isArray(details) && details.every((d) => typeof (d as RowError).row === "number"))
          setRows(details as RowError[]);
      }
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="cat-excel-h">
      <CatalogNav perms={perms} />
      <h2 id="cat-excel-h">{t("catm.excel.title")}</h2>
      <section aria-labelledby="cat-export-h" className="wb-card">
        <h3 id="cat-export-h">{t("catm.excel.export")}</h3>
        <label>
          {t("catm.excel.kind")}{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value as "basic" | "guide")}>
            <option value="guide">{t("catm.excel.kind.guide")}</option>
            <option value="basic">{t("catm.excel.kind.basic")}</option>
          </select>
        </label>{" "}
        <label>
          {t("catm.excel.region")}{" "}
          <input
            value={region}
            inputMode="numeric"
            maxLength={12}
            onChange={(e) => setRegion(e.target.value.trim())}
          />
        </label>{" "}
        <a href={href} download className="wb-button">
          {t("catm.excel.download")}
        </a>
      </section>
      <section aria-labelledby="cat-import-h" className="wb-card">
        <h3 id="cat-import-h">{t("catm.excel.import")}</h3>
        <p className="wb-hint">{t("catm.excel.importHint")}</p>
        <form onSubmit={(e) => void upload(e)}>
          <label>
            {t("catm.excel.kind")}{" "}
            <select value={importKind} onChange={(e) => setImportKind(e.target.value as "basic" | "guide")}>
              <option value="guide">{t("catm.excel.kind.guide")}</option>
              <option value="basic">{t("catm.excel.kind.basic")}</option>
            </select>
          </label>{" "}
          <label>
            {t("catm.excel.file")}{" "}
            <input
              type="file"
              accept=".xlsx"
              required
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>{" "}
          <button type="submit" disabled={busy || file === null}>
            {t("catm.excel.import")}
          </button>
        </form>
        <ErrorText message={error} />
        {rows !== null && rows.length > 0 && (
          <div className="wb-scroll">
            <table className="wb-table" data-testid="import-errors">
              <caption>{t("catm.excel.rowErrors", { n: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("catm.excel.row")}</th>
                  <th scope="col">{t("catm.excel.column")}</th>
                  <th scope="col">{t("catm.excel.message")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i} className="wb-row-red">
                    <td>{r.row}</td>
                    <td>{r.column}</td>
                    <td>{r.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {done !== null && (
          <div role="status" className="wb-ok">
            {t("catm.excel.imported", { n: done.imported })}
            <ul>
              {done.drafts.map((d) => (
                <li key={d.versionId}>
                  {t("catm.excel.row")} {d.row} ·{" "}
                  {d.isNewEntry ? t("catm.excel.isNew") : t("catm.excel.isNext")} ·{" "}
                  <Link to={`/workbench/catalog/versions/${d.versionId}`}>
                    {t("catm.excel.draft")} {d.code}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </section>
  );
}
