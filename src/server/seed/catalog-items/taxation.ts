import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  businessLicense,
  defineItem,
  F,
  field,
  idCard,
  instantProcess,
  issued,
  law,
  mat,
  select,
} from "./common.js";

const TAX_ADMIN_LAW = "《中华人民共和国税收征收管理法》";
const TAX_ADMIN_RULES = "《中华人民共和国税收征收管理法实施细则》";

const clearanceBasis = [
  law(
    TAX_ADMIN_RULES,
    "第十五条",
    "纳税人发生解散、破产、撤销以及其他情形，依法终止纳税义务的，应当在向工商行政管理机关或者其他机关办理注销登记前，持有关证件向原税务登记机关申报办理注销税务登记。",
  ),
  law(TAX_ADMIN_LAW, "第十六条"),
];

const clearanceReview = [
  "已结清应纳税款、滞纳金、罚款，已缴销发票和税控设备",
  "不存在未办结的涉税事项，未处于税务检查状态",
];

/** 税务 items of enterprises: 发票领用, 清税申报, 三方协议, 非税缴费. */
export const TAXATION_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "invoice_issuance",
    bundleNames: ["发票领用"],
    department: "税务局",
    lineCode: "taxation",
    name: "发票领用",
    itemType: "10",
    basis: [
      law(
        "《中华人民共和国发票管理办法》",
        "第十五条",
        "需要领用发票的单位和个人，应当持设立登记证件或者税务登记证件，以及经办人身份证明，向主管税务机关办理发票领用手续。",
      ),
      law(TAX_ADMIN_LAW, "第二十一条"),
    ],
    basicOnlyBasis: [law("《中华人民共和国发票管理办法实施细则》", "第十五条")],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "cross_province",
    acceptanceConditions: [
      "已办理市场主体登记并完成税务信息确认（新办纳税人套餐）",
      "经办人已完成实名办税认证",
    ],
    materials: [
      businessLicense(),
      idCard({ name: "经办人居民身份证", note: "通过电子税务局实名认证的无需提交" }),
    ],
    form: [
      F.enterpriseName("纳税人名称"),
      F.creditCode(),
      select("invoiceType", "发票种类", ["数电发票（增值税专用发票）", "数电发票（普通发票）"]),
      field("creditLimit", "申请授信额度（元）", "number", false),
      F.applicantName("办税人员"),
      F.phone(),
    ],
    process: instantProcess(
      "新办纳税人通过电子税务局或企业开办“一件事”平台申领，核验办税人员实名信息",
      "即时赋予数电发票开具授信总额度，纳税人可通过电子发票服务平台开具发票",
    ),
    resultName: "数电发票开具授信额度",
    resultKind: "document",
    reviewCriteria: ["纳税人登记信息有效、办税人员实名信息一致", "按纳税人风险等级和经营情况核定授信额度"],
  }),

  defineItem({
    key: "tax_clearance_unified_code",
    bundleNames: ["一照一码户清税申报"],
    department: "税务局",
    lineCode: "taxation",
    name: "一照一码户清税申报",
    itemType: "10",
    basis: clearanceBasis,
    basicOnlyBasis: [law("《国家税务总局关于进一步优化办理企业税务注销程序的通知》", "第一条")],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "领取“一照一码”营业执照的企业、农民专业合作社拟办理注销登记",
      "已结清税款、滞纳金、罚款，已缴销发票；未办理过涉税事宜或符合承诺制容缺条件的可即时办结",
    ],
    materials: [
      applicationForm("清税申报表"),
      businessLicense(),
      idCard({ name: "经办人居民身份证" }),
      mat("shareholder_resolution", "股东会（出资人）关于解散或注销的决议", 1, 0, {
        isRequired: false,
        isToleratedMissing: true,
        note: "适用承诺制容缺办理的，可在出具清税文书后补交",
      }),
    ],
    form: [
      F.enterpriseName("纳税人名称"),
      F.creditCode(),
      F.legalRepresentative(),
      select("reason", "注销原因", ["解散", "破产", "撤销", "其他法定事由"]),
      F.phone(),
    ],
    process: instantProcess(
      "通过电子税务局或企业注销“一网通办”平台提交清税申报，系统自动检查未办结涉税事项",
      "符合条件的即时出具清税文书，清税信息推送市场监管部门",
    ),
    resultName: "清税证明",
    resultKind: "document",
    reviewCriteria: clearanceReview,
  }),

  defineItem({
    key: "tax_clearance_individual_business",
    bundleNames: ["两证整合个体工商户清税申报"],
    department: "税务局",
    lineCode: "taxation",
    name: "两证整合个体工商户清税申报",
    itemType: "10",
    basis: clearanceBasis,
    serviceObjects: ["1"],
    basicOnlyServiceObjects: ["6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "领取“两证整合”营业执照的个体工商户拟办理注销登记",
      "已结清税款、滞纳金和罚款，已缴销发票",
    ],
    materials: [applicationForm("清税申报表"), businessLicense(), idCard({ name: "经营者居民身份证" })],
    form: [
      F.enterpriseName("个体工商户名称"),
      F.creditCode(),
      F.applicantName("经营者姓名"),
      F.idNumber("经营者公民身份号码"),
      F.phone(),
    ],
    process: instantProcess(
      "通过电子税务局、“新疆税务”移动端或窗口提交清税申报",
      "定期定额户和无欠税的纳税人即时出具清税文书",
    ),
    resultName: "清税证明",
    resultKind: "document",
    reviewCriteria: clearanceReview,
  }),

  defineItem({
    key: "tax_bank_agreement",
    bundleNames: ["银税三方（委托）划缴协议"],
    department: "税务局",
    lineCode: "taxation",
    name: "银税三方（委托）划缴协议",
    itemType: "20",
    basis: [
      law(
        TAX_ADMIN_LAW,
        "第三十一条",
        "纳税人、扣缴义务人按照法律、行政法规规定或者税务机关依照法律、行政法规的规定确定的期限，缴纳或者解缴税款。",
      ),
    ],
    serviceObjects: ["1", "2"],
    basicOnlyServiceObjects: ["6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "已办理税务登记或社会保险费缴费登记的纳税人、缴费人",
      "在开通财税库银横向联网的商业银行开立本人（本单位）结算账户",
    ],
    materials: [
      idCard({ name: "缴费人（经办人）居民身份证" }),
      mat("settlement_account", "银行结算账户信息（开户许可证或银行卡）", 0, 1, {
        semanticKey: "bank_account",
        note: "账户户名须与纳税人（缴费人）名称一致",
      }),
    ],
    form: [
      F.applicantName("纳税人（缴费人）名称"),
      F.idNumber("公民身份号码或统一社会信用代码"),
      select("bank", "开户银行", [
        "中国工商银行",
        "中国农业银行",
        "中国银行",
        "中国建设银行",
        "新疆农村信用社",
        "邮储银行",
      ]),
      F.bankAccount("缴款账号"),
      F.phone(),
    ],
    process: instantProcess(
      "通过电子税务局、“新疆税务”移动端或窗口签订三方协议",
      "系统向银行发送验证报文，验证通过后协议即时生效",
    ),
    resultName: "三方协议验证通过信息",
    resultKind: "notice",
    reviewCriteria: ["账户户名与纳税人（缴费人）名称一致", "开户银行验证通过"],
  }),

  defineItem({
    key: "non_tax_payment",
    bundleNames: ["非税缴费"],
    department: "税务局",
    lineCode: "taxation",
    name: "非税缴费",
    itemType: "04",
    basis: [
      law(
        "《中华人民共和国土地管理法》",
        "第五十五条",
        "以出让等有偿使用方式取得国有土地使用权的建设单位，按照国务院规定的标准和办法，缴纳土地使用权出让金等土地有偿使用费和其他费用后，方可使用土地。",
      ),
      law(
        "《财政部关于将国有土地使用权出让收入、矿产资源专项收入、海域使用金、无居民海岛使用金四项政府非税收入划转税务部门征收有关问题的通知》",
        "第一条",
      ),
    ],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "none",
    acceptanceConditions: [
      "自然资源部门已录入费源信息并推送税务部门",
      "缴费人按出让合同约定的期限和金额缴费",
    ],
    materials: [
      issued("payment_notice", "非税收入缴款通知书", 0, 1, {
        semanticKey: "payment_notice",
        note: "由自然资源部门随费源信息推送，可通过电子税务局查询",
      }),
      businessLicense({ isRequired: false, note: "缴费人为单位的通过电子证照调取" }),
      idCard({ name: "经办人居民身份证" }),
    ],
    form: [
      F.enterpriseName("缴费人名称"),
      F.creditCode(),
      field("noticeNo", "缴款通知书编号", "text"),
      select("feeKind", "费种", ["国有土地使用权出让收入", "矿业权出让收益", "矿业权占用费"]),
      field("amount", "缴费金额（元）", "number"),
      F.phone(),
    ],
    process: instantProcess(
      "缴费人通过电子税务局、银行端或窗口确认费源信息并发起缴费",
      "实时扣款缴入国库，开具非税收入电子缴款凭证，缴费结果推送自然资源部门",
    ),
    resultName: "非税收入电子缴款凭证",
    resultKind: "document",
    reviewCriteria: ["缴费金额与费源信息一致", "缴费人名称与出让合同受让人一致"],
  }),
];
