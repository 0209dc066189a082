import type { AuditActor } from "./audit/audit.service.js";
import type { Role, SessionKind, UserKind } from "./db/tables.js";

/** One role granted at one agency; `regionCode` is its scope (the agency's region, or a subtree for management roles). */
export interface Grant {
  role: Role;
  agencyId: number;
  regionCode: string;
}

/**
 * Who is acting, and in which request: the first argument of every service function.
 * `user` actors come from a session (see http/auth.ts); jobs and CLI commands act as `system`.
 */
export type Actor =
  | { kind: "anonymous"; requestId?: string }
  | { kind: "system"; id: string; requestId?: string }
  | {
      kind: "user";
      id: string;
      userKind: UserKind;
      agencyId: number | null;
      grants: Grant[];
      sessionId?: string;
      sessionKind?: SessionKind;
      requestId?: string;
    };

export type UserActor = Extract<Actor, { kind: "user" }>;

export const SYSTEM: Actor = { kind: "system", id: "system" };

export function anonymous(requestId?: string): Actor {
  return requestId === undefined ? { kind: "anonymous" } : { kind: "anonymous", requestId };
}

export function toAuditActor(actor: Actor): AuditActor {
  return actor.kind === "anonymous" ? { kind: "anonymous", id: null } : { kind: actor.kind, id: actor.id };
}
