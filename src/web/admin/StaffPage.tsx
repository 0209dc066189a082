import { useState, type FormEvent } from "react";
import { api } from "../api/client.js";
import { Link, navigate } from "../components/router.js";
import type { WbKey } from "../i18n/workbench-messages.js";
import { ErrorText, messageOf, useLoad, useWt } from "../workbench/common.js";

export const ROLE_CODES = [
  "window_clerk",
  "reviewer",
  "approver",
  "catalog_editor",
  "catalog_reviewer",
  "supervisor",
  "admin",
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];
export const ROLE_KEYS: Record<RoleCode, WbKey> = {
  window_clerk: "admx.role.window_clerk",
  reviewer: "admx.role.reviewer",
  approver: "admx.role.approver",
  catalog_editor: "admx.role.catalog_editor",
  catalog_reviewer: "admx.role.catalog_reviewer",
  supervisor: "admx.role.supervisor",
  admin: "admx.role.admin",
};
const PERMISSION_KEYS: Record<string, WbKey> = {
  "case.intake": "admx.perm.case.intake",
  "case.review": "admx.perm.case.review",
  "case.decide": "admx.perm.case.decide",
  "catalog.edit": "admx.perm.catalog.edit",
  "catalog.review": "admx.perm.catalog.review",
  "supervision.read": "admx.perm.supervision.read",
  "admin.manage": "admx.perm.admin.manage",
};

interface GrantsView {
  user: {
    id: string;
    loginName: string | null;
    displayName: string;
    agencyId: number | null;
    agencyName: string;
    regionCode: string;
    isActive: boolean;
  };
  grants: {
    id: number;
    role: RoleCode;
    agencyId: number;
    agencyName: string;
    regionCode: string;
    regionName: string;
    scope: "agency" | "region";
    permissions: string[];
    grantedAt: string;
  }[];
  revoked?: boolean;
}

/** One staff member's effective grants; grant a role (own reach only) or revoke one. */
export function UserGrantsPage({ id, selfId }: { id: string; selfId: string }) {
  const t = useWt();
  const view = useLoad(
    () => api<GrantsView>("GET", `/api/v1/admin/users/${encodeURIComponent(id)}/grants`),
    [id],
  );
  const [data, setData] = useState<GrantsView>();
  const shown = data ?? view.data;
  const [form, setForm] = useState({ role: "reviewer" as RoleCode, agencyId: "", regionCode: "" });
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const isSelf = id === selfId;

  function run(p: Promise<GrantsView>, done: (r: GrantsView) => string) {
    setError(undefined);
    setStatus(undefined);
    p.then(
      (r) => {
        setData(r);
        setStatus(done(r));
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }
  function grant(e: FormEvent) {
    e.preventDefault();
    run(
      api<GrantsView>("POST", `/api/v1/admin/users/${encodeURIComponent(id)}/grants`, {
        role: form.role,
        ...(form.agencyId.trim() === "" ? {} : { agencyId: Number(form.agencyId) }),
        ...(form.regionCode.trim() === "" ? {} : { regionCode: form.regionCode.trim() }),
      }),
      () => t("admx.granted", { role: t(ROLE_KEYS[form.role]) }),
    );
  }
  function revoke(role: RoleCode, agencyId: number) {
    run(
      api<GrantsView>(
        "DELETE",
        `/api/v1/admin/users/${encodeURIComponent(id)}/grants?${new URLSearchParams({ role, agencyId: String(agencyId) })}`,
      ),
      () => t("admx.revoked", { role: t(ROLE_KEYS[role]) }),
    );
  }

  return (
    <section aria-labelledby="grants-h">
      <p>
        <Link to="/admin/users">{t("adm.users")}</Link>
      </p>
      <ErrorText message={view.error} />
      {shown !== undefined && (
        <>
          <h2 id="grants-h">{t("admx.grantsOf", { name: shown.user.displayName })}</h2>
          <dl className="wb-facts">
            <dt>{t("adm.login")}</dt>
            <dd>{shown.user.loginName}</dd>
            <dt>{t("adm.agency")}</dt>
            <dd>
              {shown.user.agencyId === null ? (
                shown.user.agencyName
              ) : (
                <Link to={`/admin/agencies/${shown.user.agencyId}`}>{shown.user.agencyName}</Link>
              )}{" "}
              <span className="wb-hint">{shown.user.regionCode}</span>
            </dd>
          </dl>
          <h3>{t("admx.effective")}</h3>
          {shown.grants.length === 0 ? (
            <p>{t("admx.noGrants")}</p>
          ) : (
            <table className="wb-table" aria-label={t("admx.effective")} data-testid="grants">
              <thead>
                <tr>
                  <th scope="col">{t("admx.role")}</th>
                  <th scope="col">{t("adm.agency")}</th>
                  <th scope="col">{t("admx.scope")}</th>
                  <th scope="col">{t("admx.permissions")}</th>
                  <th scope="col">{t("admx.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.grants.map((g) => (
                  <tr key={g.id}>
                    <td>{t(ROLE_KEYS[g.role])}</td>
                    <td>{g.agencyName}</td>
                    <td>
                      {g.scope === "agency"
                        ? t("admx.scopeAgency")
                        : t("admx.scopeRegion", { region: `${g.regionName}（${g.regionCode}）` })}
                    </td>
                    <td>
                      {g.permissions.map((p) => (PERMISSION_KEYS[p] ? t(PERMISSION_KEYS[p]) : p)).join("、")}
                    </td>
                    <td>
                      {!isSelf && (
                        <button
                          type="button"
                          onClick={() => revoke(g.role, g.agencyId)}
                          aria-label={t("admx.revokeRole", { role: t(ROLE_KEYS[g.role]) })}
                        >
                          {t("admx.revoke")}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {isSelf ? (
            <p className="wb-hint">{t("admx.selfHint")}</p>
          ) : (
            <form className="wb-card" onSubmit={grant} aria-labelledby="grant-h">
              <h3 id="grant-h">{t("admx.grant")}</h3>
              <label htmlFor="grant-role">{t("admx.role")}</label>{" "}
              <select
                id="grant-role"
                value={form.role}
                onChange={(e) => setForm({ ...form, role: e.target.value as RoleCode })}
              >
                {ROLE_CODES.map((r) => (
                  <option key={r} value={r}>
                    {t(ROLE_KEYS[r])}
                  </option>
                ))}
              </select>{" "}
              <label>
                {t("admx.grantAgency")}{" "}
                <input
                  value={form.agencyId}
                  onChange={(e) => setForm({ ...form, agencyId: e.target.value.replace(/\D/g, "") })}
                  inputMode="numeric"
                  maxLength={12}
                  placeholder={String(shown.user.agencyId ?? "")}
                />
              </label>{" "}
              <label>
                {t("admx.grantRegion")}{" "}
                <input
                  value={form.regionCode}
                  onChange={(e) => setForm({ ...form, regionCode: e.target.value })}
                  inputMode="numeric"
                  maxLength={12}
                  placeholder={shown.user.regionCode}
                />
              </label>{" "}
              <button type="submit">{t("admx.grantSubmit")}</button>
            </form>
          )}
          <ErrorText message={error} />
          {status !== undefined && (
            <p role="status" className="wb-ok">
              {status}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** A new staff account at an agency of the administrator's region, with its first role. */
export function NewStaffPage({ defaultAgency }: { defaultAgency: number | null }) {
  const t = useWt();
  const [form, setForm] = useState({
    loginName: "",
    displayName: "",
    password: "",
    phone: "",
    agencyId: defaultAgency === null ? "" : String(defaultAgency),
    role: "" as RoleCode | "",
    regionCode: "",
  });
  const [error, setError] = useState<string>();
  function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    api<GrantsView>("POST", "/api/v1/admin/users", {
      loginName: form.loginName.trim(),
      displayName: form.displayName.trim(),
      password: form.password,
      agencyId: Number(form.agencyId),
      ...(form.phone.trim() === "" ? {} : { phone: form.phone.trim() }),
      grants:
        form.role === ""
          ? []
          : [
              {
                role: form.role,
                ...(form.regionCode.trim() === "" ? {} : { regionCode: form.regionCode.trim() }),
              },
            ],
    }).then(
      (r) => navigate(`/admin/users/${r.user.id}`),
      (err: unknown) => setError(messageOf(err)),
    );
  }
  return (
    <section aria-labelledby="new-staff-h">
      <h2 id="new-staff-h">{t("admx.newStaff")}</h2>
      <p>
        <Link to="/admin/users">{t("adm.users")}</Link>
      </p>
      <form className="wb-card wb-form" onSubmit={submit}>
        <label>
          {t("adm.login")}{" "}
          <input
            value={form.loginName}
            onChange={(e) => setForm({ ...form, loginName: e.target.value })}
            required
            minLength={3}
            maxLength={64}
            autoComplete="off"
          />
        </label>
        <label>
          {t("adm.displayName")}{" "}
          <input
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
            required
            maxLength={50}
          />
        </label>
        <label>
          {t("admx.password")}{" "}
          <input
            type="password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
            autoComplete="new-password"
            maxLength={128}
          />
        </label>
        <span className="wb-hint">{t("admx.passwordHint")}</span>
        <label>
          {t("adm.phone")}{" "}
          <input
            value={form.phone}
            onChange={(e) => setForm({ ...form, phone: e.target.value })}
            inputMode="numeric"
            maxLength={11}
          />
        </label>
        <label>
          {t("adm.agencyId")}{" "}
          <input
            value={form.agencyId}
            onChange={(e) => setForm({ ...form, agencyId: e.target.value.replace(/\D/g, "") })}
            required
            inputMode="numeric"
            maxLength={12}
          />
        </label>
        <label>
          {t("admx.firstRole")}{" "}
          <select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as RoleCode | "" })}
          >
            <option value="">{t("admx.noRole")}</option>
            {ROLE_CODES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_KEYS[r])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("admx.grantRegion")}{" "}
          <input
            value={form.regionCode}
            onChange={(e) => setForm({ ...form, regionCode: e.target.value })}
            inputMode="numeric"
            maxLength={12}
          />
        </label>
        <p>
          <button type="submit">{t("admx.create")}</button>
        </p>
      </form>
      <ErrorText message={error} />
    </section>
  );
}
