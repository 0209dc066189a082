import { z } from "zod";
import { caseResponse } from "./cases.js";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "assist.badDate" });
const guideCode = z.string().min(31).max(33);

export const assistMaterial = z.object({
  key: z.string().min(1).max(64),
  fileName: z.string().max(200).optional(),
  contentType: z.string().max(100).optional(),
  dataBase64: z.string().max(8_000_000).optional().describe("文件内容（base64）；预审时可只给 sizeBytes"),
  sizeBytes: z.number().int().min(0).max(100_000_000).optional().describe("文件大小（仅预审，上传前）"),
  reference: z.string().max(200).optional().describe("电子证照（license:…）或共享数据（shared:…）的引用"),
  issuedOn: date.optional().describe("材料的签发日期"),
  validUntil: date.optional().describe("材料的有效期至"),
});

export const assistApplicationBody = z.object({
  guideCode,
  formData: z.record(z.string(), z.unknown()).default({}),
  materials: z.array(assistMaterial).max(50).default([]),
  commitment: z.boolean().optional(),
  usePrefill: z.boolean().default(true).describe("用身份信息、共享数据和电子证照补齐未填的项"),
});

export const guideCodeQuery = z.object({ guideCode });

export const prefillResponse = z.object({
  guideCode: z.string(),
  formData: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  fields: z.array(z.object({ key: z.string(), label: z.string(), source: z.string() })),
  materials: z.array(
    z.object({ key: z.string(), name: z.string(), reference: z.string(), source: z.string() }),
  ),
  missing: z.array(z.object({ key: z.string(), name: z.string(), kind: z.string() })),
});

const issue = z.object({
  path: z.string(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
});
export const preReviewResponse = z.object({
  isReady: z.boolean(),
  issues: z.array(issue),
  formData: z.record(z.string(), z.unknown()),
  materials: z.array(z.object({ key: z.string(), reference: z.string() })),
});

const check = z.object({
  label: z.string(),
  fact: z.string(),
  passed: z.boolean(),
  actual: z.union([z.string(), z.number(), z.boolean()]).nullable(),
});
export const assistApplyResponse = z.object({
  case: caseResponse,
  isReplay: z.boolean(),
  instantApproval: z.object({ outcome: z.enum(["approved", "referred"]), checks: z.array(check) }).nullable(),
  warnings: z.array(issue),
});

export const instantRulesBody = z.object({
  rules: z.unknown().describe("[{ fact: 'shared.age', op: 'gte', value: 80, label: '年满 80 周岁' }, …]"),
  isEnabled: z.boolean().default(true),
});
export const instantRulesResponse = z.object({
  guideCode: z.string(),
  rules: z.array(z.record(z.string(), z.unknown())),
  isEnabled: z.boolean(),
});
export const guideCodeParam = z.object({ code: guideCode });
export const revokeBody = z.object({ reason: z.string().trim().min(4).max(2000) });
export const reportQuery = z.object({
  region: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, { message: "search.badRegion" }),
  from: date,
  to: date,
});
const counts = z.object({
  approved: z.number(),
  referred: z.number(),
  revoked: z.number(),
  totalCases: z.number(),
});
export const reportResponse = z.object({
  region: z.string(),
  from: z.string(),
  to: z.string(),
  totals: counts,
  items: z.array(counts.extend({ guideCode: z.string(), itemName: z.string() })),
});
