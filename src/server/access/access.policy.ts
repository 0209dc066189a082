import { AppError } from "../../shared/errors.js";
import { isWithinRegion } from "../../shared/regions.js";
import type { Actor, Grant, UserActor } from "../actor.js";
import type { Role } from "../db/tables.js";

/**
 * The one policy layer. Every module asks `can(actor, permission, target)` (or `assertCan`), and
 * lists filter with `scopesFor`. Roles are granted per agency (SPEC §1): acting roles are bound to
 * their agency, or for window clerks to their hall's region; management roles to a region subtree.
 */
export type Permission =
  | "case.intake"
  | "case.review"
  | "case.decide"
  | "catalog.edit"
  | "catalog.review"
  | "supervision.read"
  | "admin.manage";

type ScopeKind = "agency" | "region";

export const ROLE_POLICY: Record<
  Role,
  { name: string; scope: ScopeKind; permissions: readonly Permission[] }
> = {
  window_clerk: { name: "综合窗口", scope: "region", permissions: ["case.intake"] },
  reviewer: { name: "审核人员", scope: "agency", permissions: ["case.review"] },
  approver: { name: "审批人员", scope: "agency", permissions: ["case.review", "case.decide"] },
  catalog_editor: { name: "事项编辑", scope: "agency", permissions: ["catalog.edit"] },
  catalog_reviewer: { name: "事项审核", scope: "region", permissions: ["catalog.review"] },
  supervisor: { name: "监督人员", scope: "region", permissions: ["supervision.read"] },
  admin: { name: "平台管理员", scope: "region", permissions: ["admin.manage", "supervision.read"] },
};

/** What a permission is checked against: the agency that acts and the region where it acts. */
export interface Target {
  agencyId?: number | null;
  regionCode: string;
}

function grantsFor(actor: Actor, permission: Permission): Grant[] {
  if (actor.kind !== "user") return [];
  return actor.grants.filter((g) => ROLE_POLICY[g.role].permissions.includes(permission));
}

function grantCovers(grant: Grant, target: Target): boolean {
  switch (ROLE_POLICY[grant.role].scope) {
    case "agency":
      return target.agencyId !== undefined && target.agencyId !== null && target.agencyId === grant.agencyId;
    case "region":
      return isWithinRegion(target.regionCode, grant.regionCode);
  }
}

/** Whether the actor may exercise `permission` on `target`. The system actor may do anything. */
export function can(actor: Actor, permission: Permission, target: Target): boolean {
  if (actor.kind === "system") return true;
  return grantsFor(actor, permission).some((g) => grantCovers(g, target));
}

/**
 * @throws AppError UNAUTHENTICATED for an anonymous actor, FORBIDDEN when no grant covers the target.
 */
export function assertCan(actor: Actor, permission: Permission, target: Target): void {
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "error.unauthenticated");
  if (!can(actor, permission, target)) throw new AppError("FORBIDDEN", "error.forbidden", {}, { permission });
}

/** For list filtering: the region roots and agency ids within which the actor holds `permission`. */
export function scopesFor(
  actor: Actor,
  permission: Permission,
): { regionRoots: string[]; agencyIds: number[]; isAll: boolean } {
  if (actor.kind === "system") return { regionRoots: [], agencyIds: [], isAll: true };
  const grants = grantsFor(actor, permission);
  return {
    regionRoots: grants.filter((g) => ROLE_POLICY[g.role].scope === "region").map((g) => g.regionCode),
    agencyIds: grants.filter((g) => ROLE_POLICY[g.role].scope === "agency").map((g) => g.agencyId),
    isAll: false,
  };
}

/** Whether the actor holds `permission` anywhere at all (e.g. to show a workbench). */
export function holdsAnywhere(actor: Actor, permission: Permission): boolean {
  return actor.kind === "system" || grantsFor(actor, permission).length > 0;
}

export function isSelf(actor: Actor, userId: string): actor is UserActor {
  return actor.kind === "user" && actor.id === userId;
}

/** @throws AppError UNAUTHENTICATED unless a user is logged in. */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "error.unauthenticated");
  return actor;
}
