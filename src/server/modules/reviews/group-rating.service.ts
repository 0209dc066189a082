import { chinaDate } from "../../../shared/calendar.js";
import { isFinalParentStatus } from "../../../shared/case-groups.js";
import { AppError } from "../../../shared/errors.js";
import { requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { CaseRow } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { addWorkdaysInRegion } from "../calendar/calendar.service.js";
import { listGroupCases } from "../cases/case-group-actions.service.js";
import { getCaseGroup } from "../cases/case-groups.service.js";
import { findEvaluationByCase } from "./reviews.queries.js";
import { LEVELS, checkIndicators, rectificationDays, writeCaseEvaluation } from "./reviews.service.js";

/** Sub-cases a bundle rating reaches: concluded by the department (a withdrawn one was not served). */
const RATED_CONCLUSIONS: readonly string[] = ["approved", "denied", "delivered", "not_accepted", "revoked"];

const isRateable = (c: Pick<CaseRow, "status">) => RATED_CONCLUSIONS.includes(c.status);

/**
 * 好差评 of a 一件事 application (ARCHITECTURE.md “Bundle ratings”): the applicant rates the whole
 * application once, after it concluded; the rating is recorded as one evaluation per concluded
 * sub-case not yet rated on its own — attributed, like any case rating, to that sub-case's item,
 * agency, region and window staff — so each department's statistics and rectification duty stay
 * those of the evaluations model. A bad rating (不满意 / 非常不满意) opens a rectification task for
 * every department rated. All in one transaction.
 * @throws AppError FORBIDDEN (not the applicant), INVALID_STATE (not concluded, or nothing the
 *   departments concluded), CONFLICT (already rated), VALIDATION_FAILED (indicators).
 */
export async function rateCaseGroup(
  actor: Actor,
  id: string,
  input: { level: number; indicators: Record<string, number>; comment?: string },
  deps: Deps,
) {
  const group = await getCaseGroup(actor, id, deps);
  const user = requireUser(actor);
  if (user.id !== group.applicantId) throw new AppError("FORBIDDEN", "reviews.onlyApplicant");
  if (!isFinalParentStatus(group.status) || !group.subCases.some(isRateable))
    throw new AppError("INVALID_STATE", "reviews.notConcluded");
  const channel = group.channel === "online" ? "online" : "window";
  const indicators = checkIndicators(channel, input.indicators);
  const now = nowOf(deps);
  const isBad = input.level >= 4;
  const days = isBad ? await rectificationDays(deps.db) : 0;
  const children = (await listGroupCases(deps.db, group.id)).filter(isRateable);
  const dues = new Map<string, string>();
  if (isBad)
    for (const c of children)
      dues.set(c.id, await addWorkdaysInRegion(deps.db, c.handling_region_code, chinaDate(now), days));
  return deps.db.transaction().execute(async (trx) => {
    const rated = [];
    for (const c of children) {
      if ((await findEvaluationByCase(trx, c.id)) !== undefined) continue;
      const due = dues.get(c.id) ?? null;
      const evaluationId = await writeCaseEvaluation(
        trx,
        actor,
        c,
        {
          raterId: user.id,
          channel,
          level: input.level,
          indicators,
          comment: input.comment,
          rectificationDue: due,
          now,
        },
        { parent: group.id },
      );
      rated.push({ caseId: c.id, evaluationId, rectificationDue: due });
    }
    if (rated.length === 0) throw new AppError("CONFLICT", "reviews.alreadyRated");
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "case_group.rate",
      entityType: "parent_case",
      entityId: group.id,
      after: { level: input.level, evaluations: rated.map((r) => r.evaluationId) },
      requestId: actor.requestId ?? null,
    });
    return { items: rated };
  });
}

/**
 * The ratings of a 一件事 application's sub-cases (the applicant and the staff who see it): each
 * concluded sub-case with its rating, or null; `isRated` once none is left to rate.
 * @throws AppError NOT_FOUND.
 */
export async function getCaseGroupEvaluation(actor: Actor, id: string, deps: Deps) {
  const group = await getCaseGroup(actor, id, deps);
  const items = [];
  for (const c of group.subCases) {
    if (!isRateable(c)) continue;
    const e = await findEvaluationByCase(deps.db, c.caseId);
    items.push({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      itemName: c.itemName,
      agencyName: c.agencyName,
      evaluation:
        e === undefined
          ? null
          : {
              id: e.id,
              level: e.level,
              levelName: LEVELS[e.level as keyof typeof LEVELS],
              createdAt: e.created_at.toISOString(),
            },
    });
  }
  return {
    isRateable: isFinalParentStatus(group.status) && items.some((i) => i.evaluation === null),
    isRated: items.length > 0 && items.every((i) => i.evaluation !== null),
    items,
  };
}
