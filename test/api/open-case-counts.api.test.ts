import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/server/db/tables.js";
// eslint-disable-next-line no-restricted-imports -- the test drives the module's own fold step by step
import { foldOpenCaseCounts } from "../../src/server/modules/monitoring/monitoring.queries.js";
import { foldOpenCounts, rebuildOpenCounts } from "../../src/server/modules/monitoring/monitoring.service.js";
import { warningSweepJob } from "../../src/server/jobs/jobs.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { isPostgresRun } from "../helpers/db.js";
import { publishServiceGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

/*
 * The maintained open-case counts (migration 0017: case_open_levels, case_running_dues) behind the supervision board's warning counts and
 * the overdue tables' and lists' case totals. Today is 2026-06-15 (Beijing). Agencies A = 喀什 市场监管
 * (653101 cases), B = 喀什 人社 (653121 cases). The reference is always a count of the cases themselves.
 */
const now = new Date("2026-06-15T02:00:00Z");
const TODAY = "2026-06-15";
let t: TestApp;
let db: Kysely<Database>;
const sessions = new Sessions(() => t.app, "10.4.3");
const SUPERVISOR = "kashgar.supervisor";
let agencyA = 0;
let agencyB = 0;
let guideCode = "";
let guideEntry = 0;
let guideVersion = 0;
let citizenId = "";
let seq = 0;
const caseIds: string[] = [];
const STATUSES = ["submitted", "accepted", "under_review", "suspended", "approved", "delivered", "withdrawn"];
const LEVELS = ["normal", "yellow", "red"];

async function agencyId(line: string): Promise<number> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/agencies?region=6531&line=${line}` });
  return res
    .json<{ items: { id: number; regionCode: string }[] }>()
    .items.find((a) => a.regionCode === "6531")?.id as number;
}

async function get<T>(url: string) {
  const res = await t.app.inject({ method: "GET", url, headers: await sessions.as(SUPERVISOR) });
  expect(res.statusCode, url).toBe(200);
  return res.json<T>();
}

async function insertCase(
  q: Kysely<Database>,
  c: { agency: number; region: string; status: string; due: string | null; level: string },
): Promise<string> {
  const id = randomUUID();
  await sql`
    insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
      handling_region_code, receiving_region_code, applicant_id, channel, status, acceptance_outcome, case_kind,
      form_data_enc, submitted_at, accepted_on, promised_limit_days, promised_due, warning_level)
    values (${id}, ${`OC${String(++seq).padStart(5, "0")}`}, ${guideEntry}, ${guideVersion}, ${guideCode},
      '计数测试事项', ${c.agency}, ${c.region}, ${c.region}, ${citizenId}, 'online', ${c.status}, 'accepted', '2',
      'x', ${new Date("2026-04-20T02:00:00Z")}, '2026-04-20', 5, ${c.due}, ${c.level})
  `.execute(q);
  caseIds.push(id);
  return id;
}

type Counts = {
  levels: { region_code: string; agency_id: number; warning_level: string; n: number }[];
  dues: { region_code: string; agency_id: number; due: string; n: number }[];
};

/** Both tables + the pending changes per key (what readers see), zero sums left out. */
async function live(): Promise<Counts> {
  const levels = await sql<Counts["levels"][number]>`
    select region_code, agency_id::int as agency_id, warning_level, sum(n)::int as n
    from (select region_code, agency_id, warning_level, n from case_open_levels
          union all
          select region_code, agency_id, warning_level, n from case_open_pending) x
    group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(db);
  const dues = await sql<Counts["dues"][number]>`
    select region_code, agency_id::int as agency_id, due::text as due, sum(n)::int as n
    from (select region_code, agency_id, due, n from case_running_dues
          union all
          select region_code, agency_id, due, n from case_open_pending
          where status in ('accepted', 'under_review')) x
    group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(db);
  return { levels: levels.rows, dues: dues.rows };
}
async function folded(): Promise<Counts> {
  const levels = await sql<Counts["levels"][number]>`
    select region_code, agency_id::int as agency_id, warning_level, n
    from case_open_levels order by 1, 2, 3`.execute(db);
  const dues = await sql<Counts["dues"][number]>`
    select region_code, agency_id::int as agency_id, due::text as due, n
    from case_running_dues order by 1, 2, 3`.execute(db);
  return { levels: levels.rows, dues: dues.rows };
}
async function scratch(): Promise<Counts> {
  const levels = await sql<Counts["levels"][number]>`
    select region_code, agency_id::int as agency_id, warning_level, n
    from case_open_levels_from_scratch() order by 1, 2, 3`.execute(db);
  const dues = await sql<Counts["dues"][number]>`
    select region_code, agency_id::int as agency_id, due::text as due, n
    from case_running_dues_from_scratch() order by 1, 2, 3`.execute(db);
  return { levels: levels.rows, dues: dues.rows };
}
async function pendingCount() {
  const r = await sql<{ n: number }>`select count(*)::int as n from case_open_pending`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** What the board and the overdue endpoints must say, counted from the cases. */
async function expected(region: string) {
  const like = `${region}%`;
  const open = await sql<{ warning_level: string; n: number }>`
    select warning_level, count(*)::int as n from cases
    where handling_region_code like ${like} and status in ('accepted', 'under_review', 'suspended')
    group by 1`.execute(db);
  const overdue = await sql<{ agency_id: number; n: number }>`
    select agency_id::int as agency_id, count(*)::int as n from cases
    where handling_region_code like ${like} and status in ('accepted', 'under_review')
      and promised_due < ${TODAY}::date
    group by 1 order by 1`.execute(db);
  const level = (l: string) => open.rows.find((r) => r.warning_level === l)?.n ?? 0;
  return {
    openCases: { normal: level("normal"), yellow: level("yellow"), red: level("red") },
    overdueByAgency: overdue.rows,
    overdueTotal: overdue.rows.reduce((s, r) => s + r.n, 0),
  };
}

/** Every page of the overdue cases list (page sizes 1–3, a page past the end) is the cases' own order. */
async function checkPages(region: string, agency?: number) {
  const ordered = await sql<{ id: string }>`
    select id::text as id from cases
    where handling_region_code like ${`${region}%`} and status in ('accepted', 'under_review')
      and promised_due < ${TODAY}::date and (${agency ?? null}::bigint is null or agency_id = ${agency ?? null})
    order by promised_due, id`.execute(db);
  const want = ordered.rows.map((r) => r.id);
  for (const size of [1, 2, 3]) {
    const got: string[] = [];
    for (let page = 1; page <= Math.ceil(want.length / size) + 1; page++) {
      const r = await get<{ total: number; items: { id: string }[] }>(
        `/api/v1/supervision/overdue/items?region=${region}&kind=cases&page=${page}&pageSize=${size}` +
          (agency === undefined ? "" : `&agency=${agency}`),
      );
      expect(r.total).toBe(want.length);
      got.push(...r.items.map((i) => i.id));
    }
    expect(got, `${region} ${agency ?? ""} pageSize ${size}`).toEqual(want);
  }
}

/** The board, the overdue table by agency and the list totals and pages agree with the cases. */
async function checkEndpoints(region: string) {
  const want = await expected(region);
  const board = await get<{
    openCases: Record<string, number>;
    overdue: { cases: { id: string; promisedDue: string }[] };
  }>(`/api/v1/supervision/board?region=${region}`);
  expect(board.openCases).toEqual(want.openCases);
  const boardWant = await sql<{ id: string; due: string }>`
    select id::text as id, promised_due::text as due from cases
    where handling_region_code like ${`${region}%`} and status in ('accepted', 'under_review')
      and promised_due < ${TODAY}::date
    order by promised_due, id limit 100`.execute(db);
  const byDueThenId = (xs: { id: string; due: string }[]) =>
    [...xs].sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  expect(
    byDueThenId(board.overdue.cases.map((c) => ({ id: c.id, due: String(c.promisedDue).slice(0, 10) }))),
  ).toEqual(boardWant.rows);
  await checkPages(region);
  await checkPages(region, agencyA);
  await checkPages(region, agencyB);
  const table = await get<{ totals: { cases: number }; rows: { key: string; cases: number }[] }>(
    `/api/v1/supervision/overdue?region=${region}&by=agency`,
  );
  expect(table.totals.cases).toBe(want.overdueTotal);
  expect(
    table.rows
      .filter((r) => r.cases !== 0)
      .map((r) => ({ agency_id: Number(r.key), n: r.cases }))
      .sort((a, b) => a.agency_id - b.agency_id),
  ).toEqual(want.overdueByAgency);
  const list = await get<{ total: number }>(`/api/v1/supervision/overdue/items?region=${region}&kind=cases`);
  expect(list.total).toBe(want.overdueTotal);
  for (const a of [agencyA, agencyB]) {
    const one = await get<{ total: number; items: unknown[] }>(
      `/api/v1/supervision/overdue/items?region=${region}&kind=cases&agency=${a}&pageSize=100`,
    );
    expect(one.total).toBe(want.overdueByAgency.find((r) => r.agency_id === a)?.n ?? 0);
    expect(one.items.length).toBe(Math.min(100, one.total));
  }
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  db = t.database.db;
  const deps = { db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  const published = await publishServiceGuide(deps, "计数测试事项");
  agencyA = published.agencyId;
  agencyB = await agencyId("human_resources");
  guideCode = published.guideCode;
  guideEntry = published.entryId;
  guideVersion = published.versionId;
  const citizen = await db
    .selectFrom("users")
    .select("id")
    .where("kind", "=", "person")
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  citizenId = citizen.id;
  // Accepted and under review cases, overdue and not, of both agencies; suspended, concluded and
  // submitted ones; one without a promised date.
  for (let i = 0; i < 12; i++)
    await insertCase(db, {
      agency: i % 2 === 0 ? agencyA : agencyB,
      region: i % 2 === 0 ? "653101" : "653121",
      status: STATUSES[i % STATUSES.length] as string,
      due: i === 5 ? null : `2026-06-${String(8 + i).padStart(2, "0")}`,
      level: LEVELS[i % 3] as string,
    });
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe("open-case counts (board, overdue tables)", () => {
  it("the fixture's cases wait as pending changes; the endpoints count them exactly, folded or not", async () => {
    expect(await pendingCount()).toBeGreaterThan(0);
    expect(await live()).toEqual(await scratch());
    const want = await expected("6531");
    expect(want.overdueTotal).toBeGreaterThan(0);
    expect(want.openCases.normal + want.openCases.yellow + want.openCases.red).toBeGreaterThan(
      want.overdueTotal,
    );
    await checkEndpoints("6531");
    await checkEndpoints("653101");
    expect(await foldOpenCounts(db, 2)).toBeGreaterThan(2);
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(await scratch());
    await checkEndpoints("6531");
    await checkEndpoints("653121");
    expect(await foldOpenCounts(db)).toBe(0);
  });

  it("the warning sweep's level changes and other updates reach the counts only when they matter", async () => {
    await foldOpenCounts(db);
    const id = caseIds[1] as string; // accepted
    await sql`update cases set item_name = '改名', lock_version = lock_version + 1 where id = ${id}`.execute(
      db,
    );
    expect(await pendingCount()).toBe(0);
    await sql`update cases set warning_level = 'red' where id = ${id}`.execute(db);
    expect(await pendingCount()).toBe(2);
    // a concluded case changing its level or due date is not open: nothing to count
    const done = caseIds[5] as string; // delivered
    await sql`update cases set warning_level = 'yellow', promised_due = '2026-01-01' where id = ${done}`.execute(
      db,
    );
    expect(await pendingCount()).toBe(2);
    expect(await live()).toEqual(await scratch());
    await checkEndpoints("6531");
  });

  it("stays exact under a sequence of transitions with partial folds in between", async () => {
    let state = 4242;
    const rnd = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const due = () => (rnd(6) === 0 ? null : `2026-06-${String(1 + rnd(30)).padStart(2, "0")}`);
    for (let step = 0; step < 90; step++) {
      const pick = caseIds[rnd(caseIds.length)] as string;
      switch (rnd(8)) {
        case 0:
          await insertCase(db, {
            agency: rnd(2) === 0 ? agencyA : agencyB,
            region: rnd(2) === 0 ? "653101" : "653121",
            status: STATUSES[rnd(STATUSES.length)] as string,
            due: due(),
            level: LEVELS[rnd(3)] as string,
          });
          break;
        case 1:
          await sql`update cases set status = ${STATUSES[rnd(STATUSES.length)]} where id = ${pick}`.execute(
            db,
          );
          break;
        case 2:
          await sql`update cases set warning_level = ${LEVELS[rnd(3)]} where id = ${pick}`.execute(db);
          break;
        case 3:
          await sql`update cases set promised_due = ${due()} where id = ${pick}`.execute(db);
          break;
        case 4: // the case moves to another agency and region (transfer)
          await sql`update cases set agency_id = ${rnd(2) === 0 ? agencyA : agencyB},
            handling_region_code = ${rnd(2) === 0 ? "653101" : "653121"} where id = ${pick}`.execute(db);
          break;
        case 5: {
          const gone = caseIds.splice(rnd(caseIds.length), 1)[0] as string;
          await sql`delete from cases where id = ${gone}`.execute(db);
          break;
        }
        default:
          await db.transaction().execute((trx) => foldOpenCaseCounts(trx, 1 + rnd(4)));
      }
      expect(await live(), `step ${step}`).toEqual(await scratch());
    }
    await checkEndpoints("6531");
    await foldOpenCounts(db);
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(await scratch());
    // no key is kept at 0
    const kept = await folded();
    expect([...kept.levels, ...kept.dues].every((r) => r.n > 0)).toBe(true);
    await checkEndpoints("6531");
    await checkEndpoints("653121");
  });

  it("a fold that crashes before commit loses and doubles nothing", async () => {
    await insertCase(db, {
      agency: agencyA,
      region: "653101",
      status: "accepted",
      due: "2026-06-01",
      level: "red",
    });
    const pending = await pendingCount();
    expect(pending).toBeGreaterThan(0);
    const counts = await folded();
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await foldOpenCaseCounts(trx, 1000)).toBe(pending);
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect(await pendingCount()).toBe(pending);
    expect(await folded()).toEqual(counts);
    expect(await foldOpenCounts(db)).toBe(pending);
    expect(await folded()).toEqual(await scratch());
  });

  it("is exact with concurrent writers and folds (real concurrency on PostgreSQL)", async () => {
    const writer = async (w: number) => {
      for (let i = 0; i < 6; i++)
        await db.transaction().execute(async (trx) => {
          const id = await insertCase(trx, {
            agency: w % 2 === 0 ? agencyA : agencyB,
            region: "653101",
            status: "submitted",
            due: null,
            level: "normal",
          });
          await sql`update cases set status = 'accepted', promised_due = '2026-06-10' where id = ${id}`.execute(
            trx,
          );
          if ((w + i) % 3 === 0)
            await sql`update cases set warning_level = 'red' where id = ${id}`.execute(trx);
        });
    };
    let writing = true;
    const folder = async () => {
      while (writing) await db.transaction().execute((trx) => foldOpenCaseCounts(trx, 5));
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
      const target = caseIds.at(-1) as string;
      const late = db.transaction().execute(async (trx) => {
        await sql`update cases set status = 'approved' where id = ${target}`.execute(trx);
        updated();
        await held;
      });
      await didUpdate;
      await foldOpenCounts(db, 1000);
      release();
      await late;
      expect(await pendingCount()).toBeGreaterThan(0);
      expect(await live()).toEqual(await scratch());
    }
    await foldOpenCounts(db);
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(await scratch());
    await checkEndpoints("6531");
  });

  it("the warning sweep job folds the level changes it made (no pending rows left for the board)", async () => {
    await foldOpenCounts(db);
    // accepted on 04-20 with 5 working days: overdue, so red, whatever it shows now
    const id = await insertCase(db, {
      agency: agencyA,
      region: "653101",
      status: "accepted",
      due: "2026-04-27",
      level: "normal",
    });
    expect(await pendingCount()).toBe(1);
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    await warningSweepJob.handler({}, { db, jobId: 0, attempt: 1, log, now: () => now });
    const level = await sql<{
      warning_level: string;
    }>`select warning_level from cases where id = ${id}`.execute(db);
    expect(level.rows[0]?.warning_level).toBe("red");
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(await scratch());
    await checkEndpoints("6531");
  });

  it("a rebuild from the cases equals the incrementally maintained counts (audited)", async () => {
    await insertCase(db, {
      agency: agencyB,
      region: "653121",
      status: "under_review",
      due: "2026-06-02",
      level: "yellow",
    });
    const incremental = await live();
    expect(await rebuildOpenCounts(db, now)).toBe(incremental.levels.length + incremental.dues.length);
    expect(await pendingCount()).toBe(0);
    expect(await folded()).toEqual(incremental);
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_events
      where action = 'statistics.rebuild' and entity_type = 'open_case_counts'`.execute(db);
    expect(audit.rows[0]?.n).toBe(1);
    await checkEndpoints("6531");
  });
});
