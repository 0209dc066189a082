import type { Kysely } from "kysely";
import type { Database } from "../db/tables.js";

/** A staff account and its grants, to act as it in the demo seed. */
export async function findStaffForSeed(db: Kysely<Database>, loginName: string) {
  const user = await db
    .selectFrom("users")
    .select(["id", "agency_id"])
    .where("login_name", "=", loginName)
    .executeTakeFirst();
  if (user === undefined) return undefined;
  const grants = await db
    .selectFrom("role_grants")
    .select(["role", "agency_id", "region_code"])
    .where("user_id", "=", user.id)
    .execute();
  return {
    id: user.id,
    agencyId: user.agency_id,
    grants: grants.map((g) => ({ role: g.role, agencyId: g.agency_id, regionCode: g.region_code })),
  };
}

export async function findApplicantIdByCreditCode(
  db: Kysely<Database>,
  creditCode: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("credit_code", "=", creditCode)
    .executeTakeFirst();
  return row?.id;
}
