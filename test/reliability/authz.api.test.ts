import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { SYSTEM } from "../../src/server/actor.js";
import { buildJobRegistry } from "../../src/server/jobs/jobs.js";
import { runDueJobs } from "../../src/server/jobs/jobs.service.js";
import {
  createDraft,
  createNextDraft,
  publishAsSystem,
} from "../../src/server/modules/catalog/catalog.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { createStaffUser } from "../../src/server/modules/identity/identity.service.js";
import { DEMO_PASSWORD as STAFF_PASSWORD } from "../../src/server/seed/demo-seed.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { bearerFor, fillPath, listOperations, type Operation } from "../helpers/openapi.js";
import { MATRIX, PRINCIPALS, type Fixtures, type Principal } from "./authz-matrix.js";

/**
 * Every operation × every principal, from the one table in authz-matrix.ts, plus IDOR probes on
 * cases and profiles. AUTHZ_OBSERVE=1 prints the observed allow lists (to review a new row, never to
 * copy blindly: the expected row comes from the policy, SPEC §1 and the module's rules).
 */
const LOGINS: Record<Exclude<Principal, "anonymous">, string> = {
  citizen: DEMO_CITIZENS[0].idNumber,
  otherCitizen: DEMO_CITIZENS[1].idNumber,
  enterprise: DEMO_ENTERPRISE.creditCode,
  clerk: "kashi.clerk",
  otherClerk: "shufu.clerk",
  reviewer: "kashgar.samr.reviewer",
  approver: "kashgar.samr.approver",
  editor: "kashgar.samr.editor",
  otherReviewer: "kashgar.hrss.reviewer",
  catalogReviewer: "kashgar.digital.reviewer",
  supervisor: "kashgar.supervisor",
  admin: "kashgar.admin",
  xjAdmin: "xj.admin",
};
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");
const now = new Date("2026-06-15T02:00:00Z");

let t: TestApp;
let ops: Operation[] = [];
const headers = {} as Record<Principal, Record<string, string>>;
const f = {} as Fixtures;
let ip = 1;

async function call(
  who: Principal,
  method: string,
  url: string,
  body?: unknown,
  raw?: { contentType: string; payload: string },
) {
  const res = await t.app.inject({
    method: method as "GET",
    url,
    headers: { ...headers[who], ...(raw === undefined ? {} : { "content-type": raw.contentType }) },
    ...(raw === undefined ? {} : { payload: raw.payload }),
    remoteAddress: `10.91.${Math.floor(ip / 250)}.${ip++ % 250}`,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return res;
}

async function applyCase(): Promise<{ id: string; lockVersion: number }> {
  const res = await call("citizen", "POST", "/api/v1/cases", {
    guideCode: f.guideCode,
    formData: { enterpriseName: "喀什丝路商贸有限公司", creditCode: "9144030071526726XG" },
    materials: [
      { key: "application_form", fileName: "申请书.pdf", contentType: "application/pdf", dataBase64: PDF },
      { key: "business_license", reference: "license:business:demo" },
    ],
  });
  if (res.statusCode !== 201) throw new Error(`apply: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; lockVersion: number }>();
}

async function runJobs(): Promise<void> {
  const registry = buildJobRegistry({ secrets: t.secrets, publicBaseUrl: "https://tongban.example" });
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  for (;;) {
    const r = await runDueJobs(t.database.db, registry, { workerId: "authz", now, log, batchSize: 20 });
    if (r.dead > 0) throw new Error(`jobs: ${r.dead} dead`);
    if (r.claimed === 0) return;
  }
}

function must<T>(
  res: { statusCode: number; body: string; json: <X>() => X },
  what: string,
  ok = [200, 201],
): T {
  if (!ok.includes(res.statusCode)) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  ({ ops } = await listOperations(t.app));
  headers.anonymous = {};
  for (const [p, login] of Object.entries(LOGINS))
    headers[p as Principal] = await bearerFor(t.app, login, `10.90.0.${ip++}`);

  const agencies = await call("anonymous", "GET", "/api/v1/agencies?region=6531&line=market_regulation");
  f.agencyId = agencies.json<{ items: { id: number }[] }>().items[0]?.id ?? 0;
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: f.agencyId, content: basicItem() },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const power = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId: f.agencyId,
      basicCode: basic.entry.code,
      content: {
        name: "测试经营许可",
        itemType: "01",
        basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
      },
    },
    deps,
  );
  await publishAsSystem(SYSTEM, power.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    { layer: "guide", agencyId: f.agencyId, basicCode: basic.entry.code, content: guide() },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  f.guideCode = g.entry.code;
  f.guideEntryId = g.entry.id;
  f.guideVersionId = g.version.id;
  const draft = await createNextDraft(SYSTEM, g.entry.id, guide({ promisedLimitDays: 4 }), deps);
  f.draftVersionId = draft.version.id;
  const cr = await call("editor", "POST", "/api/v1/catalog/change-requests", {
    entryId: f.guideEntryId,
    versionId: f.draftVersionId,
    kind: "modify",
    triggerSituation: 1,
    triggerDate: "2026-06-15",
    reason: "法规修订",
  });
  if (cr.statusCode !== 201) throw new Error(`change request: ${cr.statusCode} ${cr.body}`);
  f.changeRequestId = cr.json<{ id: number }>().id;

  const c = await applyCase();
  const accepted = await call("reviewer", "POST", `/api/v1/cases/${c.id}/acceptance`, {
    outcome: "accepted",
  });
  if (accepted.statusCode !== 200) throw new Error(`acceptance: ${accepted.body}`);
  const body = accepted.json<{ id: string; lockVersion: number; notices: { id: number }[] }>();
  f.caseId = body.id;
  f.caseLockVersion = body.lockVersion;
  f.noticeId = String(body.notices[0]?.id ?? "");
  f.citizenUserId = (await call("citizen", "GET", "/api/v1/me")).json<{ id: string }>().id;
  const complaint = await call("citizen", "POST", "/api/v1/complaints", {
    category: "efficiency",
    content: "办事排队时间太长了",
    relatedCaseId: f.caseId,
  });
  if (complaint.statusCode !== 201) throw new Error(`complaint: ${complaint.body}`);
  f.complaintId = complaint.json<{ id: string }>().id;
  await credentialFixtures(deps);
  await hallFixtures();
  await otherFixtures(deps);
}, 240_000);

type Deps = { db: TestApp["database"]["db"]; secrets: TestApp["secrets"]; now: () => Date };

async function publishGuide(name: string, overrides: Parameters<typeof guide>[0], deps: Deps) {
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: f.agencyId, content: basicItem({ name }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const power = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId: f.agencyId,
      basicCode: basic.entry.code,
      content: {
        name,
        itemType: "01",
        basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
      },
    },
    deps,
  );
  await publishAsSystem(SYSTEM, power.version.id, deps);
  const g = await createDraft(
    SYSTEM,
    {
      layer: "guide",
      agencyId: f.agencyId,
      basicCode: basic.entry.code,
      content: guide({ name, ...overrides }),
    },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  return { code: g.entry.code, basicCode: basic.entry.code };
}

/** A license-issuing case of the citizen, approved; the jobs sign its notices and issue the e-license. */
async function credentialFixtures(deps: Deps): Promise<void> {
  const base = guide();
  const lic = await publishGuide(
    "测试营业执照核发",
    { resultKind: "license", licenseTypeCode: "business_license", materials: [base.materials[0]!] },
    deps,
  );
  f.licenseGuideCode = lic.code;
  f.basicCode = lic.basicCode;
  const c = must<{ id: string }>(
    await call("citizen", "POST", "/api/v1/cases", {
      guideCode: lic.code,
      formData: { enterpriseName: "喀什丝路商贸有限公司", creditCode: "9144030071526726XG" },
      materials: [
        { key: "application_form", fileName: "申请书.pdf", contentType: "application/pdf", dataBase64: PDF },
      ],
    }),
    "license case",
  );
  f.licenseCaseId = c.id;
  must(await call("reviewer", "POST", `/api/v1/cases/${c.id}/acceptance`, { outcome: "accepted" }), "acc");
  must(await call("reviewer", "POST", `/api/v1/cases/${c.id}/dispatch`, {}), "dispatch");
  must(await call("approver", "POST", `/api/v1/cases/${c.id}/decision`, { decision: "approve" }), "decision");
  await runJobs();
  const docs = must<{ items: { id: string }[] }>(
    await call("citizen", "GET", `/api/v1/cases/${f.caseId}/documents`),
    "documents",
  );
  f.documentId = docs.items[0]?.id ?? "";
  const wallet = must<{ items: { identifier: string }[] }>(
    await call("citizen", "GET", "/api/v1/me/licenses"),
    "wallet",
  );
  f.licenseIdentifier = wallet.items[0]?.identifier ?? "";
  const objection = must<{ id: string }>(
    await call("citizen", "POST", `/api/v1/licenses/${f.licenseIdentifier}/objections`, {
      reason: "地址有误",
    }),
    "objection",
  );
  f.objectionId = String(objection.id);
  const seals = must<{ items: { id: number }[] }>(
    await call("anonymous", "GET", `/api/v1/agencies/${f.agencyId}/seals`),
    "seals",
  );
  f.sealId = String(seals.items[0]?.id ?? "");
  if (f.documentId === "" || f.licenseIdentifier === "" || f.sealId === "")
    throw new Error(`credential fixtures: ${JSON.stringify(f)}`);
}

/** The 喀什市 政务服务中心 (the clerk's county), a window, an appointment and a walk-in ticket. */
async function hallFixtures(): Promise<void> {
  const halls = must<{ items: { id: number; kind: string; regionCode: string }[] }>(
    await call("anonymous", "GET", "/api/v1/halls?region=653101"),
    "halls",
  );
  f.hallId = String(halls.items.find((h) => h.kind === "service_center" && h.regionCode === "653101")!.id);
  const w = must<{ id: number }>(
    await call("admin", "POST", `/api/v1/halls/${f.hallId}/windows`, {
      number: "A1",
      kind: "comprehensive",
      guideCodes: [f.guideCode],
    }),
    "window",
  );
  f.windowId = String(w.id);
  must(
    await call("admin", "PUT", `/api/v1/halls/${f.hallId}/settings`, {
      periods: [{ start: "09:30", end: "13:30" }],
      slotMinutes: 30,
      capacityPerWindow: 2,
      bookingDaysAhead: 7,
    }),
    "settings",
  );
  const slots = must<{ slots: { date: string; start: string; available: number }[] }>(
    await call("citizen", "GET", `/api/v1/halls/${f.hallId}/slots?guideCode=${f.guideCode}`),
    "slots",
  );
  const slot = slots.slots.find((s) => s.available > 0)!;
  const appt = must<{ id: string }>(
    await call("citizen", "POST", "/api/v1/appointments", {
      hallId: Number(f.hallId),
      guideCode: f.guideCode,
      date: slot.date,
      start: slot.start,
    }),
    "appointment",
  );
  f.appointmentId = String(appt.id);
  const lastSlot = slots.slots[slots.slots.length - 1]!;
  f.slotDate = lastSlot.date;
  f.slotStart = lastSlot.start;
  const town = halls.items.find((h) => h.kind === "convenience_center")!;
  const delegation = must<{ id: number }>(
    await call("admin", "POST", `/api/v1/halls/${town.id}/delegations`, {
      guideCode: f.guideCode,
      basis: "委托受理协议",
    }),
    "delegation",
  );
  f.delegationId = String(delegation.id);
  const ticket = must<{ id: string }>(
    await call("anonymous", "POST", `/api/v1/halls/${f.hallId}/tickets`, {}),
    "ticket",
  );
  f.ticketId = String(ticket.id);
}

/** A bundle of the two fixture items with the citizen's application, a window visit, a notification. */
async function otherFixtures(deps: Deps): Promise<void> {
  const link = (key: string, code: string) => ({
    key,
    guideCode: code,
    name: key,
    department: "市场监管局",
    limitDays: 5,
    after: [],
  });
  const b = await createDraft(
    SYSTEM,
    {
      layer: "bundle",
      agencyId: f.agencyId,
      content: {
        code: "YJS-AUTHZ-01",
        name: "测试开办一件事",
        event: "enterprise",
        eventName: "企业开办",
        leadDepartment: "地区市监局",
        coAgencyIds: [],
        items: [link("trade_permit", f.guideCode), link("business_license", f.licenseGuideCode)],
        dataPushes: [],
        targetLimitDays: 10,
        hallNotifiedOn: "2026-06-01",
        goLiveOn: "2026-06-15",
        notes: [],
      },
    },
    deps,
  );
  await publishAsSystem(SYSTEM, b.version.id, deps);
  f.bundleCode = "YJS-AUTHZ-01";
  const pdf = (key: string) => ({
    key,
    fileName: "申请书.pdf",
    contentType: "application/pdf",
    dataBase64: PDF,
  });
  const app = await call("citizen", "POST", `/api/v1/bundles/${f.bundleCode}/applications`, {
    formData: { enterprise_name: "喀什丝路商贸有限公司", credit_code: "9144030071526726XG" },
    materials: [
      { key: "business_license", reference: "license:business:demo" },
      pdf("trade_permit__application_form"),
    ],
  });
  f.bundleApplicationId = String(must<{ id: string }>(app, "bundle application").id);
  const visit = must<{ id: string }>(
    await call("clerk", "POST", "/api/v1/window-visits", { visitorId: f.citizenUserId, purpose: "咨询" }),
    "visit",
  );
  f.visitId = String(visit.id);
  const reviewerId = (await call("reviewer", "GET", "/api/v1/me")).json<{ id: string }>().id;
  const n = await sql<{ id: string }>`
    insert into notifications (recipient_id, object_type, object_id, level, agency_id, region_code, subject, created_at)
    values (${reviewerId}, 'case', ${f.caseId}, 'yellow', ${f.agencyId}, '6531', '办件即将超期', ${now})
    returning id`.execute(deps.db);
  f.notificationId = String(n.rows[0]!.id);
  // admin: a staff account of the fixtures' agency without grants, for the grant / revoke probes
  const staff = await createStaffUser(
    SYSTEM,
    {
      loginName: "authz.staff",
      displayName: "授权对象",
      password: STAFF_PASSWORD,
      agencyId: f.agencyId,
      grants: [],
    },
    deps,
  );
  f.staffUserId = staff.id;
}
afterAll(async () => {
  await t.close();
});

function paramsFor(op: Operation, caseId: string): Record<string, string> {
  const p = op.path;
  const byPrefix: [string, string][] = [
    ["/api/v1/cases/", caseId],
    ["/cases/", caseId],
    ["/api/v1/agencies/", String(f.agencyId)],
    ["/api/v1/users/", f.citizenUserId],
    ["/api/v1/catalog/versions/", String(f.draftVersionId)],
    ["/api/v1/catalog/entries/", String(f.guideEntryId)],
    ["/api/v1/catalog/change-requests/", String(f.changeRequestId)],
    ["/api/v1/complaints/", f.complaintId],
    ["/api/v1/documents/", f.documentId],
    ["/verify/documents/", f.documentId],
    ["/api/v1/license-objections/", f.objectionId],
    ["/api/v1/bundles/applications/", f.bundleApplicationId],
    ["/api/v1/halls/", f.hallId],
    ["/halls/", f.hallId],
    ["/api/v1/hall-windows/", f.windowId],
    ["/api/v1/hall-delegations/", f.delegationId],
    ["/api/v1/appointments/", f.appointmentId],
    ["/api/v1/queue-tickets/", f.ticketId],
    ["/api/v1/notifications/", f.notificationId],
    ["/api/v1/window-visits/", f.visitId],
    ["/api/v1/admin/users/", f.staffUserId],
    ["/api/v1/admin/agencies/", String(f.agencyId)],
  ];
  const id = byPrefix.find(([prefix]) => p.startsWith(prefix))?.[1] ?? "1";
  return {
    id,
    caseId,
    agencyId: String(f.agencyId),
    identifier: f.licenseIdentifier,
    sealId: f.sealId,
    format: "svg",
    basicCode: f.basicCode,
    code: p.includes("/regions/") ? "6531" : p.includes("/bundles/") ? f.bundleCode : f.guideCode,
    noticeId: f.noticeId,
    date: f.slotDate,
    start: f.slotStart,
  };
}

const DENIED = [401, 403, 404];

async function probe(op: Operation, who: Principal): Promise<number> {
  const r = MATRIX[op.key];
  if (r === undefined) throw new Error(`no row for ${op.key}`);
  const caseId = r.freshCase === true ? (await applyCase()).id : f.caseId;
  let url = fillPath(op.path, paramsFor(op, caseId));
  if (op.path === "/api/v1/catalog/diff") url += `?from=${f.guideVersionId}&to=${f.draftVersionId}`;
  if (r.query !== undefined) url += `?${typeof r.query === "string" ? r.query : r.query(f)}`;
  const res = await call(who, op.method, url, r.body?.(f), r.raw);
  expect(res.statusCode, `${op.key} as ${who}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
  return res.statusCode;
}

// IDOR first: the matrix below creates many cases for the same applicant.
describe("IDOR: one applicant never reaches another's case or profile", () => {
  it("another applicant gets 404 on the case, its notices and archive, and cannot act on it", async () => {
    for (const url of [
      `/api/v1/cases/${f.caseId}`,
      `/cases/${f.caseId}/notices/${f.noticeId}/print`,
      `/api/v1/cases/${f.caseId}/archive.zip`,
      `/api/v1/cases/${f.caseId}/evaluation`,
    ]) {
      expect((await call("otherCitizen", "GET", url)).statusCode, url).toBe(404);
      expect((await call("enterprise", "GET", url)).statusCode, url).toBe(404);
    }
    const before = (await call("citizen", "GET", `/api/v1/cases/${f.caseId}`)).json<{
      lockVersion: number;
    }>();
    for (const [path, body] of [
      ["withdrawal", {}],
      ["payment", {}],
      ["supplements", { materials: [{ key: "business_license", reference: "license:business:demo" }] }],
      ["evaluation", { rating: 1, comment: "差" }],
    ] as const) {
      const res = await call("otherCitizen", "POST", `/api/v1/cases/${f.caseId}/${path}`, body);
      expect([400, 404], `${path}: ${res.body}`).toContain(res.statusCode);
    }
    const after = (await call("citizen", "GET", `/api/v1/cases/${f.caseId}`)).json<{ lockVersion: number }>();
    expect(after.lockVersion).toBe(before.lockVersion);
  });

  it("another applicant's list never holds the case; the owner's does", async () => {
    const fresh = await applyCase();
    const list = await call("otherCitizen", "GET", "/api/v1/cases");
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(fresh.id);
    const own = await call("citizen", "GET", "/api/v1/cases");
    expect(own.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(fresh.id);
  });

  it("a profile answers only to its owner; a window clerk (intake for applicants) sees it masked; others get 404", async () => {
    const own = await call("citizen", "GET", `/api/v1/users/${f.citizenUserId}`);
    expect(own.json<{ idNumber: string }>().idNumber).toBe(DEMO_CITIZENS[0].idNumber);
    for (const p of ["otherCitizen", "enterprise", "otherReviewer", "supervisor"] as const) {
      const res = await call(p, "GET", `/api/v1/users/${f.citizenUserId}`);
      expect(res.statusCode, p).toBe(404);
      expect(res.body).not.toContain(DEMO_CITIZENS[0].name);
    }
    const clerk = await call("clerk", "GET", `/api/v1/users/${f.citizenUserId}`);
    expect(clerk.json<{ isMasked: boolean; idNumber: string }>()).toMatchObject({ isMasked: true });
    expect(clerk.body).not.toContain(DEMO_CITIZENS[0].idNumber);
    const me = await call("otherCitizen", "GET", "/api/v1/me");
    expect(me.json<{ id: string }>().id).not.toBe(f.citizenUserId);
  });

  it("another applicant cannot read or answer a complaint that is not theirs", async () => {
    expect((await call("otherCitizen", "GET", `/api/v1/complaints/${f.complaintId}`)).statusCode).toBe(404);
    const fb = await call("otherCitizen", "POST", `/api/v1/complaints/${f.complaintId}/feedback`, {
      satisfaction: 1,
      isResolved: false,
    });
    expect([404, 403]).toContain(fb.statusCode);
  });
});

describe("IDOR: signed documents, e-licenses and bundle applications", () => {
  it("another applicant gets 404 on the documents and the PDF of the citizen's case", async () => {
    const own = await call("citizen", "GET", `/api/v1/documents/${f.documentId}/pdf`);
    expect(own.statusCode).toBe(200);
    expect(own.body.startsWith("%PDF")).toBe(true);
    for (const p of ["otherCitizen", "enterprise", "otherReviewer", "otherClerk"] as const) {
      const pdf = await call(p, "GET", `/api/v1/documents/${f.documentId}/pdf`);
      expect(pdf.statusCode, p).toBe(404);
      expect(pdf.body.startsWith("%PDF"), p).toBe(false);
      const list = await call(p, "GET", `/api/v1/cases/${f.caseId}/documents`);
      expect(list.statusCode, p).toBe(404);
      expect(list.body).not.toContain(f.documentId);
    }
  });

  it("a wallet holds only its owner's licenses; an objection on someone else's license is refused", async () => {
    const own = await call("citizen", "GET", "/api/v1/me/licenses");
    expect(own.json<{ items: { identifier: string }[] }>().items.map((i) => i.identifier)).toContain(
      f.licenseIdentifier,
    );
    for (const p of ["otherCitizen", "enterprise"] as const) {
      const wallet = await call(p, "GET", "/api/v1/me/licenses");
      expect(wallet.statusCode, p).toBe(200);
      expect(wallet.body, p).not.toContain(f.licenseIdentifier);
      const objection = await call(p, "POST", `/api/v1/licenses/${f.licenseIdentifier}/objections`, {
        reason: "不是我的证照",
      });
      expect(objection.statusCode, p).toBe(404);
      const held = await call(p, "GET", `/api/v1/cases/${f.licenseCaseId}/licenses`);
      expect(held.statusCode, p).toBe(404);
    }
    const filed = await t.database.db
      .selectFrom("license_objections")
      .select("id")
      .where("reason", "=", "不是我的证照")
      .execute();
    expect(filed).toHaveLength(0);
    // the public verification masks the holder
    const verify = await call("otherCitizen", "GET", `/api/v1/licenses/${f.licenseIdentifier}/verification`);
    expect(verify.statusCode).toBe(200);
    expect(verify.body).not.toContain(DEMO_CITIZENS[0].idNumber);
  });

  it("another applicant gets 404 on a bundle application and cannot deliver it", async () => {
    const url = `/api/v1/bundles/applications/${f.bundleApplicationId}`;
    expect((await call("citizen", "GET", url)).statusCode).toBe(200);
    for (const p of ["otherCitizen", "enterprise", "otherReviewer", "otherClerk"] as const) {
      const res = await call(p, "GET", url);
      expect(res.statusCode, p).toBe(404);
      expect([403, 404], p).toContain((await call(p, "POST", `${url}/deliver`, {})).statusCode);
    }
    // the owner may read it but not deliver it (a front- or back-office act): refused before its state
    expect((await call("citizen", "POST", `${url}/deliver`, {})).statusCode).toBe(403);
    const others = await call("otherCitizen", "GET", "/api/v1/cases");
    expect(others.body).not.toContain(f.bundleApplicationId);
  });
});

describe("authorization matrix", () => {
  it("has exactly one row per operation of the OpenAPI document", () => {
    const keys = ops.map((o) => o.key).sort();
    expect(
      keys.filter((k) => MATRIX[k] === undefined),
      "operations without a row in authz-matrix.ts",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !keys.includes(k)),
      "rows for operations that do not exist",
    ).toEqual([]);
  });

  it("allows exactly the principals of each row and denies everyone else", async () => {
    const mismatches: string[] = [];
    const observed: string[] = [];
    // Logging out ends the probe's session: that row is probed last.
    const ordered = [...ops].sort(
      (a, b) => Number(a.key.endsWith("/logout")) - Number(b.key.endsWith("/logout")),
    );
    for (const op of ordered) {
      const r = MATRIX[op.key];
      if (r === undefined) continue;
      const allowedNow: Principal[] = [];
      const who = r.noFixture === undefined ? PRINCIPALS : (["anonymous"] as const);
      for (const p of who) {
        const status = await probe(op, p);
        const isAllowed = !DENIED.includes(status);
        if (isAllowed) allowedNow.push(p);
        const expected = r.noFixture === undefined ? r.allow.includes(p) : false;
        if (isAllowed !== expected)
          mismatches.push(`${op.key} as ${p}: ${status}, expected ${expected ? "allow" : "deny"}`);
      }
      if (op.key.endsWith("/logout"))
        for (const [p, l] of Object.entries(LOGINS))
          headers[p as Principal] = await bearerFor(t.app, l, `10.92.0.${ip++ % 250}`);
      observed.push(`  "${op.key}": [${allowedNow.map((p) => `"${p}"`).join(", ")}],`);
    }
    if (process.env.AUTHZ_OBSERVE === "1") console.log(observed.join("\n"));
    expect(mismatches).toEqual([]);
  }, 600_000);
});
