import type { Insertable, Kysely } from "kysely";
import { inScope } from "../../db/scope.js";
import type { ComplaintRow, ComplaintsTable, ComplaintStatus, Database } from "../../db/tables.js";

export async function insertComplaint(db: Kysely<Database>, c: Insertable<ComplaintsTable>): Promise<void> {
  await db.insertInto("complaints").values(c).execute();
}

export async function findComplaint(db: Kysely<Database>, id: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom("complaints").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateComplaintIfVersion(
  db: Kysely<Database>,
  id: string,
  lockVersion: number,
  patch: Partial<Omit<ComplaintRow, "id" | "lock_version">>,
): Promise<boolean> {
  const r = await db
    .updateTable("complaints")
    .set({ ...patch, lock_version: lockVersion + 1 })
    .where("id", "=", id)
    .where("lock_version", "=", lockVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listComplaints(
  db: Kysely<Database>,
  f: {
    complainantId?: string;
    scope?: { regionRoots: string[]; agencyIds: number[] };
    status?: ComplaintStatus;
    overdueOn?: string;
    limit: number;
  },
) {
  let q = db
    .selectFrom("complaints")
    .select([
      "id",
      "number",
      "channel",
      "category",
      "status",
      "agency_id",
      "region_code",
      "due_date",
      "created_at",
    ]);
  if (f.complainantId !== undefined) q = q.where("complainant_id", "=", f.complainantId);
  if (f.scope !== undefined) q = q.where(inScope("region_code", "agency_id", f.scope));
  if (f.status !== undefined) q = q.where("status", "=", f.status);
  if (f.overdueOn !== undefined) q = q.where("status", "=", "dispatched").where("due_date", "<", f.overdueOn);
  return q.orderBy("created_at", "desc").limit(f.limit).execute();
}

/**
 * Counts one hit in a fixed window and returns the count so far (atomic UPSERT): rate limits that
 * hold across instances.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<number> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        count: eb
          .case()
          .when("rate_limits.window_start", "=", windowStart)
          .then(eb("rate_limits.count", "+", 1))
          .else(1)
          .end(),
        window_start: windowStart,
      })),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  return row.count;
}
