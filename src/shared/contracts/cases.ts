import { z } from "zod";
import { isIsoDate } from "../calendar.js";

const material = z.object({
  key: z.string().min(1).max(64),
  fileName: z.string().max(200).optional(),
  contentType: z.string().max(100).optional(),
  dataBase64: z
    .string()
    .max(8_000_000)
    .optional()
    .describe("文件内容（base64），PDF / JPEG / PNG，单个不超过 5 MB"),
  reference: z.string().max(200).optional().describe("电子证照或共享数据的引用（免证办）"),
});

export const applyBody = z.object({
  guideCode: z.string().min(31).max(33).describe("实施编码或业务办理项编码"),
  formData: z.record(z.string(), z.unknown()).default({}),
  materials: z.array(material).max(50).default([]),
  applicantId: z.uuid().optional().describe("窗口收件：申请人的用户编号"),
  isAssisted: z.boolean().optional().describe("帮办代办"),
  commitment: z.boolean().optional().describe("告知承诺：申请人承诺符合条件（仅限实行告知承诺制的事项）"),
  useLicenses: z.boolean().optional().describe("免证办：同意调用本人持有的电子证照代替上传"),
});

export const caseIdParam = z.object({ id: z.string().max(40) });
export const lockVersion = z
  .number()
  .int()
  .min(0)
  .optional()
  .describe("读取时的 lockVersion；他人已处理则返回 409");

export const acceptBody = z.object({
  outcome: z
    .enum(["accepted", "corrected_then_accepted", "tolerance", "not_ours", "not_catalogued"])
    .describe("条例第十八条的五种结果之一"),
  competentAgency: z.string().max(100).optional(),
  corrections: z.array(z.string().min(1).max(200)).max(20).optional(),
  missingMaterialKeys: z.array(z.string().max(64)).max(20).optional(),
  supplementDays: z.number().int().min(1).max(30).optional(),
  reason: z.string().max(2000).optional(),
  lockVersion,
});

export const supplementBody = z.object({
  materials: z
    .array(material.required({ contentType: true, dataBase64: true }))
    .min(1)
    .max(20),
});

export const versionOnlyBody = z.object({ lockVersion }).default({});
export const suspendBody = z.object({
  kind: z.enum(["correction", "hearing", "inspection", "expert_review"]),
  reason: z.string().min(1).max(2000),
  lockVersion,
});
export const extendBody = z.object({
  days: z.number().int().min(1).max(60),
  reason: z.string().min(1).max(2000),
  lockVersion,
});
export const decideBody = z.object({
  decision: z.enum(["approve", "deny"]),
  reason: z.string().max(4000).optional(),
  lockVersion,
});
export const withdrawBody = z.object({ reason: z.string().max(2000).optional(), lockVersion }).default({});

export const caseResponse = z
  .object({
    id: z.string(),
    caseNumber: z.string().describe("统一办件编码"),
    itemName: z.string(),
    guideCode: z.string(),
    guideVersionId: z.number(),
    agencyId: z.number(),
    handlingRegionCode: z.string(),
    receivingRegionCode: z.string(),
    applicantId: z.string(),
    channel: z.string(),
    isAssisted: z.boolean(),
    status: z.string(),
    acceptanceOutcome: z.string().nullable(),
    caseKind: z.string(),
    formData: z.record(z.string(), z.unknown()),
    submittedAt: z.string(),
    acceptedOn: z.string().nullable(),
    legalDue: z.string().nullable(),
    promisedDue: z.string().nullable(),
    extensionDays: z.number(),
    pausedWorkdays: z.number(),
    pausedSince: z.string().nullable(),
    warningLevel: z.string(),
    toleranceDue: z.string().nullable(),
    toleranceMissing: z.array(z.string()).nullable(),
    decision: z.string().nullable(),
    decisionReason: z.string().nullable(),
    lockVersion: z.number(),
    materials: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        source: z.string(),
        fileName: z.string().nullable(),
        contentType: z.string().nullable(),
        sizeBytes: z.number().nullable(),
        sm3: z.string().nullable(),
        reference: z.string().nullable(),
        isSupplement: z.boolean(),
      }),
    ),
    history: z.array(
      z.object({
        action: z.string(),
        fromStatus: z.string().nullable(),
        toStatus: z.string(),
        actorId: z.string().nullable(),
        comment: z.string().nullable(),
        at: z.string(),
      }),
    ),
    notices: z.array(
      z.object({
        id: z.number(),
        kind: z.string(),
        title: z.string(),
        content: z.unknown(),
        issuedAt: z.string(),
      }),
    ),
    isCommitment: z.boolean(),
    payment: z
      .object({
        amountFen: z.number(),
        items: z.unknown(),
        status: z.string(),
        receiptNumber: z.string().nullable(),
        paidAt: z.string().nullable(),
      })
      .nullable(),
    postCheck: z
      .object({ dueDate: z.string(), status: z.string(), findings: z.string().nullable() })
      .nullable(),
    canWithdraw: z.boolean(),
  })
  .meta({ id: "Case" });

export const caseListQuery = z.object({
  status: z
    .enum([
      "submitted",
      "accepted",
      "under_review",
      "suspended",
      "approved",
      "denied",
      "delivered",
      "withdrawn",
      "not_accepted",
      "revoked",
    ])
    .optional(),
  warning: z.enum(["normal", "yellow", "red"]).optional(),
  item: z.string().min(31).max(31).optional().describe("事项（实施编码）"),
  from: z
    .string()
    .refine(isIsoDate, { message: "calendar.invalidDate" })
    .optional()
    .describe("申请日期起（含）"),
  to: z
    .string()
    .refine(isIsoDate, { message: "calendar.invalidDate" })
    .optional()
    .describe("申请日期止（含）"),
  before: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const caseListResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      caseNumber: z.string(),
      itemName: z.string(),
      status: z.string(),
      warningLevel: z.string(),
      channel: z.string(),
      agencyId: z.number(),
      submittedAt: z.string(),
      promisedDue: z.string().nullable(),
    }),
  ),
  nextBefore: z.string().nullable(),
});

export const forwardBody = z.object({
  toAgencyId: z.number().int().positive(),
  opinion: z.string().min(1).max(2000),
  lockVersion,
});
export const noticeParams = z.object({
  id: z.string().max(40),
  noticeId: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
});

export const postCheckBody = z.object({ passed: z.boolean(), findings: z.string().min(1).max(4000) });
