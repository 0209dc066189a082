import { z } from "zod";
import { AGENCY_KINDS, type AgencyKindCode } from "../agencies.js";
import { regionLevelOf } from "../regions.js";

/**
 * Contracts of the administration operations (admin SPA): role grants, staff accounts, agency
 * editing and e-seal certificates. Strict and bounded (the fuzzer walks them).
 */
export const ROLE_CODES = [
  "window_clerk",
  "reviewer",
  "approver",
  "catalog_editor",
  "catalog_reviewer",
  "supervisor",
  "admin",
] as const;

const regionCode = z
  .string()
  .max(12)
  .refine((c) => regionLevelOf(c) !== undefined, { message: "regions.invalidCode" });
const agencyKinds = Object.keys(AGENCY_KINDS) as [AgencyKindCode, ...AgencyKindCode[]];

export const staffUserParam = z.object({ id: z.uuid({ message: "identity.invalidUserId" }) });

export const grantBody = z
  .object({
    role: z.enum(ROLE_CODES),
    agencyId: z.number().int().positive().max(1e12).optional().describe("授权机构，缺省为该用户所在机构"),
    regionCode: regionCode.optional().describe("授权范围，缺省为该机构所在区划"),
  })
  .strict();

export const revokeQuery = z
  .object({
    role: z.enum(ROLE_CODES),
    agencyId: z.coerce.number().int().positive().max(1e12),
  })
  .strict();

export const effectiveGrant = z.object({
  id: z.number().int(),
  role: z.enum(ROLE_CODES),
  roleName: z.string(),
  agencyId: z.number().int(),
  agencyName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  scope: z.enum(["agency", "region"]).describe("agency：限于本机构；region：限于该区划及下级"),
  permissions: z.array(z.string()),
  grantedAt: z.string(),
  grantedBy: z.string().nullable(),
});

export const userGrantsResponse = z.object({
  user: z.object({
    id: z.string(),
    loginName: z.string().nullable(),
    displayName: z.string(),
    agencyId: z.number().int().nullable(),
    agencyName: z.string(),
    regionCode: z.string(),
    isActive: z.boolean(),
  }),
  grants: z.array(effectiveGrant),
  revoked: z.boolean().optional().describe("撤销时：是否确有授权被撤销"),
});

export const createStaffBody = z
  .object({
    loginName: z.string().trim().min(3).max(64),
    displayName: z.string().trim().min(1).max(50),
    password: z.string().min(1).max(128),
    agencyId: z.number().int().positive().max(1e12),
    phone: z
      .string()
      .trim()
      .regex(/^1\d{10}$/, { message: "identity.invalidPhone" })
      .optional(),
    grants: z
      .array(z.object({ role: z.enum(ROLE_CODES), regionCode: regionCode.optional() }).strict())
      .max(7)
      .default([]),
  })
  .strict();

export const agencyPatchBody = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    creditCode: z.string().trim().max(18).optional(),
    regionCode: regionCode.optional(),
    kind: z.enum(agencyKinds).optional(),
    lineCode: z.string().max(40).nullable().optional(),
    parentAgencyId: z.number().int().positive().max(1e12).nullable().optional().describe("上级机构"),
    phone: z.string().max(40).nullable().optional(),
    address: z.string().max(200).nullable().optional(),
  })
  .strict();

export const adminAgencyResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: z.enum(agencyKinds),
  kindName: z.string(),
  lineCode: z.string().nullable(),
  lineName: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  parentAgencyId: z.number().int().nullable(),
  parentName: z.string().nullable(),
});

export const functionalLinesResponse = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string() })),
});

export const sealIdParam = z.object({ sealId: z.coerce.number().int().positive().max(1e12) });

export const sealCertificateResponse = z.object({
  sealId: z.number().int(),
  serial: z.string().describe("印章编码（esID）"),
  subject: z.object({
    name: z.string(),
    agencyId: z.number().int(),
    agencyName: z.string(),
    agencyCreditCode: z.string(),
  }),
  issuer: z.object({
    rootKeyId: z.number().int(),
    rootPublicKey: z.string().nullable(),
    rootFingerprint: z.string().nullable(),
  }),
  status: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  retiredAt: z.string().nullable(),
  publicKey: z.string(),
  publicKeyFingerprint: z.string().describe("公钥 SM3 指纹"),
  signatureAlgorithm: z.string(),
  rootSignature: z.string(),
  isCertified: z.boolean().describe("证书经平台根公钥验签通过且公钥一致"),
  certificate: z.record(z.string(), z.unknown()),
});

export type GrantBody = z.infer<typeof grantBody>;
export type CreateStaffBody = z.infer<typeof createStaffBody>;
export type AgencyPatchBody = z.infer<typeof agencyPatchBody>;
