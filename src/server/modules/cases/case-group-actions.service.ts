import { AppError } from "../../../shared/errors.js";
import { requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Kysely } from "kysely";
import type { CaseStatus, Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { listChildren, myParentCases } from "./case-groups.queries.js";
import { getCaseGroup, onChildTransition } from "./case-groups.service.js";
import { insertEvent, updateCaseIfVersion } from "./cases.queries.js";

/** A sub-case the applicant may still withdraw: the rule of single-case withdrawal (before a decision). */
export const WITHDRAWABLE: readonly CaseStatus[] = ["submitted", "accepted", "under_review", "suspended"];

/**
 * The applicant withdraws a 一件事 application: every sub-case still running (not yet decided) is
 * withdrawn, in one transaction, each as a single case would be (event, audit, the parent derived
 * again); sub-cases already decided keep their results. Only the applicant, as for a single case.
 * @throws AppError UNAUTHENTICATED, NOT_FOUND, FORBIDDEN (not the applicant), INVALID_STATE (nothing
 *   left to withdraw), CONFLICT (a sub-case changed meanwhile).
 */
export async function withdrawCaseGroup(actor: Actor, id: string, input: { reason?: string }, deps: Deps) {
  const group = await getCaseGroup(actor, id, deps);
  const user = requireUser(actor);
  if (user.id !== group.applicantId) throw new AppError("FORBIDDEN", "error.forbidden");
  if (!group.subCases.some((c) => WITHDRAWABLE.includes(c.status)))
    throw new AppError("INVALID_STATE", "cases.groupCannotWithdraw");
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    const running = (await listChildren(trx, group.id)).filter((c) => WITHDRAWABLE.includes(c.status));
    if (running.length === 0) throw new AppError("INVALID_STATE", "cases.groupCannotWithdraw");
    // First every status, then the parent's derivation: a sub-case waiting for one withdrawn with
    // it gets no “predecessor lost” notice.
    for (const c of running) {
      if (!(await updateCaseIfVersion(trx, c.id, c.lock_version, { status: "withdrawn" })))
        throw new AppError("CONFLICT", "cases.concurrentChange");
      await insertEvent(trx, {
        case_id: c.id,
        action: "withdraw",
        from_status: c.status,
        to_status: "withdrawn",
        actor_id: user.id,
        comment: input.reason ?? `一件事“${group.title}”（${group.caseNumber}）整体撤回`,
        at: now,
      });
      await recordAudit(trx, {
        actor: toAuditActor(actor),
        action: "case.withdraw",
        entityType: "case",
        entityId: c.id,
        before: { status: c.status },
        after: { status: "withdrawn", parent: group.id },
        requestId: actor.requestId ?? null,
      });
    }
    for (const c of running) await onChildTransition(trx, c, "withdrawn", c.decision, now);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "case_group.withdraw",
      entityType: "parent_case",
      entityId: group.id,
      before: { status: group.status },
      after: { withdrawn: running.map((c) => c.case_number) },
      requestId: actor.requestId ?? null,
    });
  });
}

/** The sub-case rows of a parent case (for another module's follow-up, e.g. a bundle rating). */
export function listGroupCases(db: Kysely<Database>, parentId: string) {
  return listChildren(db, parentId);
}

/** The signed-in applicant's 一件事 applications, newest first (for 我的办件). */
export async function listMyCaseGroups(actor: Actor, limit: number, deps: Deps) {
  const user = requireUser(actor);
  const rows = await myParentCases(deps.db, user.id, limit);
  return {
    items: rows.map((p) => ({
      id: p.id,
      caseNumber: p.case_number,
      kind: p.kind,
      refCode: p.ref_code,
      title: p.title,
      status: p.status,
      promisedDue: p.promised_due,
      submittedAt: p.submitted_at.toISOString(),
      completedAt: p.completed_at?.toISOString() ?? null,
    })),
  };
}
