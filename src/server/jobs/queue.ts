import { CronExpressionParser } from "cron-parser";
import { canonicalJson } from "../../shared/canonical-json.js";
import { AppError } from "../../shared/errors.js";
import type { Db } from "../db/db.js";
import { inTransaction } from "../db/db.js";
import {
  advanceSchedule,
  claimDue,
  claimDueSchedules,
  insertJob,
  markDead,
  markRetry,
  markSucceeded,
  reclaimExpired,
  upsertSchedule,
} from "./queue.queries.js";
import { defaultBackoffMs, type JobLog, type JobRegistry } from "./registry.js";

/** Jobs follow Xinjiang's working hours in Beijing time, the official time there. */
const SCHEDULE_TZ = "Asia/Shanghai";

export interface EnqueueOptions {
  /** The same key never enqueues twice (e.g. `case:<id>:<dueAt>`): the job runs once. */
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Enqueues a job, usually inside the transaction of the write that causes it.
 * @returns its id, and whether the idempotency key had already been used (nothing new enqueued).
 * @throws AppError VALIDATION_FAILED for an unknown job or a payload its schema refuses.
 */
export async function enqueueJob(
  db: Db,
  registry: JobRegistry,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
) {
  const def = registry.get(name);
  if (def === undefined) throw new AppError("VALIDATION_FAILED", "jobs.unknown", { name });
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) {
    throw new AppError(
      "VALIDATION_FAILED",
      "error.validation",
      {},
      parsed.error.issues.map((i) => ({
        path: ["payload", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    );
  }
  return insertJob(db, {
    name,
    payload: canonicalJson(parsed.data),
    idempotency_key: options.idempotencyKey ?? null,
    run_at: options.runAt ?? new Date(),
    max_attempts: options.maxAttempts ?? def.maxAttempts ?? 5,
  });
}

export interface RunOptions {
  workerId: string;
  now: Date;
  batchSize?: number;
  /** How long a claimed job stays with this worker before another may reclaim it. */
  leaseMs?: number;
  log: JobLog;
}

/**
 * Claims a batch of due jobs (FOR UPDATE SKIP LOCKED: workers never share a job), then runs each
 * handler outside the claim's transaction. A failure is retried with backoff until the job's
 * last attempt, after which it is dead with its error kept.
 * @returns how many ran, succeeded and failed.
 */
export async function runDueJobs(db: Db, registry: JobRegistry, o: RunOptions) {
  await reclaimExpired(db, o.now);
  const jobs = await inTransaction(db, (trx) =>
    claimDue(trx, o.workerId, o.now, o.batchSize ?? 20, o.leaseMs ?? 5 * 60_000),
  );
  let succeeded = 0;
  let failed = 0;
  for (const job of jobs) {
    const def = registry.get(job.name);
    try {
      if (def === undefined) throw new Error(`no handler registered for job ${job.name}`);
      const payload: unknown = def.payload.parse(job.payload);
      await def.handler(payload, { db, jobId: job.id, attempt: job.attempts, log: o.log, now: () => o.now });
      await markSucceeded(db, job.id, new Date());
      succeeded++;
    } catch (err) {
      failed++;
      const message = err instanceof Error ? err.message : String(err);
      if (def === undefined || job.attempts >= job.max_attempts) {
        await markDead(db, job.id, new Date(), message);
        o.log.error(
          { jobId: job.id, name: job.name, attempts: job.attempts, err: message },
          "job dead after its last attempt",
        );
      } else {
        const delay = (def.backoffMs ?? defaultBackoffMs)(job.attempts);
        await markRetry(db, job.id, new Date(o.now.getTime() + delay), message);
        o.log.warn(
          { jobId: job.id, name: job.name, attempt: job.attempts, retryInMs: delay },
          "job failed; will retry",
        );
      }
    }
  }
  return { ran: jobs.length, succeeded, failed };
}

function nextTick(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: SCHEDULE_TZ }).next().toDate();
}

/**
 * Creates or updates a cron schedule (five fields, Beijing time).
 * @throws AppError VALIDATION_FAILED for an invalid expression or an unknown job.
 */
export async function registerSchedule(
  db: Db,
  registry: JobRegistry,
  s: { name: string; cron: string; jobName: string; payload?: unknown },
  now: Date,
): Promise<Date> {
  if (registry.get(s.jobName) === undefined)
    throw new AppError("VALIDATION_FAILED", "jobs.unknown", { name: s.jobName });
  let next: Date;
  try {
    next = nextTick(s.cron, now);
  } catch {
    throw new AppError("VALIDATION_FAILED", "jobs.badCron", { cron: s.cron }, [
      { path: "cron", message: "jobs.badCron" },
    ]);
  }
  await upsertSchedule(db, {
    name: s.name,
    cron: s.cron,
    job_name: s.jobName,
    payload: canonicalJson(s.payload ?? {}),
    next_run_at: next,
  });
  return next;
}

/**
 * Enqueues one job per due schedule, keyed `schedule:<name>:<tick>` so that two instances, or a
 * retry, never enqueue the same tick twice. Ticks missed while nothing ran are not replayed: the
 * schedule moves on to its next tick after `now`.
 */
export async function enqueueDueSchedules(db: Db, registry: JobRegistry, now: Date): Promise<number> {
  return inTransaction(db, async (trx) => {
    const due = await claimDueSchedules(trx, now);
    for (const s of due) {
      await enqueueJob(trx, registry, s.job_name, s.payload, {
        idempotencyKey: `schedule:${s.name}:${s.next_run_at.toISOString()}`,
        runAt: s.next_run_at,
      });
      await advanceSchedule(trx, s.name, s.next_run_at, nextTick(s.cron, now));
    }
    return due.length;
  });
}

export interface Worker {
  /** Waits for the batch in flight, then stops polling. */
  stop(): Promise<void>;
}

/** Polls schedules and jobs every `pollMs` without overlapping runs. */
export function startWorker(o: {
  db: Db;
  registry: JobRegistry;
  workerId: string;
  pollMs: number;
  log: JobLog;
  clock?: () => Date;
}): Worker {
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const clock = o.clock ?? (() => new Date());
  const tick = async () => {
    try {
      const now = clock();
      await enqueueDueSchedules(o.db, o.registry, now);
      await runDueJobs(o.db, o.registry, { workerId: o.workerId, now, log: o.log });
    } catch (err) {
      o.log.error({ err }, "worker iteration failed");
    }
  };
  const loop = () => {
    if (isStopped) return;
    inFlight = tick().then(() => {
      if (!isStopped) timer = setTimeout(loop, o.pollMs);
    });
  };
  loop();
  return {
    async stop() {
      isStopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await inFlight;
    },
  };
}
