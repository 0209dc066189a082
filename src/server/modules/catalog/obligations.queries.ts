import type { Kysely } from "kysely";
import { inScope } from "../../db/scope.js";
import type { CatalogLayer, Database } from "../../db/tables.js";

export async function createObligations(
  db: Kysely<Database>,
  sourceVersionId: number,
  entryIds: number[],
  layer: CatalogLayer,
  dueDate: string,
): Promise<void> {
  if (entryIds.length === 0) return;
  await db
    .insertInto("catalog_obligations")
    .values(
      entryIds.map((entry_id) => ({
        source_version_id: sourceVersionId,
        entry_id,
        layer,
        due_date: dueDate,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function fulfilObligations(
  db: Kysely<Database>,
  entryId: number,
  versionId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable("catalog_obligations")
    .set({ fulfilled_at: now, fulfilled_version_id: versionId })
    .where("entry_id", "=", entryId)
    .where("fulfilled_at", "is", null)
    .execute();
}

export async function listObligations(
  db: Kysely<Database>,
  f: { isOpen: boolean; regionRoots: string[] | "all"; agencyIds: number[] },
) {
  let q = db
    .selectFrom("catalog_obligations as o")
    .innerJoin("catalog_entries as e", "e.id", "o.entry_id")
    .innerJoin("catalog_versions as sv", "sv.id", "o.source_version_id")
    .innerJoin("catalog_entries as se", "se.id", "sv.entry_id")
    .select([
      "o.id",
      "o.layer",
      "o.due_date",
      "o.fulfilled_at",
      "e.id as entry_id",
      "e.code",
      "e.name",
      "e.agency_id",
      "e.region_code",
      "se.code as source_code",
      "sv.version_no as source_version_no",
    ]);
  q = f.isOpen ? q.where("o.fulfilled_at", "is", null) : q.where("o.fulfilled_at", "is not", null);
  const { regionRoots, agencyIds } = f;
  if (regionRoots !== "all") q = q.where(inScope("e.region_code", "e.agency_id", { regionRoots, agencyIds }));
  return q.orderBy("o.due_date").orderBy("o.id").limit(500).execute();
}
