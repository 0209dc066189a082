import { sql, type Kysely } from "kysely";
import { POWER_ITEM_TYPES, type ItemTypeCode } from "../../../shared/catalog.js";
import type { GuideContent } from "../../../shared/contracts/catalog-content.js";
import type { CatalogLayer, Database } from "../../db/tables.js";
import { parseContent } from "./catalog.content.js";
import {
  entriesOfBasic,
  findEntry,
  findEntryByCode,
  findVersion,
  findVersionByNo,
} from "./catalog.queries.js";

/**
 * What modules that link catalog entries (bundles) read of the catalog, through the catalog's own
 * queries. Every function takes the caller's `db` or transaction.
 */

export interface LinkedGuideFacts {
  entryId: number;
  code: string;
  name: string;
  status: "draft" | "active" | "abolished";
  regionCode: string;
  agencyId: number | null;
  basicCode: string | null;
  /** The current published version, if any. */
  version: { id: number; versionNo: number; content: GuideContent } | undefined;
  /** 行政权力 items need the implementing agency in the power list (办法 17–18). */
  isPowerItem: boolean;
  /** Agencies holding an active power-list entry for the same basic item, with their regions. */
  powerHolders: { agencyId: number; regionCode: string }[];
}

/** A guide by its 实施编码 with its current published version and the power holders of its item. */
export async function linkedGuideFacts(
  db: Kysely<Database>,
  code: string,
): Promise<LinkedGuideFacts | undefined> {
  const entry = await findEntryByCode(db, "guide", code);
  if (entry === undefined) return undefined;
  const v = entry.current_version_id === null ? undefined : await findVersion(db, entry.current_version_id);
  const powers =
    entry.basic_code === null
      ? []
      : (await entriesOfBasic(db, entry.basic_code, "power")).filter((p) => p.status === "active");
  return {
    entryId: entry.id,
    code: entry.code,
    name: entry.name,
    status: entry.status,
    regionCode: entry.region_code,
    agencyId: entry.agency_id,
    basicCode: entry.basic_code,
    version:
      v === undefined || v.status !== "published"
        ? undefined
        : { id: v.id, versionNo: v.version_no, content: parseContent("guide", v.content) },
    isPowerItem: POWER_ITEM_TYPES.includes(entry.item_type as ItemTypeCode),
    powerHolders: powers.map((p) => ({ agencyId: p.agency_id ?? 0, regionCode: p.region_code })),
  };
}

/** A guide version by id (what a bundle version pinned). */
export async function guideVersionFacts(db: Kysely<Database>, versionId: number) {
  const v = await findVersion(db, versionId);
  const entry = v === undefined ? undefined : await findEntry(db, v.entry_id);
  if (v === undefined || entry?.layer !== "guide") return undefined;
  return {
    entryId: entry.id,
    code: entry.code,
    agencyId: entry.agency_id ?? 0,
    regionCode: entry.region_code,
    versionId: v.id,
    versionNo: v.version_no,
    status: v.status,
    content: parseContent("guide", v.content),
  };
}

/** An entry of a layer by code with its current version, or the version `versionNo`. */
export async function entryWithVersion(
  db: Kysely<Database>,
  layer: CatalogLayer,
  code: string,
  versionNo: number | undefined,
) {
  const entry = await findEntryByCode(db, layer, code);
  if (entry === undefined) return undefined;
  const version =
    versionNo === undefined
      ? entry.current_version_id === null
        ? undefined
        : await findVersion(db, entry.current_version_id)
      : await findVersionByNo(db, entry.id, versionNo);
  if (version === undefined) return undefined;
  return { entry, version };
}

/**
 * Published entries of a layer in force on `today` (published version, effective, and for bundles
 * their go-live date reached) set at one of `regionCodes` or, with `regionWithin`, anywhere below a
 * region; keyset-paged by entry id.
 */
export async function listEntriesInForce(
  db: Kysely<Database>,
  f: {
    layer: CatalogLayer;
    regionCodes?: string[];
    regionWithin?: string;
    today: string;
    /** A top-level content field that must equal a value (e.g. a bundle's event). */
    contentField?: { key: string; value: string };
    after?: number;
    limit: number;
  },
) {
  let q = db
    .selectFrom("catalog_entries as e")
    .innerJoin("catalog_versions as v", "v.id", "e.current_version_id")
    .select([
      "e.id",
      "e.code",
      "e.name",
      "e.region_code",
      "e.agency_id",
      "e.tags",
      "v.id as version_id",
      "v.version_no",
      "v.effective_from",
      "v.content",
    ])
    .where("e.layer", "=", f.layer)
    .where("e.status", "=", "active")
    .where("v.status", "=", "published")
    .where((eb) => eb.or([eb("v.effective_from", "is", null), eb("v.effective_from", "<=", f.today)]))
    .where(sql<boolean>`coalesce(v.content->>'goLiveOn', '0000-00-00') <= ${f.today}`);
  if (f.contentField !== undefined)
    q = q.where(sql<boolean>`v.content->>${f.contentField.key} = ${f.contentField.value}`);
  if (f.regionCodes !== undefined) q = q.where("e.region_code", "in", f.regionCodes);
  if (f.regionWithin !== undefined) q = q.where("e.region_code", "like", `${f.regionWithin}%`);
  if (f.after !== undefined) q = q.where("e.id", ">", f.after);
  return q.orderBy("e.id").limit(f.limit).execute();
}
