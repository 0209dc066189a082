import { z } from "zod";

/** Contracts of the catalog management screens (workbench): entry lists and the rules' context. */

export const entryListQuery = z.object({
  layer: z.enum(["basic", "spec", "guide", "bundle", "power"]).optional(),
  q: z.string().trim().max(50).optional().describe("名称或编码中包含的文字"),
  after: z.coerce.number().int().min(0).max(1e12).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const entryListResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      layer: z.string(),
      code: z.string(),
      name: z.string(),
      status: z.string(),
      agencyId: z.number().nullable(),
      agencyName: z.string().nullable(),
      regionCode: z.string(),
      currentVersionId: z.number().nullable(),
      currentVersionNo: z.number().nullable(),
      openVersionId: z.number().nullable().describe("未发布的草稿或审核中的版本"),
      openVersionStatus: z.string().nullable(),
      mayEdit: z.boolean().describe("当前用户可编辑（起草部门或实施机构的事项编辑）"),
    }),
  ),
  nextAfter: z.number().nullable(),
});

/** What the pure rules (shared/catalog-rules.ts) need beside the content, for checking in the browser. */
export const ruleContextResponse = z.object({
  layer: z.string(),
  exerciseLevel: z.string().nullable(),
  basic: z.unknown().describe("已发布的基本目录内容（实施规范、办事指南）"),
  spec: z.unknown().describe("本层级已发布的实施规范内容（办事指南）"),
  power: z
    .object({ content: z.unknown().describe("null：实施机构的权责清单中没有该事项") })
    .nullable()
    .describe("实施机构权责清单条目（仅办事指南）"),
});
