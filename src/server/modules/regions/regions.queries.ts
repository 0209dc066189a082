import { sql, type Kysely } from "kysely";
import type { Database, RegionRow } from "../../db/tables.js";
import { noteGuideSourceWrite } from "../catalog/guide-sources.js";

export async function findRegion(db: Kysely<Database>, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom("regions").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function findRegions(db: Kysely<Database>, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom("regions").selectAll().where("code", "in", codes).orderBy("level").execute();
}

export async function listChildren(
  db: Kysely<Database>,
  parentCode: string,
  afterCode: string | undefined,
  limit: number,
): Promise<RegionRow[]> {
  let q = db.selectFrom("regions").selectAll().where("parent_code", "=", parentCode);
  if (afterCode !== undefined) q = q.where("code", ">", afterCode);
  return q.orderBy("code").limit(limit).execute();
}

export async function countChildren(db: Kysely<Database>, parentCode: string): Promise<number> {
  const row = await db
    .selectFrom("regions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("parent_code", "=", parentCode)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Name search within a subtree; exact and prefix matches first, then by level and code. */
export async function searchRegions(
  db: Kysely<Database>,
  q: string,
  within: string | undefined,
  level: number | undefined,
  limit: number,
): Promise<RegionRow[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  let query = db.selectFrom("regions").selectAll().where("name", "like", pattern);
  if (within !== undefined) query = query.where("code", "like", `${within}%`);
  if (level !== undefined) query = query.where("level", "=", level as 1 | 2 | 3 | 4 | 5);
  return query
    .orderBy(sql`case when name = ${q} then 0 when name like ${`${q}%`} then 1 else 2 end`)
    .orderBy("level")
    .orderBy("code")
    .limit(limit)
    .execute();
}

export async function countByLevel(db: Kysely<Database>, root: string): Promise<Record<number, number>> {
  const rows = await db
    .selectFrom("regions")
    .select(["level", (eb) => eb.fn.countAll<number>().as("n")])
    .where("code", "like", `${root}%`)
    .groupBy("level")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

export async function upsertRegions(db: Kysely<Database>, rows: RegionRow[]): Promise<void> {
  if (rows.length === 0) return;
  noteGuideSourceWrite();
  await db
    .insertInto("regions")
    .values(rows)
    .onConflict((oc) =>
      oc.column("code").doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        level: eb.ref("excluded.level"),
        parent_code: eb.ref("excluded.parent_code"),
      })),
    )
    .execute();
}
