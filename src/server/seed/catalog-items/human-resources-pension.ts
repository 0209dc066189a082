import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  bankAccount,
  deathCertificate,
  defineItem,
  F,
  field,
  householdRegister,
  idCard,
  issued,
  law,
  mat,
  select,
  standardProcess,
} from "./common.js";

const SOCIAL_INSURANCE_LAW = "《中华人民共和国社会保险法》";
const RESIDENT_PENSION_OPINION = "《国务院关于建立统一的城乡居民基本养老保险制度的意见》";

/** 人社 pension items: 退休, 城乡居民养老待遇, 个人账户一次性待遇. */
export const HUMAN_RESOURCES_PENSION_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "employee_retirement",
    bundleNames: ["职工正常退休（退职）申请 / 职工提前退休（退职）申请"],
    department: "人力资源和社会保障局",
    lineCode: "human_resources",
    name: "职工退休（退职）申请",
    itemType: "07",
    basis: [
      law(
        SOCIAL_INSURANCE_LAW,
        "第十六条",
        "参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金。",
      ),
      law("《国务院关于工人退休、退职的暂行办法》", "第一条"),
      law(
        "《国务院关于渐进式延迟法定退休年龄的办法》",
        "第二条",
        "职工达到最低缴费年限，可以自愿选择弹性提前退休，提前时间最长不超过三年，且退休年龄不得低于女职工50周岁、55周岁及男职工60周岁的原法定退休年龄。",
      ),
    ],
    serviceObjects: ["1"],
    basicOnlyServiceObjects: ["2", "3"],
    subItems: [
      { code: "001", name: "职工正常退休（退职）申请" },
      { code: "002", name: "职工提前退休（退职）申请" },
    ],
    legalLimitDays: null,
    promisedLimitDays: 5,
    channels: ["1", "2"],
    isFullyOnline: false,
    onlineNegativeReason: "需审核职工人事档案原件，核定出生时间、参加工作时间和视同缴费年限",
    crossRegion: "none",
    acceptanceConditions: [
      "正常退休：达到法定退休年龄，且累计缴纳基本养老保险费达到最低缴费年限",
      "提前退休：符合弹性提前退休条件，或经劳动能力鉴定完全丧失劳动能力、从事特殊工种达到规定年限",
      "由用人单位申报；灵活就业人员由本人或存档机构申报",
    ],
    materials: [
      idCard(),
      issued("personnel_file", "职工人事档案", 1, 0, {
        note: "由用人单位或存档的公共人力资源服务机构提供，审核后退还",
      }),
      mat("flexible_retirement_application", "弹性提前退休书面申请", 1, 0, {
        isRequired: false,
        note: "选择弹性提前退休的，至少提前三个月提交",
      }),
      issued("work_capacity_appraisal", "劳动能力鉴定结论书", 1, 0, {
        isRequired: false,
        note: "因病或非因工致残完全丧失劳动能力申请提前退休的提供",
      }),
      issued("special_job_proof", "特殊工种岗位审批表或工作记录", 1, 0, {
        isRequired: false,
        note: "从事井下、高空、高温、特别繁重体力劳动等特殊工种申请提前退休的提供",
      }),
      mat("retirement_photo", "近期一寸免冠彩色照片", 2, 0, { isRequired: false }),
    ],
    form: [
      F.applicantName("职工姓名"),
      F.idNumber(),
      select("retirementType", "退休类型", ["正常退休", "弹性提前退休", "病退", "特殊工种提前退休", "退职"]),
      field("workStartDate", "参加工作时间", "date"),
      F.enterpriseName("所在单位（存档机构）"),
      F.bankAccount("养老金发放账号"),
      F.phone(),
    ],
    process: standardProcess(
      5,
      "用人单位或本人通过网上经办系统或窗口申报，提交人事档案",
      "审核档案记载的出生时间、参加工作时间和特殊工种等信息，核定视同缴费年限",
      "作出退休审批，核定基本养老金并从次月起按月发放，结果推送医保、公积金部门",
    ),
    resultName: "职工退休审批表及基本养老金核定表",
    resultKind: "document",
    reviewCriteria: [
      "出生时间以本人档案最先记载的为准",
      "累计缴费年限达到最低缴费年限",
      "提前退休的符合国家规定的条件和工种范围",
    ],
  }),

  defineItem({
    key: "resident_pension_claim",
    bundleNames: ["城乡居民养老保险待遇申领"],
    department: "人力资源和社会保障局",
    lineCode: "human_resources",
    name: "城乡居民养老保险待遇申领",
    itemType: "05",
    basis: [
      law(
        SOCIAL_INSURANCE_LAW,
        "第二十一条",
        "新型农村社会养老保险待遇由基础养老金和个人账户养老金组成。参加新型农村社会养老保险的农村居民，符合国家规定条件的，按月领取新型农村社会养老保险待遇。",
      ),
      law(RESIDENT_PENSION_OPINION, "第六条"),
    ],
    serviceObjects: ["1"],
    legalLimitDays: null,
    promisedLimitDays: 5,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "参加城乡居民基本养老保险，年满 60 周岁、累计缴费满 15 年",
      "未领取国家规定的基本养老保障待遇",
    ],
    materials: [idCard(), householdRegister({ isRequired: false }), bankAccount()],
    form: [F.applicantName(), F.idNumber(), F.householdAddress(), F.bankAccount("待遇发放账号"), F.phone()],
    process: standardProcess(
      5,
      "达到领取年龄前系统主动提醒，本人通过移动端人脸识别或到乡镇（街道）窗口申请",
      "核对参保缴费记录，确认未领取其他基本养老保障待遇",
      "核定待遇标准，从符合条件的次月起按月发放",
    ),
    resultName: "城乡居民基本养老保险待遇核定表",
    resultKind: "document",
    reviewCriteria: ["年龄和缴费年限符合领取条件", "不存在重复领取养老待遇"],
  }),

  defineItem({
    key: "pension_account_lump_sum",
    bundleNames: ["个人账户一次性待遇申领(养老保险）"],
    department: "人力资源和社会保障局",
    lineCode: "human_resources",
    name: "个人账户一次性待遇申领（养老保险）",
    itemType: "05",
    basis: [
      law(
        SOCIAL_INSURANCE_LAW,
        "第十四条",
        "个人账户不得提前支取，记账利率不得低于银行定期存款利率，免征利息税。个人死亡的，个人账户余额可以继承。",
      ),
      law(SOCIAL_INSURANCE_LAW, "第十七条"),
    ],
    basicOnlyBasis: [law(RESIDENT_PENSION_OPINION, "第七条")],
    serviceObjects: ["1"],
    legalLimitDays: null,
    promisedLimitDays: 10,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: ["参保人员死亡，其个人账户仍有余额", "由参保人员的法定继承人或指定受益人申领"],
    materials: [
      deathCertificate(),
      idCard({ name: "申领人（继承人）居民身份证" }),
      mat("kinship_proof", "申领人与参保人员的亲属关系证明（居民户口簿或公证书）", 1, 1, {
        semanticKey: "kinship_proof",
        isToleratedMissing: true,
        note: "关系可通过户籍信息核实的免于提交",
      }),
      bankAccount({ name: "申领人本人银行借记卡" }),
    ],
    form: [
      field("deceasedName", "参保人姓名", "text", true, { semanticKey: "deceased_name" }),
      field("deceasedIdNumber", "参保人公民身份号码", "id_number", true, {
        semanticKey: "deceased_id_number",
      }),
      field("deathDate", "死亡日期", "date", true, { semanticKey: "death_date" }),
      F.applicantName("申领人姓名"),
      F.idNumber("申领人公民身份号码"),
      select("relation", "与参保人关系", ["配偶", "子女", "父母", "其他法定继承人", "指定受益人"]),
      F.bankAccount(),
      F.phone(),
    ],
    process: standardProcess(
      10,
      "公民身后“一件事”平台或窗口受理，死亡信息通过数据共享获取",
      "核定个人账户余额和丧葬补助金、抚恤金，核实申领人继承资格",
      "一次性支付至申领人账户，终止参保人员养老保险关系",
    ),
    resultName: "个人账户一次性待遇核定结果",
    resultKind: "notice",
    reviewCriteria: ["死亡信息属实，已停发养老金", "申领人为合法继承人，多名继承人的已协商一致"],
  }),
];
