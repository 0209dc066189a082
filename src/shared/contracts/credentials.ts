import { z } from "zod";

/** Contracts of the credentials module: e-seals, signed documents, e-licenses, objections. */

export const documentIdParam = z.object({ id: z.uuid() });
export const caseIdOnlyParam = z.object({ caseId: z.uuid() });
export const agencyIdParam = z.object({ agencyId: z.coerce.number().int().positive() });
export const sealPictureParam = z.object({
  sealId: z.coerce.number().int().positive(),
  format: z.enum(["svg", "png"]),
});
export const licenseIdentifierParam = z.object({
  identifier: z.string().min(20).max(120).describe("电子证照标识 1.2.156.3005.2.…"),
});
export const guideCodeOnlyParam = z.object({ code: z.string().min(31).max(33) });
export const objectionIdParam = z.object({ id: z.coerce.number().int().positive() });

export const verifyUploadBody = z.object({
  dataBase64: z.string().min(1).max(14_000_000).describe("待核验的 PDF（base64）"),
});
export const revokeBody = z.object({ reason: z.string().trim().min(1).max(500).describe("注销理由") });
export const objectionBody = z.object({
  reason: z.string().trim().min(1).max(1000).describe("异议理由"),
  requestedFields: z.record(z.string(), z.string().max(500)).optional().describe("请求更正的字段"),
});
export const resolveObjectionBody = z.object({
  decision: z.enum(["correct", "reject"]),
  resolution: z.string().trim().min(1).max(1000),
  fields: z.record(z.string(), z.string().max(500)).optional(),
});

export const rootKeyResponse = z.object({
  keyId: z.number(),
  algorithm: z.string(),
  signatureAlgorithm: z.string(),
  publicKey: z.string(),
  createdAt: z.string(),
});
