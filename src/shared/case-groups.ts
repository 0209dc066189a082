/**
 * A parent case (one application of a bundle) and its sub-cases: the parent's status and due date
 * are derived from the sub-cases, never set by hand. Pure.
 */

export type ChildStatus =
  | "submitted"
  | "accepted"
  | "under_review"
  | "suspended"
  | "approved"
  | "denied"
  | "delivered"
  | "withdrawn"
  | "not_accepted"
  | "revoked";

export type ParentStatus =
  "submitted" | "in_progress" | "ready" | "completed" | "partially_completed" | "failed" | "withdrawn";

export interface ChildState {
  status: ChildStatus;
  decision: "approve" | "deny" | null;
  promisedDue: string | null;
}

const RUNNING: readonly ChildStatus[] = ["submitted", "accepted", "under_review", "suspended"];

/** The sub-case ended without a granted result. */
export function isLostChild(c: Pick<ChildState, "status" | "decision">): boolean {
  return (
    c.status === "denied" ||
    c.status === "not_accepted" ||
    c.status === "revoked" ||
    c.status === "withdrawn" ||
    (c.status === "delivered" && c.decision === "deny")
  );
}

/**
 * - every sub-case withdrawn → withdrawn; none beyond submission → submitted;
 * - one still running → in_progress;
 * - all decided, some result not yet delivered → ready (the lead window delivers them together);
 * - all delivered or ended: completed (every result granted), failed (none), else partially_completed.
 * Withdrawn sub-cases do not count once another goes on.
 */
export function deriveParentStatus(
  children: readonly Pick<ChildState, "status" | "decision">[],
): ParentStatus {
  if (children.length === 0 || children.every((c) => c.status === "withdrawn")) return "withdrawn";
  const live = children.filter((c) => c.status !== "withdrawn");
  if (live.every((c) => c.status === "submitted")) return "submitted";
  if (live.some((c) => RUNNING.includes(c.status))) return "in_progress";
  if (live.some((c) => c.status === "approved" || c.status === "denied")) return "ready";
  const granted = live.filter((c) => c.status === "delivered" && c.decision === "approve").length;
  if (granted === live.length) return "completed";
  if (granted === 0) return "failed";
  return "partially_completed";
}

/** The parent is due when its last running sub-case is: the latest promised due date among them. */
export function deriveParentDue(children: readonly ChildState[]): string | null {
  const dues = children
    .filter((c) => !isLostChild(c))
    .map((c) => c.promisedDue)
    .filter((d): d is string => d !== null);
  return dues.length === 0 ? null : dues.reduce((a, b) => (a > b ? a : b));
}

export function isFinalParentStatus(s: ParentStatus): boolean {
  return s === "completed" || s === "partially_completed" || s === "failed" || s === "withdrawn";
}
