import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobRegistry } from "../../src/server/jobs/jobs.registry.js";
import { runDueJobs } from "../../src/server/jobs/jobs.service.js";
import { appointmentReminderJob } from "../../src/server/modules/halls/appointment-reminders.js";
import { remindAppointments } from "../../src/server/modules/halls/appointments.service.js";
import type {
  NotificationProvider,
  OutgoingMessage,
} from "../../src/server/modules/notifications/notifications.provider.js";
import { demoCreditCode } from "../../src/server/seed/demo-agencies.js";
import { DEMO_CITIZENS, DEMO_PASSWORD, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { publishServiceGuide } from "../helpers/fixtures.js";
import { Sessions } from "../helpers/sessions.js";

// Monday 2026-06-15, 10:00 China time.
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.31.0");
const KASHGAR_ADMIN = "kashgar.admin";
const XJ_ADMIN = "xj.admin";
const CLERK = "kashi.clerk";
const COUNTY_ADMIN = "kashi.county.admin";
const A = DEMO_CITIZENS[0].idNumber;
const B = DEMO_CITIZENS[1].idNumber;
let guideCode = "";
let samrId = 0; // 喀什地区市场监督管理局 (6531)
let cityServicesId = 0; // 喀什市 government services agency (653101)
let xjServicesId = 0; // 自治区 government services agency (65)

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  ({ guideCode, agencyId: samrId } = await publishServiceGuide(deps, "测试咨询服务"));
  const ids = await sql<{ id: number; region_code: string }>`
    select id, region_code from agencies where line_code = 'government_services' and region_code in ('65', '653101')
  `.execute(t.database.db);
  cityServicesId = Number(ids.rows.find((r) => r.region_code === "653101")?.id);
  xjServicesId = Number(ids.rows.find((r) => r.region_code === "65")?.id);
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

interface GrantsView {
  user: { id: string; loginName: string; agencyId: number; regionCode: string };
  grants: { role: string; agencyId: number; regionCode: string; scope: string; permissions: string[] }[];
  revoked?: boolean;
}

async function userIdOf(login: string): Promise<string> {
  const r = await sql<{ id: string }>`select id from users where login_name = ${login}`.execute(
    t.database.db,
  );
  return r.rows[0]!.id;
}

async function auditCount(action: string, entityId: string): Promise<number> {
  const r = await sql<{ n: string }>`
    select count(*) as n from audit_events where action = ${action} and entity_id = ${entityId}
  `.execute(t.database.db);
  return Number(r.rows[0]?.n ?? 0);
}

describe("staff accounts and role grants", () => {
  let clerkId = "";

  it("an admin creates a county admin within their region; bad input is a clear 4xx", async () => {
    const body = {
      loginName: COUNTY_ADMIN,
      displayName: "县级管理员",
      password: DEMO_PASSWORD,
      agencyId: cityServicesId,
      grants: [{ role: "admin", regionCode: "653101" }],
    };
    const weak = await call(KASHGAR_ADMIN, "POST", "/api/v1/admin/users", { ...body, password: "short" });
    expect(weak.status).toBe(400);
    const wide = await call(KASHGAR_ADMIN, "POST", "/api/v1/admin/users", {
      ...body,
      grants: [{ role: "admin", regionCode: "6531" }],
    });
    expect(wide.status).toBe(400);
    expect(wide.body.error?.message).toContain("不在该机构所在区划内");
    expect((await call(CLERK, "POST", "/api/v1/admin/users", body)).status).toBe(403);
    const made = await call<GrantsView>(KASHGAR_ADMIN, "POST", "/api/v1/admin/users", body);
    expect(made.status).toBe(201);
    expect(made.body.grants.map((g) => [g.role, g.regionCode])).toEqual([["admin", "653101"]]);
    expect((await call(KASHGAR_ADMIN, "POST", "/api/v1/admin/users", body)).status).toBe(409);
    // Not in the region the county admin administers: the 自治区 agency.
    const outside = await call(COUNTY_ADMIN, "POST", "/api/v1/admin/users", {
      ...body,
      loginName: "xj.someone",
      agencyId: xjServicesId,
      grants: [],
    });
    expect(outside.status).toBe(403);
  });

  it("shows a user's effective grants to the admins of their region only", async () => {
    clerkId = await userIdOf(CLERK);
    const view = await call<GrantsView>(KASHGAR_ADMIN, "GET", `/api/v1/admin/users/${clerkId}/grants`);
    expect(view.status).toBe(200);
    expect(view.body.user.loginName).toBe(CLERK);
    expect(view.body.grants).toEqual([
      expect.objectContaining({
        role: "window_clerk",
        regionCode: "653101",
        scope: "region",
        permissions: ["case.intake"],
      }),
    ]);
    expect((await call(XJ_ADMIN, "GET", `/api/v1/admin/users/${clerkId}/grants`)).status).toBe(200);
    expect((await call(CLERK, "GET", `/api/v1/admin/users/${clerkId}/grants`)).status).toBe(403);
    // A staff member of another county: not in the 喀什市 admin's region.
    const shufu = await userIdOf("shufu.clerk");
    expect((await call(COUNTY_ADMIN, "GET", `/api/v1/admin/users/${shufu}/grants`)).status).toBe(404);
    // An applicant is not a staff account.
    const citizen = await sql<{ id: string }>`select id from users where kind = 'person' limit 1`.execute(
      t.database.db,
    );
    expect(
      (await call(KASHGAR_ADMIN, "GET", `/api/v1/admin/users/${citizen.rows[0]!.id}/grants`)).status,
    ).toBe(404);
  });

  it("a granted role takes effect on the user's next request; revoking takes it away", async () => {
    const board = "/api/v1/supervision/board?region=653101";
    expect((await call(CLERK, "GET", board)).status).toBe(403);
    const g = await call<GrantsView>(KASHGAR_ADMIN, "POST", `/api/v1/admin/users/${clerkId}/grants`, {
      role: "supervisor",
      regionCode: "653101",
    });
    expect(g.status).toBe(201);
    expect(g.body.grants.map((x) => x.role)).toEqual(["window_clerk", "supervisor"]);
    expect(await auditCount("identity.grant.create", clerkId)).toBe(1);
    expect((await call(CLERK, "GET", board)).status).toBe(200);
    // The same grant twice is a conflict.
    expect(
      (
        await call(KASHGAR_ADMIN, "POST", `/api/v1/admin/users/${clerkId}/grants`, {
          role: "supervisor",
          regionCode: "653101",
        })
      ).status,
    ).toBe(409);
    const r = await call<GrantsView>(
      KASHGAR_ADMIN,
      "DELETE",
      `/api/v1/admin/users/${clerkId}/grants?role=supervisor&agencyId=${g.body.user.agencyId}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.revoked).toBe(true);
    expect(r.body.grants.map((x) => x.role)).toEqual(["window_clerk"]);
    expect(await auditCount("identity.grant.revoke", clerkId)).toBe(1);
    expect((await call(CLERK, "GET", board)).status).toBe(403);
    const again = await call<GrantsView>(
      KASHGAR_ADMIN,
      "DELETE",
      `/api/v1/admin/users/${clerkId}/grants?role=supervisor&agencyId=${g.body.user.agencyId}`,
    );
    expect(again.body.revoked).toBe(false);
    expect(await auditCount("identity.grant.revoke", clerkId)).toBe(1);
  });

  it("a county admin cannot grant outside their region nor beyond their own reach", async () => {
    // At a prefecture agency (6531), though the user is theirs.
    const beyond = await call(COUNTY_ADMIN, "POST", `/api/v1/admin/users/${clerkId}/grants`, {
      role: "reviewer",
      agencyId: samrId,
    });
    expect(beyond.status).toBe(403);
    expect(beyond.body.error?.message).toContain("超出您的管理范围");
    // A region scope wider than theirs.
    const wider = await call(COUNTY_ADMIN, "POST", `/api/v1/admin/users/${clerkId}/grants`, {
      role: "supervisor",
      agencyId: samrId,
      regionCode: "6531",
    });
    expect(wider.status).toBe(403);
    // A user of another region does not exist for them.
    const samrReviewer = await userIdOf("kashgar.samr.reviewer");
    expect(
      (await call(COUNTY_ADMIN, "POST", `/api/v1/admin/users/${samrReviewer}/grants`, { role: "approver" }))
        .status,
    ).toBe(404);
    // Inside their region it works.
    const ok = await call<GrantsView>(COUNTY_ADMIN, "POST", `/api/v1/admin/users/${clerkId}/grants`, {
      role: "supervisor",
      regionCode: "653101001",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.grants.find((x) => x.role === "supervisor")?.regionCode).toBe("653101001");
    // The platform admin reaches everywhere, also revoking what the county admin granted.
    const rv = await call<GrantsView>(
      XJ_ADMIN,
      "DELETE",
      `/api/v1/admin/users/${clerkId}/grants?role=supervisor&agencyId=${cityServicesId}`,
    );
    expect(rv.body.revoked).toBe(true);
  });

  it("nobody grants or revokes their own roles", async () => {
    const self = await userIdOf(KASHGAR_ADMIN);
    const own = await call(KASHGAR_ADMIN, "POST", `/api/v1/admin/users/${self}/grants`, {
      role: "supervisor",
    });
    expect(own.status).toBe(403);
    expect(own.body.error?.message).toContain("不能给自己");
    const xjSelf = await userIdOf(XJ_ADMIN);
    expect(
      (
        await call(
          XJ_ADMIN,
          "DELETE",
          `/api/v1/admin/users/${xjSelf}/grants?role=admin&agencyId=${xjServicesId}`,
        )
      ).status,
    ).toBe(403);
    // The 自治区 admin may act on the 喀什地区 admin (and the reverse is out of reach).
    expect((await call(XJ_ADMIN, "GET", `/api/v1/admin/users/${self}/grants`)).status).toBe(200);
    expect((await call(KASHGAR_ADMIN, "GET", `/api/v1/admin/users/${xjSelf}/grants`)).status).toBe(404);
  });
});

describe("agencies", () => {
  let newId = 0;
  it("creates an agency with a parent, the credit code checked, within the admin's region", async () => {
    const creditCode = demoCreditCode("11", "653101", 777001);
    const body = {
      name: "喀什市测试服务局",
      creditCode,
      regionCode: "653101",
      kind: "implementing",
      lineCode: "market_regulation",
      parentAgencyId: samrId,
    };
    const bad = await call(KASHGAR_ADMIN, "POST", "/api/v1/agencies", {
      ...body,
      creditCode: creditCode.slice(0, 17) + (creditCode.endsWith("0") ? "1" : "0"),
    });
    expect(bad.status).toBe(400);
    const outside = await call(COUNTY_ADMIN, "POST", "/api/v1/agencies", { ...body, regionCode: "653121" });
    expect(outside.status).toBe(403);
    const made = await call<{ id: number }>(COUNTY_ADMIN, "POST", "/api/v1/agencies", body);
    expect(made.status).toBe(201);
    newId = made.body.id;
    const view = await call<{ parentAgencyId: number; parentName: string; lineCode: string }>(
      COUNTY_ADMIN,
      "GET",
      `/api/v1/admin/agencies/${newId}`,
    );
    expect(view.body.parentAgencyId).toBe(samrId);
    expect(view.body.lineCode).toBe("market_regulation");
  });

  it("edits an agency: kind, line, parent checked (no cycle, not below), audited", async () => {
    const edit = await call<{ kind: string; phone: string; parentAgencyId: number | null }>(
      COUNTY_ADMIN,
      "PATCH",
      `/api/v1/agencies/${newId}`,
      { kind: "line_department", phone: "0998-2820000", parentAgencyId: null },
    );
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ kind: "line_department", phone: "0998-2820000", parentAgencyId: null });
    expect(await auditCount("agency.update", String(newId))).toBe(1);
    // Itself as its parent, or a parent in another county: refused.
    const self = await call(COUNTY_ADMIN, "PATCH", `/api/v1/agencies/${newId}`, { parentAgencyId: newId });
    expect(self.status).toBe(400);
    expect(self.body.error?.message).toContain("上级机构不正确");
    // A prefecture agency under a county one would go downwards.
    const down = await call(KASHGAR_ADMIN, "PATCH", `/api/v1/agencies/${samrId}`, { parentAgencyId: newId });
    expect(down.status).toBe(400);
    expect(
      (await call(COUNTY_ADMIN, "PATCH", `/api/v1/agencies/${newId}`, { creditCode: "91653101MA0000000I" }))
        .status,
    ).toBe(400);
    expect((await call(COUNTY_ADMIN, "PATCH", `/api/v1/agencies/${samrId}`, { phone: "1" })).status).toBe(
      404,
    );
    expect((await call(CLERK, "PATCH", `/api/v1/agencies/${newId}`, { phone: "1" })).status).toBe(404);
    const moved = await call(COUNTY_ADMIN, "PATCH", `/api/v1/agencies/${newId}`, { regionCode: "6531" });
    expect(moved.status).toBe(403);
  });

  it("lists the functional lines", async () => {
    const lines = await call<{ items: { code: string }[] }>(null, "GET", "/api/v1/functional-lines");
    expect(lines.body.items.map((l) => l.code)).toContain("market_regulation");
  });
});

describe("seal certificates", () => {
  it("shows the root-certified certificate of a seal: subject, serial, validity, fingerprint", async () => {
    const rotated = await call<{ id: number; sealCode: string }>(
      KASHGAR_ADMIN,
      "POST",
      `/api/v1/agencies/${samrId}/seals/rotation`,
      {},
    );
    expect(rotated.status).toBe(201);
    const cert = await call<{
      serial: string;
      subject: { agencyId: number; agencyName: string };
      isCertified: boolean;
      publicKey: string;
      publicKeyFingerprint: string;
      validFrom: string;
      validTo: string;
      issuer: { rootFingerprint: string };
    }>(null, "GET", `/api/v1/seals/${rotated.body.id}/certificate`);
    expect(cert.status).toBe(200);
    expect(cert.body.serial).toBe(rotated.body.sealCode);
    expect(cert.body.subject.agencyId).toBe(samrId);
    expect(cert.body.isCertified).toBe(true);
    expect(cert.body.publicKeyFingerprint).toMatch(/^([0-9A-F]{2}:){15}[0-9A-F]{2}$/);
    expect(cert.body.issuer.rootFingerprint).not.toBe(cert.body.publicKeyFingerprint);
    expect(
      new Date(cert.body.validTo).getUTCFullYear() - new Date(cert.body.validFrom).getUTCFullYear(),
    ).toBe(3);
    // A tampered certificate no longer verifies under the root key.
    await sql`update agency_seals set public_key = ${"04" + "1".repeat(128)} where id = ${rotated.body.id}`.execute(
      t.database.db,
    );
    const broken = await call<{ isCertified: boolean }>(
      null,
      "GET",
      `/api/v1/seals/${rotated.body.id}/certificate`,
    );
    expect(broken.body.isCertified).toBe(false);
    expect((await call(null, "GET", "/api/v1/seals/999999/certificate")).status).toBe(404);
  });
});

describe("appointment reminders through the notification provider", () => {
  it("sends one SMS per appointment by job, none for a cancelled one", async () => {
    const hall = await call<{ items: { id: number; kind: string; regionCode: string }[] }>(
      null,
      "GET",
      "/api/v1/halls?region=653101",
    );
    const hallId = hall.body.items.find((h) => h.kind === "service_center" && h.regionCode === "653101")!.id;
    expect(
      (
        await call(KASHGAR_ADMIN, "PUT", `/api/v1/halls/${hallId}/settings`, {
          periods: [{ start: "10:00", end: "13:30" }],
          slotMinutes: 30,
          capacityPerWindow: 2,
          bookingDaysAhead: 7,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(KASHGAR_ADMIN, "POST", `/api/v1/halls/${hallId}/windows`, {
          number: "R1",
          kind: "comprehensive",
          guideCodes: [guideCode],
        })
      ).status,
    ).toBe(201);
    const booking = { hallId, guideCode, date: "2026-06-16", start: "10:00" };
    const a = await call<{ id: string }>(A, "POST", "/api/v1/appointments", booking);
    const b = await call<{ id: string }>(B, "POST", "/api/v1/appointments", booking);
    expect([a.status, b.status]).toEqual([201, 201]);

    const sent: OutgoingMessage[] = [];
    const recorder: NotificationProvider = {
      name: "test",
      send: (m) => {
        sent.push(m);
        return Promise.resolve();
      },
    };
    const registry = new JobRegistry().register(appointmentReminderJob(t.secrets, () => recorder));
    const silent = { info: () => {}, warn: () => {}, error: () => {} };
    const run = () => runDueJobs(t.database.db, registry, { workerId: "t", now, log: silent, batchSize: 20 });

    expect((await remindAppointments(t.database.db, now)).reminded).toBe(2);
    // B cancels after the reminder was queued: the job sends nothing to B.
    expect((await call(B, "POST", `/api/v1/appointments/${b.body.id}/cancellation`)).status).toBe(200);
    const r = await run();
    expect(r.succeeded).toBe(2);
    expect(sent).toHaveLength(1);
    const citizenA = await sql<{
      id: string;
    }>`select applicant_id as id from appointments where id = ${a.body.id}`.execute(t.database.db);
    expect(sent[0]).toMatchObject({
      channel: "sms",
      recipientId: citizenA.rows[0]!.id,
      reference: `appointment:${a.body.id}`,
    });
    expect(sent[0]!.text).toContain("2026-06-16 10:00");
    expect(sent[0]!.text).toContain("测试咨询服务");
    // Once per appointment: another sweep enqueues nothing, the queue stays empty.
    expect((await remindAppointments(t.database.db, now)).reminded).toBe(0);
    expect((await run()).claimed).toBe(0);
    expect(sent).toHaveLength(1);
    expect(await auditCount("appointment.reminder.sent", a.body.id)).toBe(1);
  });
});
