import type { SeedCatalogItem } from "../catalog-seed-types.js";
import { defineItem, F, field, instantProcess, law, select, shared } from "./common.js";

/** 人民银行 items: 非税缴费确认 (国库). */
export const CENTRAL_BANK_ITEMS: SeedCatalogItem[] = [
  defineItem({
    key: "non_tax_payment_confirmation",
    bundleNames: ["非税缴费确认"],
    department: "人民银行",
    lineCode: "central_bank",
    name: "非税缴费确认",
    itemType: "20",
    basis: [
      law("《中华人民共和国中国人民银行法》", "第二十四条", "中国人民银行依照法律、行政法规的规定经理国库。"),
      law("《中华人民共和国国家金库条例》", "第三条"),
    ],
    exerciseLevels: ["2", "3", "4"],
    serviceObjects: ["2"],
    basicOnlyServiceObjects: ["1", "3", "6"],
    legalLimitDays: null,
    promisedLimitDays: 0,
    isInHall: false,
    hallNegativeReason: "由国库部门通过财税库银横向联网系统自动确认入库，无需到大厅办理",
    channels: ["2"],
    isFullyOnline: true,
    crossRegion: "none",
    acceptanceConditions: ["缴费人已通过税务部门缴纳非税收入", "缴款信息已由商业银行划缴国库"],
    materials: [
      shared("payment_voucher", "非税收入电子缴款凭证", "tax_non_tax_payment", {
        semanticKey: "payment_voucher",
        note: "由税务部门通过横向联网系统传送",
      }),
    ],
    form: [
      F.enterpriseName("缴费人名称"),
      F.creditCode(),
      field("voucherNo", "电子缴款凭证号码", "text"),
      select("feeKind", "费种", ["国有土地使用权出让收入", "矿业权出让收益", "矿业权占用费"]),
      field("amount", "缴款金额（元）", "number"),
      field("paidDate", "缴款日期", "date"),
    ],
    process: instantProcess(
      "国库会计数据集中系统接收缴款信息",
      "确认入库并回执税务部门，缴费人可查询入库状态",
    ),
    resultName: "非税收入入库确认信息",
    resultKind: "notice",
    reviewCriteria: ["缴款金额与税务部门传送的缴款信息一致", "收款国库和预算科目正确"],
    appointment: { isSupported: false, note: "系统自动办理，无需预约" },
  }),
];
