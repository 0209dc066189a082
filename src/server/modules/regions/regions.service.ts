import type { Kysely } from "kysely";
import { AppError } from "../../../shared/errors.js";
import { regionAncestry } from "../../../shared/regions.js";
import type { Database, RegionRow } from "../../db/tables.js";
import { countChildren, findRegion, findRegions, listChildren, searchRegions } from "./regions.queries.js";

export interface RegionDto {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

function toDto(r: RegionRow): RegionDto {
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code };
}

/**
 * One region with the chain of its parents (top-down) and how many children it has.
 * @throws AppError NOT_FOUND for an unknown code.
 */
export async function getRegion(code: string, db: Kysely<Database>) {
  const region = await findRegion(db, code);
  if (region === undefined) throw new AppError("NOT_FOUND", "regions.notFound", { code });
  const chain = await findRegions(db, regionAncestry(code).slice(0, -1));
  return { ...toDto(region), chain: chain.map(toDto), childCount: await countChildren(db, code) };
}

/**
 * Direct children in code order, keyset-paged by `after`.
 * @throws AppError NOT_FOUND for an unknown parent.
 */
export async function getChildren(
  code: string,
  page: { after?: string; limit: number },
  db: Kysely<Database>,
) {
  if ((await findRegion(db, code)) === undefined)
    throw new AppError("NOT_FOUND", "regions.notFound", { code });
  const rows = await listChildren(db, code, page.after, page.limit + 1);
  const items = rows.slice(0, page.limit).map(toDto);
  return { items, nextAfter: rows.length > page.limit ? (items[items.length - 1]?.code ?? null) : null };
}

/** Search by name (substring), optionally within a subtree and at one level; each hit with its full path. */
export async function findRegionsByName(
  input: { q: string; within?: string; level?: number; limit: number },
  db: Kysely<Database>,
) {
  const hits = await searchRegions(db, input.q, input.within, input.level, input.limit);
  const ancestorCodes = [...new Set(hits.flatMap((h) => regionAncestry(h.code)))];
  const names = new Map((await findRegions(db, ancestorCodes)).map((r) => [r.code, r.name]));
  return {
    items: hits.map((h) => ({
      ...toDto(h),
      path: regionAncestry(h.code)
        .map((c) => names.get(c) ?? c)
        .join("/"),
    })),
  };
}

/** Whether a region code exists (used by other modules to validate references). */
export async function regionExists(code: string, db: Kysely<Database>): Promise<boolean> {
  return (await findRegion(db, code)) !== undefined;
}
