import type { Kysely, Updateable } from "kysely";
import type { AgenciesTable, Database } from "../../db/tables.js";

/** An active agency with its parent's id and name (administration view). */
export async function findAgencyWithParent(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("agencies as a")
    .innerJoin("regions as r", "r.code", "a.region_code")
    .leftJoin("functional_lines as l", "l.code", "a.line_code")
    .leftJoin("agencies as p", "p.id", "a.parent_agency_id")
    .select([
      "a.id",
      "a.name",
      "a.credit_code",
      "a.region_code",
      "r.name as region_name",
      "a.kind",
      "a.line_code",
      "l.name as line_name",
      "a.phone",
      "a.address",
      "a.parent_agency_id",
      "p.name as parent_name",
    ])
    .where("a.id", "=", id)
    .where("a.is_active", "=", true)
    .executeTakeFirst();
}

/** id, region and parent of an agency (active or not): for the parent-chain check. */
export async function findAgencyLink(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("agencies")
    .select(["id", "region_code", "parent_agency_id", "is_active"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function otherAgencyWith(
  db: Kysely<Database>,
  id: number,
  where: { creditCode?: string; regionCode?: string; name?: string },
): Promise<boolean> {
  let q = db.selectFrom("agencies").select("id").where("id", "<>", id);
  if (where.creditCode !== undefined) q = q.where("credit_code", "=", where.creditCode);
  if (where.regionCode !== undefined) q = q.where("region_code", "=", where.regionCode);
  if (where.name !== undefined) q = q.where("name", "=", where.name);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function updateAgencyRow(
  db: Kysely<Database>,
  id: number,
  set: Updateable<AgenciesTable>,
): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await db.updateTable("agencies").set(set).where("id", "=", id).execute();
}

export async function listFunctionalLines(db: Kysely<Database>) {
  return db.selectFrom("functional_lines").select(["code", "name"]).orderBy("code").execute();
}
