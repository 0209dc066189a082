import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { buildJobRegistry } from "../../src/server/jobs/jobs.js";
import { enqueueJob, runDueJobs } from "../../src/server/jobs/jobs.service.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import type {
  NotificationProvider,
  OutgoingMessage,
} from "../../src/server/modules/notifications/notifications.provider.js";
import {
  deliverNotification,
  scanNotifications,
} from "../../src/server/modules/notifications/notifications.service.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { Sessions } from "../helpers/sessions.js";

/*
 * A fixed fixture, inserted row by row, for the statistics, the ranking and the notifications.
 * Period 2026-05-01 … 2026-05-31 (Beijing). Agency A = 喀什 市场监管 (cases in 653101), agency B =
 * 喀什 人社 (cases in 653121).
 *   a1 concluded 05-05, due 05-10 (on time), accepted,                rating 1
 *   a2 concluded 05-20, due 05-15 (late),    corrected_then_accepted, rating 5 → rectification closed
 *   a3 concluded 05-08 23:30 Beijing, due 05-08 (on time), tolerance, rating 4 → rectification open, due 05-28
 *   a4 accepted, running, red warning,        accepted
 *   a0 submitted 04-30 23:00 Beijing (outside the period), rating 5
 *   b1 concluded 05-10, due 05-12 (on time), accepted,                rating 2
 *   b2 not accepted (not_ours)
 *   b3 submitted, not yet accepted
 *   complaint k1 about a2, dispatched to A, region 653101, due 05-25; complaint k2 received, region 653121
 */
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.4.0");
const SUPERVISOR = "kashgar.supervisor";
const SAMR_REVIEWER = "kashgar.samr.reviewer";
const HRSS_REVIEWER = "kashgar.hrss.reviewer";
const ids: Record<string, string> = {};
let agencyA = 0;
let agencyB = 0;
let rectOpenId = 0;
let changeRequestId = 0;

async function agencyId(line: string): Promise<number> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/agencies?region=6531&line=${line}` });
  return res
    .json<{ items: { id: number; regionCode: string }[] }>()
    .items.find((a) => a.regionCode === "6531")?.id as number;
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  agencyA = await agencyId("market_regulation");
  agencyB = await agencyId("human_resources");
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: agencyA, content: basicItem({ name: "统计测试事项", itemType: "20" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    {
      layer: "guide",
      agencyId: agencyA,
      basicCode: basic.entry.code,
      content: guide({ name: "统计测试事项", itemType: "20" }),
    },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  const db = t.database.db;
  const citizen = await db
    .selectFrom("users")
    .select("id")
    .where("kind", "=", "person")
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  let seq = 0;
  const insertCase = async (
    name: string,
    c: {
      agency: number;
      region: string;
      status: string;
      outcome: string | null;
      submitted: string;
      decided?: string;
      due?: string;
      warning?: "normal" | "yellow" | "red";
      channel?: "online" | "window";
    },
  ) => {
    const id = randomUUID();
    ids[name] = id;
    await sql`
      insert into cases (id, case_number, guide_entry_id, guide_version_id, guide_code, item_name, agency_id,
        handling_region_code, receiving_region_code, applicant_id, channel, status, acceptance_outcome, case_kind,
        form_data_enc, submitted_at, accepted_on, promised_limit_days, promised_due, warning_level, decided_at)
      values (${id}, ${`FX${String(++seq).padStart(4, "0")}`}, ${g.entry.id}, ${g.version.id}, ${g.entry.code},
        '统计测试事项', ${c.agency}, ${c.region}, ${c.region}, ${citizen.id}, ${c.channel ?? "online"}, ${c.status},
        ${c.outcome}, '2', 'x', ${new Date(c.submitted)}, ${c.outcome === null ? null : c.submitted.slice(0, 10)},
        5, ${c.due ?? null}, ${c.warning ?? "normal"}, ${c.decided === undefined ? null : new Date(c.decided)})
    `.execute(db);
    return id;
  };
  const rate = async (caseName: string, level: number, agency: number, region: string) => {
    const r = await sql<{ id: number }>`
      insert into evaluations (case_id, rater_id, channel, level, indicators, guide_code, agency_id, region_code, created_at)
      values (${ids[caseName]}, ${citizen.id}, 'online', ${level}, '{}'::jsonb, ${g.entry.code}, ${agency}, ${region}, ${now})
      returning id`.execute(db);
    return r.rows[0]?.id as number;
  };
  const task = async (evaluationId: number, status: string, due: string) => {
    const r = await sql<{ id: number }>`
      insert into rectification_tasks (evaluation_id, agency_id, region_code, due_date, status)
      values (${evaluationId}, ${agencyA}, '653101', ${due}, ${status}) returning id`.execute(db);
    return r.rows[0]?.id as number;
  };
  const A = { agency: agencyA, region: "653101" };
  const B = { agency: agencyB, region: "653121" };
  await insertCase("a1", {
    ...A,
    status: "delivered",
    outcome: "accepted",
    submitted: "2026-05-02T02:00:00Z",
    decided: "2026-05-05T02:00:00Z",
    due: "2026-05-10",
  });
  await insertCase("a2", {
    ...A,
    status: "delivered",
    outcome: "corrected_then_accepted",
    submitted: "2026-05-03T02:00:00Z",
    decided: "2026-05-20T02:00:00Z",
    due: "2026-05-15",
  });
  await insertCase("a3", {
    ...A,
    status: "approved",
    outcome: "tolerance",
    submitted: "2026-05-04T02:00:00Z",
    decided: "2026-05-08T15:30:00Z",
    due: "2026-05-08",
    channel: "window",
  });
  await insertCase("a4", {
    ...A,
    status: "accepted",
    outcome: "accepted",
    submitted: "2026-05-06T02:00:00Z",
    due: "2026-05-12",
    warning: "red",
  });
  await insertCase("a0", {
    ...A,
    status: "delivered",
    outcome: "accepted",
    submitted: "2026-04-30T15:00:00Z",
    decided: "2026-05-02T02:00:00Z",
    due: "2026-05-09",
  });
  await insertCase("b1", {
    ...B,
    status: "delivered",
    outcome: "accepted",
    submitted: "2026-05-07T02:00:00Z",
    decided: "2026-05-10T02:00:00Z",
    due: "2026-05-12",
  });
  await insertCase("b2", {
    ...B,
    status: "not_accepted",
    outcome: "not_ours",
    submitted: "2026-05-08T02:00:00Z",
    channel: "window",
  });
  await insertCase("b3", { ...B, status: "submitted", outcome: null, submitted: "2026-05-31T15:30:00Z" });
  await rate("a1", 1, agencyA, "653101");
  await task(await rate("a2", 5, agencyA, "653101"), "closed", "2026-06-10");
  rectOpenId = await task(await rate("a3", 4, agencyA, "653101"), "open", "2026-05-28");
  await rate("a0", 5, agencyA, "653101");
  await rate("b1", 2, agencyB, "653121");
  await sql`
    insert into complaints (id, number, channel, category, content, related_case_id, agency_id, region_code, status, due_date, created_at)
    values (${randomUUID()}, 'TS-1', 'portal', 'efficiency', '多次补材料', ${ids.a2}, ${agencyA}, '653101', 'dispatched', '2026-05-25', ${new Date("2026-05-21T02:00:00Z")}),
           (${randomUUID()}, 'TS-2', 'hotline', 'other', '咨询', null, null, '653121', 'received', null, ${new Date("2026-05-22T02:00:00Z")})
  `.execute(db);
  const cr = await sql<{ id: number }>`
    insert into change_requests (entry_id, layer, kind, trigger_situation, trigger_date, reason, status,
      filing_agency_id, region_code, filed_on, filing_due, is_late_filing, review_due)
    values (${g.entry.id}, 'guide', 'modify', 1, '2026-06-01', '测试', 'submitted', ${agencyA}, '6531',
      '2026-06-02', '2026-06-10', false, '2026-06-16')
    returning id`.execute(db);
  changeRequestId = cr.rows[0]?.id as number;
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function get<T>(login: string, url: string) {
  const res = await t.app.inject({ method: "GET", url, headers: await sessions.as(login) });
  const isJson = String(res.headers["content-type"]).includes("json");
  return { status: res.statusCode, body: (isJson ? res.json<T>() : undefined) as T, raw: res };
}

interface RankingRow {
  rank: number;
  key: string;
  name: string;
  score: number;
  cases: number;
  concluded: number;
  onTimeRate: number | null;
  satisfaction: number | null;
  rectificationRate: number | null;
  complaints: number;
  complaintRate: number;
}

describe("statistics: acceptance outcomes", () => {
  it("breaks cases down by acceptance outcome, counts by hand", async () => {
    const res = await get<{
      rows: {
        key: string;
        cases: number;
        concluded: number;
        onTimeRate: number;
        complaints: number;
        acceptance: Record<string, number>;
      }[];
    }>(SUPERVISOR, "/api/v1/statistics?region=6531&from=2026-05-01&to=2026-05-31&groupBy=agency");
    expect(res.status).toBe(200);
    const a = res.body.rows.find((r) => r.key === String(agencyA));
    const b = res.body.rows.find((r) => r.key === String(agencyB));
    expect(a).toMatchObject({ cases: 4, concluded: 3, onTimeRate: 66.7, complaints: 1 });
    expect(a?.acceptance).toEqual({
      accepted: 2,
      correctedThenAccepted: 1,
      tolerance: 1,
      notOurs: 0,
      notCatalogued: 0,
      pending: 0,
    });
    expect(b?.acceptance).toEqual({
      accepted: 1,
      correctedThenAccepted: 0,
      tolerance: 0,
      notOurs: 1,
      notCatalogued: 0,
      pending: 1,
    });
  });

  it("exports the statistics as xlsx with the same numbers", async () => {
    const res = await get<unknown>(
      SUPERVISOR,
      "/api/v1/statistics?region=6531&from=2026-05-01&to=2026-05-31&groupBy=agency&format=xlsx",
    );
    expect(res.raw.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("统计");
    expect(ws?.getRow(1).getCell(1).value).toBe("分组");
    expect(ws?.getRow(1).getCell(14).value).toBe("补正后受理");
    const rowA = ws?.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(1).value === String(agencyA));
    expect(rowA?.getCell(2).value).toBe(4);
    expect(rowA?.getCell(13).value).toBe(2);
  });
});

describe("assessment ranking (办法 35)", () => {
  it("ranks agencies by the composite score, matching hand-computed numbers", async () => {
    const res = await get<{ rows: RankingRow[]; weights: Record<string, number> }>(
      SUPERVISOR,
      "/api/v1/rankings?region=6531&from=2026-05-01&to=2026-05-31&by=agency",
    );
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r) => [r.rank, r.key])).toEqual([
      [1, String(agencyB)],
      [2, String(agencyA)],
    ]);
    // B: T = 1/1, S = (6 − 2)/5 = 0.8, no bad rating (R left out), C = 1 → 100 × (40 + 24 + 15) / 85
    expect(res.body.rows[0]).toMatchObject({
      cases: 3,
      concluded: 1,
      onTimeRate: 100,
      satisfaction: 80,
      rectificationRate: null,
      complaints: 0,
      score: 92.94,
    });
    // A: T = 2/3, S = (6 − 10/3)/5 = 8/15, R = 1/2, C = max(0, 1 − 10 × 1/4) = 0
    //    → 100 × (40 × 2/3 + 30 × 8/15 + 15 × 1/2 + 0) / 100 = 50.17
    expect(res.body.rows[1]).toMatchObject({
      cases: 4,
      concluded: 3,
      onTimeRate: 66.7,
      satisfaction: 53.3,
      rectificationRate: 50,
      complaints: 1,
      complaintRate: 25,
      score: 50.17,
    });
    expect(res.body.rows[1]?.name).toContain("市场监督管理");
  });

  it("ranks the counties below a prefecture; region complaints count there", async () => {
    const res = await get<{ rows: RankingRow[] }>(
      SUPERVISOR,
      "/api/v1/rankings?region=6531&from=2026-05-01&to=2026-05-31&by=region",
    );
    // 653121: as B but C = max(0, 1 − 10 × 1/3) = 0 → 100 × (40 + 24) / 85 = 75.29
    expect(res.body.rows.map((r) => [r.rank, r.key, r.score])).toEqual([
      [1, "653121", 75.29],
      [2, "653101", 50.17],
    ]);
    expect(res.body.rows[0]?.name).toBe("疏附县");
  });

  it("exports as CSV and xlsx, and refuses outsiders and a reversed period", async () => {
    const csv = await get<unknown>(
      SUPERVISOR,
      "/api/v1/rankings?region=6531&from=2026-05-01&to=2026-05-31&by=region&format=csv",
    );
    expect(csv.raw.body).toContain("名次,编码,名称,综合得分");
    expect(csv.raw.body).toContain("1,653121,疏附县,75.29,3,1,100");
    const xlsx = await get<unknown>(
      SUPERVISOR,
      "/api/v1/rankings?region=6531&from=2026-05-01&to=2026-05-31&by=agency&format=xlsx",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("部门排名");
    expect(ws?.getRow(2).getCell(2).value).toBe(String(agencyB));
    expect(ws?.getRow(3).getCell(4).value).toBe(50.17);
    expect(
      (await get(SAMR_REVIEWER, "/api/v1/rankings?region=6531&from=2026-05-01&to=2026-05-31")).status,
    ).toBe(403);
    expect((await get(SUPERVISOR, "/api/v1/rankings?region=6501&from=2026-05-01&to=2026-05-31")).status).toBe(
      403,
    );
    const reversed = await get<{ error: { code: string } }>(
      SUPERVISOR,
      "/api/v1/rankings?region=6531&from=2026-05-31&to=2026-05-01",
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("notifications", () => {
  interface Item {
    id: number;
    objectType: string;
    objectId: string;
    level: string;
    message: string;
    readAt: string | null;
  }
  const mine = async (login: string) =>
    (await get<{ items: Item[]; unread: number }>(login, "/api/v1/notifications")).body;

  it("notifies the responsible staff once per object and warning level", async () => {
    const first = await scanNotifications(t.database.db, now);
    // a4 red; rectification opened + overdue; complaint TS-1 dispatched + overdue; change request due
    expect(first.triggers).toBe(6);
    const samr = await mine(SAMR_REVIEWER);
    expect(samr.items.map((i) => `${i.objectType}:${i.level}`).sort()).toEqual([
      "case:red",
      "complaint:dispatched",
      "complaint:overdue",
      "rectification:opened",
      "rectification:overdue",
    ]);
    expect(samr.unread).toBe(5);
    expect(samr.items.find((i) => i.objectType === "case")?.objectId).toBe(ids.a4);
    expect(samr.items.find((i) => i.objectType === "rectification")?.objectId).toBe(String(rectOpenId));
    expect(samr.items.find((i) => i.objectType === "case")?.message).toContain("红牌预警");
    expect((await mine("kashgar.samr.approver")).items).toHaveLength(5);
    expect((await mine(HRSS_REVIEWER)).items).toHaveLength(0);
    const justice = await mine("kashgar.justice.reviewer");
    expect(justice.items.map((i) => [i.objectType, i.objectId, i.level])).toEqual([
      ["change_request", String(changeRequestId), "due"],
    ]);
    // nothing new: a second scan notifies nobody twice
    expect(await scanNotifications(t.database.db, now)).toEqual({ triggers: 0, notifications: 0 });
    // a yellow case turning red is notified once more; back to yellow is not notified again
    await sql`update cases set warning_level = 'yellow' where id = ${ids.a1}`.execute(t.database.db);
    await sql`update cases set status = 'accepted' where id = ${ids.a1}`.execute(t.database.db);
    expect((await scanNotifications(t.database.db, now)).triggers).toBe(1);
    await sql`update cases set warning_level = 'red' where id = ${ids.a1}`.execute(t.database.db);
    expect((await scanNotifications(t.database.db, now)).triggers).toBe(1);
    await sql`update cases set warning_level = 'yellow' where id = ${ids.a1}`.execute(t.database.db);
    expect((await scanNotifications(t.database.db, now)).triggers).toBe(0);
    await sql`update cases set warning_level = 'normal', status = 'delivered' where id = ${ids.a1}`.execute(
      t.database.db,
    );
    // the change request's review passes its due date: 'overdue' is a new level
    const later = new Date("2026-06-17T02:00:00Z");
    const r = await scanNotifications(t.database.db, later);
    expect(r.triggers).toBe(1);
    expect((await mine("kashgar.justice.reviewer")).items[0]?.level).toBe("overdue");
  });

  it("marks read, one or all, and only the owner's", async () => {
    const before = await mine(SAMR_REVIEWER);
    const one = before.items[0] as Item;
    const headers = await sessions.as(SAMR_REVIEWER);
    const read = await t.app.inject({ method: "POST", url: `/api/v1/notifications/${one.id}/read`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json<Item>().readAt).toBe(now.toISOString());
    expect((await mine(SAMR_REVIEWER)).unread).toBe(before.unread - 1);
    const other = await t.app.inject({
      method: "POST",
      url: `/api/v1/notifications/${one.id}/read`,
      headers: await sessions.as(HRSS_REVIEWER),
    });
    expect(other.statusCode).toBe(404);
    const unread = await get<{ items: Item[] }>(SAMR_REVIEWER, "/api/v1/notifications?unread=true");
    expect(unread.body.items.map((i) => i.id)).not.toContain(one.id);
    const all = await t.app.inject({ method: "POST", url: "/api/v1/notifications/read-all", headers });
    expect(all.json<{ updated: number }>().updated).toBe(before.unread - 1);
    expect((await mine(SAMR_REVIEWER)).unread).toBe(0);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/notifications" })).statusCode).toBe(401);
    const audit = await t.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "in", ["notification.read", "notification.read_all", "notification.scan"])
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(["notification.read", "notification.read_all", "notification.scan"]),
    );
  });

  it("sends SMS/email through the job queue with the logging provider, never twice", async () => {
    const count = await t.database.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const urgent = await t.database.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("level", "in", ["red", "overdue"])
      .executeTakeFirstOrThrow();
    const logged: object[] = [];
    const log = { info: (f: object) => logged.push(f), warn: () => undefined, error: () => undefined };
    const registry = buildJobRegistry({
      secrets: t.secrets,
      publicBaseUrl: "https://tongban.example",
      notifyProvider: "log",
    });
    for (let i = 0; i < 20; i++) {
      const r = await runDueJobs(t.database.db, registry, {
        workerId: "test",
        now: new Date("2026-06-18T00:00:00Z"),
        log,
        batchSize: 50,
      });
      if (r.claimed === 0) break;
    }
    // Other modules' jobs (e.g. sealing the cases' notices) share the queue: count the deliveries.
    const delivered = await t.database.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("name", "=", "notifications.deliver")
      .where("status", "=", "succeeded")
      .executeTakeFirstOrThrow();
    expect(Number(delivered.n)).toBe(Number(count.n));
    const sent = logged
      .map((f) => (f as { notification?: OutgoingMessage }).notification)
      .filter((m): m is OutgoingMessage => m !== undefined);
    expect(sent).toHaveLength(Number(count.n) + Number(urgent.n));
    expect(sent.filter((m) => m.channel === "sms")).toHaveLength(Number(urgent.n));
    expect(new Set(sent.map((m) => `${m.notificationId}:${m.channel}`)).size).toBe(sent.length);
    const undelivered = await t.database.db
      .selectFrom("notifications")
      .select("id")
      .where("delivered_at", "is", null)
      .execute();
    expect(undelivered).toHaveLength(0);
    // the same delivery again: the queue refuses the duplicate and the service sends nothing
    const anyId = sent[0]?.notificationId as number;
    expect(
      (
        await enqueueJob(
          t.database.db,
          registry,
          "notifications.deliver",
          { notificationId: anyId },
          { idempotencyKey: `notify:${anyId}` },
        )
      ).isDuplicate,
    ).toBe(true);
    const calls: OutgoingMessage[] = [];
    const recording: NotificationProvider = {
      name: "test",
      send: (m) => {
        calls.push(m);
        return Promise.resolve();
      },
    };
    expect(await deliverNotification(t.database.db, anyId, recording, now)).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it("retries a failing provider and marks nothing delivered until it succeeds", async () => {
    await sql`update cases set warning_level = 'yellow', status = 'under_review' where id = ${ids.a2}`.execute(
      t.database.db,
    );
    await scanNotifications(t.database.db, now);
    const n = await t.database.db
      .selectFrom("notifications")
      .select("id")
      .where("object_id", "=", ids.a2 as string)
      .where("level", "=", "yellow")
      .executeTakeFirstOrThrow();
    const failing: NotificationProvider = {
      name: "down",
      send: () => Promise.reject(new Error("gateway down")),
    };
    await expect(deliverNotification(t.database.db, n.id, failing, now)).rejects.toThrow("gateway down");
    const calls: OutgoingMessage[] = [];
    const ok: NotificationProvider = {
      name: "ok",
      send: (m) => {
        calls.push(m);
        return Promise.resolve();
      },
    };
    expect(await deliverNotification(t.database.db, n.id, ok, now)).toBe(true);
    expect(calls.map((c) => c.channel)).toEqual(["email"]);
    expect(calls[0]?.text).toContain("黄牌预警");
  });
});
