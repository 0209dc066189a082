/**
 * Scale benchmark (SPEC §15): Xinjiang-scale data generated with SQL (generate_series) into a
 * dedicated database on PostgreSQL, then the role lists, the supervision board and the warning
 * (overdue) sweep measured at that size, each beside a baseline measured in the same run.
 *
 *   npm run bench:scale                       # full size: 1 M guides, 10 M cases, 30 M audit events
 *   SCALE=0.1 npm run bench:scale             # a tenth of it
 *   SCALE_KEEP=1 …                            # keep the database (tongban_scale) for EXPLAIN ANALYZE
 *
 * The generated audit events are filler (their hashes do not chain); the database is dropped at the end.
 */
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import { openDatabase } from "../src/server/db/db.js";
import { migrate } from "../src/server/db/migrate.js";
import { refreshWarnings } from "../src/server/modules/cases/case-actions.service.js";
import { foldOpenCounts } from "../src/server/modules/monitoring/monitoring.service.js";
// eslint-disable-next-line no-restricted-imports -- the bench rebuilds the aggregates after its bulk load
import {
  rebuildCaseStatistics,
  rebuildOpenCaseCounts,
} from "../src/server/modules/monitoring/monitoring.queries.js";
import { DEMO_CITIZENS, DEMO_PASSWORD } from "../src/server/seed/demo-seed.js";
import { createSecrets } from "../src/server/security/secrets.js";
import { applicationFor, seedWithOneGuide } from "../test/helpers/fixtures.js";

const SCALE = Number(process.env.SCALE ?? 1);
const N_GUIDES = Math.round(1_000_000 * SCALE);
const N_CASES = Math.round(10_000_000 * SCALE);
const N_AUDIT = Math.round(30_000_000 * SCALE);
const N_APPLICANTS = Math.round(2_000_000 * SCALE);
const SAMPLES = Number(process.env.SCALE_SAMPLES ?? 40);
const STATS_SAMPLES = Number(process.env.SCALE_STATS_SAMPLES ?? 5);
const ADMIN_URL = process.env.SCALE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NAME = process.env.SCALE_DB_NAME ?? "tongban_scale";

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(text);
  await c.end();
}

const t0 = Date.now();
const step = (what: string) =>
  console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${what}`);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

const REUSE = process.env.SCALE_REUSE === "1";

async function main(): Promise<void> {
  if (!REUSE) {
    await admin(`drop database if exists ${NAME} with (force)`);
    await admin(`create database ${NAME}`);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${NAME}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString(), poolMax: 10 });
  const db = handle.db;
  try {
    await migrate(db);
    step("migrated (a database from an older version gets its statistics aggregates built here)");
    const secrets = createSecrets(process.env.SCALE_MASTER_KEY ?? "5ca1e".padEnd(64, "0"));
    const { guideCode } = REUSE ? { guideCode: "" } : await seedWithOneGuide({ db, secrets });
    const config = loadConfig({ DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" }, []);
    const app = await buildApp({ config, database: handle, secrets, logLevel: "silent" });
    await app.ready();
    const login = async (identifier: string) => {
      const r = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { identifier, password: DEMO_PASSWORD, mode: "token" },
      });
      return { authorization: `Bearer ${r.json<{ token: string }>().token}` };
    };
    const citizen = await login(DEMO_CITIZENS[0].idNumber);
    if (!REUSE) await generate();
    async function generate() {
      const tpl = await app.inject({
        method: "POST",
        url: "/api/v1/cases",
        headers: citizen,
        payload: applicationFor(guideCode),
      });
      const tplId = tpl.json<{ id: string }>().id;
      step(
        `seeded; generating ${N_GUIDES} guides, ${N_APPLICANTS} applicants, ${N_CASES} cases, ${N_AUDIT} audit events (SCALE=${SCALE})`,
      );

      await sql`
      insert into catalog_entries (layer, code, basic_code, agency_id, region_code, line_code, exercise_level, name, item_type, tags, status, current_version_id)
      select 'guide', 'SG' || lpad(g::text, 29, '0'), e.basic_code, ag.ids[1 + g % ag.n], ag.rc[1 + g % ag.n],
             e.line_code, e.exercise_level, e.name || '·' || g, e.item_type, e.tags, 'active', e.current_version_id
      from generate_series(1, ${N_GUIDES}::int) g
      cross join (select * from catalog_entries where layer = 'guide' and code = ${guideCode.slice(0, 31)}) e
      cross join (select array_agg(id order by id) ids, array_agg(region_code order by id) rc, count(*)::int n from agencies) ag
    `.execute(db);
      step("guides");
      await sql`
      insert into users (id, kind, display_name, id_number_enc, id_number_bidx, password_hash)
      select gen_random_uuid(), 'person', u.display_name, u.id_number_enc, md5('scale' || g), u.password_hash
      from generate_series(1, ${N_APPLICANTS}::int) g
      cross join (select * from users where kind = 'person' order by created_at limit 1) u
    `.execute(db);
      step("applicants");
      // Cases over four years up to today; those of the last 30 days are still running. The statistics
      // and open-count triggers are off for the bulk load; the aggregates and the open-case counts are
      // rebuilt from scratch afterwards.
      await sql`alter table cases disable trigger cases_stats_insert`.execute(db);
      await sql`alter table cases disable trigger cases_open_insert`.execute(db);
      await sql`
      with ag as (select array_agg(id order by id) ids, array_agg(region_code order by id) rc, count(*)::int n
                  from agencies where region_code like '6531%'),
           us as (select array_agg(id) ids, count(*)::int n from users where kind = 'person'),
           t as (select * from cases where id = ${tplId}::uuid)
      insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
                         handling_region_code, receiving_region_code, applicant_id, channel, status, case_kind,
                         form_data_enc, submitted_at, accepted_on, legal_limit_days, promised_limit_days,
                         legal_due, promised_due, warning_level, decision, decided_at, lock_version)
      select gen_random_uuid(), 'S-' || g, t.guide_entry_id, t.guide_version_id, t.guide_code, t.item_name,
             ag.ids[1 + g % ag.n], ag.rc[1 + g % ag.n], ag.rc[1 + g % ag.n], us.ids[1 + ((g::bigint * 7919) % us.n)::int],
             (array['online','window','kiosk','assisted'])[1 + g % 4],
             case when x.ts > now() - interval '30 days' then (array['submitted','accepted','under_review','accepted'])[1 + g % 4]
                  else (array['delivered','approved','denied','delivered','withdrawn','not_accepted'])[1 + g % 6] end,
             '2', t.form_data_enc, x.ts, (x.ts + interval '1 day')::date, 20, 10,
             (x.ts + interval '28 days')::date, (x.ts + interval '14 days')::date, 'normal',
             null, null, 0
      from generate_series(1, ${N_CASES}::int) g
      cross join ag cross join us cross join t
      cross join lateral (select now() - interval '4 years' + (g::double precision / ${N_CASES}) * interval '4 years' as ts) x
    `.execute(db);
      await sql`alter table cases enable trigger cases_stats_insert`.execute(db);
      await sql`alter table cases enable trigger cases_open_insert`.execute(db);
      step("cases");
      const aggregates = await rebuildCaseStatistics(db);
      step(`statistics aggregates rebuilt from scratch (${aggregates} rows)`);
      const openCounts = await rebuildOpenCaseCounts(db);
      step(`open-case counts rebuilt from scratch (${openCounts} rows)`);
      await sql`
      insert into audit_events (seq, occurred_at, actor_kind, actor_id, action, entity_type, entity_id, prev_hash, hash)
      select h.seq + g, now() - interval '4 years' + (g::double precision / ${N_AUDIT}) * interval '4 years', 'user', null,
             (array['case.apply','case.accept','case.decide'])[1 + g % 3], 'case', md5(g::text), md5((g - 1)::text), md5(g::text)
      from generate_series(1, ${N_AUDIT}::int) g cross join audit_chain_head h
    `.execute(db);
      // Filler events (chain 0, migration 0013): move the global sequence and chain 0's head past them so
      // that new events do not collide (the chain is not valid here). audit_chain_head is a view since 0013.
      await sql`select setval('audit_events_seq', (select max(seq) from audit_events))`.execute(db);
      await sql`update audit_chains set seq = (select max(coalesce(chain_seq, seq)) from audit_events where chain = 0)
                where chain = 0`.execute(db);
      step("audit events");
      await sql`vacuum analyze`.execute(db);
      step("vacuum analyze");
    }
    // What the job monitoring.fold_statistics does every minute (a kept database may hold the
    // previous run's sweep as pending changes).
    const pendingOpen = await foldOpenCounts(db);
    // What autovacuum does after a large fold (0017 sets its threshold to 1,000 dead rows); a server
    // may run the bench with autovacuum off.
    await sql`vacuum case_open_pending`.execute(db);
    step(`open-case counts: ${pendingOpen} pending changes folded, the pending log vacuumed`);
    const sizes = await sql<{ name: string; size: string }>`
      select relname as name, pg_size_pretty(pg_total_relation_size(relid)) as size
      from pg_statio_user_tables where relname in ('cases', 'audit_events', 'catalog_entries', 'users') order by relname
    `.execute(db);
    console.log(`sizes: ${sizes.rows.map((r) => `${r.name} ${r.size}`).join(", ")}`);

    const who: [string, Record<string, string>][] = [
      ["applicant (own cases)", citizen],
      ["reviewer (agency)", await login("kashgar.samr.reviewer")],
      ["window clerk (county)", await login("kashi.clerk")],
      ["supervisor (prefecture)", await login("kashgar.supervisor")],
      ["platform admin (region 65)", await login("xj.admin")],
    ];
    const measure = async (
      label: string,
      url: string,
      headers: Record<string, string>,
      samples = SAMPLES,
    ) => {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < samples; i++) {
        const s = performance.now();
        const r = await app.inject({ method: "GET", url, headers });
        times.push(performance.now() - s);
        status = r.statusCode;
      }
      console.log(
        `  ${label.padEnd(44)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p99 ${pct(times, 99).toFixed(1).padStart(7)} ms   (HTTP ${status})`,
      );
    };
    console.log(`\nmeasured at ${N_CASES} cases (${SAMPLES} sequential requests each, in-process inject)`);
    await measure("baseline: GET /healthz", "/healthz", {});
    await measure("baseline: GET /api/v1/me", "/api/v1/me", citizen);
    console.log("role lists: GET /api/v1/cases (target p99 ≤ 50 ms)");
    for (const [label, h] of who) await measure(label, "/api/v1/cases", h);
    for (const [label, h] of who.slice(1, 3))
      await measure(`${label}, red warnings`, "/api/v1/cases?warning=red", h);
    console.log("supervision board");
    await measure("supervisor, region 6531", "/api/v1/supervision/board?region=6531", who[3]?.[1] ?? {});
    await measure("platform admin, region 65", "/api/v1/supervision/board?region=65", who[4]?.[1] ?? {});
    console.log("overdue tables and lists (target p99 ≤ 50 ms for the lists)");
    await measure(
      "overdue by agency, 6531",
      "/api/v1/supervision/overdue?region=6531&by=agency",
      who[3]?.[1] ?? {},
    );
    await measure(
      "overdue by region, 65",
      "/api/v1/supervision/overdue?region=65&by=region",
      who[4]?.[1] ?? {},
    );
    await measure(
      "overdue cases list, 6531, page 1",
      "/api/v1/supervision/overdue/items?region=6531&kind=cases&pageSize=20",
      who[3]?.[1] ?? {},
    );
    await measure(
      "overdue cases list, 6531, page 50",
      "/api/v1/supervision/overdue/items?region=6531&kind=cases&page=50&pageSize=20",
      who[3]?.[1] ?? {},
    );
    console.log("statistics and rankings (a region over a year; the whole four years)");
    const year = new Date().getUTCFullYear() - 1;
    const sup = who[3]?.[1] ?? {};
    const adm = who[4]?.[1] ?? {};
    await measure(
      "statistics 6531, last year, by agency",
      `/api/v1/statistics?region=6531&from=${year}-01-01&to=${year}-12-31&groupBy=agency`,
      sup,
      STATS_SAMPLES,
    );
    await measure(
      "statistics 65, last year, by region",
      `/api/v1/statistics?region=65&from=${year}-01-01&to=${year}-12-31&groupBy=region`,
      adm,
      STATS_SAMPLES,
    );
    await measure(
      "statistics 65, four years, by item",
      `/api/v1/statistics?region=65&from=${year - 3}-01-01&to=${year + 1}-12-31&groupBy=item`,
      adm,
      STATS_SAMPLES,
    );
    await measure(
      "rankings 6531, last year, agencies",
      `/api/v1/rankings?region=6531&from=${year}-01-01&to=${year}-12-31&by=agency`,
      sup,
      STATS_SAMPLES,
    );
    await measure(
      "rankings 65, last year, regions",
      `/api/v1/rankings?region=65&from=${year}-01-01&to=${year}-12-31&by=region`,
      adm,
      STATS_SAMPLES,
    );

    const running = await sql<{ n: number }>`
      select count(*)::int n from cases where status in ('accepted','under_review') and promised_due is not null
    `.execute(db);
    const n = running.rows[0]?.n ?? 0;
    const s = performance.now();
    const changed = await refreshWarnings(db, new Date(), 1000);
    const ms = performance.now() - s;
    const batches = Math.max(1, Math.ceil(n / 1000));
    console.log(
      `warning sweep: ${n} running cases, ${batches} batches of 1,000, ${changed} levels changed, ${ms.toFixed(0)} ms total → ${(ms / batches).toFixed(1)} ms per batch (target ≤ 1,000 ms)`,
    );
    const f0 = performance.now();
    const foldedAfterSweep = await foldOpenCounts(db);
    console.log(
      `open-case counts fold after the sweep (the sweep job does it): ${foldedAfterSweep} pending changes, ${(performance.now() - f0).toFixed(0)} ms`,
    );
    await app.close();
  } finally {
    await handle.close();
    if (process.env.SCALE_KEEP !== "1") await admin(`drop database if exists ${NAME} with (force)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
