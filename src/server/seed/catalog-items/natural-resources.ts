import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  businessLicense,
  defineItem,
  F,
  field,
  houseContract,
  idCard,
  law,
  marriageCertificate,
  mat,
  REAL_ESTATE_FEE_BASIS,
  realEstateCertificate,
  select,
  shared,
  standardProcess,
} from "./common.js";

const REGISTRATION_REGULATION = "《不动产登记暂行条例》";
const CIVIL_CODE = "《中华人民共和国民法典》";

const registrationFees = [
  { name: "不动产登记费（住宅类）", standard: "80 元/件", amountFen: 8000, basis: REAL_ESTATE_FEE_BASIS },
  { name: "不动产登记费（非住宅类）", standard: "550 元/件", amountFen: 55000, basis: REAL_ESTATE_FEE_BASIS },
  {
    name: "不动产权属证书工本费",
    standard: "10 元/本（第一本证书免收工本费）",
    amountFen: 1000,
    basis: REAL_ESTATE_FEE_BASIS,
  },
];

const identityOnSite = "需现场核验申请人身份并签署询问笔录；已开通“互联网+不动产登记”远程核验的可网上申请";

/** 自然资源 不动产登记 items. */
export const NATURAL_RESOURCES_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "real_estate_registration",
    bundleNames: ["不动产登记"],
    department: "自然资源局",
    lineCode: "natural_resources",
    name: "不动产登记",
    itemType: "07",
    basis: [
      law(REGISTRATION_REGULATION, "第十四条"),
      law(
        REGISTRATION_REGULATION,
        "第二十条",
        "不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。",
      ),
      law(
        CIVIL_CODE,
        "第二百零九条",
        "不动产物权的设立、变更、转让和消灭，经依法登记，发生效力；未经登记，不发生效力，但是法律另有规定的除外。",
      ),
    ],
    basicOnlyBasis: [law("《不动产登记暂行条例实施细则》", "第九条")],
    serviceObjects: ["1", "2"],
    basicOnlyServiceObjects: ["3", "4", "5", "6"],
    subItems: [
      { code: "001", name: "不动产首次登记" },
      { code: "002", name: "不动产转移登记" },
      { code: "003", name: "不动产变更登记" },
      { code: "004", name: "不动产注销登记" },
      { code: "005", name: "不动产更正登记" },
    ],
    legalLimitDays: 30,
    promisedLimitDays: 5,
    channels: ["1", "2"],
    isFullyOnline: false,
    onlineNegativeReason: identityOnSite,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "申请登记的不动产界址清楚、面积准确，权属来源合法",
      "转移登记的，房屋交易合同已网签备案、相关税费已缴纳",
      "不存在查封、异议登记等不予登记的情形，由当事人双方共同申请（依法可单方申请的除外）",
    ],
    materials: [
      applicationForm("不动产登记申请书"),
      idCard({ name: "申请人居民身份证（单位提交营业执照和法定代表人身份证明）" }),
      houseContract({ name: "权属来源证明（房屋买卖合同、出让合同或继承、赠与材料）" }),
      realEstateCertificate({
        name: "原不动产权证书",
        isRequired: false,
        note: "转移、变更、注销登记的缴回原证",
      }),
      shared("tax_receipt", "契税及交易税费完税信息", "tax_payment_records", {
        isRequired: false,
        note: "转移登记的由税务部门实时推送",
      }),
      marriageCertificate({
        isRequired: false,
        isToleratedMissing: true,
        note: "申请人已婚且登记为共同共有的核验；可通过婚姻登记信息共享核验",
      }),
      mat("cadastral_survey", "不动产权籍调查成果（宗地图、房产分户图）", 1, 0, {
        isRequired: false,
        note: "首次登记的提供",
      }),
    ],
    form: [
      F.applicantName("权利人姓名（名称）"),
      F.idNumber("权利人证件号码"),
      select("registrationType", "登记类型", ["首次登记", "转移登记", "变更登记", "注销登记", "更正登记"]),
      F.propertyLocation(),
      field("unitNumber", "不动产单元号", "text", false),
      select("sharing", "共有方式", ["单独所有", "共同共有", "按份共有"]),
      F.phone(),
    ],
    process: standardProcess(
      5,
      "不动产登记“一窗受理”，交易、税务、登记一次提交，询问申请人并核验身份",
      "查验权属来源、界址面积和限制信息，需要实地查看的组织实地查看",
      "登簿并缮证，颁发不动产权证书（同步生成电子证照），可窗口领取或邮寄",
    ),
    fees: registrationFees,
    resultName: "不动产权证书",
    resultKind: "license",
    licenseTypeCode: "real_estate_certificate",
    reviewCriteria: [
      "申请人与权属来源材料记载的主体一致",
      "不动产界址、空间界限、面积等权籍调查成果明确",
      "不存在查封、预告登记等限制情形，税费已缴纳",
    ],
  }),

  defineItem({
    key: "real_estate_mortgage_registration",
    bundleNames: ["不动产抵押登记"],
    department: "自然资源局",
    lineCode: "natural_resources",
    name: "不动产抵押登记",
    itemType: "07",
    basis: [
      law(REGISTRATION_REGULATION, "第二十条"),
      law(
        CIVIL_CODE,
        "第四百零二条",
        "以建筑物和其他土地附着物、建设用地使用权、海域使用权或者正在建造的建筑物抵押的，应当办理抵押登记。抵押权自登记时设立。",
      ),
    ],
    serviceObjects: ["1", "2"],
    basicOnlyServiceObjects: ["3", "4", "6"],
    subItems: [
      { code: "001", name: "抵押权首次登记" },
      { code: "002", name: "抵押权变更登记" },
      { code: "003", name: "抵押权注销登记" },
    ],
    legalLimitDays: 30,
    promisedLimitDays: 1,
    channels: ["1", "2"],
    isFullyOnline: false,
    onlineNegativeReason: identityOnSite,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "抵押人依法取得不动产权属，抵押财产不属于法律禁止抵押的财产",
      "抵押合同和主债权合同已签订，由抵押人和抵押权人共同申请",
    ],
    materials: [
      applicationForm("不动产登记申请书（抵押权）"),
      idCard({ name: "抵押人居民身份证" }),
      realEstateCertificate(),
      mat("mortgage_contract", "抵押合同及主债权合同（借款合同）", 1, 0),
      businessLicense({
        name: "抵押权人营业执照或事业单位法人证书",
        note: "抵押权人为住房公积金管理中心或银行的通过电子证照调取",
      }),
      mat("mortgagee_authorization", "抵押权人授权委托书", 1, 0, {
        note: "已与登记机构建立“不动产+金融”网上协作的无需提交",
      }),
    ],
    form: [
      F.applicantName("抵押人姓名"),
      F.idNumber("抵押人公民身份号码"),
      F.propertyLocation(),
      field("certificateNo", "不动产权证书号", "text"),
      field("mortgagee", "抵押权人名称", "text"),
      field("debtAmount", "被担保主债权数额（元）", "number"),
      field("debtEnd", "债务履行期限截止日期", "date"),
      F.phone(),
    ],
    process: standardProcess(
      1,
      "住房公积金贷款“一件事”窗口或银行网点延伸服务点受理，抵押人和抵押权人共同申请",
      "查验不动产权属和查封、抵押等限制信息，审核抵押合同",
      "记载于不动产登记簿，出具不动产登记证明（抵押权），电子证明推送抵押权人",
    ),
    fees: [
      {
        name: "不动产登记费（抵押权登记，住宅类）",
        standard: "80 元/件",
        amountFen: 8000,
        basis: REAL_ESTATE_FEE_BASIS,
      },
      {
        name: "不动产登记费（抵押权登记，非住宅类）",
        standard: "550 元/件",
        amountFen: 55000,
        basis: REAL_ESTATE_FEE_BASIS,
      },
    ],
    resultName: "不动产登记证明（抵押权）",
    resultKind: "license",
    licenseTypeCode: "real_estate_registration_certificate",
    reviewCriteria: ["抵押人为不动产权利人", "抵押财产不存在查封等限制情形", "合同约定的担保范围明确"],
  }),
];
