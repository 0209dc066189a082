import type { Kysely } from "kysely";
import type { z } from "zod";
import type { RuleViolation } from "../../../shared/catalog-rules.js";
import { AppError } from "../../../shared/errors.js";
import type { CatalogEntryRow, CatalogVersionRow, Database, SignoffKind } from "../../db/tables.js";

/**
 * A catalog layer owned by a module that depends on the catalog (bundles: 一件事). The catalog
 * stores, versions and publishes its entries and runs their change requests like any other; the
 * owning module registers what only it knows (content schema, code, rules, what publication does)
 * when the app is built, so that the catalog never imports it (no cycle).
 */
export interface CatalogLayerExtension {
  /** Content schema; the content must carry a `name`. */
  schema: z.ZodType<{ name: string }>;
  /** The entry's stable code and where it is set, from the drafting agency and the content. */
  identity(
    agency: { id: number; regionCode: string },
    content: { name: string },
  ): { code: string; regionCode: string };
  /** What the entry's projection shows as its type (catalog_entries.item_type). */
  itemType: string;
  /** Every rule a version must pass before publication (办法 15–16, 18, 21 for bundles). */
  rules(db: Kysely<Database>, entry: CatalogEntryRow, content: { name: string }): Promise<RuleViolation[]>;
  /** Listing tags of a published version. */
  tags(content: { name: string }): string[];
  /** Sign-offs a change request of this layer needs before approval. */
  requiredSignoffs: readonly SignoffKind[];
  /** Further writes when a version is published, in the publishing transaction. */
  onPublish?(trx: Kysely<Database>, entry: CatalogEntryRow, version: CatalogVersionRow): Promise<void>;
}

export type ExtensionLayer = "bundle";

const extensions = new Map<ExtensionLayer, CatalogLayerExtension>();

/** Registers (or replaces) the owner of an extension layer. Idempotent. */
export function registerCatalogLayer(layer: ExtensionLayer, extension: CatalogLayerExtension): void {
  extensions.set(layer, extension);
}

/** @throws AppError VALIDATION_FAILED when no module registered the layer. */
export function catalogLayerExtension(layer: ExtensionLayer): CatalogLayerExtension {
  const ext = extensions.get(layer);
  if (ext === undefined)
    throw new AppError("VALIDATION_FAILED", "catalog.contentInvalid", {}, [
      { path: "layer", message: `layer ${layer} is not available` },
    ]);
  return ext;
}
