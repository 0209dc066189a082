import { z } from "zod";
import { isIsoDate } from "../calendar.js";
import { regionLevelOf } from "../regions.js";

const id = (key: "catalog.entryNotFound" | "catalog.versionNotFound" | "catalog.crNotFound") =>
  z
    .string()
    .regex(/^\d{1,12}$/, { message: key })
    .transform(Number);
const isoDate = z.string().refine(isIsoDate, { message: "calendar.invalidDate" });
const regionCode = z
  .string()
  .refine((c) => regionLevelOf(c) !== undefined, { message: "regions.invalidCode" });

export const layer = z.enum(["power", "basic", "spec", "guide", "bundle"]);

export const entryIdParam = z.object({ id: id("catalog.entryNotFound") });
export const versionIdParam = z.object({ id: id("catalog.versionNotFound") });
export const crIdParam = z.object({ id: id("catalog.crNotFound") });

export const createDraftBody = z.object({
  layer,
  agencyId: z
    .number()
    .int()
    .positive()
    .describe("起草部门（基本目录、实施规范）或实施机构（办事指南、权责清单）"),
  regionCode: regionCode.optional().describe("基本目录设立层级的区划：65 / 6531 / 653101"),
  basicCode: z.string().max(12).optional().describe("所属基本目录编码（实施规范、办事指南、权责清单）"),
  content: z
    .unknown()
    .describe("按层级的内容：basicItemContent / specificationContent / guideContent / powerEntryContent"),
});

export const contentBody = z.object({ content: z.unknown() });

export const entry = z
  .object({
    id: z.number(),
    layer,
    code: z.string(),
    basicCode: z.string().nullable(),
    agencyId: z.number().nullable(),
    regionCode: z.string(),
    lineCode: z.string().nullable(),
    exerciseLevel: z.string().nullable(),
    name: z.string(),
    itemType: z.string(),
    itemTypeName: z.string(),
    tags: z.array(z.string()),
    status: z.enum(["draft", "active", "abolished"]),
    currentVersionId: z.number().nullable(),
  })
  .meta({ id: "CatalogEntry" });

export const version = z
  .object({
    id: z.number(),
    versionNo: z.number(),
    status: z.enum(["draft", "in_review", "published", "superseded", "abolished"]),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    contentDigest: z.string().describe("内容的 SM3 摘要"),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: "CatalogVersion" });

export const entryWithVersion = z.object({ entry, version });
export const versionWithContent = z.object({ entry, version, content: z.unknown() });
export const history = z.object({ entry, versions: z.array(version) });

export const violation = z.object({ path: z.string(), rule: z.string(), message: z.string() });
export const checkResponse = z.object({ isValid: z.boolean(), violations: z.array(violation) });

export const diffQuery = z.object({ from: id("catalog.versionNotFound"), to: id("catalog.versionNotFound") });
export const diffResponse = z.object({
  from: version,
  to: version,
  changes: z.array(
    z.object({
      type: z.enum(["CREATE", "REMOVE", "CHANGE"]),
      path: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export const fileChangeRequestBody = z.object({
  entryId: z.number().int().positive(),
  versionId: z.number().int().positive().optional(),
  kind: z.enum(["add", "modify", "split", "abolish"]),
  triggerSituation: z.number().int().min(1).max(5).describe("办法第九条第（一）至（五）项"),
  triggerDate: isoDate.describe("触发变更的情形发生之日"),
  reason: z.string().trim().min(2).max(2000),
  basisDocuments: z
    .array(z.object({ title: z.string().min(2).max(200), number: z.string().max(100).optional() }))
    .default([]),
  opinions: z
    .array(z.object({ agency: z.string().min(2).max(100), opinion: z.string().min(1).max(2000) }))
    .default([]),
  touchesFunctions: z
    .boolean()
    .default(false)
    .describe("涉及部门职能调整（含多部门一件事），须机构编制部门意见"),
});

export const signoffBody = z.object({ isApproved: z.boolean(), comment: z.string().max(2000).optional() });
export const extensionBody = z.object({ reason: z.string().trim().min(2).max(2000) });
export const decisionBody = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().max(2000).optional(),
  effectiveFrom: isoDate.optional(),
});
export const resubmitBody = z.object({ reason: z.string().max(2000).optional() });

const deadlines = {
  id: z.number(),
  filedOn: z.string(),
  filingDue: z.string(),
  isLateFiling: z.boolean().describe("超过触发之日起 10 个工作日才提交"),
  reviewDue: z.string(),
  extendedReviewDue: z.string().nullable(),
  isReviewOverdue: z.boolean(),
  reviewWorkdaysLeft: z.number(),
};

export const changeRequestSummary = z.object({
  ...deadlines,
  kind: z.string(),
  layer: z.string(),
  status: z.string(),
  round: z.number(),
  code: z.string(),
  name: z.string(),
});

export const changeRequestDetail = z.object({
  ...deadlines,
  kind: z.string(),
  layer: z.string(),
  status: z.string(),
  round: z.number(),
  entryId: z.number(),
  versionId: z.number().nullable(),
  triggerSituation: z.number(),
  triggerDate: z.string(),
  reason: z.string(),
  basisDocuments: z.unknown(),
  opinions: z.unknown(),
  touchesFunctions: z.boolean(),
  decisionComment: z.string().nullable(),
  signoffs: z.array(
    z.object({
      kind: z.string(),
      kindName: z.string(),
      isApproved: z.boolean(),
      comment: z.string().nullable(),
      signedAt: z.string(),
    }),
  ),
  history: z.array(
    z.object({
      action: z.string(),
      actorId: z.string().nullable(),
      comment: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const changeRequestListQuery = z.object({
  status: z.enum(["submitted", "rejected", "approved", "withdrawn"]).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const owedQuery = z.object({ status: z.enum(["open", "fulfilled"]).default("open") });
export const owedResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      layer: z.string(),
      entryId: z.number(),
      code: z.string(),
      name: z.string(),
      agencyId: z.number().nullable(),
      regionCode: z.string(),
      sourceCode: z.string(),
      sourceVersionNo: z.number(),
      dueDate: z.string(),
      isFulfilled: z.boolean(),
      isOverdue: z.boolean(),
      workdaysLeft: z
        .number()
        .int()
        .nullable()
        .describe(
          "距期限的工作日（按事项所在区划的工作日历，含节假日、调休和地方假日）：今天为最后一天为 0，超期为负数；已完成或超出节假日数据范围为 null",
        ),
    }),
  ),
});

export const guideCodeParam = z.object({ code: z.string().max(40) });
export const guideQuery = z.object({ version: z.coerce.number().int().positive().optional() });
const tag = z.object({ code: z.string(), name: z.string() });

export const guideResponse = z
  .object({
    code: z.string().describe("实施编码（31 位）"),
    handlingCode: z.string().nullable().describe("业务办理项编码（33 位）"),
    basicCode: z.string().nullable(),
    versionId: z.number(),
    versionNo: z.number(),
    status: z.string(),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    isCurrent: z.boolean(),
    agency: z
      .object({
        id: z.number(),
        name: z.string(),
        creditCode: z.string(),
        regionCode: z.string(),
        regionName: z.string(),
      })
      .nullable(),
    tags: z.array(tag),
    inheritance: z
      .object({
        inheritedMaterials: z.array(z.string()),
        addedMaterials: z.array(z.string()),
        inheritedFields: z.array(z.string()),
        addedFields: z.array(z.string()),
      })
      .nullable()
      .describe("相对实施规范：继承与本级增加的要素（办法第二十条）"),
    content: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Guide" });

export const guideListQuery = z.object({
  region: regionCode.optional().describe("区划及其下级"),
  type: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe("事项类型（A.1）"),
  tag: z.string().max(40).optional(),
  q: z.string().trim().max(50).optional(),
  agencyId: z.coerce.number().int().positive().optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const guideListResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      itemType: z.string(),
      itemTypeName: z.string(),
      regionCode: z.string(),
      agencyId: z.number(),
      agencyName: z.string(),
      tags: z.array(tag),
      versionId: z.number(),
      versionNo: z.number(),
      effectiveFrom: z.string().nullable(),
    }),
  ),
  nextAfter: z.number().nullable(),
});

export const excelQuery = z.object({
  kind: z.enum(["basic", "guide"]),
  region: regionCode.optional(),
});

export const importResponse = z.object({
  imported: z.number(),
  drafts: z.array(
    z.object({ row: z.number(), code: z.string(), versionId: z.number(), isNewEntry: z.boolean() }),
  ),
});
