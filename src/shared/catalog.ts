/** Code sets of GB/T 39554.1-2020 appendix A used by the catalog (SPEC appendix A). */

/** A.1 item types. */
export const ITEM_TYPES = {
  "00": "行政权力",
  "01": "行政许可",
  "02": "行政处罚",
  "03": "行政强制",
  "04": "行政征收",
  "05": "行政给付",
  "06": "行政检查",
  "07": "行政确认",
  "08": "行政奖励",
  "09": "行政裁决",
  "10": "其他行政权力",
  "20": "公共服务",
  "21": "行政备案",
} as const;
export type ItemTypeCode = keyof typeof ITEM_TYPES;

/** Item types that are 行政权力 and must match the power list (办法 17–18). */
export const POWER_ITEM_TYPES: readonly ItemTypeCode[] = [
  "00",
  "01",
  "02",
  "03",
  "04",
  "05",
  "06",
  "07",
  "08",
  "09",
  "10",
  "21",
];

/** A.2 exercise levels. */
export const EXERCISE_LEVELS = {
  "1": "国家级",
  "2": "省级",
  "3": "市级",
  "4": "县级",
  "5": "镇（乡、街道）级",
  "6": "村（社区）级",
} as const;
export type ExerciseLevel = keyof typeof EXERCISE_LEVELS;

/** A.4 service objects. */
export const SERVICE_OBJECTS = {
  "1": "自然人",
  "2": "企业法人",
  "3": "事业法人",
  "4": "社会组织法人",
  "5": "行政机关",
  "6": "其他组织",
} as const;
export type ServiceObject = keyof typeof SERVICE_OBJECTS;

/** A.5 channels. */
export const CHANNELS = { "1": "窗口办理", "2": "电脑端", "3": "移动端", "4": "快递" } as const;
export type Channel = keyof typeof CHANNELS;

/** A.6 case kinds. */
export const CASE_KINDS = { "1": "即办件", "2": "承诺件" } as const;
export type CaseKind = keyof typeof CASE_KINDS;

export const CROSS_REGION_SCOPES = {
  none: "不支持通办",
  xinjiang: "疆内通办",
  cross_province: "跨省通办",
} as const;
export type CrossRegionScope = keyof typeof CROSS_REGION_SCOPES;

/** Exercise level of a region code's level: 2 digits → 省级, 4 → 市级, 6 → 县级, 9 → 镇级, 12 → 村级. */
export function exerciseLevelOfRegion(regionCode: string): ExerciseLevel {
  switch (regionCode.length) {
    case 2:
      return "2";
    case 4:
      return "3";
    case 6:
      return "4";
    case 9:
      return "5";
    default:
      return "6";
  }
}
