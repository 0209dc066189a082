import type { Insertable, Kysely } from "kysely";
import type { AgencySealsTable, Database } from "../../db/tables.js";

export async function findActiveRootKey(db: Kysely<Database>) {
  return db.selectFrom("platform_root_keys").selectAll().where("is_active", "=", true).executeTakeFirst();
}

export async function findRootKey(db: Kysely<Database>, id: number) {
  return db.selectFrom("platform_root_keys").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Inserts the root key unless another transaction did first (then nothing). */
export async function insertRootKey(
  db: Kysely<Database>,
  row: { public_key: string; private_key_enc: string; created_at: Date },
): Promise<void> {
  await db
    .insertInto("platform_root_keys")
    .values({ ...row, is_active: true })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function findActiveSeal(db: Kysely<Database>, agencyId: number) {
  return db
    .selectFrom("agency_seals")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("status", "=", "active")
    .executeTakeFirst();
}

export async function findSeal(db: Kysely<Database>, id: number) {
  return db.selectFrom("agency_seals").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAgencySeals(db: Kysely<Database>, agencyId: number) {
  return db
    .selectFrom("agency_seals")
    .select(["id", "seal_code", "name", "valid_from", "valid_to", "status", "created_at", "retired_at"])
    .where("agency_id", "=", agencyId)
    .orderBy("id")
    .execute();
}

export async function countAgencySeals(db: Kysely<Database>, agencyId: number): Promise<number> {
  const r = await db
    .selectFrom("agency_seals")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("agency_id", "=", agencyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertSeal(db: Kysely<Database>, row: Insertable<AgencySealsTable>) {
  return db.insertInto("agency_seals").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function retireSeal(db: Kysely<Database>, id: number, at: Date): Promise<void> {
  await db
    .updateTable("agency_seals")
    .set({ status: "retired", retired_at: at })
    .where("id", "=", id)
    .where("status", "=", "active")
    .execute();
}
