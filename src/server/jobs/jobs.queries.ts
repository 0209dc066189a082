import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Database, JobRow, JobSchedulesTable, JobStatus, JobsTable } from "../db/tables.js";

/**
 * SQL of the job queue and cron schedules, nothing else. Every function takes `db`, which may be a
 * transaction, and an explicit `now` instead of the database clock, so that callers (and tests)
 * decide what time it is.
 */

export type JobScheduleRow = Selectable<JobSchedulesTable>;

/** Identifies one claim of a job: a write guarded by it is a no-op once the claim was lost. */
export interface JobClaim {
  id: number;
  workerId: string;
  /** The job's `attempts` right after this claim. */
  attempts: number;
}

/**
 * Inserts a job unless its idempotency key is taken (then inserts nothing). A null key never
 * conflicts. On PostgreSQL a concurrent insert of the same key waits for the other transaction and
 * then does nothing.
 */
export async function insertJob(
  db: Kysely<Database>,
  job: { name: string; payload: string; idempotencyKey: string | null; runAt: Date; maxAttempts: number },
): Promise<{ id: number; isInserted: boolean }> {
  const inserted = await db
    .insertInto("jobs")
    .values({
      name: job.name,
      payload: job.payload,
      idempotency_key: job.idempotencyKey,
      run_at: job.runAt,
      max_attempts: job.maxAttempts,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted !== undefined) return { id: inserted.id, isInserted: true };
  const existing = await db
    .selectFrom("jobs")
    .select("id")
    .where("idempotency_key", "=", job.idempotencyKey)
    .executeTakeFirstOrThrow();
  return { id: existing.id, isInserted: false };
}

/**
 * Takes back jobs whose lease ran out (their worker crashed or hung): back to 'queued', due at
 * once, or 'dead' when that claim was already the last attempt. Rows another transaction holds are
 * skipped.
 */
export async function reclaimExpiredJobs(
  db: Kysely<Database>,
  now: Date,
): Promise<{ id: number; status: JobStatus }[]> {
  const isLast = sql<boolean>`attempts >= max_attempts`;
  return db
    .updateTable("jobs")
    .set({
      status: sql<JobStatus>`case when ${isLast} then 'dead' else 'queued' end`,
      last_error: sql<string>`'lease expired while held by ' || coalesce(locked_by, '?')`,
      finished_at: sql<Date | null>`case when ${isLast} then ${now}::timestamptz else null end`,
      locked_by: null,
      locked_until: null,
    })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("jobs")
        .select("id")
        .where("status", "=", "running")
        .where("locked_until", "<", now)
        .forUpdate()
        .skipLocked(),
    )
    .returning(["id", "status"])
    .execute();
}

/**
 * Claims up to `limit` due jobs for `workerId`: 'running', one more attempt, leased until
 * `now + leaseMs`. Concurrent claimers skip each other's rows (FOR UPDATE SKIP LOCKED), so a job is
 * never claimed twice.
 */
export async function claimDueJobs(
  db: Kysely<Database>,
  c: { workerId: string; now: Date; limit: number; leaseMs: number },
): Promise<JobRow[]> {
  const rows = await db
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      attempts: eb("attempts", "+", 1),
      locked_by: c.workerId,
      locked_until: new Date(c.now.getTime() + c.leaseMs),
    }))
    .where("id", "in", (eb) =>
      eb
        .selectFrom("jobs")
        .select("id")
        .where("status", "=", "queued")
        .where("run_at", "<=", c.now)
        .orderBy("run_at")
        .orderBy("id")
        .limit(c.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  // UPDATE … RETURNING has no order: run them in queue order.
  return rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id);
}

/** Extends a claim's lease; false when the claim was lost (reclaimed after its lease expired). */
export async function renewJobLease(
  db: Kysely<Database>,
  claim: JobClaim,
  lockedUntil: Date,
): Promise<boolean> {
  return updateHeld(db, claim, { locked_until: lockedUntil });
}

/** Marks a claimed job done (last_error of an earlier attempt is kept); false when the claim was lost. */
export async function markJobSucceeded(db: Kysely<Database>, claim: JobClaim, now: Date): Promise<boolean> {
  return updateHeld(db, claim, {
    status: "succeeded",
    finished_at: now,
    locked_by: null,
    locked_until: null,
  });
}

/** Puts a failed claimed job back in the queue, due at `runAt`, keeping its error. */
export async function markJobRetry(
  db: Kysely<Database>,
  claim: JobClaim,
  runAt: Date,
  error: string,
): Promise<boolean> {
  return updateHeld(db, claim, {
    status: "queued",
    run_at: runAt,
    last_error: error,
    locked_by: null,
    locked_until: null,
  });
}

/** Gives up on a claimed job: 'dead', never claimed again, its error kept for the operators. */
export async function markJobDead(
  db: Kysely<Database>,
  claim: JobClaim,
  now: Date,
  error: string,
): Promise<boolean> {
  return updateHeld(db, claim, {
    status: "dead",
    finished_at: now,
    last_error: error,
    locked_by: null,
    locked_until: null,
  });
}

async function updateHeld(
  db: Kysely<Database>,
  claim: JobClaim,
  values: Updateable<JobsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable("jobs")
    .set(values)
    .where((eb) => isHeldBy(eb, claim))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The row is still held by this very claim (not reclaimed, not claimed again since). */
function isHeldBy(eb: ExpressionBuilder<Database, "jobs">, claim: JobClaim) {
  return eb.and([
    eb("id", "=", claim.id),
    eb("status", "=", "running"),
    eb("locked_by", "=", claim.workerId),
    eb("attempts", "=", claim.attempts),
  ]);
}

/**
 * Creates or updates a schedule. `nextRunAt` is kept when the cron expression did not change, so
 * that registering the schedules at every start does not skip a tick that fell due while the
 * platform was restarting; `is_enabled` (an operator's choice) is never touched.
 * @returns the schedule's next_run_at after the write.
 */
export async function upsertSchedule(
  db: Kysely<Database>,
  s: { name: string; cron: string; jobName: string; payload: string; nextRunAt: Date },
): Promise<Date> {
  const row = await db
    .insertInto("job_schedules")
    .values({ name: s.name, cron: s.cron, job_name: s.jobName, payload: s.payload, next_run_at: s.nextRunAt })
    .onConflict((oc) =>
      oc.column("name").doUpdateSet((eb) => ({
        cron: eb.ref("excluded.cron"),
        job_name: eb.ref("excluded.job_name"),
        payload: eb.ref("excluded.payload"),
        next_run_at: sql<Date>`case when job_schedules.cron = excluded.cron
          then job_schedules.next_run_at else excluded.next_run_at end`,
      })),
    )
    .returning("next_run_at")
    .executeTakeFirstOrThrow();
  return row.next_run_at;
}

/**
 * Locks the enabled schedules due at `now` until the caller's transaction ends; schedules another
 * instance is handling are skipped (FOR UPDATE SKIP LOCKED). Must run inside a transaction.
 */
export async function claimDueSchedules(db: Kysely<Database>, now: Date): Promise<JobScheduleRow[]> {
  return db
    .selectFrom("job_schedules")
    .selectAll()
    .where("is_enabled", "=", true)
    .where("next_run_at", "<=", now)
    .orderBy("name")
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Records the tick just enqueued and the next one. */
export async function advanceSchedule(
  db: Kysely<Database>,
  s: { name: string; lastRunAt: Date; nextRunAt: Date },
): Promise<void> {
  await db
    .updateTable("job_schedules")
    .set({ last_run_at: s.lastRunAt, next_run_at: s.nextRunAt })
    .where("name", "=", s.name)
    .execute();
}

/** Stops a schedule (e.g. its stored expression no longer parses); an operator re-enables it. */
export async function disableSchedule(db: Kysely<Database>, name: string): Promise<void> {
  await db.updateTable("job_schedules").set({ is_enabled: false }).where("name", "=", name).execute();
}
