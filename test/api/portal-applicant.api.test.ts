import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { issueLicenseInTrx } from "../../src/server/modules/credentials/licenses.service.js";
import { DEMO_CITIZENS, DEMO_ENTERPRISE, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { Sessions } from "../helpers/sessions.js";

/**
 * 一件事 from the applicant's side (the portal): 免证办 with consent (held e-licenses and shared
 * data attached per sub-case), my applications, withdrawal of the running sub-cases, and one rating
 * of a concluded application recorded per sub-case's department.
 */

// Monday 2026-06-15 10:00 Beijing time.
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.88.0");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");

const REVIEWER = "kashgar.samr.reviewer";
const APPROVER = "kashgar.samr.approver";
const ENTERPRISE = DEMO_ENTERPRISE.creditCode;
const CITIZEN = DEMO_CITIZENS[0].idNumber;
const OTHER = DEMO_CITIZENS[1].idNumber;
const CODE = "YJS-PORTAL-01";

type Body = Record<string, unknown> & {
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
};

async function call<T = Body>(who: string | null, method: "GET" | "POST", url: string, payload?: unknown) {
  const auth = who === null ? {} : await sessions.as(who);
  const res = await t.app.inject({
    method,
    url,
    headers: auth,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<T & Body>() };
}

let samrId = 0;
let identifier = "";

async function item(name: string) {
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  const basic = await createDraft(
    SYSTEM,
    { layer: "basic", agencyId: samrId, content: basicItem({ name, lineCode: "market_regulation" }) },
    deps,
  );
  await publishAsSystem(SYSTEM, basic.version.id, deps);
  const power = await createDraft(
    SYSTEM,
    {
      layer: "power",
      agencyId: samrId,
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
      agencyId: samrId,
      basicCode: basic.entry.code,
      content: guide({
        name,
        materials: [
          { ...base.materials[0]!, name: `${name}申请书` },
          base.materials[1]!, // 营业执照: an e-license (business_license)
          {
            key: "tax_record",
            name: "纳税信用信息",
            originals: 0,
            copies: 0,
            isRequired: true,
            form: "electronic",
            source: "shared_data",
            sharedDataKey: "tax_credit",
            semanticKey: "tax_record",
            isToleratedMissing: false,
          },
        ],
      }),
    },
    deps,
  );
  await publishAsSystem(SYSTEM, g.version.id, deps);
  return g.entry.code;
}

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  samrId =
    (await t.app.inject({ method: "GET", url: "/api/v1/agencies?region=6531&line=market_regulation" })).json<{
      items: { id: number }[];
    }>().items[0]?.id ?? 0;
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
      agencyId: samrId,
      content: {
        code: CODE,
        name: "测试准营一件事",
        event: "enterprise",
        eventName: "企业准营",
        leadDepartment: "地区市监局",
        coAgencyIds: [],
        items: [link("permit", await item("测试准营许可")), link("filing", await item("测试准营备案"))],
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
  // The enterprise holds a valid 营业执照 e-license.
  const type = await t.database.db
    .selectFrom("license_types")
    .select("id")
    .where("key", "=", "business_license")
    .executeTakeFirstOrThrow();
  const user = await t.database.db
    .selectFrom("users")
    .select("id")
    .where("credit_code", "=", ENTERPRISE)
    .executeTakeFirstOrThrow();
  const row = await t.database.db.transaction().execute((trx) =>
    issueLicenseInTrx(
      trx,
      {
        typeId: type.id,
        issuerAgencyId: samrId,
        caseId: null,
        holder: { kind: "enterprise", name: DEMO_ENTERPRISE.name, code: ENTERPRISE, userId: user.id },
        fields: { enterpriseName: DEMO_ENTERPRISE.name, creditCode: ENTERPRISE },
      },
      deps.secrets,
      now,
    ),
  );
  identifier = row.identifier;
}, 300_000);
afterAll(async () => {
  await t.close();
});

const formData = { enterprise_name: DEMO_ENTERPRISE.name, credit_code: ENTERPRISE };
const forms = () =>
  ["permit", "filing"].map((k) => ({
    key: `${k}__application_form`,
    fileName: "申请书.pdf",
    contentType: "application/pdf",
    dataBase64: PDF,
  }));

interface Application {
  id: string;
  status: string;
  subCases: { caseId: string; status: string; agencyId: number }[];
}

async function apply(who: string, extra: Record<string, unknown> = {}, materials = forms()) {
  return call<Application>(who, "POST", `/api/v1/bundles/${CODE}/applications`, {
    formData,
    materials,
    ...extra,
  });
}

interface CaseMaterials {
  materials: { key: string; source: string; reference: string | null }[];
}

describe("免证办 in a bundle application", () => {
  it("plans the merged materials: a held e-license and shared data need no upload", async () => {
    const plan = await call<{
      items: {
        key: string;
        satisfiedBy: { kind: string; identifier: string | null } | null;
        needsUpload: boolean;
      }[];
    }>(ENTERPRISE, "GET", `/api/v1/me/bundles/${CODE}/materials`);
    expect(plan.status).toBe(200);
    const byKey = new Map(plan.body.items.map((i) => [i.key, i]));
    expect(byKey.get("business_license")?.satisfiedBy).toEqual({
      kind: "license",
      identifier,
      validTo: null,
    });
    expect(byKey.get("tax_record")?.satisfiedBy?.kind).toBe("shared_data");
    expect(byKey.get("permit__application_form")?.needsUpload).toBe(true);
    // Someone without the license must upload it.
    const other = await call<{ items: { key: string; satisfiedBy: unknown }[] }>(
      CITIZEN,
      "GET",
      `/api/v1/me/bundles/${CODE}/materials`,
    );
    expect(other.body.items.find((i) => i.key === "business_license")?.satisfiedBy).toBeNull();
    expect((await call(null, "GET", `/api/v1/me/bundles/${CODE}/materials`)).status).toBe(401);
    expect((await call(ENTERPRISE, "GET", "/api/v1/me/bundles/YJS-NONE-99/materials")).status).toBe(404);
  });

  it("with consent attaches the held license and the shared data to every sub-case; without, nothing", async () => {
    const r = await apply(ENTERPRISE, { useLicenses: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.subCases).toHaveLength(2);
    for (const s of r.body.subCases) {
      const c = await call<CaseMaterials>(ENTERPRISE, "GET", `/api/v1/cases/${s.caseId}`);
      const byKey = new Map(c.body.materials.map((m) => [m.key, m]));
      expect(byKey.get("business_license")).toMatchObject({ source: "license", reference: identifier });
      expect(byKey.get("tax_record")).toMatchObject({
        source: "shared_data",
        reference: "shared_data:tax_credit",
      });
      expect(byKey.get("application_form")?.source).toBe("upload");
    }
    // The reviewer sees the attached license verified.
    const sub = r.body.subCases[0]!.caseId;
    const verified = await call<{
      items: { materialKey: string; verification: { status: string } | null }[];
    }>(REVIEWER, "GET", `/api/v1/cases/${sub}/licenses`);
    expect(verified.body.items.map((i) => [i.materialKey, i.verification?.status])).toEqual([
      ["business_license", "valid"],
    ]);
    const without = await apply(ENTERPRISE);
    expect(without.status).toBe(201);
    const c = await call<CaseMaterials>(
      ENTERPRISE,
      "GET",
      `/api/v1/cases/${without.body.subCases[0]!.caseId}`,
    );
    expect(c.body.materials.map((m) => m.key)).toEqual(["application_form"]);
  });

  it("refuses a license reference the applicant does not hold, naming the material", async () => {
    const r = await apply(CITIZEN, {}, [
      ...forms(),
      { key: "business_license", reference: identifier },
    ] as never);
    expect(r.status).toBe(400);
    const paths = (r.body.error?.details ?? []).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^members\.permit\.materials\.\d+\.reference$/),
        expect.stringMatching(/^members\.filing\.materials\.\d+\.reference$/),
      ]),
    );
    expect(r.body.error?.details?.[0]?.message).toContain("营业执照");
  });
});

async function staff(who: string, path: string, body: unknown = {}) {
  const r = await call(who, "POST", path, body);
  expect(r.status, `${who} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r;
}
async function approve(caseId: string) {
  await staff(REVIEWER, `/api/v1/cases/${caseId}/acceptance`, { outcome: "accepted" });
  await staff(REVIEWER, `/api/v1/cases/${caseId}/dispatch`);
  await staff(APPROVER, `/api/v1/cases/${caseId}/decision`, { decision: "approve" });
}

describe("withdrawing a bundle application", () => {
  it("withdraws every running sub-case; a decided one keeps its result; only the applicant may", async () => {
    const a = await apply(CITIZEN);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const [decided, running] = a.body.subCases;
    await approve(decided!.caseId);
    const url = `/api/v1/bundles/applications/${a.body.id}/withdrawal`;
    expect((await call(OTHER, "POST", url, {})).status).toBe(404);
    expect((await call(REVIEWER, "POST", url, {})).status).toBe(403);
    expect((await call(CITIZEN, "POST", url, { reason: "x".repeat(501) })).status).toBe(400);
    const r = await call<Application>(CITIZEN, "POST", url, { reason: "不再需要" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const status = new Map(r.body.subCases.map((s) => [s.caseId, s.status]));
    expect(status.get(decided!.caseId)).toBe("approved");
    expect(status.get(running!.caseId)).toBe("withdrawn");
    expect(r.body.status).toBe("ready"); // the approved result still waits for delivery
    const c = await call<{ history: { toStatus: string; comment: string | null }[] }>(
      CITIZEN,
      "GET",
      `/api/v1/cases/${running!.caseId}`,
    );
    expect(c.body.history.at(-1)).toMatchObject({ toStatus: "withdrawn", comment: "不再需要" });
    // Nothing left to withdraw.
    const again = await call(CITIZEN, "POST", url, {});
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("INVALID_STATE");
    const audit = await t.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", a.body.id)
      .execute();
    expect(audit.map((x) => x.action)).toContain("case_group.withdraw");
  });

  it("withdrawing everything withdraws the application; it lists under my applications", async () => {
    const a = await apply(CITIZEN);
    const r = await call<Application>(
      CITIZEN,
      "POST",
      `/api/v1/bundles/applications/${a.body.id}/withdrawal`,
      {},
    );
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("withdrawn");
    expect(r.body.subCases.every((s) => s.status === "withdrawn")).toBe(true);
    const mine = await call<{ items: { id: string; status: string; title: string }[] }>(
      CITIZEN,
      "GET",
      "/api/v1/me/bundle-applications",
    );
    expect(mine.status).toBe(200);
    // (the test clock stands still: every application has the same submission time)
    expect(mine.body.items.find((i) => i.id === a.body.id)).toMatchObject({
      status: "withdrawn",
      title: "测试准营一件事",
    });
    const others = await call<{ items: { id: string }[] }>(OTHER, "GET", "/api/v1/me/bundle-applications");
    expect(others.body.items.map((i) => i.id)).not.toContain(a.body.id);
    // A wholly withdrawn application has nothing the departments concluded to rate.
    const rate = await call(CITIZEN, "POST", `/api/v1/bundles/applications/${a.body.id}/evaluation`, {
      level: 1,
      indicators: { overall: 1, efficiency: 1, guideAccuracy: 1, convenience: 1, usability: 1 },
    });
    expect(rate.status).toBe(409);
    expect(rate.body.error?.code).toBe("INVALID_STATE");
  });
});

describe("rating a concluded bundle application", () => {
  const indicators = { overall: 4, efficiency: 4, guideAccuracy: 4, convenience: 4, usability: 4 };

  it("refuses before it concludes; once delivered, one rating becomes one evaluation per department", async () => {
    const a = await apply(CITIZEN);
    const url = `/api/v1/bundles/applications/${a.body.id}/evaluation`;
    const early = await call(CITIZEN, "POST", url, { level: 4, indicators });
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe("INVALID_STATE");
    for (const s of a.body.subCases) await approve(s.caseId);
    await staff(REVIEWER, `/api/v1/bundles/applications/${a.body.id}/deliver`);
    const before = await call<{ isRateable: boolean; isRated: boolean; items: unknown[] }>(
      CITIZEN,
      "GET",
      url,
    );
    expect(before.body).toMatchObject({ isRateable: true, isRated: false });
    expect(before.body.items).toHaveLength(2);
    expect((await call(OTHER, "POST", url, { level: 4, indicators })).status).toBe(404);
    expect((await call(REVIEWER, "POST", url, { level: 4, indicators })).status).toBe(403);
    const bad = await call(CITIZEN, "POST", url, { level: 4, indicators: { overall: 4 } });
    expect(bad.status).toBe(400);
    const r = await call<{ items: { caseId: string; rectificationDue: string | null }[] }>(
      CITIZEN,
      "POST",
      url,
      {
        level: 4,
        indicators,
        comment: "两个部门之间来回跑",
      },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.items.map((i) => i.caseId).sort()).toEqual(a.body.subCases.map((s) => s.caseId).sort());
    // 不满意: a rectification task for each department rated, due in working days.
    expect(r.body.items.every((i) => i.rectificationDue !== null && i.rectificationDue > "2026-06-15")).toBe(
      true,
    );
    const rows = await t.database.db
      .selectFrom("evaluations")
      .innerJoin("rectification_tasks", "rectification_tasks.evaluation_id", "evaluations.id")
      .select(["evaluations.case_id", "evaluations.agency_id", "evaluations.level", "evaluations.comment"])
      .where(
        "evaluations.case_id",
        "in",
        a.body.subCases.map((s) => s.caseId),
      )
      .execute();
    expect(rows).toHaveLength(2);
    expect(
      rows.every((x) => x.agency_id === samrId && x.level === 4 && x.comment === "两个部门之间来回跑"),
    ).toBe(true);
    // Each sub-case shows its rating; the application is rated once.
    const one = await call<{ level: number }>(
      CITIZEN,
      "GET",
      `/api/v1/cases/${a.body.subCases[0]!.caseId}/evaluation`,
    );
    expect(one.body.level).toBe(4);
    const after = await call<{ isRateable: boolean; isRated: boolean }>(CITIZEN, "GET", url);
    expect(after.body).toMatchObject({ isRateable: false, isRated: true });
    const again = await call(CITIZEN, "POST", url, { level: 1, indicators });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe("CONFLICT");
    expect((await call(OTHER, "GET", url)).status).toBe(404);
  });

  it("a sub-case already rated on its own is not rated twice", async () => {
    const a = await apply(CITIZEN);
    for (const s of a.body.subCases) await approve(s.caseId);
    await staff(REVIEWER, `/api/v1/bundles/applications/${a.body.id}/deliver`);
    const first = a.body.subCases[0]!.caseId;
    const single = await call(CITIZEN, "POST", `/api/v1/cases/${first}/evaluation`, { level: 1, indicators });
    expect(single.status).toBe(201);
    const r = await call<{ items: { caseId: string }[] }>(
      CITIZEN,
      "POST",
      `/api/v1/bundles/applications/${a.body.id}/evaluation`,
      { level: 2, indicators },
    );
    expect(r.status).toBe(201);
    expect(r.body.items.map((i) => i.caseId)).toEqual([a.body.subCases[1]!.caseId]);
    const kept = await call<{ level: number }>(CITIZEN, "GET", `/api/v1/cases/${first}/evaluation`);
    expect(kept.body.level).toBe(1);
  });
});

describe("guide, print and verification pages in every locale", () => {
  const page = (url: string, lang: string | null, accept = "text/html") =>
    t.app.inject({
      method: "GET",
      url,
      headers: { accept, ...(lang === null ? {} : { cookie: `tb_lang=${lang}` }) },
    });
  let guideCode = "";
  beforeAll(async () => {
    const b = await call<{ items: { guideCode: string }[] }>(null, "GET", `/api/v1/bundles/${CODE}`);
    guideCode = b.body.items[0]!.guideCode;
  });

  it("labels the guide's elements and code sets in English and Uyghur; the content stays Chinese", async () => {
    const en = await page(`/guides/${guideCode}`, "en");
    expect(en.statusCode).toBe(200);
    for (const label of [
      "Legal basis",
      "Conditions for acceptance",
      "Promised time limit",
      "Fees and their basis",
    ])
      expect(en.body).toContain(`<th scope="row">${label}</th>`);
    expect(en.body).toContain("Administrative licensing"); // 事项类型 01
    expect(en.body).toContain("E-license (not needed)"); // the 营业执照 material's source
    expect(en.body).toContain("Originals 1 · Copies 0 · Required · Applicant");
    expect(en.body).toMatch(/<h1 lang="zh-CN">测试准营(许可|备案)<\/h1>/);
    for (const zh of ["设定依据", "受理条件", "办结时限", "原件", "复印件", "申请人", "不收费", "承诺件"])
      expect(en.body).not.toContain(zh);
    const ug = await page(`/guides/${guideCode}`, "ug");
    expect(ug.body).toContain('<html lang="ug" dir="rtl"');
    expect(ug.body).toContain('<th scope="row">قانۇنىي ئاساس</th>');
    expect(ug.body).toContain("مەمۇرىي ئىجازەت");
    for (const zh of ["设定依据", "受理条件", "原件", "复印件"]) expect(ug.body).not.toContain(zh);
    // Chinese as before.
    const zh = await page(`/guides/${guideCode}`, null);
    expect(zh.body).toContain('<th scope="row">设定依据</th>');
    expect(zh.body).toContain("原件 1 · 复印件 0 · 必要 · 申请人");
  });

  it("prints the guide with labels in the reader's language", async () => {
    const en = await t.app.inject({
      method: "GET",
      url: `/guides/${guideCode}/print`,
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en" dir="ltr">');
    expect(en.body).toContain('<th scope="row">Legal basis</th>');
    expect(en.body).toContain('<th scope="col">Material</th>');
    expect(en.body).not.toContain("设定依据");
    expect(en.body).not.toContain("<script");
    const ug = await page(`/guides/${guideCode}/print`, "ug");
    expect(ug.body).toContain('<html lang="ug" dir="rtl">');
  });

  it("verifies a license on a portal page: layout, language switcher, right to left in Uyghur", async () => {
    const ug = await page(`/verify/licenses/${identifier}`, "ug");
    expect(ug.statusCode).toBe(200);
    expect(ug.body).toContain('<html lang="ug" dir="rtl"');
    expect(ug.body).toContain('class="site-header"'); // the portal layout
    expect(ug.body).toContain("/prefs?lang=zh-CN"); // the language switcher
    expect(ug.body).toMatch(/role="status"[^>]*><strong>كۈچكە ئىگە؛ ئىمزا ئىناۋەتلىك<\/strong>/);
    expect(ug.body).toContain("گۇۋاھنامە نومۇرى");
    expect(ug.body).not.toContain("<script");
    expect(ug.body).not.toContain(DEMO_ENTERPRISE.name); // the holder stays masked
    const en = await page(`/verify/licenses/${identifier}`, "en");
    expect(en.body).toContain("<strong>Valid; signature valid</strong>");
    const elder = await t.app.inject({
      method: "GET",
      url: `/verify/licenses/${identifier}`,
      headers: { cookie: "tb_elder=1" },
    });
    expect(elder.body).toContain('class="elder"');
    expect(elder.body).toContain("有效；签名有效");
  });

  it("answers an unknown document with a 404 page to a browser and the JSON error to an API client", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const html = await page(`/verify/documents/${missing}`, "en");
    expect(html.statusCode).toBe(404);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("No such document");
    const json = await t.app.inject({ method: "GET", url: `/verify/documents/${missing}` });
    expect(json.statusCode).toBe(404);
    expect(json.json<Body>().error?.code).toBe("NOT_FOUND");
  });
});
