import type { Kysely } from "kysely";
import type { Database } from "../../db/tables.js";

export async function insertPins(
  db: Kysely<Database>,
  rows: { bundle_version_id: number; item_key: string; guide_entry_id: number; guide_version_id: number }[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto("bundle_item_pins")
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function listPins(db: Kysely<Database>, bundleVersionId: number) {
  return db
    .selectFrom("bundle_item_pins")
    .selectAll()
    .where("bundle_version_id", "=", bundleVersionId)
    .execute();
}
