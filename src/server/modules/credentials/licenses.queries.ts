import { sql, type Insertable, type Kysely } from "kysely";
import type { Database, LicenseObjectionsTable, LicensesTable, LicenseTypesTable } from "../../db/tables.js";

export async function findLicenseTypeByKey(db: Kysely<Database>, key: string) {
  return db.selectFrom("license_types").selectAll().where("key", "=", key).executeTakeFirst();
}

export async function findLicenseTypeById(db: Kysely<Database>, id: number) {
  return db.selectFrom("license_types").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

export async function listLicenseTypeRows(db: Kysely<Database>) {
  return db.selectFrom("license_types").selectAll().orderBy("type_code").execute();
}

export async function insertLicenseType(db: Kysely<Database>, row: Insertable<LicenseTypesTable>) {
  await db.insertInto("license_types").values(row).execute();
}

/** The applicant as a license holder (this module reads the account's identity columns itself). */
export async function findHolderAccount(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "kind", "display_name", "id_number_enc", "id_number_bidx", "credit_code"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function nextLicenseSequence(
  db: Kysely<Database>,
  issuerAgencyId: number,
  typeId: number,
  year: number,
): Promise<number> {
  const r = await db
    .insertInto("license_number_counters")
    .values({ issuer_agency_id: issuerAgencyId, type_id: typeId, year, last_seq: 1 })
    .onConflict((oc) =>
      oc
        .columns(["issuer_agency_id", "type_id", "year"])
        .doUpdateSet({ last_seq: sql`license_number_counters.last_seq + 1` }),
    )
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return r.last_seq;
}

export async function insertLicense(db: Kysely<Database>, row: Insertable<LicensesTable>) {
  await db.insertInto("licenses").values(row).execute();
}

export async function findLicenseByCase(db: Kysely<Database>, caseId: string) {
  return db.selectFrom("licenses").select(["id"]).where("case_id", "=", caseId).executeTakeFirst();
}

export async function findLicenseByIdentifier(db: Kysely<Database>, identifier: string) {
  return db.selectFrom("licenses").selectAll().where("identifier", "=", identifier).executeTakeFirst();
}

export async function findLicenseById(db: Kysely<Database>, id: string) {
  return db.selectFrom("licenses").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listLicensesOfHolder(db: Kysely<Database>, holderBidx: string) {
  return db
    .selectFrom("licenses")
    .selectAll()
    .where("holder_bidx", "=", holderBidx)
    .orderBy("issued_at", "desc")
    .execute();
}

export async function revokeLicenseRow(
  db: Kysely<Database>,
  id: string,
  at: Date,
  reason: string,
): Promise<boolean> {
  const r = await db
    .updateTable("licenses")
    .set({ status: "revoked", revoked_at: at, revocation_reason: reason })
    .where("id", "=", id)
    .where("status", "=", "valid")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertObjection(db: Kysely<Database>, row: Insertable<LicenseObjectionsTable>) {
  return db.insertInto("license_objections").values(row).returning("id").executeTakeFirstOrThrow();
}

export async function findObjection(db: Kysely<Database>, id: number) {
  return db.selectFrom("license_objections").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findOpenObjection(db: Kysely<Database>, licenseId: string) {
  return db
    .selectFrom("license_objections")
    .select("id")
    .where("license_id", "=", licenseId)
    .where("status", "=", "open")
    .executeTakeFirst();
}

export async function closeObjection(
  db: Kysely<Database>,
  id: number,
  patch: {
    status: "corrected" | "rejected";
    resolution: string;
    resolved_by: string;
    resolved_at: Date;
    corrected_license_id: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable("license_objections")
    .set(patch)
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
