import type { Kysely } from "kysely";
import { AGENCY_KINDS, VENUE_KINDS } from "../../../shared/agencies.js";
import { creditCodeProblem } from "../../../shared/codes/credit-code.js";
import type { CreateAgencyBody, ListAgenciesQuery } from "../../../shared/contracts/agencies.js";
import { AppError } from "../../../shared/errors.js";
import type { MessageKey } from "../../../shared/i18n/messages.js";
import { regionAncestry } from "../../../shared/regions.js";
import { assertCan } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { AgencyKind, Database, VenueKind } from "../../db/tables.js";
import { regionExists } from "../regions/regions.service.js";
import { assertParent } from "./agencies.parent.js";
import {
  agencyNameTaken,
  findAgency,
  findAgencyByCreditCode,
  insertAgency,
  insertVenue,
  lineExists,
  listAgencies,
  listVenues,
  upsertLines,
  type AgencyListRow,
} from "./agencies.queries.js";

export function toAgencyDto(a: AgencyListRow) {
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
  };
}

export type AgencyDto = ReturnType<typeof toAgencyDto>;

const CREDIT_CODE_MESSAGES: Record<NonNullable<ReturnType<typeof creditCodeProblem>>, MessageKey> = {
  length: "agencies.creditCodeLength",
  character: "agencies.creditCodeCharacter",
  check: "agencies.creditCodeCheck",
};

/**
 * Validates a 统一社会信用代码 and names the problem.
 * @throws AppError VALIDATION_FAILED with `details[0].path = field`.
 */
export function assertCreditCode(code: string, field = "creditCode"): void {
  const problem = creditCodeProblem(code);
  if (problem === undefined) return;
  const key = CREDIT_CODE_MESSAGES[problem];
  throw new AppError("VALIDATION_FAILED", key, {}, [{ path: field, message: key }]);
}

/** The public agency directory, filtered and keyset-paged by id. */
export async function listAgencyDirectory(q: ListAgenciesQuery, db: Kysely<Database>) {
  const rows = await listAgencies(db, { ...q, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit).map(toAgencyDto);
  return { items, nextAfter: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** @throws AppError NOT_FOUND for an unknown or inactive agency. */
export async function getAgency(id: number, db: Kysely<Database>) {
  const row = await findAgency(db, id);
  if (row === undefined) throw new AppError("NOT_FOUND", "agencies.notFound", { id });
  const venues = await listVenues(db, id);
  return {
    ...toAgencyDto(row),
    venues: venues.map((v) => ({
      id: v.id,
      name: v.name,
      kind: v.kind,
      kindName: VENUE_KINDS[v.kind],
      regionCode: v.region_code,
      address: v.address,
      phone: v.phone,
    })),
  };
}

/**
 * 对口部门: the agencies of the same functional line in the regions above (自上而下) and directly below.
 * @throws AppError NOT_FOUND for an unknown agency; an agency without a line has no counterparts.
 */
export async function getCounterparts(id: number, db: Kysely<Database>) {
  const row = await findAgency(db, id);
  if (row === undefined) throw new AppError("NOT_FOUND", "agencies.notFound", { id });
  if (row.line_code === null) return { agency: toAgencyDto(row), upper: [], lower: [] };
  const ancestors = regionAncestry(row.region_code).slice(0, -1);
  const upper = await listAgencies(db, { regions: ancestors, line: row.line_code, limit: 50 });
  const below = await listAgencies(db, { within: row.region_code, line: row.line_code, limit: 500 });
  const childLength = regionAncestry(row.region_code).length;
  const lower = below.filter((a) => regionAncestry(a.region_code).length === childLength + 1);
  upper.sort((a, b) => a.region_code.length - b.region_code.length);
  return { agency: toAgencyDto(row), upper: upper.map(toAgencyDto), lower: lower.map(toAgencyDto) };
}

/**
 * Registers an agency. Only an admin whose scope covers the region may do it.
 * @throws AppError VALIDATION_FAILED (credit code, unknown region or line), FORBIDDEN, CONFLICT (duplicate).
 */
export async function createAgency(actor: Actor, input: CreateAgencyBody, db: Kysely<Database>) {
  assertCan(actor, "admin.manage", { regionCode: input.regionCode });
  assertCreditCode(input.creditCode);
  if (!(await regionExists(input.regionCode, db))) {
    throw new AppError("VALIDATION_FAILED", "regions.notFound", { code: input.regionCode }, [
      { path: "regionCode", message: "regions.notFound" },
    ]);
  }
  const lineCode = input.lineCode ?? null;
  if (lineCode !== null && !(await lineExists(db, lineCode))) {
    throw new AppError("VALIDATION_FAILED", "agencies.unknownLine", { line: lineCode }, [
      { path: "lineCode", message: "agencies.unknownLine" },
    ]);
  }
  const parentAgencyId = input.parentAgencyId ?? null;
  if (parentAgencyId !== null) await assertParent(db, null, input.regionCode, parentAgencyId);
  return db.transaction().execute(async (trx) => {
    if ((await findAgencyByCreditCode(trx, input.creditCode)) !== undefined) {
      throw new AppError("CONFLICT", "agencies.creditCodeTaken", { creditCode: input.creditCode });
    }
    if (await agencyNameTaken(trx, input.regionCode, input.name)) {
      throw new AppError("CONFLICT", "agencies.nameTaken", { name: input.name });
    }
    const values = {
      name: input.name,
      credit_code: input.creditCode,
      region_code: input.regionCode,
      kind: input.kind,
      line_code: lineCode,
      phone: input.phone ?? null,
      address: input.address ?? null,
      parent_agency_id: parentAgencyId,
    };
    const id = await insertAgency(trx, values);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "agency.create",
      entityType: "agency",
      entityId: id,
      after: { id, ...values },
      requestId: actor.requestId ?? null,
    });
    const created = await findAgency(trx, id);
    if (created === undefined) throw new Error("agency vanished inside its own transaction");
    return toAgencyDto(created);
  });
}

export interface DirectoryImport {
  lines: { code: string; name: string }[];
  agencies: {
    name: string;
    creditCode: string;
    regionCode: string;
    kind: AgencyKind;
    lineCode: string | null;
    phone?: string | null;
    address?: string | null;
  }[];
  venues: {
    agencyCreditCode: string;
    regionCode: string;
    name: string;
    kind: VenueKind;
    address?: string | null;
    phone?: string | null;
  }[];
}

/**
 * Bulk-loads functional lines, agencies and venues in one transaction (demo seed, migrations of
 * existing directories). Every credit code is checked; one bad row loads nothing.
 * @throws AppError FORBIDDEN unless the actor administers every region touched; VALIDATION_FAILED naming the row.
 * @returns agency ids by credit code.
 */
export async function importAgencyDirectory(
  actor: Actor,
  input: DirectoryImport,
  db: Kysely<Database>,
): Promise<Map<string, number>> {
  input.agencies.forEach((a, i) => {
    assertCan(actor, "admin.manage", { regionCode: a.regionCode });
    assertCreditCode(a.creditCode, `agencies.${i}.creditCode`);
  });
  return db.transaction().execute(async (trx) => {
    await upsertLines(trx, input.lines);
    const ids = new Map<string, number>();
    for (const a of input.agencies) {
      const existing = await findAgencyByCreditCode(trx, a.creditCode);
      const id =
        existing?.id ??
        (await insertAgency(trx, {
          name: a.name,
          credit_code: a.creditCode,
          region_code: a.regionCode,
          kind: a.kind,
          line_code: a.lineCode,
          phone: a.phone ?? null,
          address: a.address ?? null,
        }));
      ids.set(a.creditCode, id);
    }
    for (const v of input.venues) {
      const agencyId = ids.get(v.agencyCreditCode);
      if (agencyId === undefined)
        throw new AppError("VALIDATION_FAILED", "agencies.notFound", { id: v.agencyCreditCode });
      await insertVenue(trx, {
        agency_id: agencyId,
        region_code: v.regionCode,
        name: v.name,
        kind: v.kind,
        address: v.address ?? null,
        phone: v.phone ?? null,
      });
    }
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "agency.import",
      entityType: "agency",
      after: input,
      requestId: actor.requestId ?? null,
    });
    return ids;
  });
}
