import type { Kysely } from "kysely";
import type { Database } from "../db/tables.js";

export async function readMeta(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom("platform_meta").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function writeMeta(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto("platform_meta")
    .values({ key, value: json })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at: new Date() }))
    .execute();
}

export async function listRegionNames(db: Kysely<Database>, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom("regions").select(["code", "name"]).where("code", "in", codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function listChildCodes(db: Kysely<Database>, parent: string): Promise<string[]> {
  const rows = await db
    .selectFrom("regions")
    .select("code")
    .where("parent_code", "=", parent)
    .orderBy("code")
    .execute();
  return rows.map((r) => r.code);
}
