import { sql, type Kysely, type QueryCreator } from "kysely";
import type { AuditEventRow, Database } from "../db/tables.js";

/** A chain head locked by the caller's transaction, and the global seq of its next event. */
export interface LockedHead {
  chain: number;
  seq: number;
  hash: string;
  nextSeq: number;
}

/**
 * Locks a chain head until commit: `chain` when given (the transaction holds it already, or it
 * waits for it), otherwise the first head no other transaction holds (SKIP LOCKED); undefined when
 * every head is held.
 */
export async function lockChainHead(trx: Kysely<Database>, chain?: number): Promise<LockedHead | undefined> {
  const r =
    chain === undefined
      ? await sql<LockedHead>`
          with h as (select chain, seq, hash from audit_chains order by chain for update skip locked limit 1)
          select h.chain, h.seq, h.hash, nextval('audit_events_seq') as "nextSeq" from h`.execute(trx)
      : await sql<LockedHead>`
          with h as (select chain, seq, hash from audit_chains where chain = ${chain} for update)
          select h.chain, h.seq, h.hash, nextval('audit_events_seq') as "nextSeq" from h`.execute(trx);
  const row = r.rows[0];
  return row === undefined
    ? undefined
    : { chain: Number(row.chain), seq: Number(row.seq), hash: row.hash, nextSeq: Number(row.nextSeq) };
}

export async function readChainHeads(db: Kysely<Database>) {
  return db.selectFrom("audit_chains").select(["chain", "seq", "hash"]).orderBy("chain").execute();
}

export async function countAuditEvents(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Inserts the event and moves its chain's head to it, in one statement. */
export async function appendAuditEvent(trx: Kysely<Database>, event: AuditEventRow): Promise<void> {
  await trx
    .with("appended", (q) => q.insertInto("audit_events").values(event))
    .updateTable("audit_chains")
    .set({ seq: event.chain_seq ?? event.seq, hash: event.hash })
    .where("chain", "=", event.chain)
    .execute();
}

/**
 * Adds the same two writes as `appendAuditEvent` as data-modifying CTEs of the caller's next
 * statement (one round trip less for a write that is a single statement).
 */
export function withAuditAppend(qc: QueryCreator<Database>, event: AuditEventRow) {
  return qc
    .with("audit_appended", (q) => q.insertInto("audit_events").values(event))
    .with("audit_head_moved", (q) =>
      q
        .updateTable("audit_chains")
        .set({ seq: event.chain_seq ?? event.seq, hash: event.hash })
        .where("chain", "=", event.chain),
    );
}

/** Place of an event in its chain: `chain_seq`, or `seq` for the events before 0013 (chain 0). */
const placeInChain = sql<number>`coalesce(chain_seq, seq)`;

/** A chain's events after a place, in chain order. */
export async function readChainAfter(
  db: Kysely<Database>,
  chain: number,
  afterPlace: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("chain", "=", chain)
    .where(placeInChain, ">", afterPlace)
    .orderBy(placeInChain)
    .limit(limit)
    .execute();
}
