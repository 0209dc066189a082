import type { Kysely } from "kysely";
import type { CalendarOverride, IsoDate } from "../../../shared/calendar.js";
import type { CalendarOverrideRow, Database } from "../../db/tables.js";

export async function listDeclaredYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom("calendar_years").select("year").orderBy("year").execute();
  return rows.map((r) => r.year);
}

/** Overrides of the given regions ('' = national) within [from, to]. */
export async function listOverrides(
  db: Kysely<Database>,
  regionCodes: string[],
  from: IsoDate,
  to: IsoDate,
): Promise<CalendarOverride[]> {
  const rows = await db
    .selectFrom("calendar_overrides")
    .select(["day", "region_code", "is_workday", "name"])
    .where("region_code", "in", regionCodes)
    .where("day", ">=", from)
    .where("day", "<=", to)
    .execute();
  return rows.map((r) => ({ day: r.day, regionCode: r.region_code, isWorkday: r.is_workday, name: r.name }));
}

export async function findOverride(
  db: Kysely<Database>,
  day: IsoDate,
  regionCode: string,
): Promise<CalendarOverrideRow | undefined> {
  return db
    .selectFrom("calendar_overrides")
    .selectAll()
    .where("day", "=", day)
    .where("region_code", "=", regionCode)
    .executeTakeFirst();
}

export async function upsertOverride(
  db: Kysely<Database>,
  o: CalendarOverride & { createdBy: string | null },
): Promise<CalendarOverrideRow> {
  return db
    .insertInto("calendar_overrides")
    .values({
      day: o.day,
      region_code: o.regionCode,
      is_workday: o.isWorkday,
      name: o.name,
      created_by: o.createdBy,
    })
    .onConflict((oc) =>
      oc
        .columns(["day", "region_code"])
        .doUpdateSet({ is_workday: o.isWorkday, name: o.name, created_by: o.createdBy }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteOverride(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom("calendar_overrides").where("id", "=", id).execute();
}

export async function insertDeclaredYear(
  db: Kysely<Database>,
  year: number,
  source: string,
  declaredBy: string | null,
): Promise<void> {
  await db.insertInto("calendar_years").values({ year, source, declared_by: declaredBy }).execute();
}
