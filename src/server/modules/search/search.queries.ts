import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/tables.js";
import type { TermRow } from "./search.index.js";

/*
 * SQL of the search index. The index is a read projection of the catalog (published guides) and
 * of the FAQ; it reads catalog_entries / agencies / cases directly to build itself, and nothing
 * else writes to it.
 */

export interface TermInput {
  kind: "item" | "faq" | "bundle";
  key: string;
  title: string;
  body: string;
  ref: string | null;
  tokens: string[];
  pinyin: string;
  initials: string;
}

export async function upsertTerm(db: Kysely<Database>, t: TermInput): Promise<number> {
  await bumpGeneration(db);
  const r = await db
    .insertInto("search_terms")
    .values({ ...t })
    .onConflict((oc) =>
      oc.columns(["kind", "key"]).doUpdateSet({
        title: t.title,
        body: t.body,
        ref: t.ref,
        tokens: t.tokens,
        pinyin: t.pinyin,
        initials: t.initials,
      }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findTermId(db: Kysely<Database>, kind: string, key: string) {
  const r = await db
    .selectFrom("search_terms")
    .select("id")
    .where("kind", "=", kind as "item")
    .where("key", "=", key)
    .executeTakeFirst();
  return r?.id;
}

/** Guides as the index needs them: active, with agency and popularity (number of cases). */
export async function listIndexableGuides(
  db: Kysely<Database>,
  f: { code?: string; afterId: number; limit: number },
) {
  let q = db
    .selectFrom("catalog_entries as e")
    .leftJoin("agencies as a", "a.id", "e.agency_id")
    .select([
      "e.id",
      "e.code",
      "e.basic_code",
      "e.name",
      "e.agency_id",
      "a.name as agency_name",
      "e.region_code",
      "e.item_type",
      "e.line_code",
      "e.tags",
      "e.status",
      sql<number>`(select count(*)::int from cases c where c.guide_entry_id = e.id)`.as("popularity"),
    ])
    .where("e.layer", "=", "guide")
    .where("e.id", ">", f.afterId);
  if (f.code !== undefined) q = q.where("e.code", "=", f.code);
  return q.orderBy("e.id").limit(f.limit).execute();
}

export async function upsertSearchGuide(
  db: Kysely<Database>,
  g: {
    entry_id: number;
    code: string;
    term_id: number;
    name: string;
    agency_id: number | null;
    agency_name: string;
    region_code: string;
    item_type: string;
    line_code: string | null;
    tags: string[];
    popularity: number;
  },
): Promise<void> {
  await db
    .insertInto("search_guides")
    .values(g)
    .onConflict((oc) =>
      oc.column("entry_id").doUpdateSet({
        term_id: g.term_id,
        name: g.name,
        agency_id: g.agency_id,
        agency_name: g.agency_name,
        region_code: g.region_code,
        item_type: g.item_type,
        line_code: g.line_code,
        tags: g.tags,
        popularity: g.popularity,
      }),
    )
    .execute();
}

export async function deleteSearchGuide(db: Kysely<Database>, entryId: number): Promise<void> {
  await db.deleteFrom("search_guides").where("entry_id", "=", entryId).execute();
}

/** Term popularity = the sum of its guides' (a name's popularity across all regions). */
export async function refreshTermPopularity(db: Kysely<Database>): Promise<void> {
  await sql`update search_terms s set popularity = coalesce((select sum(g.popularity) from search_guides g where g.term_id = s.id), 0)
            where s.kind = 'item'`.execute(db);
  await bumpGeneration(db);
}

export async function listFaqs(db: Kysely<Database>, basicCode?: string) {
  let q = db.selectFrom("item_faqs").selectAll();
  if (basicCode !== undefined) q = q.where("basic_code", "=", basicCode);
  return q.orderBy("id").execute();
}

export async function insertFaq(
  db: Kysely<Database>,
  f: { basic_code: string; question: string; answer: string; created_by: string | null; created_at: Date },
) {
  return db.insertInto("item_faqs").values(f).returningAll().executeTakeFirstOrThrow();
}

/** A representative name of a basic item (for FAQ hits): any active guide of it. */
export async function basicItemName(db: Kysely<Database>, basicCode: string) {
  const r = await db
    .selectFrom("catalog_entries")
    .select("name")
    .where("layer", "=", "basic")
    .where("code", "=", basicCode)
    .executeTakeFirst();
  return r?.name;
}

/** Marks the terms changed: instances reload their ranker on the next query. */
export async function bumpGeneration(db: Kysely<Database>): Promise<void> {
  await sql`update search_meta set generation = generation + 1 where id = 1`.execute(db);
}

export async function readGeneration(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom("search_meta").select("generation").where("id", "=", 1).executeTakeFirst();
  return Number(r?.generation ?? 0);
}

export async function loadTerms(db: Kysely<Database>): Promise<TermRow[]> {
  const rows = await db
    .selectFrom("search_terms")
    .select(["id", "kind", "key", "title", "body", "ref", "tokens", "pinyin", "initials", "popularity"])
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export interface GuideFilter {
  regionWithin?: string;
  regionAncestors?: string[];
  itemType?: string;
  agencyId?: number;
  tag?: string;
}

export interface GuideHit {
  entry_id: number;
  code: string;
  name: string;
  agency_id: number | null;
  agency_name: string;
  region_code: string;
  item_type: string;
  tags: string[];
  popularity: number;
  term_id: number;
  score: number;
}

/** The guides of the ranked terms, in term order then popularity, with the filters. */
export async function guidesOfTerms(
  db: Kysely<Database>,
  termIds: number[],
  scores: number[],
  f: GuideFilter,
  limit: number,
): Promise<GuideHit[]> {
  if (termIds.length === 0) return [];
  const conds = [sql`g.term_id = t.id`];
  if (f.regionWithin !== undefined) {
    // A range rather than LIKE: it can use the (term_id, region_code) index under any collation
    // (codes are digits; 'z' sorts after every digit).
    const within = sql`(g.region_code >= ${f.regionWithin} and g.region_code < ${`${f.regionWithin}z`})`;
    conds.push(
      (f.regionAncestors ?? []).length > 0
        ? sql`(${within} or g.region_code = any(${f.regionAncestors}::text[]))`
        : within,
    );
  }
  if (f.itemType !== undefined) conds.push(sql`g.item_type = ${f.itemType}`);
  if (f.agencyId !== undefined) conds.push(sql`g.agency_id = ${f.agencyId}`);
  if (f.tag !== undefined) conds.push(sql`g.tags @> array[${f.tag}]::text[]`);
  const r = await sql<GuideHit>`
    select g.entry_id::int as entry_id, g.code, g.name, g.agency_id::int as agency_id, g.agency_name,
           g.region_code, g.item_type, g.tags, g.popularity, g.term_id::int as term_id, t.score
    from unnest(${termIds}::bigint[], ${scores}::float8[]) with ordinality as t(id, score, ord)
    cross join lateral (
      select * from search_guides g where ${sql.join(conds, sql` and `)}
      order by g.popularity desc, g.entry_id limit ${limit}
    ) g
    order by t.ord, g.popularity desc, g.entry_id
    limit ${limit}`.execute(db);
  return r.rows;
}

/** The plain baseline: a substring scan over guide names (for the benchmark and comparison). */
export async function ilikeGuides(db: Kysely<Database>, q: string, limit: number) {
  const r = await sql<{ code: string; name: string }>`
    select code, name from search_guides where name ilike ${`%${q.replace(/[\\%_]/g, "")}%`}
    order by popularity desc limit ${limit}`.execute(db);
  return r.rows;
}
