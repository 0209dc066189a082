import { z } from "zod";

const regionCode = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, { message: "search.badRegion" });

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(100).describe("关键词：事项名称、俗称、拼音或拼音首字母"),
  region: regionCode.optional().describe("区划：本级及下级的事项，以及上级（自治区、地州）事项"),
  type: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .describe("事项类型（A.1）"),
  agency: z.coerce.number().int().positive().optional().describe("实施机构"),
  tag: z.string().max(40).optional().describe("标签，如 fully_online"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const guideHit = z.object({
  code: z.string(),
  name: z.string(),
  agencyId: z.number().nullable(),
  agencyName: z.string(),
  regionCode: z.string(),
  itemType: z.string(),
  itemTypeName: z.string(),
  tags: z.array(z.string()),
  popularity: z.number(),
  score: z.number(),
});
const faqHit = z.object({ id: z.number(), question: z.string(), answer: z.string(), basicCode: z.string() });
const bundleHit = z.object({ code: z.string(), name: z.string(), score: z.number() });

export const searchResponse = z.object({
  query: z.string(),
  expansions: z.array(z.object({ phrase: z.string(), terms: z.array(z.string()) })),
  guides: z.array(guideHit),
  faqs: z.array(faqHit),
  bundles: z.array(bundleHit).describe("一件事（由一件事模块接入）"),
});

export const navigateQuery = z.object({
  need: z.string().trim().min(1).max(200).describe("用大白话说要办的事，如 我想开饭馆"),
  region: regionCode.optional(),
});
export const navigateResponse = z.object({
  need: z.string(),
  summary: z.string(),
  steps: z.array(z.object({ item: z.string(), because: z.string(), guide: guideHit.nullable() })),
  bundles: z.array(bundleHit),
});

export const basicCodeParam = z.object({
  basicCode: z.string().regex(/^[0-9A-Z]{12}$/, { message: "search.itemNotFound" }),
});
export const faqBody = z.object({
  question: z.string().trim().min(4).max(200),
  answer: z.string().trim().min(2).max(4000),
});
export const faqResponse = faqHit;
export const faqListResponse = z.object({ items: z.array(faqHit) });
export const reindexResponse = z.object({ guides: z.number(), faqs: z.number() });
