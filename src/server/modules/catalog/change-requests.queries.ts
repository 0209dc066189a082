import type { Kysely } from "kysely";
import { inScope } from "../../db/scope.js";
import type { ChangeRequestRow, ChangeRequestsTable, Database, SignoffKind } from "../../db/tables.js";
import type { Insertable } from "kysely";

export async function insertChangeRequest(
  db: Kysely<Database>,
  cr: Insertable<ChangeRequestsTable>,
): Promise<ChangeRequestRow> {
  return db.insertInto("change_requests").values(cr).returningAll().executeTakeFirstOrThrow();
}

export async function findChangeRequest(
  db: Kysely<Database>,
  id: number,
): Promise<ChangeRequestRow | undefined> {
  return db.selectFrom("change_requests").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function lockChangeRequest(
  db: Kysely<Database>,
  id: number,
): Promise<ChangeRequestRow | undefined> {
  return db.selectFrom("change_requests").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function updateChangeRequest(
  db: Kysely<Database>,
  id: number,
  patch: Partial<Omit<ChangeRequestRow, "id">>,
): Promise<void> {
  const { basis_documents: _b, opinions: _o, created_at: _c, ...rest } = patch;
  await db.updateTable("change_requests").set(rest).where("id", "=", id).execute();
}

export async function listSignoffs(db: Kysely<Database>, crId: number, round: number) {
  return db
    .selectFrom("change_request_signoffs")
    .selectAll()
    .where("change_request_id", "=", crId)
    .where("round", "=", round)
    .orderBy("id")
    .execute();
}

export async function insertSignoff(
  db: Kysely<Database>,
  s: {
    change_request_id: number;
    kind: SignoffKind;
    agency_id: number;
    signed_by: string;
    is_approved: boolean;
    comment: string | null;
    round: number;
  },
): Promise<void> {
  await db.insertInto("change_request_signoffs").values(s).execute();
}

export async function insertEvent(
  db: Kysely<Database>,
  e: { change_request_id: number; action: string; actor_id: string | null; comment: string | null },
): Promise<void> {
  await db.insertInto("change_request_events").values(e).execute();
}

export async function listEvents(db: Kysely<Database>, crId: number) {
  return db
    .selectFrom("change_request_events")
    .selectAll()
    .where("change_request_id", "=", crId)
    .orderBy("id")
    .execute();
}

export async function listChangeRequests(
  db: Kysely<Database>,
  f: {
    status?: ChangeRequestRow["status"];
    regionRoots: string[] | "all";
    agencyIds: number[];
    limit: number;
    after?: number;
  },
) {
  let q = db
    .selectFrom("change_requests as c")
    .innerJoin("catalog_entries as e", "e.id", "c.entry_id")
    .select([
      "c.id",
      "c.kind",
      "c.layer",
      "c.status",
      "c.round",
      "c.filed_on",
      "c.filing_due",
      "c.is_late_filing",
      "c.review_due",
      "c.extended_review_due",
      "c.region_code",
      "c.filing_agency_id",
      "e.code",
      "e.name",
    ]);
  if (f.status !== undefined) q = q.where("c.status", "=", f.status);
  const { regionRoots, agencyIds } = f;
  if (regionRoots !== "all")
    q = q.where(inScope("c.region_code", "c.filing_agency_id", { regionRoots, agencyIds }));
  if (f.after !== undefined) q = q.where("c.id", ">", f.after);
  return q.orderBy("c.id").limit(f.limit).execute();
}
