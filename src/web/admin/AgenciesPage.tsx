import { useState, type FormEvent } from "react";
import { AGENCY_KINDS, type AgencyKindCode } from "../../shared/agencies.js";
import { creditCodeProblem } from "../../shared/codes/credit-code.js";
import { api } from "../api/client.js";
import { Link, navigate } from "../components/router.js";
import { ErrorText, messageOf, useLoad, useWt } from "../workbench/common.js";
import type { WbKey } from "../i18n/workbench-messages.js";
import { Pager, useCursor } from "./admin-common.js";

interface AgencyRow {
  id: number;
  name: string;
  creditCode: string;
  regionCode: string;
  regionName: string;
  kind: AgencyKindCode;
  kindName: string;
  lineCode: string | null;
  lineName: string | null;
  phone: string | null;
  address: string | null;
}
interface AdminAgency extends AgencyRow {
  parentAgencyId: number | null;
  parentName: string | null;
}

const KINDS = Object.keys(AGENCY_KINDS) as AgencyKindCode[];
const KIND_KEYS: Record<AgencyKindCode, WbKey> = {
  service_admin: "admx.kind.service_admin",
  line_department: "admx.kind.line_department",
  implementing: "admx.kind.implementing",
  justice: "admx.kind.justice",
  staffing: "admx.kind.staffing",
  public_utility: "admx.kind.public_utility",
};
const CREDIT_KEYS = {
  length: "admx.credit.length",
  character: "admx.credit.character",
  check: "admx.credit.check",
} as const;

/** 机构: the agencies of the administrator's region (by region, name, kind), paged. */
export function AgenciesPage({ defaultRegion }: { defaultRegion: string }) {
  const t = useWt();
  const [filter, setFilter] = useState({ within: defaultRegion, q: "", kind: "" });
  const [shown, setShown] = useState(filter);
  const cursor = useCursor();
  const list = useLoad(() => {
    const p: Record<string, string> = { limit: "20" };
    if (shown.within !== "") p.within = shown.within;
    if (shown.q !== "") p.q = shown.q;
    if (shown.kind !== "") p.kind = shown.kind;
    if (cursor.after !== undefined) p.after = cursor.after;
    return api<{ items: AgencyRow[]; nextAfter: number | null }>(
      "GET",
      `/api/v1/agencies?${new URLSearchParams(p)}`,
    );
  }, [shown, cursor.after]);
  return (
    <section aria-labelledby="agencies-h">
      <h2 id="agencies-h">{t("admx.agencies")}</h2>
      <p>
        <Link to="/admin/agencies/new">{t("admx.newAgency")}</Link>
      </p>
      <form
        className="wb-card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          cursor.reset();
          setShown({ ...filter, within: filter.within.trim(), q: filter.q.trim() });
        }}
      >
        <label>
          {t("admx.within")}{" "}
          <input
            value={filter.within}
            onChange={(e) => setFilter({ ...filter, within: e.target.value })}
            inputMode="numeric"
            maxLength={12}
          />
        </label>{" "}
        <label>
          {t("admx.nameContains")}{" "}
          <input
            value={filter.q}
            onChange={(e) => setFilter({ ...filter, q: e.target.value })}
            maxLength={50}
          />
        </label>{" "}
        <label>
          {t("admx.kind")}{" "}
          <select value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: e.target.value })}>
            <option value="">{t("admx.any")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_KEYS[k])}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("admx.search")}</button>
      </form>
      <ErrorText message={list.error} />
      <table className="wb-table" aria-label={t("admx.agencies")}>
        <thead>
          <tr>
            <th scope="col">{t("adm.name")}</th>
            <th scope="col">{t("admx.region")}</th>
            <th scope="col">{t("admx.kind")}</th>
            <th scope="col">{t("admx.line")}</th>
            <th scope="col">{t("admx.creditCode")}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/admin/agencies/${a.id}`}>{a.name}</Link>
              </td>
              <td>{a.regionName}</td>
              <td>{t(KIND_KEYS[a.kind])}</td>
              <td>{a.lineName ?? "—"}</td>
              <td>{a.creditCode}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        page={cursor.page}
        hasPrev={cursor.page > 1}
        next={list.data?.nextAfter}
        onPrev={cursor.prev}
        onNext={cursor.next}
      />
    </section>
  );
}

interface FormState {
  name: string;
  creditCode: string;
  regionCode: string;
  kind: AgencyKindCode;
  lineCode: string;
  parentAgencyId: string;
  phone: string;
  address: string;
}

function toForm(a: AdminAgency | undefined, region: string): FormState {
  return {
    name: a?.name ?? "",
    creditCode: a?.creditCode ?? "",
    regionCode: a?.regionCode ?? region,
    kind: a?.kind ?? "implementing",
    lineCode: a?.lineCode ?? "",
    parentAgencyId: a?.parentAgencyId === null || a === undefined ? "" : String(a.parentAgencyId),
    phone: a?.phone ?? "",
    address: a?.address ?? "",
  };
}

/** Create (`id` undefined) or edit one agency; the credit code is checked as it is typed. */
export function AgencyEditPage({ id, defaultRegion }: { id: string | undefined; defaultRegion: string }) {
  const t = useWt();
  const agency = useLoad(
    () =>
      id === undefined
        ? Promise.resolve(undefined)
        : api<AdminAgency>("GET", `/api/v1/admin/agencies/${encodeURIComponent(id)}`),
    [id],
  );
  const lines = useLoad(
    () => api<{ items: { code: string; name: string }[] }>("GET", "/api/v1/functional-lines"),
    [],
  );
  if (agency.loading) return <p aria-busy="true">{t("wb.loading")}</p>;
  if (agency.error !== undefined) return <ErrorText message={agency.error} />;
  return (
    <AgencyForm
      key={id ?? "new"}
      initial={agency.data}
      id={id}
      region={defaultRegion}
      lines={lines.data?.items ?? []}
    />
  );
}

function AgencyForm({
  initial,
  id,
  region,
  lines,
}: {
  initial: AdminAgency | undefined;
  id: string | undefined;
  region: string;
  lines: { code: string; name: string }[];
}) {
  const t = useWt();
  const [form, setForm] = useState(() => toForm(initial, region));
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [parentName, setParentName] = useState(initial?.parentName ?? null);
  const problem =
    form.creditCode === "" ? undefined : creditCodeProblem(form.creditCode.trim().toUpperCase());
  const set = (patch: Partial<FormState>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    if (problem !== undefined) return;
    setError(undefined);
    const body = {
      name: form.name.trim(),
      creditCode: form.creditCode.trim().toUpperCase(),
      regionCode: form.regionCode.trim(),
      kind: form.kind,
      lineCode: form.lineCode === "" ? null : form.lineCode,
      parentAgencyId: form.parentAgencyId.trim() === "" ? null : Number(form.parentAgencyId),
      phone: form.phone.trim() === "" ? null : form.phone.trim(),
      address: form.address.trim() === "" ? null : form.address.trim(),
    };
    const call =
      id === undefined
        ? api<{ id: number }>("POST", "/api/v1/agencies", body)
        : api<AdminAgency>("PATCH", `/api/v1/agencies/${encodeURIComponent(id)}`, body);
    call.then(
      (r) => {
        setSaved(true);
        if ("parentName" in r) setParentName((r as AdminAgency).parentName);
        if (id === undefined) navigate(`/admin/agencies/${r.id}`);
      },
      (err: unknown) => setError(messageOf(err)),
    );
  }
  return (
    <section aria-labelledby="agency-h">
      <h2 id="agency-h">
        {id === undefined ? t("admx.newAgency") : t("admx.editAgency", { name: initial?.name ?? "" })}
      </h2>
      <p>
        <Link to="/admin/agencies">{t("admx.agencies")}</Link>
        {initial !== undefined && (
          <>
            {" · "}
            <Link to={`/admin/regions/${initial.regionCode}`}>{initial.regionName}</Link>
            {" · "}
            <Link to={`/admin/agencies/${initial.id}/seals`}>{t("adm.seals")}</Link>
          </>
        )}
      </p>
      <form className="wb-card wb-form" onSubmit={submit}>
        <label>
          {t("adm.name")}{" "}
          <input
            value={form.name}
            onChange={(e) => set({ name: e.target.value })}
            required
            minLength={2}
            maxLength={100}
          />
        </label>
        <label>
          {t("admx.creditCode")}{" "}
          <input
            value={form.creditCode}
            onChange={(e) => set({ creditCode: e.target.value })}
            required
            maxLength={18}
            aria-invalid={problem !== undefined}
            aria-describedby="credit-hint"
          />
        </label>
        <span id="credit-hint" className={problem === undefined ? "wb-hint" : "wb-error"} aria-live="polite">
          {problem === undefined ? t("admx.credit.hint") : t(CREDIT_KEYS[problem])}
        </span>
        <label>
          {t("admx.regionCode")}{" "}
          <input
            value={form.regionCode}
            onChange={(e) => set({ regionCode: e.target.value })}
            required
            inputMode="numeric"
            maxLength={12}
          />
        </label>
        <label>
          {t("admx.kind")}{" "}
          <select value={form.kind} onChange={(e) => set({ kind: e.target.value as AgencyKindCode })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_KEYS[k])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("admx.line")}{" "}
          <select value={form.lineCode} onChange={(e) => set({ lineCode: e.target.value })}>
            <option value="">{t("admx.noLine")}</option>
            {lines.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("admx.parent")}{" "}
          <input
            value={form.parentAgencyId}
            onChange={(e) => set({ parentAgencyId: e.target.value.replace(/\D/g, "") })}
            inputMode="numeric"
            maxLength={12}
          />
        </label>
        {parentName !== null && <span className="wb-hint">{parentName}</span>}
        <label>
          {t("adm.phone")}{" "}
          <input value={form.phone} onChange={(e) => set({ phone: e.target.value })} maxLength={40} />
        </label>
        <label>
          {t("admx.address")}{" "}
          <input
            value={form.address}
            onChange={(e) => set({ address: e.target.value })}
            maxLength={200}
            size={40}
          />
        </label>
        <p>
          <button type="submit" disabled={problem !== undefined}>
            {t("adm.save")}
          </button>
        </p>
      </form>
      <ErrorText message={error} />
      {saved && (
        <p role="status" className="wb-ok">
          {t("adm.saved")}
        </p>
      )}
    </section>
  );
}
