import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BundleGuide } from "../../src/shared/contracts/bundles.js";
import { bundleContent } from "../../src/shared/contracts/bundles.js";
import { bundleRules } from "../../src/server/modules/bundles/bundles.service.js";
import type { BundleSeedResult } from "../../src/server/seed/bundle-seed.js";
import { seedDemo } from "../../src/server/seed/demo-seed.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

const shared = JSON.parse(
  fs.readFileSync(new URL("../../../shared/data/kashgar-18-bundles.json", import.meta.url), "utf8"),
) as { bundles: { no: number; name: string; items: { name: string; department: string }[] }[] };

// 2026-06-15, after the seeded bundles' go-live date (2026-01-20).
const now = new Date("2026-06-15T02:00:00Z");
let t: TestApp;
let seeded: BundleSeedResult | undefined;

beforeAll(async () => {
  t = await createTestApp({}, undefined, { clock: () => now });
  await seedDemo({ db: t.database.db, secrets: t.secrets, now: () => now }, undefined, {
    withCatalog: true,
    onBundles: (r) => (seeded = r),
  });
}, 600_000);
afterAll(async () => {
  await t.close();
});

describe("the 18 喀什 bundles seeded", () => {
  it("publishes all 18 for 喀什地区 and for 喀什市, each valid against every bundle rule", async () => {
    expect(seeded?.bundles).toBe(36);
    for (const region of ["6531", "653101"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/v1/bundles?region=${region}&limit=100` });
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { code: string; name: string; regionCode: string }[] }>().items;
      const own = items.filter((i) => i.regionCode === region);
      expect(own.map((i) => i.name).sort()).toEqual(shared.bundles.map((b) => b.name).sort());
    }
    // Re-check every seeded version against the rules (nothing slipped past publication).
    const rows = await t.database.db
      .selectFrom("catalog_entries as e")
      .innerJoin("catalog_versions as v", "v.id", "e.current_version_id")
      .select(["e.code", "e.region_code", "e.agency_id", "v.content", "v.status"])
      .where("e.layer", "=", "bundle")
      .execute();
    expect(rows).toHaveLength(36);
    for (const r of rows) {
      expect(r.status).toBe("published");
      const violations = await bundleRules(t.database.db, r, bundleContent.parse(r.content));
      expect(violations, r.code).toEqual([]);
    }
  });

  it("serves each integrated guide: merged form and materials without duplicates, covering every item", async () => {
    for (const b of shared.bundles) {
      const res = await t.app.inject({
        method: "GET",
        url: `/api/v1/bundles/YJS-653101-${String(b.no).padStart(2, "0")}`,
      });
      expect(res.statusCode, `${b.name} ${res.body.slice(0, 1500)}`).toBe(200);
      const g = res.json<BundleGuide>();
      expect(g.isOneThing).toBe(true);
      expect(g.tags.map((x) => x.name)).toContain("一件事");
      const formKeys = g.form.map((f) => f.key);
      expect(new Set(formKeys).size).toBe(formKeys.length);
      const semantic = g.form.map((f) => f.semanticKey).filter((k) => k !== undefined);
      expect(new Set(semantic).size).toBe(semantic.length);
      const materialKeys = g.materials.map((m) => m.key);
      expect(new Set(materialKeys).size).toBe(materialKeys.length);
      // Every item's every field and material is reached by exactly one merged entry.
      for (const item of g.items) {
        const guide = await t.app.inject({
          method: "GET",
          url: `/api/v1/guides/${item.guideCode}?version=${item.guideVersionNo}`,
        });
        const content = guide.json<{ content: { form: { key: string }[]; materials: { key: string }[] } }>()
          .content;
        for (const f of content.form)
          expect(
            g.form.filter((m) => m.targets.some((x) => x.itemKey === item.key && x.key === f.key)),
            `${b.name} ${f.key}`,
          ).toHaveLength(1);
        for (const m of content.materials)
          expect(
            g.materials.filter((x) => x.targets.some((y) => y.itemKey === item.key && y.key === m.key)),
          ).toHaveLength(1);
      }
      expect(g.criticalPathDays).toBeLessThanOrEqual(g.sumOfItemLimits);
      expect(g.targetLimitDays).toBeLessThanOrEqual(g.sumOfItemLimits);
    }
    // A material several items need is asked once: 企业开办 shares the business licence.
    const opening = (
      await t.app.inject({ method: "GET", url: "/api/v1/bundles/YJS-6531-01" })
    ).json<BundleGuide>();
    expect(opening.materials.some((m) => m.targets.length > 1)).toBe(true);
    expect(opening.form.some((f) => f.targets.length > 1)).toBe(true);
    expect(opening.stages.length).toBeGreaterThan(1);
  });

  it("records the blank department cells of the source in the notes", async () => {
    const g = (await t.app.inject({ method: "GET", url: "/api/v1/bundles/YJS-6531-03" })).json<BundleGuide>();
    expect(g.notes.some((n) => n.includes("社会保障卡申领") && n.includes("来源表中为空"))).toBe(true);
  });
});
