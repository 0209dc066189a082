import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  businessLicense,
  defineItem,
  F,
  field,
  law,
  mat,
  select,
  standardProcess,
} from "./common.js";

const CITY_APPEARANCE_REGULATION = "《城市市容和环境卫生管理条例》";

/** 城市管理 items: 户外广告审批. */
export const URBAN_MANAGEMENT_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "outdoor_advertising_approval",
    bundleNames: ["设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批"],
    department: "城市管理局",
    lineCode: "urban_management",
    name: "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批",
    itemType: "01",
    basis: [
      law(
        CITY_APPEARANCE_REGULATION,
        "第十一条",
        "大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。",
      ),
      law(
        CITY_APPEARANCE_REGULATION,
        "第十七条",
        "单位和个人在城市建筑物、设施上张挂、张贴宣传品等，须经城市人民政府市容环境卫生行政主管部门或者其他有关部门批准。",
      ),
    ],
    exerciseLevels: ["3", "4"],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "4", "6"],
    subItems: [
      { code: "001", name: "设置大型户外广告审批" },
      { code: "002", name: "在城市建筑物、设施上悬挂、张贴宣传品审批" },
    ],
    legalLimitDays: 20,
    promisedLimitDays: 5,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "none",
    acceptanceConditions: [
      "设置位置符合城市户外广告设置规划，不影响市容、交通和公共安全",
      "已取得场地或建筑物所有权人、管理人的同意",
      "大型户外广告设施结构安全经有资质的单位设计或检测",
    ],
    materials: [
      applicationForm("户外广告设置（宣传品悬挂）申请表"),
      businessLicense(),
      mat("design_rendering", "广告设置效果图及位置示意图", 1, 0, { note: "标明规格尺寸、材质、照明方式" }),
      mat("owner_consent", "场地（建筑物）所有权人或管理人同意设置的证明", 1, 0),
      mat("structural_safety_report", "大型户外广告结构安全设计计算书或检测报告", 1, 0, {
        isRequired: false,
        isToleratedMissing: true,
        note: "设置大型户外广告的提供，可在安装前补交",
      }),
    ],
    form: [
      F.enterpriseName("设置单位"),
      F.creditCode(),
      select("adType", "设置类型", ["门头招牌", "大型户外广告", "宣传品悬挂张贴"]),
      F.address("设置地点", true),
      field("size", "规格尺寸（长×宽，米）", "text"),
      field("periodEnd", "设置期限截止日期", "date"),
      F.phone(),
    ],
    process: standardProcess(
      5,
      "企业准营（餐饮店）“一件事”平台或窗口受理",
      "审查设置位置、规格和结构安全，大型户外广告进行现场勘查",
      "作出审批决定，明确设置期限和维护责任",
    ),
    resultName: "户外广告设置（宣传品悬挂）审批决定书",
    resultKind: "document",
    reviewCriteria: ["符合户外广告设置规划和技术规范", "广告内容健康，外型美观，结构安全"],
  }),
];
