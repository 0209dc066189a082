import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  businessLicense,
  defineItem,
  F,
  field,
  law,
  mat,
  realEstateCertificate,
  select,
  standardProcess,
} from "./common.js";

const occupationForm = (landLabel: string) => [
  F.enterpriseName("用地单位"),
  F.creditCode(),
  field("projectName", "建设项目名称", "text"),
  select("useType", "使用方式", ["临时使用", "永久占用"]),
  F.address(`拟使用${landLabel}位置`, true),
  field("area", `使用${landLabel}面积（公顷）`, "number"),
  field("useEnd", "临时使用截止日期", "date", false),
  F.phone(),
];

/** 林业和草原 items: 占用林地、草原许可. */
export const FORESTRY_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "forest_land_use_permit",
    bundleNames: ["占用林地许可（包括临时使用和永久占用）"],
    department: "林业和草原局",
    lineCode: "forestry",
    name: "占用林地许可（包括临时使用和永久占用）",
    itemType: "01",
    basis: [
      law(
        "《中华人民共和国森林法》",
        "第三十七条",
        "矿藏勘查、开采以及其他各类工程建设，应当不占或者少占林地；确需占用林地的，应当经县级以上人民政府林业主管部门审核同意，依法办理建设用地审批手续。",
      ),
      law(
        "《中华人民共和国森林法》",
        "第三十八条",
        "需要临时使用林地的，应当经县级以上人民政府林业主管部门批准；临时使用林地的期限一般不超过二年。",
      ),
      law("《中华人民共和国森林法实施条例》", "第十六条"),
    ],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "5", "6"],
    subItems: [
      { code: "001", name: "建设项目使用林地审核" },
      { code: "002", name: "临时使用林地审批" },
    ],
    legalLimitDays: 20,
    promisedLimitDays: 10,
    channels: ["1", "2"],
    isFullyOnline: false,
    onlineNegativeReason: "需开展使用林地现场查验",
    crossRegion: "none",
    acceptanceConditions: [
      "建设项目符合国土空间规划和林地保护利用规划，确需使用林地",
      "临时使用林地的期限一般不超过二年，且不得在临时使用的林地上修建永久性建筑物",
    ],
    materials: [
      applicationForm("使用林地申请表"),
      businessLicense(),
      mat("project_approval", "建设项目有关批准文件", 0, 1, { isToleratedMissing: true }),
      realEstateCertificate({
        name: "拟使用林地的权属证明（不动产权证书或林权证）",
        note: "林地权属可通过不动产登记信息核验",
      }),
      mat("compensation_agreement", "林地、林木补偿协议", 1, 0),
      mat("forest_survey", "使用林地现状调查表", 1, 0),
      mat("restoration_plan", "恢复植被和林业生产条件方案", 1, 0, {
        isRequired: false,
        note: "临时使用林地的提供",
      }),
    ],
    form: occupationForm("林地"),
    process: standardProcess(
      10,
      "网上或窗口受理，电力报装“一件事”中并联受理",
      "开展现场查验，审查用地必要性、面积和补偿安置情况",
      "作出审核同意或批准决定，缴纳森林植被恢复费后核发使用林地文件",
    ),
    fees: [
      {
        name: "森林植被恢复费",
        standard:
          "按占用林地类型和面积征收，如郁闭度 0.2 以上的乔木林地（含采伐迹地和火烧迹地）每平方米 10 元",
        basis:
          "《财政部 国家林业局关于调整森林植被恢复费征收标准引导节约集约利用林地的通知》（财税〔2015〕122号）",
      },
    ],
    resultName: "使用林地审核同意书（临时使用林地批准文件）",
    resultKind: "document",
    reviewCriteria: ["符合林地保护利用规划和使用林地定额", "用地面积与建设项目需要相适应", "补偿协议已签订"],
  }),

  defineItem({
    key: "grassland_use_permit",
    bundleNames: ["占用草原许可（包括临时使用和永久占用）"],
    department: "林业和草原局",
    lineCode: "forestry",
    name: "占用草原许可（包括临时使用和永久占用）",
    itemType: "01",
    basis: [
      law(
        "《中华人民共和国草原法》",
        "第三十八条",
        "进行矿藏开采和工程建设，应当不占或者少占草原；确需征收、征用或者使用草原的，必须经省级以上人民政府草原行政主管部门审核同意后，依照有关土地管理的法律、行政法规办理建设用地审批手续。",
      ),
      law(
        "《中华人民共和国草原法》",
        "第四十条",
        "需要临时占用草原的，应当经县级以上地方人民政府草原行政主管部门审核同意。临时占用草原的期限不得超过二年。",
      ),
    ],
    basicOnlyBasis: [law("《新疆维吾尔自治区实施〈中华人民共和国草原法〉办法》", "第二十六条")],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "5", "6"],
    subItems: [
      { code: "001", name: "征收、征用或使用草原审核" },
      { code: "002", name: "临时占用草原审核" },
    ],
    legalLimitDays: 20,
    promisedLimitDays: 10,
    channels: ["1", "2"],
    isFullyOnline: false,
    onlineNegativeReason: "需开展草原现场查验，核定草原类型和面积",
    crossRegion: "none",
    acceptanceConditions: [
      "工程建设确需使用草原，不占或少占基本草原",
      "临时占用草原期限不超过二年，期满后恢复草原植被",
    ],
    materials: [
      applicationForm("使用草原申请表"),
      businessLicense(),
      mat("project_approval", "建设项目有关批准文件", 0, 1, { isToleratedMissing: true }),
      mat("grassland_rights", "草原所有权、使用权或承包经营权证明", 0, 1),
      mat("compensation_agreement", "草原补偿协议", 1, 0),
      mat("grassland_survey", "使用草原现状调查报告", 1, 0),
    ],
    form: occupationForm("草原"),
    process: standardProcess(
      10,
      "网上或窗口受理，电力报装“一件事”中并联受理",
      "现场查验草原类型、面积和权属，审查补偿协议",
      "作出审核决定，缴纳草原植被恢复费后核发审核同意书",
    ),
    fees: [
      {
        name: "草原植被恢复费",
        standard: "按自治区核定的标准，依草原类型和占用面积计收",
        basis: "《财政部 国家发展改革委关于同意收取草原植被恢复费有关问题的通知》（财综〔2010〕29号）",
      },
    ],
    resultName: "使用草原审核同意书",
    resultKind: "document",
    reviewCriteria: ["不占或少占基本草原", "补偿协议已签订，植被恢复措施明确"],
  }),
];
