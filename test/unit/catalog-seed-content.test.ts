import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SEED_CATALOG_ITEMS } from "../../src/server/seed/catalog-items/index.js";
import { checkGuide } from "../../src/shared/catalog-rules.js";
import { basicItemContent, guideContent } from "../../src/shared/contracts/catalog-content.js";

interface BundleFile {
  bundles: { no: number; name: string; items: { name: string; department: string }[] }[];
}

const bundles = (
  JSON.parse(
    fs.readFileSync(new URL("../../../shared/data/kashgar-18-bundles.json", import.meta.url), "utf8"),
  ) as BundleFile
).bundles;
const bundleItems = bundles.flatMap((b) => b.items.map((i) => ({ ...i, bundle: b.name })));

/** The functional line of each department named in the bundles file. */
const LINE_OF_DEPARTMENT: Record<string, string> = {
  市场监管局: "market_regulation",
  公安局: "public_security",
  税务局: "taxation",
  人力资源和社会保障局: "human_resources",
  住房公积金管理中心: "housing_fund",
  医疗保障局: "medical_security",
  住房和城乡建设局: "housing_construction",
  自然资源局: "natural_resources",
  卫生健康委员会: "health",
  民政局: "civil_affairs",
  退役军人事务局: "veterans_affairs",
  教育局: "education",
  林业和草原局: "forestry",
  城市管理局: "urban_management",
  消防救援总队: "fire_rescue",
  残联: "disabled_persons",
  交通局: "transport",
  国网电力: "power_supply",
  人民银行: "central_bank",
  各地人武部门: "military_service",
};

const parsed = SEED_CATALOG_ITEMS.map((item) => ({
  item,
  basic: basicItemContent.parse(item.basic),
  guide: guideContent.parse({ ...item.guide, consultation: {}, complaint: {} }),
}));

describe("demo catalog content of the 18 喀什 bundles", () => {
  it("every entry parses and its guide passes every rule against its basic item at 市级 and 县级", () => {
    expect(SEED_CATALOG_ITEMS.length).toBeGreaterThanOrEqual(70);
    for (const { item, basic, guide } of parsed) {
      expect(checkGuide(guide, { basic }), item.key).toEqual([]);
      expect(checkGuide(guide, { basic, exerciseLevel: "3" }), item.key).toEqual([]);
      expect(checkGuide(guide, { basic, exerciseLevel: "4" }), item.key).toEqual([]);
    }
  });

  it("keys and basic names are unique", () => {
    const keys = SEED_CATALOG_ITEMS.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    const names = SEED_CATALOG_ITEMS.map((i) => i.basic.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("covers every (item, department) pair of the bundles file by exactly one entry", () => {
    expect(bundleItems).toHaveLength(91);
    for (const b of bundleItems) {
      const matches = SEED_CATALOG_ITEMS.filter(
        (i) => i.department === b.department && i.bundleNames.includes(b.name),
      );
      expect(
        matches.map((m) => m.key),
        `${b.bundle}: ${b.name} (${b.department})`,
      ).toHaveLength(1);
    }
    // …and names no item the bundles file does not list.
    for (const item of SEED_CATALOG_ITEMS) {
      expect(item.bundleNames.length, item.key).toBeGreaterThan(0);
      for (const name of item.bundleNames) {
        const listed = bundleItems.some((b) => b.name === name && b.department === item.department);
        expect(listed, `${item.key}: ${name}`).toBe(true);
      }
    }
  });

  it("maps departments to their functional lines and is implemented at 市级 and 县级", () => {
    for (const { item, basic } of parsed) {
      expect(item.lineCode, item.key).toBe(LINE_OF_DEPARTMENT[item.department]);
      expect(basic.lineCode, item.key).toBe(item.lineCode);
      expect(basic.exerciseLevels, item.key).toEqual(expect.arrayContaining(["3", "4"]));
    }
  });

  it("asks a shared material or form field at most once per guide", () => {
    for (const { item, guide } of parsed) {
      const materialKeys = guide.materials.flatMap((m) => (m.semanticKey ? [m.semanticKey] : []));
      expect(new Set(materialKeys).size, item.key).toBe(materialKeys.length);
      const fieldKeys = guide.form.flatMap((f) => (f.semanticKey ? [f.semanticKey] : []));
      expect(new Set(fieldKeys).size, item.key).toBe(fieldKeys.length);
      expect(guide.form.length, item.key).toBeGreaterThanOrEqual(3);
      expect(guide.form.length, item.key).toBeLessThanOrEqual(10);
      if (guide.resultKind === "license") expect(guide.licenseTypeCode, item.key).toBeDefined();
    }
  });

  it("leaves contacts to the seed: no phone numbers in the guides", () => {
    for (const { item } of parsed) {
      expect(JSON.stringify(item.guide), item.key).not.toMatch(/\d{3,4}-\d{7,8}|(?<!\d)1\d{10}(?!\d)|12345/);
    }
  });

  it("shows every kind of guide feature at least once", () => {
    const guides = parsed.map((p) => p.guide);
    expect(guides.some((g) => g.resultKind === "license")).toBe(true);
    expect(guides.some((g) => !g.fee.isFree && g.fee.items.length > 0)).toBe(true);
    expect(guides.some((g) => g.tags.notificationCommitment !== undefined)).toBe(true);
    expect(guides.some((g) => g.materials.some((m) => m.isToleratedMissing))).toBe(true);
    expect(guides.some((g) => g.caseKind === "1")).toBe(true);
    expect(guides.some((g) => g.caseKind === "2")).toBe(true);
  });
});
