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

const HIGHWAY_LAW = "《中华人民共和国公路法》";

/** 交通运输 items: 涉路施工许可. */
export const TRANSPORT_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "road_related_construction_permit",
    bundleNames: ["权限内的涉路施工许可"],
    department: "交通局",
    lineCode: "transport",
    name: "权限内的涉路施工许可",
    itemType: "01",
    basis: [
      law(
        HIGHWAY_LAW,
        "第四十四条",
        "因修建铁路、机场、电站、通信设施、水利工程和进行其他建设工程需要占用、挖掘公路或者使公路改线的，建设单位应当事先征得有关交通主管部门的同意。",
      ),
      law(
        HIGHWAY_LAW,
        "第四十五条",
        "跨越、穿越公路修建桥梁、渡槽或者架设、埋设管线等设施的，以及在公路用地范围内架设、埋设管线、电缆等设施的，应当事先经有关交通主管部门同意。",
      ),
      law("《公路安全保护条例》", "第二十七条"),
    ],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "5", "6"],
    subItems: [
      { code: "001", name: "占用、挖掘公路、公路用地或者使公路改线审批" },
      { code: "002", name: "跨越、穿越公路及在公路用地范围内架设、埋设管线、电缆等设施审批" },
      { code: "003", name: "在公路建筑控制区内埋设管道、电缆等设施审批" },
    ],
    legalLimitDays: 20,
    promisedLimitDays: 5,
    channels: ["1", "2"],
    isFullyOnline: false,
    onlineNegativeReason: "需组织现场勘验，核定施工对公路及交通安全的影响",
    crossRegion: "none",
    acceptanceConditions: [
      "因工程建设确需占用、挖掘公路，或跨越、穿越公路架设、埋设管线、电缆等设施",
      "涉及的公路属本级交通运输主管部门（公路管理机构）管理权限",
    ],
    materials: [
      applicationForm("涉路施工许可申请书"),
      businessLicense(),
      mat("design_and_plan", "符合有关技术标准、规范要求的设计和施工方案", 1, 0),
      mat("technical_assessment", "保障公路、公路附属设施质量和安全的技术评价报告", 1, 0, {
        isToleratedMissing: true,
        note: "低压电力接入等小型工程可先行承诺，于开工前补交",
      }),
      mat("emergency_plan", "处置施工险情和意外事故的应急方案", 1, 0),
    ],
    form: [
      F.enterpriseName("建设单位"),
      F.creditCode(),
      field("roadName", "涉及公路名称及桩号", "text"),
      select("workType", "施工类型", [
        "占用、挖掘公路",
        "跨越、穿越公路",
        "公路用地内架设、埋设管线",
        "建筑控制区内埋设管线",
      ]),
      field("startDate", "施工开始日期", "date"),
      field("endDate", "施工结束日期", "date"),
      F.phone(),
    ],
    process: standardProcess(
      5,
      "网上或窗口受理，电力报装“一件事”中与规划、占道等审批并联受理",
      "审查设计施工方案和技术评价报告，组织现场勘验",
      "作出许可决定，明确施工期限、安全保障和公路恢复要求",
    ),
    resultName: "涉路施工许可决定书",
    resultKind: "document",
    reviewCriteria: ["施工方案符合公路工程技术标准", "施工期间交通安全保障措施可行", "公路恢复方案明确"],
  }),
];
