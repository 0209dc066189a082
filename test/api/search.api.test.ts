import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { createDraft, publishAsSystem } from "../../src/server/modules/catalog/catalog.service.js";
import { basicItem, guide } from "../helpers/catalog.js";
import { runDueJobs } from "../../src/server/jobs/jobs.service.js";
import { buildJobRegistry } from "../../src/server/jobs/jobs.js";
import { rebuildSearchIndex } from "../../src/server/modules/search/search.service.js";
import { DEMO_CITIZENS, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { Sessions } from "../helpers/sessions.js";

const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
const sessions = new Sessions(() => t.app, "10.11.0");

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
  await seedDemo(deps, undefined, { withCatalog: true });
  await rebuildSearchIndex(t.database.db);
}, 600_000);
afterAll(async () => {
  await t.close();
});

interface SearchBody {
  guides: { code: string; name: string; regionCode: string; itemType: string; agencyId: number | null }[];
  faqs: { question: string; answer: string }[];
  expansions: { phrase: string; terms: string[] }[];
}

async function search(qs: string) {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/search?${qs}` });
  return {
    status: res.statusCode,
    body: res.json<SearchBody & { error?: { code: string; message: string } }>(),
  };
}

/** Distinct item names in ranking order. */
async function topItems(q: string, n = 3): Promise<string[]> {
  const r = await search(`q=${encodeURIComponent(q)}&limit=50`);
  expect(r.status).toBe(200);
  return [...new Set(r.body.guides.map((g) => g.name))].slice(0, n);
}

/** Colloquial queries, each expecting an item among the top 3 (SPEC §14, 方案 七). */
const COLLOQUIAL: [string, string][] = [
  ["开饭馆", "食品（含保健食品）经营许可"],
  ["我想开个饭店", "食品（含保健食品）经营许可"],
  ["上户口", "新出生婴儿办理出生登记"],
  ["给孩子报户口", "新出生婴儿办理出生登记"],
  ["领证", "内地居民结婚登记"],
  ["结婚登记", "内地居民结婚登记"],
  ["开公司", "企业设立登记"],
  ["刻章", "公章刻制"],
  ["办社保卡", "社会保障卡申领"],
  ["提取公积金", "住房公积金提取审批"],
  ["买房过户", "不动产登记"],
  ["残疾证", "残疾人证新办"],
  ["退休", "职工退休（退职）申请"],
  ["装电表", "电力报装"],
  ["身份证丢了", "核发居民身份证"],
];

describe("search relevance", () => {
  it.each(COLLOQUIAL)("%s → %s in the top 3", async (q, expected) => {
    expect(await topItems(q)).toContain(expected);
  });

  it("understands pinyin and pinyin initials", async () => {
    expect(await topItems("jiehun dengji")).toContain("内地居民结婚登记");
    expect(await topItems("jhdj")).toContain("内地居民结婚登记");
    expect(await topItems("ShiPin")).toContain("食品（含保健食品）经营许可");
    expect(await topItems("gongzhang")).toContain("公章刻制");
  });

  it("tolerates a wrong character", async () => {
    expect(await topItems("食品经宫许可")).toContain("食品（含保健食品）经营许可");
    expect(await topItems("残疾人正新办")).toContain("残疾人证新办");
  });

  it("ranks the exact name above names that merely share words", async () => {
    const top = await topItems("企业注销登记", 1);
    expect(top).toEqual(["企业注销登记"]);
  });

  it("explains the synonym expansion it used", async () => {
    const r = await search(`q=${encodeURIComponent("开饭馆")}`);
    expect(r.body.expansions[0]?.phrase).toBe("开饭馆");
    expect(r.body.expansions[0]?.terms).toContain("食品经营许可");
  });

  it("filters by region (the region, its subtree and the levels above), type and agency", async () => {
    const all = await search(`q=${encodeURIComponent("登记")}&limit=50`);
    expect(all.body.guides.length).toBeGreaterThan(3);
    const kashi = await search(`q=${encodeURIComponent("登记")}&region=653101&limit=50`);
    expect(kashi.body.guides.length).toBeGreaterThan(0);
    expect(kashi.body.guides.some((g) => g.regionCode === "6531")).toBe(true); // the level above
    for (const g of kashi.body.guides)
      expect("653101".startsWith(g.regionCode) || g.regionCode.startsWith("653101")).toBe(true);
    const other = await search(`q=${encodeURIComponent("登记")}&region=653121&limit=50`);
    for (const g of other.body.guides) expect(g.regionCode.startsWith("653101")).toBe(false);
    const type = all.body.guides[0]!.itemType;
    const typed = await search(`q=${encodeURIComponent("登记")}&type=${type}&limit=50`);
    expect(typed.body.guides.length).toBeGreaterThan(0);
    for (const g of typed.body.guides) expect(g.itemType).toBe(type);
    const agency = all.body.guides[0]!.agencyId!;
    const byAgency = await search(`q=${encodeURIComponent("登记")}&agency=${agency}&limit=50`);
    for (const g of byAgency.body.guides) expect(g.agencyId).toBe(agency);
  });

  it("answers 400 in Chinese for an empty or meaningless query and a bad region", async () => {
    const empty = await search("q=");
    expect(empty.status).toBe(400);
    const stop = await search(`q=${encodeURIComponent("我想要办")}`);
    expect(stop.status).toBe(400);
    expect(stop.body.error?.message).toContain("请输入");
    expect((await search("q=abc&region=12345")).status).toBe(400);
  });
});

describe("我要办 navigation", () => {
  it("turns a plain-language need into items with a short explanation", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/navigation?need=${encodeURIComponent("我想开饭馆")}&region=653101`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      summary: string;
      steps: { item: string; because: string; guide: { code: string } | null }[];
    }>();
    const items = body.steps.map((s) => s.item);
    expect(items).toContain("食品（含保健食品）经营许可");
    expect(items).toContain("企业设立登记");
    const food = body.steps.find((s) => s.item === "食品（含保健食品）经营许可")!;
    expect(food.because).toContain("开饭馆");
    expect(food.guide).not.toBeNull();
    expect(body.summary).toContain("我想开饭馆");
  });

  it("says so when nothing fits", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/navigation?need=${encodeURIComponent("火星旅游签证")}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ summary: string; steps: unknown[] }>();
    expect(body.steps).toHaveLength(0);
    expect(body.summary).toContain("没有找到");
  });
});

describe("FAQ knowledge base", () => {
  it("an editor adds a Q&A to an item; the same engine finds it; applicants cannot add", async () => {
    const hit = await search(`q=${encodeURIComponent("食品经营许可")}&limit=1`);
    const code = hit.body.guides[0]!.code;
    const guide = await t.app.inject({ method: "GET", url: `/api/v1/guides/${code}` });
    const basicCode = guide.json<{ basicCode: string }>().basicCode;
    const question = {
      question: "网上开店卖零食需要办食品经营许可吗",
      answer: "仅销售预包装食品的，办理备案即可；其他情形需取得食品经营许可证。",
    };
    const citizen = await t.app.inject({
      method: "POST",
      url: `/api/v1/items/${basicCode}/faqs`,
      headers: await sessions.as(DEMO_CITIZENS[0].idNumber),
      payload: question,
    });
    expect(citizen.statusCode).toBe(403);
    const added = await t.app.inject({
      method: "POST",
      url: `/api/v1/items/${basicCode}/faqs`,
      headers: await sessions.as("kashgar.samr.editor"),
      payload: question,
    });
    expect(added.statusCode).toBe(201);
    const list = await t.app.inject({ method: "GET", url: `/api/v1/items/${basicCode}/faqs` });
    expect(list.json<{ items: { question: string }[] }>().items.map((i) => i.question)).toContain(
      question.question,
    );
    const found = await search(`q=${encodeURIComponent("网上卖零食")}`);
    expect(found.body.faqs[0]?.question).toBe(question.question);
  });
});

describe("index kept in step with publication", () => {
  it("the job enqueued by publication indexes a new guide; abolition removes it", async () => {
    const deps = { db: t.database.db, secrets: t.secrets, now: () => now };
    const agencies = await t.app.inject({
      method: "GET",
      url: "/api/v1/agencies?region=6531&line=market_regulation",
    });
    const samrId = agencies.json<{ items: { id: number }[] }>().items[0]!.id;
    const name = "烤馕摊点经营备案";
    const basic = await createDraft(
      SYSTEM,
      { layer: "basic", agencyId: samrId, content: basicItem({ name, itemType: "20" }) },
      deps,
    );
    await publishAsSystem(SYSTEM, basic.version.id, deps);
    const g = await createDraft(
      SYSTEM,
      {
        layer: "guide",
        agencyId: samrId,
        basicCode: basic.entry.code,
        content: guide({ name, itemType: "20" }),
      },
      deps,
    );
    await publishAsSystem(SYSTEM, g.version.id, deps);
    expect(await topItems("烤馕")).not.toContain(name);
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    for (let i = 0; i < 20; i++) {
      const r = await runDueJobs(
        t.database.db,
        buildJobRegistry({ secrets: t.secrets, publicBaseUrl: "https://tongban.example" }),
        {
          workerId: "test",
          now,
          batchSize: 100,
          log,
        },
      );
      expect(r.dead).toBe(0);
      if (r.claimed === 0) break;
    }
    expect(await topItems("烤馕")).toContain(name);
    expect(await topItems("kaonang")).toContain(name);
  });
});
