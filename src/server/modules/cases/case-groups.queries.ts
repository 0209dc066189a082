import type { Insertable, Kysely } from "kysely";
import type { Database, ParentCaseRow, ParentCasesTable } from "../../db/tables.js";

export async function insertParentCase(db: Kysely<Database>, p: Insertable<ParentCasesTable>): Promise<void> {
  await db.insertInto("parent_cases").values(p).execute();
}

export async function findParentCase(db: Kysely<Database>, id: string): Promise<ParentCaseRow | undefined> {
  return db.selectFrom("parent_cases").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function lockParentCase(db: Kysely<Database>, id: string): Promise<ParentCaseRow | undefined> {
  return db.selectFrom("parent_cases").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function findParentByKey(
  db: Kysely<Database>,
  applicantId: string,
  key: string,
): Promise<ParentCaseRow | undefined> {
  return db
    .selectFrom("parent_cases")
    .selectAll()
    .where("applicant_id", "=", applicantId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

export async function updateParentCase(
  db: Kysely<Database>,
  id: string,
  patch: Pick<ParentCaseRow, "status" | "promised_due" | "completed_at">,
): Promise<void> {
  await db.updateTable("parent_cases").set(patch).where("id", "=", id).execute();
}

export async function listChildren(db: Kysely<Database>, parentId: string) {
  return db
    .selectFrom("cases")
    .selectAll()
    .where("parent_case_id", "=", parentId)
    .orderBy("case_number")
    .execute();
}

export async function insertWaits(
  db: Kysely<Database>,
  rows: { case_id: string; waits_for_case_id: string }[],
) {
  if (rows.length > 0) await db.insertInto("case_waits").values(rows).execute();
}

export async function listWaits(db: Kysely<Database>, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db.selectFrom("case_waits").selectAll().where("case_id", "in", caseIds).execute();
}

/** Sub-cases waiting for `caseId`, with their status. */
export async function listDependants(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom("case_waits")
    .innerJoin("cases", "cases.id", "case_waits.case_id")
    .select(["cases.id", "cases.status", "cases.agency_id", "cases.case_number", "cases.item_name"])
    .where("case_waits.waits_for_case_id", "=", caseId)
    .execute();
}

/** Predecessors of a case that are not yet approved (or delivered with approval). */
export async function listOpenPredecessors(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom("case_waits")
    .innerJoin("cases", "cases.id", "case_waits.waits_for_case_id")
    .select(["cases.id", "cases.item_name", "cases.status", "cases.decision"])
    .where("case_waits.case_id", "=", caseId)
    .where((eb) =>
      eb.not(
        eb.or([
          eb("cases.status", "=", "approved"),
          eb.and([eb("cases.status", "=", "delivered"), eb("cases.decision", "=", "approve")]),
        ]),
      ),
    )
    .execute();
}

/** Per reference code, in a region subtree: how many applications and the concluded ones' dates. */
export async function groupStats(
  db: Kysely<Database>,
  kind: "bundle",
  regionRoot: string,
  period?: { from: Date; to: Date },
) {
  return db
    .selectFrom("parent_cases")
    .select((eb) => [
      "ref_code",
      eb.fn.countAll<number>().as("applications"),
      eb.fn.count<number>("completed_at").as("concluded"),
      eb.fn.sum<number>(eb.case().when("status", "=", "completed").then(1).else(0).end()).as("completed"),
    ])
    .where("kind", "=", kind)
    .where("receiving_region_code", "like", `${regionRoot}%`)
    .$if(period !== undefined, (q) =>
      q.where("submitted_at", ">=", period?.from as Date).where("submitted_at", "<", period?.to as Date),
    )
    .groupBy("ref_code")
    .orderBy("ref_code")
    .execute();
}

export async function concludedGroups(
  db: Kysely<Database>,
  kind: "bundle",
  regionRoot: string,
  period?: { from: Date; to: Date },
) {
  return db
    .selectFrom("parent_cases")
    .select(["ref_code", "receiving_region_code", "submitted_at", "completed_at"])
    .where("kind", "=", kind)
    .where("receiving_region_code", "like", `${regionRoot}%`)
    .where("completed_at", "is not", null)
    .$if(period !== undefined, (q) =>
      q.where("submitted_at", ">=", period?.from as Date).where("submitted_at", "<", period?.to as Date),
    )
    .execute();
}

/** An applicant's parent cases, newest first. */
export async function myParentCases(db: Kysely<Database>, applicantId: string, limit: number) {
  return db
    .selectFrom("parent_cases")
    .selectAll()
    .where("applicant_id", "=", applicantId)
    .orderBy("submitted_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
