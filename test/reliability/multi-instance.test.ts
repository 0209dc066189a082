import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { enqueueJob } from "../../src/server/jobs/jobs.service.js";
import { buildJobRegistry, warningSweepJob } from "../../src/server/jobs/jobs.js";
import { createSecrets, randomMasterKey } from "../../src/server/security/secrets.js";
import { DEMO_CITIZENS, DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { isPostgresRun } from "../helpers/db.js";
import { applicationFor, seedWithOneGuide } from "../helpers/fixtures.js";
import {
  createProcessDatabase,
  loginToken,
  startServer,
  type ProcessDatabase,
  type ServerProcess,
} from "../helpers/server.js";

/**
 * Two web instances and two job workers (a worker process and an `all` instance) against one
 * PostgreSQL on loopback. PGlite is single-process by design (its folder is locked), so this runs in
 * the PostgreSQL pass of `npm test` only.
 */
const PORT_A = 3460 + Math.floor(Math.random() * 10);
const PORT_B = PORT_A + 10;
let pdb: ProcessDatabase | undefined;
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  await pdb?.drop();
});

describe.skipIf(!isPostgresRun())("multi-instance on one PostgreSQL", () => {
  it("sessions work on either instance, case numbers never collide, jobs run exactly once", async () => {
    pdb = await createProcessDatabase("multi");
    const setup = await pdb.open();
    const { guideCode } = await seedWithOneGuide({ db: setup.db, secrets: pdb.secrets });

    const a = await startServer(pdb.env, PORT_A, "web");
    servers.push(a);
    const b = await startServer(pdb.env, PORT_B, "all");
    servers.push(b);
    servers.push(await startServer(pdb.env, 0, "worker"));

    // A bearer session made on A is valid on B; a cookie session (with its CSRF token) too.
    const token = await loginToken(a.base, DEMO_CITIZENS[0].idNumber, DEMO_PASSWORD);
    const me = await fetch(`${b.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const cookieLogin = await fetch(`${b.base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ identifier: DEMO_CITIZENS[1].idNumber, password: DEMO_PASSWORD }),
    });
    const cookie = /tb_session=[^;]+/.exec(cookieLogin.headers.get("set-cookie") ?? "")?.[0] ?? "";
    const csrf = ((await cookieLogin.json()) as { csrfToken: string }).csrfToken;
    const viaA = await fetch(`${a.base}/api/v1/cases`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
      body: JSON.stringify(applicationFor(guideCode)),
    });
    expect(viaA.status, await viaA.clone().text()).toBe(201);
    const logout = await fetch(`${a.base}/api/v1/auth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      body: "{}",
    });
    expect(logout.status).toBeLessThan(300);
    expect((await fetch(`${b.base}/api/v1/me`, { headers: { cookie } })).status).toBe(401);

    // Concurrent applications spread over both instances: unique case numbers.
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await fetch(`${(i % 2 === 0 ? a : b).base}/api/v1/cases`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(applicationFor(guideCode)),
        });
        return { status: res.status, body: (await res.json()) as { caseNumber: string } };
      }),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    expect(new Set(results.map((r) => r.body.caseNumber)).size).toBe(40);
    // Both instances append audit records (their batch writers keep chain heads in memory, and
    // may pick the same chain): every case is audited once, in chains that verify.
    const audited = await sql<{ cases: number; submits: number }>`
      select (select count(*)::int from cases) as cases,
             (select count(*)::int from audit_events where action = 'case.submit') as submits
    `.execute(setup.db);
    expect(audited.rows[0]?.submits).toBe(audited.rows[0]?.cases);
    expect((await verifyAuditChain(setup.db)).isValid).toBe(true);

    // Jobs: 60 enqueued at once, two workers competing: each runs exactly once.
    const registry = buildJobRegistry({
      secrets: createSecrets(randomMasterKey()),
      publicBaseUrl: "http://127.0.0.1",
    });
    for (let i = 0; i < 60; i++)
      await enqueueJob(setup.db, registry, warningSweepJob.name, {}, { idempotencyKey: `multi-${i}` });
    // A duplicate key is not a second job.
    expect(
      (await enqueueJob(setup.db, registry, warningSweepJob.name, {}, { idempotencyKey: "multi-0" }))
        .isDuplicate,
    ).toBe(true);
    const deadline = Date.now() + 60_000;
    let rows: { status: string; attempts: number }[] = [];
    for (;;) {
      rows = (
        await sql<{ status: string; attempts: number }>`
          select status, attempts from jobs where idempotency_key like 'multi-%'
        `.execute(setup.db)
      ).rows;
      if (rows.every((r) => r.status === "succeeded") || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(
      rows.filter((r) => r.attempts !== 1),
      "a job claimed more than once",
    ).toEqual([]);
    const dup = await sql<{ n: number }>`
      select count(*)::int - count(distinct case_number)::int as n from cases
    `.execute(setup.db);
    expect(dup.rows[0]?.n).toBe(0);
    await setup.close();
  }, 300_000);
});
