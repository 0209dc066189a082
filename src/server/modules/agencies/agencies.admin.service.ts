import type { Kysely } from "kysely";
import { AGENCY_KINDS } from "../../../shared/agencies.js";
import type { AgencyPatchBody } from "../../../shared/contracts/admin.js";
import { AppError } from "../../../shared/errors.js";
import { assertCan, can, requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database } from "../../db/tables.js";
import { regionExists } from "../regions/regions.service.js";
import {
  findAgencyWithParent,
  listFunctionalLines,
  otherAgencyWith,
  updateAgencyRow,
} from "./agencies.admin.queries.js";
import { lineExists } from "./agencies.queries.js";
import { assertParent } from "./agencies.parent.js";
import { assertCreditCode } from "./agencies.service.js";

type Row = NonNullable<Awaited<ReturnType<typeof findAgencyWithParent>>>;

function toAdminDto(a: Row) {
  return {
    id: a.id,
    name: a.name,
    creditCode: a.credit_code,
    regionCode: a.region_code,
    regionName: a.region_name,
    kind: a.kind,
    kindName: AGENCY_KINDS[a.kind],
    lineCode: a.line_code,
    lineName: a.line_name,
    phone: a.phone,
    address: a.address,
    parentAgencyId: a.parent_agency_id,
    parentName: a.parent_name,
  };
}

/**
 * An agency with its parent, for its region's administrators; anyone else is told it does not
 * exist here (the public directory has the public view).
 * @throws AppError UNAUTHENTICATED, NOT_FOUND.
 */
export async function getAgencyForAdmin(actor: Actor, id: number, db: Kysely<Database>) {
  requireUser(actor);
  const row = await findAgencyWithParent(db, id);
  if (row === undefined || !can(actor, "admin.manage", { regionCode: row.region_code, agencyId: row.id }))
    throw new AppError("NOT_FOUND", "agencies.notFound", { id });
  return toAdminDto(row);
}

/**
 * Edits an agency (name, credit code checked, region, kind, functional line, parent, contacts). The
 * actor must administer its region, and the new region when it moves; audited with before/after.
 * @throws AppError UNAUTHENTICATED, NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, CONFLICT (duplicate code or name).
 */
export async function updateAgency(actor: Actor, id: number, input: AgencyPatchBody, db: Kysely<Database>) {
  const before = await getAgencyForAdmin(actor, id, db);
  const regionCode = input.regionCode ?? before.regionCode;
  if (regionCode !== before.regionCode) {
    assertCan(actor, "admin.manage", { regionCode });
    if (!(await regionExists(regionCode, db)))
      throw new AppError("VALIDATION_FAILED", "regions.notFound", { code: regionCode }, [
        { path: "regionCode", message: "regions.notFound" },
      ]);
  }
  if (input.creditCode !== undefined) assertCreditCode(input.creditCode);
  if (input.lineCode !== undefined && input.lineCode !== null && !(await lineExists(db, input.lineCode)))
    throw new AppError("VALIDATION_FAILED", "agencies.unknownLine", { line: input.lineCode }, [
      { path: "lineCode", message: "agencies.unknownLine" },
    ]);
  const parentId = input.parentAgencyId === undefined ? before.parentAgencyId : input.parentAgencyId;
  if (parentId !== null) await assertParent(db, id, regionCode, parentId);
  const name = input.name ?? before.name;
  return db.transaction().execute(async (trx) => {
    if (input.creditCode !== undefined && (await otherAgencyWith(trx, id, { creditCode: input.creditCode })))
      throw new AppError("CONFLICT", "agencies.creditCodeTaken", { creditCode: input.creditCode });
    if (await otherAgencyWith(trx, id, { regionCode, name }))
      throw new AppError("CONFLICT", "agencies.nameTaken", { name });
    await updateAgencyRow(trx, id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.creditCode === undefined ? {} : { credit_code: input.creditCode }),
      ...(input.regionCode === undefined ? {} : { region_code: input.regionCode }),
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      ...(input.lineCode === undefined ? {} : { line_code: input.lineCode }),
      ...(input.parentAgencyId === undefined ? {} : { parent_agency_id: input.parentAgencyId }),
      ...(input.phone === undefined ? {} : { phone: input.phone }),
      ...(input.address === undefined ? {} : { address: input.address }),
    });
    const after = await findAgencyWithParent(trx, id);
    if (after === undefined) throw new Error("agency vanished inside its own transaction");
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "agency.update",
      entityType: "agency",
      entityId: id,
      before,
      after: toAdminDto(after),
      requestId: actor.requestId ?? null,
    });
    return toAdminDto(after);
  });
}

/** The functional lines (条线), for agency forms. */
export async function functionalLines(db: Kysely<Database>) {
  return { items: await listFunctionalLines(db) };
}
