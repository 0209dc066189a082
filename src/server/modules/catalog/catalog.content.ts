import type { z } from "zod";
import {
  basicItemContent,
  guideContent,
  powerEntryContent,
  specificationContent,
  type BasicItemContent,
  type GuideContent,
  type PowerEntryContent,
  type SpecificationContent,
} from "../../../shared/contracts/catalog-content.js";
import { AppError, type FieldIssue } from "../../../shared/errors.js";
import type { CatalogLayer } from "../../db/tables.js";
import { catalogLayerExtension } from "./catalog.extensions.js";

export type LayerContent = {
  power: PowerEntryContent;
  basic: BasicItemContent;
  spec: SpecificationContent & { name: string; itemType: string };
  guide: GuideContent;
  /** Extension layers (catalog.extensions.ts): validated by their owner's schema. */
  bundle: { name: string };
};

const specWithName = specificationContent.extend({
  name: basicItemContent.shape.name,
  itemType: basicItemContent.shape.itemType,
});

const SCHEMAS: Record<Exclude<CatalogLayer, "bundle">, z.ZodType> = {
  power: powerEntryContent,
  basic: basicItemContent,
  spec: specWithName,
  guide: guideContent,
};

/**
 * Validates a version's content against its layer's schema.
 * @throws AppError VALIDATION_FAILED with one issue per field (paths under `content.`).
 */
export function parseContent<L extends CatalogLayer>(layer: L, raw: unknown): LayerContent[L] {
  const schema =
    layer === "bundle" ? catalogLayerExtension(layer).schema : SCHEMAS[layer as Exclude<L, "bundle">];
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details: FieldIssue[] = result.error.issues.map((i) => ({
      path: ["content", ...i.path.map(String)].join("."),
      message: i.message,
    }));
    throw new AppError("VALIDATION_FAILED", "catalog.contentInvalid", {}, details);
  }
  return result.data as LayerContent[L];
}

/** Tags for filtering guide lists, derived from the content. */
export function tagsOf(layer: CatalogLayer, content: LayerContent[CatalogLayer]): string[] {
  if (layer === "bundle") return catalogLayerExtension(layer).tags(content);
  if (layer !== "guide") return [];
  const g = content as GuideContent;
  const tags: string[] = [];
  if (g.tags.notificationCommitment !== undefined) tags.push("notification_commitment");
  if (g.materials.some((m) => m.isToleratedMissing)) tags.push("tolerance");
  if (g.tags.crossRegion !== "none") tags.push(g.tags.crossRegion);
  if (g.tags.isFullyOnline) tags.push("fully_online");
  if (g.caseKind === "1") tags.push("instant");
  if (g.isInHall) tags.push("in_hall");
  return tags;
}

export const TAG_NAMES: Record<string, string> = {
  notification_commitment: "告知承诺",
  tolerance: "容缺受理",
  xinjiang: "疆内通办",
  cross_province: "跨省通办",
  fully_online: "全程网办",
  instant: "即办件",
  in_hall: "进驻大厅",
  one_thing: "一件事",
};
