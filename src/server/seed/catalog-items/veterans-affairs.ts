import type { SeedCatalogItem } from "../catalog-seed-types.js";
import {
  applicationForm,
  bankAccount,
  defineItem,
  F,
  field,
  householdRegister,
  idCard,
  instantProcess,
  issued,
  law,
  photo,
  select,
  standardProcess,
  veteranCertificate,
} from "./common.js";

const VETERANS_LAW = "《中华人民共和国退役军人保障法》";
const RESETTLEMENT_REGULATION = "《退役军人安置条例》";

/** 退役军人事务 items: 退役报到, 自主就业一次性经济补助. */
export const VETERANS_AFFAIRS_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "veteran_reporting",
    bundleNames: ["退役报到"],
    department: "退役军人事务局",
    lineCode: "veterans_affairs",
    name: "退役报到",
    itemType: "20",
    basis: [
      law(VETERANS_LAW, "第二十一条", "退役军人应当在规定时间内，到安置地人民政府退役军人工作主管部门报到。"),
      law(RESETTLEMENT_REGULATION, "第十六条"),
    ],
    serviceObjects: ["1"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    channels: ["1"],
    isFullyOnline: false,
    onlineNegativeReason: "需本人持退出现役证件和安置介绍信原件到场报到，并进行信息采集",
    crossRegion: "none",
    acceptanceConditions: ["依法退出现役、安置地为本辖区的退役军人", "自被批准退出现役之日起 30 日内报到"],
    materials: [
      veteranCertificate(),
      issued("resettlement_introduction", "退役军人安置介绍信", 1, 0),
      idCard({ isRequired: false, note: "入伍前已领取的核验原件" }),
      householdRegister({ name: "入伍前户籍所在户的居民户口簿", isRequired: false }),
      photo(2, "近期二寸免冠彩色照片，用于信息采集和退役军人证制发"),
    ],
    form: [
      F.applicantName(),
      F.idNumber(),
      field("dischargeDate", "退役时间", "date", true, { semanticKey: "discharge_date" }),
      select("resettlementType", "安置方式", ["自主就业", "安排工作", "退休", "供养"]),
      F.householdAddress("安置地地址"),
      F.phone(),
    ],
    process: instantProcess(
      "退役军人“一件事”窗口受理，核验退出现役证件和安置介绍信，采集退役军人信息",
      "当场完成报到，开具户口登记介绍信，同步推送公安、人武、人社、医保部门办理后续事项",
    ),
    resultName: "退役军人报到登记信息及户口登记介绍信",
    resultKind: "document",
    reviewCriteria: ["退役军人身份和安置地信息与介绍信一致", "在规定期限内报到"],
  }),

  defineItem({
    key: "veteran_one_off_subsidy",
    bundleNames: ["退役士兵自主就业一次性经济补贴金的给付"],
    department: "退役军人事务局",
    lineCode: "veterans_affairs",
    name: "退役士兵自主就业一次性经济补贴金的给付",
    itemType: "05",
    basis: [
      law(
        VETERANS_LAW,
        "第二十九条",
        "对选择自主就业的退役士兵，地方人民政府可以根据当地实际情况给予经济补助。",
      ),
      law(RESETTLEMENT_REGULATION, "第三十一条"),
    ],
    serviceObjects: ["1"],
    legalLimitDays: null,
    promisedLimitDays: 20,
    channels: ["1"],
    isFullyOnline: false,
    onlineNegativeReason: "需本人到场核验身份并签订《退役士兵自主就业协议》",
    crossRegion: "none",
    acceptanceConditions: ["选择自主就业方式安置的退役士兵，已在安置地报到", "未因违法违纪被取消安置待遇"],
    materials: [
      applicationForm("自主就业退役士兵一次性经济补助金审批表"),
      veteranCertificate(),
      idCard(),
      bankAccount(),
    ],
    form: [
      F.applicantName(),
      F.idNumber(),
      field("dischargeDate", "退役时间", "date", true, { semanticKey: "discharge_date" }),
      field("serviceYears", "服役年限", "number"),
      F.bankAccount(),
      F.phone(),
    ],
    process: standardProcess(
      20,
      "报到时一并受理，本人签订自主就业协议",
      "核定服役年限和补助标准，报同级财政部门审核",
      "一次性发放至本人社会保障卡或银行账户，结果告知本人",
    ),
    resultName: "自主就业一次性经济补助金发放结果",
    resultKind: "notice",
    reviewCriteria: ["安置方式为自主就业", "服役年限核定准确，补助标准符合当地规定"],
  }),
];
