import { performance } from "node:perf_hooks";
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { AppError, type FieldIssue } from "../../shared/errors.js";
import { inTransaction, type Db } from "../db/db.js";
import type { JobRow } from "../db/tables.js";
import {
  advanceSchedule,
  claimDueJobs,
  claimDueSchedules,
  disableSchedule,
  insertJob,
  markJobDead,
  markJobRetry,
  markJobSucceeded,
  reclaimExpiredJobs,
  renewJobLease,
  upsertSchedule,
  type JobClaim,
} from "./jobs.queries.js";
import { DEFAULT_MAX_ATTEMPTS, defaultBackoff, type JobLogger, type JobRegistry } from "./jobs.registry.js";

/** Cron expressions are read in Beijing time, the official time in Xinjiang. */
export const SCHEDULE_TIME_ZONE = "Asia/Shanghai";
const MAX_ERROR_LENGTH = 4_000;

export interface EnqueueOptions {
  /** The same key never enqueues twice (e.g. `case:<id>:<dueAt>`): the job runs once. */
  idempotencyKey?: string;
  /** Not before this time; default: now (the application clock). */
  runAt?: Date;
  /** Overrides the definition's maxAttempts. */
  maxAttempts?: number;
}

/**
 * Enqueues a job, ideally inside the transaction of the write that causes it (pass that `trx`), so
 * that the job exists exactly when the write committed. The payload is checked in its JSON form —
 * what the handler will get back — and stored as that JSON.
 * @returns the job's id; `isDuplicate` when the idempotency key was already used (nothing inserted,
 *   the id is the existing job's).
 * @throws AppError VALIDATION_FAILED ("error.validation", field issues in `details`) for a payload
 *   the schema refuses or that is not JSON; ("jobs.unknown") for a name the registry lacks.
 * @throws RangeError for a maxAttempts that is not a positive integer (a programming error).
 */
export async function enqueueJob(
  db: Db,
  registry: JobRegistry,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<{ id: number; isDuplicate: boolean }> {
  const def = registry.get(name);
  if (def === undefined) throw new AppError("VALIDATION_FAILED", "jobs.unknown", { name });
  const json = toJson(payload);
  const parsed = def.payload.safeParse(JSON.parse(json));
  if (!parsed.success) throw validationError(parsed.error);
  const maxAttempts = options.maxAttempts ?? def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  const r = await insertJob(db, {
    name,
    payload: json,
    idempotencyKey: options.idempotencyKey ?? null,
    runAt: options.runAt ?? new Date(),
    maxAttempts,
  });
  return { id: r.id, isDuplicate: !r.isInserted };
}

export interface RunDueJobsOptions {
  /** Unique per process (e.g. host:pid): leases and result writes are guarded by it. */
  workerId: string;
  /** The batch's logical time: what is due, lease start, retry base and `ctx.now()`. */
  now: Date;
  /** Default 10. */
  batchSize?: number;
  /** How long a claimed job stays this worker's before another may reclaim it; default 5 min. */
  leaseMs?: number;
  log: JobLogger;
}

export interface RunDueJobsResult {
  /** Expired leases taken back (crashed workers). */
  reclaimed: number;
  claimed: number;
  succeeded: number;
  retried: number;
  dead: number;
  /** Claims lost to a reclaim while this worker was slow; their outcome was not recorded. */
  lost: number;
}

/**
 * Reclaims expired leases and claims a batch of due jobs in one short transaction (committed before
 * any handler runs, FOR UPDATE SKIP LOCKED so workers never share a job), then runs the handlers one
 * after another, outside it. A throwing handler is retried after `backoff(attempt)` until its last
 * attempt, then the job is 'dead' with its error kept; an unknown name or a payload its schema no
 * longer accepts is dead at once (retrying cannot help). The lease of each job is renewed just before
 * it runs, so a long batch does not lose its tail to another worker.
 * @throws only database errors (a job left 'running' then is reclaimed when its lease expires).
 */
export async function runDueJobs(
  db: Db,
  registry: JobRegistry,
  o: RunDueJobsOptions,
): Promise<RunDueJobsResult> {
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  const { reclaimed, jobs } = await inTransaction(db, async (trx) => ({
    reclaimed: await reclaimExpiredJobs(trx, o.now),
    jobs: await claimDueJobs(trx, { workerId: o.workerId, now: o.now, limit: o.batchSize ?? 10, leaseMs }),
  }));
  for (const r of reclaimed) {
    if (r.status === "dead") o.log.error({ jobId: r.id }, "job dead: lease expired on its last attempt");
    else o.log.warn({ jobId: r.id }, "job requeued: its worker's lease expired");
  }
  const result = {
    reclaimed: reclaimed.length,
    claimed: jobs.length,
    succeeded: 0,
    retried: 0,
    dead: 0,
    lost: 0,
  };
  // Elapsed real time on top of the logical `now`: deterministic in tests, correct in production.
  const started = performance.now();
  const clock = () => new Date(o.now.getTime() + (performance.now() - started));
  for (const [index, job] of jobs.entries()) {
    const claim: JobClaim = { id: job.id, workerId: o.workerId, attempts: job.attempts };
    const fields = { jobId: job.id, name: job.name, attempt: job.attempts };
    if (index > 0 && !(await renewJobLease(db, claim, new Date(clock().getTime() + leaseMs)))) {
      result.lost++;
      o.log.warn(fields, "job claim lost before it ran");
      continue;
    }
    const outcome = await runOne(db, registry, job, o);
    const isRecorded =
      outcome.kind === "succeeded"
        ? await markJobSucceeded(db, claim, clock())
        : outcome.kind === "retry"
          ? await markJobRetry(db, claim, new Date(o.now.getTime() + outcome.delayMs), outcome.error)
          : await markJobDead(db, claim, clock(), outcome.error);
    if (!isRecorded) {
      result.lost++;
      o.log.warn({ ...fields, outcome: outcome.kind }, "job claim lost while it ran; outcome not recorded");
    } else if (outcome.kind === "succeeded") {
      result.succeeded++;
    } else if (outcome.kind === "retry") {
      result.retried++;
      o.log.warn({ ...fields, err: outcome.error, retryInMs: outcome.delayMs }, "job failed; will retry");
    } else {
      result.dead++;
      o.log.error({ ...fields, err: outcome.error }, "job dead");
    }
  }
  return result;
}

type Outcome =
  { kind: "succeeded" } | { kind: "retry"; delayMs: number; error: string } | { kind: "dead"; error: string };

async function runOne(db: Db, registry: JobRegistry, job: JobRow, o: RunDueJobsOptions): Promise<Outcome> {
  const def = registry.get(job.name);
  if (def === undefined) return { kind: "dead", error: `no job named "${job.name}" is registered` };
  const parsed = def.payload.safeParse(job.payload);
  if (!parsed.success) {
    return {
      kind: "dead",
      error: truncate(`payload refused by the schema: ${z.prettifyError(parsed.error)}`),
    };
  }
  const ctx = { db, jobId: job.id, attempt: job.attempts, log: o.log, now: () => o.now };
  try {
    await def.handler(parsed.data, ctx);
    return { kind: "succeeded" };
  } catch (err) {
    const error = truncate(err instanceof Error ? err.message || err.name : String(err));
    if (job.attempts >= job.max_attempts) return { kind: "dead", error };
    const delay = (def.backoff ?? defaultBackoff)(job.attempts);
    const delayMs = Number.isFinite(delay) && delay >= 0 ? delay : defaultBackoff(job.attempts);
    return { kind: "retry", delayMs, error };
  }
}

export interface ScheduleInput {
  /** Unique; also part of each tick's idempotency key. */
  name: string;
  /** Five fields (minute hour day-of-month month day-of-week), Beijing time. */
  cron: string;
  jobName: string;
  payload?: unknown;
}

/**
 * Creates or updates a cron schedule; call it at every start for the platform's schedules. The next
 * tick is computed from `now` when the schedule is new or its expression changed; otherwise the
 * stored next_run_at is kept, so a tick that fell due during a restart still runs.
 * With `registry`, the job name and payload are checked too.
 * @returns the schedule's next_run_at.
 * @throws AppError VALIDATION_FAILED ("jobs.badCron") for an expression that is not five valid
 *   fields; ("jobs.unknown" / "error.validation") for an unknown job or bad payload given `registry`.
 */
export async function registerSchedule(
  db: Db,
  s: ScheduleInput,
  options: { now?: Date; registry?: JobRegistry } = {},
): Promise<Date> {
  const now = options.now ?? new Date();
  const nextRunAt = nextTickAfter(s.cron, now);
  const json = toJson(s.payload ?? {});
  if (options.registry !== undefined) {
    const def = options.registry.get(s.jobName);
    if (def === undefined) throw new AppError("VALIDATION_FAILED", "jobs.unknown", { name: s.jobName });
    const parsed = def.payload.safeParse(JSON.parse(json));
    if (!parsed.success) throw validationError(parsed.error);
  }
  return upsertSchedule(db, { name: s.name, cron: s.cron, jobName: s.jobName, payload: json, nextRunAt });
}

export interface EnqueuedTick {
  schedule: string;
  tick: Date;
  jobId: number;
  /** The tick's job already existed (another instance, or a retry, enqueued it). */
  isDuplicate: boolean;
}

/**
 * Enqueues the due cron ticks, in one transaction: due schedules are locked FOR UPDATE SKIP LOCKED
 * (another instance skips them), each gets one job keyed `schedule:<name>:<tick ISO>` (so even a
 * race or a retry cannot enqueue a tick twice), and next_run_at moves to the first tick after `now`.
 * Missed ticks are not replayed: when several fell due (the platform was down), only the latest one
 * (<= now) is enqueued — sweeps look at the current state, so running them once catches up.
 * The job is inserted without checking the registry: an unknown job or bad payload ends 'dead' with
 * a clear error when it runs, instead of blocking every other schedule here. A row with an invalid
 * expression (edited by hand) is disabled and logged.
 * @throws only database errors (the whole transaction rolls back; the next call retries).
 */
export async function enqueueDueSchedules(
  db: Db,
  registry: JobRegistry,
  now: Date,
  log?: JobLogger,
): Promise<EnqueuedTick[]> {
  return inTransaction(db, async (trx) => {
    const enqueued: EnqueuedTick[] = [];
    for (const s of await claimDueSchedules(trx, now)) {
      let tick: Date;
      let next: Date;
      try {
        const latest = latestTickAtOrBefore(s.cron, now);
        tick = latest.getTime() > s.next_run_at.getTime() ? latest : s.next_run_at;
        next = nextTickAfter(s.cron, now);
      } catch {
        log?.error({ schedule: s.name, cron: s.cron }, "schedule disabled: invalid cron expression");
        await disableSchedule(trx, s.name);
        continue;
      }
      const r = await insertJob(trx, {
        name: s.job_name,
        payload: JSON.stringify(s.payload ?? {}),
        idempotencyKey: `schedule:${s.name}:${tick.toISOString()}`,
        runAt: tick,
        maxAttempts: registry.get(s.job_name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      });
      await advanceSchedule(trx, { name: s.name, lastRunAt: tick, nextRunAt: next });
      enqueued.push({ schedule: s.name, tick, jobId: r.id, isDuplicate: !r.isInserted });
    }
    return enqueued;
  });
}

/**
 * The first tick strictly after `after`.
 * @throws AppError VALIDATION_FAILED ("jobs.badCron") for an invalid or non-five-field expression.
 */
export function nextTickAfter(cron: string, after: Date): Date {
  return parseCron(cron, after).next().toDate();
}

/** The latest tick at or before `at`. @throws AppError VALIDATION_FAILED like {@link nextTickAfter}. */
export function latestTickAtOrBefore(cron: string, at: Date): Date {
  // prev() is strictly before its start; ticks fall on whole minutes, so +1 ms includes `at` itself.
  return parseCron(cron, new Date(at.getTime() + 1))
    .prev()
    .toDate();
}

function parseCron(cron: string, currentDate: Date) {
  const bad = () =>
    new AppError("VALIDATION_FAILED", "jobs.badCron", { cron }, [
      { path: "cron", message: "expected five fields: minute hour day-of-month month day-of-week" },
    ] satisfies FieldIssue[]);
  // cron-parser fills missing fields with defaults ("" is every minute): insist on all five.
  if (cron.trim().split(/\s+/).length !== 5) throw bad();
  try {
    const expr = CronExpressionParser.parse(cron, { currentDate, tz: SCHEDULE_TIME_ZONE });
    expr.next(); // some expressions (e.g. 30 February) fail only when a date is sought
    expr.reset(currentDate);
    return expr;
  } catch {
    throw bad();
  }
}

/** The payload as JSON text; refuses what JSON cannot carry (undefined, cycles, bigints). */
function toJson(payload: unknown): string {
  const json = (() => {
    try {
      return JSON.stringify(payload) as string | undefined;
    } catch {
      return undefined;
    }
  })();
  if (json !== undefined) return json;
  throw new AppError("VALIDATION_FAILED", "error.validation", {}, [
    { path: "payload", message: "not representable as JSON" },
  ] satisfies FieldIssue[]);
}

function validationError(error: z.ZodError): AppError {
  const issues: FieldIssue[] = error.issues.map((i) => ({
    path: ["payload", ...i.path.map(String)].join("."),
    message: i.message,
  }));
  return new AppError("VALIDATION_FAILED", "error.validation", {}, issues);
}

function truncate(s: string): string {
  return s.length > MAX_ERROR_LENGTH ? `${s.slice(0, MAX_ERROR_LENGTH)}…` : s;
}
