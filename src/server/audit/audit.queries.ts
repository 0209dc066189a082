import { sql, type Kysely, type QueryCreator } from "kysely";
import type { AuditEventRow, Database } from "../db/tables.js";

/** A chain head locked by the caller's transaction, and the global seqs of its next events. */
export interface LockedHead {
  chain: number;
  seq: number;
  hash: string;
  /** `count` values of audit_events_seq, in increasing order. */
  nextSeqs: number[];
}

/**
 * Locks a chain head until commit, with `count` global seqs for the events to append: `chain` when
 * given (the transaction holds it already, or it waits for it), otherwise the first head no other
 * transaction holds (SKIP LOCKED); undefined when every head is held.
 */
export async function lockChainHead(
  trx: Kysely<Database>,
  chain?: number,
  count = 1,
): Promise<LockedHead | undefined> {
  const seqs = sql`(select array_agg(s order by s) from (select nextval('audit_events_seq') as s from generate_series(1, ${count}::int)) n)`;
  const r =
    chain === undefined
      ? await sql<{ chain: number; seq: number; hash: string; nextSeqs: (number | string)[] }>`
          with h as (select chain, seq, hash from audit_chains order by chain for update skip locked limit 1)
          select h.chain, h.seq, h.hash, ${seqs} as "nextSeqs" from h`.execute(trx)
      : await sql<{ chain: number; seq: number; hash: string; nextSeqs: (number | string)[] }>`
          with h as (select chain, seq, hash from audit_chains where chain = ${chain} for update)
          select h.chain, h.seq, h.hash, ${seqs} as "nextSeqs" from h`.execute(trx);
  const row = r.rows[0];
  return row === undefined
    ? undefined
    : { chain: Number(row.chain), seq: Number(row.seq), hash: row.hash, nextSeqs: row.nextSeqs.map(Number) };
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
export function withAuditAppend(qc: QueryCreator<Database>, event: AuditEventRow | AuditEventRow[]) {
  // Several events are consecutive links of one chain (prepareAudits): the head moves to the last.
  const events = Array.isArray(event) ? event : [event];
  const last = events[events.length - 1];
  if (last === undefined) throw new Error("withAuditAppend needs at least one event");
  return qc
    .with("audit_appended", (q) => q.insertInto("audit_events").values(events))
    .with("audit_head_moved", (q) =>
      q
        .updateTable("audit_chains")
        .set({ seq: last.chain_seq ?? last.seq, hash: last.hash })
        .where("chain", "=", last.chain),
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

/** `count` values of audit_events_seq (reserved for this process; unused ones are gaps). */
export async function reserveAuditSeqs(db: Kysely<Database>, count: number): Promise<number[]> {
  const r = await sql<{ s: string | number }>`
    select nextval('audit_events_seq') as s from generate_series(1, ${count}::int) order by 1`.execute(db);
  return r.rows.map((row) => Number(row.s));
}

/** One chain's head as committed. */
export async function readChainHead(db: Kysely<Database>, chain: number) {
  const row = await db
    .selectFrom("audit_chains")
    .select(["chain", "seq", "hash"])
    .where("chain", "=", chain)
    .executeTakeFirstOrThrow();
  return { chain: Number(row.chain), seq: Number(row.seq), hash: row.hash };
}

/**
 * The first data-modifying CTE of a statement that appends `events` (consecutive links of one chain,
 * behind `head`) only if the chain's head is still `head`: it moves the head and returns one row, or
 * none when another writer has moved it since. The statement's inserts select from it (`guarded`),
 * so that they happen after the head row is locked, and not at all when it had moved.
 */
export function guardedAuditAppend(
  head: { chain: number; seq: number; hash: string },
  events: AuditEventRow[],
) {
  const last = events[events.length - 1];
  if (last === undefined) throw new Error("guardedAuditAppend needs at least one event");
  return sql`head_moved as (
      update audit_chains set seq = ${last.chain_seq ?? last.seq}, hash = ${last.hash}
      where chain = ${head.chain} and seq = ${head.seq} and hash = ${head.hash}
      returning 1 as moved
    ), audit_appended as (
      ${guardedInsert("audit_events", events)}
    )`;
}

/**
 * `insert into <table> (<columns>) select … from head_moved, the rows as JSON`: one parameter for all
 * the rows, typed by the table's own row type (jsonb_populate_recordset), and nothing inserted when
 * head_moved is empty. Buffers go as bytea hex.
 */
export function guardedInsert(table: string, rows: object[]) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const json = JSON.stringify(
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          Buffer.isBuffer(v) ? `\\x${v.toString("hex")}` : (v as unknown),
        ]),
      ),
    ),
  );
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))})
      select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
      from head_moved, jsonb_populate_recordset(null::${sql.table(table)}, ${json}::jsonb) as r`;
}
