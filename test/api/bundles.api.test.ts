import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import {
  abolishEntryInTx,
  createDraft,
  publishAsSystem,
} from "../../src/server/modules/catalog/catalog.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, seedDemo } from "../../src/server/seed/demo-seed.js";
import type { BundleContentInput, BundleGuide } from "../../src/shared/contracts/bundles.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { Sessions } from "../helpers/sessions.js";

// Monday 2026-06-15 10:00 Beijing time; 端午 is Friday 06-19.
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.77.0");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");

const EDITOR = "kashgar.samr.editor";
const STAFFING = "kashgar.staffing.reviewer";
const SERVICE = "kashgar.digital.reviewer";
const REVIEWER = "kashgar.samr.reviewer";
const APPROVER = "kashgar.samr.approver";
const SUPERVISOR = "kashgar.supervisor";
const CITIZEN = DEMO_CITIZENS[0].idNumber;
const OTHER_CITIZEN = DEMO_CITIZENS[1].idNumber;

type Body = Record<string, unknown> & {
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
};

async function call<T = Body>(
  who: string | null,
  method: "GET" | "POST" | "PUT",
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const auth = who === null ? {} : await sessions.as(who);
  const res = await t.app.inject({
    method,
    url,
    headers: { ...auth, ...headers },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<T & Body>() };
}

let samrId = 0;
let hrssId = 0;
const codes: Record<string, string> = {};

async function item(name: string, opts: { publish: boolean; appForm: string; agencyId?: number }) {
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  const agencyId = opts.agencyId ?? samrId;
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId, content: basicItem({ name, lineCode: "market_regulation" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const power = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId,
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
  const base = guide();
  const g = await createDraft(
    SYSTEM,
    {
      layer: "guide",
      agencyId,
      basicCode: basic.entry.code,
      content: guide({
        name,
        materials: [{ ...base.materials[0]!, name: opts.appForm }, base.materials[1]!, base.materials[2]!],
      }),
    },
    deps,
  );
  if (opts.publish) await publishAsSystem(SYSTEM, g.version.id, deps);
  return { guideCode: g.entry.code, basicCode: basic.entry.code };
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  const agency = async (line: string) =>
    (await t.app.inject({ method: "GET", url: `/api/v1/agencies?region=6531&line=${line}` })).json<{
      items: { id: number }[];
    }>().items[0]?.id ?? 0;
  samrId = await agency("market_regulation");
  hrssId = await agency("human_resources");
  codes.registration = (await item("测试设立登记", { publish: true, appForm: "设立登记申请书" })).guideCode;
  codes.seal = (await item("测试印章备案", { publish: true, appForm: "印章备案申请表" })).guideCode;
  codes.invoice = (await item("测试发票领用", { publish: true, appForm: "发票领用申请表" })).guideCode;
  codes.unpublished = (
    await item("测试未发布事项", { publish: false, appForm: "未发布事项申请表" })
  ).guideCode;
  const overlapped = await item("测试重叠事项", { publish: true, appForm: "重叠事项申请表" });
  codes.overlapped = overlapped.guideCode;
  // A published guide whose agency's power-list entry was abolished since: a gap (办法 18).
  const gap = await item("测试缺权事项", { publish: true, appForm: "缺权事项申请表" });
  codes.gap = gap.guideCode;
  const gapPower = await t.database.db
    .selectFrom("catalog_entries")
    .selectAll()
    .where("layer", "=", "power")
    .where("basic_code", "=", gap.basicCode)
    .executeTakeFirstOrThrow();
  await t.database.db.transaction().execute((trx) => abolishEntryInTx(trx, SYSTEM, gapPower, "2026-06-15"));
  // A second agency of the same region also holds the power: an overlap (办法 18).
  const second = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId: hrssId,
      basicCode: overlapped.basicCode,
      content: {
        name: "测试重叠事项",
        itemType: "01",
        basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
      },
    },
    deps,
  );
  await publishAsSystem(SYSTEM, second.version.id, deps);
}, 300_000);
afterAll(async () => {
  await t.close();
});

const link = (key: string, code: string, after: string[] = []) => ({
  key,
  guideCode: code,
  name: key,
  department: "市场监管局",
  limitDays: 5,
  after,
});

function bundle(overrides: Partial<BundleContentInput> = {}): BundleContentInput {
  return {
    code: "YJS-TEST-01",
    name: "测试开办一件事",
    event: "enterprise",
    eventName: "企业开办",
    leadDepartment: "地区市监局",
    coAgencyIds: [],
    items: [
      link("registration", codes.registration!),
      link("seal", codes.seal!, ["registration"]),
      link("invoice", codes.invoice!),
    ],
    dataPushes: [{ from: "registration", to: "seal", data: "营业执照信息" }],
    targetLimitDays: 10,
    hallNotifiedOn: "2026-06-01",
    goLiveOn: "2026-06-15",
    notes: [],
    ...overrides,
  };
}

async function file(entryId: number, versionId: number) {
  return call<{ id: number }>(EDITOR, "POST", "/api/v1/catalog/change-requests", {
    entryId,
    versionId,
    kind: "add",
    triggerSituation: 1,
    triggerDate: "2026-06-12",
    reason: "设立企业开办一件事",
    basisDocuments: [{ title: "喀什地区一件事一次办实施方案" }],
    touchesFunctions: true,
  });
}

let entryId = 0;
let versionId = 0;

describe("bundle catalog through the change workflow", () => {
  it("refuses to file a bundle with an unpublished item, an overlapping power, a short hall notice, a bad order", async () => {
    const created = await call<{ entry: { id: number; layer: string }; version: { id: number } }>(
      EDITOR,
      "POST",
      "/api/v1/catalog/drafts",
      {
        layer: "bundle",
        agencyId: samrId,
        content: bundle({
          items: [
            link("registration", codes.registration!, ["seal"]),
            link("seal", codes.seal!, ["registration"]),
            link("unpublished", codes.unpublished!),
            link("overlapped", codes.overlapped!),
            link("gap", codes.gap!),
          ],
          hallNotifiedOn: "2026-06-10",
        }),
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.entry.layer).toBe("bundle");
    entryId = created.body.entry.id;
    versionId = created.body.version.id;
    const refused = await file(entryId, versionId);
    expect(refused.status).toBe(400);
    const messages = (refused.body.error?.details ?? []).map((d) => d.message).join("\n");
    expect(messages).toContain("关联事项“unpublished”");
    expect(messages).toContain("未发布");
    expect(messages).toContain("“overlapped”在本地区由多个机构持有");
    expect(messages).toContain("“gap”的实施机构不在权责清单中持有该事项");
    expect(messages).toContain("成环");
    expect(messages).toContain("通知政务服务大厅后至少 10 个工作日");
    // Nothing was filed.
    const list = await call<{ items: unknown[] }>(EDITOR, "GET", "/api/v1/catalog/change-requests");
    expect(list.body.items).toHaveLength(0);
  });

  it("publishes a valid bundle only after the 机构编制 opinion, pinning the items' guide versions", async () => {
    const fixed = await call(EDITOR, "PUT", `/api/v1/catalog/versions/${versionId}`, { content: bundle() });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    const filed = await file(entryId, versionId);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const early = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
      decision: "approve",
    });
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toContain("机构编制");
    expect(
      (
        await call(STAFFING, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/signoffs`, {
          isApproved: true,
        })
      ).status,
    ).toBe(201);
    const ok = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
      decision: "approve",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const pins = await t.database.db
      .selectFrom("bundle_item_pins")
      .selectAll()
      .where("bundle_version_id", "=", versionId)
      .execute();
    expect(pins.map((p) => p.item_key).sort()).toEqual(["invoice", "registration", "seal"]);
  });

  it("lists it in its region and below, prominently marked, and serves the integrated guide", async () => {
    for (const region of ["6531", "653101"]) {
      const list = await call<{
        items: { code: string; tags: { name: string }[]; sumOfItemLimits: number }[];
      }>(null, "GET", `/api/v1/bundles?region=${region}`);
      expect(list.status).toBe(200);
      expect(list.body.items.map((i) => i.code)).toContain("YJS-TEST-01");
      expect(list.body.items[0]?.tags.map((x) => x.name)).toContain("一件事");
    }
    expect(
      (await call<{ items: unknown[] }>(null, "GET", "/api/v1/bundles?region=6532")).body.items,
    ).toHaveLength(0);
    expect((await call(null, "GET", "/api/v1/bundles?region=65x")).status).toBe(400);
    const g = await call<BundleGuide>(null, "GET", "/api/v1/bundles/YJS-TEST-01");
    expect(g.status).toBe(200);
    expect(g.body.form.map((f) => f.key)).toEqual(["enterprise_name", "credit_code"]);
    expect(g.body.form[0]?.targets).toHaveLength(3);
    // The licence and the tolerated site plan asked once; each item's own application form kept.
    expect(g.body.materials.map((m) => m.name)).toEqual([
      "设立登记申请书",
      "营业执照",
      "经营场所平面图",
      "印章备案申请表",
      "发票领用申请表",
    ]);
    expect(g.body.stages).toEqual([["registration", "invoice"], ["seal"]]);
    expect(g.body).toMatchObject({
      targetLimitDays: 10,
      sumOfItemLimits: 15,
      criticalPathDays: 10,
      isOneThing: true,
    });
    expect((await call(null, "GET", "/api/v1/bundles/YJS-NOPE")).status).toBe(404);
  });
});

const materials = [
  { key: "business_license", reference: "LIC-91653101MA0000000X" },
  {
    key: "registration__application_form",
    fileName: "a.pdf",
    contentType: "application/pdf",
    dataBase64: PDF,
  },
  { key: "seal__application_form", fileName: "b.pdf", contentType: "application/pdf", dataBase64: PDF },
  { key: "invoice__application_form", fileName: "c.pdf", contentType: "application/pdf", dataBase64: PDF },
];
const formData = { enterprise_name: "喀什测试商贸有限公司", credit_code: DEMO_ENTERPRISE.creditCode };

interface Application {
  id: string;
  status: string;
  promisedDue: string | null;
  isReplay: boolean;
  subCases: {
    caseId: string;
    itemName: string;
    status: string;
    isWaiting: boolean;
    notices: { kind: string; content: unknown }[];
  }[];
}

const sub = (a: Application, name: string) => {
  const s = a.subCases.find((x) => x.itemName === name);
  if (s === undefined) throw new Error(`no sub-case ${name}`);
  return s;
};

async function act(who: string, caseId: string, action: string, body: Record<string, unknown> = {}) {
  return call(who, "POST", `/api/v1/cases/${caseId}/${action}`, body);
}

let first: Application;

describe("one application, parallel sub-cases", () => {
  it("refuses a merged form with a missing or unknown field, naming the merged key", async () => {
    const res = await call(CITIZEN, "POST", "/api/v1/bundles/YJS-TEST-01/applications", {
      formData: { credit_code: formData.credit_code, nope: 1 },
      materials,
    });
    expect(res.status).toBe(400);
    const paths = (res.body.error?.details ?? []).map((d) => d.path);
    expect(paths).toContain("formData.enterprise_name");
    expect(paths).toContain("formData.nope");
    expect(paths.filter((p) => p === "formData.enterprise_name")).toHaveLength(1);
    expect(await t.database.db.selectFrom("parent_cases").select("id").execute()).toHaveLength(0);
  });

  it("creates a parent case and one sub-case per item; the one that must follow waits", async () => {
    const res = await call<Application>(
      CITIZEN,
      "POST",
      "/api/v1/bundles/YJS-TEST-01/applications",
      { formData, materials },
      { "idempotency-key": "bundle-apply-0001" },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    first = res.body;
    expect(first.status).toBe("submitted");
    expect(first.subCases).toHaveLength(3);
    expect(sub(first, "测试印章备案").isWaiting).toBe(true);
    expect(sub(first, "测试发票领用").isWaiting).toBe(false);
    const replay = await call<Application>(
      CITIZEN,
      "POST",
      "/api/v1/bundles/YJS-TEST-01/applications",
      { formData, materials },
      { "idempotency-key": "bundle-apply-0001" },
    );
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(first.id);
    // Each sub-case got its own item's form data and materials.
    const seal = await call<{ formData: Record<string, unknown>; materials: { key: string }[] }>(
      CITIZEN,
      "GET",
      `/api/v1/cases/${sub(first, "测试印章备案").caseId}`,
    );
    expect(seal.body.formData).toEqual({
      enterpriseName: formData.enterprise_name,
      creditCode: formData.credit_code,
    });
    expect(seal.body.materials.map((m) => m.key).sort()).toEqual(["application_form", "business_license"]);
    // Another applicant sees none of it.
    expect((await call(OTHER_CITIZEN, "GET", `/api/v1/bundles/applications/${first.id}`)).status).toBe(404);
  });

  it("dispatches in order, derives the parent, and delivers all results together", async () => {
    for (const s of first.subCases)
      expect((await act(REVIEWER, s.caseId, "acceptance", { outcome: "accepted" })).status).toBe(200);
    let a = (await call<Application>(REVIEWER, "GET", `/api/v1/bundles/applications/${first.id}`)).body;
    expect(a.status).toBe("in_progress");
    expect(a.promisedDue).toBe("2026-06-23"); // 5 working days from 06-16, 端午 06-19 skipped
    const early = await act(REVIEWER, sub(a, "测试印章备案").caseId, "dispatch");
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toContain("测试设立登记");
    for (const name of ["测试设立登记", "测试发票领用"])
      expect((await act(REVIEWER, sub(a, name).caseId, "dispatch")).status).toBe(200);
    expect(
      (await act(APPROVER, sub(a, "测试设立登记").caseId, "decision", { decision: "approve" })).status,
    ).toBe(200);
    expect((await act(REVIEWER, sub(a, "测试印章备案").caseId, "dispatch")).status).toBe(200);
    expect(
      (
        await act(APPROVER, sub(a, "测试发票领用").caseId, "decision", {
          decision: "deny",
          reason: "经营范围不含发票领用条件",
        })
      ).status,
    ).toBe(200);
    expect((await call(REVIEWER, "POST", `/api/v1/bundles/applications/${first.id}/deliver`)).status).toBe(
      409,
    );
    expect(
      (await act(APPROVER, sub(a, "测试印章备案").caseId, "decision", { decision: "approve" })).status,
    ).toBe(200);
    a = (await call<Application>(CITIZEN, "GET", `/api/v1/bundles/applications/${first.id}`)).body;
    expect(a.status).toBe("ready");
    const delivered = await call<Application>(
      REVIEWER,
      "POST",
      `/api/v1/bundles/applications/${first.id}/deliver`,
    );
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    expect(delivered.body.subCases.map((s) => s.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect(delivered.body.status).toBe("partially_completed");
  });

  it("a denied predecessor keeps the others' work and tells its dependant what happens next", async () => {
    const res = await call<Application>(CITIZEN, "POST", "/api/v1/bundles/YJS-TEST-01/applications", {
      formData,
      materials,
    });
    const second = res.body;
    for (const s of second.subCases) await act(REVIEWER, s.caseId, "acceptance", { outcome: "accepted" });
    for (const name of ["测试设立登记", "测试发票领用"])
      await act(REVIEWER, sub(second, name).caseId, "dispatch");
    await act(APPROVER, sub(second, "测试设立登记").caseId, "decision", {
      decision: "deny",
      reason: "名称与在先登记的企业名称相同",
    });
    const a = (await call<Application>(CITIZEN, "GET", `/api/v1/bundles/applications/${second.id}`)).body;
    const seal = sub(a, "测试印章备案");
    expect(seal.status).toBe("accepted");
    expect(seal.isWaiting).toBe(true);
    expect(seal.notices.map((n) => n.kind)).toContain("group_predecessor_lost");
    expect(JSON.stringify(seal.notices)).toContain("其他事项不受影响");
    expect(sub(a, "测试发票领用").status).toBe("under_review");
    expect(a.status).toBe("in_progress");
    // The independent item goes on to its decision.
    expect(
      (await act(APPROVER, sub(a, "测试发票领用").caseId, "decision", { decision: "approve" })).status,
    ).toBe(200);
    // The applicant withdraws the waiting one; the group is then ready for delivery.
    expect((await act(CITIZEN, seal.caseId, "withdrawal", {})).status).toBe(200);
    expect(
      (await call<Application>(CITIZEN, "GET", `/api/v1/bundles/applications/${second.id}`)).body.status,
    ).toBe("ready");
  });
});

describe("metrics", () => {
  it("counts applications and compares end-to-end working days with the sum of the items' limits", async () => {
    expect((await call(CITIZEN, "GET", "/api/v1/bundles/metrics?region=6531")).status).toBe(403);
    const res = await call<{
      items: {
        code: string;
        applications: number;
        concluded: number;
        averageWorkdays: number | null;
        sumOfItemLimits: number;
        savedWorkdays: number | null;
      }[];
    }>(SUPERVISOR, "GET", "/api/v1/bundles/metrics?region=6531");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const m = res.body.items.find((i) => i.code === "YJS-TEST-01");
    expect(m).toMatchObject({
      applications: 2,
      concluded: 1,
      averageWorkdays: 0,
      sumOfItemLimits: 15,
      savedWorkdays: 15,
    });
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ isValid: true });
  });

  it("shows bundle usage and savings as a section of the monitoring statistics", async () => {
    const url = "/api/v1/statistics?region=6531&from=2026-06-01&to=2026-06-30";
    expect((await call(CITIZEN, "GET", url)).status).toBe(403);
    const res = await call<{
      rows: unknown[];
      sections: {
        bundles: {
          bundlesUsed: number;
          applications: number;
          concluded: number;
          averageSavedWorkdays: number | null;
          items: { code: string; applications: number; savedWorkdays: number | null }[];
        };
      };
    }>(SUPERVISOR, "GET", url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body.sections.bundles;
    expect(b.items.find((i) => i.code === "YJS-TEST-01")).toMatchObject({
      applications: 2,
      savedWorkdays: 15,
    });
    expect(b.items.every((i) => i.applications > 0)).toBe(true);
    expect(b.applications).toBe(b.items.reduce((s, i) => s + i.applications, 0));
    expect(b.bundlesUsed).toBe(b.items.length);
    expect(b.averageSavedWorkdays).not.toBeNull();
  });

  it("counts the bundle section over the chosen period only, like the other sections", async () => {
    const section = async (from: string, to: string) =>
      (
        await call<{
          sections: { bundles: { scope: string; applications: number; items: { code: string }[] } };
        }>(SUPERVISOR, "GET", `/api/v1/statistics?region=6531&from=${from}&to=${to}`)
      ).body.sections.bundles;
    const june = await section("2026-06-01", "2026-06-30");
    expect(june.scope).toBe("period");
    expect(june.applications).toBeGreaterThanOrEqual(2);
    // The applications were made on 2026-06-15 (the test clock): none before, none after.
    const may = await section("2026-05-01", "2026-05-31");
    expect(may).toMatchObject({ applications: 0, items: [] });
    expect((await section("2026-06-16", "2026-06-30")).applications).toBe(0);
    expect((await section("2026-06-15", "2026-06-15")).applications).toBe(june.applications);
  });
});
