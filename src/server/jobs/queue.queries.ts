import type { Kysely } from "kysely";
import type { Database, JobRow } from "../db/tables.js";

export async function insertJob(
  db: Kysely<Database>,
  job: { name: string; payload: string; idempotency_key: string | null; run_at: Date; max_attempts: number },
): Promise<{ id: number; isDuplicate: boolean }> {
  const inserted = await db
    .insertInto("jobs")
    .values(job)
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted !== undefined) return { id: inserted.id, isDuplicate: false };
  const existing = await db
    .selectFrom("jobs")
    .select("id")
    .where("idempotency_key", "=", job.idempotency_key)
    .executeTakeFirstOrThrow();
  return { id: existing.id, isDuplicate: true };
}

/** Puts jobs whose lease expired (their worker died) back in the queue. */
export async function reclaimExpired(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db
    .updateTable("jobs")
    .set({ status: "queued", locked_by: null, locked_until: null })
    .where("status", "=", "running")
    .where("locked_until", "<", now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Claims up to `limit` due jobs; concurrent claimers skip each other's rows. */
export async function claimDue(
  db: Kysely<Database>,
  workerId: string,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<JobRow[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      attempts: eb("attempts", "+", 1),
      locked_by: workerId,
      locked_until: leaseUntil,
    }))
    .where("id", "in", (eb) =>
      eb
        .selectFrom("jobs")
        .select("id")
        .where("status", "=", "queued")
        .where("run_at", "<=", now)
        .orderBy("run_at")
        .orderBy("id")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markSucceeded(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ status: "succeeded", finished_at: now, locked_by: null, locked_until: null, last_error: null })
    .where("id", "=", id)
    .execute();
}

export async function markRetry(db: Kysely<Database>, id: number, runAt: Date, error: string): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ status: "queued", run_at: runAt, last_error: error, locked_by: null, locked_until: null })
    .where("id", "=", id)
    .execute();
}

export async function markDead(db: Kysely<Database>, id: number, now: Date, error: string): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ status: "dead", finished_at: now, last_error: error, locked_by: null, locked_until: null })
    .where("id", "=", id)
    .execute();
}

export async function upsertSchedule(
  db: Kysely<Database>,
  s: { name: string; cron: string; job_name: string; payload: string; next_run_at: Date },
): Promise<void> {
  await db
    .insertInto("job_schedules")
    .values(s)
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ cron: s.cron, job_name: s.job_name, payload: s.payload, next_run_at: s.next_run_at }),
    )
    .execute();
}

export async function claimDueSchedules(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom("job_schedules")
    .selectAll()
    .where("is_enabled", "=", true)
    .where("next_run_at", "<=", now)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function advanceSchedule(
  db: Kysely<Database>,
  name: string,
  lastRunAt: Date,
  nextRunAt: Date,
): Promise<void> {
  await db
    .updateTable("job_schedules")
    .set({ last_run_at: lastRunAt, next_run_at: nextRunAt })
    .where("name", "=", name)
    .execute();
}
