import { useState, type FormEvent } from "react";
import { api } from "../api/client.js";
import { Link } from "../components/router.js";
import type { WbKey } from "../i18n/workbench-messages.js";
import { ErrorText, messageOf, useLoad, useWt } from "../workbench/common.js";
import { usePaged } from "./admin-common.js";

const WINDOW_KINDS = [
  "comprehensive",
  "cross_province",
  "in_region",
  "one_thing",
  "assisted",
  "complaint",
] as const;
type WindowKind = (typeof WINDOW_KINDS)[number];
const WINDOW_KEYS: Record<WindowKind, WbKey> = {
  comprehensive: "admx.win.comprehensive",
  cross_province: "admx.win.cross_province",
  in_region: "admx.win.in_region",
  one_thing: "admx.win.one_thing",
  assisted: "admx.win.assisted",
  complaint: "admx.win.complaint",
};
const VENUE_KEYS: Record<string, WbKey> = {
  service_center: "admx.venue.service_center",
  convenience_center: "admx.venue.convenience_center",
  convenience_station: "admx.venue.convenience_station",
};

interface HallRow {
  id: number;
  name: string;
  kind: string;
  regionCode: string;
  address: string | null;
}
interface Hall extends HallRow {
  regionName: string;
  opening: {
    periods: { start: string; end: string }[];
    slotMinutes: number;
    capacityPerWindow: number;
    bookingDaysAhead: number;
    openDays: string[];
  } | null;
  windows: { id: number; number: string; kind: WindowKind; isActive: boolean; guideCodes: string[] }[];
  delegations: { id: number; guideCode: string; basis: string }[];
}
interface GuideHit {
  code: string;
  name: string;
  agencyName: string;
}

/** 大厅与窗口: the halls (政务服务中心, 便民服务中心, 便民服务站) of a region, paged. */
export function HallsPage({ defaultRegion }: { defaultRegion: string }) {
  const t = useWt();
  const [input, setInput] = useState(defaultRegion);
  const [region, setRegion] = useState(defaultRegion);
  const list = useLoad(
    () => api<{ items: HallRow[] }>("GET", `/api/v1/halls?${new URLSearchParams({ region })}`),
    [region],
  );
  const paged = usePaged(list.data?.items ?? []);
  return (
    <section aria-labelledby="halls-h">
      <h2 id="halls-h">{t("admx.halls")}</h2>
      <form
        className="wb-card"
        onSubmit={(e) => {
          e.preventDefault();
          setRegion(input.trim());
        }}
      >
        <label>
          {t("admx.within")}{" "}
          <input
            value={input}
            onChange={(e) => setInput(e.target.value)}
            inputMode="numeric"
            maxLength={12}
          />
        </label>{" "}
        <button type="submit">{t("adm.show")}</button>
      </form>
      <ErrorText message={list.error} />
      <table className="wb-table" aria-label={t("admx.halls")}>
        <thead>
          <tr>
            <th scope="col">{t("adm.name")}</th>
            <th scope="col">{t("admx.kind")}</th>
            <th scope="col">{t("admx.regionCode")}</th>
          </tr>
        </thead>
        <tbody>
          {paged.rows.map((h) => (
            <tr key={h.id}>
              <td>
                <Link to={`/admin/halls/${h.id}`}>{h.name}</Link>
              </td>
              <td>{VENUE_KEYS[h.kind] ? t(VENUE_KEYS[h.kind] as WbKey) : h.kind}</td>
              <td>{h.regionCode}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {paged.pager}
    </section>
  );
}

/** Finds published guides by name (within a region) to add their codes; the chosen ones can be removed. */
function ItemPicker({
  region,
  codes,
  names,
  onChange,
  idPrefix,
  single = false,
}: {
  region: string;
  codes: string[];
  names: Map<string, string>;
  onChange: (codes: string[], hit?: GuideHit) => void;
  idPrefix: string;
  single?: boolean;
}) {
  const t = useWt();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<GuideHit[]>();
  const [error, setError] = useState<string>();
  function search() {
    setError(undefined);
    const p: Record<string, string> = { limit: "10" };
    if (q.trim() !== "") p.q = q.trim();
    if (region.length >= 4) p.region = region.slice(0, 4);
    api<{ items: GuideHit[] }>("GET", `/api/v1/guides?${new URLSearchParams(p)}`).then(
      (r) => setHits(r.items),
      (e: unknown) => setError(messageOf(e)),
    );
  }
  return (
    <div className="wb-group">
      {codes.length > 0 && (
        <ul aria-label={t("admx.chosenItems")}>
          {codes.map((c) => (
            <li key={c}>
              {names.get(c) ?? c} <span className="wb-hint">{c}</span>{" "}
              <button
                type="button"
                onClick={() => onChange(codes.filter((x) => x !== c))}
                aria-label={t("admx.removeItem", { name: names.get(c) ?? c })}
              >
                {t("admx.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${idPrefix}-q`}>{t("admx.itemSearch")}</label>{" "}
      <input
        id={`${idPrefix}-q`}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        maxLength={50}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            search();
          }
        }}
      />{" "}
      <button type="button" onClick={search}>
        {t("admx.search")}
      </button>
      <ErrorText message={error} />
      {hits !== undefined && hits.length === 0 && <p>{t("admx.none")}</p>}
      {hits !== undefined && hits.length > 0 && (
        <ul aria-label={t("admx.searchResults")}>
          {hits.map((h) => (
            <li key={h.code}>
              {h.name} <span className="wb-hint">{h.agencyName}</span>{" "}
              <button
                type="button"
                disabled={codes.includes(h.code)}
                onClick={() => onChange(single ? [h.code] : [...codes, h.code], h)}
                aria-label={t("admx.addItem", { name: h.name })}
              >
                {t("admx.add")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function periodsText(p: { start: string; end: string }[]): string {
  return p.map((x) => `${x.start}-${x.end}`).join(", ");
}
export function parsePeriods(text: string): { start: string; end: string }[] | undefined {
  const out = [];
  for (const part of text.split(/[,，;；\s]+/).filter((x) => x !== "")) {
    const m = /^(\d{1,2}:\d{2})[-–~](\d{1,2}:\d{2})$/.exec(part);
    if (m === null) return undefined;
    out.push({ start: (m[1] ?? "").padStart(5, "0"), end: (m[2] ?? "").padStart(5, "0") });
  }
  return out.length === 0 ? undefined : out;
}

/** One hall: opening hours and booking capacity, windows with their items, 委托受理, bookable slots. */
export function HallPage({ id }: { id: string }) {
  const t = useWt();
  const hall = useLoad(() => api<Hall>("GET", `/api/v1/halls/${encodeURIComponent(id)}`), [id]);
  const [names, setNames] = useState(() => new Map<string, string>());
  const regionGuides = useLoad(async () => {
    const h = hall.data;
    if (h === undefined) return;
    const r = await api<{ items: GuideHit[] }>(
      "GET",
      `/api/v1/guides?${new URLSearchParams({ region: h.regionCode.slice(0, 6), limit: "100" })}`,
    );
    setNames((m) => new Map([...m, ...r.items.map((g) => [g.code, g.name] as [string, string])]));
  }, [hall.data?.regionCode]);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const remember = (hit?: GuideHit) => hit && setNames((m) => new Map(m).set(hit.code, hit.name));
  function run(p: Promise<unknown>, message: string) {
    setError(undefined);
    setStatus(undefined);
    p.then(
      () => {
        setStatus(message);
        hall.reload();
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }
  if (hall.error !== undefined) return <ErrorText message={hall.error} />;
  const h = hall.data;
  if (h === undefined) return <p aria-busy="true">{t("wb.loading")}</p>;
  void regionGuides;
  return (
    <section aria-labelledby="hall-h">
      <p>
        <Link to="/admin/halls">{t("admx.halls")}</Link> ·{" "}
        <Link to={`/admin/regions/${h.regionCode}`}>{h.regionName}</Link>
      </p>
      <h2 id="hall-h">
        {h.name}{" "}
        <span className="wb-hint">{VENUE_KEYS[h.kind] ? t(VENUE_KEYS[h.kind] as WbKey) : h.kind}</span>
      </h2>
      <ErrorText message={error} />
      {status !== undefined && (
        <p role="status" className="wb-ok">
          {status}
        </p>
      )}
      <SettingsForm
        hall={h}
        onSave={(body) => run(api("PUT", `/api/v1/halls/${h.id}/settings`, body), t("adm.saved"))}
      />
      <h3 id="windows-h">{t("admx.windows")}</h3>
      {h.windows.length === 0 ? (
        <p>{t("admx.noWindows")}</p>
      ) : (
        <table className="wb-table" aria-labelledby="windows-h" data-testid="windows">
          <thead>
            <tr>
              <th scope="col">{t("admx.windowNo")}</th>
              <th scope="col">{t("admx.kind")}</th>
              <th scope="col">{t("admx.items")}</th>
              <th scope="col">{t("adm.sealStatus")}</th>
              <th scope="col">{t("admx.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {h.windows.map((w) => (
              <WindowRow
                key={w.id}
                window={w}
                region={h.regionCode}
                names={names}
                remember={remember}
                run={run}
              />
            ))}
          </tbody>
        </table>
      )}
      <NewWindowForm
        region={h.regionCode}
        names={names}
        remember={remember}
        onCreate={(body) =>
          run(api("POST", `/api/v1/halls/${h.id}/windows`, body), t("admx.windowCreated", { n: body.number }))
        }
      />
      {h.kind !== "service_center" && <Delegations hall={h} names={names} remember={remember} run={run} />}
      <Slots hall={h} names={names} run={run} />
      <QueueToday hallId={h.id} />
    </section>
  );
}

function SettingsForm({
  hall,
  onSave,
}: {
  hall: Hall;
  onSave: (body: {
    periods: { start: string; end: string }[];
    slotMinutes: number;
    capacityPerWindow: number;
    bookingDaysAhead: number;
  }) => void;
}) {
  const t = useWt();
  const o = hall.opening;
  const [form, setForm] = useState({
    periods: o === null ? "10:00-13:30, 16:00-19:30" : periodsText(o.periods),
    slotMinutes: String(o?.slotMinutes ?? 30),
    capacity: String(o?.capacityPerWindow ?? 2),
    days: String(o?.bookingDaysAhead ?? 7),
  });
  const [bad, setBad] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    const periods = parsePeriods(form.periods);
    setBad(periods === undefined);
    if (periods === undefined) return;
    onSave({
      periods,
      slotMinutes: Number(form.slotMinutes),
      capacityPerWindow: Number(form.capacity),
      bookingDaysAhead: Number(form.days),
    });
  }
  return (
    <form className="wb-card" onSubmit={submit} aria-labelledby="settings-h">
      <h3 id="settings-h">{t("admx.opening")}</h3>
      {o === null ? (
        <p className="wb-warn">{t("admx.notOpen")}</p>
      ) : (
        <p className="wb-hint" data-testid="open-days">
          {t("admx.openDays", { days: o.openDays.slice(0, 7).join("、") })}
        </p>
      )}
      <label>
        {t("admx.periods")}{" "}
        <input
          value={form.periods}
          onChange={(e) => setForm({ ...form, periods: e.target.value })}
          required
          size={28}
          aria-invalid={bad}
          aria-describedby="periods-hint"
        />
      </label>
      <span id="periods-hint" className={bad ? "wb-error" : "wb-hint"}>
        {t("admx.periodsHint")}
      </span>
      <br />
      <label>
        {t("admx.slotMinutes")}{" "}
        <input
          type="number"
          min={5}
          max={240}
          value={form.slotMinutes}
          onChange={(e) => setForm({ ...form, slotMinutes: e.target.value })}
          required
        />
      </label>{" "}
      <label>
        {t("admx.capacity")}{" "}
        <input
          type="number"
          min={1}
          max={100}
          value={form.capacity}
          onChange={(e) => setForm({ ...form, capacity: e.target.value })}
          required
        />
      </label>{" "}
      <label>
        {t("admx.daysAhead")}{" "}
        <input
          type="number"
          min={1}
          max={60}
          value={form.days}
          onChange={(e) => setForm({ ...form, days: e.target.value })}
          required
        />
      </label>{" "}
      <button type="submit">{t("admx.saveOpening")}</button>
    </form>
  );
}

function WindowRow({
  window: w,
  region,
  names,
  remember,
  run,
}: {
  window: Hall["windows"][number];
  region: string;
  names: Map<string, string>;
  remember: (hit?: GuideHit) => void;
  run: (p: Promise<unknown>, message: string) => void;
}) {
  const t = useWt();
  const [editing, setEditing] = useState(false);
  const [codes, setCodes] = useState(w.guideCodes);
  return (
    <tr>
      <td>{w.number}</td>
      <td>{t(WINDOW_KEYS[w.kind])}</td>
      <td>
        {w.guideCodes.length === 0
          ? w.kind === "comprehensive"
            ? t("admx.allItems")
            : "—"
          : w.guideCodes.map((c) => names.get(c) ?? c).join("、")}
        {editing && (
          <>
            <ItemPicker
              region={region}
              codes={codes}
              names={names}
              idPrefix={`w${w.id}`}
              onChange={(next, hit) => {
                remember(hit);
                setCodes(next);
              }}
            />
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                run(
                  api("PATCH", `/api/v1/hall-windows/${w.id}`, { guideCodes: codes }),
                  t("admx.itemsSaved", { n: w.number }),
                );
              }}
            >
              {t("admx.saveItems")}
            </button>
          </>
        )}
      </td>
      <td>{w.isActive ? t("admx.active") : t("admx.inactive")}</td>
      <td>
        <button
          type="button"
          onClick={() => setEditing(!editing)}
          aria-label={t("admx.editItemsOf", { n: w.number })}
          aria-expanded={editing}
        >
          {t("admx.editItems")}
        </button>{" "}
        <button
          type="button"
          onClick={() =>
            run(
              api("PATCH", `/api/v1/hall-windows/${w.id}`, { isActive: !w.isActive }),
              w.isActive ? t("admx.paused", { n: w.number }) : t("admx.resumed", { n: w.number }),
            )
          }
        >
          {w.isActive ? t("admx.pause") : t("admx.resume")}
        </button>
      </td>
    </tr>
  );
}

function NewWindowForm({
  region,
  names,
  remember,
  onCreate,
}: {
  region: string;
  names: Map<string, string>;
  remember: (hit?: GuideHit) => void;
  onCreate: (body: { number: string; kind: WindowKind; guideCodes: string[] }) => void;
}) {
  const t = useWt();
  const [number, setNumber] = useState("");
  const [kind, setKind] = useState<WindowKind>("comprehensive");
  const [codes, setCodes] = useState<string[]>([]);
  return (
    <form
      className="wb-card"
      aria-labelledby="new-window-h"
      onSubmit={(e) => {
        e.preventDefault();
        onCreate({ number: number.trim(), kind, guideCodes: codes });
        setNumber("");
        setCodes([]);
      }}
    >
      <h3 id="new-window-h">{t("admx.newWindow")}</h3>
      <label>
        {t("admx.windowNo")}{" "}
        <input value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={10} size={6} />
      </label>{" "}
      <label>
        {t("admx.windowKind")}{" "}
        <select value={kind} onChange={(e) => setKind(e.target.value as WindowKind)}>
          {WINDOW_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(WINDOW_KEYS[k])}
            </option>
          ))}
        </select>
      </label>
      <p className="wb-hint">{t("admx.windowItemsHint")}</p>
      <ItemPicker
        region={region}
        codes={codes}
        names={names}
        idPrefix="new-window"
        onChange={(next, hit) => {
          remember(hit);
          setCodes(next);
        }}
      />
      <button type="submit">{t("admx.createWindow")}</button>
    </form>
  );
}

function Delegations({
  hall,
  names,
  remember,
  run,
}: {
  hall: Hall;
  names: Map<string, string>;
  remember: (hit?: GuideHit) => void;
  run: (p: Promise<unknown>, message: string) => void;
}) {
  const t = useWt();
  const [codes, setCodes] = useState<string[]>([]);
  const [basis, setBasis] = useState("");
  return (
    <section aria-labelledby="deleg-h">
      <h3 id="deleg-h">{t("admx.delegations")}</h3>
      {hall.delegations.length === 0 ? (
        <p>{t("admx.none")}</p>
      ) : (
        <ul data-testid="delegations">
          {hall.delegations.map((d) => (
            <DelegationItem
              key={d.id}
              delegation={d}
              name={names.get(d.guideCode) ?? d.guideCode}
              run={run}
            />
          ))}
        </ul>
      )}
      <form
        className="wb-card"
        aria-label={t("admx.delegate")}
        onSubmit={(e) => {
          e.preventDefault();
          const code = codes[0];
          if (code === undefined) return;
          run(
            api("POST", `/api/v1/halls/${hall.id}/delegations`, { guideCode: code, basis: basis.trim() }),
            t("admx.delegated"),
          );
          setCodes([]);
        }}
      >
        <ItemPicker
          region={hall.regionCode.slice(0, 6)}
          codes={codes}
          names={names}
          idPrefix="deleg"
          single
          onChange={(next, hit) => {
            remember(hit);
            setCodes(next);
          }}
        />
        <label>
          {t("admx.basis")}{" "}
          <input
            value={basis}
            onChange={(e) => setBasis(e.target.value)}
            required
            minLength={2}
            maxLength={300}
            size={40}
          />
        </label>{" "}
        <button type="submit" disabled={codes.length === 0}>
          {t("admx.delegate")}
        </button>
      </form>
    </section>
  );
}

/** One delegated item with its removal, confirmed in place before the DELETE is sent. */
function DelegationItem({
  delegation: d,
  name,
  run,
}: {
  delegation: Hall["delegations"][number];
  name: string;
  run: (p: Promise<unknown>, message: string) => void;
}) {
  const t = useWt();
  const [isConfirming, setConfirming] = useState(false);
  return (
    <li>
      {name} <span className="wb-hint">{d.basis}</span>{" "}
      {isConfirming ? (
        <span role="group" aria-label={t("admx.revokeDelegationOf", { name })}>
          <span className="wb-warn">{t("admx.revokeDelegationConfirm", { name })}</span>{" "}
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              run(api("DELETE", `/api/v1/hall-delegations/${d.id}`), t("admx.delegationRevoked", { name }));
            }}
          >
            {t("admx.confirmRevoke")}
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            {t("admx.cancel")}
          </button>
        </span>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          aria-label={t("admx.revokeDelegationOf", { name })}
        >
          {t("admx.revokeDelegation")}
        </button>
      )}
    </li>
  );
}

type SlotRow = { date: string; start: string; end: string; capacity: number; available: number };

/** One bookable slot of one day: change its capacity per window or time, or close it (confirmed). */
function SlotItem({
  hallId,
  slot: s,
  run,
}: {
  hallId: number;
  slot: SlotRow;
  run: (p: Promise<unknown>, message: string) => void;
}) {
  const t = useWt();
  const [mode, setMode] = useState<"view" | "edit" | "close">("view");
  const [form, setForm] = useState({ capacity: "", start: s.start, end: s.end });
  const url = `/api/v1/halls/${hallId}/slots/${s.date}/${s.start}`;
  const at = { date: s.date, start: s.start, end: s.end };
  function save(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (form.capacity.trim() !== "") body.capacityPerWindow = Number(form.capacity);
    if (form.start !== s.start) body.start = form.start;
    if (form.end !== s.end) body.end = form.end;
    setMode("view");
    run(api("PATCH", url, body), t("admx.slotSaved", at));
  }
  return (
    <tr>
      <td>{s.date}</td>
      <td>
        {s.start}–{s.end}
      </td>
      <td>
        {s.available} / {s.capacity}
      </td>
      <td>
        {mode === "view" && (
          <>
            <button type="button" onClick={() => setMode("edit")} aria-label={t("admx.slotEditOf", at)}>
              {t("admx.slotEdit")}
            </button>{" "}
            <button type="button" onClick={() => setMode("close")} aria-label={t("admx.slotCloseOf", at)}>
              {t("admx.slotClose")}
            </button>
          </>
        )}
        {mode === "edit" && (
          <form onSubmit={save} aria-label={t("admx.slotEditOf", at)}>
            <label>
              {t("admx.slotCapacity")}{" "}
              <input
                type="number"
                min={1}
                max={100}
                value={form.capacity}
                onChange={(e) => setForm({ ...form, capacity: e.target.value })}
              />
            </label>{" "}
            <label>
              {t("admx.slotStart")}{" "}
              <input
                type="time"
                value={form.start}
                onChange={(e) => setForm({ ...form, start: e.target.value })}
                required
              />
            </label>{" "}
            <label>
              {t("admx.slotEnd")}{" "}
              <input
                type="time"
                value={form.end}
                onChange={(e) => setForm({ ...form, end: e.target.value })}
                required
              />
            </label>{" "}
            <button type="submit">{t("admx.slotSave")}</button>{" "}
            <button type="button" onClick={() => setMode("view")}>
              {t("admx.cancel")}
            </button>
          </form>
        )}
        {mode === "close" && (
          <span role="group" aria-label={t("admx.slotCloseOf", at)}>
            <span className="wb-warn">{t("admx.slotCloseConfirm", at)}</span>{" "}
            <button
              type="button"
              onClick={() => {
                setMode("view");
                run(api("DELETE", url), t("admx.slotClosed", at));
              }}
            >
              {t("admx.confirmClose")}
            </button>{" "}
            <button type="button" onClick={() => setMode("view")}>
              {t("admx.cancel")}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

function Slots({
  hall,
  names,
  run,
}: {
  hall: Hall;
  names: Map<string, string>;
  run: (p: Promise<unknown>, message: string) => void;
}) {
  const t = useWt();
  const served = [
    ...new Set([...hall.windows.flatMap((w) => w.guideCodes), ...hall.delegations.map((d) => d.guideCode)]),
  ];
  const [code, setCode] = useState("");
  const slots = useLoad(
    () =>
      code === ""
        ? Promise.resolve(undefined)
        : api<{ slots: SlotRow[] }>(
            "GET",
            `/api/v1/halls/${hall.id}/slots?${new URLSearchParams({ guideCode: code })}`,
          ),
    [code, hall],
  );
  const paged = usePaged(slots.data?.slots ?? [], 14);
  if (served.length === 0) return null;
  return (
    <section aria-labelledby="slots-h">
      <h3 id="slots-h">{t("admx.slots")}</h3>
      <label htmlFor="slots-item">{t("admx.item")}</label>{" "}
      <select id="slots-item" value={code} onChange={(e) => setCode(e.target.value)}>
        <option value="">{t("admx.chooseItem")}</option>
        {served.map((c) => (
          <option key={c} value={c}>
            {names.get(c) ?? c}
          </option>
        ))}
      </select>
      <p className="wb-hint">{t("admx.slotsHint")}</p>
      <ErrorText message={slots.error} />
      {slots.data !== undefined && (
        <>
          <table className="wb-table" aria-labelledby="slots-h">
            <thead>
              <tr>
                <th scope="col">{t("adm.day")}</th>
                <th scope="col">{t("admx.time")}</th>
                <th scope="col">{t("admx.available")}</th>
                <th scope="col">{t("admx.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {paged.rows.map((s) => (
                <SlotItem key={`${s.date}-${s.start}-${s.end}`} hallId={hall.id} slot={s} run={run} />
              ))}
            </tbody>
          </table>
          {paged.pager}
        </>
      )}
    </section>
  );
}

interface QueueBlock {
  issued: number;
  served: number;
  waiting: number;
  priority: number;
  avgWaitMinutes: number | null;
}

/** Today's queue at the hall (叫号): tickets, served, waiting, average wait. */
function QueueToday({ hallId }: { hallId: number }) {
  const t = useWt();
  const stats = useLoad(
    () => api<{ date: string; overall: QueueBlock }>("GET", `/api/v1/halls/${hallId}/queue-stats`),
    [hallId],
  );
  const o = stats.data?.overall;
  return (
    <section aria-labelledby="queue-h">
      <h3 id="queue-h">{t("admx.queue")}</h3>
      <ErrorText message={stats.error} />
      {o !== undefined && (
        <p data-testid="queue-stats">
          {t("admx.queueStats", {
            date: stats.data?.date ?? "",
            issued: o.issued,
            served: o.served,
            waiting: o.waiting,
            priority: o.priority,
            avg: o.avgWaitMinutes === null ? "—" : o.avgWaitMinutes,
          })}{" "}
          <a href={`/halls/${hallId}/display`}>{t("admx.display")}</a>
        </p>
      )}
    </section>
  );
}
