import { sm3 } from "sm-crypto-v2";
import type { Kysely } from "kysely";
import { canonicalJson } from "../../shared/canonical-json.js";
import type { AuditEventRow, Database } from "../db/tables.js";
import {
  insertAuditEvent,
  lockChainHead,
  moveChainHead,
  readChainHead,
  readEventsAfter,
} from "./audit.queries.js";

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
  return sm3(canonicalJson(value));
}

/** The hash of one link: SM3 over the previous hash and the event's canonical fields. */
export function linkHash(prevHash: string, e: Omit<AuditEventRow, "hash" | "prev_hash">): string {
  return sm3(
    prevHash +
      canonicalJson([
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
      ]),
  );
}

/**
 * Appends one event to the hash chain, inside the caller's write transaction so that the write and
 * its audit record commit or roll back together. Locks the chain head until commit: events are
 * chained in commit order.
 * @throws Error when called outside a transaction (a programming error, not a user error).
 */
export async function recordAudit(trx: Kysely<Database>, input: AuditInput): Promise<AuditEventRow> {
  if (!trx.isTransaction) throw new Error("recordAudit must run inside the write's transaction");
  const head = await lockChainHead(trx);
  const base = {
    seq: head.seq + 1,
    occurred_at: input.at ?? new Date(),
    actor_kind: input.actor.kind,
    actor_id: input.actor.id ?? null,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    before_digest: input.before === undefined ? null : digestOf(input.before),
    after_digest: input.after === undefined ? null : digestOf(input.after),
    request_id: input.requestId ?? null,
  };
  const event: AuditEventRow = { ...base, prev_hash: head.hash, hash: linkHash(head.hash, base) };
  await insertAuditEvent(trx, event);
  await moveChainHead(trx, event.seq, event.hash);
  return event;
}

export interface AuditVerification {
  isValid: boolean;
  checked: number;
  /** The first event whose link does not verify, and why. */
  firstBroken?: { seq: number; reason: string };
}

/**
 * Walks the whole chain in seq order and recomputes every link: a changed field, a deleted or
 * inserted event, a re-ordered event or a cut-off tail is reported at its first broken link.
 */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5_000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await readEventsAfter(db, expectedSeq - 1, batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return broken(
          checked,
          expectedSeq,
          `缺少第 ${expectedSeq} 条事件（下一条为第 ${row.seq} 条）：事件被删除`,
        );
      }
      if (row.prev_hash !== prevHash) {
        return broken(checked, row.seq, "prev_hash 与上一条事件的哈希不一致：链被改写");
      }
      const { hash, prev_hash: _prev, ...fields } = row;
      if (linkHash(prevHash, fields) !== hash) {
        return broken(checked, row.seq, "事件内容与其哈希不符：事件被篡改");
      }
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  const head = await readChainHead(db);
  if (head.seq !== checked || head.hash !== prevHash) {
    return broken(checked, checked + 1, `链头记录第 ${head.seq} 条，但只找到 ${checked} 条：末尾事件被删除`);
  }
  return { isValid: true, checked };
}

function broken(checked: number, seq: number, reason: string): AuditVerification {
  return { isValid: false, checked, firstBroken: { seq, reason } };
}
