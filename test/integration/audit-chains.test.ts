import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM, toAuditActor } from "../../src/server/actor.js";
import {
  AUDIT_CHAINS,
  GENESIS_HASH,
  linkHash,
  recordAudit,
  verifyAuditChain,
} from "../../src/server/audit/audit.service.js";
import { openDatabase, type DatabaseHandle } from "../../src/server/db/db.js";
import { migrate, readMigrations } from "../../src/server/db/migrate.js";
import { isPostgresRun } from "../helpers/db.js";

/** A fresh database without migrations (PGlite, or a new database on DATABASE_URL). */
async function bareDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") return openDatabase({ kind: "pglite-memory" });
  const name = `${new URL(url).pathname.slice(1) || "tongban"}_chains_${randomBytes(4).toString("hex")}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  await admin(`create database "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: u.toString(), poolMax: 6 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

const opened: DatabaseHandle[] = [];
async function database(): Promise<DatabaseHandle> {
  const h = await bareDatabase();
  opened.push(h);
  return h;
}
afterAll(async () => {
  for (const h of opened) await h.close();
});

const probe = (action: string, entityId: number) => ({
  actor: toAuditActor(SYSTEM),
  action,
  entityType: "probe",
  entityId,
  after: { v: entityId },
});

describe("audit chains (migration 0013)", () => {
  it("continues a chain written before 0013 in chain 0, the old events untouched", async () => {
    const h = await database();
    await migrate(
      h.db,
      readMigrations().filter((m) => m.version < 13),
    );
    // Three events as the single-chain code wrote them: seq 1..3, the head on audit_chain_head.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const fields = {
        seq,
        occurred_at: new Date(`2026-01-0${seq}T00:00:00Z`),
        actor_kind: "system" as const,
        actor_id: "system",
        action: "legacy.write",
        entity_type: "probe",
        entity_id: String(seq),
        before_digest: null,
        after_digest: null,
        request_id: null,
      };
      const hash = linkHash(prev, { ...fields, chain: 0, chain_seq: null });
      await sql`insert into audit_events (seq, occurred_at, actor_kind, actor_id, action, entity_type, entity_id,
                  before_digest, after_digest, request_id, prev_hash, hash)
                values (${seq}, ${fields.occurred_at}, 'system', 'system', 'legacy.write', 'probe', ${String(seq)},
                  null, null, null, ${prev}, ${hash})`.execute(h.db);
      await sql`update audit_chain_head set seq = ${seq}, hash = ${hash} where id = 1`.execute(h.db);
      prev = hash;
    }
    await migrate(h.db);
    expect(await verifyAuditChain(h.db)).toEqual({ isValid: true, checked: 3 });

    for (let i = 4; i <= 5; i++)
      await h.db.transaction().execute((trx) => recordAudit(trx, probe("new.write", i)));
    const rows = await h.db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
    expect(rows.map((r) => [r.seq, r.chain, r.chain_seq])).toEqual([
      [1, 0, null],
      [2, 0, null],
      [3, 0, null],
      [4, 0, 4],
      [5, 0, 5],
    ]);
    expect(rows[3]?.prev_hash).toBe(prev);
    expect(await verifyAuditChain(h.db)).toEqual({ isValid: true, checked: 5 });
    // The former head, now a view: the number of events.
    const head = await sql<{ seq: number }>`select seq from audit_chain_head where id = 1`.execute(h.db);
    expect(Number(head.rows[0]?.seq)).toBe(5);

    // A legacy event changed is still caught at its place.
    await h.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_events set action = 'forged' where seq = 2`.execute(trx);
    });
    expect((await verifyAuditChain(h.db)).firstBroken).toMatchObject({ chain: 0, place: 2, seq: 2 });
  });

  it("lets concurrent transactions append to different chains, each one verifying", async () => {
    const h = await database();
    await migrate(h.db);
    const writers = 5;
    if (isPostgresRun()) {
      // Every transaction records, then waits until all have recorded before committing: each
      // holds its chain, so the others must take other chains (SKIP LOCKED) rather than wait.
      let arrived = 0;
      let release!: () => void;
      const allRecorded = new Promise<void>((r) => (release = r));
      await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          h.db.transaction().execute(async (trx) => {
            await recordAudit(trx, probe("concurrent.write", i));
            if (++arrived === writers) release();
            await allRecorded;
          }),
        ),
      );
      const chains = await h.db.selectFrom("audit_events").select("chain").distinct().execute();
      expect(chains).toHaveLength(writers);
    } else {
      // PGlite has one connection: transactions run one after the other, all on chain 0.
      await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          h.db.transaction().execute((trx) => recordAudit(trx, probe("concurrent.write", i))),
        ),
      );
      const rows = await h.db
        .selectFrom("audit_events")
        .select(["chain", "chain_seq"])
        .orderBy("seq")
        .execute();
      expect(rows).toEqual(Array.from({ length: writers }, (_, i) => ({ chain: 0, chain_seq: i + 1 })));
    }
    // Then more, interleaved: every chain stays whole and the heads match their last events.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h.db.transaction().execute((trx) => recordAudit(trx, probe("more.write", i))),
      ),
    );
    expect(await verifyAuditChain(h.db)).toEqual({ isValid: true, checked: writers + 30 });
    const heads = await h.db.selectFrom("audit_chains").selectAll().execute();
    expect(heads).toHaveLength(AUDIT_CHAINS);
    const total = heads.reduce((n, c) => n + Number(c.seq), 0);
    expect(total).toBe(writers + 30);
  });

  it("keeps one chain for all records of a transaction, in order", async () => {
    const h = await database();
    await migrate(h.db);
    const events = await h.db
      .transaction()
      .execute(async (trx) => [
        await recordAudit(trx, probe("multi.write", 1)),
        await recordAudit(trx, probe("multi.write", 2)),
        await recordAudit(trx, probe("multi.write", 3)),
      ]);
    expect(new Set(events.map((e) => e.chain)).size).toBe(1);
    expect(events.map((e) => e.chain_seq)).toEqual([1, 2, 3]);
    expect(events[1]?.prev_hash).toBe(events[0]?.hash);
    expect(await verifyAuditChain(h.db)).toEqual({ isValid: true, checked: 3 });
  });

  it("detects an event moved to another chain and one appended behind a chain's head", async () => {
    const h = await database();
    await migrate(h.db);
    for (let i = 1; i <= 3; i++) await h.db.transaction().execute((trx) => recordAudit(trx, probe("w", i)));
    const asDba = (q: ReturnType<typeof sql>) =>
      h.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await q.execute(trx);
      });
    await asDba(sql`update audit_events set chain = 7 where seq = 3`);
    const moved = await verifyAuditChain(h.db);
    expect(moved.isValid).toBe(false);
    expect(moved.firstBroken).toMatchObject({ chain: 0, place: 3, seq: null });
    await asDba(sql`update audit_events set chain = 0 where seq = 3`);
    expect((await verifyAuditChain(h.db)).isValid).toBe(true);

    // A forged event appended after a chain's head, the head left alone.
    const last = await h.db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", "=", 3)
      .executeTakeFirstOrThrow();
    const forged = { ...last, seq: 99, chain_seq: 4, prev_hash: last.hash, action: "forged" };
    await h.db
      .insertInto("audit_events")
      .values({ ...forged, hash: linkHash(last.hash, forged) })
      .execute();
    const r = await verifyAuditChain(h.db);
    expect(r.isValid).toBe(false);
    expect(r.firstBroken?.reason).toContain("链头");
  });
});
