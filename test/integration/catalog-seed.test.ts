import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGuide } from "../../src/shared/catalog-rules.js";
import { basicItemContent, guideContent } from "../../src/shared/contracts/catalog-content.js";
import type { CatalogSeedResult } from "../../src/server/seed/catalog-seed.js";
import { SEED_CATALOG_ITEMS } from "../../src/server/seed/catalog-items/index.js";
import { bundleItems, seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

const sharedBundles = JSON.parse(
  fs.readFileSync(new URL("../../../shared/data/kashgar-18-bundles.json", import.meta.url), "utf8"),
) as { bundles: { items: { name: string; department: string }[] }[] };

describe("the demo catalog content (pure)", () => {
  const items = SEED_CATALOG_ITEMS;

  it("ships the same bundle data as shared/data", () => {
    const shared = sharedBundles.bundles.flatMap((b) => b.items.map((i) => `${i.name}|${i.department}`));
    expect(bundleItems().map((i) => `${i.name}|${i.department}`)).toEqual(shared);
    expect(shared).toHaveLength(91);
  });

  it("covers every item of the 18 bundles exactly once", () => {
    for (const b of bundleItems()) {
      const matches = items.filter((i) => i.department === b.department && i.bundleNames.includes(b.name));
      expect(matches, `${b.bundle}: ${b.name} (${b.department})`).toHaveLength(1);
    }
    expect(new Set(items.map((i) => `${i.basic.name}|${i.department}`)).size).toBe(items.length);
  });

  it("every guide passes every rule against its basic item", () => {
    for (const item of items) {
      const basic = basicItemContent.parse(item.basic);
      const guide = guideContent.parse({ ...item.guide, consultation: {}, complaint: {} });
      expect(checkGuide(guide, { basic, exerciseLevel: "3" }), item.basic.name).toEqual([]);
      expect(checkGuide(guide, { basic, exerciseLevel: "4" }), item.basic.name).toEqual([]);
    }
    expect(items.some((i) => i.guide.tags.notificationCommitment !== undefined)).toBe(true);
    expect(items.some((i) => i.guide.fee.isFree === false)).toBe(true);
    expect(items.some((i) => i.guide.materials.some((m) => m.isToleratedMissing === true))).toBe(true);
  });
});

describe("the demo catalog seeded and published", () => {
  let t: TestApp;
  let result: CatalogSeedResult | undefined;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo({ db: t.database.db, secrets: t.secrets }, undefined, {
      withCatalog: true,
      onCatalog: (r) => (result = r),
    });
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it("publishes a basic item per service item and guides by the 喀什地区 and 喀什市 departments", async () => {
    const items = SEED_CATALOG_ITEMS;
    expect(result?.basicItems).toBe(items.length);
    expect(result?.guides).toBeGreaterThan(items.length * 2 - 6);
    const kashgar = await t.app.inject({ method: "GET", url: "/api/v1/guides?region=6531&limit=100" });
    const page = kashgar.json<{ items: { code: string; name: string; regionCode: string }[] }>();
    expect(page.items.length).toBe(100);
    const city = await t.app.inject({
      method: "GET",
      url: `/api/v1/guides?region=653101&q=${encodeURIComponent("不动产登记")}`,
    });
    const realEstate = city.json<{ items: { code: string; agencyName: string }[] }>().items[0];
    expect(realEstate?.agencyName).toBe("喀什市自然资源局");
    const guide = await t.app.inject({ method: "GET", url: `/api/v1/guides/${realEstate?.code}` });
    expect(guide.json()).toMatchObject({
      isCurrent: true,
      content: { fee: { isFree: false }, resultName: "不动产权证书" },
    });
  });
});
