import type { Kysely } from "kysely";
import type { Database } from "../../db/tables.js";

/** Marks the appointment reminded unless it already was; whether this call marked it. */
export async function markRemindedOnce(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("appointments")
    .set({ reminded_at: at })
    .where("id", "=", id)
    .where("reminded_at", "is", null)
    .where("status", "=", "booked")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The appointment with its hall's name, for the reminder text. */
export async function findAppointmentForReminder(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("appointments as a")
    .innerJoin("venues as v", "v.id", "a.venue_id")
    .select([
      "a.id",
      "a.applicant_id",
      "a.guide_code",
      "a.slot_date",
      "a.slot_start",
      "a.status",
      "v.name as venue_name",
    ])
    .where("a.id", "=", id)
    .executeTakeFirst();
}
