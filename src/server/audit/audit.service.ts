import type { Kysely } from "kysely";
import { canonicalJson } from "../../shared/canonical-json.js";
import type { AuditEventRow, Database } from "../db/tables.js";
import { sm3Hex } from "../security/sm3.js";
import {
  appendAuditEvent,
  countAuditEvents,
  lockChainHead,
  readChainAfter,
  readChainHeads,
  type LockedHead,
} from "./audit.queries.js";

/** Number of audit chains (migration 0013: audit_chains.chain between 0 and 31). */
export const AUDIT_CHAINS = 32;

export const GENESIS_HASH = "0".repeat(64);

export interface AuditActor {
  kind: "user" | "system" | "anonymous";
  id?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { kind: "system", id: "system" };

export interface AuditInput {
  actor: AuditActor;
  /** Verb-first, dotted: `calendar.override.set`, `case.accept`. */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  /** The entity before the write (omitted for creation); only its SM3 digest is kept. */
  before?: unknown;
  /** The entity after the write (omitted for deletion); only its SM3 digest is kept. */
  after?: unknown;
  requestId?: string | null;
  at?: Date;
}

/** SM3 digest (hex) of a value's canonical JSON. */
export function digestOf(value: unknown): string {
  return sm3Hex(canonicalJson(value));
}

/**
 * The hash of one link: SM3 over the previous hash and the event's canonical fields. Events since
 * 0013 also cover their chain and place in it; the events before it (chain_seq null) keep the
 * fields they were hashed with.
 */
export function linkHash(prevHash: string, e: Omit<AuditEventRow, "hash" | "prev_hash">): string {
  const fields: unknown[] = [
    e.seq,
    e.occurred_at,
    e.actor_kind,
    e.actor_id,
    e.action,
    e.entity_type,
    e.entity_id,
    e.before_digest,
    e.after_digest,
    e.request_id,
  ];
  if (e.chain_seq !== null) fields.push(e.chain, e.chain_seq);
  return sm3Hex(prevHash + canonicalJson(fields));
}

/** The chain each open transaction appends to (a transaction keeps its chain until commit). */
const chainOfTransaction = new WeakMap<Kysely<Database>, number>();

async function lockAChain(trx: Kysely<Database>, count: number): Promise<LockedHead> {
  const held = chainOfTransaction.get(trx);
  const head =
    (await lockChainHead(trx, held, count)) ??
    // Every chain is held by another transaction: wait for one of them.
    (await lockChainHead(trx, Math.floor(Math.random() * AUDIT_CHAINS), count));
  if (head === undefined) throw new Error("audit_chains has no head to append to");
  chainOfTransaction.set(trx, head.chain);
  return head;
}

/**
 * Appends one event to an audit chain, inside the caller's write transaction so that the write and
 * its audit record commit or roll back together. The transaction takes whichever chain head no
 * other transaction holds and keeps it until commit: each chain is linked in commit order, and
 * concurrent writers append to different chains instead of waiting for each other's commit.
 * @throws Error when called outside a transaction (a programming error, not a user error).
 */
export async function recordAudit(trx: Kysely<Database>, input: AuditInput): Promise<AuditEventRow> {
  const event = await prepareAudit(trx, input);
  await appendAuditEvent(trx, event);
  return event;
}

/**
 * The first half of `recordAudit`: locks a chain for the transaction and links the event, which the
 * caller then writes within the same transaction, before any other audit record of it, by adding
 * `withAuditAppend(trx, event)` to its own next statement (one round trip less than recordAudit).
 * @throws Error when called outside a transaction.
 */
export async function prepareAudit(trx: Kysely<Database>, input: AuditInput): Promise<AuditEventRow> {
  const [event] = await prepareAudits(trx, [input]);
  if (event === undefined) throw new Error("prepareAudits returned no event");
  return event;
}

/**
 * `prepareAudit` for several events at once (one round trip): consecutive links of the one chain
 * the transaction holds, which the caller writes in this order with `withAuditAppend(trx, events)`.
 * @throws Error when called outside a transaction.
 */
export async function prepareAudits(trx: Kysely<Database>, inputs: AuditInput[]): Promise<AuditEventRow[]> {
  if (!trx.isTransaction) throw new Error("recordAudit must run inside the write's transaction");
  if (inputs.length === 0) return [];
  const head = await lockAChain(trx, inputs.length);
  return linkAuditEvents(head, head.nextSeqs, inputs);
}

/**
 * Links events behind a chain's head: consecutive places of `head.chain`, the global seqs given,
 * each hash over the previous one. The caller appends them only while the head is still `head`
 * (locked by its transaction, or checked by its statement).
 */
export function linkAuditEvents(
  head: { chain: number; seq: number; hash: string },
  seqs: number[],
  inputs: AuditInput[],
): AuditEventRow[] {
  if (seqs.length < inputs.length) throw new Error("fewer audit seqs than events");
  let prevHash = head.hash;
  return inputs.map((input, i) => {
    const base = {
      seq: seqs[i] as number,
      occurred_at: input.at ?? new Date(),
      actor_kind: input.actor.kind,
      actor_id: input.actor.id ?? null,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      before_digest: input.before === undefined ? null : digestOf(input.before),
      after_digest: input.after === undefined ? null : digestOf(input.after),
      request_id: input.requestId ?? null,
      chain: head.chain,
      chain_seq: head.seq + 1 + i,
    };
    const event = { ...base, prev_hash: prevHash, hash: linkHash(prevHash, base) };
    prevHash = event.hash;
    return event;
  });
}

export interface AuditVerification {
  isValid: boolean;
  /** Events verified before the first broken link (all of them when valid). */
  checked: number;
  /**
   * The first link that does not verify: its chain and place in it, the event's global seq when
   * there is an event at that place (a deleted one has none), and why.
   */
  firstBroken?: { chain: number; place: number; seq: number | null; reason: string };
}

/**
 * Walks every chain in order and recomputes every link: a changed field, a deleted or inserted
 * event, a re-ordered event, a cut-off tail or an event outside every chain is reported at its
 * first broken link (chains in order, so the first chain's break first).
 */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5_000): Promise<AuditVerification> {
  let checked = 0;
  for (const head of await readChainHeads(db)) {
    const chain = head.chain;
    let prevHash = GENESIS_HASH;
    let place = 1;
    for (;;) {
      const rows = await readChainAfter(db, chain, place - 1, batchSize);
      for (const row of rows) {
        const rowPlace = row.chain_seq ?? row.seq;
        if (rowPlace !== place) {
          return broken(
            checked,
            chain,
            place,
            null,
            `链 ${chain} 缺少第 ${place} 条事件（下一条为第 ${rowPlace} 条）：事件被删除`,
          );
        }
        if (row.prev_hash !== prevHash) {
          return broken(checked, chain, place, row.seq, "prev_hash 与上一条事件的哈希不一致：链被改写");
        }
        const { hash, prev_hash: _prev, ...fields } = row;
        if (linkHash(prevHash, fields) !== hash) {
          return broken(checked, chain, place, row.seq, "事件内容与其哈希不符：事件被篡改");
        }
        prevHash = hash;
        place++;
        checked++;
      }
      if (rows.length < batchSize) break;
    }
    if (head.seq !== place - 1 || head.hash !== prevHash) {
      return broken(
        checked,
        chain,
        place,
        null,
        `链 ${chain} 的链头记录第 ${head.seq} 条，但只找到 ${place - 1} 条：末尾事件被删除`,
      );
    }
  }
  const total = await countAuditEvents(db);
  if (total !== checked) {
    return broken(checked, -1, 0, null, `共有 ${total} 条事件，链中只有 ${checked} 条：有事件不在任何链中`);
  }
  return { isValid: true, checked };
}

function broken(
  checked: number,
  chain: number,
  place: number,
  seq: number | null,
  reason: string,
): AuditVerification {
  return { isValid: false, checked, firstBroken: { chain, place, seq, reason } };
}
