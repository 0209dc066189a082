import { POWER_ITEM_TYPES } from "../../shared/catalog.js";
import { guideContent } from "../../shared/contracts/catalog-content.js";
import { SYSTEM } from "../actor.js";
import type { Deps } from "../http/context.js";
import { listAgencyDirectory } from "../modules/agencies/agencies.service.js";
import { createDraft, publishAsSystem } from "../modules/catalog/catalog.service.js";
import type { SeedCatalogItem } from "./catalog-seed-types.js";

/** Where the demo catalog is implemented (SPEC: 喀什地区 departments and 喀什市 at least). */
export const CATALOG_SEED_REGIONS = ["6531", "653101"] as const;

export interface CatalogSeedResult {
  basicItems: number;
  powerEntries: number;
  guides: number;
  /** 实施编码 of each published guide, keyed `<item key>@<region>` (for the bundles' seed). */
  guideCodes: Record<string, string>;
}

async function agencyFor(
  deps: Deps,
  region: string,
  line: string,
): Promise<{ id: number; name: string; phone: string | null } | undefined> {
  const res = await listAgencyDirectory({ region, line, limit: 1 }, deps.db);
  return res.items[0];
}

/**
 * Publishes the demo catalog: for each item a basic catalog entry set at 自治区 level (or at 地区
 * level for lines without a 自治区 department), a power-list entry per implementing agency for
 * 行政权力 items, and a guide per implementing department of 喀什地区 and 喀什市. Everything goes
 * through the same rule checks as any publication.
 */
export async function seedCatalog(deps: Deps, items: readonly SeedCatalogItem[]): Promise<CatalogSeedResult> {
  const result: CatalogSeedResult = { basicItems: 0, powerEntries: 0, guides: 0, guideCodes: {} };
  for (const item of items) {
    // The basic item is set at the highest level that has a department of the line.
    let owner: Awaited<ReturnType<typeof agencyFor>>;
    let regionCode = "";
    for (const level of ["65", "6531", "653101"]) {
      owner = await agencyFor(deps, level, item.lineCode);
      regionCode = level;
      if (owner !== undefined) break;
    }
    if (owner === undefined) throw new Error(`no demo agency for line ${item.lineCode}`);
    const basic = await createDraft(
      SYSTEM,
      { layer: "basic", agencyId: owner.id, regionCode, content: item.basic },
      deps,
    );
    await publishAsSystem(SYSTEM, basic.version.id, deps);
    result.basicItems++;
    for (const region of CATALOG_SEED_REGIONS) {
      const agency = await agencyFor(deps, region, item.lineCode);
      if (agency === undefined) continue;
      const guide = guideContent.parse({
        ...item.guide,
        consultation: {
          phone:
            agency.phone === "12345"
              ? region === "6531"
                ? "0998-2822345"
                : "0998-2512345"
              : (agency.phone ?? "12345"),
          address: `${region === "6531" ? "喀什地区" : "喀什市"}政务服务中心 ${agency.name}窗口`,
          online: "新疆政务服务网",
        },
        complaint: { phone: "12345", online: "新疆政务服务网 好差评 / 投诉建议" },
      });
      if (POWER_ITEM_TYPES.includes(guide.itemType)) {
        const power = await createDraft(
          SYSTEM,
          {
            layer: "power",
            agencyId: agency.id,
            basicCode: basic.entry.code,
            content: { name: guide.name, itemType: guide.itemType, basis: guide.basis },
          },
          deps,
        );
        await publishAsSystem(SYSTEM, power.version.id, deps);
        result.powerEntries++;
      }
      const draft = await createDraft(
        SYSTEM,
        { layer: "guide", agencyId: agency.id, basicCode: basic.entry.code, content: guide },
        deps,
      );
      await publishAsSystem(SYSTEM, draft.version.id, deps);
      result.guides++;
      result.guideCodes[`${item.key}@${region}`] = draft.entry.code;
    }
  }
  return result;
}
