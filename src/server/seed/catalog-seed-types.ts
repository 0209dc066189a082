import type { BasicItemContent, GuideContentInput } from "../../shared/contracts/catalog-content.js";
import type { LineCode } from "./demo-agencies.js";

/**
 * One service item of the demo catalog (the items of the 18 喀什 bundles): its basic catalog entry
 * and the guide content that 喀什地区 and 喀什市 departments implement. The seed fills in codes,
 * implementing agency, consultation and complaint contacts per agency.
 */
export interface SeedCatalogItem {
  /** Stable slug, e.g. "enterprise_establishment_registration". */
  key: string;
  /** Names exactly as in shared/data/kashgar-18-bundles.json (an item may appear under several names there). */
  bundleNames: string[];
  /** The 相关部门 column of the bundles file, e.g. "市场监管局". */
  department: string;
  lineCode: LineCode;
  basic: BasicItemContent;
  /** The guide without its per-agency contacts. */
  guide: Omit<GuideContentInput, "consultation" | "complaint">;
}
