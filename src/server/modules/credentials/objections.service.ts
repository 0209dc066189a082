import { AppError } from "../../../shared/errors.js";
import { assertCan, requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import {
  closeObjection,
  findObjection,
  findOpenObjection,
  insertObjection,
  revokeLicenseRow,
} from "./licenses.queries.js";
import {
  holderIndexOfUser,
  issueLicenseInTrx,
  loadLicenseById,
  loadLicenseByIdentifier,
} from "./licenses.service.js";

/**
 * 异议 (方案 十八): the holder disputes the content of their license, naming the reason and the
 * fields they ask to be corrected. One open objection per license.
 * @throws AppError UNAUTHENTICATED, NOT_FOUND (not the holder's), VALIDATION_FAILED, CONFLICT.
 */
export async function fileObjection(
  actor: Actor,
  identifier: string,
  input: { reason: string; requestedFields?: Record<string, string> },
  deps: Deps,
) {
  const user = requireUser(actor);
  const l = await loadLicenseByIdentifier(identifier, deps.db);
  if ((await holderIndexOfUser(user.id, deps)) !== l.holder_bidx)
    throw new AppError("NOT_FOUND", "credentials.licenseNotFound");
  if (input.reason.trim() === "")
    throw new AppError("VALIDATION_FAILED", "credentials.reasonRequired", {}, [
      { path: "reason", message: "credentials.reasonRequired" },
    ]);
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    if ((await findOpenObjection(trx, l.id)) !== undefined)
      throw new AppError("CONFLICT", "credentials.objectionOpen");
    const { id } = await insertObjection(trx, {
      license_id: l.id,
      filed_by: user.id,
      reason: input.reason.trim(),
      requested_fields: input.requestedFields === undefined ? null : JSON.stringify(input.requestedFields),
      status: "open",
      resolution: null,
      resolved_by: null,
      corrected_license_id: null,
      filed_at: now,
      resolved_at: null,
    });
    await recordAudit(trx, {
      actor: toAuditActor(user),
      action: "license.objection.file",
      entityType: "license_objection",
      entityId: id,
      after: { licenseId: l.id, reason: input.reason.trim() },
      requestId: actor.requestId ?? null,
      at: now,
    });
    return { id, status: "open" as const, licenseIdentifier: l.identifier };
  });
}

/**
 * The issuer's answer: `correct` issues a new version (same number, version + 1, the corrected
 * fields, a fresh signature) and revokes the old one as superseded; `reject` closes it with reasons.
 * @throws AppError FORBIDDEN (not an approver of the issuer), NOT_FOUND, INVALID_STATE, VALIDATION_FAILED.
 */
export async function resolveObjection(
  actor: Actor,
  objectionId: number,
  input: { decision: "correct" | "reject"; resolution: string; fields?: Record<string, string> },
  deps: Deps,
) {
  const user = requireUser(actor);
  const o = await findObjection(deps.db, objectionId);
  if (o === undefined) throw new AppError("NOT_FOUND", "credentials.objectionNotFound");
  const l = await loadLicenseById(o.license_id, deps.db);
  const issuer = await getAgency(l.issuer_agency_id, deps.db);
  assertCan(actor, "case.decide", { agencyId: issuer.id, regionCode: issuer.regionCode });
  if (input.resolution.trim() === "")
    throw new AppError("VALIDATION_FAILED", "credentials.reasonRequired", {}, [
      { path: "resolution", message: "credentials.reasonRequired" },
    ]);
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    let correctedIdentifier: string | null = null;
    let correctedId: string | null = null;
    if (input.decision === "correct") {
      if (!(await revokeLicenseRow(trx, l.id, now, `更正换发：${input.resolution.trim()}`)))
        throw new AppError("INVALID_STATE", "credentials.alreadyRevoked");
      const next = await issueLicenseInTrx(
        trx,
        {
          typeId: l.type_id,
          issuerAgencyId: l.issuer_agency_id,
          caseId: l.case_id,
          holder: {
            kind: l.holder_kind,
            name: l.holder_name,
            code: deps.secrets.decrypt(l.holder_code_enc),
            userId: l.holder_user_id,
          },
          fields: { ...(l.fields as Record<string, unknown>), ...(input.fields ?? {}) },
          supersedes: l,
        },
        deps.secrets,
        now,
      );
      correctedIdentifier = next.identifier;
      correctedId = next.id;
    }
    const ok = await closeObjection(trx, o.id, {
      status: input.decision === "correct" ? "corrected" : "rejected",
      resolution: input.resolution.trim(),
      resolved_by: user.id,
      resolved_at: now,
      corrected_license_id: correctedId,
    });
    if (!ok) throw new AppError("INVALID_STATE", "credentials.objectionClosed");
    await recordAudit(trx, {
      actor: toAuditActor(user),
      action: `license.objection.${input.decision}`,
      entityType: "license_objection",
      entityId: o.id,
      before: { status: "open" },
      after: { status: input.decision === "correct" ? "corrected" : "rejected", correctedIdentifier },
      requestId: actor.requestId ?? null,
      at: now,
    });
    return {
      id: o.id,
      status: input.decision === "correct" ? ("corrected" as const) : ("rejected" as const),
      correctedIdentifier,
    };
  });
}
