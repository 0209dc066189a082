import { criticalPathDays } from "../../shared/bundles.js";
import { bundleContent, type BundleContentInput } from "../../shared/contracts/bundles.js";
import { AppError } from "../../shared/errors.js";
import { SYSTEM } from "../actor.js";
import type { Deps } from "../http/context.js";
import { listAgencyDirectory } from "../modules/agencies/agencies.service.js";
import { registerBundleLayer } from "../modules/bundles/bundles.service.js";
import { createDraft, publishAsSystem } from "../modules/catalog/catalog.service.js";
import type { SeedCatalogItem } from "./catalog-seed-types.js";
import { CATALOG_SEED_REGIONS, type CatalogSeedResult } from "./catalog-seed.js";
import bundles from "./data/kashgar-18-bundles.json" with { type: "json" };

/** 牵头部门 of the source table → functional line of the lead department at each level. */
const LEAD_LINES: Record<string, string> = {
  地区市监局: "market_regulation",
  地区人社局: "human_resources",
  地区自然资源局: "natural_resources",
  地区卫健委: "health",
  地区民政局: "civil_affairs",
  地区退役军人事务局: "veterans_affairs",
  地区发改委: "development_reform",
  地区住房公积金管理中心: "housing_fund",
  地区公安局: "public_security",
  地区教育局: "education",
};

/** Enterprise events (企业全生命周期); the rest are life events of persons. */
const ENTERPRISE_BUNDLES = new Set([1, 2, 3, 4, 5, 15, 16]);

/**
 * Rows whose 相关部门 cell is blank in the source (shared/seeds/003, 附件1); the JSON fills them with
 * the department of the row above. Kept, and said in the bundle's notes.
 */
export const BLANK_DEPARTMENT_ROWS: Record<number, string[]> = {
  3: ["社会保险登记", "社会保障卡申领", "档案的接收和转递(流动人员)"],
  8: ["社会保障卡申领", "档案的接收和转递（流动人员)", "社会保险登记"],
  9: ["户口登记项目变更"],
  10: ["低保、特困等困难群众医疗救助"],
  11: ["核发居民身份证", "社会保障卡申领", "军地养老保险关系转移接续申请", "转移接续手续办理"],
  12: ["天然气表过户"],
  13: ["城乡居民养老保险待遇申领"],
  16: ["市政设施建设类审批", "占用草原许可（包括临时使用和永久占用）"],
};

/**
 * Order rules (变串联为并联: everything else runs in parallel), by item name: the items named on the
 * right must be approved before the one on the left is dispatched. From the bundles' intent in
 * 喀什 方案 (a licence or registration another item needs).
 */
const ORDER: Record<number, Record<string, string[]>> = {
  1: Object.fromEntries(
    ["公章刻制", "发票领用", "企业社会保险登记", "住房公积金单位登记开户", "单位参保登记"].map((n) => [
      n,
      ["企业设立登记"],
    ]),
  ),
  4: { 契税申报: ["房屋交易合同网签备案"], 不动产登记: ["契税申报"] },
  5: {
    企业注销登记: ["一照一码户清税申报", "两证整合个体工商户清税申报", "参保单位注销", "参保单位登记"],
  },
  6: Object.fromEntries(
    ["预防接种证办理", "新出生婴儿办理出生登记"].map((n) => [n, ["出生医学证明首次签发"]]),
  ),
  7: { 义务教育阶段学校学生入学: ["流动人口暂住登记", "房屋交易合同网签备案"] },
  9: {
    户口登记项目变更: ["内地居民婚姻登记"],
    夫妻投靠户口迁移: ["内地居民婚姻登记"],
    生育登记: ["内地居民婚姻登记"],
  },
  11: Object.fromEntries(
    [
      "户口登记（退役军人恢复户口）",
      "预备役登记",
      "社会保险登记",
      "军地养老保险关系转移接续申请",
      "职工参保登记",
      "转移接续手续办理",
      "退役士兵自主就业一次性经济补贴金的给付",
    ].map((n) => [n, ["退役报到"]]),
  ),
  12: {
    房产交易申报: ["房屋交易合同网签备案"],
    不动产登记: ["房产交易申报"],
    电表过户: ["不动产登记"],
    水表过户: ["不动产登记"],
    天然气表过户: ["不动产登记"],
  },
  14: { "死亡、宣告死亡、宣告失踪人员办理户口注销": ["出具火化证明"] },
  15: {
    非税缴费: ["费源信息录入"],
    非税缴费确认: ["非税缴费"],
    不动产登记: ["非税缴费确认"],
    "新设探矿（采矿）权登记": ["非税缴费确认"],
  },
  16: { 电力报装: ["建设工程规划许可证"] },
  17: { 不动产抵押登记: ["房屋交易合同网签备案", "完税证明查验"] },
};

const REGION_NAMES: Record<string, string> = { "6531": "喀什地区", "653101": "喀什市" };

export interface BundleSeedResult {
  bundles: number;
  codes: string[];
}

async function agencyFor(deps: Deps, region: string, line: string) {
  return (await listAgencyDirectory({ region, line, limit: 1 }, deps.db)).items[0];
}

/** The bundle code of a source bundle in a region: YJS-<region>-<no>. */
export function bundleCode(region: string, no: number): string {
  return `YJS-${region}-${String(no).padStart(2, "0")}`;
}

/**
 * Publishes the 18 喀什 bundles for 喀什地区 and 喀什市 (SPEC §5), linking the guides the catalog
 * seed published, through the same rules as any bundle. Needs `seedCatalog` first.
 */
export async function seedBundles(
  deps: Deps,
  items: readonly SeedCatalogItem[],
  catalog: CatalogSeedResult,
): Promise<BundleSeedResult> {
  registerBundleLayer();
  const result: BundleSeedResult = { bundles: 0, codes: [] };
  for (const region of CATALOG_SEED_REGIONS) {
    const other = region === "6531" ? "653101" : "6531";
    for (const b of bundles.bundles) {
      const lead = await agencyFor(deps, region, LEAD_LINES[b.lead] ?? "");
      if (lead === undefined) throw new Error(`no lead agency for ${b.lead} in ${region}`);
      const notes: string[] = [
        `来源：喀什地区“一件事一次办”实施方案附件1 第 ${b.no} 项；牵头部门原文为“${b.lead}”，${REGION_NAMES[region]}由${lead.name}牵头。`,
      ];
      const links: BundleContentInput["items"] = [];
      const keyOfName = new Map<string, string>();
      const coAgencies = new Set<number>();
      for (const row of b.items) {
        const item = items.find((i) => i.department === row.department && i.bundleNames.includes(row.name));
        if (item === undefined) throw new Error(`no catalog item for ${row.name} (${row.department})`);
        let guideCode = catalog.guideCodes[`${item.key}@${region}`];
        let agency = await agencyFor(deps, region, item.lineCode);
        if (guideCode === undefined) {
          guideCode = catalog.guideCodes[`${item.key}@${other}`];
          agency = await agencyFor(deps, other, item.lineCode);
          notes.push(
            `“${row.name}”在${REGION_NAMES[region]}没有实施部门，关联${REGION_NAMES[other]}${agency?.name ?? ""}的办事指南。`,
          );
        }
        if (guideCode === undefined || agency === undefined)
          throw new Error(`no guide for ${row.name} in ${region}`);
        if (BLANK_DEPARTMENT_ROWS[b.no]?.includes(row.name))
          notes.push(`“${row.name}”的相关部门在来源表中为空，按上一行补为“${row.department}”。`);
        const existing = links.find((l) => l.guideCode === guideCode);
        if (existing !== undefined) {
          keyOfName.set(row.name, existing.key);
          notes.push(`“${row.name}”与“${existing.name}”为同一事项，只关联一次。`);
          continue;
        }
        const key = `i${String(links.length + 1).padStart(2, "0")}_${item.key}`.slice(0, 40);
        keyOfName.set(row.name, key);
        if (agency.id !== lead.id) coAgencies.add(agency.id);
        links.push({
          key,
          guideCode,
          name: row.name,
          department: row.department,
          limitDays: item.guide.promisedLimitDays,
          after: [],
        });
      }
      const order = ORDER[b.no] ?? {};
      for (const link of links) {
        const after = (order[link.name] ?? []).map((n) => keyOfName.get(n));
        link.after = [...new Set(after.filter((k): k is string => k !== undefined && k !== link.key))];
      }
      if (b.no === 14)
        notes.push(
          "出具死亡证明（正常死亡）与（非正常死亡）按实际情形择一：申请人撤回不适用的子办件，其他事项照常办理。",
        );
      const content = bundleContent.parse({
        code: bundleCode(region, b.no),
        name: b.name,
        event: ENTERPRISE_BUNDLES.has(b.no) ? "enterprise" : "life",
        eventName: b.name.replace(/（.*）$/, ""),
        leadDepartment: b.lead,
        coAgencyIds: [...coAgencies],
        items: links,
        dataPushes: links.flatMap((l) =>
          (l.after ?? []).map((from) => ({ from, to: l.key, data: "前置事项办理结果及证照信息" })),
        ),
        targetLimitDays: 0,
        hallNotifiedOn: "2026-01-05",
        goLiveOn: "2026-01-20",
        notes,
      });
      content.targetLimitDays = criticalPathDays(content.items) ?? 0;
      const draft = await createDraft(SYSTEM, { layer: "bundle", agencyId: lead.id, content }, deps);
      try {
        await publishAsSystem(SYSTEM, draft.version.id, deps, content.goLiveOn);
      } catch (err) {
        const details = err instanceof AppError ? JSON.stringify(err.details) : "";
        throw new Error(`bundle ${content.code} ${content.name}: ${String(err)} ${details}`);
      }
      result.bundles++;
      result.codes.push(draft.entry.code);
    }
  }
  return result;
}
