import type { Insertable, Kysely } from "kysely";
import { inScope } from "../../db/scope.js";
import type {
  Database,
  EvaluationRow,
  EvaluationsTable,
  RectificationRow,
  RectificationStatus,
  WindowVisitsTable,
} from "../../db/tables.js";

export async function insertEvaluation(
  db: Kysely<Database>,
  e: Insertable<EvaluationsTable>,
): Promise<EvaluationRow> {
  return db.insertInto("evaluations").values(e).returningAll().executeTakeFirstOrThrow();
}

export async function findEvaluationByCase(
  db: Kysely<Database>,
  caseId: string,
): Promise<EvaluationRow | undefined> {
  return db.selectFrom("evaluations").selectAll().where("case_id", "=", caseId).executeTakeFirst();
}

export async function findEvaluation(db: Kysely<Database>, id: number): Promise<EvaluationRow | undefined> {
  return db.selectFrom("evaluations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertTask(
  db: Kysely<Database>,
  t: { evaluation_id: number; agency_id: number; region_code: string; due_date: string },
): Promise<void> {
  await db
    .insertInto("rectification_tasks")
    .values({ ...t, status: "open" })
    .execute();
}

export async function findTask(db: Kysely<Database>, id: number): Promise<RectificationRow | undefined> {
  return db.selectFrom("rectification_tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findTaskByEvaluation(
  db: Kysely<Database>,
  evaluationId: number,
): Promise<RectificationRow | undefined> {
  return db
    .selectFrom("rectification_tasks")
    .selectAll()
    .where("evaluation_id", "=", evaluationId)
    .executeTakeFirst();
}

export async function updateTaskIfVersion(
  db: Kysely<Database>,
  id: number,
  lockVersion: number,
  patch: Partial<Omit<RectificationRow, "id" | "lock_version">>,
): Promise<boolean> {
  const r = await db
    .updateTable("rectification_tasks")
    .set({ ...patch, lock_version: lockVersion + 1 })
    .where("id", "=", id)
    .where("lock_version", "=", lockVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listTasks(
  db: Kysely<Database>,
  f: {
    scope: { regionRoots: string[]; agencyIds: number[] } | "all";
    status?: RectificationStatus;
    overdueOn?: string;
    limit: number;
  },
) {
  let q = db
    .selectFrom("rectification_tasks as t")
    .innerJoin("evaluations as e", "e.id", "t.evaluation_id")
    .select([
      "t.id",
      "t.status",
      "t.due_date",
      "t.is_escalated",
      "t.agency_id",
      "t.region_code",
      "e.level",
      "e.comment",
      "e.case_id",
      "e.visit_id",
    ]);
  if (f.scope !== "all") q = q.where(inScope("t.region_code", "t.agency_id", f.scope));
  if (f.status !== undefined) q = q.where("t.status", "=", f.status);
  if (f.overdueOn !== undefined) q = q.where("t.status", "=", "open").where("t.due_date", "<", f.overdueOn);
  return q.orderBy("t.due_date").orderBy("t.id").limit(f.limit).execute();
}

export async function escalateOverdue(db: Kysely<Database>, today: string): Promise<number[]> {
  const rows = await db
    .updateTable("rectification_tasks")
    .set({ is_escalated: true })
    .where("status", "=", "open")
    .where("due_date", "<", today)
    .where("is_escalated", "=", false)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** A platform setting stored in platform_meta (e.g. the rectification deadline), if set. */
export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom("platform_meta").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function insertVisit(db: Kysely<Database>, v: Insertable<WindowVisitsTable>): Promise<void> {
  await db.insertInto("window_visits").values(v).execute();
}

export async function findVisit(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("window_visits as v")
    .leftJoin("evaluations as e", "e.visit_id", "v.id")
    .selectAll("v")
    .select("e.id as evaluation_id")
    .where("v.id", "=", id)
    .executeTakeFirst();
}

export async function listVisitsOf(db: Kysely<Database>, visitorId: string, limit: number) {
  return db
    .selectFrom("window_visits as v")
    .leftJoin("evaluations as e", "e.visit_id", "v.id")
    .selectAll("v")
    .select("e.id as evaluation_id")
    .where("v.visitor_id", "=", visitorId)
    .orderBy("v.created_at", "desc")
    .limit(limit)
    .execute();
}

export async function findEvaluationByVisit(db: Kysely<Database>, visitId: string) {
  return db.selectFrom("evaluations").selectAll().where("visit_id", "=", visitId).executeTakeFirst();
}
