import type { AuditActor } from "./audit/audit.service.js";

/**
 * Who is acting, and in which request: the first argument of every service function.
 * Identity (issue 3) fills `user` actors from the session; jobs and CLI commands act as `system`.
 */
export type Actor =
  | { kind: "anonymous"; requestId?: string }
  | { kind: "system"; id: string; requestId?: string }
  | { kind: "user"; id: string; requestId?: string };

export const SYSTEM: Actor = { kind: "system", id: "system" };

export function anonymous(requestId?: string): Actor {
  return requestId === undefined ? { kind: "anonymous" } : { kind: "anonymous", requestId };
}

export function toAuditActor(actor: Actor): AuditActor {
  return actor.kind === "anonymous" ? { kind: "anonymous", id: null } : { kind: actor.kind, id: actor.id };
}
