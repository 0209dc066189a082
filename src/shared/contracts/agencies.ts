import { z } from "zod";
import { AGENCY_KINDS, VENUE_KINDS, type AgencyKindCode, type VenueKindCode } from "../agencies.js";
import { regionLevelOf } from "../regions.js";

const regionCode = z
  .string()
  .refine((c) => regionLevelOf(c) !== undefined, { message: "regions.invalidCode" });
const agencyKinds = Object.keys(AGENCY_KINDS) as [AgencyKindCode, ...AgencyKindCode[]];
const venueKinds = Object.keys(VENUE_KINDS) as [VenueKindCode, ...VenueKindCode[]];

export const venue = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(venueKinds),
  kindName: z.string(),
  regionCode: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});

export const agency = z
  .object({
    id: z.number().int(),
    name: z.string(),
    creditCode: z.string().describe("统一社会信用代码"),
    regionCode: z.string(),
    regionName: z.string(),
    kind: z.enum(agencyKinds),
    kindName: z.string(),
    lineCode: z.string().nullable().describe("条线"),
    lineName: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
  })
  .meta({ id: "Agency" });

export const agencyDetail = agency.extend({ venues: z.array(venue) });

export const agencyIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,12}$/, { message: "agencies.invalidId" })
    .transform(Number),
});

export const listAgenciesQuery = z.object({
  within: regionCode.optional().describe("区划及其下级"),
  region: regionCode.optional().describe("恰好该区划"),
  line: z.string().max(40).optional(),
  kind: z.enum(agencyKinds).optional(),
  q: z.string().trim().max(50).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const listAgenciesResponse = z.object({ items: z.array(agency), nextAfter: z.number().nullable() });

export const counterpartsResponse = z.object({
  agency,
  upper: z.array(agency).describe("上级对口部门（自上而下）"),
  lower: z.array(agency).describe("下级对口部门"),
});

export const createAgencyBody = z.object({
  name: z.string().trim().min(2).max(100),
  creditCode: z.string().trim(),
  regionCode,
  kind: z.enum(agencyKinds),
  lineCode: z.string().max(40).nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  address: z.string().max(200).nullable().optional(),
  parentAgencyId: z.number().int().positive().max(1e12).nullable().optional().describe("上级机构"),
});

export type CreateAgencyBody = z.infer<typeof createAgencyBody>;
export type ListAgenciesQuery = z.infer<typeof listAgenciesQuery>;
