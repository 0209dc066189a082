/**
 * EXPLAIN (ANALYZE, BUFFERS) of the supervision board, the statistics, the ranking and the
 * notification scan on a generated dataset in a fresh PostgreSQL database (created and dropped here).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/monitoring-explain.ts [cases]
 *
 * Prints, per query, the time of its first run and of a second run under EXPLAIN ANALYZE (for the
 * notification scan the second run is the steady state: nothing new to notify), whether a
 * sequential scan of `cases` remains and which indexes serve it, with
 * the ceiling it is compared against (BOARD_CEILING_MS for the board and the scan; statistics over
 * a whole region and year read most rows by nature and are printed for the record).
 */
import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect, type CompiledQuery } from "kysely";
import pg from "pg";
import { SYSTEM } from "../src/server/actor.js";
import { openDatabase } from "../src/server/db/db.js";
import { migrate } from "../src/server/db/migrate.js";
import type { Database } from "../src/server/db/tables.js";
import { createDraft, publishAsSystem } from "../src/server/modules/catalog/catalog.service.js";
// eslint-disable-next-line no-restricted-imports -- the bench EXPLAINs the module's own queries, not copies
import {
  assessmentRanking,
  caseStatistics,
  foldCaseStatistics,
  overdueCases,
  overdueChangeRequests,
  overdueComplaints,
  overdueItems,
  overdueRectifications,
  overdueTable,
  rebuildCaseStatistics,
  warningCounts,
} from "../src/server/modules/monitoring/monitoring.queries.js";
// eslint-disable-next-line no-restricted-imports -- as above
import { scanForNotifications } from "../src/server/modules/notifications/notifications.queries.js";
import { createSecrets, randomMasterKey } from "../src/server/security/secrets.js";
import { seedDemo } from "../src/server/seed/demo-seed.js";
import { basicItem, guide } from "../test/helpers/catalog.js";

const BOARD_CEILING_MS = 200;
const n = Number(process.argv[2] ?? 1_000_000);
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `tongban_explain_${randomBytes(4).toString("hex")}`;

async function admin(text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

await admin(`create database "${name}"`);
const dbUrl = new URL(url);
dbUrl.pathname = `/${name}`;
const handle = await openDatabase({ kind: "postgres", url: dbUrl.toString(), poolMax: 2 });
const pool = new pg.Pool({ connectionString: dbUrl.toString(), max: 1 });
try {
  await migrate(handle.db);
  const now = new Date("2026-03-15T02:00:00Z");
  const deps = { db: handle.db, secrets: createSecrets(randomMasterKey()), now: () => now };
  await seedDemo(deps);
  const samr = await handle.db
    .selectFrom("agencies")
    .select("id")
    .where("region_code", "=", "6531")
    .where("line_code", "=", "market_regulation")
    .executeTakeFirstOrThrow();
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: samr.id, content: basicItem({ name: "基准事项", itemType: "20" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    {
      layer: "guide",
      agencyId: samr.id,
      basicCode: basic.entry.code,
      content: guide({ name: "基准事项", itemType: "20" }),
    },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);

  let t0 = Date.now();
  // n cases over 2025-01-01 … 2026-03-14 in every seeded county-level region (or deeper), spread over
  // all agencies; 8 % still running (a quarter of them yellow or red), 3 % not accepted.
  await pool.query(
    `
    with a as (select array_agg(id order by id) ids from agencies),
         r as (select array_agg(code order by code) codes from regions where level >= 3),
         u as (select id from users where kind = 'person' limit 1)
    insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
      handling_region_code, receiving_region_code, applicant_id, channel, status, acceptance_outcome, case_kind,
      form_data_enc, submitted_at, accepted_on, promised_limit_days, promised_due, warning_level, decided_at)
    select gen_random_uuid(), 'B' || lpad(i::text, 10, '0'), $1, $2, $3, '基准事项',
      a.ids[(1 + (i * 7919) % array_length(a.ids, 1))::int],
      r.codes[(1 + (i * 104729) % array_length(r.codes, 1))::int], r.codes[(1 + (i * 104729) % array_length(r.codes, 1))::int],
      u.id,
      (array['online', 'window', 'kiosk', 'assisted'])[(1 + i % 4)::int],
      case when i % 100 < 8 then 'accepted' when i % 100 < 11 then 'not_accepted' else 'delivered' end,
      case when i % 100 between 8 and 10 then 'not_ours' when i % 7 = 0 then 'tolerance' else 'accepted' end,
      case when i % 5 = 0 then '1' else '2' end,
      'x',
      s.at, (s.at at time zone 'Asia/Shanghai')::date, 5,
      (s.at at time zone 'Asia/Shanghai')::date + 7,
      case when i % 100 < 2 then 'red' when i % 100 < 4 then 'yellow' else 'normal' end,
      case when i % 100 >= 11 then s.at + ((i % 11) || ' days')::interval end
    from generate_series(1, $4::bigint) i
    cross join a cross join r cross join u
    cross join lateral (select timestamptz '2025-01-01 00:00+08' + ((i * 437) % (437 * 86400)) * interval '1 second' as at) s
    `,
    [g.entry.id, g.version.id, g.entry.code, n],
  );
  await pool.query(`
    insert into evaluations (case_id, rater_id, channel, level, indicators, guide_code, agency_id, region_code, created_at)
    select c.id, c.applicant_id, case when c.channel = 'online' then 'online' else 'window' end,
      1 + (abs(hashtext(c.id::text)) % 5), '{}'::jsonb, c.guide_code, c.agency_id, c.handling_region_code, c.decided_at
    from cases c where c.decided_at is not null and abs(hashtext(c.case_number)) % 3 = 0`);
  await pool.query(`
    insert into rectification_tasks (evaluation_id, agency_id, region_code, due_date, status)
    select e.id, e.agency_id, e.region_code, (e.created_at at time zone 'Asia/Shanghai')::date + 21,
      case when e.id % 10 = 0 then 'open' else 'closed' end
    from evaluations e where e.level >= 4`);
  await pool.query(`
    insert into complaints (id, number, channel, category, content, related_case_id, agency_id, region_code, status, due_date, created_at)
    select gen_random_uuid(), 'TS' || c.case_number, 'portal', 'efficiency', '基准投诉', c.id, c.agency_id,
      c.handling_region_code, case when abs(hashtext(c.case_number)) % 10 = 0 then 'dispatched' else 'closed' end,
      (c.submitted_at at time zone 'Asia/Shanghai')::date + 10, c.submitted_at
    from cases c where abs(hashtext(c.id::text)) % 200 = 0`);
  // The generator's rows went through the aggregate triggers into case_stats_pending; fold them as
  // the job would (and time a rebuild from scratch for the record).
  let folded = 0;
  for (
    let k = await foldCaseStatistics(handle.db, 100_000);
    k > 0;
    k = await foldCaseStatistics(handle.db, 100_000)
  )
    folded += k;
  const tr = Date.now();
  const rebuilt = await rebuildCaseStatistics(handle.db);
  console.log(
    `aggregates: ${folded} pending changes folded; rebuild from scratch ${rebuilt} rows in ${((Date.now() - tr) / 1000).toFixed(1)} s`,
  );
  // As autovacuum would have by then: statistics and the visibility map (index-only scans).
  await pool.query("vacuum analyze");
  const counts = await pool.query<{ t: string; n: string }>(`
    select 'cases' t, count(*) n from cases union all select 'evaluations', count(*) from evaluations
    union all select 'rectification_tasks', count(*) from rectification_tasks
    union all select 'complaints', count(*) from complaints`);
  console.log(
    `generated in ${((Date.now() - t0) / 1000).toFixed(1)} s:`,
    counts.rows.map((r) => `${r.t}=${r.n}`).join(" "),
  );

  // Compile the module's own queries (not copies) and EXPLAIN them.
  const captured: CompiledQuery[] = [];
  const capture = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === "query") captured.push(e.query);
    },
  });
  const today = "2026-03-15";
  const runs: [string, () => Promise<unknown>, boolean][] = [
    ["board: warning counts (6531)", () => warningCounts(capture, "6531"), true],
    ["board: overdue cases (6531)", () => overdueCases(capture, "6531", today, 100), true],
    ["board: overdue cases (65)", () => overdueCases(capture, "65", today, 100), true],
    ["board: overdue change requests (65)", () => overdueChangeRequests(capture, "65", today, 100), true],
    ["board: overdue rectifications (65)", () => overdueRectifications(capture, "65", today, 100), true],
    ["board: overdue complaints (65)", () => overdueComplaints(capture, "65", today, 100), true],
    [
      "overdue table by agency (6531)",
      () => overdueTable(capture, { regionRoot: "6531", today, by: "agency", childDigits: 6 }),
      true,
    ],
    [
      "overdue table by region (65)",
      () => overdueTable(capture, { regionRoot: "65", today, by: "region", childDigits: 4 }),
      true,
    ],
    [
      "overdue cases list (65), page 10",
      () => overdueItems(capture, { regionRoot: "65", today, kind: "cases", limit: 20, offset: 180 }),
      true,
    ],
    [
      "notification scan",
      () => capture.transaction().execute((trx) => scanForNotifications(trx, today, now)),
      true,
    ],
    [
      "statistics by agency, 653101, one month",
      () =>
        caseStatistics(capture, {
          regionRoot: "653101",
          from: "2026-02-01",
          to: "2026-02-28",
          groupBy: "agency",
        }),
      false,
    ],
    [
      "statistics by region, 65, one year",
      () =>
        caseStatistics(capture, {
          regionRoot: "65",
          from: "2025-01-01",
          to: "2025-12-31",
          groupBy: "region",
        }),
      false,
    ],
    [
      "ranking of agencies, 6531, one quarter",
      () =>
        assessmentRanking(capture, {
          regionRoot: "6531",
          childDigits: 6,
          from: new Date("2025-10-01T00:00:00+08:00"),
          to: new Date("2026-01-01T00:00:00+08:00"),
          fromDay: "2025-10-01",
          toDay: "2025-12-31",
          rankBy: "agency",
        }),
      false,
    ],
    [
      "ranking of prefectures, 65, one year",
      () =>
        assessmentRanking(capture, {
          regionRoot: "65",
          childDigits: 4,
          from: new Date("2025-01-01T00:00:00+08:00"),
          to: new Date("2026-01-01T00:00:00+08:00"),
          fromDay: "2025-01-01",
          toDay: "2025-12-31",
          rankBy: "region",
        }),
      false,
    ],
  ];
  for (const [label, run, isBoard] of runs) {
    captured.length = 0;
    t0 = Date.now();
    await run();
    const ms = Date.now() - t0;
    const q = captured.find((c) => !/^(begin|commit)/i.test(c.sql));
    if (q === undefined) continue;
    const plan = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.sql}`, [
      ...q.parameters,
    ]);
    const lines = plan.rows.map((r) => r["QUERY PLAN"]);
    const again = lines.find((l) => l.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
    const seqOnCases = lines.some((l) => /Seq Scan on cases/.test(l));
    const indexes = [
      ...new Set(
        lines.flatMap(
          (l) => /(?:Index|Bitmap Index) (?:Only )?Scan (?:using )?(?:on )?(\w+)/.exec(l)?.[1] ?? [],
        ),
      ),
    ];
    console.log(
      `${label.padEnd(42)} ${String(ms).padStart(6)} ms (again under EXPLAIN: ${again})${isBoard ? ` (ceiling ${BOARD_CEILING_MS} ms${ms > BOARD_CEILING_MS ? " EXCEEDED" : ""})` : ""}  seq scan on cases: ${seqOnCases ? "yes" : "no"}  indexes: ${indexes.join(", ") || "-"}`,
    );
    if (process.env.SHOW_PLANS === "true") console.log(lines.join("\n"));
  }
  await capture.destroy();
} finally {
  await pool.end().catch(() => undefined);
  await handle.close();
  await admin(`drop database if exists "${name}" with (force)`);
}
