import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { Sessions } from "../helpers/sessions.js";
import { basicItem, guide } from "../helpers/catalog.js";

// A fixed clock: Monday 2026-06-15, 10:00 in Xinjiang (Beijing time).
const NOW = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let samrId = 0;

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => NOW });
  await seedDemo({ db: t.database.db, secrets: t.secrets, now: () => NOW });
  const res = await t.app.inject({
    method: "GET",
    url: "/api/v1/agencies?region=6531&line=market_regulation",
  });
  samrId = res.json<{ items: { id: number }[] }>().items[0]?.id ?? 0;
}, 180_000);
afterAll(async () => {
  await t.close();
});

const sessions = new Sessions(() => t.app, "10.1.0");
const as = (login: string) => sessions.as(login);

async function call<T = Record<string, unknown>>(
  login: string | null,
  method: "GET" | "POST" | "PUT",
  url: string,
  payload?: unknown,
) {
  const headers = login === null ? {} : await as(login);
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return {
    status: res.statusCode,
    body: res.json<
      T & { error?: { code: string; message: string; details?: { path: string; message: string }[] } }
    >(),
  };
}

const EDITOR = "kashgar.samr.editor";
const JUSTICE = "kashgar.justice.reviewer";
const STAFFING = "kashgar.staffing.reviewer";
const SERVICE = "kashgar.digital.reviewer";

interface Created {
  entry: { id: number; code: string };
  version: { id: number; status: string };
}

async function publishThroughWorkflow(
  entryId: number,
  versionId: number,
  opts: { signoffs: string[]; kind?: string },
) {
  const filed = await call<{ id: number }>(EDITOR, "POST", "/api/v1/catalog/change-requests", {
    entryId,
    versionId,
    kind: opts.kind ?? "add",
    triggerSituation: 1,
    triggerDate: "2026-06-12",
    reason: "依据新修订的法规设立事项",
    basisDocuments: [{ title: "测试法规修订决定", number: "测〔2026〕1号" }],
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  for (const who of opts.signoffs) {
    expect(
      (
        await call(who, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/signoffs`, {
          isApproved: true,
          comment: "同意",
        })
      ).status,
    ).toBe(201);
  }
  const decision = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
    decision: "approve",
    effectiveFrom: "2026-06-16",
  });
  expect(decision.status, JSON.stringify(decision.body)).toBe(200);
  return filed.body.id;
}

let basic: Created;
let guideEntry: Created;

describe("basic catalog item through the change workflow", () => {
  it("generates the 12-character 基本编码 and requires the three legality sign-offs before publication", async () => {
    const created = await call<Created>(EDITOR, "POST", "/api/v1/catalog/drafts", {
      layer: "basic",
      agencyId: samrId,
      content: basicItem(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    basic = created.body;
    expect(basic.entry.code).toBe("650102001000");

    const filed = await call<{ id: number }>(EDITOR, "POST", "/api/v1/catalog/change-requests", {
      entryId: basic.entry.id,
      versionId: basic.version.id,
      kind: "add",
      triggerSituation: 1,
      triggerDate: "2026-06-10",
      reason: "新设事项",
    });
    expect(filed.status).toBe(201);
    const crId = filed.body.id;

    const early = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${crId}/decision`, {
      decision: "approve",
    });
    expect(early.status).toBe(409);
    expect(early.body.error?.message).toBe("尚缺少以下审核意见：司法行政、机构编制、政务服务管理");

    const notAReviewer = await call(EDITOR, "POST", `/api/v1/catalog/change-requests/${crId}/signoffs`, {
      isApproved: true,
    });
    expect(notAReviewer.status).toBe(403);

    for (const who of [JUSTICE, STAFFING, SERVICE]) {
      expect(
        (await call(who, "POST", `/api/v1/catalog/change-requests/${crId}/signoffs`, { isApproved: true }))
          .status,
      ).toBe(201);
    }
    const twice = await call(JUSTICE, "POST", `/api/v1/catalog/change-requests/${crId}/signoffs`, {
      isApproved: true,
    });
    expect(twice.status).toBe(409);

    const onlyServiceAdminDecides = await call(
      JUSTICE,
      "POST",
      `/api/v1/catalog/change-requests/${crId}/decision`,
      { decision: "approve" },
    );
    expect(onlyServiceAdminDecides.status).toBe(403);

    const ok = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${crId}/decision`, {
      decision: "approve",
      effectiveFrom: "2026-06-16",
    });
    expect(ok.body).toEqual({ status: "approved" });
    const detail = await call<{
      status: string;
      history: { action: string }[];
      filingDue: string;
      reviewDue: string;
      isLateFiling: boolean;
    }>(SERVICE, "GET", `/api/v1/catalog/change-requests/${crId}`);
    expect(detail.body.status).toBe("approved");
    expect(detail.body.history.map((h) => h.action)).toEqual([
      "file",
      "signoff.justice",
      "signoff.staffing",
      "signoff.service_admin",
      "approve",
    ]);
    // Filed on Mon 2026-06-15; 10 working days after the trigger (Wed 06-10) skip 端午 (06-19) → 06-25
    expect(detail.body.filingDue).toBe("2026-06-25");
    expect(detail.body.isLateFiling).toBe(false);
    // 5 working days after filing, 端午 skipped: 06-16, 17, 18, 22, 23
    expect(detail.body.reviewDue).toBe("2026-06-23");
  });

  it("refuses to set again below an item set at 自治区 level (办法 7)", async () => {
    const regional = await createDraft(
      SYSTEM,
      {
        layer: "basic",
        agencyId: samrId,
        regionCode: "65",
        content: basicItem({ name: "自治区设立的测试事项" }),
      },
      { db: t.database.db, secrets: t.secrets },
    );
    await publishAsSystem(SYSTEM, regional.version.id, {
      db: t.database.db,
      secrets: t.secrets,
      now: () => NOW,
    });
    const again = await call(EDITOR, "POST", "/api/v1/catalog/drafts", {
      layer: "basic",
      agencyId: samrId,
      content: basicItem({ name: "自治区设立的测试事项" }),
    });
    expect(again.status).toBe(400);
    expect(again.body.error?.details?.[0]).toMatchObject({ path: "content.name" });
    expect(again.body.error?.message).toContain("办法第七条");
  });

  it("a department may not set items at another level", async () => {
    const res = await call(EDITOR, "POST", "/api/v1/catalog/drafts", {
      layer: "basic",
      agencyId: samrId,
      regionCode: "65",
      content: basicItem({ name: "越级设立" }),
    });
    expect(res.status).toBe(403);
  });
});

describe("guides: rules, power list, rejection and resubmission", () => {
  it("names every broken rule by field", async () => {
    const bad = guide({
      promisedLimitDays: 30,
      process: [
        { name: "受理", description: "受理" },
        { name: "初审", description: "初审" },
        { name: "复审", description: "复审" },
        { name: "办结", description: "办结" },
      ],
      materials: [
        ...guide().materials,
        {
          key: "others",
          name: "其他相关材料",
          originals: 1,
          copies: 0,
          isRequired: false,
          form: "paper",
          source: "applicant",
          isToleratedMissing: false,
        },
      ],
      name: "超出目录的事项",
    });
    const created = await call<Created>(EDITOR, "POST", "/api/v1/catalog/drafts", {
      layer: "guide",
      agencyId: samrId,
      basicCode: basic.entry.code,
      content: bad,
    });
    expect(created.status).toBe(201);
    guideEntry = created.body;
    expect(guideEntry.entry.code).toHaveLength(31);
    expect(guideEntry.entry.code.slice(18)).toBe(`3${basic.entry.code}`);

    const check = await call<{
      isValid: boolean;
      violations: { path: string; rule: string; message: string }[];
    }>(EDITOR, "GET", `/api/v1/catalog/versions/${guideEntry.version.id}/check`);
    expect(check.body.isValid).toBe(false);
    const byPath = Object.fromEntries(check.body.violations.map((v) => [v.path, v.message]));
    expect(byPath.promisedLimitDays).toBe("承诺办结时限（30 个工作日）不得超过法定办结时限（20 个工作日）");
    expect(byPath.process).toContain("最多 3 个");
    expect(byPath["materials.3.name"]).toContain("其他相关材料");
    expect(byPath.name).toContain("在实施机构的权责清单中找不到对应条目");

    const filing = await call(EDITOR, "POST", "/api/v1/catalog/change-requests", {
      entryId: guideEntry.entry.id,
      versionId: guideEntry.version.id,
      kind: "add",
      triggerSituation: 2,
      triggerDate: "2026-06-12",
      reason: "实施",
    });
    expect(filing.status).toBe(400);
    expect(filing.body.error?.message).toMatch(/未通过规则校验，共 \d+ 处问题/);
  });

  it("lists power-list mismatches field by field (办法 17–18)", async () => {
    const power = await call<Created>(EDITOR, "POST", "/api/v1/catalog/drafts", {
      layer: "power",
      agencyId: samrId,
      basicCode: basic.entry.code,
      content: {
        name: "测试经营许可审批",
        itemType: "01",
        basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
      },
    });
    expect(power.status).toBe(201);
    await publishThroughWorkflow(power.body.entry.id, power.body.version.id, { signoffs: [] });
    await call(EDITOR, "PUT", `/api/v1/catalog/versions/${guideEntry.version.id}`, { content: guide() });
    const check = await call<{ violations: { path: string; message: string }[] }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/versions/${guideEntry.version.id}/check`,
    );
    expect(check.body.violations).toEqual([
      expect.objectContaining({
        path: "name",
        message: "与权责清单不一致：name（目录：测试经营许可；权责清单：测试经营许可审批）",
      }),
    ]);
    const fix = await call<Created>(
      EDITOR,
      "POST",
      `/api/v1/catalog/entries/${power.body.entry.id}/versions`,
      {
        content: {
          name: "测试经营许可",
          itemType: "01",
          basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
        },
      },
    );
    await publishThroughWorkflow(power.body.entry.id, fix.body.version.id, { signoffs: [], kind: "modify" });
    const clean = await call<{ isValid: boolean }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/versions/${guideEntry.version.id}/check`,
    );
    expect(clean.body.isValid).toBe(true);
  });

  it("is rejected with reasons, revised and resubmitted, then published", async () => {
    const filed = await call<{ id: number }>(EDITOR, "POST", "/api/v1/catalog/change-requests", {
      entryId: guideEntry.entry.id,
      versionId: guideEntry.version.id,
      kind: "add",
      triggerSituation: 2,
      triggerDate: "2026-06-12",
      reason: "实施",
    });
    expect(filed.status).toBe(201);
    const crId = filed.body.id;
    expect(
      (await call(EDITOR, "PUT", `/api/v1/catalog/versions/${guideEntry.version.id}`, { content: guide() }))
        .status,
    ).toBe(409);
    const noReason = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${crId}/decision`, {
      decision: "reject",
    });
    expect(noReason.status).toBe(400);
    const rejected = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${crId}/decision`, {
      decision: "reject",
      comment: "咨询电话请写明区号",
    });
    expect(rejected.body).toEqual({ status: "rejected" });
    const revised = await call(EDITOR, "PUT", `/api/v1/catalog/versions/${guideEntry.version.id}`, {
      content: guide({ consultation: { phone: "0998-2812345", address: "喀什市人民东路" } }),
    });
    expect(revised.status).toBe(200);
    const again = await call<{ round: number }>(
      EDITOR,
      "POST",
      `/api/v1/catalog/change-requests/${crId}/resubmission`,
      { reason: "已补充区号" },
    );
    expect(again.body.round).toBe(2);
    const approved = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${crId}/decision`, {
      decision: "approve",
      effectiveFrom: "2026-06-17",
    });
    expect(approved.body).toEqual({ status: "approved" });
    const detail = await call<{ history: { action: string }[] }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/change-requests/${crId}`,
    );
    expect(detail.body.history.map((h) => h.action)).toEqual(["file", "reject", "resubmit", "approve"]);
  });

  it("extends a review once with a reason, in working days", async () => {
    const draft = await call<Created>(
      EDITOR,
      "POST",
      `/api/v1/catalog/entries/${guideEntry.entry.id}/versions`,
      { content: guide({ promisedLimitDays: 4 }) },
    );
    const filed = await call<{ id: number }>(EDITOR, "POST", "/api/v1/catalog/change-requests", {
      entryId: guideEntry.entry.id,
      versionId: draft.body.version.id,
      kind: "modify",
      triggerSituation: 3,
      triggerDate: "2026-05-01",
      reason: "压缩时限",
    });
    const detail = await call<{ isLateFiling: boolean; filingDue: string }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/change-requests/${filed.body.id}`,
    );
    expect(detail.body.isLateFiling).toBe(true);
    const ext = await call<{ reviewDue: string; extendedReviewDue: string }>(
      SERVICE,
      "POST",
      `/api/v1/catalog/change-requests/${filed.body.id}/extension`,
      { reason: "需征求多部门意见" },
    );
    expect(ext.body).toEqual({ reviewDue: "2026-06-23", extendedReviewDue: "2026-06-30" });
    const twice = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/extension`, {
      reason: "再次延长",
    });
    expect(twice.status).toBe(409);
    await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
      decision: "approve",
      effectiveFrom: "2026-07-01",
    });
  });
});

describe("same-source publishing and immutability", () => {
  it("serves the current version, a past version, the printable page and the QR code from one record", async () => {
    const current = await call<{
      versionNo: number;
      effectiveFrom: string;
      content: { promisedLimitDays: number };
      isCurrent: boolean;
      tags: { code: string }[];
      handlingCode: string;
    }>(null, "GET", `/api/v1/guides/${guideEntry.entry.code}`);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ versionNo: 2, effectiveFrom: "2026-07-01", isCurrent: true });
    expect(current.body.content.promisedLimitDays).toBe(4);
    expect(current.body.tags.map((x) => x.code)).toEqual(
      expect.arrayContaining(["tolerance", "xinjiang", "fully_online", "in_hall"]),
    );
    const byHandling = await call<{ versionNo: number }>(
      null,
      "GET",
      `/api/v1/guides/${current.body.handlingCode}`,
    );
    expect(byHandling.body.versionNo).toBe(2);
    const past = await call<{ versionNo: number; effectiveTo: string; status: string }>(
      null,
      "GET",
      `/api/v1/guides/${guideEntry.entry.code}?version=1`,
    );
    expect(past.body).toMatchObject({ versionNo: 1, status: "superseded", effectiveTo: "2026-06-30" });

    const page = await t.app.inject({ method: "GET", url: `/guides/${guideEntry.entry.code}/print` });
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("测试经营许可");
    expect(page.body).toContain("第 2 版");
    expect(page.body).toContain("承诺办结时限");
    expect(page.body).toContain("data:image/png;base64,");
    const qr = await t.app.inject({ method: "GET", url: `/api/v1/guides/${guideEntry.entry.code}/qr.png` });
    expect(qr.headers["content-type"]).toBe("image/png");
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe("PNG");

    const bad = await call(null, "GET", "/api/v1/guides/123");
    expect(bad.status).toBe(400);
    const missing = await call(null, "GET", `/api/v1/guides/${guideEntry.entry.code.slice(0, 30)}9`);
    expect([400, 404]).toContain(missing.status);
  });

  it("lists published guides by region, type, tag and name", async () => {
    const res = await call<{ items: { code: string }[] }>(
      null,
      "GET",
      `/api/v1/guides?region=6531&type=01&tag=fully_online&q=${encodeURIComponent("测试")}`,
    );
    expect(res.body.items.map((i) => i.code)).toContain(guideEntry.entry.code);
    const none = await call<{ items: unknown[] }>(
      null,
      "GET",
      `/api/v1/guides?region=6501&q=${encodeURIComponent("测试")}`,
    );
    expect(none.body.items).toHaveLength(0);
  });

  it("never modifies a published version, through the API or in the database", async () => {
    const history = await call<{ versions: { id: number; status: string }[] }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/entries/${guideEntry.entry.id}/history`,
    );
    expect(history.body.versions.map((v) => v.status)).toEqual(["superseded", "published"]);
    const published = history.body.versions[1]?.id ?? 0;
    expect(
      (await call(EDITOR, "PUT", `/api/v1/catalog/versions/${published}`, { content: guide() })).status,
    ).toBe(409);
    await expect(
      sql`update catalog_versions set content = '{}'::jsonb where id = ${published}`.execute(t.database.db),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`delete from catalog_versions where id = ${published}`.execute(t.database.db),
    ).rejects.toThrow(/cannot be deleted/);
    const diff = await call<{ changes: { path: string; before: unknown; after: unknown }[] }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/diff?from=${history.body.versions[0]?.id}&to=${published}`,
    );
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([{ type: "CHANGE", path: "promisedLimitDays", before: 5, after: 4 }]),
    );
  });
});

describe("owed updates after a basic catalog publication", () => {
  it("owes the implementing guide within 10 working days and settles when the guide follows", async () => {
    const next = await call<Created>(EDITOR, "POST", `/api/v1/catalog/entries/${basic.entry.id}/versions`, {
      content: basicItem({ basis: [...basicItem().basis, { law: "《测试补充规定》", article: "第三条" }] }),
    });
    await publishThroughWorkflow(basic.entry.id, next.body.version.id, {
      signoffs: [JUSTICE, STAFFING, SERVICE],
      kind: "modify",
    });
    const owed = await call<{
      items: { code: string; dueDate: string; isOverdue: boolean; layer: string }[];
    }>(SERVICE, "GET", "/api/v1/catalog/owed");
    const item = owed.body.items.find((o) => o.code === guideEntry.entry.code);
    // Published Mon 06-15; 10 working days skip 端午 06-19 → 06-30
    expect(item).toMatchObject({ layer: "guide", dueDate: "2026-06-30", isOverdue: false });

    const follow = await call<Created>(
      EDITOR,
      "POST",
      `/api/v1/catalog/entries/${guideEntry.entry.id}/versions`,
      { content: guide({ promisedLimitDays: 4 }) },
    );
    await publishThroughWorkflow(guideEntry.entry.id, follow.body.version.id, {
      signoffs: [],
      kind: "modify",
    });
    const after = await call<{ items: { code: string }[] }>(SERVICE, "GET", "/api/v1/catalog/owed");
    expect(after.body.items.map((o) => o.code)).not.toContain(guideEntry.entry.code);
    const fulfilled = await call<{ items: { code: string; isFulfilled: boolean }[] }>(
      SERVICE,
      "GET",
      "/api/v1/catalog/owed?status=fulfilled",
    );
    expect(fulfilled.body.items.find((o) => o.code === guideEntry.entry.code)?.isFulfilled).toBe(true);
  });

  it("keeps the audit chain whole through the whole workflow", async () => {
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });

  it("answers anonymous catalog writes with 401 and other agencies' editors with 403", async () => {
    const anon = await call(null, "POST", "/api/v1/catalog/drafts", {
      layer: "basic",
      agencyId: samrId,
      content: basicItem({ name: "匿名" }),
    });
    expect(anon.status).toBe(401);
    const clerk = await call("kashi.clerk", "POST", "/api/v1/catalog/drafts", {
      layer: "basic",
      agencyId: samrId,
      content: basicItem({ name: "窗口人员" }),
    });
    expect(clerk.status).toBe(403);
  });
});

describe("functions, abolition", () => {
  it("a change touching department functions needs the 机构编制 opinion; abolition ends the entry", async () => {
    const power = await call<Created>(EDITOR, "POST", "/api/v1/catalog/drafts", {
      layer: "power",
      agencyId: samrId,
      content: {
        name: "测试职能调整事项",
        itemType: "06",
        basis: [{ law: "《测试检查条例》", article: "第五条" }],
      },
    });
    const filed = await call<{ id: number }>(EDITOR, "POST", "/api/v1/catalog/change-requests", {
      entryId: power.body.entry.id,
      versionId: power.body.version.id,
      kind: "add",
      triggerSituation: 4,
      triggerDate: "2026-06-12",
      reason: "部门职能调整",
      touchesFunctions: true,
      opinions: [{ agency: "喀什地区发展和改革委员会", opinion: "无异议" }],
    });
    const missing = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
      decision: "approve",
    });
    expect(missing.status).toBe(409);
    expect(missing.body.error?.message).toBe("尚缺少以下审核意见：机构编制");
    expect(
      (
        await call(STAFFING, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/signoffs`, {
          isApproved: false,
          comment: "职能划分待明确",
        })
      ).status,
    ).toBe(201);
    const dissent = await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
      decision: "approve",
    });
    expect(dissent.body.error?.message).toBe("机构编制 审核意见为不同意，不能批准");
    await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
      decision: "reject",
      comment: "请先明确职能划分",
    });
    await call(EDITOR, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/resubmission`, {});
    expect(
      (
        await call(STAFFING, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/signoffs`, {
          isApproved: true,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${filed.body.id}/decision`, {
          decision: "approve",
          effectiveFrom: "2026-06-16",
        })
      ).body,
    ).toEqual({ status: "approved" });

    const abolish = await call<{ id: number }>(EDITOR, "POST", "/api/v1/catalog/change-requests", {
      entryId: power.body.entry.id,
      kind: "abolish",
      triggerSituation: 5,
      triggerDate: "2026-06-12",
      reason: "法规废止",
    });
    expect(abolish.status).toBe(201);
    await call(SERVICE, "POST", `/api/v1/catalog/change-requests/${abolish.body.id}/decision`, {
      decision: "approve",
      effectiveFrom: "2026-06-30",
    });
    const history = await call<{
      entry: { status: string };
      versions: { status: string; effectiveTo: string | null }[];
    }>(EDITOR, "GET", `/api/v1/catalog/entries/${power.body.entry.id}/history`);
    expect(history.body.entry.status).toBe("abolished");
    expect(history.body.versions).toEqual([
      expect.objectContaining({ status: "abolished", effectiveTo: "2026-06-30" }),
    ]);
    const again = await call(EDITOR, "POST", "/api/v1/catalog/change-requests", {
      entryId: power.body.entry.id,
      kind: "abolish",
      triggerSituation: 5,
      triggerDate: "2026-06-12",
      reason: "再次废止",
    });
    expect(again.status).toBe(409);
  });
});

describe("implementation specification (实施规范, 办法 20)", () => {
  it("a guide shows what it inherits from its level's specification and what it adds", async () => {
    const g = guide();
    const spec = await call<Created>(EDITOR, "POST", "/api/v1/catalog/drafts", {
      layer: "spec",
      agencyId: samrId,
      basicCode: basic.entry.code,
      content: {
        name: "测试经营许可",
        itemType: "01",
        acceptanceConditions: ["已取得营业执照"],
        materials: g.materials.slice(0, 2),
        form: g.form.slice(0, 1),
        resultName: "测试经营许可证",
        resultKind: "license",
        licenseTypeCode: "test_license",
        reviewCriteria: ["材料齐全"],
      },
    });
    expect(spec.status, JSON.stringify(spec.body)).toBe(201);
    expect(spec.body.entry.code).toBe(`${basic.entry.code}:3`);
    await publishThroughWorkflow(spec.body.entry.id, spec.body.version.id, { signoffs: [] });
    const res = await call<{ inheritance: Record<string, string[]> }>(
      null,
      "GET",
      `/api/v1/guides/${guideEntry.entry.code}`,
    );
    expect(res.body.inheritance).toEqual({
      inheritedMaterials: ["application_form", "business_license"],
      addedMaterials: ["site_plan"],
      inheritedFields: ["enterpriseName"],
      addedFields: ["creditCode"],
    });
    const dropping = await call<Created>(
      EDITOR,
      "POST",
      `/api/v1/catalog/entries/${guideEntry.entry.id}/versions`,
      {
        content: guide({ materials: g.materials.slice(1) }),
      },
    );
    const check = await call<{ violations: { path: string; message: string }[] }>(
      EDITOR,
      "GET",
      `/api/v1/catalog/versions/${dropping.body.version.id}/check`,
    );
    expect(check.body.violations.map((v) => v.message)).toContain(
      "实施规范规定的申请材料“测试经营许可申请书”不得删减（办法第二十条）",
    );
  });
});
