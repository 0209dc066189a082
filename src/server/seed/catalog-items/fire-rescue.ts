import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  businessLicense,
  defineItem,
  F,
  field,
  idCard,
  instantProcess,
  law,
  mat,
  select,
  shared,
} from "./common.js";

/** 消防救援 items: 公众聚集场所消防安全检查. */
export const FIRE_RESCUE_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "public_venue_fire_inspection",
    bundleNames: ["公众聚集场所投入使用、营业前消防安全检查"],
    department: "消防救援总队",
    lineCode: "fire_rescue",
    name: "公众聚集场所投入使用、营业前消防安全检查",
    itemType: "01",
    basis: [
      law(
        "《中华人民共和国消防法》",
        "第十五条",
        "公众聚集场所投入使用、营业前消防安全检查实行告知承诺管理。申请人选择不采用告知承诺方式办理的，消防救援机构应当自受理申请之日起十个工作日内，根据消防技术标准和管理规定，对该场所进行检查。",
      ),
      law("《公众聚集场所投入使用、营业消防安全检查规则》", "第五条"),
    ],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "4", "6"],
    legalLimitDays: 10,
    promisedLimitDays: 0,
    channels: ["1", "2", "3"],
    isFullyOnline: true,
    crossRegion: "none",
    notificationCommitment:
      "本单位承诺：场所已依法通过建设工程消防验收或完成验收备案；场所的消防设施、器材和消防安全标志已按照国家标准、行业标准设置并保持完好有效；已建立消防安全制度、制定灭火和应急疏散预案，员工经过岗前消防安全培训；所提交的材料真实有效。如承诺不实或场所不符合消防安全要求，愿意承担撤销许可、责令停止使用或停业及相应法律责任。",
    acceptanceConditions: [
      "宾馆、饭店、商场、集贸市场、餐饮场所、歌舞娱乐场所等公众聚集场所，在投入使用、营业前申请",
      "场所所在建筑已通过建设工程消防验收或备案抽查合格",
      "选择告知承诺方式的，签署《公众聚集场所投入使用、营业消防安全告知承诺书》",
    ],
    materials: [
      applicationForm("公众聚集场所投入使用、营业消防安全检查申报表"),
      businessLicense(),
      idCard({ name: "法定代表人（主要负责人）居民身份证" }),
      mat("commitment_letter", "消防安全告知承诺书", 1, 0, { note: "选择告知承诺方式办理的提交" }),
      mat("floor_plans", "场所平面布置图及消防设施平面图", 1, 0),
      mat("fire_safety_rules", "消防安全制度、灭火和应急疏散预案", 1, 0, { isToleratedMissing: true }),
      shared("fire_acceptance", "建设工程消防验收（备案）信息", "construction_fire_acceptance", {
        note: "由住房城乡建设部门共享",
      }),
    ],
    form: [
      F.enterpriseName("场所名称"),
      F.creditCode(),
      F.legalRepresentative(),
      F.address("场所地址", true),
      select("venueType", "场所类型", [
        "餐饮场所",
        "商场、集贸市场",
        "宾馆、饭店",
        "歌舞娱乐场所",
        "其他公众聚集场所",
      ]),
      field("area", "使用面积（平方米）", "number"),
      select("approvalMode", "办理方式", ["告知承诺", "一般程序（现场检查后许可）"]),
      F.phone(),
    ],
    process: instantProcess(
      "网上或窗口受理；选择告知承诺方式且材料齐全、符合法定形式的，当场作出许可决定。选择一般程序的，自受理之日起 10 个工作日内完成现场检查并作出决定",
      "颁发许可文书，并在许可后 20 个工作日内对作出承诺的场所进行核查",
    ),
    resultName: "公众聚集场所投入使用、营业消防安全检查合格证",
    resultKind: "license",
    licenseTypeCode: "fire_safety_inspection_permit",
    reviewCriteria: [
      "消防设施、器材、安全标志配置符合国家标准",
      "安全出口、疏散通道畅通，装修材料燃烧性能符合要求",
      "承诺内容与核查情况一致",
    ],
  }),
];
