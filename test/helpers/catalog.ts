import type { BasicItemContent, GuideContentInput } from "../../src/shared/contracts/catalog-content.js";

/** A valid basic catalog item (行政许可, 市场监管), to vary per test. */
export function basicItem(overrides: Partial<BasicItemContent> = {}): BasicItemContent {
  return {
    name: "测试经营许可",
    itemType: "01",
    basis: [
      { law: "《中华人民共和国行政许可法》", article: "第十二条" },
      { law: "《测试经营许可管理办法》", article: "第八条" },
    ],
    exerciseLevels: ["3", "4"],
    lineCode: "market_regulation",
    serviceObjects: ["1", "2"],
    legalLimitDays: 20,
    subItems: [],
    handlingItems: [{ seq: 1, name: "测试经营许可（新办）" }],
    ...overrides,
  };
}

/** A valid guide for that item. */
export function guide(overrides: Partial<GuideContentInput> = {}): GuideContentInput {
  return {
    name: "测试经营许可",
    itemType: "01",
    basis: [{ law: "《中华人民共和国行政许可法》", article: "第十二条" }],
    serviceObjects: ["2"],
    legalLimitDays: 20,
    promisedLimitDays: 5,
    caseKind: "2",
    isInHall: true,
    channels: ["1", "2", "3"],
    acceptanceConditions: ["已取得营业执照", "有与经营项目相适应的场所"],
    materials: [
      {
        key: "application_form",
        name: "测试经营许可申请书",
        originals: 1,
        copies: 0,
        isRequired: true,
        form: "paper_or_electronic",
        source: "applicant",
        isToleratedMissing: false,
      },
      {
        key: "business_license",
        name: "营业执照",
        originals: 0,
        copies: 0,
        isRequired: true,
        form: "electronic",
        source: "license",
        licenseTypeCode: "business_license",
        isToleratedMissing: false,
        semanticKey: "business_license",
      },
      {
        key: "site_plan",
        name: "经营场所平面图",
        originals: 1,
        copies: 0,
        isRequired: true,
        form: "paper_or_electronic",
        source: "applicant",
        isToleratedMissing: true,
      },
    ],
    form: [
      {
        key: "enterpriseName",
        label: "企业名称",
        type: "text",
        isRequired: true,
        semanticKey: "enterprise_name",
      },
      {
        key: "creditCode",
        label: "统一社会信用代码",
        type: "credit_code",
        isRequired: true,
        semanticKey: "credit_code",
      },
    ],
    resultName: "测试经营许可证",
    resultKind: "license",
    licenseTypeCode: "test_license",
    reviewCriteria: ["材料齐全、符合法定形式"],
    process: [
      { name: "受理", description: "窗口或网上受理", limitDays: 1 },
      { name: "审核", description: "审查材料并现场核查", limitDays: 3 },
      { name: "办结", description: "作出决定并送达", limitDays: 1 },
    ],
    isJointApproval: false,
    fee: { isFree: true, items: [] },
    appointment: { isSupported: true },
    consultation: { phone: "0998-12345" },
    complaint: { phone: "12345" },
    tags: { crossRegion: "xinjiang", isFullyOnline: true },
    handlingItemSeq: 1,
    localAdditions: [],
    ...overrides,
  };
}
