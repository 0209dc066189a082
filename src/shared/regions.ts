/**
 * Division codes and levels. NBS statistical codes are hierarchical by prefix:
 *
 * | digits | level | 层级 | example |
 * |---|---|---|---|
 * | 2  | 1 | 省级（自治区）          | 65 新疆维吾尔自治区 |
 * | 4  | 2 | 地级（地区、自治州、地级市；6590 自治区直辖县级行政区划） | 6531 喀什地区 |
 * | 6  | 3 | 县级（县、县级市、市辖区、自治县） | 653101 喀什市 |
 * | 9  | 4 | 乡级（乡、镇、街道）      | 653101001 恰萨街道 |
 * | 12 | 5 | 村级（村委会、社区居委会） | 653101001001 |
 *
 * The 6-digit GB/T 2260 code of a county is the same as its NBS prefix; the full 12-digit NBS code
 * pads shorter codes with zeros, which we do not store (the short form keeps prefixes meaningful).
 */
export const REGION_LEVELS = [
  { level: 1, digits: 2, name: "自治区" },
  { level: 2, digits: 4, name: "地州市" },
  { level: 3, digits: 6, name: "县市区" },
  { level: 4, digits: 9, name: "乡镇街道" },
  { level: 5, digits: 12, name: "村社区" },
] as const;

export type RegionLevelNumber = (typeof REGION_LEVELS)[number]["level"];

export function regionLevelOf(code: string): RegionLevelNumber | undefined {
  return REGION_LEVELS.find((l) => l.digits === code.length && /^\d+$/.test(code))?.level;
}

/** The parent's code: '653101001' → '653101'; a province has none. */
export function parentRegionCode(code: string): string | undefined {
  const level = regionLevelOf(code);
  if (level === undefined || level === 1) return undefined;
  return code.slice(0, REGION_LEVELS[level - 2]?.digits);
}

/** '653101001' → ['65', '6531', '653101', '653101001']. */
export function regionAncestry(code: string): string[] {
  const level = regionLevelOf(code);
  if (level === undefined) return [];
  return REGION_LEVELS.slice(0, level).map((l) => code.slice(0, l.digits));
}

/** Whether `code` lies in the subtree rooted at `root` (a region is within itself). */
export function isWithinRegion(code: string, root: string): boolean {
  return code.startsWith(root) && regionLevelOf(code) !== undefined && regionLevelOf(root) !== undefined;
}
