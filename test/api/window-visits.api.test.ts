import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { Sessions } from "../helpers/sessions.js";

/** 好差评 of a window visit without a case (方案 九: every visit may be rated, never by staff). */
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.5.0");
const CITIZEN = DEMO_CITIZENS[0].idNumber;
const OTHER = DEMO_CITIZENS[1].idNumber;
const CLERK = "kashi.clerk";
const SUPERVISOR = "kashgar.supervisor";
const window = { overall: 5, efficiency: 4, service: 5, attitude: 5 };
let visitorId = "";

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  await seedDemo({ db: t.database.db, secrets: t.secrets, now: () => now });
  const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: await sessions.as(CITIZEN) });
  visitorId = me.json<{ id: string }>().id;
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function call<T>(login: string, method: "GET" | "POST", url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url,
    headers: await sessions.as(login),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<T & { error?: { code: string } }>() };
}

async function visit(purpose: string): Promise<string> {
  const v = await call<{ id: string; regionCode: string; isRated: boolean }>(
    CLERK,
    "POST",
    "/api/v1/window-visits",
    {
      visitorId,
      purpose,
    },
  );
  expect(v.status).toBe(201);
  expect(v.body).toMatchObject({ regionCode: "653101", isRated: false });
  return v.body.id;
}

describe("rating a window visit without a case", () => {
  it("the visitor rates once with the window indicators; staff and others cannot", async () => {
    const id = await visit("咨询个体工商户登记");
    const mine = await call<{ items: { id: string; isRated: boolean }[] }>(
      CITIZEN,
      "GET",
      "/api/v1/window-visits",
    );
    expect(mine.body.items.map((i) => i.id)).toContain(id);
    const url = `/api/v1/window-visits/${id}/evaluation`;
    expect((await call(CLERK, "POST", url, { level: 1, indicators: window })).status).toBe(404);
    expect((await call(OTHER, "POST", url, { level: 1, indicators: window })).status).toBe(404);
    const wrong = await call<unknown>(CITIZEN, "POST", url, {
      level: 2,
      indicators: { overall: 5, efficiency: 5, guideAccuracy: 4, convenience: 5, usability: 4 },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.code).toBe("VALIDATION_FAILED");
    const ok = await call<{ rectificationDue: string | null }>(CITIZEN, "POST", url, {
      level: 2,
      indicators: window,
      comment: "讲解清楚",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.rectificationDue).toBeNull();
    const again = await call<unknown>(CITIZEN, "POST", url, { level: 5, indicators: window });
    expect(again.status).toBe(409);
    const row = await t.database.db
      .selectFrom("evaluations")
      .selectAll()
      .where("visit_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: 2, channel: "window", case_id: null });
    const clerk = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("login_name", "=", CLERK)
      .executeTakeFirstOrThrow();
    expect(row.staff_id).toBe(clerk.id);
    expect(
      (
        await call<{ items: { id: string; isRated: boolean }[] }>(CITIZEN, "GET", "/api/v1/window-visits")
      ).body.items.find((i) => i.id === id)?.isRated,
    ).toBe(true);
  });

  it("a bad rating of a visit opens a rectification task due in 15 working days", async () => {
    const id = await visit("办不成事：要求提供已取消的证明");
    const bad = await call<{ rectificationDue: string }>(
      CITIZEN,
      "POST",
      `/api/v1/window-visits/${id}/evaluation`,
      {
        level: 4,
        indicators: { ...window, attitude: 2 },
      },
    );
    // 15 working days after Monday 06-15, 端午 (06-19) skipped
    expect(bad.body.rectificationDue).toBe("2026-07-07");
    const tasks = await call<{ items: { visitId: string | null; caseId: string | null; status: string }[] }>(
      SUPERVISOR,
      "GET",
      "/api/v1/rectifications?status=open",
    );
    expect(tasks.body.items.find((i) => i.visitId === id)).toMatchObject({ caseId: null, status: "open" });
  });

  it("only a window clerk records a visit, for a registered person", async () => {
    expect(
      (await call(CITIZEN, "POST", "/api/v1/window-visits", { visitorId, purpose: "自己录入" })).status,
    ).toBe(403);
    expect(
      (await call(SUPERVISOR, "POST", "/api/v1/window-visits", { visitorId, purpose: "监督录入" })).status,
    ).toBe(403);
    expect(
      (
        await call(CLERK, "POST", "/api/v1/window-visits", {
          visitorId: "00000000-0000-4000-8000-000000000000",
          purpose: "不存在的人",
        })
      ).status,
    ).toBe(404);
  });
});
