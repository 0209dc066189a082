import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  bankAccount,
  businessLicense,
  deathCertificate,
  defineItem,
  F,
  field,
  idCard,
  instantProcess,
  law,
  mat,
  select,
  shared,
  standardProcess,
} from "./common.js";

const HOUSING_FUND_REGULATION = "《住房公积金管理条例》";

/** 住房公积金 items: 单位开户, 个人账户设立, 提取. */
export const HOUSING_FUND_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "housing_fund_employer_account",
    bundleNames: ["住房公积金单位登记开户"],
    department: "住房公积金管理中心",
    lineCode: "housing_fund",
    name: "住房公积金单位登记开户",
    itemType: "20",
    basis: [
      law(
        HOUSING_FUND_REGULATION,
        "第十四条",
        "新设立的单位应当自设立之日起30日内向住房公积金管理中心办理住房公积金缴存登记，并自登记之日起20日内，为本单位职工办理住房公积金账户设立手续。",
      ),
    ],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["3", "4", "5", "6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "新设立的企业、事业单位、民办非企业单位、社会团体等，在设立之日起 30 日内办理",
      "单位尚未在本中心办理住房公积金缴存登记",
    ],
    materials: [
      applicationForm("住房公积金单位缴存登记表"),
      businessLicense(),
      idCard({ name: "经办人居民身份证" }),
    ],
    form: [
      F.enterpriseName(),
      F.creditCode(),
      F.legalRepresentative(),
      field("agentName", "单位经办人", "text"),
      select("depositRate", "缴存比例", ["5%", "6%", "7%", "8%", "9%", "10%", "11%", "12%"]),
      field("firstMonth", "首次汇缴月份", "date"),
      F.address("单位地址"),
      F.phone(),
    ],
    process: instantProcess(
      "企业开办“一件事”平台随设立登记同步申请，或通过网上业务大厅申请",
      "即时完成单位缴存登记，生成单位住房公积金账号",
    ),
    resultName: "住房公积金单位缴存登记信息",
    resultKind: "document",
    reviewCriteria: ["单位登记信息与营业执照一致", "缴存比例在 5%—12% 之间"],
  }),

  defineItem({
    key: "housing_fund_personal_account",
    bundleNames: ["个人住房公积金账户设立"],
    department: "住房公积金管理中心",
    lineCode: "housing_fund",
    name: "个人住房公积金账户设立",
    itemType: "20",
    basis: [
      law(
        HOUSING_FUND_REGULATION,
        "第十五条",
        "单位录用职工的，应当自录用之日起30日内向住房公积金管理中心办理缴存登记，并办理职工住房公积金账户的设立或者转移手续。",
      ),
    ],
    serviceObjects: ["1", "2"],
    basicOnlyServiceObjects: ["3", "4", "5", "6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "单位已办理住房公积金缴存登记，新录用职工在录用之日起 30 日内办理",
      "职工在本中心无正常缴存的个人账户；已有封存账户的办理启封",
    ],
    materials: [
      idCard({ name: "职工居民身份证" }),
      mat("employee_list", "职工住房公积金缴存登记清单", 1, 0, {
        note: "单位通过网上业务大厅批量录入的免于提交纸质件",
      }),
    ],
    form: [
      F.applicantName("职工姓名"),
      F.idNumber(),
      F.enterpriseName("所在单位"),
      field("depositBase", "缴存基数（元）", "number"),
      field("startMonth", "开始缴存月份", "date"),
      F.phone(),
    ],
    process: instantProcess(
      "用人单位通过网上业务大厅或员工招聘“一件事”平台申报",
      "即时设立个人住房公积金账户，开通后职工可通过移动端查询",
    ),
    resultName: "个人住房公积金账户信息",
    resultKind: "document",
    reviewCriteria: ["职工身份信息经比对一致", "缴存基数不低于当地最低工资标准、不高于上限"],
  }),

  defineItem({
    key: "housing_fund_withdrawal",
    bundleNames: ["住房公积金提取审批"],
    department: "住房公积金管理中心",
    lineCode: "housing_fund",
    name: "住房公积金提取审批",
    itemType: "20",
    basis: [
      law(
        HOUSING_FUND_REGULATION,
        "第二十四条",
        "职工离休、退休的，可以提取职工住房公积金账户内的存储余额。职工死亡或者被宣告死亡的，职工的继承人、受遗赠人可以提取职工住房公积金账户内的存储余额。",
      ),
      law(
        HOUSING_FUND_REGULATION,
        "第二十五条",
        "住房公积金管理中心应当自受理申请之日起3日内作出准予提取或者不准提取的决定，并通知申请人。",
      ),
    ],
    serviceObjects: ["1"],
    handlingItems: [
      { seq: 1, name: "离休、退休提取" },
      { seq: 2, name: "职工死亡或被宣告死亡提取" },
      { seq: 3, name: "购买、建造、翻建、大修自住住房提取" },
      { seq: 4, name: "偿还购房贷款本息提取" },
      { seq: 5, name: "租房提取" },
    ],
    legalLimitDays: 3,
    promisedLimitDays: 1,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "cross_province",
    acceptanceConditions: [
      "职工离休、退休，或职工死亡、被宣告死亡，或符合购房、还贷、租房等提取条件",
      "因退休、死亡提取的，同时注销职工住房公积金账户",
    ],
    materials: [
      idCard({ name: "申请人居民身份证" }),
      shared("retirement_info", "退休审批信息", "hrss_retirement", {
        isRequired: false,
        note: "退休提取的由人社部门共享",
      }),
      deathCertificate({ isRequired: false, note: "职工死亡提取的提供；已共享的免于提交" }),
      mat("inheritance_proof", "继承权或受遗赠权证明（公证书或人民法院判决书）", 1, 1, {
        isRequired: false,
        isToleratedMissing: true,
        note: "职工死亡提取的提供；继承人为配偶、子女且关系可核实的可容缺后补",
      }),
      bankAccount({ name: "申请人本人银行借记卡" }),
    ],
    form: [
      F.applicantName(),
      F.idNumber(),
      select("reason", "提取原因", [
        "离休、退休",
        "职工死亡或被宣告死亡",
        "购买自住住房",
        "偿还购房贷款",
        "租房",
      ]),
      field("amount", "提取金额（元）", "number"),
      F.bankAccount(),
      F.phone(),
    ],
    process: standardProcess(
      1,
      "通过网上业务大厅、移动端或窗口申请，退休提取可在退休审批后由系统主动推送",
      "核对提取原因和账户余额，死亡提取的核实继承人资格",
      "作出准予提取决定，资金转入申请人账户，需销户的同步注销账户",
    ),
    resultName: "住房公积金提取审批结果",
    resultKind: "notice",
    reviewCriteria: ["提取原因符合《住房公积金管理条例》第二十四条", "提取金额不超过账户余额"],
  }),
];
