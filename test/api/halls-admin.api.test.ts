import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_CITIZENS, DEMO_PASSWORD, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { publishServiceGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

/** Leftovers of the halls administration: removing a 委托受理, changing or closing one slot of a day. */

// A gate in the slot listing: lets a test hold a booking between listing its slot and booking it.
const gate = vi.hoisted(() => ({
  hold: undefined as Promise<void> | undefined,
  reached: undefined as (() => void) | undefined,
}));
vi.mock("../../src/server/modules/halls/halls.queries.js", async (importOriginal) => {
  const m = await importOriginal<{ bookedCounts: (...args: unknown[]) => Promise<unknown> }>();
  return {
    ...m,
    bookedCounts: async (...args: unknown[]) => {
      const rows = await m.bookedCounts(...args);
      const hold = gate.hold;
      gate.reached?.();
      if (hold !== undefined) await hold;
      return rows;
    },
  };
});

// Monday 2026-06-15, 10:00 China time.
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.47.0");
const ADMIN = "kashgar.admin";
const OTHER_ADMIN = "shufu.county.admin"; // 疏附县: another county's administrator
const CLERK = "kashi.clerk";
const A = DEMO_CITIZENS[0].idNumber;
const B = DEMO_CITIZENS[1].idNumber;
let guideCode = "";
let otherCode = "";
let hallId = 0;
let townHallId = 0;

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  ({ guideCode } = await publishServiceGuide(deps, "测试咨询服务"));
  ({ guideCode: otherCode } = await publishServiceGuide(deps, "测试备案服务"));
  const halls = await t.app.inject({ method: "GET", url: "/api/v1/halls?region=653101" });
  const items = halls.json<{ items: { id: number; kind: string; regionCode: string }[] }>().items;
  hallId = items.find((h) => h.kind === "service_center" && h.regionCode === "653101")!.id;
  townHallId = items.find((h) => h.kind === "convenience_center")!.id;
  const shufu = await sql<{ id: number }>`
    select id from agencies where line_code = 'government_services' and region_code = '653121'
  `.execute(t.database.db);
  const made = await call(ADMIN, "POST", "/api/v1/admin/users", {
    loginName: OTHER_ADMIN,
    displayName: "疏附县管理员",
    password: DEMO_PASSWORD,
    agencyId: Number(shufu.rows[0]!.id),
    grants: [{ role: "admin", regionCode: "653121" }],
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function call<T = Record<string, unknown>>(
  login: string | null,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
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

async function auditCount(action: string, entityId: string): Promise<number> {
  const r = await sql<{ n: string }>`
    select count(*) as n from audit_events where action = ${action} and entity_id = ${entityId}
  `.execute(t.database.db);
  return Number(r.rows[0]?.n ?? 0);
}

const settings = {
  periods: [
    { start: "10:00", end: "13:30" },
    { start: "16:00", end: "19:30" },
  ],
  slotMinutes: 30,
  capacityPerWindow: 2,
  bookingDaysAhead: 7,
};

interface Slot {
  date: string;
  start: string;
  end: string;
  capacity: number;
  available: number;
}
async function slotsOf(hall: number, code: string): Promise<Slot[]> {
  return (await call<{ slots: Slot[] }>(null, "GET", `/api/v1/halls/${hall}/slots?guideCode=${code}`)).body
    .slots;
}
async function delegationsOf(hall: number): Promise<{ id: number; guideCode: string }[]> {
  return (
    await call<{ delegations: { id: number; guideCode: string }[] }>(null, "GET", `/api/v1/halls/${hall}`)
  ).body.delegations;
}

describe("委托受理 removal", () => {
  let delegationId = 0;

  it("the township centre is set up: a 综合窗口 for another item, the item itself only by delegation", async () => {
    expect((await call(ADMIN, "PUT", `/api/v1/halls/${townHallId}/settings`, settings)).status).toBe(200);
    expect(
      (
        await call(ADMIN, "POST", `/api/v1/halls/${townHallId}/windows`, {
          number: "1",
          kind: "comprehensive",
          guideCodes: [otherCode],
        })
      ).status,
    ).toBe(201);
    const d = await call<{ id: number }>(ADMIN, "POST", `/api/v1/halls/${townHallId}/delegations`, {
      guideCode,
      basis: "喀什地区市场监管局委托乡镇便民服务中心受理",
    });
    expect(d.status).toBe(201);
    delegationId = d.body.id;
    expect((await slotsOf(townHallId, guideCode)).length).toBeGreaterThan(0);
  });

  it("is refused to applicants, clerks, anonymous callers and another county's admin; nothing changes", async () => {
    const url = `/api/v1/hall-delegations/${delegationId}`;
    expect((await call(null, "DELETE", url)).status).toBe(401);
    for (const who of [A, CLERK, OTHER_ADMIN]) {
      const r = await call(who, "DELETE", url);
      expect(r.status, who).toBe(403);
      expect(r.body.error?.code).toBe("FORBIDDEN");
    }
    expect((await delegationsOf(townHallId)).map((d) => d.id)).toEqual([delegationId]);
    expect(await auditCount("hall.delegation.revoke", String(delegationId))).toBe(0);
  });

  it("an unknown delegation is a clear 404 in Chinese (English by Accept-Language); a malformed id a 400", async () => {
    const r = await call(ADMIN, "DELETE", "/api/v1/hall-delegations/999999");
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: "NOT_FOUND", message: "委托受理记录不存在" });
    const en = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/hall-delegations/999999",
      headers: { ...(await sessions.as(ADMIN)), "accept-language": "en" },
    });
    expect(en.json<{ error: { message: string } }>().error.message).toBe("No such delegated acceptance");
    const bad = await call(ADMIN, "DELETE", "/api/v1/hall-delegations/abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("VALIDATION_FAILED");
  });

  it("is refused while an applicant holds an appointment only the delegation serves; allowed once cancelled", async () => {
    const slot = (await slotsOf(townHallId, guideCode)).find((s) => s.date === "2026-06-16")!;
    const appt = await call<{ id: string }>(A, "POST", "/api/v1/appointments", {
      hallId: townHallId,
      guideCode,
      date: slot.date,
      start: slot.start,
    });
    expect(appt.status).toBe(201);
    const refused = await call(ADMIN, "DELETE", `/api/v1/hall-delegations/${delegationId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toContain("还有 1 个未到期的预约");
    expect((await delegationsOf(townHallId)).length).toBe(1);
    expect((await call(A, "POST", `/api/v1/appointments/${appt.body.id}/cancellation`)).status).toBe(200);
  });

  it("the region's admin removes it (audited); the item is no longer bookable there; a second removal is a 409", async () => {
    const r = await call<{ id: number; guideCode: string; revokedAt: string }>(
      ADMIN,
      "DELETE",
      `/api/v1/hall-delegations/${delegationId}`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: delegationId, guideCode, revokedAt: now.toISOString() });
    expect(await delegationsOf(townHallId)).toEqual([]);
    expect(await auditCount("hall.delegation.revoke", String(delegationId))).toBe(1);
    const slots = await call(null, "GET", `/api/v1/halls/${townHallId}/slots?guideCode=${guideCode}`);
    expect(slots.status).toBe(409);
    const again = await call(ADMIN, "DELETE", `/api/v1/hall-delegations/${delegationId}`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CONFLICT", message: "该委托受理已撤销，无需重复撤销" });
    expect(await auditCount("hall.delegation.revoke", String(delegationId))).toBe(1);
  });

  it("can be granted again after removal", async () => {
    const d = await call(ADMIN, "POST", `/api/v1/halls/${townHallId}/delegations`, {
      guideCode,
      basis: "重新委托",
    });
    expect(d.status).toBe(201);
    expect((await delegationsOf(townHallId)).map((x) => x.guideCode)).toEqual([guideCode]);
  });
});

describe("预约时段调整: one slot of one day", () => {
  const slotUrl = (date: string, start: string) => `/api/v1/halls/${hallId}/slots/${date}/${start}`;
  const find = (slots: Slot[], date: string, start: string) =>
    slots.find((s) => s.date === date && s.start === start);

  it("setup: the city hall opens with one window for the item, 2 places per slot; A and B book 06-16 10:00", async () => {
    expect((await call(ADMIN, "PUT", `/api/v1/halls/${hallId}/settings`, settings)).status).toBe(200);
    expect(
      (
        await call(ADMIN, "POST", `/api/v1/halls/${hallId}/windows`, {
          number: "9",
          kind: "in_region",
          guideCodes: [guideCode],
        })
      ).status,
    ).toBe(201);
    for (const who of [A, B]) {
      const r = await call(who, "POST", "/api/v1/appointments", {
        hallId,
        guideCode,
        date: "2026-06-16",
        start: "10:00",
      });
      expect(r.status, who).toBe(201);
    }
    expect(find(await slotsOf(hallId, guideCode), "2026-06-16", "10:00")).toMatchObject({
      capacity: 2,
      available: 0,
    });
  });

  it("only the hall region's admin may change or close a slot", async () => {
    const url = slotUrl("2026-06-16", "10:30");
    expect((await call(null, "PATCH", url, { capacityPerWindow: 3 })).status).toBe(401);
    expect((await call(null, "DELETE", url)).status).toBe(401);
    for (const who of [A, CLERK, OTHER_ADMIN]) {
      expect((await call(who, "PATCH", url, { capacityPerWindow: 3 })).status, who).toBe(403);
      expect((await call(who, "DELETE", url)).status, who).toBe(403);
    }
    expect(find(await slotsOf(hallId, guideCode), "2026-06-16", "10:30")?.capacity).toBe(2);
  });

  it("capacity cannot go below the bookings (409 with the figures); it can grow", async () => {
    const low = await call(ADMIN, "PATCH", slotUrl("2026-06-16", "10:00"), { capacityPerWindow: 1 });
    expect(low.status).toBe(409);
    expect(low.body.error?.code).toBe("CONFLICT");
    expect(low.body.error?.message).toContain("容量不能低于已预约人数");
    expect(low.body.error?.message).toContain("已有 2 人预约");
    const up = await call<{ capacityPerWindow: number; booked: number }>(
      ADMIN,
      "PATCH",
      slotUrl("2026-06-16", "10:00"),
      { capacityPerWindow: 3 },
    );
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ capacityPerWindow: 3, booked: 2, isClosed: false });
    expect(find(await slotsOf(hallId, guideCode), "2026-06-16", "10:00")).toMatchObject({
      capacity: 3,
      available: 1,
    });
    // Only that day's slot changed.
    expect(find(await slotsOf(hallId, guideCode), "2026-06-17", "10:00")?.capacity).toBe(2);
    expect(await auditCount("hall.slot.update", String(hallId))).toBe(1);
  });

  it("a booked slot keeps its time and stays open (409); the bookings are untouched", async () => {
    const move = await call(ADMIN, "PATCH", slotUrl("2026-06-16", "10:00"), { start: "10:05" });
    expect(move.status).toBe(409);
    expect(move.body.error?.message).toContain("不能调整时间");
    const close = await call(ADMIN, "DELETE", slotUrl("2026-06-16", "10:00"));
    expect(close.status).toBe(409);
    expect(close.body.error?.message).toBe("该时段已有 2 人预约，不能关闭；请先联系预约人取消");
    const mine = await call<{ items: { hallId: number; date: string; start: string; status: string }[] }>(
      A,
      "GET",
      "/api/v1/appointments",
    );
    expect(mine.body.items.filter((x) => x.hallId === hallId).map((x) => [x.start, x.status])).toEqual([
      ["10:00", "booked"],
    ]);
  });

  it("an empty slot's time changes within the day, never over another slot", async () => {
    const overlap = await call(ADMIN, "PATCH", slotUrl("2026-06-16", "10:30"), { end: "11:15" });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error?.message).toContain("重叠");
    const reversed = await call(ADMIN, "PATCH", slotUrl("2026-06-16", "10:30"), { end: "10:20" });
    expect(reversed.status).toBe(400);
    const empty = await call(ADMIN, "PATCH", slotUrl("2026-06-16", "10:30"), {});
    expect(empty.status).toBe(400);
    const ok = await call<{ start: string; end: string; regularStart: string }>(
      ADMIN,
      "PATCH",
      slotUrl("2026-06-16", "10:30"),
      { start: "10:35", end: "10:55" },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ start: "10:35", end: "10:55", regularStart: "10:30" });
    const slots = await slotsOf(hallId, guideCode);
    expect(find(slots, "2026-06-16", "10:30")).toBeUndefined();
    expect(find(slots, "2026-06-16", "10:35")).toMatchObject({ end: "10:55", capacity: 2 });
    // Booked under its new time.
    const r = await call(A, "POST", "/api/v1/appointments", {
      hallId,
      guideCode,
      date: "2026-06-16",
      start: "10:35",
    });
    expect(r.status).toBe(201);
  });

  it("closing an empty slot removes it from booking; closing twice is a 409; PATCH reopens it", async () => {
    const closed = await call<{ isClosed: boolean }>(ADMIN, "DELETE", slotUrl("2026-06-16", "11:00"));
    expect(closed.status).toBe(200);
    expect(closed.body.isClosed).toBe(true);
    expect(await auditCount("hall.slot.close", String(hallId))).toBe(1);
    expect(find(await slotsOf(hallId, guideCode), "2026-06-16", "11:00")).toBeUndefined();
    const book = await call(B, "POST", "/api/v1/appointments", {
      hallId,
      guideCode,
      date: "2026-06-16",
      start: "11:00",
    });
    expect(book.status).toBe(400);
    const twice = await call(ADMIN, "DELETE", slotUrl("2026-06-16", "11:00"));
    expect(twice.status).toBe(409);
    expect(twice.body.error?.message).toBe("该时段已关闭");
    const reopened = await call<{ isClosed: boolean; capacityPerWindow: number }>(
      ADMIN,
      "PATCH",
      slotUrl("2026-06-16", "11:00"),
      { capacityPerWindow: 1 },
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ isClosed: false, capacityPerWindow: 1 });
    expect(find(await slotsOf(hallId, guideCode), "2026-06-16", "11:00")?.capacity).toBe(1);
  });

  it("a booking listed before a capacity cut or a closing, and committed after it, sees the change", async () => {
    const date = "2026-06-17";
    /** B's booking reads the slot's places, then waits while the admin acts. */
    async function bookingAround(start: string, act: () => Promise<{ status: number }>) {
      let release = () => {};
      gate.hold = new Promise<void>((r) => (release = r));
      const reached = new Promise<void>((r) => (gate.reached = r));
      const booking = call(B, "POST", "/api/v1/appointments", { hallId, guideCode, date, start });
      await reached;
      gate.hold = undefined;
      gate.reached = undefined;
      const acted = await act();
      release();
      return { acted, booked: await booking };
    }
    // 16:00: A holds one of two places; the cut to one place lands between B's listing and booking.
    expect(
      (await call(A, "POST", "/api/v1/appointments", { hallId, guideCode, date, start: "16:00" })).status,
    ).toBe(201);
    const cut = await bookingAround("16:00", () =>
      call(ADMIN, "PATCH", slotUrl(date, "16:00"), { capacityPerWindow: 1 }),
    );
    expect(cut.acted.status).toBe(200);
    expect(cut.booked.status).toBe(409);
    expect(cut.booked.body.error?.message).toContain("已约满");
    expect(find(await slotsOf(hallId, guideCode), date, "16:00")).toMatchObject({
      capacity: 1,
      available: 0,
    });
    // 16:30: empty, closed between B's listing and booking.
    const closed = await bookingAround("16:30", () => call(ADMIN, "DELETE", slotUrl(date, "16:30")));
    expect(closed.acted.status).toBe(200);
    expect(closed.booked.status).toBe(400);
    const counts = await sql<{ booked: number }>`
      select booked from appointment_slot_counts
      where venue_id = ${hallId} and slot_date = ${date} and slot_start = '16:30'`.execute(t.database.db);
    expect(Number(counts.rows[0]?.booked ?? 0)).toBe(0);
  });

  it("no such slot: a holiday, outside the hours, a past day or a slot already begun", async () => {
    const holiday = await call(ADMIN, "DELETE", slotUrl("2026-06-19", "10:00")); // 端午节
    expect(holiday.status).toBe(404);
    expect(holiday.body.error?.message).toContain("没有这个预约时段");
    expect((await call(ADMIN, "DELETE", slotUrl("2026-06-16", "14:00"))).status).toBe(404);
    const past = await call(ADMIN, "PATCH", slotUrl("2026-06-12", "10:00"), { capacityPerWindow: 3 });
    expect(past.status).toBe(409);
    expect(past.body.error?.message).toContain("已开始或已过去");
    expect((await call(ADMIN, "DELETE", slotUrl("2026-06-15", "10:00"))).status).toBe(409);
    expect((await call(ADMIN, "DELETE", slotUrl("2026-13-40", "10:00"))).status).toBe(400);
    expect((await call(ADMIN, "DELETE", `/api/v1/halls/${hallId}/slots/2026-06-16/25:00`)).status).toBe(400);
    expect((await call(ADMIN, "DELETE", slotUrl("2099-06-16", "10:00"))).status).toBe(404);
  });
});
