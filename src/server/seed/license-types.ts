import type { LicenseTypeInput } from "../modules/credentials/license-types.service.js";

/**
 * The e-license types of the results of the 18 bundles' items, referenced by key from the seeded
 * guides (materials' and results' `licenseTypeCode`). Type codes follow appendix A: the definer's
 * credit code (here 国务院办公厅, 11100000000013338W) and a 3-digit sequence.
 */
const DEFINER = "11100000000013338W";
const f = (key: string, label: string, isRequired = false) => ({ key, label, isRequired });

export const SEED_LICENSE_TYPES: LicenseTypeInput[] = [
  [
    "business_license",
    "营业执照",
    "market_regulation",
    "enterprise",
    null,
    [
      f("enterpriseName", "名称", true),
      f("creditCode", "统一社会信用代码", true),
      f("legalRepresentative", "法定代表人"),
      f("businessScope", "经营范围"),
    ],
  ],
  [
    "food_business_license",
    "食品经营许可证",
    "market_regulation",
    "enterprise",
    5,
    [
      f("enterpriseName", "经营者名称", true),
      f("creditCode", "统一社会信用代码", true),
      f("businessPremises", "经营场所"),
      f("businessItems", "经营项目"),
    ],
  ],
  [
    "birth_medical_certificate",
    "出生医学证明",
    "health",
    "person",
    null,
    [f("babyName", "新生儿姓名"), f("birthDate", "出生日期"), f("birthPlace", "出生地点")],
  ],
  [
    "vaccination_certificate",
    "预防接种证",
    "health",
    "person",
    null,
    [f("childName", "儿童姓名"), f("birthDate", "出生日期")],
  ],
  [
    "marriage_certificate",
    "结婚证",
    "civil_affairs",
    "person",
    null,
    [f("spouseName", "配偶姓名"), f("registrationDate", "登记日期")],
  ],
  [
    "real_estate_certificate",
    "不动产权证书",
    "natural_resources",
    "either",
    null,
    [f("location", "坐落"), f("unitNumber", "不动产单元号"), f("area", "面积")],
  ],
  [
    "real_estate_registration_certificate",
    "不动产登记证明",
    "natural_resources",
    "either",
    null,
    [f("location", "坐落"), f("rightType", "证明权利或事项")],
  ],
  [
    "disability_certificate",
    "中华人民共和国残疾人证",
    "disabled_persons",
    "person",
    10,
    [f("disabilityType", "残疾类别"), f("disabilityLevel", "残疾等级")],
  ],
  ["social_security_card", "社会保障卡", "human_resources", "person", 10, [f("cardNumber", "社会保障号码")]],
  ["resident_id_card", "居民身份证", "public_security", "person", 20, [f("address", "住址")]],
  [
    "household_register",
    "居民户口簿",
    "public_security",
    "person",
    null,
    [f("householdNumber", "户号"), f("address", "住址")],
  ],
  [
    "fire_safety_inspection_permit",
    "公众聚集场所投入使用、营业消防安全检查合格证",
    "fire_rescue",
    "enterprise",
    null,
    [f("venueName", "场所名称"), f("address", "地址")],
  ],
  [
    "mineral_rights_license",
    "采矿许可证",
    "natural_resources",
    "enterprise",
    10,
    [f("mineName", "矿山名称"), f("mineralType", "开采矿种")],
  ],
  [
    "construction_planning_permit",
    "建设工程规划许可证",
    "natural_resources",
    "either",
    null,
    [f("projectName", "建设项目名称"), f("location", "建设位置")],
  ],
  [
    "veteran_certificate",
    "退出现役证",
    "veterans_affairs",
    "person",
    null,
    [f("serviceUnit", "原部队番号"), f("dischargeDate", "退役时间")],
  ],
].map(([key, name, line, holderKind, years, fields], i) => ({
  key: key as string,
  typeCode: `${DEFINER}${String(i + 1).padStart(3, "0")}`,
  name: name as string,
  issuingLineCode: line as string,
  holderKind: holderKind as LicenseTypeInput["holderKind"],
  validityYears: years as number | null,
  fieldSchema: fields as LicenseTypeInput["fieldSchema"],
}));
