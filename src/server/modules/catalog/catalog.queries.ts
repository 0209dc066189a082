import { sql, type Kysely } from "kysely";
import type {
  CatalogEntryRow,
  CatalogLayer,
  CatalogVersionRow,
  Database,
  VersionStatus,
} from "../../db/tables.js";
import { noteGuideSourceWrite } from "./guide-sources.js";

export async function findEntry(db: Kysely<Database>, id: number): Promise<CatalogEntryRow | undefined> {
  return db.selectFrom("catalog_entries").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findEntryByCode(
  db: Kysely<Database>,
  layer: CatalogLayer,
  code: string,
): Promise<CatalogEntryRow | undefined> {
  return db
    .selectFrom("catalog_entries")
    .selectAll()
    .where("layer", "=", layer)
    .where("code", "=", code)
    .executeTakeFirst();
}

export async function lockEntry(db: Kysely<Database>, id: number): Promise<CatalogEntryRow | undefined> {
  return db.selectFrom("catalog_entries").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function insertEntry(
  db: Kysely<Database>,
  e: Omit<CatalogEntryRow, "id" | "created_at" | "current_version_id" | "status" | "tags"> & {
    tags?: string[];
  },
): Promise<CatalogEntryRow> {
  noteGuideSourceWrite();
  return db.insertInto("catalog_entries").values(e).returningAll().executeTakeFirstOrThrow();
}

export async function updateEntryProjection(
  db: Kysely<Database>,
  id: number,
  p: {
    name: string;
    item_type: string;
    tags: string[];
    status: "draft" | "active" | "abolished";
    current_version_id: number | null;
  },
): Promise<void> {
  noteGuideSourceWrite();
  await db.updateTable("catalog_entries").set(p).where("id", "=", id).execute();
}

export async function findVersion(db: Kysely<Database>, id: number): Promise<CatalogVersionRow | undefined> {
  return db.selectFrom("catalog_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findVersionByNo(
  db: Kysely<Database>,
  entryId: number,
  versionNo: number,
): Promise<CatalogVersionRow | undefined> {
  return db
    .selectFrom("catalog_versions")
    .selectAll()
    .where("entry_id", "=", entryId)
    .where("version_no", "=", versionNo)
    .executeTakeFirst();
}

export async function listVersions(db: Kysely<Database>, entryId: number): Promise<CatalogVersionRow[]> {
  return db
    .selectFrom("catalog_versions")
    .selectAll()
    .where("entry_id", "=", entryId)
    .orderBy("version_no")
    .execute();
}

export async function nextVersionNo(db: Kysely<Database>, entryId: number): Promise<number> {
  const row = await db
    .selectFrom("catalog_versions")
    .select((eb) => eb.fn.max("version_no").as("n"))
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function openVersionOf(
  db: Kysely<Database>,
  entryId: number,
): Promise<CatalogVersionRow | undefined> {
  return db
    .selectFrom("catalog_versions")
    .selectAll()
    .where("entry_id", "=", entryId)
    .where("status", "in", ["draft", "in_review"])
    .executeTakeFirst();
}

export async function insertVersion(
  db: Kysely<Database>,
  v: {
    entry_id: number;
    version_no: number;
    status: VersionStatus;
    content: string;
    content_digest: string;
    created_by: string | null;
  },
): Promise<CatalogVersionRow> {
  noteGuideSourceWrite();
  return db.insertInto("catalog_versions").values(v).returningAll().executeTakeFirstOrThrow();
}

export async function updateDraftContent(
  db: Kysely<Database>,
  id: number,
  content: string,
  digest: string,
): Promise<void> {
  noteGuideSourceWrite();
  await db
    .updateTable("catalog_versions")
    .set({ content, content_digest: digest })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .execute();
}

export async function setVersionStatus(
  db: Kysely<Database>,
  id: number,
  s: {
    status: VersionStatus;
    effective_from?: string | null;
    effective_to?: string | null;
    published_at?: Date | null;
  },
): Promise<void> {
  noteGuideSourceWrite();
  await db.updateTable("catalog_versions").set(s).where("id", "=", id).execute();
}

/** Raw update attempt, for proving immutability in tests and for nothing else. */
export async function rawSetContent(db: Kysely<Database>, id: number, content: string): Promise<void> {
  noteGuideSourceWrite();
  await db.updateTable("catalog_versions").set({ content }).where("id", "=", id).execute();
}

export async function publishedVersionOf(
  db: Kysely<Database>,
  entryId: number,
): Promise<CatalogVersionRow | undefined> {
  return db
    .selectFrom("catalog_versions")
    .selectAll()
    .where("entry_id", "=", entryId)
    .where("status", "=", "published")
    .executeTakeFirst();
}

/** Active entries of a layer for a basic code (e.g. the guides implementing a basic item). */
export async function entriesOfBasic(
  db: Kysely<Database>,
  basicCode: string,
  layer: CatalogLayer,
): Promise<CatalogEntryRow[]> {
  return db
    .selectFrom("catalog_entries")
    .selectAll()
    .where("basic_code", "=", basicCode)
    .where("layer", "=", layer)
    .where("status", "<>", "abolished")
    .execute();
}

/** Active basic items with this name set at a region (办法 7). */
export async function basicByNameAt(
  db: Kysely<Database>,
  name: string,
  regionCode: string,
): Promise<CatalogEntryRow | undefined> {
  return db
    .selectFrom("catalog_entries")
    .selectAll()
    .where("layer", "=", "basic")
    .where("name", "=", name)
    .where("region_code", "=", regionCode)
    .where("status", "<>", "abolished")
    .executeTakeFirst();
}

export async function maxBasicSequence(db: Kysely<Database>, prefix: string): Promise<number> {
  const row = await db
    .selectFrom("catalog_entries")
    .select((eb) => eb.fn.max(sql<string>`substr(code, 7, 3)`).as("n"))
    .where("layer", "=", "basic")
    .where("code", "like", `${prefix}%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface GuideListFilter {
  regionWithin?: string;
  itemType?: string;
  tag?: string;
  q?: string;
  agencyId?: number;
  after?: number;
  limit: number;
}

export async function listPublishedGuides(db: Kysely<Database>, f: GuideListFilter) {
  let q = db
    .selectFrom("catalog_entries as e")
    .innerJoin("catalog_versions as v", "v.id", "e.current_version_id")
    .innerJoin("agencies as a", "a.id", "e.agency_id")
    .select([
      "e.id",
      "e.code",
      "e.name",
      "e.item_type",
      "e.region_code",
      "e.tags",
      "e.agency_id",
      "a.name as agency_name",
      "v.id as version_id",
      "v.version_no",
      "v.effective_from",
    ])
    .where("e.layer", "=", "guide")
    .where("e.status", "=", "active");
  if (f.regionWithin !== undefined) q = q.where("e.region_code", "like", `${f.regionWithin}%`);
  if (f.itemType !== undefined) q = q.where("e.item_type", "=", f.itemType);
  if (f.tag !== undefined) q = q.where(sql<boolean>`${f.tag} = any(e.tags)`);
  if (f.agencyId !== undefined) q = q.where("e.agency_id", "=", f.agencyId);
  if (f.q !== undefined && f.q !== "")
    q = q.where("e.name", "like", `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.after !== undefined) q = q.where("e.id", ">", f.after);
  return q.orderBy("e.id").limit(f.limit).execute();
}
