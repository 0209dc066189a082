import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import {
  createDraft,
  createNextDraft,
  publishAsSystem,
} from "../../src/server/modules/catalog/catalog.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
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
}, 240_000);
afterAll(async () => {
  await t.close();
});

function paramsFor(op: Operation, caseId: string): Record<string, string> {
  const p = op.path;
  const id =
    p.startsWith("/api/v1/cases/") || p.startsWith("/cases/")
      ? caseId
      : p.includes("/agencies/")
        ? String(f.agencyId)
        : p.includes("/users/")
          ? f.citizenUserId
          : p.includes("/catalog/versions/")
            ? String(f.draftVersionId)
            : p.includes("/catalog/entries/")
              ? String(f.guideEntryId)
              : p.includes("/change-requests/")
                ? String(f.changeRequestId)
                : p.includes("/complaints/")
                  ? f.complaintId
                  : "1";
  return { id, code: p.includes("/regions/") ? "6531" : f.guideCode, noticeId: f.noticeId };
}

const DENIED = [401, 403, 404];

async function probe(op: Operation, who: Principal): Promise<number> {
  const r = MATRIX[op.key];
  if (r === undefined) throw new Error(`no row for ${op.key}`);
  const caseId = r.freshCase === true ? (await applyCase()).id : f.caseId;
  let url = fillPath(op.path, paramsFor(op, caseId));
  if (op.path === "/api/v1/catalog/diff") url += `?from=${f.guideVersionId}&to=${f.draftVersionId}`;
  if (r.query !== undefined) url += `?${r.query}`;
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
