import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { parseGuideCode } from "../../../shared/codes/item-codes.js";
import type { Database } from "../../db/tables.js";
import type { Deps } from "../../http/context.js";
import { getPublishedGuide } from "./catalog.service.js";
import { guideSourceWrites } from "./guide-sources.js";

/**
 * Published guides as served (同源发布), cached per database so that a guide read is a map lookup
 * and a write of bytes serialised once (GET /api/v1/guides/{code}: JSON and ETag), and an
 * application reads its guide without six queries.
 *
 * Each entry keeps a stamp: the mutable inputs of the response (the entry's current version and
 * agency, the versions' status and validity, the agency's name, credit code and region name, the
 * spec's current version), read by one query before the guide is built. The cache is revalidated —
 * one query for all entries, changed ones dropped — at most every GUIDE_CHECK_MS, and before the
 * next read whenever this process wrote to catalog_entries, catalog_versions, agencies or regions
 * (`noteGuideSourceWrite` of guide-sources.ts, called by those tables' query functions). So a change made through this
 * instance is served at once, a change made by another instance (or a write racing the read) within
 * GUIDE_CHECK_MS. Published content itself is immutable (trigger), so it needs no stamp.
 */
export const GUIDE_CHECK_MS = 1000;
const GUIDE_CACHE_SIZE = 512;

export type PublishedGuide = Awaited<ReturnType<typeof getPublishedGuide>>;

export interface CachedGuide {
  /** Deep-frozen: callers read it, never change it. */
  guide: PublishedGuide;
  /** The response body, serialised once by the route (its response schema), and its ETag. */
  body?: { json: Buffer; etag: string };
  stamp: string;
  code: string;
  versionNo: number | null;
}

interface GuideCache {
  entries: Map<string, CachedGuide>;
  checkedAt: number;
  checkedWrites: number;
  checking: Promise<void> | undefined;
}

const caches = new WeakMap<Kysely<Database>, GuideCache>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface StampKey {
  key: string;
  code: string;
  versionNo: number | null;
}

/** The mutable inputs of each guide response (see above); a key without an entry gets none. */
async function readStamps(db: Kysely<Database>, keys: StampKey[]): Promise<Map<string, string>> {
  const r = await sql<{ key: string; stamp: string }>`
    select k.key,
           json_build_array(e.id, e.current_version_id, e.agency_id, e.status, e.basic_code, e.exercise_level,
                            cv.id, cv.status, cv.effective_from, cv.effective_to,
                            rv.id, rv.status, rv.effective_from, rv.effective_to,
                            a.name, a.credit_code, a.region_code, r.name, se.current_version_id, sv.status)::text as stamp
    from unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.code)}::text[],
                ${keys.map((k) => k.versionNo)}::int[]) as k(key, code, version_no)
    join catalog_entries e on e.layer = 'guide' and e.code = k.code
    left join catalog_versions cv on cv.id = e.current_version_id
    left join catalog_versions rv on rv.entry_id = e.id and rv.version_no = k.version_no
    left join agencies a on a.id = e.agency_id
    left join regions r on r.code = a.region_code
    left join catalog_entries se on se.layer = 'spec' and se.code = e.basic_code || ':' || e.exercise_level
    left join catalog_versions sv on sv.id = se.current_version_id
  `.execute(db);
  return new Map(r.rows.map((row) => [row.key, row.stamp]));
}

function cacheOf(db: Kysely<Database>): GuideCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = {
      entries: new Map(),
      checkedAt: Date.now(),
      checkedWrites: guideSourceWrites(),
      checking: undefined,
    };
    caches.set(db, cache);
  }
  return cache;
}

async function revalidate(db: Kysely<Database>, cache: GuideCache): Promise<void> {
  const writes = guideSourceWrites();
  const startedAt = Date.now();
  const entries = [...cache.entries];
  if (entries.length > 0) {
    const stamps = await readStamps(
      db,
      entries.map(([key, e]) => ({ key, code: e.code, versionNo: e.versionNo })),
    );
    for (const [key, e] of entries) {
      if (stamps.get(key) !== e.stamp && cache.entries.get(key) === e) cache.entries.delete(key);
    }
  }
  cache.checkedAt = startedAt;
  cache.checkedWrites = writes;
}

async function fresh(db: Kysely<Database>, cache: GuideCache): Promise<void> {
  // A second round when this process wrote during the first (bounded: a steady stream of writes
  // must not starve the read; the timed check catches what a race leaves).
  for (let round = 0; round < 2; round++) {
    if (cache.checkedWrites === guideSourceWrites() && Date.now() - cache.checkedAt < GUIDE_CHECK_MS) return;
    cache.checking ??= revalidate(db, cache).finally(() => {
      cache.checking = undefined;
    });
    await cache.checking;
  }
}

/**
 * The published guide as `getPublishedGuide` gives it, from the cache when it is still valid.
 * @throws AppError as getPublishedGuide (errors are not cached).
 */
export async function cachedPublishedGuide(
  code: string,
  versionNo: number | undefined,
  deps: Deps,
): Promise<CachedGuide> {
  const cache = cacheOf(deps.db);
  await fresh(deps.db, cache);
  const key = `${code}|${versionNo ?? ""}`;
  const hit = cache.entries.get(key);
  if (hit !== undefined) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit;
  }
  const implementationCode = parseGuideCode(code)?.implementationCode;
  // The stamp is read before the guide: a write in between makes the next check drop the entry.
  const stamp =
    implementationCode === undefined
      ? undefined
      : (await readStamps(deps.db, [{ key, code: implementationCode, versionNo: versionNo ?? null }])).get(
          key,
        );
  const guide = deepFreeze(await getPublishedGuide(code, versionNo, deps));
  const entry: CachedGuide = {
    guide,
    stamp: stamp ?? "",
    code: implementationCode ?? code,
    versionNo: versionNo ?? null,
  };
  if (stamp !== undefined) {
    if (cache.entries.size >= GUIDE_CACHE_SIZE)
      cache.entries.delete(cache.entries.keys().next().value as string);
    cache.entries.set(key, entry);
  }
  return entry;
}

/** The serialised response of a cached guide, made once with `serialize`. */
export function guideBody(entry: CachedGuide, serialize: (guide: PublishedGuide) => string) {
  if (entry.body === undefined) {
    const json = Buffer.from(serialize(entry.guide));
    entry.body = { json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"` };
  }
  return entry.body;
}
