import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  businessLicense,
  defineItem,
  F,
  field,
  idCard,
  law,
  mat,
  powerOfAttorney,
  select,
  shared,
  standardProcess,
} from "./common.js";

const REGISTRATION_REGULATION = "《中华人民共和国市场主体登记管理条例》";

/** 市场监管 items: 企业开办, 企业准营 (餐饮店) and 企业简易注销. */
export const MARKET_REGULATION_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "enterprise_establishment_registration",
    bundleNames: ["企业设立登记"],
    department: "市场监管局",
    lineCode: "market_regulation",
    name: "企业设立登记",
    itemType: "01",
    basis: [
      law(
        REGISTRATION_REGULATION,
        "第十六条",
        "申请办理市场主体登记，应当提交申请书、申请人资格文件、住所相关文件、章程等材料。",
      ),
      law(
        REGISTRATION_REGULATION,
        "第十九条",
        "登记机关应当对申请材料进行形式审查。对申请材料齐全、符合法定形式的予以确认并当场登记。不能当场登记的，应当在3个工作日内予以登记。",
      ),
      law(
        REGISTRATION_REGULATION,
        "第二十一条",
        "申请人申请市场主体设立登记，登记机关依法予以登记的，签发营业执照。",
      ),
      law("《中华人民共和国公司法》", "第二十九条"),
    ],
    basicOnlyBasis: [law("《中华人民共和国市场主体登记管理条例实施细则》", "第二十四条")],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["6"],
    subItems: [
      { code: "001", name: "有限责任公司设立登记" },
      { code: "002", name: "股份有限公司设立登记" },
      { code: "003", name: "个人独资企业设立登记" },
      { code: "004", name: "合伙企业设立登记" },
    ],
    legalLimitDays: 3,
    promisedLimitDays: 1,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "企业名称已通过自主申报，且不与同一登记机关已登记的同行业企业名称相同",
      "有符合规定的住所（经营场所），股东（出资人）、法定代表人具备相应资格，不属于失信被执行人等限制任职情形",
      "申请材料齐全、符合法定形式，由全体股东指定的代表或共同委托的代理人提出申请",
    ],
    materials: [
      applicationForm("公司登记（备案）申请书"),
      mat("articles_of_association", "公司章程（合伙协议）", 1, 0, {
        note: "由全体股东（合伙人）签署；可选用登记机关提供的章程参考文本",
      }),
      idCard({
        name: "股东（发起人）、法定代表人、董事、监事和经理的居民身份证",
        note: "通过实名认证和电子证照核验，无需提交复印件",
      }),
      mat("shareholder_qualification", "非自然人股东的主体资格证明", 0, 1, {
        isRequired: false,
        note: "股东为企业的提交其营业执照复印件并加盖公章",
      }),
      mat("premises_proof", "住所（经营场所）使用证明", 0, 1, {
        semanticKey: "premises_proof",
        isToleratedMissing: true,
        note: "自有房产提交不动产权证书，租赁的提交租赁合同；可先行作出住所信息真实性承诺，于 30 日内补交",
      }),
      mat("officer_appointment", "法定代表人、董事、监事和经理的任职文件", 1, 0, {
        note: "股东会决议、董事会决议或执行董事任命书",
      }),
      powerOfAttorney({ name: "指定代表或者共同委托代理人授权委托书" }),
    ],
    form: [
      F.enterpriseName("企业名称"),
      select("enterpriseType", "企业类型", ["有限责任公司", "股份有限公司", "个人独资企业", "合伙企业"]),
      field("registeredCapital", "注册资本（万元）", "number"),
      F.legalRepresentative(),
      F.address("住所（经营场所）", true),
      field("businessScope", "经营范围", "textarea", true, { maxLength: 2000 }),
      F.phone(),
    ],
    process: standardProcess(
      1,
      "通过新疆企业登记全程电子化平台或窗口提交申请，材料齐全的即时受理；不齐全的一次性告知需补正的全部内容",
      "登记机关对申请材料进行形式审查，核对名称、住所、经营范围等登记事项",
      "予以登记并签发营业执照（同步生成电子营业执照），企业开办“一件事”涉及的公章刻制、发票领用、社保和公积金登记同步推送",
    ),
    resultName: "营业执照",
    resultKind: "license",
    licenseTypeCode: "business_license",
    reviewCriteria: [
      "申请材料齐全、符合法定形式，登记事项与章程一致",
      "经营范围按照经营范围规范表述目录选择，涉及许可的事项已标注",
      "股东、法定代表人不属于法律法规规定的限制任职人员",
    ],
  }),

  defineItem({
    key: "food_business_license",
    bundleNames: ["食品（含保健食品）经营许可"],
    department: "市场监管局",
    lineCode: "market_regulation",
    name: "食品（含保健食品）经营许可",
    itemType: "01",
    basis: [
      law(
        "《中华人民共和国食品安全法》",
        "第三十五条",
        "国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。",
      ),
      law("《食品经营许可和备案管理办法》", "第二十六条"),
    ],
    basicOnlyBasis: [law("《中华人民共和国行政许可法》", "第四十二条")],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "6"],
    subItems: [
      { code: "001", name: "食品经营许可（新办）" },
      { code: "002", name: "食品经营许可（变更）" },
      { code: "003", name: "食品经营许可（延续）" },
      { code: "004", name: "食品经营许可（注销）" },
    ],
    legalLimitDays: 10,
    promisedLimitDays: 3,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    notificationCommitment:
      "本单位（本人）承诺：已具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，并与有毒、有害场所以及其他污染源保持规定的距离；已配备相应的设备设施、专职或兼职食品安全管理人员和保证食品安全的规章制度；所提交材料真实、合法、有效。如有不实或未按承诺具备许可条件，愿意承担撤销许可及相应的法律责任。",
    acceptanceConditions: [
      "已取得营业执照等合法主体资格，经营场所与营业执照住所一致或已办理经营场所登记",
      "具有与经营的食品品种、数量相适应的经营场所、设备设施和食品安全管理制度",
      "选择告知承诺方式的，签署《食品经营许可告知承诺书》",
    ],
    materials: [
      applicationForm("食品经营许可申请书"),
      businessLicense(),
      idCard({ name: "法定代表人（负责人）居民身份证" }),
      mat("premises_layout", "与食品经营相适应的主要设备设施、经营布局和操作流程文件", 1, 0, {
        note: "餐饮服务提供加工制作场所平面图，标明粗加工、切配、烹饪、餐用具清洗消毒等功能区",
      }),
      mat("food_safety_rules", "食品安全自查、从业人员健康管理、进货查验记录等食品安全管理制度文本", 1, 0, {
        isToleratedMissing: true,
      }),
      mat("food_safety_manager", "食品安全管理人员任命文件及培训考核合格证明", 1, 0),
      mat("commitment_letter", "食品经营许可告知承诺书", 1, 0, {
        isRequired: false,
        note: "选择告知承诺方式办理的提交",
      }),
    ],
    form: [
      F.enterpriseName("经营者名称"),
      F.creditCode(),
      F.legalRepresentative(),
      F.address("经营场所", true),
      select("businessType", "主体业态", ["食品销售经营者", "餐饮服务经营者", "单位食堂"]),
      field("businessItems", "经营项目", "textarea", true, { maxLength: 500 }),
      select("approvalMode", "办理方式", ["告知承诺", "一般程序"]),
      F.phone(),
    ],
    process: standardProcess(
      3,
      "网上或窗口受理，申请材料不齐全的当场一次性告知；选择告知承诺方式的，签署承诺书后当场作出许可决定",
      "审查申请材料，需要对经营场所进行现场核查的，由两名以上执法人员按照现场核查规范进行核查",
      "作出准予许可决定并颁发食品经营许可证，同步生成电子证照",
    ),
    resultName: "食品经营许可证",
    resultKind: "license",
    licenseTypeCode: "food_business_license",
    reviewCriteria: [
      "经营场所、设备设施、布局流程符合《食品经营许可审查通则》的要求",
      "食品安全管理制度健全，配备食品安全管理人员",
      "告知承诺办理的，在作出许可决定之日起 3 个月内完成承诺事项核查",
    ],
  }),

  defineItem({
    key: "enterprise_deregistration",
    bundleNames: ["企业注销登记"],
    department: "市场监管局",
    lineCode: "market_regulation",
    name: "企业注销登记",
    itemType: "01",
    basis: [
      law(
        REGISTRATION_REGULATION,
        "第三十一条",
        "市场主体因解散、被宣告破产或者其他法定事由需要终止的，应当依法向登记机关申请注销登记。",
      ),
      law(
        REGISTRATION_REGULATION,
        "第三十三条",
        "市场主体未发生债权债务或者已将债权债务清偿完结，未发生或者已结清清偿费用、职工工资、社会保险费用、法定补偿金、应缴纳税款等，由全体投资人书面承诺对上述情况的真实性承担法律责任的，可以按照简易程序办理注销登记。",
      ),
      law("《中华人民共和国公司法》", "第二百三十九条"),
    ],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["6"],
    subItems: [
      { code: "001", name: "企业简易注销登记" },
      { code: "002", name: "企业普通注销登记" },
    ],
    legalLimitDays: 3,
    promisedLimitDays: 1,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "xinjiang",
    acceptanceConditions: [
      "企业已依法清算完毕，或适用简易程序的已在国家企业信用信息公示系统公示 20 日且无异议",
      "已结清应缴税款、社会保险费，已缴销发票，未处于被立案调查、股权冻结等限制注销状态",
      "由全体投资人书面承诺对债权债务清偿等情况的真实性承担法律责任",
    ],
    materials: [
      applicationForm("企业注销登记申请书"),
      mat("investors_commitment", "全体投资人承诺书", 1, 0, {
        note: "适用简易注销程序的提交，全体投资人签字（盖章）",
      }),
      mat("liquidation_report", "经确认的清算报告", 1, 0, {
        isRequired: false,
        note: "适用普通注销程序的提交",
      }),
      shared("tax_clearance", "清税证明", "tax_clearance_certificate", {
        semanticKey: "tax_clearance",
        note: "由税务部门通过数据共享推送，未办理过涉税事宜的企业免于提交",
      }),
      businessLicense({
        name: "营业执照正、副本",
        originals: 1,
        form: "paper",
        note: "领取纸质营业执照的缴回正、副本原件",
      }),
      powerOfAttorney({ name: "指定代表或者共同委托代理人授权委托书" }),
    ],
    form: [
      F.enterpriseName("企业名称"),
      F.creditCode(),
      F.legalRepresentative(),
      select("deregistrationMode", "注销方式", ["简易注销", "普通注销"]),
      select("reason", "注销原因", [
        "章程规定的解散事由出现",
        "股东会决议解散",
        "依法被吊销营业执照",
        "其他法定事由",
      ]),
      F.phone(),
    ],
    process: standardProcess(
      1,
      "通过企业注销“一网通办”平台或窗口受理，同步推送税务、人社、医保等部门",
      "核查公示期异议情况、清税信息和限制注销情形",
      "作出准予注销登记决定，出具准予注销登记通知书，电子营业执照同步作废",
    ),
    resultName: "准予注销登记通知书",
    resultKind: "document",
    reviewCriteria: [
      "简易注销公示期届满无异议，或普通注销已履行清算和债权人公告程序",
      "清税信息、社保费结清信息已确认",
      "不存在法律法规规定不得注销的情形",
    ],
  }),
];
