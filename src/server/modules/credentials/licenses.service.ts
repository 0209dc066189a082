import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { chinaDate } from "../../../shared/calendar.js";
import { canonicalJson } from "../../../shared/canonical-json.js";
import { formatLicenseIdentifier, parseLicenseIdentifier } from "../../../shared/codes/license-identifier.js";
import { maskIdNumber, maskName } from "../../../shared/codes/masking.js";
import { AppError } from "../../../shared/errors.js";
import { assertCan, requireUser } from "../../access/access.policy.js";
import { SYSTEM, toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database, LicenseRow } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import type { Secrets } from "../../security/secrets.js";
import { getAgency } from "../agencies/agencies.service.js";
import { caseView, loadVisibleCase } from "../cases/cases.service.js";
import { getGuideVersionContent } from "../catalog/catalog.service.js";
import {
  findHolderAccount,
  findLicenseByCase,
  findLicenseById,
  findLicenseByIdentifier,
  findLicenseTypeById,
  findLicenseTypeByKey,
  insertLicense,
  listLicensesOfHolder,
  nextLicenseSequence,
  revokeLicenseRow,
} from "./licenses.queries.js";
import { findSeal } from "./seals.queries.js";
import { agencySigner, checkSeal } from "./seals.service.js";
import { sm3Hex, verifySm2 } from "./sm2.js";

export type LicenseStatus = "valid" | "revoked" | "expired";

/** The holder's lookup key: the ID number's blind index (as on the account) or the credit code. */
export function holderIndex(secrets: Secrets, kind: "person" | "enterprise", code: string): string {
  return kind === "person" ? secrets.blindIndex("id_number", code) : `credit:${code}`;
}

export function statusOf(l: Pick<LicenseRow, "status" | "valid_to">, today: string): LicenseStatus {
  if (l.status === "revoked") return "revoked";
  if (l.valid_to !== null && l.valid_to < today) return "expired";
  return "valid";
}

/** What is signed: everything that identifies the license, the holder by the SM3 of their code. */
export function licenseContent(
  l: Pick<
    LicenseRow,
    | "identifier"
    | "license_number"
    | "version"
    | "holder_kind"
    | "holder_name"
    | "fields"
    | "valid_from"
    | "valid_to"
    | "issued_at"
    | "case_id"
  >,
  type: { type_code: string; name: string },
  issuer: { name: string; creditCode: string },
  holderCode: string,
) {
  return {
    identifier: l.identifier,
    typeCode: type.type_code,
    typeName: type.name,
    licenseNumber: l.license_number,
    version: l.version,
    issuer,
    holder: { kind: l.holder_kind, name: l.holder_name, codeSm3: sm3Hex(holderCode) },
    fields: l.fields,
    validFrom: l.valid_from,
    validTo: l.valid_to,
    issuedAt: l.issued_at.toISOString(),
    caseId: l.case_id,
  };
}

function addYearsMinusOneDay(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d - 1)).toISOString().slice(0, 10);
}

export interface NewLicense {
  typeId: number;
  issuerAgencyId: number;
  caseId: string | null;
  holder: { kind: "person" | "enterprise"; name: string; code: string; userId: string | null };
  fields: Record<string, unknown>;
  /** Correction (更正换发): the license this new version replaces (same number, next version). */
  supersedes?: LicenseRow;
}

/** Issues (signs and stores) one license in the caller's transaction; returns its row. */
export async function issueLicenseInTrx(
  trx: Kysely<Database>,
  input: NewLicense,
  secrets: Secrets,
  now: Date,
): Promise<LicenseRow> {
  const type = await findLicenseTypeById(trx, input.typeId);
  const issuer = await getAgency(input.issuerAgencyId, trx);
  const today = chinaDate(now);
  const number =
    input.supersedes?.license_number ??
    `${today.slice(0, 4)}${String(await nextLicenseSequence(trx, issuer.id, type.id, Number(today.slice(0, 4)))).padStart(6, "0")}`;
  const version = (input.supersedes?.version ?? 0) + 1;
  const identifier = formatLicenseIdentifier({
    typeCode: type.type_code,
    issuerCode: issuer.creditCode,
    licenseNumber: number,
    version,
  });
  const signer = await agencySigner(trx, issuer.id, secrets, now);
  const base = {
    id: randomUUID(),
    identifier,
    type_id: type.id,
    license_number: number,
    version,
    issuer_agency_id: issuer.id,
    seal_id: signer.seal.id,
    case_id: input.caseId,
    holder_kind: input.holder.kind,
    holder_name: input.holder.name,
    holder_code_enc: secrets.encrypt(input.holder.code),
    holder_bidx: holderIndex(secrets, input.holder.kind, input.holder.code),
    holder_user_id: input.holder.userId,
    fields: input.fields,
    valid_from: today,
    valid_to: type.validity_years === null ? null : addYearsMinusOneDay(today, type.validity_years),
    status: "valid" as const,
    revoked_at: null,
    revocation_reason: null,
    supersedes_id: input.supersedes?.id ?? null,
    issued_at: now,
  };
  const canonical = canonicalJson(
    licenseContent(base, type, { name: issuer.name, creditCode: issuer.creditCode }, input.holder.code),
  );
  const row = { ...base, content_sm3: sm3Hex(canonical), signature: signer.sign(canonical) };
  await insertLicense(trx, { ...row, fields: JSON.stringify(row.fields) });
  await recordAudit(trx, {
    actor: toAuditActor(SYSTEM),
    action: input.supersedes === undefined ? "license.issue" : "license.correct",
    entityType: "license",
    entityId: row.id,
    after: { identifier, caseId: input.caseId, contentSm3: row.content_sm3 },
    at: now,
  });
  return row;
}

/**
 * Job: when a case whose guide result is a license is approved, the license is issued to the
 * applicant, signed by the handling agency's seal. Idempotent (one license per case); a case whose
 * result is not a license, or whose type is not catalogued, issues nothing.
 * @returns the identifier, or undefined when nothing was issued.
 */
export async function issueLicenseForCase(caseId: string, deps: Deps): Promise<string | undefined> {
  if ((await findLicenseByCase(deps.db, caseId)) !== undefined) return undefined;
  const c = await caseView(SYSTEM, await loadVisibleCase(SYSTEM, caseId, deps.db), deps);
  if (c.decision !== "approve") return undefined;
  const guide = await getGuideVersionContent(c.guideVersionId, deps);
  if (guide.resultKind !== "license" || guide.licenseTypeCode === undefined) return undefined;
  const type = await findLicenseTypeByKey(deps.db, guide.licenseTypeCode);
  const account = await findHolderAccount(deps.db, c.applicantId);
  if (type === undefined || account === undefined) return undefined;
  const code =
    account.kind === "person" && account.id_number_enc !== null
      ? deps.secrets.decrypt(account.id_number_enc)
      : account.credit_code;
  if (code === null) return undefined;
  const schemaKeys = (type.field_schema as { key: string }[]).map((f) => f.key);
  const fields: Record<string, unknown> = { item: c.itemName, caseNumber: c.caseNumber };
  for (const k of schemaKeys) if (c.formData[k] !== undefined) fields[k] = c.formData[k];
  const now = nowOf(deps);
  const row = await deps.db.transaction().execute((trx) =>
    issueLicenseInTrx(
      trx,
      {
        typeId: type.id,
        issuerAgencyId: c.agencyId,
        caseId: c.id,
        holder: {
          kind: account.kind === "enterprise" ? "enterprise" : "person",
          name: account.display_name,
          code,
          userId: account.id,
        },
        fields,
      },
      deps.secrets,
      now,
    ),
  );
  return row.identifier;
}

/** Recomputes the signed content from the row and checks the seal's signature and certificate. */
export async function checkLicenseSignature(db: Kysely<Database>, l: LicenseRow, secrets: Secrets) {
  const seal = await findSeal(db, l.seal_id);
  const type = await findLicenseTypeById(db, l.type_id);
  const issuer = await getAgency(l.issuer_agency_id, db);
  let holderCode: string | undefined;
  try {
    holderCode = secrets.decrypt(l.holder_code_enc);
  } catch {
    holderCode = undefined;
  }
  const canonical =
    holderCode === undefined
      ? undefined
      : canonicalJson(
          licenseContent(l, type, { name: issuer.name, creditCode: issuer.creditCode }, holderCode),
        );
  const isDigestMatching = canonical !== undefined && sm3Hex(canonical) === l.content_sm3;
  const isSigned =
    canonical !== undefined &&
    seal !== undefined &&
    isDigestMatching &&
    verifySm2(canonical, l.signature, seal.public_key);
  const isSealCertified = seal !== undefined && (await checkSeal(db, seal)).isCertified;
  return {
    isValid: isSigned && isSealCertified,
    isDigestMatching,
    isSigned,
    isSealCertified,
    seal,
    type,
    issuer,
    holderCode,
  };
}

async function loadByIdentifier(identifier: string, db: Kysely<Database>) {
  if (parseLicenseIdentifier(identifier) === undefined)
    throw new AppError("VALIDATION_FAILED", "credentials.badIdentifier", {}, [
      { path: "identifier", message: "credentials.badIdentifier" },
    ]);
  const l = await findLicenseByIdentifier(db, identifier);
  if (l === undefined) throw new AppError("NOT_FOUND", "credentials.licenseNotFound");
  return l;
}

/**
 * Public verification (QR code, 互认 by other agencies): status, issuer, validity, the signature
 * check, and the holder masked. No login.
 * @throws AppError VALIDATION_FAILED (malformed identifier or wrong check character), NOT_FOUND.
 */
export async function verifyLicense(identifier: string, deps: Deps) {
  const l = await loadByIdentifier(identifier, deps.db);
  const check = await checkLicenseSignature(deps.db, l, deps.secrets);
  const code = check.holderCode ?? "";
  return {
    identifier: l.identifier,
    status: statusOf(l, chinaDate(nowOf(deps))),
    typeCode: check.type.type_code,
    typeName: check.type.name,
    licenseNumber: l.license_number,
    version: l.version,
    issuer: { name: check.issuer.name, creditCode: check.issuer.creditCode },
    validFrom: l.valid_from,
    validTo: l.valid_to,
    holder: {
      kind: l.holder_kind,
      name: maskName(l.holder_name),
      code: l.holder_kind === "person" ? maskIdNumber(code) : code,
    },
    signature: {
      isValid: check.isValid,
      isDigestMatching: check.isDigestMatching,
      isSealCertified: check.isSealCertified,
      algorithm: "SM2-with-SM3",
      sealCode: check.seal?.seal_code ?? null,
      value: l.signature,
    },
    revokedAt: l.revoked_at?.toISOString() ?? null,
    revocationReason: l.revocation_reason,
  };
}

export function toWalletItem(l: LicenseRow, typeName: string, today: string) {
  return {
    id: l.id,
    identifier: l.identifier,
    typeName,
    licenseNumber: l.license_number,
    version: l.version,
    status: statusOf(l, today),
    fields: l.fields as Record<string, unknown>,
    validFrom: l.valid_from,
    validTo: l.valid_to,
    issuedAt: l.issued_at.toISOString(),
    revocationReason: l.revocation_reason,
  };
}

/** The logged-in holder's index, or undefined for staff. */
export async function holderIndexOfUser(userId: string, deps: Deps): Promise<string | undefined> {
  const a = await findHolderAccount(deps.db, userId);
  if (a === undefined || a.kind === "staff") return undefined;
  if (a.kind === "person") return a.id_number_bidx ?? undefined;
  return a.credit_code === null ? undefined : `credit:${a.credit_code}`;
}

/** 证照夹: the licenses held by the logged-in person or enterprise. @throws AppError UNAUTHENTICATED. */
export async function listMyLicenses(actor: Actor, deps: Deps) {
  const user = requireUser(actor);
  const bidx = await holderIndexOfUser(user.id, deps);
  if (bidx === undefined) return { items: [] };
  const rows = await listLicensesOfHolder(deps.db, bidx);
  const today = chinaDate(nowOf(deps));
  const items = [];
  for (const l of rows)
    items.push(toWalletItem(l, (await findLicenseTypeById(deps.db, l.type_id)).name, today));
  return { items };
}

/** A valid license of the type held by the user (the newest), for 免证办. */
export async function findHeldLicense(
  userId: string,
  typeKey: string,
  identifier: string | undefined,
  deps: Deps,
) {
  const bidx = await holderIndexOfUser(userId, deps);
  const type = await findLicenseTypeByKey(deps.db, typeKey);
  if (bidx === undefined || type === undefined) return undefined;
  const today = chinaDate(nowOf(deps));
  const rows = await listLicensesOfHolder(deps.db, bidx);
  return rows.find(
    (l) =>
      l.type_id === type.id &&
      statusOf(l, today) === "valid" &&
      (identifier === undefined || l.identifier === identifier),
  );
}

/**
 * Revocation (注销) with a reason, by an approver of the issuing agency.
 * @throws AppError VALIDATION_FAILED (reason), FORBIDDEN, NOT_FOUND, INVALID_STATE (already revoked).
 */
export async function revokeLicense(actor: Actor, identifier: string, input: { reason: string }, deps: Deps) {
  const user = requireUser(actor);
  const l = await loadByIdentifier(identifier, deps.db);
  const issuer = await getAgency(l.issuer_agency_id, deps.db);
  assertCan(actor, "case.decide", { agencyId: issuer.id, regionCode: issuer.regionCode });
  if (input.reason.trim() === "")
    throw new AppError("VALIDATION_FAILED", "credentials.reasonRequired", {}, [
      { path: "reason", message: "credentials.reasonRequired" },
    ]);
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeLicenseRow(trx, l.id, now, input.reason.trim())))
      throw new AppError("INVALID_STATE", "credentials.alreadyRevoked");
    await recordAudit(trx, {
      actor: toAuditActor(user),
      action: "license.revoke",
      entityType: "license",
      entityId: l.id,
      before: { status: l.status },
      after: { status: "revoked", reason: input.reason.trim() },
      requestId: actor.requestId ?? null,
      at: now,
    });
  });
  return verifyLicense(identifier, deps);
}

export async function loadLicenseById(id: string, db: Kysely<Database>) {
  const l = await findLicenseById(db, id);
  if (l === undefined) throw new AppError("NOT_FOUND", "credentials.licenseNotFound");
  return l;
}

export { loadByIdentifier as loadLicenseByIdentifier };
