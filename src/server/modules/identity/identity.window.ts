import { randomUUID } from "node:crypto";
import { normalizeIdNumber } from "../../../shared/codes/id-number.js";
import type { WindowRegisterBody } from "../../../shared/contracts/window.js";
import { AppError } from "../../../shared/errors.js";
import { can, requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { UserRow } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { assertCreditCode, getAgency } from "../agencies/agencies.service.js";
import {
  findUserByCreditCode,
  findUserByIdNumberIndex,
  insertUser,
  setFirstPassword,
} from "./identity.queries.js";
import { assertIdNumber, getProfile } from "./identity.service.js";

/**
 * 当场注册 (registering an applicant at the window) and its later 认领 (claim) by the person.
 *
 * Safety design (ARCHITECTURE.md "Identity and access"):
 * - Only a window clerk, in their own hall's region, opens such an account, after checking the
 *   identity document in person; the ID number (GB 11643) or credit code (GB 32100) must pass its
 *   check character. The clerk, the hall and the request are in the audit record.
 * - The account has no password: `password_hash` holds UNCLAIMED, which is not an argon2 hash, so
 *   no password ever verifies against it and nobody can log in as the applicant — not the clerk,
 *   not anyone who guesses. The clerk never sees or sets a credential.
 * - The person claims it by registering normally (`POST /api/v1/auth/register`) with the same ID
 *   number or credit code AND the phone number recorded at the window (compared by its blind
 *   index): then their chosen password is set, once (a guarded update: only while still unclaimed),
 *   and audited as `identity.claim`. With another phone the registration is refused, so someone
 *   who only knows the ID number cannot take the account over.
 */
export const UNCLAIMED = "!unclaimed:window-registered";

export function isUnclaimed(user: Pick<UserRow, "password_hash">): boolean {
  return user.password_hash === UNCLAIMED;
}

/**
 * A window clerk registers the applicant in front of them when the lookup found none.
 * @throws AppError UNAUTHENTICATED; FORBIDDEN unless a window clerk of their hall's region;
 * VALIDATION_FAILED (ID number / credit code check); CONFLICT when already registered.
 */
export async function registerAtWindow(actor: Actor, input: WindowRegisterBody, deps: Deps) {
  const user = requireUser(actor);
  if (user.userKind !== "staff" || user.agencyId === null) throw new AppError("FORBIDDEN", "error.forbidden");
  const hall = await getAgency(user.agencyId, deps.db);
  if (!can(actor, "case.intake", { regionCode: hall.regionCode }))
    throw new AppError("FORBIDDEN", "error.forbidden");
  const { secrets } = deps;
  let fields: { id_number_enc: string | null; id_number_bidx: string | null; credit_code: string | null };
  if (input.kind === "person") {
    const idNumber = normalizeIdNumber(input.idNumber);
    assertIdNumber(idNumber);
    fields = {
      id_number_enc: secrets.encrypt(idNumber),
      id_number_bidx: secrets.blindIndex("id_number", idNumber),
      credit_code: null,
    };
  } else {
    const creditCode = input.creditCode.toUpperCase();
    assertCreditCode(creditCode);
    fields = { id_number_enc: null, id_number_bidx: null, credit_code: creditCode };
  }
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const existing =
      fields.id_number_bidx !== null
        ? await findUserByIdNumberIndex(trx, fields.id_number_bidx)
        : await findUserByCreditCode(trx, fields.credit_code ?? "");
    if (existing !== undefined) throw new AppError("CONFLICT", "identity.windowRegistered");
    await insertUser(trx, {
      id,
      kind: input.kind,
      login_name: null,
      display_name: input.name,
      ...fields,
      phone_enc: secrets.encrypt(input.phone),
      phone_bidx: secrets.blindIndex("phone", input.phone),
      agency_id: null,
      password_hash: UNCLAIMED,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "identity.window_register",
      entityType: "user",
      entityId: id,
      after: {
        id,
        kind: input.kind,
        creditCode: fields.credit_code,
        hallAgencyId: hall.id,
        hallRegionCode: hall.regionCode,
        isClaimed: false,
      },
      at: nowOf(deps),
      requestId: actor.requestId ?? null,
    });
  });
  return getProfile(actor, id, deps);
}

/**
 * 认领: the person registers with the ID number / credit code of an account opened at a window.
 * Succeeds only with the phone number recorded there; sets the first password once.
 * @throws AppError CONFLICT with another phone, or when someone claimed it meanwhile.
 */
export async function claimWindowAccount(
  actor: Actor,
  existing: UserRow,
  input: { kind: "person" | "enterprise"; phone: string; passwordHash: string },
  deps: Deps,
): Promise<void> {
  if (existing.kind !== input.kind || existing.phone_bidx !== deps.secrets.blindIndex("phone", input.phone))
    throw new AppError("CONFLICT", "identity.claimPhoneMismatch");
  const hash = input.passwordHash;
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await setFirstPassword(trx, existing.id, UNCLAIMED, hash, now)))
      throw new AppError("CONFLICT", "identity.alreadyRegistered");
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "identity.claim",
      entityType: "user",
      entityId: existing.id,
      before: { isClaimed: false },
      after: { isClaimed: true },
      at: now,
      requestId: actor.requestId ?? null,
    });
  });
}
