import type { Insertable, Kysely } from "kysely";
import type { Database, SignedDocumentsTable } from "../../db/tables.js";

export async function findDocumentByNotice(db: Kysely<Database>, noticeId: number) {
  return db
    .selectFrom("signed_documents")
    .select(["id"])
    .where("notice_id", "=", noticeId)
    .executeTakeFirst();
}

export async function findDocument(db: Kysely<Database>, id: string) {
  return db.selectFrom("signed_documents").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listDocumentsOfCase(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom("signed_documents")
    .select(["id", "notice_id", "kind", "title", "signed_at", "pdf_sm3"])
    .where("case_id", "=", caseId)
    .orderBy("notice_id")
    .execute();
}

export async function insertDocument(db: Kysely<Database>, row: Insertable<SignedDocumentsTable>) {
  await db
    .insertInto("signed_documents")
    .values(row)
    .onConflict((oc) => oc.column("notice_id").doNothing())
    .execute();
}
