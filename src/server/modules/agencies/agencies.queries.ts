import type { Kysely } from "kysely";
import type { AgencyKind, Database, VenueKind } from "../../db/tables.js";
import { noteGuideSourceWrite } from "../catalog/guide-sources.js";

const agencyColumns = [
  "a.id",
  "a.name",
  "a.credit_code",
  "a.region_code",
  "r.name as region_name",
  "a.kind",
  "a.line_code",
  "l.name as line_name",
  "a.phone",
  "a.address",
] as const;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom("agencies as a")
    .innerJoin("regions as r", "r.code", "a.region_code")
    .leftJoin("functional_lines as l", "l.code", "a.line_code")
    .select(agencyColumns)
    .where("a.is_active", "=", true);
}

export type AgencyListRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

export async function findAgency(db: Kysely<Database>, id: number): Promise<AgencyListRow | undefined> {
  return baseQuery(db).where("a.id", "=", id).executeTakeFirst();
}

export async function findAgencyByCreditCode(
  db: Kysely<Database>,
  creditCode: string,
): Promise<{ id: number } | undefined> {
  return db.selectFrom("agencies").select("id").where("credit_code", "=", creditCode).executeTakeFirst();
}

export interface AgencyFilter {
  within?: string;
  region?: string;
  regions?: string[];
  line?: string;
  kind?: AgencyKind;
  q?: string;
  after?: number;
  limit: number;
}

export async function listAgencies(db: Kysely<Database>, f: AgencyFilter): Promise<AgencyListRow[]> {
  let q = baseQuery(db);
  if (f.within !== undefined) q = q.where("a.region_code", "like", `${f.within}%`);
  if (f.region !== undefined) q = q.where("a.region_code", "=", f.region);
  if (f.regions !== undefined) q = q.where("a.region_code", "in", f.regions.length > 0 ? f.regions : [""]);
  if (f.line !== undefined) q = q.where("a.line_code", "=", f.line);
  if (f.kind !== undefined) q = q.where("a.kind", "=", f.kind);
  if (f.q !== undefined && f.q !== "")
    q = q.where("a.name", "like", `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.after !== undefined) q = q.where("a.id", ">", f.after);
  return q.orderBy("a.id").limit(f.limit).execute();
}

export async function listVenues(db: Kysely<Database>, agencyId: number) {
  return db
    .selectFrom("venues")
    .select(["id", "name", "kind", "region_code", "address", "phone"])
    .where("agency_id", "=", agencyId)
    .orderBy("id")
    .execute();
}

export async function lineExists(db: Kysely<Database>, code: string): Promise<boolean> {
  return (
    (await db.selectFrom("functional_lines").select("code").where("code", "=", code).executeTakeFirst()) !==
    undefined
  );
}

export async function insertAgency(
  db: Kysely<Database>,
  a: {
    name: string;
    credit_code: string;
    region_code: string;
    kind: AgencyKind;
    line_code: string | null;
    phone: string | null;
    address: string | null;
    parent_agency_id?: number | null;
  },
): Promise<number> {
  noteGuideSourceWrite();
  const row = await db.insertInto("agencies").values(a).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function agencyNameTaken(
  db: Kysely<Database>,
  regionCode: string,
  name: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("agencies")
    .select("id")
    .where("region_code", "=", regionCode)
    .where("name", "=", name)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertVenue(
  db: Kysely<Database>,
  v: {
    agency_id: number;
    region_code: string;
    name: string;
    kind: VenueKind;
    address: string | null;
    phone: string | null;
  },
): Promise<void> {
  await db
    .insertInto("venues")
    .values(v)
    .onConflict((oc) => oc.columns(["region_code", "name"]).doNothing())
    .execute();
}

export async function upsertLines(
  db: Kysely<Database>,
  lines: { code: string; name: string }[],
): Promise<void> {
  if (lines.length === 0) return;
  await db
    .insertInto("functional_lines")
    .values(lines)
    .onConflict((oc) => oc.column("code").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
    .execute();
}
