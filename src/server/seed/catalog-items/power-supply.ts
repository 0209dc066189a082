import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  defineItem,
  F,
  field,
  idCard,
  instantProcess,
  law,
  mat,
  realEstateCertificate,
  select,
  shared,
  standardProcess,
} from "./common.js";

const SUPPLY_RULES = "《供电营业规则》";
const CIVIL_CODE = "《中华人民共和国民法典》";

/** 电力供应 items: 电表过户, 电力报装. */
export const POWER_SUPPLY_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "electricity_meter_transfer",
    bundleNames: ["电表过户"],
    department: "国网电力",
    lineCode: "power_supply",
    name: "电表过户",
    itemType: "20",
    basis: [
      law(CIVIL_CODE, "第六百四十八条", "供用电合同是供电人向用电人供电，用电人支付电费的合同。"),
      law(SUPPLY_RULES, "第二十九条"),
    ],
    serviceObjects: ["1", "2"],
    basicOnlyServiceObjects: ["3", "4", "6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "none",
    acceptanceConditions: [
      "不动产转移登记已完成，新权利人申请将用电户名变更为本人",
      "用电地址、用电容量、用电类别不变",
    ],
    materials: [
      realEstateCertificate({
        name: "新权利人不动产权证书",
        note: "不动产登记完成后由登记机构共享，无需提交",
      }),
      idCard({ name: "新户主居民身份证" }),
      shared("electricity_bill_status", "原户电费结清信息", "electricity_bill_status"),
    ],
    form: [
      F.applicantName("新户主姓名"),
      F.idNumber(),
      F.propertyLocation("用电地址"),
      field("powerAccountNo", "用电户号", "text"),
      field("previousOwner", "原户主姓名", "text", false),
      F.phone(),
    ],
    process: instantProcess(
      "二手房交易“一件事”窗口随不动产登记同步受理，或通过“网上国网”移动端申请",
      "即时变更用电户名，签订电子供用电合同",
    ),
    resultName: "供用电合同（户名变更）",
    resultKind: "document",
    reviewCriteria: ["新户主与不动产权利人一致", "原户电费已结清"],
  }),

  defineItem({
    key: "electricity_connection",
    bundleNames: ["电力报装"],
    department: "国网电力",
    lineCode: "power_supply",
    name: "电力报装",
    itemType: "20",
    basis: [
      law(
        SUPPLY_RULES,
        "第十六条",
        "任何单位或个人需新装用电或增加用电容量、变更用电都必须按本规则规定，事先到供电企业用电营业场所提出申请，办理手续。",
      ),
      law("《电力供应与使用条例》", "第十九条"),
    ],
    serviceObjects: ["1", "2"],
    basicOnlyServiceObjects: ["3", "4", "5", "6"],
    subItems: [
      { code: "001", name: "低压居民新装（增容）" },
      { code: "002", name: "低压非居民新装（增容）" },
      { code: "003", name: "高压新装（增容）" },
    ],
    legalLimitDays: null,
    promisedLimitDays: 5,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "none",
    acceptanceConditions: [
      "用电地址权属清晰，用电人为产权人或经产权人同意的使用人",
      "外线工程涉及规划、占路、绿地、林草等行政审批的，由“一件事”平台并联办理",
    ],
    materials: [
      idCard({ name: "用电人居民身份证（单位提交营业执照）" }),
      realEstateCertificate({
        name: "用电地址物权证明（不动产权证书或房屋租赁合同）",
        isToleratedMissing: true,
        note: "可先行签署承诺书办理，装表接电前补交",
      }),
      mat("equipment_list", "用电设备清单", 1, 0, { isRequired: false, note: "高压新装或增容的提供" }),
    ],
    form: [
      F.applicantName("用电人名称"),
      F.idNumber("证件号码（公民身份号码或统一社会信用代码）"),
      F.address("用电地址", true),
      select("usage", "用电类别", ["居民生活用电", "一般工商业用电", "大工业用电", "农业生产用电"]),
      field("capacity", "申请容量（千瓦）", "number"),
      F.phone(),
    ],
    process: standardProcess(
      5,
      "通过“网上国网”移动端、政务服务平台或供电营业厅申请，低压用户“一证受理”",
      "现场勘查并答复供电方案，需外线工程的同步发起行政审批",
      "完成装表接电，签订供用电合同",
    ),
    resultName: "供电方案答复单及装表接电",
    resultKind: "document",
    reviewCriteria: ["用电地址具备供电条件", "供电方案符合安全和技术规范"],
  }),
];
