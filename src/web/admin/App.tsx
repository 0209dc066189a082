import { useEffect, useState, type FormEvent } from "react";
import { api, currentUser, type Me } from "../api/client.js";
import { Link, matchRoute, usePath } from "../components/router.js";
import { ErrorText, messageOf, useLoad, useWt } from "../workbench/common.js";
import { mayOpen, permissionsOf } from "../workbench/roles.js";
// administration: regions, agencies, grants, halls and windows, seal certificates
import { AgenciesPage, AgencyEditPage } from "./AgenciesPage.js";
import { HallPage, HallsPage } from "./HallsPage.js";
import { RegionsPage } from "./RegionsPage.js";
import { SealCertificatePage } from "./SealCertificatePage.js";
import { NewStaffPage, UserGrantsPage } from "./StaffPage.js";

interface CalendarView {
  year: number;
  region: string;
  isCovered: boolean;
  isDeclared: boolean;
  overrides: { day: string; regionCode: string; isWorkday: boolean; name: string }[];
}

/** Parses "2027-02-05 放假 春节" lines (放假/off or 上班/work); returns the 1-based bad line or the days. */
export function parseDays(
  text: string,
): { bad: number } | { days: { day: string; isWorkday: boolean; name: string }[] } {
  const days = [];
  const lines = text.split("\n").map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (line === "") continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(放假|休|off|上班|班|work)\s+(.+)$/i.exec(line);
    if (m === null) return { bad: i + 1 };
    days.push({
      day: m[1] ?? "",
      isWorkday: /^(上班|班|work)$/i.test(m[2] ?? ""),
      name: (m[3] ?? "").trim(),
    });
  }
  return { days };
}

function CalendarPage({ defaultRegion }: { defaultRegion: string }) {
  const t = useWt();
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [region, setRegion] = useState(defaultRegion);
  const [shown, setShown] = useState({ year, region });
  const view = useLoad(
    () =>
      api<CalendarView>(
        "GET",
        `/api/v1/admin/calendar?${new URLSearchParams({ year: shown.year, region: shown.region })}`,
      ),
    [shown.year, shown.region],
  );
  const [source, setSource] = useState("");
  const [daysText, setDaysText] = useState("");
  const [one, setOne] = useState({ day: "", isWorkday: false, name: "" });
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  function run(p: Promise<unknown>) {
    setError(undefined);
    setSaved(false);
    p.then(
      () => {
        setSaved(true);
        view.reload();
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }
  function declare(e: FormEvent) {
    e.preventDefault();
    const parsed = parseDays(daysText);
    if ("bad" in parsed) return setError(t("adm.daysBad", { n: parsed.bad }));
    run(api("POST", "/api/v1/admin/calendar/years", { year: Number(shown.year), source, days: parsed.days }));
  }
  function setOverride(e: FormEvent) {
    e.preventDefault();
    run(api("PUT", "/api/v1/admin/calendar/overrides", { ...one, regionCode: shown.region }));
  }

  return (
    <section aria-labelledby="cal-h">
      <h2 id="cal-h">{t("adm.calendar")}</h2>
      <form
        className="wb-card"
        onSubmit={(e) => {
          e.preventDefault();
          setShown({ year, region: region.trim() });
        }}
      >
        <label>
          {t("adm.year")}{" "}
          <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} />
        </label>{" "}
        <label>
          {t("adm.region")}{" "}
          <input value={region} onChange={(e) => setRegion(e.target.value)} inputMode="numeric" />
        </label>{" "}
        <button type="submit">{t("adm.show")}</button>
      </form>
      <ErrorText message={view.error ?? error} />
      {saved && (
        <p role="status" className="wb-ok">
          {t("adm.saved")}
        </p>
      )}
      {view.data !== undefined && (
        <>
          <p className={view.data.isCovered ? "wb-ok" : "wb-warn"} data-testid="calendar-coverage">
            {view.data.isCovered
              ? t("adm.covered", { year: view.data.year })
              : t("adm.notCovered", { year: view.data.year })}
            {view.data.isDeclared ? ` ${t("adm.declared")}` : ""}
          </p>
          <table className="wb-table" aria-label={t("adm.calendar")}>
            <thead>
              <tr>
                <th scope="col">{t("adm.day")}</th>
                <th scope="col">{t("adm.name")}</th>
                <th scope="col">{t("adm.isWorkday")}</th>
                <th scope="col">{t("sup.region")}</th>
              </tr>
            </thead>
            <tbody>
              {view.data.overrides.map((o) => (
                <tr key={`${o.day}-${o.regionCode}`}>
                  <td>{o.day}</td>
                  <td>{o.name}</td>
                  <td>{o.isWorkday ? t("adm.work") : t("adm.off")}</td>
                  <td>{o.regionCode === "" ? t("adm.national") : o.regionCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!view.data.isCovered && (
            <form className="wb-card" onSubmit={declare} aria-labelledby="declare-h">
              <h3 id="declare-h">{t("adm.declare")}</h3>
              <label>
                {t("adm.source")}{" "}
                <input value={source} onChange={(e) => setSource(e.target.value)} required />
              </label>
              <p>
                <label>
                  {t("adm.days")}
                  <br />
                  <textarea
                    rows={8}
                    cols={50}
                    value={daysText}
                    onChange={(e) => setDaysText(e.target.value)}
                    required
                  />
                </label>
              </p>
              <button type="submit">{t("adm.declare")}</button>
            </form>
          )}
          {view.data.isCovered && (
            <form className="wb-card" onSubmit={setOverride} aria-labelledby="override-h">
              <h3 id="override-h">{t("adm.override")}</h3>
              <label>
                {t("adm.day")}{" "}
                <input
                  type="date"
                  value={one.day}
                  onChange={(e) => setOne({ ...one, day: e.target.value })}
                  required
                />
              </label>{" "}
              <label>
                {t("adm.name")}{" "}
                <input value={one.name} onChange={(e) => setOne({ ...one, name: e.target.value })} required />
              </label>{" "}
              <label>
                <input
                  type="checkbox"
                  checked={one.isWorkday}
                  onChange={(e) => setOne({ ...one, isWorkday: e.target.checked })}
                />{" "}
                {t("adm.isWorkday")}
              </label>{" "}
              <button type="submit">{t("adm.save")}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

interface StaffRow {
  id: string;
  loginName: string | null;
  displayName: string;
  phone: string | null;
  agencyName: string;
}

/** Staff accounts of the administrator's region, 50 a page. */
function UsersPage() {
  const t = useWt();
  const [after, setAfter] = useState<string[]>([]);
  const cursor = after.at(-1);
  const list = useLoad(
    () =>
      api<{ items: StaffRow[]; nextAfter: string | null }>(
        "GET",
        `/api/v1/admin/users?${new URLSearchParams(cursor === undefined ? { limit: "50" } : { limit: "50", after: cursor })}`,
      ),
    [cursor],
  );
  return (
    <section aria-labelledby="users-h">
      <h2 id="users-h">{t("adm.users")}</h2>
      <p>
        <Link to="/admin/users/new">{t("admx.newStaff")}</Link>
      </p>
      <ErrorText message={list.error} />
      <table className="wb-table">
        <thead>
          <tr>
            <th scope="col">{t("adm.login")}</th>
            <th scope="col">{t("adm.displayName")}</th>
            <th scope="col">{t("adm.agency")}</th>
            <th scope="col">{t("adm.phone")}</th>
            <th scope="col">{t("admx.grants")}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.loginName}</td>
              <td>{u.displayName}</td>
              <td>{u.agencyName}</td>
              <td>{u.phone ?? "—"}</td>
              <td>
                <Link to={`/admin/users/${u.id}`}>{t("admx.grants")}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {after.length > 0 && (
        <button type="button" onClick={() => setAfter(after.slice(0, -1))}>
          ←
        </button>
      )}
      {(list.data?.nextAfter ?? null) !== null && (
        <button type="button" onClick={() => setAfter([...after, list.data?.nextAfter ?? ""])}>
          {t("cases.more")}
        </button>
      )}
    </section>
  );
}

interface SealRow {
  id: number;
  sealCode: string;
  name: string;
  status: string;
  validFrom: string;
  validTo: string;
  retiredAt: string | null;
}

/** An agency's e-seals with their pictures and validity; rotation issues a new key and certificate. */
function SealsPage({ defaultAgency }: { defaultAgency: number | null }) {
  const t = useWt();
  const [input, setInput] = useState(defaultAgency === null ? "" : String(defaultAgency));
  const [agency, setAgency] = useState(input);
  const seals = useLoad(
    () =>
      agency === ""
        ? Promise.resolve({ items: [] as SealRow[] })
        : api<{ items: SealRow[] }>("GET", `/api/v1/agencies/${encodeURIComponent(agency)}/seals`),
    [agency],
  );
  const [error, setError] = useState<string>();
  const [rotated, setRotated] = useState(false);
  return (
    <section aria-labelledby="seals-h">
      <h2 id="seals-h">{t("adm.seals")}</h2>
      <form
        className="wb-card"
        onSubmit={(e) => {
          e.preventDefault();
          setAgency(input.trim());
        }}
      >
        <label>
          {t("adm.agencyId")}{" "}
          <input value={input} onChange={(e) => setInput(e.target.value)} inputMode="numeric" />
        </label>{" "}
        <button type="submit">{t("adm.show")}</button>
      </form>
      <ErrorText message={seals.error ?? error} />
      {rotated && (
        <p role="status" className="wb-ok">
          {t("adm.rotated")}
        </p>
      )}
      <table className="wb-table">
        <thead>
          <tr>
            <th scope="col">{t("adm.seals")}</th>
            <th scope="col">{t("adm.sealCode")}</th>
            <th scope="col">{t("adm.sealStatus")}</th>
            <th scope="col">{t("adm.validity")}</th>
            <th scope="col">{t("admx.certificate")}</th>
          </tr>
        </thead>
        <tbody>
          {(seals.data?.items ?? []).map((s) => (
            <tr key={s.id}>
              <td>
                <img src={`/api/v1/seals/${s.id}/picture.svg`} alt={s.name} width={64} height={64} /> {s.name}
              </td>
              <td>{s.sealCode}</td>
              <td>{s.status}</td>
              <td>
                {s.validFrom.slice(0, 10)} – {(s.retiredAt ?? s.validTo).slice(0, 10)}
              </td>
              <td>
                <Link to={`/admin/seals/${s.id}/certificate`}>
                  {t("admx.viewCertificate", { code: s.sealCode })}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {agency !== "" && (
        <button
          type="button"
          onClick={() => {
            setError(undefined);
            setRotated(false);
            api("POST", `/api/v1/agencies/${encodeURIComponent(agency)}/seals/rotation`, {}).then(
              () => {
                setRotated(true);
                seals.reload();
              },
              (e: unknown) => setError(messageOf(e)),
            );
          }}
        >
          {t("adm.rotate")}
        </button>
      )}
    </section>
  );
}

/** The administration app under /admin: only posts with admin.manage may open it. */
export function AdminApp({ serverPath }: { serverPath: string }) {
  const t = useWt();
  const path = usePath(serverPath);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    currentUser().then(setMe, () => setMe(null));
  }, []);
  if (me === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;
  if (me === null)
    return (
      <p>
        {t("workbench.needLogin")} <a href={`/login?next=${encodeURIComponent(path)}`}>{t("nav.login")}</a>
      </p>
    );
  if (me.kind !== "staff")
    return (
      <p role="alert" className="wb-denied">
        {t("wb.notStaff")}
      </p>
    );
  if (!mayOpen(permissionsOf(me.grants), path))
    return (
      <p role="alert" className="wb-denied">
        {t("wb.denied")} <a href="/workbench">{t("workbench.title")}</a>
      </p>
    );
  const region = me.grants.find((g) => g.role === "admin")?.regionCode ?? "65";
  const page = matchRoute(path, [
    ["/admin", () => <CalendarPage defaultRegion={region} />],
    ["/admin/calendar", () => <CalendarPage defaultRegion={region} />],
    ["/admin/users", () => <UsersPage />],
    ["/admin/seals", () => <SealsPage defaultAgency={me.agencyId} />],
    ["/admin/seals/:id/certificate", (p) => <SealCertificatePage id={p.id ?? ""} />],
    ["/admin/regions", () => <RegionsPage key={region} code={region} />],
    ["/admin/regions/:code", (p) => <RegionsPage key={p.code} code={p.code ?? region} />],
    ["/admin/agencies", () => <AgenciesPage defaultRegion={region} />],
    ["/admin/agencies/new", () => <AgencyEditPage id={undefined} defaultRegion={region} />],
    ["/admin/agencies/:id", (p) => <AgencyEditPage key={p.id} id={p.id} defaultRegion={region} />],
    ["/admin/agencies/:id/seals", (p) => <SealsPage key={p.id} defaultAgency={Number(p.id)} />],
    ["/admin/users/new", () => <NewStaffPage defaultAgency={me.agencyId} />],
    ["/admin/users/:id", (p) => <UserGrantsPage key={p.id} id={p.id ?? ""} selfId={me.id} />],
    ["/admin/halls", () => <HallsPage defaultRegion={region} />],
    ["/admin/halls/:id", (p) => <HallPage key={p.id} id={p.id ?? ""} />],
  ]);
  return (
    <div className="wb">
      <p>{t("workbench.signedInAs", { name: me.displayName })}</p>
      <nav aria-label={t("adm.nav")} className="wb-nav">
        <ul>
          <li>
            <Link to="/admin/calendar">{t("adm.calendar")}</Link>
          </li>
          <li>
            <Link to="/admin/users">{t("adm.users")}</Link>
          </li>
          <li>
            <Link to="/admin/seals">{t("adm.seals")}</Link>
          </li>
          <li>
            <Link to="/admin/regions">{t("admx.regions")}</Link>
          </li>
          <li>
            <Link to="/admin/agencies">{t("admx.agencies")}</Link>
          </li>
          <li>
            <Link to="/admin/halls">{t("admx.halls")}</Link>
          </li>
          <li>
            <a href="/workbench">{t("workbench.title")}</a>
          </li>
        </ul>
      </nav>
      {page ?? <p>{t("notFound.title")}</p>}
    </div>
  );
}
