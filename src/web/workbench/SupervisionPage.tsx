import { useMemo, useState } from "react";
import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import { ErrorText, useLoad, useWt } from "./common.js";
import { OverdueTables } from "./OverdueTables.js";
import { groupCount } from "./roles.js";
import { WarningChart } from "./WarningChart.js";

interface Board {
  regionCode: string;
  today: string;
  openCases: { normal: number; yellow: number; red: number };
  overdue: {
    cases: {
      id: string;
      caseNumber: string;
      itemName: string;
      agencyId: number;
      promisedDue: string | null;
    }[];
    changeRequests: { id: number; name: string; reviewDue: string }[];
    complaints: { id: number; number: string; agencyId: number; dueDate: string }[];
  };
}
interface RegionRow {
  code: string;
  name: string;
}

/**
 * 电子监察 board: open cases by warning level (chart and table) and the overdue lists, with
 * drill-down region → sub-region → agency → item → case.
 */
export function SupervisionPage({ grants }: { grants: { role: string; regionCode: string }[] }) {
  const t = useWt();
  const roots = [
    ...new Set(grants.filter((g) => g.role === "supervisor" || g.role === "admin").map((g) => g.regionCode)),
  ];
  const [trail, setTrail] = useState<RegionRow[]>([]);
  const [agencyId, setAgencyId] = useState<number | null>(null);
  const [item, setItem] = useState<string | null>(null);
  const region = trail.at(-1)?.code ?? roots[0] ?? "65";

  const board = useLoad(() => api<Board>("GET", `/api/v1/supervision/board?region=${region}`), [region]);
  const names = useLoad(async () => {
    const here = await api<{ code: string; name: string }>("GET", `/api/v1/regions/${region}`);
    const kids = await api<{ items: RegionRow[] }>("GET", `/api/v1/regions/${region}/children?limit=100`);
    return { here, kids: kids.items };
  }, [region]);
  const agencies = useLoad(async () => {
    const ids = [...new Set((board.data?.overdue.cases ?? []).map((c) => c.agencyId))];
    const rows = await Promise.all(
      ids.map((id) =>
        api<{ id: number; name: string }>("GET", `/api/v1/agencies/${id}`).catch(() => ({
          id,
          name: String(id),
        })),
      ),
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }, [board.data]);

  const overdue = useMemo(() => board.data?.overdue.cases ?? [], [board.data]);
  const byAgency = useMemo(() => groupCount(overdue, (c) => String(c.agencyId)), [overdue]);
  const inAgency = overdue.filter((c) => c.agencyId === agencyId);
  const byItem = useMemo(() => groupCount(inAgency, (c) => c.itemName), [inAgency]);
  const cases = inAgency.filter((c) => c.itemName === item);
  const bars = useMemo(
    () =>
      board.data === undefined
        ? []
        : [
            { name: t("warning.normal"), value: board.data.openCases.normal, color: "#2e7d32" },
            { name: t("warning.yellow"), value: board.data.openCases.yellow, color: "#b26a00" },
            { name: t("warning.red"), value: board.data.openCases.red, color: "#c62828" },
          ],
    [board.data, t],
  );
  const agencyName = (id: number) => agencies.data?.get(id) ?? t("sup.agency", { id });
  const regionName = names.data?.here.name ?? region;

  function goRegion(r: RegionRow | null) {
    setAgencyId(null);
    setItem(null);
    if (r === null) setTrail([]);
    else {
      const i = trail.findIndex((x) => x.code === r.code);
      setTrail(i >= 0 ? trail.slice(0, i + 1) : [...trail, r]);
    }
  }

  return (
    <section aria-labelledby="sup-h">
      <h2 id="sup-h">
        {t("sup.title")} · {regionName}
      </h2>
      <nav aria-label={t("sup.drill")} className="wb-crumbs">
        <ol>
          <li>
            <button type="button" onClick={() => goRegion(null)}>
              {roots[0] ?? "65"}
            </button>
          </li>
          {trail.map((r) => (
            <li key={r.code}>
              <button type="button" onClick={() => goRegion(r)}>
                {r.name}
              </button>
            </li>
          ))}
          {agencyId !== null && (
            <li>
              <button type="button" onClick={() => setItem(null)}>
                {agencyName(agencyId)}
              </button>
            </li>
          )}
          {item !== null && <li aria-current="page">{item}</li>}
        </ol>
      </nav>
      <ErrorText message={board.error} />
      {board.data !== undefined && (
        <div className="wb-board">
          <div>
            <h3>{t("sup.open")}</h3>
            <WarningChart
              label={`${t("sup.chart")}: ${bars.map((b) => `${b.name} ${b.value}`).join("，")}`}
              bars={bars}
            />
            <table className="wb-table">
              <tbody>
                {bars.map((b) => (
                  <tr key={b.name}>
                    <th scope="row">{b.name}</th>
                    <td data-testid={`open-${b.color}`}>{b.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3>{t("sup.region")}</h3>
            <ul className="wb-list">
              {(names.data?.kids ?? []).map((r) => (
                <li key={r.code}>
                  <button type="button" onClick={() => goRegion(r)}>
                    {r.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <section aria-labelledby="overdue-h">
        <h3 id="overdue-h">
          {t("sup.overdue")}（{t("sup.count", { n: overdue.length })}）
        </h3>
        {overdue.length === 0 && <p>{t("sup.none")}</p>}
        {agencyId === null && byAgency.length > 0 && (
          <table className="wb-table" aria-label={t("sup.byAgency")}>
            <tbody>
              {byAgency.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    <button type="button" onClick={() => setAgencyId(Number(g.key))}>
                      {agencyName(Number(g.key))}
                    </button>
                  </th>
                  <td>{t("sup.count", { n: g.n })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {agencyId !== null && item === null && (
          <table className="wb-table" aria-label={t("sup.byItem")}>
            <tbody>
              {byItem.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    <button type="button" onClick={() => setItem(g.key)}>
                      {g.key}
                    </button>
                  </th>
                  <td>{t("sup.count", { n: g.n })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {item !== null && (
          <ul aria-label={t("sup.cases")}>
            {cases.map((c) => (
              <li key={c.id}>
                <Link to={`/workbench/cases/${c.id}`}>{c.caseNumber}</Link> · {c.promisedDue ?? "—"}
              </li>
            ))}
          </ul>
        )}
      </section>
      <OverdueTables region={region} onRegion={(code, name) => goRegion({ code, name })} />
      {board.data !== undefined && board.data.overdue.changeRequests.length > 0 && (
        <section aria-labelledby="cr-h">
          <h3 id="cr-h">{t("sup.changeRequests")}</h3>
          <ul>
            {board.data.overdue.changeRequests.map((r) => (
              <li key={r.id}>
                {r.name} · {r.reviewDue}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
