import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { DEMO_CITIZENS, DEMO_PASSWORD, seedDemo } from "../../src/server/seed/demo-seed.js";
import { withIdCheckChar } from "../../src/shared/codes/id-number.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { Sessions } from "../helpers/sessions.js";

const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let instantCode = "";
let ordinaryCode = "";
const sessions = new Sessions(() => t.app, "10.13.0");
const YOUNG = DEMO_CITIZENS[0].idNumber; // born 1990
const ELDER = withIdCheckChar("65310119400315123"); // born 1940-03-15: 86 on the test day
const EDITOR = "kashgar.samr.editor";
const APPROVER = "kashgar.samr.approver";

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  const res = await t.app.inject({
    method: "GET",
    url: "/api/v1/agencies?region=6531&line=market_regulation",
  });
  const samrId = res.json<{ items: { id: number }[] }>().items[0]?.id ?? 0;
  const publish = async (name: string, content: ReturnType<typeof guide>) => {
    const basic = await createDraft(
      SYSTEM,
      { layer: "basic", agencyId: samrId, content: basicItem({ name, itemType: "20" }) },
      deps,
    );
    await publishAsSystem(SYSTEM, basic.version.id, deps);
    const g = await createDraft(
      SYSTEM,
      { layer: "guide", agencyId: samrId, basicCode: basic.entry.code, content },
      deps,
    );
    await publishAsSystem(SYSTEM, g.version.id, deps);
    return g.entry.code;
  };
  ordinaryCode = await publish("测试咨询服务", guide({ name: "测试咨询服务", itemType: "20" }));
  instantCode = await publish(
    "高龄津贴申领",
    guide({
      name: "高龄津贴申领",
      itemType: "20",
      serviceObjects: ["1"],
      acceptanceConditions: ["年满 80 周岁的本地户籍老年人"],
      materials: [
        {
          key: "household_record",
          name: "户籍信息",
          originals: 0,
          copies: 0,
          isRequired: true,
          form: "electronic",
          source: "shared_data",
          sharedDataKey: "householdRegion",
          isToleratedMissing: false,
        },
      ],
      form: [
        {
          key: "applicantName",
          label: "申请人姓名",
          type: "text",
          isRequired: true,
          semanticKey: "applicant_name",
        },
        {
          key: "idNumber",
          label: "公民身份号码",
          type: "id_number",
          isRequired: true,
          semanticKey: "id_number",
        },
        { key: "phone", label: "联系电话", type: "phone", isRequired: true },
      ],
    }),
  );
  const reg = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/register",
    payload: {
      kind: "person",
      idNumber: ELDER,
      name: "吐尔逊·买买提",
      phone: "13899990009",
      password: DEMO_PASSWORD,
    },
  });
  if (reg.statusCode !== 201) throw new Error(reg.body);
}, 180_000);
afterAll(async () => {
  await t.close();
});

async function call<T = Record<string, unknown>>(
  login: string | null,
  method: "GET" | "POST" | "PUT",
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
  return {
    status: res.statusCode,
    body: res.json<
      T & { error?: { code: string; message: string; details?: { path: string; message: string }[] } }
    >(),
  };
}

describe("prefill", () => {
  it("fills the form from the real-name profile and cites shared data instead of a material", async () => {
    const r = await call<{
      formData: Record<string, string>;
      materials: { key: string; reference: string }[];
      missing: unknown[];
    }>(ELDER, "GET", `/api/v1/assist/prefill?guideCode=${instantCode}`);
    expect(r.status).toBe(200);
    expect(r.body.formData).toEqual({
      applicantName: "吐尔逊·买买提",
      idNumber: ELDER,
      phone: "13899990009",
    });
    expect(r.body.materials).toEqual([
      {
        key: "household_record",
        name: "户籍信息",
        reference: "shared:householdRegion",
        source: "shared_data",
      },
    ]);
    expect(r.body.missing).toEqual([]);
    expect((await call(APPROVER, "GET", `/api/v1/assist/prefill?guideCode=${instantCode}`)).status).toBe(403);
    expect((await call(null, "GET", `/api/v1/assist/prefill?guideCode=${instantCode}`)).status).toBe(401);
  });
});

describe("pre-review", () => {
  it("says what is wrong before anything is submitted", async () => {
    const r = await call<{ isReady: boolean; issues: { severity: string; message: string }[] }>(
      YOUNG,
      "POST",
      "/api/v1/assist/pre-review",
      {
        guideCode: ordinaryCode,
        formData: { enterpriseName: "喀什丝路商贸有限公司", creditCode: "9144030071526726XG" },
        materials: [
          {
            key: "site_plan",
            fileName: "plan.docx",
            contentType: "application/msword",
            sizeBytes: 9_000_000,
          },
        ],
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.isReady).toBe(false);
    const messages = r.body.issues.map((i) => i.message);
    expect(messages).toContain("缺少必需材料“测试经营许可申请书”");
    expect(messages).toContain("缺少必需材料“营业执照”");
    expect(messages).toContain("“经营场所平面图”的文件格式不受支持，请上传 PDF、JPG 或 PNG");
    expect(messages).toContain("“经营场所平面图”的文件超过 5 MB");
  });

  it("a submission that fails pre-review is refused with every issue and nothing is stored", async () => {
    const r = await call(YOUNG, "POST", "/api/v1/assist/applications", {
      guideCode: ordinaryCode,
      formData: {},
      materials: [],
    });
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toContain("预审发现");
    expect(r.body.error?.details?.map((d) => d.message)).toContain("缺少必需材料“营业执照”");
    const mine = await call<{ items: unknown[] }>(YOUNG, "GET", "/api/v1/cases");
    expect(mine.body.items).toHaveLength(0);
  });
});

describe("秒批 instant approval", () => {
  const rules = [
    { fact: "shared.age", op: "gte", value: 80, label: "申请人年满 80 周岁（人口库）" },
    { fact: "shared.householdRegion", op: "startsWith", value: "65", label: "新疆户籍（人口库）" },
  ];

  it("only the agency's catalog editor configures it, with verified facts, for machine-decidable items", async () => {
    expect(
      (await call(YOUNG, "PUT", `/api/v1/guides/${instantCode}/instant-approval`, { rules })).status,
    ).toBe(403);
    const formRule = await call(EDITOR, "PUT", `/api/v1/guides/${instantCode}/instant-approval`, {
      rules: [{ fact: "form.age", op: "gte", value: 80, label: "年满 80 周岁" }],
    });
    expect(formRule.status).toBe(400);
    const notDecidable = await call(EDITOR, "PUT", `/api/v1/guides/${ordinaryCode}/instant-approval`, {
      rules,
    });
    expect(notDecidable.status).toBe(400);
    expect(notDecidable.body.error?.message).toContain("不能实行秒批");
    const ok = await call(EDITOR, "PUT", `/api/v1/guides/${instantCode}/instant-approval`, { rules });
    expect(ok.status).toBe(200);
    const pub = await call<{ rules: unknown[] }>(
      null,
      "GET",
      `/api/v1/guides/${instantCode}/instant-approval`,
    );
    expect(pub.body.rules).toHaveLength(2);
  });

  let approvedCaseId = "";
  it("decides at once when every rule holds on verified data, audited, with the decision notice", async () => {
    const r = await call<{
      case: { id: string; status: string; notices: { title: string }[] };
      instantApproval: { outcome: string; checks: { passed: boolean }[] };
    }>(ELDER, "POST", "/api/v1/assist/applications", { guideCode: instantCode, formData: {}, materials: [] });
    expect(r.status).toBe(201);
    expect(r.body.instantApproval.outcome).toBe("approved");
    expect(r.body.instantApproval.checks.every((c) => c.passed)).toBe(true);
    expect(r.body.case.status).toBe("approved");
    expect(r.body.case.notices.map((n) => n.title)).toContain("准予行政许可决定书（秒批）");
    approvedCaseId = r.body.case.id;
    const audit = await t.database.db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("entity_id", "=", approvedCaseId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "case.submit",
        "case.accept.accepted.instant_approval",
        "instant_approval.approved",
      ]),
    );
    expect(audit.find((a) => a.action === "instant_approval.approved")?.actor_id).toBe("instant-approval");
  });

  it("leaves the case to people when a rule fails", async () => {
    const r = await call<{
      case: { status: string };
      instantApproval: { outcome: string; checks: { label: string; passed: boolean }[] };
    }>(YOUNG, "POST", "/api/v1/assist/applications", { guideCode: instantCode, formData: {}, materials: [] });
    expect(r.status).toBe(201);
    expect(r.body.instantApproval.outcome).toBe("referred");
    expect(r.body.instantApproval.checks.find((c) => !c.passed)?.label).toContain("80");
    expect(r.body.case.status).toBe("submitted");
  });

  it("the approver can revoke an instant approval, once, with reasons", async () => {
    expect(
      (
        await call(YOUNG, "POST", `/api/v1/cases/${approvedCaseId}/instant-approval/revocation`, {
          reason: "户籍信息有误",
        })
      ).status,
    ).toBe(404);
    const r = await call<{ status: string; notices: { title: string }[] }>(
      APPROVER,
      "POST",
      `/api/v1/cases/${approvedCaseId}/instant-approval/revocation`,
      { reason: "人口库户籍信息更正后不符合条件" },
    );
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("revoked");
    expect(r.body.notices.map((n) => n.title)).toContain("撤销行政许可决定书");
    expect(
      (
        await call(APPROVER, "POST", `/api/v1/cases/${approvedCaseId}/instant-approval/revocation`, {
          reason: "再次撤销测试",
        })
      ).status,
    ).toBe(409);
  });

  it("reports how many cases went through 秒批, to supervisors", async () => {
    const q = "region=6531&from=2026-06-01&to=2026-06-30";
    expect((await call(YOUNG, "GET", `/api/v1/instant-approvals/report?${q}`)).status).toBe(403);
    const r = await call<{ totals: Record<string, number>; items: { itemName: string }[] }>(
      "kashgar.supervisor",
      "GET",
      `/api/v1/instant-approvals/report?${q}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.totals).toEqual({ approved: 1, referred: 1, revoked: 1, totalCases: 2 });
    expect(r.body.items.map((i) => i.itemName)).toEqual(["高龄津贴申领"]);
  });
});
