import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { Sessions } from "../helpers/sessions.js";

// Endpoints the staff apps need: the window's applicant lookup and the calendar administration.
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.9.0");

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ db: t.database.db, secrets: t.secrets });
}, 180_000);
afterAll(async () => {
  await t.close();
});

type Body = Record<string, unknown> & { error?: { code: string; message: string } };
async function call(login: string | null, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) {
  const headers = login === null ? {} : await sessions.as(login);
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<Body>() };
}

const CITIZEN = DEMO_CITIZENS[0];

describe("GET /api/v1/applicants (window intake lookup)", () => {
  it("finds a person by ID number and an enterprise by credit code, masked, for a window clerk", async () => {
    const person = await call("kashi.clerk", "GET", `/api/v1/applicants?idNumber=${CITIZEN.idNumber}`);
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ kind: "person", displayName: CITIZEN.name, isMasked: true });
    expect(person.body.idNumber).not.toBe(CITIZEN.idNumber);
    expect(String(person.body.idNumber).slice(0, 4)).toBe(CITIZEN.idNumber.slice(0, 4));
    const ent = await call(
      "kashi.clerk",
      "GET",
      `/api/v1/applicants?creditCode=${DEMO_ENTERPRISE.creditCode.toLowerCase()}`,
    );
    expect(ent.status).toBe(200);
    expect(ent.body).toMatchObject({ kind: "enterprise", displayName: DEMO_ENTERPRISE.name });
  });

  it("answers 404 for an unknown number", async () => {
    const r = await call("kashi.clerk", "GET", "/api/v1/applicants?idNumber=65310119900315999X");
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe("NOT_FOUND");
  });

  it("refuses posts without intake (reviewer, supervisor), citizens and anonymous callers", async () => {
    const url = `/api/v1/applicants?idNumber=${CITIZEN.idNumber}`;
    expect((await call("kashgar.samr.reviewer", "GET", url)).status).toBe(403);
    expect((await call("kashgar.supervisor", "GET", url)).status).toBe(403);
    expect((await call(DEMO_CITIZENS[1].idNumber, "GET", url)).status).toBe(403);
    expect((await call(null, "GET", url)).status).toBe(401);
  });

  it("wants exactly one of the two numbers (400 in Chinese)", async () => {
    const both = await call(
      "kashi.clerk",
      "GET",
      `/api/v1/applicants?idNumber=${CITIZEN.idNumber}&creditCode=${DEMO_ENTERPRISE.creditCode}`,
    );
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain("请填写身份证号或统一社会信用代码中的一项");
    expect((await call("kashi.clerk", "GET", "/api/v1/applicants")).status).toBe(400);
  });
});

describe("calendar administration", () => {
  const days2027 = [
    { day: "2027-01-01", isWorkday: false, name: "元旦" },
    { day: "2027-02-05", isWorkday: false, name: "春节" },
    { day: "2027-02-08", isWorkday: false, name: "春节" },
    { day: "2027-02-20", isWorkday: true, name: "春节调休" },
  ];

  it("has no 2027 data until declared: due dates there are refused", async () => {
    const view = await call("xj.admin", "GET", "/api/v1/admin/calendar?year=2027");
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ year: 2027, isCovered: false, overrides: [] });
    expect((await call(null, "GET", "/api/v1/calendar/due-date?from=2027-02-04&workdays=1")).status).toBe(
      422,
    );
  });

  it("lets only an administrator of 新疆 declare a year; then due dates use it", async () => {
    const body = { year: 2027, source: "国办发明电〔2026〕演示号", days: days2027 };
    expect((await call("kashgar.admin", "POST", "/api/v1/admin/calendar/years", body)).status).toBe(403);
    expect((await call("kashgar.supervisor", "POST", "/api/v1/admin/calendar/years", body)).status).toBe(403);
    const ok = await call("xj.admin", "POST", "/api/v1/admin/calendar/years", body);
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ year: 2027, days: 4 });
    expect((await call("xj.admin", "POST", "/api/v1/admin/calendar/years", body)).status).toBe(409);
    // Thursday 02-04 + 1 working day skips the declared Friday 02-05 and Monday 02-08 → Tuesday 02-09.
    const due = await call(null, "GET", "/api/v1/calendar/due-date?from=2027-02-04&workdays=1");
    expect(due.body.dueDate).toBe("2027-02-09");
  });

  it("rejects a day outside the declared year without writing anything", async () => {
    const r = await call("xj.admin", "POST", "/api/v1/admin/calendar/years", {
      year: 2028,
      source: "测试",
      days: [{ day: "2029-01-01", isWorkday: false, name: "元旦" }],
    });
    expect(r.status).toBe(400);
    expect((await call("xj.admin", "GET", "/api/v1/admin/calendar?year=2028")).body.isCovered).toBe(false);
  });

  it("sets a regional day within the administrator's region only, and lists it for that region", async () => {
    const mine = { day: "2027-03-15", regionCode: "6531", isWorkday: false, name: "地区演示假日" };
    const set = await call("kashgar.admin", "PUT", "/api/v1/admin/calendar/overrides", mine);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      day: "2027-03-15",
      regionCode: "6531",
      isWorkday: false,
      name: "地区演示假日",
    });
    expect(
      (
        await call("kashgar.admin", "PUT", "/api/v1/admin/calendar/overrides", {
          ...mine,
          regionCode: "6501",
        })
      ).status,
    ).toBe(403);
    expect(
      (await call("kashgar.admin", "PUT", "/api/v1/admin/calendar/overrides", { ...mine, regionCode: "" }))
        .status,
    ).toBe(403);
    expect((await call("kashi.clerk", "PUT", "/api/v1/admin/calendar/overrides", mine)).status).toBe(403);
    const view = await call("kashgar.admin", "GET", "/api/v1/admin/calendar?year=2027&region=653101");
    const days = (view.body.overrides as { day: string; regionCode: string }[]).map(
      (o) => `${o.day}@${o.regionCode}`,
    );
    expect(days).toContain("2027-03-15@6531");
    expect(days).toContain("2027-02-05@");
    const other = await call("xj.admin", "GET", "/api/v1/admin/calendar?year=2027&region=6501");
    expect((other.body.overrides as { day: string }[]).map((o) => o.day)).not.toContain("2027-03-15");
    // The regional day counts for 喀什 only.
    const kashgar = await call(
      null,
      "GET",
      "/api/v1/calendar/due-date?from=2027-03-12&workdays=1&region=653101",
    );
    const urumqi = await call(
      null,
      "GET",
      "/api/v1/calendar/due-date?from=2027-03-12&workdays=1&region=650102",
    );
    expect(kashgar.body.dueDate).toBe("2027-03-16");
    expect(urumqi.body.dueDate).toBe("2027-03-15");
  });

  it("refuses a year without data, a bad region and a clerk's view", async () => {
    const r = await call("xj.admin", "PUT", "/api/v1/admin/calendar/overrides", {
      day: "2030-05-01",
      regionCode: "65",
      isWorkday: false,
      name: "测试",
    });
    expect(r.status).toBe(422);
    expect((await call("xj.admin", "GET", "/api/v1/admin/calendar?year=2027&region=abc")).status).toBe(400);
    expect((await call("kashi.clerk", "GET", "/api/v1/admin/calendar?year=2027")).status).toBe(403);
  });

  it("keeps the audit chain whole", async () => {
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });
});
