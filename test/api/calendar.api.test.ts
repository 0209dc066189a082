import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { declareYear, setOverride } from "../../src/server/modules/calendar/calendar.service.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: "GET", url, headers });
  return {
    status: res.statusCode,
    body: res.json<Record<string, unknown> & { error?: Record<string, unknown> }>(),
  };
}

describe("GET /api/v1/calendar/due-date", () => {
  it("skips the 2026 Spring Festival and counts the make-up Saturday", async () => {
    const r = await get("/api/v1/calendar/due-date?from=2026-02-12&workdays=3");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ from: "2026-02-12", workdays: 3, region: null, dueDate: "2026-02-24" });
    expect((await get("/api/v1/calendar/due-date?from=2026-02-12&workdays=2")).body.dueDate).toBe(
      "2026-02-14",
    );
  });

  it("skips National Day 2026 and counts 10-10", async () => {
    const r = await get("/api/v1/calendar/due-date?from=2026-09-30&workdays=3");
    expect(r.body.dueDate).toBe("2026-10-10");
  });

  it.each([
    ["from=2026-02-30&workdays=1", "query.from"],
    ["from=20260212&workdays=1", "query.from"],
    ["from=2026-02-12&workdays=-1", "query.workdays"],
    ["from=2026-02-12&workdays=1.5", "query.workdays"],
    ["from=2026-02-12&workdays=abc", "query.workdays"],
    ["from=2026-02-12&workdays=1001", "query.workdays"],
    ["from=2026-02-12", "query.workdays"],
    ["from=2026-02-12&workdays=1&region=653", "query.region"],
  ])("answers 400 VALIDATION_FAILED in Chinese for %s", async (qs, path) => {
    const r = await get(`/api/v1/calendar/due-date?${qs}`);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe("VALIDATION_FAILED");
    expect(r.body.error?.message).toBe("请求参数不正确");
    expect(typeof r.body.error?.requestId).toBe("string");
    const details = r.body.error?.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toContain(path);
    expect(details.every((d) => /[\u4e00-\u9fff]/.test(d.message))).toBe(true);
  });

  it("refuses with 422 OUT_OF_RANGE to compute into 2027 before the year is declared", async () => {
    const r = await get("/api/v1/calendar/due-date?from=2026-12-20&workdays=20");
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe("OUT_OF_RANGE");
    expect(r.body.error?.message).toContain("2027 年");
    expect(r.body.error?.details).toMatchObject({ year: 2027 });
  });

  it("answers in English when asked", async () => {
    const r = await get("/api/v1/calendar/due-date?from=2026-02-30&workdays=1", {
      "accept-language": "en-US,en;q=0.9",
    });
    expect(r.body.error?.message).toBe("Invalid request parameters");
  });
});

describe("regional overrides and declared years", () => {
  it("a regional override changes the due date only in that region's subtree, and is audited", async () => {
    const before = await get("/api/v1/calendar/due-date?from=2026-03-19&workdays=1&region=653101");
    expect(before.body.dueDate).toBe("2026-03-20");
    await setOverride(
      { ...SYSTEM, requestId: "test-override-1" },
      { day: "2026-03-20", regionCode: "65", isWorkday: false, name: "测试：自治区地方假日" },
      t.database.db,
    );
    const kashgar = await get("/api/v1/calendar/due-date?from=2026-03-19&workdays=1&region=653101");
    const beijing = await get("/api/v1/calendar/due-date?from=2026-03-19&workdays=1&region=110101");
    const national = await get("/api/v1/calendar/due-date?from=2026-03-19&workdays=1");
    expect(kashgar.body.dueDate).toBe("2026-03-23");
    expect(beijing.body.dueDate).toBe("2026-03-20");
    expect(national.body.dueDate).toBe("2026-03-20");
    const audit = await t.database.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "calendar.override.set")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.request_id).toBe("test-override-1");
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });

  it("refuses an override in a year without data", async () => {
    await expect(
      setOverride(SYSTEM, { day: "2028-01-03", regionCode: "", isWorkday: false, name: "x" }, t.database.db),
    ).rejects.toMatchObject({ code: "OUT_OF_RANGE" });
  });

  it("computes into a year once it is declared with its holidays, and refuses declaring it twice", async () => {
    await declareYear(
      SYSTEM,
      { year: 2027, source: "测试通知", days: [{ day: "2027-01-01", isWorkday: false, name: "元旦" }] },
      t.database.db,
    );
    const r = await get("/api/v1/calendar/due-date?from=2026-12-31&workdays=1");
    expect(r.status).toBe(200);
    expect(r.body.dueDate).toBe("2027-01-04");
    await expect(
      declareYear(SYSTEM, { year: 2027, source: "again", days: [] }, t.database.db),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      declareYear(SYSTEM, { year: 2026, source: "package year", days: [] }, t.database.db),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("GET /api/v1/calendar/workdays", () => {
  it("counts the closed range and lists the days", async () => {
    const r = await get("/api/v1/calendar/workdays?from=2026-02-13&to=2026-02-24");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ count: 3, workdays: ["2026-02-13", "2026-02-14", "2026-02-24"] });
  });
  it("refuses a reversed range and a too long one with 400", async () => {
    const reversed = await get("/api/v1/calendar/workdays?from=2026-03-01&to=2026-02-01");
    expect(reversed.status).toBe(400);
    expect(reversed.body.error?.message).toBe("结束日期不能早于开始日期");
    const long = await get("/api/v1/calendar/workdays?from=2020-01-01&to=2026-01-01");
    expect(long.status).toBe(400);
  });
});
