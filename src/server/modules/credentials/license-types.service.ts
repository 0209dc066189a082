import type { Kysely } from "kysely";
import { AppError } from "../../../shared/errors.js";
import { SYSTEM, toAuditActor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database, LicenseTypeRow } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { findLicenseTypeByKey, insertLicenseType, listLicenseTypeRows } from "./licenses.queries.js";

/** An e-license type: type code (appendix A), issuing line, holder kind, field schema, validity rule. */
export interface LicenseTypeInput {
  key: string;
  typeCode: string;
  name: string;
  issuingLineCode: string | null;
  holderKind: "person" | "enterprise" | "either";
  /** Years from the issue date (the day before the anniversary); null = long-term (长期). */
  validityYears: number | null;
  fieldSchema: { key: string; label: string; isRequired: boolean }[];
}

export function toLicenseTypeDto(t: LicenseTypeRow) {
  return {
    key: t.key,
    typeCode: t.type_code,
    name: t.name,
    issuingLineCode: t.issuing_line_code,
    holderKind: t.holder_kind,
    validityYears: t.validity_years,
    fieldSchema: t.field_schema as LicenseTypeInput["fieldSchema"],
  };
}

/** Inserts the types that do not exist yet (by key); returns how many were added. */
export async function seedLicenseTypes(types: LicenseTypeInput[], deps: Deps): Promise<number> {
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    let added = 0;
    for (const t of types) {
      if ((await findLicenseTypeByKey(trx, t.key)) !== undefined) continue;
      await insertLicenseType(trx, {
        key: t.key,
        type_code: t.typeCode,
        name: t.name,
        issuing_line_code: t.issuingLineCode,
        holder_kind: t.holderKind,
        field_schema: JSON.stringify(t.fieldSchema),
        validity_years: t.validityYears,
        created_at: now,
      });
      added++;
    }
    if (added > 0)
      await recordAudit(trx, {
        actor: toAuditActor(SYSTEM),
        action: "license_type.seed",
        entityType: "license_type",
        after: { keys: types.map((t) => t.key) },
      });
    return added;
  });
}

export async function listLicenseTypes(deps: Deps) {
  return { items: (await listLicenseTypeRows(deps.db)).map(toLicenseTypeDto) };
}

/** @throws AppError NOT_FOUND. */
export async function requireLicenseType(db: Kysely<Database>, key: string): Promise<LicenseTypeRow> {
  const t = await findLicenseTypeByKey(db, key);
  if (t === undefined) throw new AppError("NOT_FOUND", "credentials.licenseTypeNotFound", { key });
  return t;
}
