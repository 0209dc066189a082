import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../src/server/db/db.js";
import {
  enqueueDueSchedules,
  enqueueJob,
  registerSchedule,
  runDueJobs,
  startWorker,
} from "../../src/server/jobs/queue.js";
import { JobRegistry, defineJob } from "../../src/server/jobs/registry.js";
import { createTestDatabase } from "../helpers/db.js";

let handle: DatabaseHandle;
const runs: string[] = [];
let flakyFailures = 0;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const registry = new JobRegistry().register(
  defineJob({
    name: "record",
    payload: z.object({ label: z.string() }),
    handler: async (p) => void runs.push(p.label),
  }),
  defineJob({
    name: "flaky",
    payload: z.object({ label: z.string() }),
    maxAttempts: 5,
    backoffMs: (attempt) => attempt * 10_000,
    handler: async (p) => {
      if (flakyFailures < 2) {
        flakyFailures++;
        throw new Error(`transient failure ${flakyFailures}`);
      }
      runs.push(p.label);
    },
  }),
  defineJob({
    name: "broken",
    payload: z.object({}),
    maxAttempts: 2,
    backoffMs: () => 1000,
    handler: async () => {
      throw new Error("always broken");
    },
  }),
);

const T0 = new Date("2026-06-15T02:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const run = (now: Date, workerId = "w1") => runDueJobs(handle.db, registry, { workerId, now, log: silent });
const job = (id: number) =>
  handle.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("job queue", () => {
  it("runs a due job once and marks it succeeded; a future job waits", async () => {
    const now = await enqueueJob(handle.db, registry, "record", { label: "now" }, { runAt: T0 });
    const later = await enqueueJob(handle.db, registry, "record", { label: "later" }, { runAt: at(3600) });
    expect(await run(T0)).toEqual({ ran: 1, succeeded: 1, failed: 0 });
    expect(runs).toEqual(["now"]);
    expect((await job(now.id)).status).toBe("succeeded");
    expect((await job(later.id)).status).toBe("queued");
    expect(await run(T0)).toEqual({ ran: 0, succeeded: 0, failed: 0 });
    await run(at(3600));
    expect(runs).toEqual(["now", "later"]);
  });

  it("retries a failing job with backoff until it succeeds", async () => {
    const { id } = await enqueueJob(handle.db, registry, "flaky", { label: "flaky" }, { runAt: T0 });
    await run(T0);
    let row = await job(id);
    expect(row).toMatchObject({ status: "queued", attempts: 1, last_error: "transient failure 1" });
    expect(row.run_at.getTime()).toBe(at(10).getTime());
    expect((await run(at(5))).ran).toBe(0);
    await run(at(10));
    row = await job(id);
    expect(row).toMatchObject({ status: "queued", attempts: 2 });
    expect(row.run_at.getTime()).toBe(at(30).getTime());
    await run(at(30));
    expect((await job(id)).status).toBe("succeeded");
    expect(runs.filter((r) => r === "flaky")).toHaveLength(1);
  });

  it("marks a job dead after its last attempt, keeping the error", async () => {
    const { id } = await enqueueJob(handle.db, registry, "broken", {}, { runAt: T0 });
    await run(T0);
    await run(at(1));
    const row = await job(id);
    expect(row).toMatchObject({ status: "dead", attempts: 2, last_error: "always broken" });
    expect((await run(at(100))).ran).toBe(0);
  });

  it("enqueues a duplicate idempotency key once, and the job runs once", async () => {
    const a = await enqueueJob(
      handle.db,
      registry,
      "record",
      { label: "once" },
      { idempotencyKey: "case:1:2026-06-20", runAt: T0 },
    );
    const b = await enqueueJob(
      handle.db,
      registry,
      "record",
      { label: "once" },
      { idempotencyKey: "case:1:2026-06-20", runAt: T0 },
    );
    expect(b).toEqual({ id: a.id, isDuplicate: true });
    await Promise.all([run(T0, "w1"), run(T0, "w2")]);
    expect(runs.filter((r) => r === "once")).toHaveLength(1);
  });

  it("refuses an unknown job and a bad payload", async () => {
    await expect(enqueueJob(handle.db, registry, "nope", {})).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(enqueueJob(handle.db, registry, "record", { label: 42 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("reclaims a job whose worker died holding its lease", async () => {
    const { id } = await enqueueJob(handle.db, registry, "record", { label: "orphan" }, { runAt: T0 });
    await handle.db
      .updateTable("jobs")
      .set({ status: "running", locked_by: "dead-worker", locked_until: at(60), attempts: 1 })
      .where("id", "=", id)
      .execute();
    expect((await run(at(30))).ran).toBe(0);
    await run(at(61));
    expect((await job(id)).status).toBe("succeeded");
    expect(runs).toContain("orphan");
  });
});

describe("cron schedules", () => {
  it("enqueue exactly one job per tick, even when called twice or concurrently, and move to the next tick", async () => {
    const next = await registerSchedule(
      handle.db,
      registry,
      { name: "sweep", cron: "*/5 * * * *", jobName: "record", payload: { label: "tick" } },
      at(60),
    );
    expect(next.toISOString()).toBe("2026-06-15T02:05:00.000Z");
    const tick = new Date("2026-06-15T02:05:30Z");
    const counts = await Promise.all([
      enqueueDueSchedules(handle.db, registry, tick),
      enqueueDueSchedules(handle.db, registry, tick),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await enqueueDueSchedules(handle.db, registry, tick)).toBe(0);
    const queued = await handle.db
      .selectFrom("jobs")
      .select("idempotency_key")
      .where("idempotency_key", "like", "schedule:sweep:%")
      .execute();
    expect(queued).toEqual([{ idempotency_key: "schedule:sweep:2026-06-15T02:05:00.000Z" }]);
    const schedule = await handle.db
      .selectFrom("job_schedules")
      .selectAll()
      .where("name", "=", "sweep")
      .executeTakeFirstOrThrow();
    expect(schedule.next_run_at.toISOString()).toBe("2026-06-15T02:10:00.000Z");
  });

  it("refuses an invalid cron expression", async () => {
    await expect(
      registerSchedule(handle.db, registry, { name: "bad", cron: "every tuesday", jobName: "record" }, T0),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

describe("worker loop", () => {
  it("runs due jobs and stop() waits for the batch in flight", async () => {
    await enqueueJob(handle.db, registry, "record", { label: "by-worker" }, { runAt: new Date(0) });
    const worker = startWorker({ db: handle.db, registry, workerId: "loop", pollMs: 20, log: silent });
    const deadline = Date.now() + 10_000;
    while (!runs.includes("by-worker") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(runs).toContain("by-worker");
  });
});
