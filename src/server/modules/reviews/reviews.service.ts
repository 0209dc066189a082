import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { can, holdsAnywhere, requireUser, scopesFor } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { CaseRow, Database, RectificationRow, RectificationStatus } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { addWorkdaysInRegion } from "../calendar/calendar.service.js";
import { loadVisibleCase } from "../cases/cases.service.js";
import { getAgency } from "../agencies/agencies.service.js";
import {
  escalateOverdue,
  findEvaluation,
  findEvaluationByCase,
  findEvaluationByVisit,
  findVisit,
  insertVisit,
  listVisitsOf,
  findTask,
  findTaskByEvaluation,
  insertEvaluation,
  insertTask,
  listTasks,
  readSetting,
  updateTaskIfVersion,
} from "./reviews.queries.js";

/** A.8 satisfaction levels. */
export const LEVELS = { 1: "非常满意", 2: "满意", 3: "基本满意", 4: "不满意", 5: "非常不满意" } as const;

/** Channel-specific indicators (GB/T 39734/39735 as SPEC states them). */
export const INDICATORS = {
  online: {
    overall: "整体满意度",
    efficiency: "办事效率",
    guideAccuracy: "办事指南精确度",
    convenience: "办事便捷度",
    usability: "平台操作性",
  },
  window: { overall: "整体满意度", efficiency: "服务效率", service: "服务水平", attitude: "服务态度" },
} as const;

export const DEFAULT_RECTIFICATION_WORKDAYS = 15;
const CONCLUDED = ["approved", "denied", "delivered", "not_accepted", "revoked", "withdrawn"];

export async function rectificationDays(db: Kysely<Database>): Promise<number> {
  const v = await readSetting(db, "rectification_workdays");
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : DEFAULT_RECTIFICATION_WORKDAYS;
}

/**
 * The channel's indicators, each 1–5, nothing else.
 * @throws AppError VALIDATION_FAILED ("reviews.badIndicators") naming the expected indicators.
 */
export function checkIndicators(channel: "online" | "window", indicators: Record<string, number>) {
  const allowed = INDICATORS[channel];
  const schema = z
    .object(Object.fromEntries(Object.keys(allowed).map((k) => [k, z.number().int().min(1).max(5)])))
    .strict();
  const parsed = schema.safeParse(indicators);
  if (!parsed.success) {
    throw new AppError(
      "VALIDATION_FAILED",
      "reviews.badIndicators",
      { indicators: Object.values(allowed).join("、") },
      parsed.error.issues.map((i) => ({
        path: ["indicators", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    );
  }
  return parsed.data;
}

/**
 * Writes one case's evaluation inside the caller's transaction — attributed to the case's item,
 * agency, region and window staff — with its rectification task when a due date is given, audited as
 * `review.rate` (`auditExtra` joins the audit record). Used by a case rating and a 一件事 rating.
 */
export async function writeCaseEvaluation(
  trx: Kysely<Database>,
  actor: Actor,
  c: Pick<CaseRow, "id" | "guide_code" | "agency_id" | "handling_region_code" | "received_by">,
  e: {
    raterId: string;
    channel: "online" | "window";
    level: number;
    indicators: Record<string, number>;
    comment: string | undefined;
    rectificationDue: string | null;
    now: Date;
  },
  auditExtra: Record<string, unknown> = {},
): Promise<number> {
  const row = await insertEvaluation(trx, {
    case_id: c.id,
    rater_id: e.raterId,
    channel: e.channel,
    level: e.level,
    indicators: JSON.stringify(e.indicators),
    comment: e.comment ?? null,
    guide_code: c.guide_code,
    agency_id: c.agency_id,
    region_code: c.handling_region_code,
    staff_id: c.received_by,
    created_at: e.now,
  });
  if (e.rectificationDue !== null)
    await insertTask(trx, {
      evaluation_id: row.id,
      agency_id: c.agency_id,
      region_code: c.handling_region_code,
      due_date: e.rectificationDue,
    });
  await recordAudit(trx, {
    actor: toAuditActor(actor),
    action: "review.rate",
    entityType: "evaluation",
    entityId: row.id,
    after: { caseId: c.id, level: e.level, ...auditExtra },
    requestId: actor.requestId ?? null,
  });
  return row.id;
}

/**
 * The applicant rates a concluded case, voluntarily and once (方案 九): five levels and the
 * indicators of the channel, attributed to the item, agency and window staff. A bad rating
 * (不满意 / 非常不满意) opens a rectification task for the agency, due in working days.
 * @throws AppError FORBIDDEN (not the applicant: staff can never rate or change a rating),
 *   INVALID_STATE (not concluded), CONFLICT (already rated), VALIDATION_FAILED (indicators).
 */
export async function rateCase(
  actor: Actor,
  caseId: string,
  input: { level: number; indicators: Record<string, number>; comment?: string },
  deps: Deps,
) {
  const user = requireUser(actor);
  const c = await loadVisibleCase(actor, caseId, deps.db);
  if (user.id !== c.applicant_id) throw new AppError("FORBIDDEN", "reviews.onlyApplicant");
  if (!CONCLUDED.includes(c.status)) throw new AppError("INVALID_STATE", "reviews.notConcluded");
  const channel = c.channel === "online" ? "online" : "window";
  const parsed = { data: checkIndicators(channel, input.indicators) };
  const now = nowOf(deps);
  const isBad = input.level >= 4;
  const due = isBad
    ? await addWorkdaysInRegion(
        deps.db,
        c.handling_region_code,
        chinaDate(now),
        await rectificationDays(deps.db),
      )
    : null;
  return deps.db.transaction().execute(async (trx) => {
    if ((await findEvaluationByCase(trx, c.id)) !== undefined)
      throw new AppError("CONFLICT", "reviews.alreadyRated");
    const evaluationId = await writeCaseEvaluation(trx, actor, c, {
      raterId: user.id,
      channel,
      level: input.level,
      indicators: parsed.data,
      comment: input.comment,
      rectificationDue: due,
      now,
    });
    return { evaluationId, rectificationDue: due };
  });
}

function taskView(t: RectificationRow) {
  return {
    id: t.id,
    status: t.status,
    dueDate: t.due_date,
    isEscalated: t.is_escalated,
    verification: t.verification,
    rectification: t.rectification,
    callbackNote: t.callback_note,
    appealReason: t.appeal_reason,
    recheckResult: t.recheck_result,
    lockVersion: t.lock_version,
  };
}

/** The rating of a case and the outcome of its rectification, for the rater and the staff who see the case. */
export async function getCaseEvaluation(actor: Actor, caseId: string, deps: Deps) {
  const c = await loadVisibleCase(actor, caseId, deps.db);
  const e = await findEvaluationByCase(deps.db, c.id);
  if (e === undefined) throw new AppError("NOT_FOUND", "reviews.notRated");
  const t = await findTaskByEvaluation(deps.db, e.id);
  return {
    id: e.id,
    level: e.level,
    levelName: LEVELS[e.level as keyof typeof LEVELS],
    channel: e.channel,
    indicators: e.indicators,
    comment: e.comment,
    createdAt: e.created_at.toISOString(),
    rectification: t === undefined ? null : taskView(t),
  };
}

async function loadTask(actor: Actor, id: number, deps: Deps): Promise<RectificationRow> {
  requireUser(actor);
  const t = await findTask(deps.db, id);
  if (t === undefined) throw new AppError("NOT_FOUND", "reviews.taskNotFound");
  const e = await findEvaluation(deps.db, t.evaluation_id);
  const isRater = actor.kind === "user" && e?.rater_id === actor.id;
  const isStaff =
    can(actor, "case.review", { agencyId: t.agency_id, regionCode: t.region_code }) ||
    can(actor, "supervision.read", { regionCode: t.region_code });
  if (!isRater && !isStaff) throw new AppError("NOT_FOUND", "reviews.taskNotFound");
  return t;
}

async function move(
  actor: Actor,
  t: RectificationRow,
  to: RectificationStatus,
  patch: Partial<RectificationRow>,
  deps: Deps,
  action: string,
) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateTaskIfVersion(trx, t.id, t.lock_version, { ...patch, status: to })))
      throw new AppError("CONFLICT", "cases.concurrentChange");
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: `review.rectification.${action}`,
      entityType: "rectification_task",
      entityId: t.id,
      before: { status: t.status },
      after: { status: to, ...patch },
      requestId: actor.requestId ?? null,
    });
  });
  const updated = await findTask(deps.db, t.id);
  if (updated === undefined) throw new Error("task vanished");
  return taskView(updated);
}

/**
 * The agency reports its rectification: verification, what it rectified and the call-back to the rater.
 * @throws AppError FORBIDDEN (not the agency), INVALID_STATE (not open), VALIDATION_FAILED.
 */
export async function reportRectification(
  actor: Actor,
  id: number,
  input: { verification: string; rectification: string; callbackNote: string },
  deps: Deps,
) {
  const t = await loadTask(actor, id, deps);
  if (!can(actor, "case.review", { agencyId: t.agency_id, regionCode: t.region_code }))
    throw new AppError("FORBIDDEN", "error.forbidden");
  if (t.status !== "open") throw new AppError("INVALID_STATE", "reviews.wrongState");
  return move(
    actor,
    t,
    "reported",
    {
      verification: input.verification,
      rectification: input.rectification,
      callback_note: input.callbackNote,
      reported_at: nowOf(deps),
    },
    deps,
    "report",
  );
}

/** The rater, not satisfied with the reported outcome, appeals to the management agency. */
export async function appealRectification(actor: Actor, id: number, input: { reason: string }, deps: Deps) {
  const t = await loadTask(actor, id, deps);
  const e = await findEvaluation(deps.db, t.evaluation_id);
  if (actor.kind !== "user" || e?.rater_id !== actor.id)
    throw new AppError("FORBIDDEN", "reviews.onlyApplicant");
  if (t.status !== "reported") throw new AppError("INVALID_STATE", "reviews.wrongState");
  return move(
    actor,
    t,
    "appealed",
    { appeal_reason: input.reason, appealed_at: nowOf(deps) },
    deps,
    "appeal",
  );
}

/**
 * The management agency (supervisor of the region) rechecks: upheld closes the task; not upheld
 * sends it back to the agency with a new deadline.
 */
export async function recheckRectification(
  actor: Actor,
  id: number,
  input: { isUpheld: boolean; result: string },
  deps: Deps,
) {
  const t = await loadTask(actor, id, deps);
  if (!can(actor, "supervision.read", { regionCode: t.region_code }))
    throw new AppError("FORBIDDEN", "error.forbidden");
  if (t.status !== "appealed" && t.status !== "reported")
    throw new AppError("INVALID_STATE", "reviews.wrongState");
  const now = nowOf(deps);
  if (input.isUpheld)
    return move(
      actor,
      t,
      "closed",
      { recheck_result: input.result, rechecked_at: now },
      deps,
      "recheck.upheld",
    );
  const due = await addWorkdaysInRegion(
    deps.db,
    t.region_code,
    chinaDate(now),
    await rectificationDays(deps.db),
  );
  return move(
    actor,
    t,
    "open",
    { recheck_result: input.result, rechecked_at: now, due_date: due, is_escalated: false },
    deps,
    "recheck.reopened",
  );
}

/** Tasks of the actor's agency or supervised region; `overdue` lists open tasks past their date. */
export async function listRectifications(
  actor: Actor,
  f: { status?: RectificationStatus; isOverdue?: boolean; limit: number },
  deps: Deps,
) {
  requireUser(actor);
  if (!holdsAnywhere(actor, "case.review") && !holdsAnywhere(actor, "supervision.read"))
    throw new AppError("FORBIDDEN", "error.forbidden");
  const review = scopesFor(actor, "case.review");
  const sup = scopesFor(actor, "supervision.read");
  const rows = await listTasks(deps.db, {
    scope: review.isAll ? "all" : { regionRoots: sup.regionRoots, agencyIds: review.agencyIds },
    limit: f.limit,
    ...(f.status ? { status: f.status } : {}),
    ...(f.isOverdue === true ? { overdueOn: chinaDate(nowOf(deps)) } : {}),
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      dueDate: r.due_date,
      isEscalated: r.is_escalated,
      agencyId: r.agency_id,
      level: r.level,
      comment: r.comment,
      caseId: r.case_id,
      visitId: r.visit_id,
    })),
  };
}

/** Job: marks open tasks past their deadline as escalated (they show on the supervision lists). */
export async function escalateOverdueRectifications(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = await escalateOverdue(trx, chinaDate(now));
    if (ids.length > 0)
      await recordAudit(trx, {
        actor: { kind: "system", id: "jobs:rectification-escalation" },
        action: "review.rectification.escalate",
        entityType: "rectification_task",
        after: { ids },
        at: now,
      });
    return ids.length;
  });
}

type VisitRow = NonNullable<Awaited<ReturnType<typeof findVisit>>>;

function visitView(v: VisitRow) {
  return {
    id: v.id,
    agencyId: v.agency_id,
    regionCode: v.region_code,
    purpose: v.purpose,
    guideCode: v.guide_code,
    createdAt: v.created_at.toISOString(),
    isRated: v.evaluation_id !== null,
  };
}

/**
 * A window clerk records a visit without a case (咨询, 办不成事 …) for a registered visitor, so that the
 * visitor can rate the window; the visit belongs to the clerk's hall.
 * @throws AppError FORBIDDEN unless a window clerk of that hall; NOT_FOUND for an unknown visitor.
 */
export async function recordWindowVisit(
  actor: Actor,
  input: { visitorId: string; purpose: string; guideCode?: string | undefined },
  deps: Deps,
) {
  const user = requireUser(actor);
  if (user.agencyId === null) throw new AppError("FORBIDDEN", "error.forbidden");
  const hall = await getAgency(user.agencyId, deps.db);
  if (!can(actor, "case.intake", { regionCode: hall.regionCode }))
    throw new AppError("FORBIDDEN", "error.forbidden");
  const visitor = await deps.db
    .selectFrom("users")
    .select(["id", "kind"])
    .where("id", "=", input.visitorId)
    .executeTakeFirst();
  if (visitor === undefined || visitor.kind === "staff")
    throw new AppError("NOT_FOUND", "identity.userNotFound");
  const id = randomUUID();
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    await insertVisit(trx, {
      id,
      visitor_id: visitor.id,
      staff_id: user.id,
      agency_id: hall.id,
      region_code: hall.regionCode,
      purpose: input.purpose,
      guide_code: input.guideCode ?? null,
      created_at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "review.visit.record",
      entityType: "window_visit",
      entityId: id,
      after: { visitorId: visitor.id, agencyId: hall.id, purpose: input.purpose },
      requestId: actor.requestId ?? null,
    });
  });
  const v = await findVisit(deps.db, id);
  if (v === undefined) throw new Error("visit vanished");
  return visitView(v);
}

/** The signed-in visitor's own window visits, newest first, with whether each is rated. */
export async function listMyVisits(actor: Actor, limit: number, deps: Deps) {
  const user = requireUser(actor);
  return { items: (await listVisitsOf(deps.db, user.id, limit)).map(visitView) };
}

/**
 * The visitor rates a window visit, voluntarily and once, with the window indicators; attributed to
 * the hall's agency and the clerk. A bad rating opens a rectification task like a case's.
 * @throws AppError NOT_FOUND (someone else's or unknown visit: staff can never rate), CONFLICT
 *   (already rated), VALIDATION_FAILED (indicators).
 */
export async function rateWindowVisit(
  actor: Actor,
  visitId: string,
  input: { level: number; indicators: Record<string, number>; comment?: string | undefined },
  deps: Deps,
) {
  const user = requireUser(actor);
  const v = await findVisit(deps.db, visitId);
  if (v === undefined || v.visitor_id !== user.id) throw new AppError("NOT_FOUND", "reviews.visitNotFound");
  const indicators = checkIndicators("window", input.indicators);
  const now = nowOf(deps);
  const due =
    input.level >= 4
      ? await addWorkdaysInRegion(deps.db, v.region_code, chinaDate(now), await rectificationDays(deps.db))
      : null;
  return deps.db.transaction().execute(async (trx) => {
    if ((await findEvaluationByVisit(trx, v.id)) !== undefined)
      throw new AppError("CONFLICT", "reviews.alreadyRated");
    const e = await insertEvaluation(trx, {
      case_id: null,
      visit_id: v.id,
      rater_id: user.id,
      channel: "window",
      level: input.level,
      indicators: JSON.stringify(indicators),
      comment: input.comment ?? null,
      guide_code: v.guide_code,
      agency_id: v.agency_id,
      region_code: v.region_code,
      staff_id: v.staff_id,
      created_at: now,
    });
    if (due !== null)
      await insertTask(trx, {
        evaluation_id: e.id,
        agency_id: v.agency_id,
        region_code: v.region_code,
        due_date: due,
      });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "review.rate_visit",
      entityType: "evaluation",
      entityId: e.id,
      after: { visitId: v.id, level: input.level },
      requestId: actor.requestId ?? null,
    });
    return { evaluationId: e.id, rectificationDue: due };
  });
}
