import type { Db } from "../db/db.js";
import type { JobLogger, JobRegistry } from "./jobs.registry.js";
import { enqueueDueSchedules, runDueJobs } from "./jobs.service.js";

export interface WorkerOptions {
  db: Db;
  registry: JobRegistry;
  /** Unique per process (e.g. `${hostname}:${pid}`). */
  workerId: string;
  /** Pause between iterations that found less than a full batch. */
  pollMs: number;
  log: JobLogger;
  batchSize?: number;
  leaseMs?: number;
  /** The time each iteration runs at; default the system clock (tests may pin it). */
  clock?: () => Date;
}

export interface Worker {
  /** Stops polling and resolves once the iteration in flight (if any) has finished. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the job loop of this process: each iteration enqueues the due cron ticks, then claims and
 * runs one batch of due jobs. Iterations never overlap (the next is scheduled with setTimeout only
 * after the previous one finished); a full batch is followed at once by the next, otherwise the loop
 * waits `pollMs`. An iteration that fails (e.g. the database is unreachable) is logged and the loop
 * carries on. Several processes may run workers on one database: claims skip each other's rows.
 * Never throws; the first iteration starts on the next turn of the event loop.
 */
export function startWorker(o: WorkerOptions): Worker {
  const clock = o.clock ?? (() => new Date());
  const batchSize = o.batchSize ?? 10;
  let isStopping = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  /** One iteration; resolves true when the batch was full (more jobs are probably due). */
  const iterate = async (): Promise<boolean> => {
    try {
      const now = clock();
      await enqueueDueSchedules(o.db, o.registry, now, o.log);
      const r = await runDueJobs(o.db, o.registry, {
        workerId: o.workerId,
        now,
        batchSize,
        leaseMs: o.leaseMs,
        log: o.log,
      });
      return r.claimed >= batchSize;
    } catch (err) {
      o.log.error({ err, workerId: o.workerId }, "job worker iteration failed");
      return false;
    }
  };

  const scheduleNext = (delayMs: number): void => {
    if (isStopping) return;
    timer = setTimeout(() => {
      timer = undefined;
      inFlight = iterate().then((isBatchFull) => {
        inFlight = undefined;
        scheduleNext(isBatchFull ? 0 : o.pollMs);
      });
    }, delayMs);
  };

  scheduleNext(0);
  return {
    async stop() {
      isStopping = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
