import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { revokeExpiredTolerances } from "../../src/server/modules/cases/case-actions.service.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { DEMO_CITIZENS, DEMO_PASSWORD, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { Sessions, type Headers } from "../helpers/sessions.js";
import { basicItem, guide } from "../helpers/catalog.js";

// Monday 2026-06-15 10:00 Beijing time; 端午 is Friday 06-19.
let now = new Date("2026-06-15T02:00:00Z");
const setDay = (day: string) => {
  now = new Date(`${day}T02:00:00Z`);
  sessions.clear(); // cookie sessions last 12 hours: moving the clock by days means logging in again
};
let t: TestApp;
let guideCode = "";
let instantCode = "";
let commitmentCode = "";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").toString("base64");

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps);
  const res = await t.app.inject({
    method: "GET",
    url: "/api/v1/agencies?region=6531&line=market_regulation",
  });
  const samrId = res.json<{ items: { id: number }[] }>().items[0]?.id ?? 0;
  for (const [name, kind] of [
    ["测试经营许可", "2"],
    ["测试即办登记", "1"],
    ["测试承诺许可", "2c"],
  ] as const) {
    const basic = await createDraft(
      SYSTEM,
      { layer: "basic", agencyId: samrId, content: basicItem({ name, itemType: "01" }) },
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
    const g = await createDraft(
      SYSTEM,
      {
        layer: "guide",
        agencyId: samrId,
        basicCode: basic.entry.code,
        content: guide({
          name,
          caseKind: kind === "1" ? "1" : "2",
          promisedLimitDays: kind === "1" ? 0 : 5,
          ...(kind === "2c"
            ? {
                tags: {
                  crossRegion: "xinjiang" as const,
                  isFullyOnline: true,
                  notificationCommitment: {
                    text: "本人承诺经营场所符合食品安全要求，如有不实，愿承担撤销许可等法律责任。",
                  },
                },
                fee: {
                  isFree: false,
                  items: [
                    { name: "证照工本费", standard: "10 元/件", basis: "测试收费文件", amountFen: 1000 },
                  ],
                },
              }
            : {}),
        }),
      },
      deps,
    );
    await publishAsSystem(SYSTEM, g.version.id, deps);
    if (kind === "2") guideCode = g.entry.code;
    else if (kind === "1") instantCode = g.entry.code;
    else commitmentCode = g.entry.code;
  }
}, 180_000);
afterAll(async () => {
  await t.close();
});

const sessions = new Sessions(() => t.app, "10.2.0");
const as = (login: string) => sessions.as(login);

interface CaseBody {
  id: string;
  caseNumber: string;
  status: string;
  lockVersion: number;
  promisedDue: string | null;
  legalDue: string | null;
  toleranceDue: string | null;
  pausedWorkdays: number;
  channel: string;
  notices: { kind: string; title: string; content: Record<string, unknown> }[];
  history: { action: string }[];
  materials: { key: string; sm3: string | null }[];
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

async function call(
  login: string | null,
  method: "GET" | "POST",
  url: string,
  payload?: unknown,
  extra: Headers = {},
) {
  const headers = { ...(login === null ? {} : await as(login)), ...extra };
  const res = await t.app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.json<CaseBody>() };
}

const CITIZEN = DEMO_CITIZENS[0].idNumber;
const OTHER = DEMO_CITIZENS[1].idNumber;
const REVIEWER = "kashgar.samr.reviewer";
const APPROVER = "kashgar.samr.approver";
const form = { enterpriseName: "喀什丝路商贸有限公司", creditCode: "9144030071526726XG" };
const materials = [
  { key: "application_form", fileName: "申请书.pdf", contentType: "application/pdf", dataBase64: PDF },
  { key: "business_license", reference: "license:business:demo" },
];

async function apply(code = guideCode, key?: string) {
  return call(
    CITIZEN,
    "POST",
    "/api/v1/cases",
    { guideCode: code, formData: form, materials },
    key === undefined ? {} : { "idempotency-key": key },
  );
}

describe("application", () => {
  it("creates a case with a unified case number and the material's SM3 digest; the same idempotency key returns it again", async () => {
    setDay("2026-06-15");
    const first = await apply(guideCode, "apply-0001-abcdef");
    expect(first.status).toBe(201);
    expect(first.body.caseNumber).toMatch(/^6531-20260615-O-\d{6}$/);
    expect(first.body.caseNumber.length).toBeLessThanOrEqual(50);
    expect(first.body.materials.find((m) => m.key === "application_form")?.sm3).toMatch(/^[0-9a-f]{64}$/);
    const again = await apply(guideCode, "apply-0001-abcdef");
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it("names every bad field and refuses a file that is not what it claims", async () => {
    const res = await call(CITIZEN, "POST", "/api/v1/cases", {
      guideCode,
      formData: { creditCode: "123", extra: "x" },
      materials: [
        {
          key: "application_form",
          contentType: "application/pdf",
          dataBase64: Buffer.from("MZ not a pdf").toString("base64"),
        },
      ],
    });
    expect(res.status).toBe(400);
    const paths = res.body.error?.details?.map((d) => d.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining([
        "formData.enterpriseName",
        "formData.creditCode",
        "formData.extra",
        "materials.0",
      ]),
    );
    expect(res.body.error?.details?.find((d) => d.path === "materials.0")?.message).toContain(
      "文件内容与其类型不符",
    );
  });

  it("gives unique case numbers under concurrency", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => apply()));
    const numbers = results.map((r) => r.body.caseNumber);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(8);
  });

  it("hides a case from another applicant (404) and from a clerk of another county", async () => {
    const mine = await apply();
    expect((await call(OTHER, "GET", `/api/v1/cases/${mine.body.id}`)).status).toBe(404);
    expect((await call("shufu.clerk", "GET", `/api/v1/cases/${mine.body.id}`)).status).toBe(404);
    expect((await call(REVIEWER, "GET", `/api/v1/cases/${mine.body.id}`)).status).toBe(200);
    const list = await call(OTHER, "GET", "/api/v1/cases");
    expect((list.body as unknown as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(
      mine.body.id,
    );
  });
});

describe("acceptance: the five outcomes of 条例 18", () => {
  it("accepted: the clock starts the next working day, 端午 skipped", async () => {
    setDay("2026-06-15");
    const c = await apply();
    const res = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
      outcome: "accepted",
    });
    expect(res.body.status).toBe("accepted");
    expect(res.body.promisedDue).toBe("2026-06-23");
    expect(res.body.notices[0]).toMatchObject({ kind: "acceptance", title: "受理通知书" });
  });

  it("not ours: refused without naming the competent agency; the notice names it", async () => {
    const c = await apply();
    expect(
      (await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "not_ours" })).status,
    ).toBe(400);
    const res = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
      outcome: "not_ours",
      competentAgency: "喀什地区卫生健康委员会",
    });
    expect(res.body.status).toBe("not_accepted");
    expect(res.body.notices[0]).toMatchObject({ kind: "non_acceptance", title: "不予受理告知书" });
    expect(res.body.notices[0]?.content.competentAgency).toBe("喀什地区卫生健康委员会");
  });

  it("corrected on the spot, then accepted", async () => {
    const c = await apply();
    const res = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
      outcome: "corrected_then_accepted",
      corrections: ["申请书签字处当场补签"],
    });
    expect(res.body.status).toBe("accepted");
    expect(res.body.notices[0]?.content).toMatchObject({ correctedOnTheSpot: ["申请书签字处当场补签"] });
  });

  it("not a catalogued item", async () => {
    const c = await apply();
    const res = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
      outcome: "not_catalogued",
      reason: "申请事项不需要取得许可",
    });
    expect(res.body.status).toBe("not_accepted");
    expect(res.body.notices[0]?.kind).toBe("not_catalogued");
  });

  it("容缺受理: one-time list and deadline; supplied in time it stays; unsupplied it is revoked with reasons by the job", async () => {
    setDay("2026-06-15");
    const kept = await apply();
    const lapsed = await apply();
    const notTolerable = await call(REVIEWER, "POST", `/api/v1/cases/${kept.body.id}/acceptance`, {
      outcome: "tolerance",
      missingMaterialKeys: ["application_form"],
    });
    expect(notTolerable.status).toBe(400);
    for (const c of [kept, lapsed]) {
      const res = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
        outcome: "tolerance",
        missingMaterialKeys: ["site_plan"],
        supplementDays: 3,
      });
      expect(res.body.toleranceDue).toBe("2026-06-18");
      expect(res.body.notices[0]?.kind).toBe("tolerance");
      expect(res.body.notices[0]?.content).toMatchObject({
        missingMaterials: ["经营场所平面图"],
        supplementDue: "2026-06-18",
      });
    }
    setDay("2026-06-17");
    const supplied = await call(CITIZEN, "POST", `/api/v1/cases/${kept.body.id}/supplements`, {
      materials: [{ key: "site_plan", contentType: "application/pdf", dataBase64: PDF }],
    });
    expect(supplied.body.toleranceDue).toBeNull();
    expect(await revokeExpiredTolerances(t.database.db, new Date("2026-06-18T02:00:00Z"))).toBe(0);
    expect(await revokeExpiredTolerances(t.database.db, new Date("2026-06-22T02:00:00Z"))).toBe(1);
    expect(await revokeExpiredTolerances(t.database.db, new Date("2026-06-22T02:00:00Z"))).toBe(0);
    const revoked = await call(CITIZEN, "GET", `/api/v1/cases/${lapsed.body.id}`);
    expect(revoked.body.status).toBe("revoked");
    expect(revoked.body.notices.at(-1)).toMatchObject({
      kind: "tolerance_revocation",
      title: "撤销受理告知书",
    });
    expect((await call(CITIZEN, "GET", `/api/v1/cases/${kept.body.id}`)).body.status).toBe("accepted");
  });

  it("即办件 is concluded at acceptance", async () => {
    const c = await apply(instantCode);
    const res = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
      outcome: "accepted",
    });
    expect(res.body.status).toBe("approved");
  });
});

describe("handling and time", () => {
  it("suspension stops the clock across a holiday; resumption pushes the due date; extension needs a reason", async () => {
    setDay("2026-06-15");
    const c = await apply();
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/dispatch`, {});
    setDay("2026-06-17");
    const suspended = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/suspension`, {
      kind: "inspection",
      reason: "需现场核查经营场所",
    });
    expect(suspended.body.status).toBe("suspended");
    setDay("2026-06-24");
    const resumed = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/resumption`, {});
    expect(resumed.body.status).toBe("under_review");
    // paused 06-18, (19 端午), 22, 23, 24 = 4 working days; due 06-23 + 4 → 06-29
    expect(resumed.body.pausedWorkdays).toBe(4);
    expect(resumed.body.promisedDue).toBe("2026-06-29");
    expect(
      (
        await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/extension`, {
          days: 3,
          reason: "需专家论证",
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/extension`, { days: 3, reason: " " })).status,
    ).toBe(400);
    const extended = await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/extension`, {
      days: 3,
      reason: "需专家论证",
    });
    expect(extended.body.promisedDue).toBe("2026-07-02");
    const approved = await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, {
      decision: "approve",
    });
    expect(approved.body.status).toBe("approved");
    const delivered = await call("kashgar.samr.reviewer", "POST", `/api/v1/cases/${c.body.id}/delivery`, {});
    expect(delivered.body.status).toBe("delivered");
  });

  it("a denial needs reasons and names the remedies", async () => {
    const c = await apply();
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/dispatch`, {});
    expect(
      (await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, { decision: "deny" })).status,
    ).toBe(400);
    const denied = await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, {
      decision: "deny",
      reason: "经营场所不符合卫生要求",
    });
    expect(denied.body.status).toBe("denied");
    const notice = denied.body.notices.at(-1);
    expect(notice?.title).toBe("不予行政许可决定书");
    expect(JSON.stringify(notice?.content)).toContain("行政复议");
    expect(JSON.stringify(notice?.content)).toContain("行政诉讼");
  });

  it("two staff deciding at once: one wins, the other gets CONFLICT", async () => {
    const c = await apply();
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
    const dispatched = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/dispatch`, {});
    const v = dispatched.body.lockVersion;
    const [a, b] = await Promise.all([
      call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, { decision: "approve", lockVersion: v }),
      call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, {
        decision: "deny",
        reason: "并发",
        lockVersion: v,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const final = await call(CITIZEN, "GET", `/api/v1/cases/${c.body.id}`);
    expect(final.body.history.filter((h) => h.action.startsWith("decide"))).toHaveLength(1);
  });

  it("the applicant withdraws before the decision; nobody else can", async () => {
    const c = await apply();
    expect((await call(OTHER, "POST", `/api/v1/cases/${c.body.id}/withdrawal`, {})).status).toBe(404);
    expect((await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/withdrawal`, {})).status).toBe(403);
    const res = await call(CITIZEN, "POST", `/api/v1/cases/${c.body.id}/withdrawal`, {
      reason: "资料准备不全，改日再办",
    });
    expect(res.body.status).toBe("withdrawn");
    expect(
      (await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" })).status,
    ).toBe(409);
  });
});

describe("window intake across regions", () => {
  it("a 喀什市 window receives for the 地区 agency (帮办代办): both see it, another county does not", async () => {
    const citizen = await call(CITIZEN, "GET", "/api/v1/me");
    const applicantId = (citizen.body as unknown as { id: string }).id;
    const res = await call("kashi.clerk", "POST", "/api/v1/cases", {
      guideCode,
      formData: form,
      materials,
      applicantId,
      isAssisted: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.channel).toBe("assisted");
    expect(res.body.caseNumber).toMatch(/^6531-\d{8}-A-\d{6}$/);
    const accepted = await call("kashi.clerk", "POST", `/api/v1/cases/${res.body.id}/acceptance`, {
      outcome: "accepted",
    });
    expect(accepted.body.status).toBe("accepted");
    expect((await call(REVIEWER, "GET", `/api/v1/cases/${res.body.id}`)).status).toBe(200);
    expect((await call(CITIZEN, "GET", `/api/v1/cases/${res.body.id}`)).status).toBe(200);
    expect((await call("shufu.clerk", "GET", `/api/v1/cases/${res.body.id}`)).status).toBe(404);
    expect(
      (
        await call("shufu.clerk", "POST", "/api/v1/cases", {
          guideCode,
          formData: form,
          materials,
          applicantId,
        })
      ).status,
    ).toBe(201);
  });

  it("keeps the audit chain whole", async () => {
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });
});

describe("warning levels", () => {
  it("turn yellow at 80 % of the promised working days and red past the due date, in the lists too", async () => {
    setDay("2026-06-15");
    const c = await apply();
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
    const { refreshWarnings } = await import("../../src/server/modules/cases/case-actions.service.js");
    await refreshWarnings(t.database.db, new Date("2026-06-17T02:00:00Z"));
    expect((await call(CITIZEN, "GET", `/api/v1/cases/${c.body.id}`)).body).toMatchObject({
      warningLevel: "normal",
    });
    // due 06-23 (5 working days); on 06-22, 4 of 5 are used
    await refreshWarnings(t.database.db, new Date("2026-06-22T02:00:00Z"));
    setDay("2026-06-22");
    expect((await call(CITIZEN, "GET", `/api/v1/cases/${c.body.id}`)).body).toMatchObject({
      warningLevel: "yellow",
    });
    await refreshWarnings(t.database.db, new Date("2026-06-24T02:00:00Z"));
    setDay("2026-06-24");
    const list = await call(REVIEWER, "GET", "/api/v1/cases?warning=red&limit=100");
    expect(
      (list.body as unknown as { items: { id: string; warningLevel: string }[] }).items.map((i) => i.id),
    ).toContain(c.body.id);
  });
});

describe("documents and forwarding", () => {
  it("prints a notice, and exports an archive whose manifest's SM3 digests match the documents", async () => {
    const { unzipSync, strFromU8 } = await import("fflate");
    const { sm3 } = await import("sm-crypto-v2");
    setDay("2026-06-15");
    const c = await apply();
    const accepted = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
      outcome: "accepted",
    });
    const noticeId = (accepted.body.notices[0] as unknown as { id: number }).id;
    const page = await t.app.inject({
      method: "GET",
      url: `/cases/${c.body.id}/notices/${noticeId}/print`,
      headers: await as(CITIZEN),
    });
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("受理通知书");
    expect(page.body).toContain(c.body.caseNumber);
    expect(page.body).toContain("喀什地区市场监督管理局");
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: `/cases/${c.body.id}/notices/${noticeId}/print`,
          headers: await as(OTHER),
        })
      ).statusCode,
    ).toBe(404);

    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/cases/${c.body.id}/archive.zip`,
      headers: await as(REVIEWER),
    });
    expect(res.headers["content-type"]).toBe("application/zip");
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const manifestText = strFromU8(files["manifest.json"] ?? new Uint8Array());
    const manifest = JSON.parse(manifestText) as { documents: { path: string; sm3: string }[] };
    expect(strFromU8(files["manifest.sm3"] ?? new Uint8Array())).toBe(sm3(manifestText));
    expect(manifest.documents.map((d) => d.path)).toEqual(
      expect.arrayContaining([
        "case.json",
        expect.stringMatching(/^notices\//),
        expect.stringMatching(/^materials\/.*\.pdf$/),
      ]),
    );
    for (const d of manifest.documents) expect(sm3(files[d.path] ?? new Uint8Array())).toBe(d.sm3);
  });

  it("a 喀什市 department forwards its reviewed case to the 喀什地区 department without resubmission (条例 20)", async () => {
    const agencies = async (region: string) =>
      (
        await t.app.inject({ method: "GET", url: `/api/v1/agencies?region=${region}&line=market_regulation` })
      ).json<{ items: { id: number }[] }>().items[0]?.id ?? 0;
    const cityAgency = await agencies("653101");
    const prefectureAgency = await agencies("6531");
    const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
    const basic = await t.database.db
      .selectFrom("catalog_entries")
      .select("code")
      .where("layer", "=", "basic")
      .where("name", "=", "测试经营许可")
      .executeTakeFirstOrThrow();
    const power = await createDraft(
      SYSTEM,
      {
        layer: "power",
        agencyId: cityAgency,
        basicCode: basic.code,
        content: {
          name: "测试经营许可",
          itemType: "01",
          basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
        },
      },
      deps,
    );
    await publishAsSystem(SYSTEM, power.version.id, deps);
    const cityGuide = await createDraft(
      SYSTEM,
      { layer: "guide", agencyId: cityAgency, basicCode: basic.code, content: guide() },
      deps,
    );
    await publishAsSystem(SYSTEM, cityGuide.version.id, deps);
    const { createStaffUser } = await import("../../src/server/modules/identity/identity.service.js");
    await createStaffUser(
      SYSTEM,
      {
        loginName: "kashi.samr.reviewer",
        displayName: "喀什市审核",
        password: DEMO_PASSWORD,
        agencyId: cityAgency,
        grants: [{ role: "reviewer" }],
      },
      deps,
    );
    const c = await apply(cityGuide.entry.code);
    expect(c.body.caseNumber.startsWith("653101-")).toBe(true);
    // The 喀什地区 reviewer does not see a 喀什市 case before it is forwarded.
    expect((await call(REVIEWER, "GET", `/api/v1/cases/${c.body.id}`)).status).toBe(404);
    const CITY = "kashi.samr.reviewer";
    await call(CITY, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
    await call(CITY, "POST", `/api/v1/cases/${c.body.id}/dispatch`, {});
    const sideways = await call(CITY, "POST", `/api/v1/cases/${c.body.id}/forwarding`, {
      toAgencyId: await agencies("653121"),
      opinion: "初审通过",
    });
    expect(sideways.status).toBe(400);
    const forwarded = await call(CITY, "POST", `/api/v1/cases/${c.body.id}/forwarding`, {
      toAgencyId: prefectureAgency,
      opinion: "初审通过，材料齐全",
    });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.history.at(-1)?.action).toBe("forward");
    const decided = await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, {
      decision: "approve",
    });
    expect(decided.body.status).toBe("approved");
    expect(decided.body.materials).toHaveLength(c.body.materials.length);
  });
});

describe("告知承诺 and fees", () => {
  it("decides on the applicant's commitment with a post-check; a failed check revokes the decision", async () => {
    setDay("2026-06-15");
    const refused = await call(CITIZEN, "POST", "/api/v1/cases", {
      guideCode,
      formData: form,
      materials,
      commitment: true,
    });
    expect(refused.status).toBe(400);
    const ok = await call(CITIZEN, "POST", "/api/v1/cases", {
      guideCode: commitmentCode,
      formData: form,
      materials,
      commitment: true,
    });
    const bad = await call(CITIZEN, "POST", "/api/v1/cases", {
      guideCode: commitmentCode,
      formData: form,
      materials,
      commitment: true,
    });
    for (const c of [ok, bad]) {
      const res = await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, {
        outcome: "accepted",
      });
      expect(res.body.status).toBe("approved");
      expect(res.body.notices.at(-1)?.title).toBe("告知承诺审批决定书");
      expect((res.body as unknown as { postCheck: { status: string; dueDate: string } }).postCheck).toEqual({
        status: "pending",
        dueDate: "2026-07-14",
        findings: null,
      });
    }
    const passed = await call(REVIEWER, "POST", `/api/v1/cases/${ok.body.id}/post-check`, {
      passed: true,
      findings: "现场核查符合承诺",
    });
    expect(passed.body.status).toBe("approved");
    const failed = await call(REVIEWER, "POST", `/api/v1/cases/${bad.body.id}/post-check`, {
      passed: false,
      findings: "经营场所无防鼠设施",
    });
    expect(failed.body.status).toBe("revoked");
    expect(failed.body.notices.at(-1)?.title).toBe("撤销行政许可决定书");
    expect(
      (
        await call(REVIEWER, "POST", `/api/v1/cases/${bad.body.id}/post-check`, {
          passed: true,
          findings: "再次",
        })
      ).status,
    ).toBe(409);
  });

  it("charges the guide's fees after approval, refuses delivery until paid, and keeps the receipt", async () => {
    const c = await call(CITIZEN, "POST", "/api/v1/cases", {
      guideCode: commitmentCode,
      formData: form,
      materials,
    });
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/acceptance`, { outcome: "accepted" });
    await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/dispatch`, {});
    const approved = await call(APPROVER, "POST", `/api/v1/cases/${c.body.id}/decision`, {
      decision: "approve",
    });
    expect(
      (approved.body as unknown as { payment: { amountFen: number; status: string } }).payment,
    ).toMatchObject({ amountFen: 1000, status: "pending" });
    expect((await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/delivery`, {})).status).toBe(409);
    expect((await call(OTHER, "POST", `/api/v1/cases/${c.body.id}/payment`, {})).status).toBe(404);
    const paid = await call(CITIZEN, "POST", `/api/v1/cases/${c.body.id}/payment`, {});
    const payment = (paid.body as unknown as { payment: { status: string; receiptNumber: string } }).payment;
    expect(payment.status).toBe("paid");
    expect(payment.receiptNumber).toBe(`R${c.body.caseNumber.replaceAll("-", "")}`);
    expect(paid.body.notices.at(-1)?.title).toBe("缴费收据");
    expect((await call(CITIZEN, "POST", `/api/v1/cases/${c.body.id}/payment`, {})).status).toBe(409);
    expect((await call(REVIEWER, "POST", `/api/v1/cases/${c.body.id}/delivery`, {})).body.status).toBe(
      "delivered",
    );
  });
});

describe("lists", () => {
  it("filter by item and dates and page by keyset without repeats", async () => {
    const all = await call(REVIEWER, "GET", `/api/v1/cases?item=${instantCode}&limit=100`);
    const items = (all.body as unknown as { items: { id: string; status: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    const mine = await call(
      CITIZEN,
      "GET",
      `/api/v1/cases?item=${guideCode}&from=2026-06-15&to=2026-06-15&limit=3`,
    );
    const page1 = mine.body as unknown as { items: { id: string }[]; nextBefore: string };
    expect(page1.items).toHaveLength(3);
    const page2 = (
      await call(
        CITIZEN,
        "GET",
        `/api/v1/cases?item=${guideCode}&from=2026-06-15&to=2026-06-15&limit=3&before=${encodeURIComponent(page1.nextBefore)}`,
      )
    ).body as unknown as { items: { id: string }[] };
    expect(page2.items.some((i) => page1.items.map((x) => x.id).includes(i.id))).toBe(false);
    const none = await call(CITIZEN, "GET", "/api/v1/cases?from=2026-07-01&limit=10");
    expect((none.body as unknown as { items: unknown[] }).items).toHaveLength(0);
    expect((await call(CITIZEN, "GET", "/api/v1/cases?from=2026-13-01")).status).toBe(400);
  });
});
