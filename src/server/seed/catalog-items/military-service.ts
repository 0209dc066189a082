import type { SeedCatalogItem } from "../catalog-seed-types.js";
import { defineItem, F, field, idCard, instantProcess, law, select, veteranCertificate } from "./common.js";

/** 兵役 items (县级人民武装部): 预备役登记. */
export const MILITARY_SERVICE_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "reserve_service_registration",
    bundleNames: ["预备役登记"],
    department: "各地人武部门",
    lineCode: "military_service",
    name: "预备役登记",
    itemType: "20",
    basis: [
      law(
        "《中华人民共和国兵役法》",
        "第五十四条",
        "士兵退出现役时，符合服士兵预备役条件的，由部队确定服士兵预备役；经过考核，适合担任预备役军官职务的，服军官预备役。",
      ),
      law("《中华人民共和国预备役人员法》", "第十九条"),
    ],
    exerciseLevels: ["3", "4"],
    serviceObjects: ["1"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    isInHall: false,
    hallNegativeReason: "由县（市、区）人民武装部在退役军人报到后办理，不进驻政务服务大厅",
    channels: ["1"],
    isFullyOnline: false,
    onlineNegativeReason: "需本人到人民武装部现场登记并采集信息",
    crossRegion: "none",
    acceptanceConditions: ["退出现役时被确定服预备役的退役士兵、退役军官", "自到达安置地之日起 30 日内登记"],
    materials: [veteranCertificate(), idCard()],
    form: [
      F.applicantName(),
      F.idNumber(),
      field("dischargeDate", "退役时间", "date", true, { semanticKey: "discharge_date" }),
      select("reserveType", "预备役类别", ["士兵预备役", "军官预备役"]),
      F.householdAddress("安置地地址"),
      F.phone(),
    ],
    process: instantProcess(
      "退役军人“一件事”推送报到信息，本人到人民武装部登记",
      "当场完成预备役登记，纳入预备役人员管理",
    ),
    resultName: "预备役登记信息",
    resultKind: "document",
    reviewCriteria: ["退役信息与退出现役证件一致"],
    appointment: { isSupported: false, note: "工作日到人民武装部办理" },
  }),
];
