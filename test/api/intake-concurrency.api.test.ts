import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, lockChainHead } from "../../src/server/audit/audit.queries.js";
import { AUDIT_CHAINS, linkAuditEvents, verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { intakeBatchStats } from "../../src/server/modules/cases/case-intake-writer.js";
import { takeCaseSequence } from "../../src/server/modules/cases/case-numbers.js";
import { DEMO_CITIZENS } from "../../src/server/seed/demo-seed.js";
import { parseCaseNumber } from "../../src/shared/codes/case-number.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { applicationFor, seedWithOneGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

// Intake without a lock held to the commit (case-number counter committed on its own, 32 audit
// chains): many applications at once still get unique numbers in the SPEC format, every one is
// audited in a chain that verifies, and an idempotency key still gives exactly one case.
let t: TestApp;
let guideCode = "";
const sessions = new Sessions(() => t.app, "10.13.0");

beforeAll(async () => {
  t = await createTestApp();
  ({ guideCode } = await seedWithOneGuide({ db: t.database.db, secrets: t.secrets }));
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function apply(who: string, key?: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/cases",
    headers: { ...(await sessions.as(who)), ...(key === undefined ? {} : { "idempotency-key": key }) },
    payload: applicationFor(guideCode),
  });
  return { who, status: res.statusCode, body: res.json<{ id: string; caseNumber: string }>() };
}

describe("concurrent intake", () => {
  it("gives unique numbers in the SPEC format, one case per idempotency key, and a verifying audit chain", async () => {
    const citizens = DEMO_CITIZENS.slice(0, 2).map((c) => c.idNumber);
    await Promise.all(citizens.map((c) => sessions.as(c)));
    const plain = Array.from({ length: 24 }, (_, i) => apply(citizens[i % citizens.length] ?? ""));
    // Four keys, each sent three times at once by the same applicant.
    const keyed = ["k", "l", "m", "n"].flatMap((k) =>
      Array.from({ length: 3 }, () => apply(citizens[0] ?? "", `intake-${k}-0001`)),
    );
    const before = intakeBatchStats(t.database.db);
    const results = await Promise.all([...plain, ...keyed]);
    // Group commit: applications arriving together were written together, and a batch holding a
    // key sent twice (a unique violation) was written again one by one.
    const after = intakeBatchStats(t.database.db);
    expect(after.largest).toBeGreaterThan(1);
    expect(after.batches - before.batches).toBeLessThan(36);
    expect(results.map((r) => r.status).filter((s) => s !== 201 && s !== 200)).toEqual([]);

    const created = results.filter((r) => r.status === 201);
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(24 + 4);
    expect(created.length).toBe(ids.size);
    const numbers = created.map((r) => r.body.caseNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      const p = parseCaseNumber(n);
      expect(p).toMatchObject({ channel: "O" });
      expect(n.length).toBeLessThanOrEqual(50);
    }
    // One region and day: the sequences are distinct.
    expect(new Set(numbers.map((n) => parseCaseNumber(n)?.seq)).size).toBe(numbers.length);
    // The answer to the application is the case as stored.
    for (const r of created.slice(0, 3)) {
      const stored = await t.app.inject({
        method: "GET",
        url: `/api/v1/cases/${r.body.id}`,
        headers: await sessions.as(r.who),
      });
      expect(stored.json()).toEqual(r.body);
    }

    // Exactly one case per key, and one case.submit audit record per case, in verifying chains.
    const perKey = await sql<{ key: string; n: number }>`
      select idempotency_key as key, count(*)::int as n from cases where idempotency_key is not null group by 1`.execute(
      t.database.db,
    );
    expect(perKey.rows.map((r) => [r.key, Number(r.n)]).sort()).toEqual(
      ["k", "l", "m", "n"].map((k) => [`intake-${k}-0001`, 1]),
    );
    const audited = await t.database.db
      .selectFrom("audit_events")
      .select("entity_id")
      .where("action", "=", "case.submit")
      .execute();
    expect(new Set(audited.map((a) => a.entity_id))).toEqual(ids);
    expect(audited).toHaveLength(ids.size);
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });

  it("retries a batch on another chain when another writer moved its chain's head, writing nothing twice", async () => {
    const citizen = DEMO_CITIZENS[0]?.idNumber ?? "";
    const first = await apply(citizen);
    expect(first.status).toBe(201);
    // Another instance appends to every chain the batch writer may hold, behind its back.
    for (let chain = AUDIT_CHAINS / 2; chain < AUDIT_CHAINS; chain++) {
      await t.database.db.transaction().execute(async (trx) => {
        const head = await lockChainHead(trx, chain, 1);
        if (head === undefined) throw new Error(`chain ${chain} has no head`);
        const [event] = linkAuditEvents(head, head.nextSeqs, [
          { actor: { kind: "system", id: "other-instance" }, action: "test.append", entityType: "test" },
        ]);
        if (event === undefined) throw new Error("no event linked");
        await appendAuditEvent(trx, event);
      });
    }
    const before = intakeBatchStats(t.database.db);
    const second = await apply(citizen);
    expect(second.status).toBe(201);
    expect(intakeBatchStats(t.database.db).retries).toBeGreaterThan(before.retries);
    const stored = await t.database.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("id", "=", second.body.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(1);
    const audited = await t.database.db
      .selectFrom("audit_events")
      .select("chain")
      .where("action", "=", "case.submit")
      .where("entity_id", "=", second.body.id)
      .execute();
    expect(audited).toHaveLength(1);
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });

  it("hands out case-number sequences from reserved blocks: unique, and few reservations under load", async () => {
    const db = t.database.db;
    const day = "2031-03-01";
    const taken = await Promise.all(Array.from({ length: 300 }, () => takeCaseSequence(db, "6531", day)));
    expect(new Set(taken).size).toBe(300);
    expect(Math.min(...taken)).toBe(1);
    const counter = await db
      .selectFrom("case_number_counters")
      .select("last_seq")
      .where("region_code", "=", "6531")
      .where("day", "=", day)
      .executeTakeFirstOrThrow();
    // Every number handed out was reserved; at most one block (≤ 64) is left unused.
    expect(counter.last_seq).toBeGreaterThanOrEqual(Math.max(...taken));
    expect(counter.last_seq).toBeLessThan(300 + 64);
    // Another region and day start again at 1; a later quiet request takes the next number.
    expect(await takeCaseSequence(db, "653101", day)).toBe(1);
    expect(await takeCaseSequence(db, "653101", day)).toBe(2);
  });
});
