import type { Kysely } from "kysely";
import type { CreateStaffBody, GrantBody } from "../../../shared/contracts/admin.js";
import { AppError } from "../../../shared/errors.js";
import type { MessageKey } from "../../../shared/i18n/messages.js";
import { isWithinRegion } from "../../../shared/regions.js";
import { ROLE_POLICY, can, holdsAnywhere, isSelf, requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database, Role } from "../../db/tables.js";
import type { Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { regionExists } from "../regions/regions.service.js";
import { deleteGrant, findGrant, insertGrantReturning, listGrantDetails } from "./identity.grants.queries.js";
import { findUserById } from "./identity.queries.js";
import { createStaffUser } from "./identity.service.js";

/**
 * 授权管理: granting and revoking roles (role_grants) by administrators. The rules (SPEC §1):
 * an administrator acts only on staff of agencies in their own region subtree, grants only at
 * agencies and with scopes inside that subtree (so never a role reaching beyond their own), and
 * never to or from themselves; the 自治区 platform administrator's subtree is all of Xinjiang.
 */

function fail(code: "VALIDATION_FAILED", key: MessageKey, path: string, params = {}): never {
  throw new AppError(code, key, params, [{ path, message: key }]);
}

/**
 * The staff member and their agency, if the actor administers that agency's region.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN (no admin grant at all), NOT_FOUND (unknown, not staff, out of scope).
 */
async function staffInScope(actor: Actor, userId: string, db: Kysely<Database>) {
  requireUser(actor);
  if (!holdsAnywhere(actor, "admin.manage")) throw new AppError("FORBIDDEN", "error.forbidden");
  const notFound = new AppError("NOT_FOUND", "identity.userNotFound");
  const user = await findUserById(db, userId);
  if (user === undefined || user.kind !== "staff" || user.agency_id === null) throw notFound;
  const agency = await getAgency(user.agency_id, db).catch(() => undefined);
  if (
    agency === undefined ||
    !can(actor, "admin.manage", { regionCode: agency.regionCode, agencyId: agency.id })
  )
    throw notFound;
  return { user, agency };
}

async function grantsView(db: Kysely<Database>, userId: string) {
  const rows = await listGrantDetails(db, userId);
  return rows.map((g) => ({
    id: g.id,
    role: g.role,
    roleName: ROLE_POLICY[g.role].name,
    agencyId: g.agency_id,
    agencyName: g.agency_name,
    regionCode: g.region_code,
    regionName: g.region_name ?? g.region_code,
    scope: ROLE_POLICY[g.role].scope,
    permissions: [...ROLE_POLICY[g.role].permissions],
    grantedAt: g.granted_at.toISOString(),
    grantedBy: g.granted_by,
  }));
}

/**
 * A staff member's effective grants (role, agency, scope and the permissions they give).
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND.
 */
export async function getUserGrants(actor: Actor, userId: string, deps: Deps) {
  const { user, agency } = await staffInScope(actor, userId, deps.db);
  return {
    user: {
      id: user.id,
      loginName: user.login_name,
      displayName: user.display_name,
      agencyId: user.agency_id,
      agencyName: agency.name,
      regionCode: agency.regionCode,
      isActive: user.is_active,
    },
    grants: await grantsView(deps.db, user.id),
  };
}

/** The agency a grant is made at, as a validation error (not a 404) when it does not exist. */
async function grantAgency(agencyId: number, db: Kysely<Database>) {
  const agency = await getAgency(agencyId, db).catch(() => undefined);
  if (agency === undefined) fail("VALIDATION_FAILED", "agencies.notFound", "agencyId", { id: agencyId });
  return agency;
}

/**
 * Checks a grant's scope: inside its agency's region, existing, and within the actor's own reach.
 * @throws AppError VALIDATION_FAILED, FORBIDDEN (identity.grantBeyondReach).
 */
async function assertGrantable(
  actor: Actor,
  agency: { id: number; regionCode: string },
  regionCode: string,
  db: Kysely<Database>,
) {
  if (!isWithinRegion(regionCode, agency.regionCode))
    fail("VALIDATION_FAILED", "identity.grantOutsideAgency", "regionCode", { region: regionCode });
  if (!(await regionExists(regionCode, db)))
    fail("VALIDATION_FAILED", "regions.notFound", "regionCode", { code: regionCode });
  if (
    !can(actor, "admin.manage", { regionCode: agency.regionCode, agencyId: agency.id }) ||
    !can(actor, "admin.manage", { regionCode })
  )
    throw new AppError("FORBIDDEN", "identity.grantBeyondReach", { region: regionCode });
}

/**
 * Grants a role to a staff member, audited.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN (self, beyond reach), NOT_FOUND (user), VALIDATION_FAILED, CONFLICT (held already).
 */
export async function grantRole(actor: Actor, userId: string, input: GrantBody, deps: Deps) {
  const { user, agency: home } = await staffInScope(actor, userId, deps.db);
  const grantedBy = requireUser(actor).id;
  if (isSelf(actor, user.id)) throw new AppError("FORBIDDEN", "identity.selfGrant");
  const agency = input.agencyId === undefined ? home : await grantAgency(input.agencyId, deps.db);
  const regionCode = input.regionCode ?? agency.regionCode;
  await assertGrantable(actor, agency, regionCode, deps.db);
  await deps.db.transaction().execute(async (trx) => {
    const row = await insertGrantReturning(trx, {
      user_id: user.id,
      role: input.role,
      agency_id: agency.id,
      region_code: regionCode,
      granted_by: grantedBy,
    });
    if (row === undefined)
      throw new AppError("CONFLICT", "identity.grantExists", { role: ROLE_POLICY[input.role].name });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "identity.grant.create",
      entityType: "user",
      entityId: user.id,
      after: { grantId: row.id, role: input.role, agencyId: agency.id, regionCode },
      requestId: actor.requestId ?? null,
    });
  });
  return getUserGrants(actor, user.id, deps);
}

/**
 * Revokes one role at one agency from a staff member, audited. Revoking what is not held changes
 * nothing (`revoked: false`), so the operation is idempotent.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN (self, beyond reach), NOT_FOUND (user).
 */
export async function revokeRole(
  actor: Actor,
  userId: string,
  input: { role: Role; agencyId: number },
  deps: Deps,
) {
  const { user } = await staffInScope(actor, userId, deps.db);
  if (isSelf(actor, user.id)) throw new AppError("FORBIDDEN", "identity.selfGrant");
  const revoked = await deps.db.transaction().execute(async (trx) => {
    const grant = await findGrant(trx, user.id, input.role, input.agencyId);
    if (grant === undefined) return false;
    const agency = await grantAgency(grant.agency_id, trx);
    if (
      !can(actor, "admin.manage", { regionCode: agency.regionCode, agencyId: agency.id }) ||
      !can(actor, "admin.manage", { regionCode: grant.region_code })
    )
      throw new AppError("FORBIDDEN", "identity.grantBeyondReach", { region: grant.region_code });
    await deleteGrant(trx, grant.id);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "identity.grant.revoke",
      entityType: "user",
      entityId: user.id,
      before: {
        grantId: grant.id,
        role: grant.role,
        agencyId: grant.agency_id,
        regionCode: grant.region_code,
      },
      requestId: actor.requestId ?? null,
    });
    return true;
  });
  return { ...(await getUserGrants(actor, user.id, deps)), revoked };
}

/**
 * Creates a staff account with its first grants (each checked like a grant), audited.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED, CONFLICT (login name taken).
 */
export async function createStaff(actor: Actor, input: CreateStaffBody, deps: Deps) {
  requireUser(actor);
  if (!holdsAnywhere(actor, "admin.manage")) throw new AppError("FORBIDDEN", "error.forbidden");
  const agency = await grantAgency(input.agencyId, deps.db);
  if (!can(actor, "admin.manage", { regionCode: agency.regionCode, agencyId: agency.id }))
    throw new AppError("FORBIDDEN", "identity.grantBeyondReach", { region: agency.regionCode });
  for (const g of input.grants)
    await assertGrantable(actor, agency, g.regionCode ?? agency.regionCode, deps.db);
  const created = await createStaffUser(
    actor,
    {
      loginName: input.loginName,
      displayName: input.displayName,
      password: input.password,
      agencyId: agency.id,
      ...(input.phone === undefined ? {} : { phone: input.phone }),
      grants: input.grants.map((g) => ({
        role: g.role,
        ...(g.regionCode === undefined ? {} : { regionCode: g.regionCode }),
      })),
    },
    deps,
  );
  return getUserGrants(actor, created.id, deps);
}
