import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM, toAuditActor } from "../../src/server/actor.js";
import { digestOf, recordAudit, verifyAuditChain } from "../../src/server/audit/audit.service.js";
import type { DatabaseHandle } from "../../src/server/db/db.js";
import { createTestDatabase } from "../helpers/db.js";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

async function append(n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await handle.db.transaction().execute((trx) =>
      recordAudit(trx, {
        actor: toAuditActor(SYSTEM),
        action: `${prefix}.write`,
        entityType: "probe",
        entityId: i,
        before: i === 0 ? undefined : { v: i - 1 },
        after: { v: i },
        requestId: `req-${prefix}-${i}`,
      }),
    );
  }
}

/** Tampering as a DBA would: bypassing the append-only trigger. */
async function asDba(statement: ReturnType<typeof sql>): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

describe("audit chain", () => {
  it("chains events with SM3 and verifies", async () => {
    await append(5, "a");
    const rows = await handle.db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe("0".repeat(64));
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.after_digest).toBe(digestOf({ v: 2 }));
    expect(rows[0]?.before_digest).toBeNull();
    expect(await verifyAuditChain(handle.db)).toEqual({ isValid: true, checked: 5 });
  });

  it("keeps the chain whole under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        handle.db.transaction().execute((trx) =>
          recordAudit(trx, {
            actor: toAuditActor(SYSTEM),
            action: "concurrent.write",
            entityType: "probe",
            entityId: i,
          }),
        ),
      ),
    );
    const result = await verifyAuditChain(handle.db, 4);
    expect(result).toEqual({ isValid: true, checked: 17 });
  });

  it("is rolled back with the write it records", async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: toAuditActor(SYSTEM), action: "doomed.write", entityType: "probe" });
        throw new Error("write failed");
      }),
    ).rejects.toThrow("write failed");
    const doomed = await handle.db
      .selectFrom("audit_events")
      .select("seq")
      .where("action", "=", "doomed.write")
      .execute();
    expect(doomed).toHaveLength(0);
    expect((await verifyAuditChain(handle.db)).isValid).toBe(true);
  });

  it("refuses to record outside a transaction", async () => {
    await expect(
      recordAudit(handle.db, { actor: toAuditActor(SYSTEM), action: "x", entityType: "probe" }),
    ).rejects.toThrow(/inside the write's transaction/);
  });

  it("refuses UPDATE and DELETE on audit_events", async () => {
    await expect(sql`update audit_events set action = 'x' where seq = 1`.execute(handle.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events where seq = 1`.execute(handle.db)).rejects.toThrow(
      /append-only/,
    );
  });
});

describe("tampering is detected at the first broken link", () => {
  it("a changed field", async () => {
    await asDba(sql`update audit_events set actor_id = 'mallory' where seq = 3`);
    const r = await verifyAuditChain(handle.db);
    expect(r.isValid).toBe(false);
    expect(r.firstBroken).toMatchObject({ chain: 0, place: 3, seq: 3 });
    expect(r.checked).toBe(2);
    await asDba(sql`update audit_events set actor_id = 'system' where seq = 3`);
    expect((await verifyAuditChain(handle.db)).isValid).toBe(true);
  });

  it("a deleted event in the middle", async () => {
    const saved = await handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", "=", 7)
      .executeTakeFirstOrThrow();
    await asDba(sql`delete from audit_events where seq = 7`);
    const r = await verifyAuditChain(handle.db);
    // The deleted event's place in its chain (concurrent writers may have used several chains).
    expect(r.firstBroken).toMatchObject({ chain: saved.chain, place: saved.chain_seq, seq: null });
    expect(r.firstBroken?.reason).toContain("删除");
    await handle.db.insertInto("audit_events").values(saved).execute();
    expect((await verifyAuditChain(handle.db)).isValid).toBe(true);
  });

  it("a cut-off tail", async () => {
    const last = await handle.db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    await asDba(sql`delete from audit_events where seq = ${last.seq}`);
    const r = await verifyAuditChain(handle.db);
    expect(r.isValid).toBe(false);
    expect(r.firstBroken).toMatchObject({ chain: last.chain, place: last.chain_seq, seq: null });
    expect(r.firstBroken?.reason).toContain("末尾");
  });
});
