import type { Kysely } from "kysely";
import type { Database } from "../../db/tables.js";

export { findEntryByCode, findVersion } from "./catalog.queries.js";

export async function listEntriesForExport(
  db: Kysely<Database>,
  layer: "basic" | "guide",
  regionWithin: string | undefined,
) {
  let q = db
    .selectFrom("catalog_entries as e")
    .innerJoin("catalog_versions as v", "v.id", "e.current_version_id")
    .leftJoin("agencies as a", "a.id", "e.agency_id")
    .select(["e.code", "e.basic_code", "e.region_code", "a.credit_code", "v.content"])
    .where("e.layer", "=", layer)
    .where("e.status", "=", "active");
  if (regionWithin !== undefined) q = q.where("e.region_code", "like", `${regionWithin}%`);
  return q.orderBy("e.id").limit(20_000).execute();
}
