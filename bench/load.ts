/**
 * Load benchmark (SPEC §15): ours vs. a ceiling in the same Fastify process, on loopback.
 *
 *   npm run bench:load                      # PGlite (in-memory), 10 s per phase
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:load
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=50 …
 *
 * Phases: guide read (GET /api/v1/guides/{code}) vs. a bare handler returning the same body as a
 * constant; application intake (POST /api/v1/cases) vs. a bare handler inserting the same row; and
 * the realistic mix (guide reads 70 %, searches 15 %, applications 10 %, staff actions 5 %).
 * Prints requests/s, p50/p99 and ours/ceiling.
 */
import { randomBytes, randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/config.js";
import { openDatabase, type DatabaseHandle } from "../src/server/db/db.js";
import { migrate } from "../src/server/db/migrate.js";
import { intakeBatchStats } from "../src/server/modules/cases/case-intake-writer.js";
import { DEMO_CITIZENS, DEMO_PASSWORD } from "../src/server/seed/demo-seed.js";
import { createSecrets, randomMasterKey } from "../src/server/security/secrets.js";
import { applicationFor, seedWithOneGuide } from "../test/helpers/fixtures.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3450);
const baseUrl = process.env.BENCH_DATABASE_URL;
/** Load-generator threads (autocannon workers); 0 runs it on the server's own event loop. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
/** Phases to run (comma-separated: guide, intake, mix); all by default. */
const ONLY = new Set((process.env.BENCH_ONLY ?? "guide,intake,mix").split(","));

async function openBenchDatabase(): Promise<{
  handle: DatabaseHandle;
  label: string;
  drop: () => Promise<void>;
}> {
  if (baseUrl === undefined || baseUrl === "") {
    const handle = await openDatabase({ kind: "pglite-memory" });
    await migrate(handle.db);
    return { handle, label: "PGlite (in-memory)", drop: async () => {} };
  }
  const name = `tongban_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString(), poolMax: 20 });
  await migrate(handle.db);
  return {
    handle,
    label: "PostgreSQL 15 (127.0.0.1:5432)",
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(title: string, opts: autocannon.Options): Promise<Result> {
  const r = await autocannon({
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(WORKERS > 0 ? { workers: WORKERS } : {}),
    ...opts,
  });
  const out = {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
  console.log(
    `  ${title.padEnd(34)} ${out.rps.toFixed(0).padStart(7)} req/s   p50 ${String(out.p50).padStart(4)} ms   p99 ${String(out.p99).padStart(4)} ms   non-2xx ${out.non2xx}   errors ${out.errors}`,
  );
  return out;
}

function ratio(name: string, ours: Result, ceiling: Result, target: string): void {
  const pct = (100 * ours.rps) / ceiling.rps;
  console.log(
    `  → ${name}: ours/ceiling = ${pct.toFixed(1)} % (target ${target}); p99 ours ${ours.p99} ms, ceiling ${ceiling.p99} ms`,
  );
}

/** A seeded server on loopback with the bench routes; used by load.ts and soak.ts. */
export async function startBenchServer() {
  const { handle, label, drop } = await openBenchDatabase();
  const secrets = createSecrets(randomMasterKey());
  const { guideCode } = await seedWithOneGuide({ db: handle.db, secrets });
  const config = loadConfig({ DATA_DIR: "/nonexistent", PORT: String(PORT), LOG_LEVEL: "silent" }, []);
  let guideBody = "";
  let template: Record<string, unknown> = {};
  const app = await buildApp({
    config,
    database: handle,
    secrets,
    logLevel: "silent",
  });
  // The ceilings: bare handlers in the same process, no validation, access, audit or serialisation schema.
  app.get("/bench/ceiling/guide", async (_req, reply) => reply.type("application/json").send(guideBody));
  app.post("/bench/ceiling/intake", async (_req, reply) => {
    const row = { ...template, id: randomUUID(), case_number: `B-${randomUUID()}`, idempotency_key: null };
    await handle.db
      .insertInto("cases")
      .values(row as never)
      .execute();
    return reply.status(201).send({ id: row.id });
  });
  await app.listen({ port: PORT, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${PORT}`;

  guideBody = await (await fetch(`${base}/api/v1/guides/${guideCode}`)).text();
  const login = async (identifier: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": randomUUID() },
      body: JSON.stringify({ identifier, password: DEMO_PASSWORD, mode: "token" }),
    });
    return `Bearer ${((await res.json()) as { token: string }).token}`;
  };
  const citizen = await login(DEMO_CITIZENS[0].idNumber);
  const reviewer = await login("kashgar.samr.reviewer");
  const application = JSON.stringify(applicationFor(guideCode));
  const first = await fetch(`${base}/api/v1/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: citizen },
    body: application,
  });
  const firstId = ((await first.json()) as { id: string }).id;
  const t = await sql<Record<string, unknown>>`select * from cases where id = ${firstId}`.execute(handle.db);
  template = t.rows[0] ?? {};
  const mixCycle: autocannon.Request[] = [];
  for (let i = 0; i < 20; i++) {
    if (i < 14) mixCycle.push({ method: "GET", path: `/api/v1/guides/${guideCode}` });
    else if (i < 17)
      mixCycle.push({ method: "GET", path: `/api/v1/guides?q=${encodeURIComponent("经营许可")}` });
    else if (i < 19)
      mixCycle.push({
        method: "POST",
        path: "/api/v1/cases",
        headers: { "content-type": "application/json", authorization: citizen },
        body: application,
      });
    else
      mixCycle.push({
        method: "GET",
        path: "/api/v1/cases?status=submitted",
        headers: { authorization: reviewer },
      });
  }
  return {
    app,
    base,
    label,
    guideCode,
    citizen,
    application,
    mixCycle,
    db: handle.db,
    close: async () => {
      await app.close();
      await handle.close();
      await drop();
    },
  };
}

async function main(): Promise<void> {
  const server = await startBenchServer();
  const { base, label, mixCycle } = server;
  console.log(
    `\nTongban load benchmark — ${label}, ${CONNECTIONS} connections, ${SECONDS} s per phase, load generator in ${WORKERS > 0 ? `${WORKERS} worker thread(s)` : "the server's thread"}, Node ${process.version}`,
  );
  if (ONLY.has("guide")) await guidePhase(server);
  if (ONLY.has("intake")) await intakePhase(server);
  if (ONLY.has("mix")) {
    // The intake phase has just added ~20,000 cases to a new database: refresh the planner's
    // statistics as autovacuum would within its minute, so that the mix meets the steady state.
    await sql`analyze`.execute(server.db);
    console.log("realistic mix (70 % guide reads, 15 % searches, 10 % applications, 5 % staff actions)");
    await run("mix", { url: base, requests: mixCycle });
  }
  const mem = process.memoryUsage();
  console.log(
    `process rss ${(mem.rss / 1048576).toFixed(0)} MiB, heap ${(mem.heapUsed / 1048576).toFixed(0)} MiB`,
  );
  await server.close();
}

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

async function guidePhase({ base, guideCode }: BenchServer): Promise<void> {
  console.log("guide read");
  const guideCeiling = await run("ceiling: constant body", { url: `${base}/bench/ceiling/guide` });
  const guideOurs = await run("ours: GET /api/v1/guides/{code}", {
    url: `${base}/api/v1/guides/${guideCode}`,
  });
  ratio("guide read", guideOurs, guideCeiling, "≥ 50 %");
}

async function intakePhase(server: BenchServer): Promise<void> {
  const { base, citizen, application } = server;
  console.log("application intake");
  const intakeCeiling = await run("ceiling: bare insert of the row", {
    url: `${base}/bench/ceiling/intake`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: application,
  });
  const intakeOurs = await run("ours: POST /api/v1/cases", {
    url: `${base}/api/v1/cases`,
    method: "POST",
    headers: { "content-type": "application/json", authorization: citizen },
    body: application,
  });
  ratio("intake", intakeOurs, intakeCeiling, "≥ 50 %, p99 ≤ 50 ms on PostgreSQL");
  const batches = intakeBatchStats(server.db);
  console.log(
    `  group commit: ${batches.items} applications in ${batches.batches} transactions (${(batches.items / Math.max(1, batches.batches)).toFixed(1)} per transaction, largest ${batches.largest})`,
  );
}

if (process.argv[1]?.endsWith("load.ts"))
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
