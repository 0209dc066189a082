import { sql, type Kysely } from "kysely";
import type { CatalogLayer, Database } from "../../db/tables.js";
import { inScope } from "../../db/scope.js";

/** Catalog entries within a staff member's catalog scope, keyset-paged by id (the editor's list). */
export async function listEntriesInScope(
  db: Kysely<Database>,
  f: {
    layer?: CatalogLayer;
    q?: string;
    after?: number;
    limit: number;
    scope: { regionRoots: string[]; agencyIds: number[] } | "all";
  },
) {
  let q = db
    .selectFrom("catalog_entries as e")
    .leftJoin("agencies as a", "a.id", "e.agency_id")
    .leftJoin("catalog_versions as cv", "cv.id", "e.current_version_id")
    .select([
      "e.id",
      "e.layer",
      "e.code",
      "e.name",
      "e.status",
      "e.agency_id",
      "e.region_code",
      "e.current_version_id",
      "a.name as agency_name",
      "cv.version_no as current_version_no",
    ]);
  if (f.scope !== "all") q = q.where(inScope("e.region_code", "e.agency_id", f.scope));
  if (f.layer !== undefined) q = q.where("e.layer", "=", f.layer);
  if (f.q !== undefined && f.q !== "") {
    const text = f.q;
    q = q.where(sql<boolean>`(position(${text} in e.name) > 0 or position(${text} in e.code) > 0)`);
  }
  if (f.after !== undefined) q = q.where("e.id", ">", f.after);
  return q.orderBy("e.id").limit(f.limit).execute();
}

/** The open (draft or in-review) version of each entry, if any. */
export async function openVersionsOf(db: Kysely<Database>, entryIds: number[]) {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom("catalog_versions")
    .select(["id", "entry_id", "status"])
    .where("entry_id", "in", entryIds)
    .where("status", "in", ["draft", "in_review"])
    .execute();
}

/** The active basic catalog item of this name (the demo seed's owed updates). */
export async function findActiveBasicByName(db: Kysely<Database>, name: string) {
  return db
    .selectFrom("catalog_entries")
    .selectAll()
    .where("layer", "=", "basic")
    .where("name", "=", name)
    .where("status", "=", "active")
    .orderBy("id")
    .executeTakeFirst();
}
