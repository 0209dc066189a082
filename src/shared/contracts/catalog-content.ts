import { z } from "zod";
import {
  CASE_KINDS,
  CHANNELS,
  CROSS_REGION_SCOPES,
  EXERCISE_LEVELS,
  ITEM_TYPES,
  SERVICE_OBJECTS,
} from "../catalog.js";

/**
 * The content of catalog versions: what a basic catalog item, an implementation specification and
 * a service guide (实施清单/办事指南) say. Stored as the JSON of a version; validated by these schemas
 * and by the rules in catalog-rules.ts.
 */

const keys = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const itemType = z.enum(keys(ITEM_TYPES));
export const exerciseLevel = z.enum(keys(EXERCISE_LEVELS));
export const serviceObject = z.enum(keys(SERVICE_OBJECTS));
export const channel = z.enum(keys(CHANNELS));
export const caseKind = z.enum(keys(CASE_KINDS));
export const crossRegionScope = z.enum(keys(CROSS_REGION_SCOPES));

/** 设定依据: a law or regulation and the article. */
export const legalBasis = z.object({
  law: z.string().trim().min(2).max(200).describe("法律法规名称，如《中华人民共和国行政许可法》"),
  article: z.string().trim().min(1).max(200).describe("条款，如 第十二条"),
  text: z.string().max(2000).optional().describe("条文摘录"),
});

/** One application material (条例 12: every material listed, no catch-alls). */
export const material = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,63}$/)
    .describe("稳定标识，跨版本不变"),
  name: z.string().trim().min(2).max(100),
  originals: z.number().int().min(0).max(10).describe("原件份数"),
  copies: z.number().int().min(0).max(10).describe("复印件份数"),
  isRequired: z.boolean(),
  form: z.enum(["paper", "electronic", "paper_or_electronic"]).default("paper_or_electronic"),
  source: z
    .enum(["applicant", "license", "shared_data", "issuing_agency"])
    .describe("来源：申请人自备 / 电子证照 / 共享数据 / 出具单位"),
  licenseTypeCode: z.string().max(40).optional().describe("来源为电子证照时的证照类型"),
  sharedDataKey: z.string().max(60).optional(),
  isToleratedMissing: z.boolean().default(false).describe("容缺受理时可后补"),
  semanticKey: z.string().max(60).optional().describe("跨事项去重的语义键，如 id_card、business_license"),
  templateUrl: z.string().max(300).optional(),
  sampleUrl: z.string().max(300).optional(),
  note: z.string().max(500).optional().describe("填写说明、要求"),
});

export const formField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{1,63}$/),
  label: z.string().trim().min(1).max(60),
  type: z.enum([
    "text",
    "textarea",
    "number",
    "date",
    "select",
    "id_number",
    "credit_code",
    "phone",
    "address",
    "region",
  ]),
  isRequired: z.boolean(),
  options: z.array(z.string().min(1).max(60)).max(100).optional(),
  maxLength: z.number().int().positive().max(5000).optional(),
  semanticKey: z
    .string()
    .max(60)
    .optional()
    .describe("一件事合并表单时的去重键：applicant_name、id_number、address、enterprise_name…"),
});

export const processStep = z.object({
  name: z.string().trim().min(2).max(30).describe("如 受理、审核、办结"),
  description: z.string().max(500),
  limitDays: z.number().int().min(0).max(365).optional(),
});

export const feeItem = z.object({
  name: z.string().min(1).max(100),
  standard: z.string().min(1).max(300),
  amountFen: z
    .number()
    .int()
    .positive()
    .max(100_000_000)
    .optional()
    .describe("按件收费的金额（分），用于网上缴费"),
  basis: z.string().min(2).max(300).describe("收费依据"),
});

export const contact = z.object({
  phone: z.string().max(40).optional(),
  address: z.string().max(200).optional(),
  online: z.string().max(200).optional().describe("网上渠道，如 新疆政务服务网"),
});

/** Tags (办法 24, 27). */
export const guideTags = z.object({
  notificationCommitment: z
    .object({ text: z.string().min(10).max(2000) })
    .optional()
    .describe("告知承诺制及承诺书文本"),
  crossRegion: crossRegionScope.default("none"),
  isFullyOnline: z.boolean().describe("全程网办"),
  onlineNegativeReason: z.string().max(300).optional().describe("列入全程网办负面清单的理由"),
  hallNegativeReason: z.string().max(300).optional().describe("列入进驻大厅负面清单的理由"),
});

export const basicItemContent = z.object({
  name: z.string().trim().min(2).max(100),
  itemType,
  basis: z.array(legalBasis).min(1),
  exerciseLevels: z.array(exerciseLevel).min(1),
  lineCode: z.string().min(2).max(40).describe("主管条线"),
  serviceObjects: z.array(serviceObject).min(1),
  legalLimitDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .nullable()
    .describe("法定办结时限（工作日），无法定时限为 null"),
  subItems: z
    .array(z.object({ code: z.string().regex(/^\d{3}$/), name: z.string().min(2).max(100) }))
    .default([]),
  handlingItems: z
    .array(z.object({ seq: z.number().int().min(1).max(99), name: z.string().min(2).max(100) }))
    .default([]),
});

/** 实施规范: standard elements per line and level that lower implementation lists inherit. */
export const specificationContent = z.object({
  acceptanceConditions: z.array(z.string().min(2).max(500)).min(1),
  materials: z.array(material),
  form: z.array(formField),
  resultName: z.string().min(2).max(100),
  resultKind: z.enum(["license", "document", "notice", "none"]).describe("结果类型：证照 / 文书 / 告知 / 无"),
  licenseTypeCode: z.string().max(40).optional(),
  reviewCriteria: z.array(z.string().min(2).max(500)).min(1),
});

/** 办事指南: every element of 条例 第十二条. */
export const guideContent = specificationContent.extend({
  name: z.string().trim().min(2).max(100),
  itemType,
  basis: z.array(legalBasis).min(1),
  serviceObjects: z.array(serviceObject).min(1),
  legalLimitDays: z.number().int().min(0).max(365).nullable(),
  promisedLimitDays: z.number().int().min(0).max(365),
  caseKind,
  isInHall: z.boolean().describe("是否进驻大厅"),
  channels: z.array(channel).min(1).describe("办理形式"),
  process: z.array(processStep).min(1),
  isJointApproval: z.boolean().default(false).describe("多部门联合审批（流程可至 5 个环节）"),
  fee: z.object({ isFree: z.boolean(), items: z.array(feeItem) }),
  resultSampleUrl: z.string().max(300).optional(),
  appointment: z.object({ isSupported: z.boolean(), note: z.string().max(300).optional() }),
  consultation: contact,
  complaint: contact,
  tags: guideTags,
  handlingItemSeq: z
    .number()
    .int()
    .min(1)
    .max(99)
    .optional()
    .describe("对应的业务办理项序号（生成 33 位编码）"),
  localAdditions: z
    .array(z.string().max(300))
    .default([])
    .describe("本级在实施规范之外增加的要素（办法 20）"),
});

export const powerEntryContent = z.object({
  name: z.string().trim().min(2).max(100),
  itemType,
  basis: z.array(legalBasis).min(1),
});

export type LegalBasis = z.infer<typeof legalBasis>;
export type Material = z.infer<typeof material>;
export type FormField = z.infer<typeof formField>;
export type BasicItemContent = z.infer<typeof basicItemContent>;
export type SpecificationContent = z.infer<typeof specificationContent>;
export type GuideContent = z.infer<typeof guideContent>;
export type GuideContentInput = z.input<typeof guideContent>;
export type PowerEntryContent = z.infer<typeof powerEntryContent>;
