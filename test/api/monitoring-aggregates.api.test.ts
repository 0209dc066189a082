import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import type { Database } from "../../src/server/db/tables.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
// eslint-disable-next-line no-restricted-imports -- the test drives the module's own fold step by step
import {
  caseStatistics,
  foldCaseStatistics,
  wholeMonths,
} from "../../src/server/modules/monitoring/monitoring.queries.js";
import { foldStatistics, rebuildStatistics } from "../../src/server/modules/monitoring/monitoring.service.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { isPostgresRun } from "../helpers/db.js";
import { Sessions } from "../helpers/sessions.js";

/*
 * The maintained statistics aggregates (migration 0014) and window-visit ratings.
 * Fixture, period 2026-05-01 … 2026-05-31 (Beijing); agency A = 喀什 市场监管, hall H = 喀什 人社
 * (the clerk's visits are recorded for it), clerk S = kashi.clerk:
 *   c1 online, A, 653101, submitted 05-02, concluded 05-05, due 05-10 (on time), not rated
 *   c2 window, A, 653101, submitted 05-03, concluded 05-20, due 05-15 (late), rated 3 on 05-06 by S's window
 *   v1 visit at H, 653101, 05-10, no item, rated 2 on 05-10
 *   v2 visit at H, 653101, 05-11, the item, rated 5 on 05-11 → rectification closed
 *   v3 visit at H, 653101, 04-20 (outside the period), rated 1
 */
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let db: Kysely<Database>;
const sessions = new Sessions(() => t.app, "10.4.1");
const SUPERVISOR = "kashgar.supervisor";
let agencyA = 0;
let hallH = 0;
let guideCode = "";
let guideEntry = 0;
let guideVersion = 0;
let citizenId = "";
let clerkId = "";
let seq = 0;
const caseIds: string[] = [];

const COUNTERS = [
  "cases",
  "concluded",
  "on_time",
  "instant",
  "online",
  "not_accepted",
  "ratings",
  "rating_sum",
  "bad_ratings",
  "rectified",
  "complaints",
  "outcome_accepted",
  "outcome_corrected",
  "outcome_tolerance",
  "outcome_not_ours",
  "outcome_not_catalogued",
  "outcome_pending",
] as const;
type AggRow = Record<string, string | number>;

async function agencyId(line: string): Promise<number> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/agencies?region=6531&line=${line}` });
  return res
    .json<{ items: { id: number; regionCode: string }[] }>()
    .items.find((a) => a.regionCode === "6531")?.id as number;
}

async function insertCase(
  q: Kysely<Database>,
  c: {
    agency: number;
    region: string;
    status: string;
    outcome: string | null;
    submitted: string;
    decided?: string;
    due?: string;
    channel?: string;
    kind?: "1" | "2";
  },
): Promise<string> {
  const id = randomUUID();
  await sql`
    insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
      handling_region_code, receiving_region_code, applicant_id, channel, status, acceptance_outcome, case_kind,
      form_data_enc, submitted_at, accepted_on, promised_limit_days, promised_due, warning_level, decided_at)
    values (${id}, ${`AG${String(++seq).padStart(5, "0")}`}, ${guideEntry}, ${guideVersion}, ${guideCode},
      '聚合测试事项', ${c.agency}, ${c.region}, ${c.region}, ${citizenId}, ${c.channel ?? "online"}, ${c.status},
      ${c.outcome}, ${c.kind ?? "2"}, 'x', ${new Date(c.submitted)},
      ${c.outcome === null ? null : c.submitted.slice(0, 10)}, 5, ${c.due ?? null}, 'normal',
      ${c.decided === undefined ? null : new Date(c.decided)})
  `.execute(q);
  caseIds.push(id);
  return id;
}

async function rateCase(q: Kysely<Database>, caseId: string, level: number, at: string, channel = "online") {
  const r = await sql<{ id: number }>`
    insert into evaluations (case_id, rater_id, channel, level, indicators, guide_code, agency_id, region_code, staff_id, created_at)
    select c.id, ${citizenId}, ${channel}, ${level}, '{}'::jsonb, c.guide_code, c.agency_id, c.handling_region_code,
      ${channel === "window" ? clerkId : null}, ${new Date(at)}
    from cases c where c.id = ${caseId}
    returning id`.execute(q);
  return r.rows[0]?.id as number;
}

async function visit(at: string, withItem: boolean, level: number | null, ratedAt = at) {
  const id = randomUUID();
  await sql`
    insert into window_visits (id, visitor_id, staff_id, agency_id, region_code, purpose, guide_code, created_at)
    values (${id}, ${citizenId}, ${clerkId}, ${hallH}, '653101', '咨询', ${withItem ? guideCode : null}, ${new Date(at)})
  `.execute(db);
  if (level === null) return { id, evaluationId: 0 };
  const r = await sql<{ id: number }>`
    insert into evaluations (visit_id, rater_id, channel, level, indicators, guide_code, agency_id, region_code, staff_id, created_at)
    values (${id}, ${citizenId}, 'window', ${level}, '{}'::jsonb, ${withItem ? guideCode : null}, ${hallH}, '653101',
      ${clerkId}, ${new Date(ratedAt)})
    returning id`.execute(db);
  return { id, evaluationId: r.rows[0]?.id as number };
}

async function task(q: Kysely<Database>, evaluationId: number, status: string) {
  await sql`
    insert into rectification_tasks (evaluation_id, agency_id, region_code, due_date, status)
    select e.id, e.agency_id, e.region_code, '2026-06-30', ${status} from evaluations e where e.id = ${evaluationId}
  `.execute(q);
}

const keyOf = (r: AggRow) =>
  `${String(r.day)}|${String(r.region_code)}|${String(r.agency_id)}|${String(r.guide_code)}|${String(r.channel)}`;
const nonZero = (r: AggRow) => COUNTERS.some((c) => Number(r[c]) !== 0);
function normal(rows: AggRow[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of rows.filter(nonZero)) out[keyOf(r)] = COUNTERS.map((c) => Number(r[c]));
  return out;
}
const cols = sql.raw(
  `day::text as day, region_code, agency_id::text as agency_id, guide_code, channel, ${COUNTERS.join(", ")}`,
);
/** The aggregates computed from the base tables alone. */
async function scratch(): Promise<Record<string, number[]>> {
  return normal((await sql<AggRow>`select ${cols} from case_stats_from_scratch()`.execute(db)).rows);
}
/** What the statistics read: folded aggregates plus pending changes. */
async function live(): Promise<Record<string, number[]>> {
  const sums = sql.raw(COUNTERS.map((c) => `sum(${c})::int as ${c}`).join(", "));
  return normal(
    (
      await sql<AggRow>`
        select day::text as day, region_code, agency_id::text as agency_id, guide_code, channel, ${sums}
        from (select ${cols} from case_stats_daily union all select ${cols} from case_stats_pending) x
        group by 1, 2, 3, 4, 5`.execute(db)
    ).rows,
  );
}
/** The folded daily aggregates; the monthly ones must be exactly their sums per month. */
async function folded(): Promise<Record<string, number[]>> {
  const sums = sql.raw(COUNTERS.map((c) => `sum(${c})::int as ${c}`).join(", "));
  const monthly = await sql<AggRow>`
    select month::text as day, region_code, agency_id::text as agency_id, guide_code, channel, ${sql.raw(COUNTERS.join(", "))}
    from case_stats_monthly`.execute(db);
  const rolled = await sql<AggRow>`
    select date_trunc('month', day)::date::text as day, region_code, agency_id::text as agency_id, guide_code, channel, ${sums}
    from case_stats_daily group by 1, 2, 3, 4, 5`.execute(db);
  expect(normal(monthly.rows)).toEqual(normal(rolled.rows));
  return normal((await sql<AggRow>`select ${cols} from case_stats_daily`.execute(db)).rows);
}
async function pendingCount(): Promise<number> {
  return Number(
    (await sql<{ n: number }>`select count(*)::int as n from case_stats_pending`.execute(db)).rows[0]?.n,
  );
}

async function get<T>(url: string) {
  const res = await t.app.inject({ method: "GET", url, headers: await sessions.as(SUPERVISOR) });
  return { status: res.statusCode, body: res.json<T>() };
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  db = t.database.db;
  const deps = { db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  agencyA = await agencyId("market_regulation");
  hallH = await agencyId("human_resources");
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: agencyA, content: basicItem({ name: "聚合测试事项", itemType: "20" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    {
      layer: "guide",
      agencyId: agencyA,
      basicCode: basic.entry.code,
      content: guide({ name: "聚合测试事项", itemType: "20" }),
    },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  guideCode = g.entry.code;
  guideEntry = g.entry.id;
  guideVersion = g.version.id;
  citizenId = (
    await db
      .selectFrom("users")
      .select("id")
      .where("kind", "=", "person")
      .orderBy("created_at")
      .executeTakeFirstOrThrow()
  ).id;
  clerkId = (
    await db
      .selectFrom("users")
      .select("id")
      .where("login_name", "=", "kashi.clerk")
      .executeTakeFirstOrThrow()
  ).id;

  const A = { agency: agencyA, region: "653101" };
  await insertCase(db, {
    ...A,
    status: "delivered",
    outcome: "accepted",
    submitted: "2026-05-02T02:00:00Z",
    decided: "2026-05-05T02:00:00Z",
    due: "2026-05-10",
  });
  const c2 = await insertCase(db, {
    ...A,
    status: "delivered",
    outcome: "accepted",
    submitted: "2026-05-03T02:00:00Z",
    decided: "2026-05-20T02:00:00Z",
    due: "2026-05-15",
    channel: "window",
  });
  await rateCase(db, c2, 3, "2026-05-06T02:00:00Z", "window");
  await visit("2026-05-10T02:00:00Z", false, 2);
  const v2 = await visit("2026-05-11T02:00:00Z", true, 5);
  await task(db, v2.evaluationId, "closed");
  await visit("2026-04-20T02:00:00Z", false, 1);
  await visit("2026-05-12T02:00:00Z", false, null);
}, 180_000);
afterAll(async () => {
  await t.close();
});

interface StatRow {
  key: string;
  cases: number;
  concluded: number;
  onTimeRate: number | null;
  ratings: number;
  satisfaction: number | null;
  badRatings: number;
  rectificationRate: number | null;
}
const MAY = "region=6531&from=2026-05-01&to=2026-05-31";

describe("window-visit ratings in the satisfaction statistics", () => {
  it("counts visit ratings under channel window, hand-computed", async () => {
    const res = await get<{ rows: StatRow[] }>(`/api/v1/statistics?${MAY}&groupBy=channel`);
    expect(res.status).toBe(200);
    // online: c1 only, not rated
    expect(res.body.rows.find((r) => r.key === "online")).toMatchObject({
      cases: 1,
      ratings: 0,
      satisfaction: null,
    });
    // window: c2 (3) + v1 (2) + v2 (5); v3 is April. S = (6 − 10/3) / 5 = 53.3 %; v2 bad and rectified
    expect(res.body.rows.find((r) => r.key === "window")).toMatchObject({
      cases: 1,
      concluded: 1,
      onTimeRate: 0,
      ratings: 3,
      satisfaction: 53.3,
      badRatings: 1,
      rectificationRate: 100,
    });
  });

  it("attributes visit ratings to the hall's agency and the item only when the visit had one", async () => {
    const byAgency = await get<{ rows: StatRow[] }>(`/api/v1/statistics?${MAY}&groupBy=agency`);
    // A: c1 on time, c2 late; c2's rating 3 → 60 %
    expect(byAgency.body.rows.find((r) => r.key === String(agencyA))).toMatchObject({
      cases: 2,
      concluded: 2,
      onTimeRate: 50,
      ratings: 1,
      satisfaction: 60,
    });
    // H: no case, v1 (2) and v2 (5) → (6 − 3.5) / 5 = 50 %
    expect(byAgency.body.rows.find((r) => r.key === String(hallH))).toMatchObject({
      cases: 0,
      ratings: 2,
      satisfaction: 50,
      badRatings: 1,
      rectificationRate: 100,
    });
    const byItem = await get<{ rows: StatRow[] }>(`/api/v1/statistics?${MAY}&groupBy=item`);
    expect(byItem.body.rows.find((r) => r.key === guideCode)).toMatchObject({ cases: 2, ratings: 2 });
    expect(byItem.body.rows.find((r) => r.key === "")).toMatchObject({
      cases: 0,
      ratings: 1,
      satisfaction: 80,
    });
  });

  it("shows window satisfaction by hall and clerk over the ratings given in the period", async () => {
    const res = await get<{
      windows: {
        agencyId: number;
        staffId: string | null;
        ratings: number;
        visitRatings: number;
        badRatings: number;
        satisfaction: number | null;
      }[];
    }>(`/api/v1/statistics?${MAY}&groupBy=agency`);
    expect(
      res.body.windows.map((w) => [
        w.agencyId,
        w.staffId,
        w.ratings,
        w.visitRatings,
        w.badRatings,
        w.satisfaction,
      ]),
    ).toEqual(
      [
        [agencyA, clerkId, 1, 0, 0, 60],
        [hallH, clerkId, 2, 2, 1, 50],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });

  it("counts visit ratings in the assessment ranking's satisfaction", async () => {
    const res = await get<{
      rows: { key: string; score: number; satisfaction: number | null; complaintRate: number }[];
    }>(`/api/v1/rankings?${MAY}&by=agency`);
    // H: S = 0.5, R = 1, no case (T and C left out) → 100 × (15 + 15) / 45 = 66.67
    // A: T = 0.5, S = 0.6, no bad rating, C = 1 → 100 × (20 + 18 + 15) / 85 = 62.35
    expect(res.body.rows.map((r) => [r.key, r.score, r.satisfaction])).toEqual([
      [String(hallH), 66.67, 50],
      [String(agencyA), 62.35, 60],
    ]);
  });
});

describe("maintained aggregates", () => {
  it("the fixture's changes wait in the pending log; a fold consumes each exactly once", async () => {
    expect(await pendingCount()).toBeGreaterThan(0);
    const before = await scratch();
    expect(await live()).toEqual(before);
    const consumed = await foldStatistics(db, 3);
    expect(consumed).toBeGreaterThan(3);
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(before);
    // idempotent: nothing left, nothing changes
    expect(await foldStatistics(db)).toBe(0);
    expect(await folded()).toEqual(before);
  });

  it("stays exact under a sequence of transitions with partial folds in between", async () => {
    let state = 12345;
    const rnd = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const statuses = [
      "submitted",
      "accepted",
      "under_review",
      "approved",
      "denied",
      "delivered",
      "not_accepted",
    ];
    const outcomes = [null, "accepted", "corrected_then_accepted", "tolerance", "not_ours", "not_catalogued"];
    const complaintIds: string[] = [];
    for (let step = 0; step < 80; step++) {
      const pick = caseIds[rnd(caseIds.length)] as string;
      switch (rnd(9)) {
        case 0:
          await insertCase(db, {
            agency: rnd(2) === 0 ? agencyA : hallH,
            region: rnd(2) === 0 ? "653101" : "653121",
            status: statuses[rnd(statuses.length)] as string,
            outcome: outcomes[rnd(outcomes.length)] ?? null,
            submitted: `2026-05-${String(1 + rnd(28)).padStart(2, "0")}T0${rnd(10)}:00:00Z`,
            ...(rnd(2) === 0 ? { decided: "2026-05-29T16:30:00Z" } : {}),
            due: "2026-05-29",
            channel: ["online", "window", "kiosk", "assisted"][rnd(4)],
            kind: rnd(3) === 0 ? "1" : "2",
          });
          break;
        case 1:
          await sql`update cases set status = ${statuses[rnd(statuses.length)]}, acceptance_outcome = ${outcomes[rnd(outcomes.length)] ?? null},
            decided_at = ${rnd(2) === 0 ? null : new Date("2026-05-30T02:00:00Z")} where id = ${pick}`.execute(
            db,
          );
          break;
        case 2: // a key change: the case moves agency and region with its rating, rectification and complaints
          await sql`update cases set agency_id = ${rnd(2) === 0 ? agencyA : hallH},
            handling_region_code = ${rnd(2) === 0 ? "653101" : "653121"},
            submitted_at = submitted_at + ${`${rnd(3)} days`}::interval where id = ${pick}`.execute(db);
          break;
        case 3: {
          const rated = await sql`select 1 from evaluations where case_id = ${pick}`.execute(db);
          if (rated.rows.length === 0) {
            const level = 1 + rnd(5);
            const e = await rateCase(db, pick, level, "2026-05-30T02:00:00Z");
            if (level >= 4) await task(db, e, rnd(2) === 0 ? "open" : "closed");
          }
          break;
        }
        case 4:
          await sql`update rectification_tasks set status = case when status = 'closed' then 'appealed' else 'closed' end
            where id = (select min(id) + ${rnd(3)} from rectification_tasks)`.execute(db);
          break;
        case 5: {
          const id = randomUUID();
          complaintIds.push(id);
          await sql`insert into complaints (id, number, channel, category, content, related_case_id, agency_id, region_code, status, due_date, created_at)
            values (${id}, ${`AGK-${step}`}, 'portal', 'efficiency', '测试', ${rnd(4) === 0 ? null : pick}, ${agencyA}, '653101', 'dispatched', '2026-05-25', ${now})`.execute(
            db,
          );
          break;
        }
        case 6:
          if (complaintIds.length > 0)
            await sql`update complaints set related_case_id = ${rnd(3) === 0 ? null : pick}
              where id = ${complaintIds[rnd(complaintIds.length)]}`.execute(db);
          break;
        case 7:
          await sql`update cases set promised_due = ${`2026-05-${String(1 + rnd(30)).padStart(2, "0")}`}, warning_level = 'yellow' where id = ${pick}`.execute(
            db,
          );
          break;
        default:
          await db.transaction().execute((trx) => foldCaseStatistics(trx, 1 + rnd(5)));
      }
      expect(await live(), `step ${step}`).toEqual(await scratch());
    }
    await foldStatistics(db);
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(await scratch());
  });

  it("a fold that crashes before commit loses and doubles nothing", async () => {
    await insertCase(db, {
      agency: agencyA,
      region: "653101",
      status: "submitted",
      outcome: null,
      submitted: "2026-05-15T02:00:00Z",
    });
    await sql`update cases set status = 'accepted', acceptance_outcome = 'accepted' where id = ${caseIds.at(-1)}`.execute(
      db,
    );
    const pending = await pendingCount();
    const daily = await folded();
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await foldCaseStatistics(trx, 1000)).toBe(pending);
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect(await pendingCount()).toBe(pending);
    expect(await folded()).toEqual(daily);
    expect(await live()).toEqual(await scratch());
    expect(await foldStatistics(db)).toBe(pending);
    expect(await folded()).toEqual(await scratch());
  });

  it("is exact with concurrent writers and folds (real concurrency on PostgreSQL)", async () => {
    const writer = async (w: number) => {
      for (let i = 0; i < 6; i++)
        await db.transaction().execute(async (trx) => {
          const id = await insertCase(trx, {
            agency: w % 2 === 0 ? agencyA : hallH,
            region: "653101",
            status: "submitted",
            outcome: null,
            submitted: "2026-05-20T02:00:00Z",
          });
          await sql`update cases set status = 'delivered', acceptance_outcome = 'accepted',
            decided_at = ${new Date("2026-05-21T02:00:00Z")}, promised_due = '2026-05-22' where id = ${id}`.execute(
            trx,
          );
          const e = await rateCase(trx, id, 1 + ((w + i) % 5), "2026-05-22T02:00:00Z");
          if ((w + i) % 5 >= 3) await task(trx, e, "closed");
        });
    };
    let writing = true;
    const folder = async () => {
      while (writing) await db.transaction().execute((trx) => foldCaseStatistics(trx, 7));
    };
    const folders = [folder(), folder()];
    await Promise.all(Array.from({ length: 6 }, (_, w) => writer(w)));
    writing = false;
    await Promise.all(folders);
    expect(await live()).toEqual(await scratch());
    if (isPostgresRun()) {
      // A writer whose transaction commits after a fold that ran meanwhile: its change is not skipped.
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      let updated: () => void = () => undefined;
      const didUpdate = new Promise<void>((r) => (updated = r));
      const late = db.transaction().execute(async (trx) => {
        await sql`update cases set status = 'denied', decided_at = ${now} where id = ${caseIds[0]}`.execute(
          trx,
        );
        updated();
        await held;
      });
      await didUpdate;
      await foldStatistics(db, 1000);
      release();
      await late;
      expect(await pendingCount()).toBeGreaterThan(0);
      expect(await live()).toEqual(await scratch());
    }
    await foldStatistics(db);
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(await scratch());
  });

  it("splits a period into whole months (monthly aggregates) and partial ones (daily)", () => {
    expect(wholeMonths("2026-05-01", "2026-05-31")).toEqual({ from: "2026-05-01", until: "2026-06-01" });
    expect(wholeMonths("2026-05-02", "2026-05-31")).toBeUndefined();
    expect(wholeMonths("2026-05-01", "2026-05-30")).toBeUndefined();
    expect(wholeMonths("2026-04-20", "2026-06-10")).toEqual({ from: "2026-05-01", until: "2026-06-01" });
    expect(wholeMonths("2025-12-15", "2026-02-28")).toEqual({ from: "2026-01-01", until: "2026-03-01" });
    expect(wholeMonths("2024-02-01", "2024-02-29")).toEqual({ from: "2024-02-01", until: "2024-03-01" });
    expect(wholeMonths("2025-01-01", "2025-12-31")).toEqual({ from: "2025-01-01", until: "2026-01-01" });
  });

  it("reads a period of whole and partial months as the sum of its days, folded or not", async () => {
    await insertCase(db, {
      agency: agencyA,
      region: "653101",
      status: "submitted",
      outcome: null,
      submitted: "2026-05-31T17:00:00Z",
    });
    await insertCase(db, {
      agency: hallH,
      region: "653121",
      status: "submitted",
      outcome: null,
      submitted: "2026-04-19T17:00:00Z",
    });
    for (const [from, to] of [
      ["2026-04-20", "2026-06-10"],
      ["2026-05-01", "2026-05-31"],
      ["2026-05-02", "2026-05-30"],
      ["2026-04-01", "2026-06-30"],
    ] as const) {
      const expected = new Map<string, number[]>();
      for (const [k, v] of Object.entries(await scratch())) {
        const [day, region, agency] = k.split("|") as [string, string, string];
        if (day < from || day > to || !region.startsWith("6531")) continue;
        const acc = expected.get(agency) ?? COUNTERS.map(() => 0);
        expected.set(
          agency,
          acc.map((x, i) => x + (v[i] ?? 0)),
        );
      }
      for (const fold of [false, true]) {
        if (fold) await foldStatistics(db);
        const rows = await caseStatistics(db, { regionRoot: "6531", from, to, groupBy: "agency" });
        expect(
          new Map(rows.map((r) => [r.key, COUNTERS.map((c) => r[c])])),
          `${from} … ${to}, folded ${String(fold)}`,
        ).toEqual(expected);
      }
    }
  });

  it("a rebuild from scratch equals the incrementally maintained aggregates", async () => {
    const stats = await get<{ rows: StatRow[] }>(`/api/v1/statistics?${MAY}&groupBy=region`);
    const incremental = await folded();
    // Damage both levels, as a bug or a hand edit would.
    await sql`update case_stats_daily set cases = cases + 100 where (day, region_code, agency_id, guide_code, channel) in
      (select day, region_code, agency_id, guide_code, channel from case_stats_daily order by 1, 2, 3, 4, 5 limit 1)`.execute(
      db,
    );
    await sql`update case_stats_monthly set ratings = ratings + 7`.execute(db);
    await expect(folded()).rejects.toThrow();
    expect(await rebuildStatistics(db, now)).toBe(Object.keys(incremental).length);
    expect(await folded()).toEqual(incremental);
    expect(await pendingCount()).toBe(0);
    expect((await get<{ rows: StatRow[] }>(`/api/v1/statistics?${MAY}&groupBy=region`)).body).toEqual(
      stats.body,
    );
    const audit = await db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "statistics.rebuild")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
