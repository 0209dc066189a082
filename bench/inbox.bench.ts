/**
 * The staff inbox (GET /api/v1/cases/inbox, ordered by due date, keyset cursor) at N cases of one
 * agency: the time of the first page, a page in the middle and the last page, through HTTP (app.inject:
 * routing, the query, serialisation) as 喀什地区市场监管局's reviewer, and the plan of the first page.
 * Prints figures; asserts nothing about time.
 *
 *   npx tsx bench/inbox.bench.ts [cases=10000] [pageSize=100]            (PGlite)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/inbox.bench.ts 100000
 *
 * The expression index that matches the inbox order is migration 0015 (cases_inbox_agency_idx);
 * INBOX_INDEX=0 drops it first, to compare the plan and times without it.
 */
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { seedDemo, DEMO_PASSWORD } from "../src/server/seed/demo-seed.js";
import { seedDemoCases } from "../src/server/seed/demo-cases.js";
import { createTestApp } from "../test/helpers/app.js";

const n = Number(process.argv[2] ?? 10_000);
const pageSize = Number(process.argv[3] ?? 100);
const RUNS = 15;

const t = await createTestApp();
try {
  const deps = { db: t.database.db, secrets: t.secrets };
  await seedDemo(deps, undefined, { withCatalog: true });
  await seedDemoCases(deps);
  const template = await t.database.db
    .selectFrom("cases")
    .innerJoin("agencies", "agencies.id", "cases.agency_id")
    .select(["cases.id", "cases.agency_id"])
    .where("agencies.name", "=", "喀什地区市场监督管理局")
    .executeTakeFirstOrThrow();
  const started = performance.now();
  for (let done = 0; done < n; done += 50_000) {
    const upto = Math.min(n, done + 50_000);
    await sql`
      insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
        handling_region_code, receiving_region_code, applicant_id, channel, received_by, status, case_kind,
        form_data_enc, submitted_at, accepted_on, legal_limit_days, promised_limit_days, promised_due, warning_level)
      select gen_random_uuid(), c.case_number || '-B' || g, c.guide_entry_id, c.guide_version_id, c.guide_code,
        c.item_name, c.agency_id, c.handling_region_code, c.receiving_region_code, c.applicant_id, c.channel,
        c.received_by,
        case g % 10 when 0 then 'submitted' when 1 then 'delivered' when 2 then 'approved' when 3 then 'suspended'
          else 'under_review' end,
        c.case_kind, c.form_data_enc, c.submitted_at - (g || ' minutes')::interval,
        case when g % 10 = 0 then null else date '2026-01-05' end,
        c.legal_limit_days, c.promised_limit_days,
        case when g % 10 = 0 then null else date '2026-06-01' + ((g * 37) % 365) end,
        case when (g * 37) % 365 < 176 then 'red' else 'normal' end
      from cases c, generate_series(${done + 1}::int, ${upto}::int) g
      where c.id = ${template.id}
    `.execute(t.database.db);
  }
  if (process.env.INBOX_INDEX === "0") await sql`drop index cases_inbox_agency_idx`.execute(t.database.db);
  await sql`analyze cases`.execute(t.database.db);
  const backend = process.env.DATABASE_URL === undefined ? "PGlite" : "PostgreSQL";
  process.stdout.write(
    `${backend}${process.env.INBOX_INDEX === "0" ? " without the inbox index" : " + inbox index"}: ${n} cases inserted for agency ${template.agency_id} in ${Math.round(performance.now() - started)} ms\n`,
  );

  const login = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { identifier: "kashgar.samr.reviewer", password: DEMO_PASSWORD },
  });
  const cookie = /tb_session=([^;]+)/.exec(String(login.headers["set-cookie"]))?.[1] ?? "";
  const headers = { cookie: `tb_session=${cookie}` };
  const page = async (cursor: string | null) => {
    const url = `/api/v1/cases/inbox?limit=${pageSize}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
    const res = await t.app.inject({ method: "GET", url, headers });
    if (res.statusCode !== 200) throw new Error(res.body);
    return res.json<{ items: unknown[]; nextCursor: string | null }>();
  };

  // Walk once to collect the cursors of the middle and the last page.
  const cursors: (string | null)[] = [null];
  let walkMs = 0;
  for (let c: string | null = null; ;) {
    const t0 = performance.now();
    const r = await page(c);
    walkMs += performance.now() - t0;
    if (r.nextCursor === null) break;
    cursors.push(r.nextCursor);
    c = r.nextCursor;
  }
  process.stdout.write(
    `walked ${cursors.length} pages of ${pageSize} in ${Math.round(walkMs)} ms (${(walkMs / cursors.length).toFixed(1)} ms/page)\n`,
  );
  const pct = (xs: number[], p: number) =>
    xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
  for (const [label, cursor] of [
    ["first page", cursors[0] ?? null],
    ["middle page", cursors[Math.floor(cursors.length / 2)] ?? null],
    ["last page", cursors[cursors.length - 1] ?? null],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await page(cursor);
      times.push(performance.now() - t0);
    }
    process.stdout.write(
      `${label.padEnd(12)} p50 ${pct(times, 0.5).toFixed(1)} ms  p95 ${pct(times, 0.95).toFixed(1)} ms  (${RUNS} runs, HTTP inject)\n`,
    );
  }
  const plan = await sql<{ "QUERY PLAN": string }>`
    explain analyze select cases.id from cases
    where cases.agency_id = ${template.agency_id}
    order by (case when cases.status in ('submitted', 'accepted', 'under_review', 'suspended') then 0
        when cases.status in ('approved', 'denied') then 1 else 2 end),
      (coalesce(cases.promised_due, date '9999-12-31')), cases.id
    limit ${pageSize + 1}`.execute(t.database.db);
  process.stdout.write(
    `plan of the first page (query only):\n${plan.rows.map((r) => `  ${r["QUERY PLAN"]}`).join("\n")}\n`,
  );
} finally {
  await t.close();
}
