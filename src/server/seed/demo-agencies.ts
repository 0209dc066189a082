import { withCreditCheckChar } from "../../shared/codes/credit-code.js";
import type { AgencyKind } from "../db/tables.js";

/**
 * Demo agencies: the 政务服务管理机构 and the line departments named in
 * shared/data/kashgar-18-bundles.json, at 自治区 (65), 喀什地区 (6531) and each of its 12
 * county-level units, with realistic names. Credit codes are generated (not real) and pass GB 32100.
 */
export const FUNCTIONAL_LINES = [
  { code: "government_services", name: "政务服务管理" },
  { code: "market_regulation", name: "市场监管" },
  { code: "public_security", name: "公安" },
  { code: "taxation", name: "税务" },
  { code: "human_resources", name: "人力资源和社会保障" },
  { code: "housing_fund", name: "住房公积金" },
  { code: "medical_security", name: "医疗保障" },
  { code: "housing_construction", name: "住房和城乡建设" },
  { code: "natural_resources", name: "自然资源" },
  { code: "health", name: "卫生健康" },
  { code: "civil_affairs", name: "民政" },
  { code: "veterans_affairs", name: "退役军人事务" },
  { code: "education", name: "教育" },
  { code: "forestry", name: "林业和草原" },
  { code: "urban_management", name: "城市管理" },
  { code: "fire_rescue", name: "消防救援" },
  { code: "disabled_persons", name: "残疾人工作" },
  { code: "transport", name: "交通运输" },
  { code: "development_reform", name: "发展改革" },
  { code: "power_supply", name: "电力供应" },
  { code: "central_bank", name: "人民银行" },
  { code: "military_service", name: "兵役" },
  { code: "justice", name: "司法行政" },
  { code: "staffing", name: "机构编制" },
] as const;

export type LineCode = (typeof FUNCTIONAL_LINES)[number]["code"];

type Level = "region" | "prefecture" | "county";

interface LineNaming {
  line: LineCode;
  kind: AgencyKind;
  /** Name at each level; `{r}` is the region's name. Omitted = no such agency at that level. */
  names: Partial<Record<Level, string>>;
}

export const LINE_NAMING: LineNaming[] = [
  {
    line: "government_services",
    kind: "service_admin",
    names: { region: "{r}数字化发展局", prefecture: "{r}数字化发展局", county: "{r}数字化发展局" },
  },
  {
    line: "market_regulation",
    kind: "line_department",
    names: { region: "{r}市场监督管理局", prefecture: "{r}市场监督管理局", county: "{r}市场监督管理局" },
  },
  {
    line: "public_security",
    kind: "line_department",
    names: { region: "{r}公安厅", prefecture: "{r}公安局", county: "{r}公安局" },
  },
  {
    line: "taxation",
    kind: "line_department",
    names: {
      region: "国家税务总局{r}税务局",
      prefecture: "国家税务总局{r}税务局",
      county: "国家税务总局{r}税务局",
    },
  },
  {
    line: "human_resources",
    kind: "line_department",
    names: {
      region: "{r}人力资源和社会保障厅",
      prefecture: "{r}人力资源和社会保障局",
      county: "{r}人力资源和社会保障局",
    },
  },
  {
    line: "housing_fund",
    kind: "implementing",
    names: {
      region: "{r}住房公积金管理中心",
      prefecture: "{r}住房公积金管理中心",
      county: "{p}住房公积金管理中心{r}管理部",
    },
  },
  {
    line: "medical_security",
    kind: "line_department",
    names: { region: "{r}医疗保障局", prefecture: "{r}医疗保障局", county: "{r}医疗保障局" },
  },
  {
    line: "housing_construction",
    kind: "line_department",
    names: {
      region: "{r}住房和城乡建设厅",
      prefecture: "{r}住房和城乡建设局",
      county: "{r}住房和城乡建设局",
    },
  },
  {
    line: "natural_resources",
    kind: "line_department",
    names: { region: "{r}自然资源厅", prefecture: "{r}自然资源局", county: "{r}自然资源局" },
  },
  {
    line: "health",
    kind: "line_department",
    names: { region: "{r}卫生健康委员会", prefecture: "{r}卫生健康委员会", county: "{r}卫生健康委员会" },
  },
  {
    line: "civil_affairs",
    kind: "line_department",
    names: { region: "{r}民政厅", prefecture: "{r}民政局", county: "{r}民政局" },
  },
  {
    line: "veterans_affairs",
    kind: "line_department",
    names: { region: "{r}退役军人事务厅", prefecture: "{r}退役军人事务局", county: "{r}退役军人事务局" },
  },
  {
    line: "education",
    kind: "line_department",
    names: { region: "{r}教育厅", prefecture: "{r}教育局", county: "{r}教育局" },
  },
  {
    line: "forestry",
    kind: "line_department",
    names: { region: "{r}林业和草原局", prefecture: "{r}林业和草原局", county: "{r}林业和草原局" },
  },
  {
    line: "urban_management",
    kind: "line_department",
    names: { prefecture: "{r}城市管理局", county: "{r}城市管理局" },
  },
  {
    line: "fire_rescue",
    kind: "implementing",
    names: { region: "{r}消防救援总队", prefecture: "{r}消防救援支队", county: "{r}消防救援大队" },
  },
  {
    line: "disabled_persons",
    kind: "implementing",
    names: { region: "{r}残疾人联合会", prefecture: "{r}残疾人联合会", county: "{r}残疾人联合会" },
  },
  {
    line: "transport",
    kind: "line_department",
    names: { region: "{r}交通运输厅", prefecture: "{r}交通运输局", county: "{r}交通运输局" },
  },
  {
    line: "development_reform",
    kind: "line_department",
    names: {
      region: "{r}发展和改革委员会",
      prefecture: "{r}发展和改革委员会",
      county: "{r}发展和改革委员会",
    },
  },
  {
    line: "power_supply",
    kind: "public_utility",
    names: {
      region: "国网新疆电力有限公司",
      prefecture: "国网新疆电力有限公司喀什供电公司",
      county: "国网喀什供电公司{r}供电分公司",
    },
  },
  {
    line: "central_bank",
    kind: "implementing",
    names: { region: "中国人民银行新疆维吾尔自治区分行", prefecture: "中国人民银行喀什地区分行" },
  },
  { line: "military_service", kind: "implementing", names: { county: "{r}人民武装部" } },
  {
    line: "justice",
    kind: "justice",
    names: { region: "{r}司法厅", prefecture: "{r}司法局", county: "{r}司法局" },
  },
  {
    line: "staffing",
    kind: "staffing",
    names: {
      region: "中共{r}委员会机构编制委员会办公室",
      prefecture: "中共{r}委员会机构编制委员会办公室",
      county: "中共{r}委员会机构编制委员会办公室",
    },
  },
];

/** Demo townships with a 便民服务中心 (town government as operating agency). */
export const DEMO_TOWNSHIPS = ["653101001", "653101100", "653121100", "653125100"] as const;

/** 18 credit-code characters: 1 机关 + 1 类别 + 6 区划 + 9 主体标识 (demo) + check. */
export function demoCreditCode(category: "11" | "12" | "91", regionCode: string, seq: number): string {
  const region6 = regionCode.padEnd(6, "0").slice(0, 6);
  const body = `MB${String(seq).padStart(6, "0")}X`;
  return withCreditCheckChar(`${category}${region6}${body}`.slice(0, 17));
}
