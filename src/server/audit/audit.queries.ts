import type { Kysely } from "kysely";
import type { AuditEventRow, Database } from "../db/tables.js";

export async function lockChainHead(trx: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  return trx
    .selectFrom("audit_chain_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function readChainHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  return db
    .selectFrom("audit_chain_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
}

export async function insertAuditEvent(trx: Kysely<Database>, event: AuditEventRow): Promise<void> {
  await trx.insertInto("audit_events").values(event).execute();
}

export async function moveChainHead(trx: Kysely<Database>, seq: number, hash: string): Promise<void> {
  await trx.updateTable("audit_chain_head").set({ seq, hash }).where("id", "=", 1).execute();
}

export async function readEventsAfter(
  db: Kysely<Database>,
  afterSeq: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}
