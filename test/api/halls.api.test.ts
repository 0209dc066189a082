import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindAppointments } from "../../src/server/modules/halls/appointments.service.js";
import { DEMO_CITIZENS, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { publishServiceGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

// Monday 2026-06-15, 10:00 in Xinjiang's offices (China time).
let now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let guideCode = "";
let hallId = 0;
let townHallId = 0;
const sessions = new Sessions(() => t.app, "10.12.0");
const A = DEMO_CITIZENS[0].idNumber;
const B = DEMO_CITIZENS[1].idNumber;
const ADMIN = "kashgar.admin";
const CLERK = "kashi.clerk";

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  ({ guideCode } = await publishServiceGuide(deps, "测试咨询服务"));
  const halls = await t.app.inject({ method: "GET", url: "/api/v1/halls?region=653101" });
  const items = halls.json<{ items: { id: number; kind: string; regionCode: string }[] }>().items;
  hallId = items.find((h) => h.kind === "service_center" && h.regionCode === "653101")!.id;
  townHallId = items.find((h) => h.kind === "convenience_center")!.id;
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function call<T = Record<string, unknown>>(
  login: string | null,
  method: "GET" | "POST" | "PUT" | "PATCH",
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

interface Slot {
  date: string;
  start: string;
  end: string;
  capacity: number;
  available: number;
}
const settings = {
  periods: [
    { start: "10:00", end: "13:30" },
    { start: "16:00", end: "19:30" },
  ],
  slotMinutes: 30,
  capacityPerWindow: 1,
  bookingDaysAhead: 7,
};
let windowId = 0;
let slots: Slot[] = [];

describe("halls and windows", () => {
  it("the region's admin sets opening hours; bad periods are a clear 400; others are refused", async () => {
    expect((await call(A, "PUT", `/api/v1/halls/${hallId}/settings`, settings)).status).toBe(403);
    const bad = await call(ADMIN, "PUT", `/api/v1/halls/${hallId}/settings`, {
      ...settings,
      periods: [
        { start: "13:00", end: "12:00" },
        { start: "16:00", end: "19:30" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain("办公时段不正确");
    const ok = await call<{ opening: { openDays: string[] } }>(
      ADMIN,
      "PUT",
      `/api/v1/halls/${hallId}/settings`,
      settings,
    );
    expect(ok.status).toBe(200);
    // Working days from the calendar: no weekend (2026-06-20/21), and 端午节 2026-06-19 is a holiday.
    expect(ok.body.opening.openDays).toContain("2026-06-15");
    expect(ok.body.opening.openDays).not.toContain("2026-06-20");
    expect(ok.body.opening.openDays).not.toContain("2026-06-21");
    expect(ok.body.opening.openDays).not.toContain("2026-06-19");
  });

  it("windows of each kind serve listed items; numbers are unique per hall", async () => {
    const w = await call<{ id: number; kindName: string }>(ADMIN, "POST", `/api/v1/halls/${hallId}/windows`, {
      number: "1",
      kind: "comprehensive",
      guideCodes: [guideCode],
    });
    expect(w.status).toBe(201);
    expect(w.body.kindName).toBe("综合窗口");
    windowId = w.body.id;
    expect(
      (await call(ADMIN, "POST", `/api/v1/halls/${hallId}/windows`, { number: "2", kind: "cross_province" }))
        .status,
    ).toBe(201);
    expect(
      (await call(ADMIN, "POST", `/api/v1/halls/${hallId}/windows`, { number: "1", kind: "assisted" }))
        .status,
    ).toBe(409);
    const unknown = await call(ADMIN, "POST", `/api/v1/halls/${hallId}/windows`, {
      number: "3",
      kind: "one_thing",
      guideCodes: ["0".repeat(31)],
    });
    expect(unknown.status).toBe(400);
    const hall = await call<{ windows: { number: string; kind: string; guideCodes: string[] }[] }>(
      null,
      "GET",
      `/api/v1/halls/${hallId}`,
    );
    expect(hall.body.windows.map((x) => [x.number, x.kind])).toEqual([
      ["1", "comprehensive"],
      ["2", "cross_province"],
    ]);
  });

  it("委托受理: a prefecture item delegated down to a township centre, never to a county centre", async () => {
    const d = await call<{ guideCode: string }>(ADMIN, "POST", `/api/v1/halls/${townHallId}/delegations`, {
      guideCode,
      basis: "喀什地区市场监管局委托乡镇便民服务中心受理",
    });
    expect(d.status).toBe(201);
    const town = await call<{ delegations: { guideCode: string }[] }>(
      null,
      "GET",
      `/api/v1/halls/${townHallId}`,
    );
    expect(town.body.delegations.map((x) => x.guideCode)).toEqual([guideCode]);
    const up = await call(ADMIN, "POST", `/api/v1/halls/${hallId}/delegations`, {
      guideCode,
      basis: "不应允许",
    });
    expect(up.status).toBe(400);
  });
});

describe("appointments", () => {
  it("lists slots on working days, after now, with the capacity of the serving windows", async () => {
    const r = await call<{ slots: Slot[] }>(
      null,
      "GET",
      `/api/v1/halls/${hallId}/slots?guideCode=${guideCode}`,
    );
    expect(r.status).toBe(200);
    slots = r.body.slots;
    expect(slots[0]).toMatchObject({ date: "2026-06-15", start: "10:30", capacity: 1, available: 1 });
    expect(slots.some((s) => s.date === "2026-06-20")).toBe(false);
    expect(slots.filter((s) => s.date === "2026-06-16")).toHaveLength(14);
  });

  it("holds capacity: the second booking of a full slot is refused; a cancellation frees it", async () => {
    const slot = slots.find((s) => s.date === "2026-06-16" && s.start === "10:00")!;
    const body = { hallId, guideCode, date: slot.date, start: slot.start };
    const a = await call<{ id: string; status: string }>(A, "POST", "/api/v1/appointments", body);
    expect(a.status).toBe(201);
    expect(a.body.status).toBe("booked");
    const b = await call(B, "POST", "/api/v1/appointments", body);
    expect(b.status).toBe(409);
    expect(b.body.error?.message).toContain("已约满");
    const left = await call<{ slots: Slot[] }>(
      null,
      "GET",
      `/api/v1/halls/${hallId}/slots?guideCode=${guideCode}`,
    );
    expect(left.body.slots.find((s) => s.date === slot.date && s.start === slot.start)?.available).toBe(0);
    // Only the applicant may cancel.
    expect((await call(B, "POST", `/api/v1/appointments/${a.body.id}/cancellation`)).status).toBe(404);
    const c = await call<{ status: string }>(A, "POST", `/api/v1/appointments/${a.body.id}/cancellation`);
    expect(c.status).toBe(200);
    expect(c.body.status).toBe("cancelled");
    expect((await call(A, "POST", `/api/v1/appointments/${a.body.id}/cancellation`)).status).toBe(409);
    expect((await call(B, "POST", "/api/v1/appointments", body)).status).toBe(201);
  });

  it("two applicants racing for the last place: exactly one gets it", async () => {
    const slot = slots.find((s) => s.date === "2026-06-16" && s.start === "11:00")!;
    const body = { hallId, guideCode, date: slot.date, start: slot.start };
    const results = await Promise.all([
      call(A, "POST", "/api/v1/appointments", body),
      call(B, "POST", "/api/v1/appointments", body),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("refuses a slot outside the opening hours or on a holiday", async () => {
    expect(
      (
        await call(A, "POST", "/api/v1/appointments", {
          hallId,
          guideCode,
          date: "2026-06-16",
          start: "14:00",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(A, "POST", "/api/v1/appointments", {
          hallId,
          guideCode,
          date: "2026-06-20",
          start: "10:00",
        })
      ).status,
    ).toBe(400);
  });

  it("reminds the day before and records no-shows after the day", async () => {
    const r = await remindAppointments(t.database.db, now);
    expect(r.reminded).toBe(2); // B at 10:00 and the winner at 11:00 on 06-16
    expect((await remindAppointments(t.database.db, now)).reminded).toBe(0);
    const mine = await call<{ items: { date: string; remindedAt: string | null }[] }>(
      B,
      "GET",
      "/api/v1/appointments",
    );
    expect(mine.body.items.find((x) => x.date === "2026-06-16")?.remindedAt).not.toBeNull();
    const later = await remindAppointments(t.database.db, new Date("2026-06-17T02:00:00Z"));
    expect(later.noShows).toBe(2);
    const after = await call<{ items: { date: string; status: string }[] }>(B, "GET", "/api/v1/appointments");
    expect(after.body.items.filter((x) => x.date === "2026-06-16").map((x) => x.status)).toContain("no_show");
  });
});

describe("queue", () => {
  interface Ticket {
    id: string;
    number: string;
    source: string;
    ahead?: number;
  }
  it("walk-ins need no appointment; the green channel and appointments are called first", async () => {
    const walkIn = await call<Ticket>(null, "POST", `/api/v1/halls/${hallId}/tickets`, {});
    expect(walkIn.status).toBe(201);
    expect(walkIn.body.number).toBe("A001");
    expect(walkIn.body.ahead).toBe(0);
    const slot = slots.find((s) => s.date === "2026-06-15" && s.start === "13:00")!;
    const appt = await call<{ id: string }>(A, "POST", "/api/v1/appointments", {
      hallId,
      guideCode,
      date: slot.date,
      start: slot.start,
    });
    expect(appt.status).toBe(201);
    const checkIn = await call<Ticket>(A, "POST", `/api/v1/halls/${hallId}/tickets`, {
      appointmentId: appt.body.id,
    });
    expect(checkIn.body.source).toBe("appointment");
    expect(checkIn.body.ahead).toBe(0);
    expect(
      (await call(A, "POST", `/api/v1/halls/${hallId}/tickets`, { appointmentId: appt.body.id })).status,
    ).toBe(409);
    const elder = await call<Ticket>(null, "POST", `/api/v1/halls/${hallId}/tickets`, {
      priorityGroup: "elderly",
    });
    expect(elder.body.number).toBe("V003");
    expect(elder.body.ahead).toBe(0);
    const walkIn2 = await call<Ticket>(null, "POST", `/api/v1/halls/${hallId}/tickets`, {});
    expect(walkIn2.body.ahead).toBe(3);

    expect((await call(A, "POST", `/api/v1/hall-windows/${windowId}/call`)).status).toBe(403);
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      now = new Date(now.getTime() + 4 * 60_000);
      const c = await call<{ ticket: Ticket | null }>(CLERK, "POST", `/api/v1/hall-windows/${windowId}/call`);
      expect(c.status).toBe(200);
      if (c.body.ticket !== null) order.push(c.body.ticket.number);
      if (i === 0) {
        const page = await t.app.inject({ method: "GET", url: `/halls/${hallId}/display` });
        expect(page.headers["content-type"]).toContain("text/html");
        expect(page.body).toContain("V003");
        expect(page.body).toContain("请到 1 号窗口");
      }
    }
    expect(order).toEqual(["V003", "A002", "A001", "A004"]);
  });

  it("statistics of waiting times for the hall's clerks and supervisors, not for applicants", async () => {
    expect((await call(A, "GET", `/api/v1/halls/${hallId}/queue-stats`)).status).toBe(403);
    const s = await call<{
      overall: {
        issued: number;
        served: number;
        priority: number;
        byAppointment: number;
        avgWaitMinutes: number;
        p90WaitMinutes: number;
      };
    }>(CLERK, "GET", `/api/v1/halls/${hallId}/queue-stats`);
    expect(s.status).toBe(200);
    expect(s.body.overall).toMatchObject({ issued: 4, served: 4, priority: 1, byAppointment: 1 });
    expect(s.body.overall.avgWaitMinutes).toBe(10);
    expect(s.body.overall.p90WaitMinutes).toBe(16);
    expect((await call("kashgar.supervisor", "GET", `/api/v1/halls/${hallId}/queue-stats`)).status).toBe(200);
  });
});
