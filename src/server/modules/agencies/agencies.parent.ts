import type { Kysely } from "kysely";
import { AppError } from "../../../shared/errors.js";
import { isWithinRegion } from "../../../shared/regions.js";
import type { Database } from "../../db/tables.js";
import { findAgencyLink } from "./agencies.admin.queries.js";

/**
 * A parent (上级机构) must be an active agency of the same or an enclosing region, and the chain of
 * parents must not come back to the agency itself.
 * @throws AppError VALIDATION_FAILED (agencies.badParent) naming `parentAgencyId`.
 */
export async function assertParent(
  db: Kysely<Database>,
  agencyId: number | null,
  regionCode: string,
  parentId: number,
): Promise<void> {
  const bad = () =>
    new AppError("VALIDATION_FAILED", "agencies.badParent", { id: parentId }, [
      { path: "parentAgencyId", message: "agencies.badParent" },
    ]);
  const parent = await findAgencyLink(db, parentId);
  if (parent === undefined || !parent.is_active || parentId === agencyId) throw bad();
  if (!isWithinRegion(regionCode, parent.region_code)) throw bad();
  let next = parent.parent_agency_id;
  for (let depth = 0; next !== null && depth < 64; depth++) {
    if (next === agencyId) throw bad();
    next = (await findAgencyLink(db, next))?.parent_agency_id ?? null;
  }
}
