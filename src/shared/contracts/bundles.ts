import { z } from "zod";
import { isIsoDate } from "../calendar.js";
import { regionLevelOf } from "../regions.js";
import { formField, material } from "./catalog-content.js";

const isoDate = z.string().refine(isIsoDate, { message: "calendar.invalidDate" });
const regionCode = z
  .string()
  .refine((c) => regionLevelOf(c) !== undefined, { message: "regions.invalidCode" });
const itemKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

/** One linked item of a bundle: a guide by its stable 实施编码, pinned to its version at publication. */
export const bundleItemLink = z.object({
  key: itemKey.describe("套餐内的稳定标识"),
  guideCode: z.string().min(31).max(33).describe("办事指南实施编码"),
  name: z.string().trim().min(2).max(100).describe("事项名称（套餐表中的写法）"),
  department: z.string().trim().min(2).max(60).describe("相关部门（套餐表）"),
  limitDays: z.number().int().min(0).max(365).describe("本事项在套餐中的办理时限（工作日）"),
  after: z.array(itemKey).max(30).default([]).describe("须在这些事项准予后办理；为空则并联办理"),
});

/** 一件事 catalog content (SPEC §5). The entry's agency is the lead department. */
export const bundleContent = z.object({
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9-]{2,39}$/)
    .describe("套餐编码，跨版本不变"),
  name: z.string().trim().min(2).max(100),
  event: z.enum(["life", "enterprise"]).describe("个人生命周期 / 企业生命周期事件"),
  eventName: z.string().trim().min(2).max(60).describe("如 企业开办、新生儿出生"),
  leadDepartment: z.string().trim().min(2).max(60).describe("牵头部门（套餐表中的写法）"),
  coAgencyIds: z.array(z.number().int().positive()).max(30).describe("协同部门（机构）"),
  items: z.array(bundleItemLink).min(1).max(30),
  dataPushes: z
    .array(z.object({ from: itemKey, to: itemKey, data: z.string().trim().min(2).max(200) }))
    .max(60)
    .default([])
    .describe("部门间数据推送节点"),
  targetLimitDays: z.number().int().min(0).max(365).describe("压缩后的总办理时限（工作日）"),
  hallNotifiedOn: isoDate.describe("通知政务服务大厅之日"),
  goLiveOn: isoDate.describe("上线施行之日（通知后至少 10 个工作日，办法 21）"),
  notes: z.array(z.string().max(500)).max(30).default([]),
});
export type BundleContent = z.infer<typeof bundleContent>;
export type BundleContentInput = z.input<typeof bundleContent>;

export const bundleListQuery = z.object({
  region: regionCode.describe("区划：本级及上级施行的一件事"),
  event: z.enum(["life", "enterprise"]).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const tag = z.object({ code: z.string(), name: z.string() });

export const bundleListResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      event: z.string(),
      eventName: z.string(),
      regionCode: z.string(),
      leadAgencyId: z.number(),
      leadAgencyName: z.string(),
      itemCount: z.number(),
      targetLimitDays: z.number(),
      sumOfItemLimits: z.number(),
      tags: z.array(tag),
      versionId: z.number(),
      versionNo: z.number(),
      effectiveFrom: z.string().nullable(),
    }),
  ),
  nextAfter: z.number().nullable(),
});

export const bundleCodeParam = z.object({ code: z.string().max(40) });
export const bundleQuery = z.object({ version: z.coerce.number().int().positive().optional() });

const target = z.object({ itemKey: z.string(), key: z.string() });

export const bundleGuideResponse = z
  .object({
    entryId: z.number(),
    code: z.string(),
    name: z.string(),
    versionId: z.number(),
    versionNo: z.number(),
    status: z.string(),
    isCurrent: z.boolean(),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    regionCode: z.string(),
    isOneThing: z.literal(true).describe("一件事标识"),
    tags: z.array(tag),
    event: z.string(),
    eventName: z.string(),
    lead: z.object({ agencyId: z.number(), name: z.string(), department: z.string() }),
    coDepartments: z.array(z.object({ agencyId: z.number(), name: z.string() })),
    items: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        guideCode: z.string(),
        guideVersionNo: z.number(),
        agencyId: z.number(),
        agencyName: z.string(),
        limitDays: z.number(),
        promisedLimitDays: z.number(),
        legalLimitDays: z.number().nullable(),
        after: z.array(z.string()),
        resultName: z.string(),
      }),
    ),
    stages: z.array(z.array(z.string())).describe("并联办理的阶段：同一阶段内的事项同时办理"),
    dataPushes: z.array(z.object({ from: z.string(), to: z.string(), data: z.string() })),
    targetLimitDays: z.number(),
    criticalPathDays: z.number(),
    sumOfItemLimits: z.number(),
    form: z.array(
      formField.extend({
        key: z.string().describe("合并表单的字段键：语义键，或 <事项键>__<字段键>"),
        targets: z.array(target).describe("该字段填入的各事项字段"),
      }),
    ),
    materials: z.array(
      material.extend({
        key: z.string().describe("合并材料键：语义键，或 <事项键>__<材料键>"),
        targets: z.array(target).describe("该材料满足的各事项材料"),
      }),
    ),
    acceptanceConditions: z.array(z.object({ itemKey: z.string(), text: z.string() })),
    notes: z.array(z.string()),
    goLiveOn: z.string(),
  })
  .meta({ id: "BundleGuide" });
export type BundleGuide = z.infer<typeof bundleGuideResponse>;

export const bundleApplyBody = z.object({
  formData: z.record(z.string(), z.unknown()),
  materials: z
    .array(
      z.object({
        key: z.string().max(80),
        fileName: z.string().max(200).optional(),
        contentType: z.string().max(100).optional(),
        dataBase64: z.string().max(7_000_000).optional(),
        reference: z.string().max(200).optional(),
      }),
    )
    .max(100)
    .default([]),
  applicantId: z.uuid().optional(),
  isAssisted: z.boolean().optional(),
  useLicenses: z.boolean().optional().describe("免证办：同意调用本人持有的电子证照和共享数据代替上传"),
});

export const applicationIdParam = z.object({ id: z.string().max(40) });

export const bundleApplicationResponse = z
  .object({
    id: z.string(),
    caseNumber: z.string(),
    kind: z.string(),
    refCode: z.string(),
    title: z.string(),
    applicantId: z.string(),
    receivingRegionCode: z.string(),
    leadAgencyId: z.number().nullable(),
    channel: z.string(),
    status: z.string(),
    statusName: z.string(),
    promisedDue: z.string().nullable(),
    submittedAt: z.string(),
    completedAt: z.string().nullable(),
    subCases: z.array(
      z.object({
        caseId: z.string(),
        caseNumber: z.string(),
        itemName: z.string(),
        guideCode: z.string(),
        agencyId: z.number(),
        agencyName: z.string(),
        status: z.string(),
        decision: z.string().nullable(),
        promisedDue: z.string().nullable(),
        lockVersion: z.number(),
        waitsFor: z.array(z.string()),
        isWaiting: z.boolean(),
        notices: z.array(
          z.object({ kind: z.string(), title: z.string(), content: z.unknown(), issuedAt: z.string() }),
        ),
      }),
    ),
    isReplay: z.boolean().describe("重复提交（同一 Idempotency-Key）时为 true"),
  })
  .meta({ id: "BundleApplication" });

export const bundleMetricsQuery = z.object({ region: regionCode });
export const bundleMetricsResponse = z.object({
  region: z.string(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      regionCode: z.string(),
      applications: z.number(),
      concluded: z.number(),
      completed: z.number(),
      averageWorkdays: z.number().nullable().describe("已办结申请的平均端到端工作日"),
      targetLimitDays: z.number(),
      sumOfItemLimits: z.number().describe("逐项办理各事项时限之和"),
      savedWorkdays: z.number().nullable().describe("各事项时限之和减平均端到端工作日"),
    }),
  ),
});
