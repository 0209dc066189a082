import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { DEMO_CITIZENS, DEMO_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { applicationFor, seedWithOneGuide } from "../helpers/fixtures.js";
import { createProcessDatabase, loginToken, startServer, type ProcessDatabase } from "../helpers/server.js";

/**
 * Crash safety: the server is killed with SIGKILL during sustained intake, CRASH_CYCLES times
 * (default 5) on the database of this run (PGlite without DATABASE_URL, PostgreSQL with it). After
 * each restart every acknowledged application is there exactly once, re-sending every key (answered
 * or in flight) creates no duplicate, and at the end the audit chain verifies.
 * CRASH_CYCLES / CRASH_INTAKE_MS make the long version (`npm run test:crash:long`).
 */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 5);
const INTAKE_MS = Number(process.env.CRASH_INTAKE_MS ?? 1200);
const WRITERS = 6;
const PORT = 3400 + Math.floor(Math.random() * 40);

let pdb: ProcessDatabase | undefined;
afterAll(async () => {
  await pdb?.drop();
});

interface Submission {
  key: string;
  id?: string;
}

async function submit(base: string, token: string, guideCode: string, key: string) {
  const res = await fetch(`${base}/api/v1/cases`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": key },
    body: JSON.stringify(applicationFor(guideCode)),
  });
  return { status: res.status, body: (await res.json()) as { id?: string } };
}

describe(`crash safety under intake (kill -9 × ${CYCLES})`, () => {
  it("keeps every acknowledged application exactly once, idempotent retries, a verifying audit chain and a clean start", async () => {
    pdb = await createProcessDatabase("crash");
    const setup = await pdb.open();
    const { guideCode } = await seedWithOneGuide({ db: setup.db, secrets: pdb.secrets });
    await setup.close();

    const acknowledged = new Map<string, string>();
    const sent: Submission[] = [];
    let server = await startServer(pdb.env, PORT);
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const token = await loginToken(server.base, DEMO_CITIZENS[0].idNumber, DEMO_PASSWORD);
      const stopAt = Date.now() + INTAKE_MS;
      let killed = false;
      const writers = Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; !killed; i++) {
          const s: Submission = { key: `crash-${cycle}-${w}-${i}-${"k".repeat(8)}` };
          sent.push(s);
          try {
            const r = await submit(server.base, token, guideCode, s.key);
            if (r.status === 201 || r.status === 200) {
              s.id = r.body.id;
              acknowledged.set(s.key, r.body.id ?? "");
            } else expect.fail(`intake answered ${r.status}: ${JSON.stringify(r.body)}`);
          } catch (err) {
            if (!killed) throw err;
            return; // connection cut by the kill: this one is "in flight"
          }
          if (Date.now() > stopAt && !killed) {
            killed = true;
            await server.kill9();
          }
        }
      });
      await Promise.all(writers);
      expect(acknowledged.size).toBeGreaterThan(0);

      // Starts cleanly after the kill (stale PGlite lock, WAL recovery, migrations already applied).
      server = await startServer(pdb.env, PORT);
      const retryToken = await loginToken(server.base, DEMO_CITIZENS[0].idNumber, DEMO_PASSWORD);
      for (const s of sent.filter((x) => x.key.startsWith(`crash-${cycle}-`))) {
        const r = await submit(server.base, retryToken, guideCode, s.key);
        expect([200, 201], `retry ${s.key}: ${r.status}`).toContain(r.status);
        const before = acknowledged.get(s.key);
        if (before !== undefined) {
          expect(r.status, `an acknowledged key must return the same case`).toBe(200);
          expect(r.body.id).toBe(before);
        } else acknowledged.set(s.key, r.body.id ?? "");
      }
    }
    expect(await server.stop()).toBe(0);

    const db = await pdb.open();
    try {
      const rows = await sql<{ key: string; n: number; id: string }>`
        select idempotency_key as key, count(*)::int as n, min(id::text) as id
        from cases where idempotency_key like 'crash-%' group by idempotency_key
      `.execute(db.db);
      const byKey = new Map(rows.rows.map((r) => [r.key, r]));
      for (const [key, id] of acknowledged) {
        expect(byKey.get(key)?.n, `case for ${key}`).toBe(1);
        expect(byKey.get(key)?.id).toBe(id);
      }
      expect(rows.rows.every((r) => r.n === 1)).toBe(true);
      expect(rows.rows.length).toBe(acknowledged.size);
      const numbers = await sql<{ dup: number }>`
        select count(*)::int - count(distinct case_number)::int as dup from cases
      `.execute(db.db);
      expect(numbers.rows[0]?.dup).toBe(0);
      const chain = await verifyAuditChain(db.db);
      expect(chain.isValid, JSON.stringify(chain)).toBe(true);
      console.log(
        `crash (${pdb.kind}): ${CYCLES} kills, ${acknowledged.size} applications, ${sent.length} submissions, audit chain of ${JSON.stringify(chain)}`,
      );
    } finally {
      await db.close();
    }
  }, 600_000);
});
