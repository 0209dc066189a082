import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/tables.js";

/** A user's grants with their agency and region names, oldest first. */
export async function listGrantDetails(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("role_grants as g")
    .innerJoin("agencies as a", "a.id", "g.agency_id")
    .leftJoin("regions as r", "r.code", "g.region_code")
    .select([
      "g.id",
      "g.role",
      "g.agency_id",
      "a.name as agency_name",
      "g.region_code",
      "r.name as region_name",
      "g.granted_at",
      "g.granted_by",
    ])
    .where("g.user_id", "=", userId)
    .orderBy("g.id")
    .execute();
}

export async function findGrant(db: Kysely<Database>, userId: string, role: Role, agencyId: number) {
  return db
    .selectFrom("role_grants")
    .selectAll()
    .where("user_id", "=", userId)
    .where("role", "=", role)
    .where("agency_id", "=", agencyId)
    .forUpdate()
    .executeTakeFirst();
}

/** Inserts a grant; undefined when the same (user, role, agency) already exists. */
export async function insertGrantReturning(
  db: Kysely<Database>,
  g: { user_id: string; role: Role; agency_id: number; region_code: string; granted_by: string | null },
) {
  return db
    .insertInto("role_grants")
    .values(g)
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
}

export async function deleteGrant(db: Kysely<Database>, id: number): Promise<boolean> {
  const r = await db.deleteFrom("role_grants").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
