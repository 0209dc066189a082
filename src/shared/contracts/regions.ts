import { z } from "zod";
import { regionLevelOf } from "../regions.js";

export const regionCodeParam = z.object({
  code: z.string().refine((c) => regionLevelOf(c) !== undefined, { message: "regions.invalidCode" }),
});

export const region = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.number().int().min(1).max(5).describe("1 自治区 2 地州市 3 县市区 4 乡镇街道 5 村社区"),
    parentCode: z.string().nullable(),
  })
  .meta({ id: "Region" });

export const regionWithChain = region.extend({
  chain: z.array(region).describe("自上而下的上级区划（不含自身）"),
  childCount: z.number().int(),
});

export const childrenQuery = z.object({
  after: z
    .string()
    .regex(/^\d{2,12}$/, { message: "regions.invalidCode" })
    .optional()
    .describe("翻页：上一页最后一个代码"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const childrenResponse = z.object({
  items: z.array(region),
  nextAfter: z.string().nullable(),
});

export const searchQuery = z.object({
  q: z.string().trim().min(1, { message: "regions.emptyQuery" }).max(50),
  within: z
    .string()
    .refine((c) => regionLevelOf(c) !== undefined, { message: "regions.invalidCode" })
    .optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchResponse = z.object({
  items: z.array(
    region.extend({ path: z.string().describe("完整名称，如 新疆维吾尔自治区/喀什地区/喀什市") }),
  ),
});
