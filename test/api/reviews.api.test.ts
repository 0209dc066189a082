import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateOverdueRectifications } from "../../src/server/modules/reviews/reviews.service.js";
import { DEMO_CITIZENS, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { publishServiceGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let guideCode = "";
const sessions = new Sessions(() => t.app, "10.3.0");
const CITIZEN = DEMO_CITIZENS[0].idNumber;
const REVIEWER = "kashgar.samr.reviewer";
const APPROVER = "kashgar.samr.approver";
const SUPERVISOR = "kashgar.supervisor";

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  ({ guideCode } = await publishServiceGuide(deps, "测试咨询服务"));
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function call<T = Record<string, unknown>>(
  login: string | null,
  method: "GET" | "POST",
  url: string,
  payload?: unknown,
) {
  const headers = login === null ? {} : await sessions.as(login);
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<T & { error?: { code: string; message: string } }>() };
}

const online = { overall: 5, efficiency: 5, guideAccuracy: 4, convenience: 5, usability: 4 };

/** A delivered case of the demo citizen. */
async function concludedCase(): Promise<string> {
  const c = await call<{ id: string }>(CITIZEN, "POST", "/api/v1/cases", {
    guideCode,
    formData: { enterpriseName: "喀什丝路商贸有限公司", creditCode: "9144030071526726XG" },
    materials: [{ key: "business_license", reference: "license:demo" }],
  });
  expect(c.status).toBe(201);
  await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
  await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/dispatch`, {});
  await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, { decision: "approve" });
  expect(
    (await call<{ status: string }>(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/delivery`, {})).body.status,
  ).toBe("delivered");
  return c.body.id;
}

describe("好差评", () => {
  it("only the applicant rates, once, after the case is concluded; nobody can change a rating", async () => {
    const id = await concludedCase();
    expect(
      (await call(REVIEWER, "POST", `/api/v1/cases/${id}/evaluation`, { level: 1, indicators: online }))
        .status,
    ).toBe(403);
    const wrongChannel = await call(CITIZEN, "POST", `/api/v1/cases/${id}/evaluation`, {
      level: 1,
      indicators: { overall: 1, efficiency: 1, service: 1, attitude: 1 },
    });
    expect(wrongChannel.status).toBe(400);
    const good = await call<{ rectificationDue: string | null }>(
      CITIZEN,
      "POST",
      `/api/v1/cases/${id}/evaluation`,
      { level: 1, indicators: online, comment: "办事很快" },
    );
    expect(good.status).toBe(201);
    expect(good.body.rectificationDue).toBeNull();
    expect(
      (await call(CITIZEN, "POST", `/api/v1/cases/${id}/evaluation`, { level: 5, indicators: online }))
        .status,
    ).toBe(409);
    await expect(
      sql`update evaluations set level = 1 where case_id = ${id}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be changed/);
    const seen = await call<{ levelName: string }>(REVIEWER, "GET", `/api/v1/cases/${id}/evaluation`);
    expect(seen.body.levelName).toBe("非常满意");
  });

  it("a case that is not concluded cannot be rated", async () => {
    const c = await call<{ id: string }>(CITIZEN, "POST", "/api/v1/cases", {
      guideCode,
      formData: { enterpriseName: "某公司", creditCode: "9144030071526726XG" },
      materials: [{ key: "business_license", reference: "license:demo" }],
    });
    expect(
      (await call(CITIZEN, "POST", `/api/v1/cases/${c.body.id}/evaluation`, { level: 2, indicators: online }))
        .status,
    ).toBe(409);
  });
});

describe("bad-review rectification", () => {
  it("opens a task due in 15 working days; report, appeal, recheck (reopened, then upheld)", async () => {
    const id = await concludedCase();
    const bad = await call<{ rectificationDue: string }>(CITIZEN, "POST", `/api/v1/cases/${id}/evaluation`, {
      level: 5,
      indicators: { ...online, overall: 5 },
      comment: "窗口让我跑了三次",
    });
    // 15 working days after Monday 06-15, 端午 (06-19) skipped
    expect(bad.body.rectificationDue).toBe("2026-07-07");
    const ev = await call<{ rectification: { id: number; status: string } }>(
      CITIZEN,
      "GET",
      `/api/v1/cases/${id}/evaluation`,
    );
    const taskId = ev.body.rectification.id;
    expect(ev.body.rectification.status).toBe("open");

    expect(
      (
        await call(CITIZEN, "POST", `/api/v1/rectifications/${taskId}/report`, {
          verification: "x",
          rectification: "x",
          callbackNote: "x",
        })
      ).status,
    ).toBe(403);
    const report = {
      verification: "核实：申请人三次到窗口",
      rectification: "已实行一次性告知",
      callbackNote: "已电话回访申请人",
    };
    expect(
      (await call<{ status: string }>(REVIEWER, "POST", `/api/v1/rectifications/${taskId}/report`, report))
        .body.status,
    ).toBe("reported");
    expect(
      (await call(REVIEWER, "POST", `/api/v1/rectifications/${taskId}/appeal`, { reason: "x" })).status,
    ).toBe(403);
    expect(
      (
        await call<{ status: string }>(CITIZEN, "POST", `/api/v1/rectifications/${taskId}/appeal`, {
          reason: "整改没有落实",
        })
      ).body.status,
    ).toBe("appealed");
    expect(
      (
        await call(REVIEWER, "POST", `/api/v1/rectifications/${taskId}/recheck`, {
          isUpheld: true,
          result: "x",
        })
      ).status,
    ).toBe(403);
    const reopened = await call<{ status: string; dueDate: string }>(
      SUPERVISOR,
      "POST",
      `/api/v1/rectifications/${taskId}/recheck`,
      { isUpheld: false, result: "整改不到位，重新整改" },
    );
    expect(reopened.body).toMatchObject({ status: "open", dueDate: "2026-07-07" });
    await call(REVIEWER, "POST", `/api/v1/rectifications/${taskId}/report`, report);
    const closed = await call<{ status: string }>(
      SUPERVISOR,
      "POST",
      `/api/v1/rectifications/${taskId}/recheck`,
      { isUpheld: true, result: "整改到位" },
    );
    expect(closed.body.status).toBe("closed");
    const outcome = await call<{ rectification: { status: string; recheckResult: string } }>(
      CITIZEN,
      "GET",
      `/api/v1/cases/${id}/evaluation`,
    );
    expect(outcome.body.rectification).toMatchObject({ status: "closed", recheckResult: "整改到位" });
  });

  it("escalates overdue tasks to the supervisors' overdue list", async () => {
    const id = await concludedCase();
    await call(CITIZEN, "POST", `/api/v1/cases/${id}/evaluation`, { level: 4, indicators: online });
    expect(await escalateOverdueRectifications(t.database.db, new Date("2026-07-07T02:00:00Z"))).toBe(0);
    expect(await escalateOverdueRectifications(t.database.db, new Date("2026-07-08T02:00:00Z"))).toBe(1);
    const list = await call<{ items: { caseId: string; isEscalated: boolean }[] }>(
      SUPERVISOR,
      "GET",
      "/api/v1/rectifications?status=open",
    );
    expect(list.body.items.find((i) => i.caseId === id)).toMatchObject({ isEscalated: true });
    expect((await call(CITIZEN, "GET", "/api/v1/rectifications")).status).toBe(403);
  });
});

describe("complaints", () => {
  interface Complaint {
    id: string;
    status: string;
    suggestedAgencyId: number | null;
    agencyId: number | null;
    dueDate: string | null;
    reopenCount: number;
    contactPhone: string | null;
  }

  it("portal complaint about a case: suggested agency, dispatch with a deadline, reply, reopen, close", async () => {
    const caseId = await concludedCase();
    const filed = await call<Complaint>(CITIZEN, "POST", "/api/v1/complaints", {
      category: "efficiency",
      content: "窗口让我多次补材料",
      relatedCaseId: caseId,
      contactPhone: "13899990001",
    });
    expect(filed.status).toBe(201);
    expect(filed.body.suggestedAgencyId).toBeTypeOf("number");
    expect((await call(REVIEWER, "GET", `/api/v1/complaints/${filed.body.id}`)).status).toBe(404);
    const dispatched = await call<Complaint>(
      SUPERVISOR,
      "POST",
      `/api/v1/complaints/${filed.body.id}/dispatch`,
      {},
    );
    expect(dispatched.body).toMatchObject({
      status: "dispatched",
      agencyId: filed.body.suggestedAgencyId,
      dueDate: "2026-06-30",
    });
    const agencyView = await call<Complaint>(REVIEWER, "GET", `/api/v1/complaints/${filed.body.id}`);
    expect(agencyView.body.contactPhone).toBeNull();
    expect(
      (await call(CITIZEN, "POST", `/api/v1/complaints/${filed.body.id}/reply`, { reply: "代为答复" }))
        .status,
    ).toBe(403);
    expect(
      (
        await call<Complaint>(REVIEWER, "POST", `/api/v1/complaints/${filed.body.id}/reply`, {
          reply: "已约谈窗口人员并改进一次性告知",
        })
      ).body.status,
    ).toBe("replied");
    const reopened = await call<Complaint>(CITIZEN, "POST", `/api/v1/complaints/${filed.body.id}/feedback`, {
      satisfaction: 4,
      isResolved: false,
    });
    expect(reopened.body).toMatchObject({ status: "dispatched", reopenCount: 1 });
    await call(REVIEWER, "POST", `/api/v1/complaints/${filed.body.id}/reply`, {
      reply: "已退还多收材料的复印费用并致歉",
    });
    const closed = await call<Complaint>(CITIZEN, "POST", `/api/v1/complaints/${filed.body.id}/feedback`, {
      satisfaction: 2,
      isResolved: true,
    });
    expect(closed.body.status).toBe("closed");
  });

  it("allows anonymous complaints, limited per address, and lists overdue ones for supervision", async () => {
    const anon = (n: number) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/complaints",
        remoteAddress: "10.9.9.9",
        payload: { category: "integrity", content: `匿名反映问题 ${n}` },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await anon(i)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const hotline = await call<Complaint>(SUPERVISOR, "POST", "/api/v1/complaints", {
      category: "unable_to_handle",
      content: "12345 来电：开饭馆办证跑了三个部门",
      channel: "hotline",
    });
    expect(hotline.status).toBe(201);
    const samr = (
      await t.app.inject({ method: "GET", url: "/api/v1/agencies?region=6531&line=market_regulation" })
    ).json<{ items: { id: number }[] }>().items[0]?.id;
    await call(SUPERVISOR, "POST", `/api/v1/complaints/${hotline.body.id}/dispatch`, {
      agencyId: samr,
      workdays: 3,
    });
    expect(
      (
        await call(CITIZEN, "POST", "/api/v1/complaints", {
          category: "other",
          content: "冒充热线录入",
          channel: "hotline",
        })
      ).status,
    ).toBe(403);
    const overdue = await t.app.inject({
      method: "GET",
      url: "/api/v1/complaints?overdue=true",
      headers: await sessions.as(SUPERVISOR),
    });
    expect(overdue.json<{ items: unknown[] }>().items).toHaveLength(0);
    expect(
      (
        await call<{ items: { id: string }[] }>(SUPERVISOR, "GET", "/api/v1/complaints?status=dispatched")
      ).body.items.map((i) => i.id),
    ).toContain(hotline.body.id);
  });
});

describe("electronic supervision and statistics", () => {
  it("the board lists an overdue case, change request, rectification and complaint", async () => {
    const { supervisionBoard } = await import("../../src/server/modules/monitoring/monitoring.service.js");
    // an open case past its promised date
    const c = await call<{ id: string }>(CITIZEN, "POST", "/api/v1/cases", {
      guideCode,
      formData: { enterpriseName: "某公司", creditCode: "9144030071526726XG" },
      materials: [{ key: "business_license", reference: "license:demo" }],
    });
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
    const later = new Date("2026-09-01T02:00:00Z");
    const supervisor = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("login_name", "=", SUPERVISOR)
      .executeTakeFirstOrThrow();
    const { authenticate } = await import("../../src/server/modules/identity/identity.service.js");
    const cookie = (await sessions.as(SUPERVISOR)).cookie?.replace("tb_session=", "") ?? "";
    const actor = await authenticate(cookie, { db: t.database.db, secrets: t.secrets }, now);
    expect(actor?.id).toBe(supervisor.id);
    if (actor === undefined) return;
    const board = await supervisionBoard(actor, "6531", {
      db: t.database.db,
      secrets: t.secrets,
      now: () => later,
    });
    expect(board.overdue.cases.map((x) => x.id)).toContain(c.body.id);
    expect(board.overdue.rectifications.length).toBeGreaterThan(0);
    expect(board.overdue.complaints.length).toBeGreaterThan(0);
    expect(board.openCases.normal + board.openCases.yellow + board.openCases.red).toBeGreaterThan(0);
    await expect(
      supervisionBoard(actor, "6501", { db: t.database.db, secrets: t.secrets }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("statistics match hand-computed counts on this file's fixture, and export as CSV", async () => {
    const cases = await t.database.db
      .selectFrom("cases")
      .select(["id", "channel", "decided_at", "case_kind"])
      .execute();
    const ratings = await t.database.db.selectFrom("evaluations").select(["level"]).execute();
    const res = await call<{
      rows: {
        key: string;
        cases: number;
        concluded: number;
        onlineRate: number;
        ratings: number;
        badRatings: number;
        satisfaction: number;
      }[];
    }>(SUPERVISOR, "GET", "/api/v1/statistics?region=6531&from=2026-06-01&to=2026-06-30&groupBy=channel");
    const onlineRow = res.body.rows.find((r) => r.key === "online");
    expect(onlineRow?.cases).toBe(cases.filter((x) => x.channel === "online").length);
    expect(onlineRow?.concluded).toBe(
      cases.filter((x) => x.channel === "online" && x.decided_at !== null).length,
    );
    expect(onlineRow?.onlineRate).toBe(100);
    expect(onlineRow?.ratings).toBe(ratings.length);
    expect(onlineRow?.badRatings).toBe(ratings.filter((r) => r.level >= 4).length);
    const csv = await t.app.inject({
      method: "GET",
      url: "/api/v1/statistics?region=6531&from=2026-06-01&to=2026-06-30&groupBy=channel&format=csv",
      headers: await sessions.as(SUPERVISOR),
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("分组,办件量");
    expect(csv.body).toContain(`online,${onlineRow?.cases}`);
    expect(
      (await call(CITIZEN, "GET", "/api/v1/statistics?region=6531&from=2026-06-01&to=2026-06-30")).status,
    ).toBe(403);
  });
});
