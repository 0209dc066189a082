import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "../../src/server/db/db.js";
import { claimDueJobs, markJobSucceeded } from "../../src/server/jobs/jobs.queries.js";
import { JobRegistry, defaultBackoff, defineJob } from "../../src/server/jobs/jobs.registry.js";
import {
  enqueueDueSchedules,
  enqueueJob,
  registerSchedule,
  runDueJobs,
} from "../../src/server/jobs/jobs.service.js";
import { startWorker } from "../../src/server/jobs/worker.js";
import { createTestDatabase } from "../helpers/db.js";

let handle: DatabaseHandle;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let runs: string[] = [];
let flakyCalls = 0;
let brokenCalls = 0;

const registry = new JobRegistry().register(
  defineJob({
    name: "record",
    payload: z.object({ label: z.string() }),
    handler: async (p) => void runs.push(p.label),
  }),
  // Default backoff: fails twice, then succeeds.
  defineJob({
    name: "flaky",
    payload: z.object({}),
    handler: async () => {
      flakyCalls++;
      if (flakyCalls <= 2) throw new Error(`transient failure ${flakyCalls}`);
    },
  }),
  defineJob({
    name: "broken",
    payload: z.object({}),
    maxAttempts: 3,
    backoff: () => 1_000,
    handler: async () => {
      brokenCalls++;
      throw new Error("always broken");
    },
  }),
  defineJob({
    name: "slow",
    payload: z.object({ ms: z.number().int() }),
    handler: async (p) => {
      runs.push("slow:start");
      await new Promise((r) => setTimeout(r, p.ms));
      runs.push("slow:end");
    },
  }),
);

const T0 = new Date("2026-06-15T02:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const run = (now: Date, workerId = "w1") => runDueJobs(handle.db, registry, { workerId, now, log: silent });
const job = (id: number) =>
  handle.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const countJobs = async () =>
  (
    await handle.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});
beforeEach(async () => {
  await handle.db.deleteFrom("jobs").execute();
  await handle.db.deleteFrom("job_schedules").execute();
  runs = [];
  flakyCalls = 0;
  brokenCalls = 0;
});

describe("job queue", () => {
  it("runs a due job once and marks it succeeded; a job not yet due waits", async () => {
    const { id } = await enqueueJob(handle.db, registry, "record", { label: "a" }, { runAt: T0 });
    expect((await run(at(-1))).claimed).toBe(0);
    expect(await run(T0)).toMatchObject({ claimed: 1, succeeded: 1, retried: 0, dead: 0 });
    expect(runs).toEqual(["a"]);
    const row = await job(id);
    expect(row).toMatchObject({ status: "succeeded", attempts: 1, locked_by: null, locked_until: null });
    expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(T0.getTime());
    expect((await run(at(60))).claimed).toBe(0);
    expect(runs).toEqual(["a"]);
  });

  it("retries a failing job after the backoff, counting attempts, until it succeeds", async () => {
    const { id } = await enqueueJob(handle.db, registry, "flaky", {}, { runAt: T0 });
    expect(await run(T0)).toMatchObject({ claimed: 1, retried: 1 });
    let row = await job(id);
    expect(row).toMatchObject({ status: "queued", attempts: 1, last_error: "transient failure 1" });
    expect(row.run_at.getTime()).toBe(T0.getTime() + defaultBackoff(1)); // 2 s
    expect((await run(at(1))).claimed).toBe(0);

    await run(at(2));
    row = await job(id);
    expect(row).toMatchObject({ status: "queued", attempts: 2, last_error: "transient failure 2" });
    expect(row.run_at.getTime()).toBe(at(2).getTime() + defaultBackoff(2)); // + 4 s
    expect((await run(at(5))).claimed).toBe(0);

    expect(await run(at(6))).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await job(id)).toMatchObject({ status: "succeeded", attempts: 3 });
    expect(flakyCalls).toBe(3);
  });

  it("ends a job that always fails 'dead' after max_attempts, keeping the last error", async () => {
    const { id } = await enqueueJob(handle.db, registry, "broken", {}, { runAt: T0 });
    await run(T0);
    await run(at(1));
    expect(await run(at(2))).toMatchObject({ claimed: 1, dead: 1 });
    const row = await job(id);
    expect(row).toMatchObject({ status: "dead", attempts: 3, max_attempts: 3, last_error: "always broken" });
    expect(row.finished_at).not.toBeNull();
    expect((await run(at(3600))).claimed).toBe(0);
    expect(brokenCalls).toBe(3);
  });

  it("lets enqueue override max attempts", async () => {
    const { id } = await enqueueJob(handle.db, registry, "broken", {}, { runAt: T0, maxAttempts: 1 });
    await run(T0);
    expect(await job(id)).toMatchObject({ status: "dead", attempts: 1 });
    expect(brokenCalls).toBe(1);
  });

  it("enqueues a duplicate idempotency key once, and the handler runs once", async () => {
    const key = "case:7:2026-06-20";
    const a = await enqueueJob(
      handle.db,
      registry,
      "record",
      { label: "once" },
      { idempotencyKey: key, runAt: T0 },
    );
    const b = await enqueueJob(
      handle.db,
      registry,
      "record",
      { label: "once" },
      { idempotencyKey: key, runAt: T0 },
    );
    const [c, d] = await Promise.all([
      enqueueJob(handle.db, registry, "record", { label: "once" }, { idempotencyKey: key }),
      enqueueJob(handle.db, registry, "record", { label: "once" }, { idempotencyKey: key }),
    ]);
    expect(a.isDuplicate).toBe(false);
    for (const dup of [b, c, d]) expect(dup).toEqual({ id: a.id, isDuplicate: true });
    expect(await countJobs()).toBe(1);
    await Promise.all([run(T0, "w1"), run(T0, "w2")]);
    await run(at(60));
    expect(runs).toEqual(["once"]);
  });

  it("runs each job exactly once when two workers claim concurrently", async () => {
    for (let i = 0; i < 12; i++)
      await enqueueJob(handle.db, registry, "record", { label: `j${i}` }, { runAt: T0 });
    const [r1, r2] = await Promise.all([
      runDueJobs(handle.db, registry, { workerId: "w1", now: T0, batchSize: 8, log: silent }),
      runDueJobs(handle.db, registry, { workerId: "w2", now: T0, batchSize: 8, log: silent }),
    ]);
    expect(r1.claimed + r2.claimed).toBe(12);
    expect([...runs].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `j${i}`).sort());
  });

  it("refuses a bad payload and an unknown job, inserting nothing", async () => {
    await expect(enqueueJob(handle.db, registry, "record", { label: 42 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      messageKey: "error.validation",
      details: [expect.objectContaining({ path: "payload.label" })],
    });
    await expect(enqueueJob(handle.db, registry, "record", undefined)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(enqueueJob(handle.db, registry, "nope", {})).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      messageKey: "jobs.unknown",
    });
    expect(await countJobs()).toBe(0);
  });

  it("ends a job of an unknown name, or with a payload its schema refuses, dead at once", async () => {
    const [unknown, stale] = await handle.db
      .insertInto("jobs")
      .values([
        { name: "gone.job", payload: "{}", run_at: T0 },
        { name: "record", payload: JSON.stringify({ label: 1 }), run_at: T0 },
      ])
      .returning("id")
      .execute();
    expect(await run(T0)).toMatchObject({ claimed: 2, dead: 2 });
    expect(await job(unknown!.id)).toMatchObject({ status: "dead", attempts: 1 });
    expect((await job(unknown!.id)).last_error).toMatch(/no job named "gone\.job" is registered/);
    expect((await job(stale!.id)).last_error).toMatch(/payload refused by the schema/);
    expect(runs).toEqual([]);
  });

  it("reclaims a running job whose lease expired, and ignores the crashed worker's late result", async () => {
    const { id } = await enqueueJob(handle.db, registry, "record", { label: "orphan" }, { runAt: T0 });
    const [claimed] = await claimDueJobs(handle.db, {
      workerId: "crashed",
      now: T0,
      limit: 10,
      leaseMs: 60_000,
    });
    expect(claimed).toMatchObject({ id, status: "running", attempts: 1, locked_by: "crashed" });
    expect(await run(at(30), "w2")).toMatchObject({ reclaimed: 0, claimed: 0 });
    expect((await job(id)).status).toBe("running");

    expect(await run(at(61), "w2")).toMatchObject({ reclaimed: 1, claimed: 1, succeeded: 1 });
    expect(await job(id)).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(runs).toEqual(["orphan"]);
    // The crashed worker comes back and reports its (first) attempt: nothing changes.
    expect(await markJobSucceeded(handle.db, { id, workerId: "crashed", attempts: 1 }, at(90))).toBe(false);
  });

  it("ends a job dead when its lease expired on the last attempt", async () => {
    const { id } = await enqueueJob(
      handle.db,
      registry,
      "record",
      { label: "x" },
      { runAt: T0, maxAttempts: 1 },
    );
    await claimDueJobs(handle.db, { workerId: "crashed", now: T0, limit: 10, leaseMs: 1_000 });
    expect(await run(at(5))).toMatchObject({ reclaimed: 1, claimed: 0 });
    const row = await job(id);
    expect(row).toMatchObject({ status: "dead", attempts: 1 });
    expect(row.last_error).toMatch(/lease expired while held by crashed/);
    expect(runs).toEqual([]);
  });
});

describe("cron schedules", () => {
  const sweep = { name: "sweep", cron: "*/15 * * * *", jobName: "record", payload: { label: "tick" } };
  const schedule = () =>
    handle.db.selectFrom("job_schedules").selectAll().where("name", "=", "sweep").executeTakeFirstOrThrow();
  const tickKeys = async () =>
    (
      await handle.db
        .selectFrom("jobs")
        .select("idempotency_key")
        .where("idempotency_key", "like", "schedule:sweep:%")
        .orderBy("idempotency_key")
        .execute()
    ).map((r) => r.idempotency_key);

  it("enqueue exactly one job per tick, even when called twice or concurrently, and advance next_run_at", async () => {
    const next = await registerSchedule(handle.db, sweep, { now: at(60), registry });
    expect(next.toISOString()).toBe("2026-06-15T02:15:00.000Z");
    expect(await enqueueDueSchedules(handle.db, registry, at(600))).toEqual([]);

    const now = new Date("2026-06-15T02:15:30Z");
    const [a, b] = await Promise.all([
      enqueueDueSchedules(handle.db, registry, now),
      enqueueDueSchedules(handle.db, registry, now),
    ]);
    expect([...a, ...b].filter((t) => !t.isDuplicate)).toHaveLength(1);
    expect(await enqueueDueSchedules(handle.db, registry, now)).toEqual([]);
    expect(await tickKeys()).toEqual(["schedule:sweep:2026-06-15T02:15:00.000Z"]);
    const s = await schedule();
    expect(s.next_run_at.toISOString()).toBe("2026-06-15T02:30:00.000Z");
    expect(s.last_run_at?.toISOString()).toBe("2026-06-15T02:15:00.000Z");

    // A retry after a lost commit acknowledgement (next_run_at not advanced) still enqueues nothing new.
    await handle.db
      .updateTable("job_schedules")
      .set({ next_run_at: new Date("2026-06-15T02:15:00Z") })
      .execute();
    const [retry] = await enqueueDueSchedules(handle.db, registry, now);
    expect(retry).toMatchObject({ schedule: "sweep", isDuplicate: true });
    expect(await tickKeys()).toHaveLength(1);

    await run(now);
    expect(runs).toEqual(["tick"]);
  });

  it("enqueue only the latest of several missed ticks and move to the first tick after now", async () => {
    await registerSchedule(handle.db, sweep, { now: T0 }); // next 02:15
    const late = new Date("2026-06-15T03:20:00Z"); // missed 02:15, 02:30, 02:45, 03:00; latest 03:15
    const ticks = await enqueueDueSchedules(handle.db, registry, late);
    expect(ticks.map((t) => t.tick.toISOString())).toEqual(["2026-06-15T03:15:00.000Z"]);
    expect(await tickKeys()).toEqual(["schedule:sweep:2026-06-15T03:15:00.000Z"]);
    expect((await schedule()).next_run_at.toISOString()).toBe("2026-06-15T03:30:00.000Z");
  });

  it("keep next_run_at when re-registered unchanged, and recompute it (Beijing time) when the cron changes", async () => {
    await registerSchedule(handle.db, sweep, { now: T0 });
    expect((await registerSchedule(handle.db, sweep, { now: at(3600) })).toISOString()).toBe(
      "2026-06-15T02:15:00.000Z",
    );
    await handle.db.updateTable("job_schedules").set({ is_enabled: false }).execute();
    const nightly = await registerSchedule(handle.db, { ...sweep, cron: "30 3 * * *" }, { now: T0 });
    expect(nightly.toISOString()).toBe("2026-06-15T19:30:00.000Z"); // 03:30 in Beijing
    expect(await schedule()).toMatchObject({ cron: "30 3 * * *", is_enabled: false });
  });

  it("disable a stored schedule whose expression no longer parses, without blocking the others", async () => {
    await registerSchedule(handle.db, sweep, { now: T0 });
    await registerSchedule(handle.db, { ...sweep, name: "hand-edited" }, { now: T0 });
    await handle.db
      .updateTable("job_schedules")
      .set({ cron: "nonsense" })
      .where("name", "=", "hand-edited")
      .execute();
    const ticks = await enqueueDueSchedules(handle.db, registry, at(15 * 60));
    expect(ticks.map((t) => t.schedule)).toEqual(["sweep"]);
    const edited = await handle.db
      .selectFrom("job_schedules")
      .select("is_enabled")
      .where("name", "=", "hand-edited")
      .executeTakeFirstOrThrow();
    expect(edited.is_enabled).toBe(false);
  });

  it("refuse an invalid cron expression", async () => {
    for (const cron of ["every tuesday", "61 * * * *", "* * * *", "", "0 0 30 2 *", "* * * * * *"]) {
      await expect(registerSchedule(handle.db, { ...sweep, cron }, { now: T0 })).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        messageKey: "jobs.badCron",
      });
    }
    await expect(
      registerSchedule(handle.db, { ...sweep, payload: { label: 3 } }, { now: T0, registry }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", messageKey: "error.validation" });
    expect(await handle.db.selectFrom("job_schedules").selectAll().execute()).toEqual([]);
  });
});

describe("worker loop", () => {
  it("enqueues due ticks, runs due jobs, and stop() waits for the job in flight", async () => {
    const tickSchedule = {
      name: "worker-sweep",
      cron: "*/15 * * * *",
      jobName: "record",
      payload: { label: "tick" },
    };
    await registerSchedule(handle.db, tickSchedule, { now: T0 });
    await enqueueJob(handle.db, registry, "slow", { ms: 300 }, { runAt: T0 });
    const worker = startWorker({
      db: handle.db,
      registry,
      workerId: "loop",
      pollMs: 20,
      log: silent,
      clock: () => at(15 * 60),
    });
    const deadline = Date.now() + 10_000;
    while (!runs.includes("slow:start") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(runs).toContain("slow:end"); // stop() resolved only after the handler finished
    const rows = await handle.db.selectFrom("jobs").select(["name", "status"]).orderBy("name").execute();
    expect(rows).toEqual([
      { name: "record", status: "succeeded" },
      { name: "slow", status: "succeeded" },
    ]);
    expect(runs).toContain("tick");

    // Stopped: nothing runs any more.
    await enqueueJob(handle.db, registry, "record", { label: "after-stop" }, { runAt: T0 });
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).not.toContain("after-stop");
    await worker.stop(); // idempotent
  });
});
