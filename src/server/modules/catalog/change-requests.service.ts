import type { Kysely } from "kysely";
import { CalendarCoverageError, chinaDate, type WorkCalendar } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { ROLE_POLICY, assertCan, can, requireUser, scopesFor } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { ChangeKind, ChangeRequestRow, Database, SignoffKind } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { addWorkdaysInRegion, loadCalendar, workdaysElapsedInRegion } from "../calendar/calendar.service.js";
import { findEntry, findVersion, lockEntry, setVersionStatus } from "./catalog.queries.js";
import { catalogLayerExtension } from "./catalog.extensions.js";
import { abolishEntryInTx, assertRules, publishVersionInTx } from "./catalog.service.js";
import {
  findChangeRequest,
  insertChangeRequest,
  insertEvent,
  insertSignoff,
  listChangeRequests,
  listEvents,
  listSignoffs,
  lockChangeRequest,
  updateChangeRequest,
} from "./change-requests.queries.js";
import { listObligations } from "./obligations.queries.js";

/** Working-day deadlines of 办法 13–16, 19–20. */
export const DEADLINES = {
  filingDays: 10,
  reviewDays: 5,
  extensionDays: 5,
  guideFollowDays: 10,
  specFollowDays: 5,
} as const;

const SIGNOFF_NAMES: Record<SignoffKind, string> = {
  justice: "司法行政",
  staffing: "机构编制",
  service_admin: "政务服务管理",
};

export interface FileInput {
  entryId: number;
  versionId?: number;
  kind: ChangeKind;
  /** 办法 9 (1)–(5): the situation that triggers the change. */
  triggerSituation: number;
  triggerDate: string;
  reason: string;
  basisDocuments: { title: string; number?: string }[];
  opinions: { agency: string; opinion: string }[];
  /** Touches department functions (incl. multi-department bundles): needs the 机构编制 opinion. */
  touchesFunctions: boolean;
}

async function event(
  trx: Kysely<Database>,
  actor: Actor,
  crId: number,
  action: string,
  comment: string | null,
) {
  await insertEvent(trx, {
    change_request_id: crId,
    action,
    actor_id: actor.kind === "anonymous" ? null : actor.id,
    comment,
  });
  await recordAudit(trx, {
    actor: toAuditActor(actor),
    action: `catalog.change_request.${action}`,
    entityType: "change_request",
    entityId: crId,
    after: { comment },
    requestId: actor.requestId ?? null,
  });
}

/**
 * Files a change request (动态调整) for an entry with its draft version. Filing is due within 10
 * working days of the trigger (late filing is flagged, not refused); review is due within 5 working
 * days of filing. The draft must pass every rule and is then under review (no longer editable).
 * @throws AppError FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (rules, listing each), INVALID_STATE.
 */
export async function fileChangeRequest(actor: Actor, input: FileInput, deps: Deps) {
  const entry = await findEntry(deps.db, input.entryId);
  if (entry === undefined) throw new AppError("NOT_FOUND", "catalog.entryNotFound");
  assertCan(actor, "catalog.edit", { agencyId: entry.agency_id, regionCode: entry.region_code });
  const now = nowOf(deps);
  const filedOn = chinaDate(now);
  const filingDue = await addWorkdaysInRegion(
    deps.db,
    entry.region_code,
    input.triggerDate,
    DEADLINES.filingDays,
  );
  const reviewDue = await addWorkdaysInRegion(deps.db, entry.region_code, filedOn, DEADLINES.reviewDays);
  return deps.db.transaction().execute(async (trx) => {
    await lockEntry(trx, entry.id);
    let versionId: number | null = null;
    if (input.kind === "abolish") {
      if (entry.status !== "active") throw new AppError("INVALID_STATE", "catalog.entryNotActive");
    } else {
      if (input.versionId === undefined)
        throw new AppError("VALIDATION_FAILED", "catalog.versionRequired", {}, [
          { path: "versionId", message: "catalog.versionRequired" },
        ]);
      const version = await findVersion(trx, input.versionId);
      if (version === undefined) throw new AppError("NOT_FOUND", "catalog.versionNotFound");
      if (version.entry_id !== entry.id) throw new AppError("VALIDATION_FAILED", "catalog.versionMismatch");
      if (version.status !== "draft") throw new AppError("INVALID_STATE", "catalog.notDraft");
      await assertRules(trx, entry, version);
      await setVersionStatus(trx, version.id, { status: "in_review" });
      versionId = version.id;
    }
    const cr = await insertChangeRequest(trx, {
      entry_id: entry.id,
      version_id: versionId,
      layer: entry.layer,
      kind: input.kind,
      trigger_situation: input.triggerSituation,
      trigger_date: input.triggerDate,
      reason: input.reason,
      basis_documents: JSON.stringify(input.basisDocuments),
      opinions: JSON.stringify(input.opinions),
      touches_functions: input.touchesFunctions,
      status: "submitted",
      filing_agency_id: entry.agency_id ?? 0,
      region_code: entry.region_code,
      filed_on: filedOn,
      filing_due: filingDue,
      is_late_filing: filedOn > filingDue,
      review_due: reviewDue,
      created_by: actor.kind === "anonymous" ? null : actor.id,
    });
    await event(trx, actor, cr.id, "file", input.reason);
    return cr;
  });
}

/** The reviewing agency kinds the actor can sign for on a change request of a region. */
async function reviewerKinds(
  actor: Actor,
  regionCode: string,
  deps: Deps,
): Promise<{ kind: SignoffKind; agencyId: number }[]> {
  const user = requireUser(actor);
  const out: { kind: SignoffKind; agencyId: number }[] = [];
  for (const g of user.grants) {
    if (!ROLE_POLICY[g.role].permissions.includes("catalog.review")) continue;
    if (!can({ ...user, grants: [g] }, "catalog.review", { regionCode })) continue;
    const agency = await getAgency(g.agencyId, deps.db);
    if (agency.kind === "justice" || agency.kind === "staffing" || agency.kind === "service_admin") {
      out.push({ kind: agency.kind, agencyId: agency.id });
    }
  }
  return out;
}

async function lockSubmitted(trx: Kysely<Database>, id: number): Promise<ChangeRequestRow> {
  const cr = await lockChangeRequest(trx, id);
  if (cr === undefined) throw new AppError("NOT_FOUND", "catalog.crNotFound");
  if (cr.status !== "submitted")
    throw new AppError("INVALID_STATE", "catalog.crNotSubmitted", { status: cr.status });
  return cr;
}

/**
 * A legality / functions opinion (办法 8, 16) from 司法行政, 机构编制 or 政务服务管理, once per round.
 * @throws AppError FORBIDDEN unless the actor reviews for such an agency over the region; INVALID_STATE; CONFLICT.
 */
export async function signOff(
  actor: Actor,
  crId: number,
  input: { isApproved: boolean; comment?: string },
  deps: Deps,
) {
  const existing = await findChangeRequest(deps.db, crId);
  if (existing === undefined) throw new AppError("NOT_FOUND", "catalog.crNotFound");
  const kinds = await reviewerKinds(actor, existing.region_code, deps);
  const signer = kinds[0];
  if (signer === undefined) throw new AppError("FORBIDDEN", "catalog.signoffKind");
  return deps.db.transaction().execute(async (trx) => {
    const cr = await lockSubmitted(trx, crId);
    const already = await listSignoffs(trx, crId, cr.round);
    if (already.some((s) => s.kind === signer.kind))
      throw new AppError("CONFLICT", "catalog.alreadySigned", { kind: SIGNOFF_NAMES[signer.kind] });
    await insertSignoff(trx, {
      change_request_id: crId,
      kind: signer.kind,
      agency_id: signer.agencyId,
      signed_by: requireUser(actor).id,
      is_approved: input.isApproved,
      comment: input.comment ?? null,
      round: cr.round,
    });
    await event(
      trx,
      actor,
      crId,
      `signoff.${signer.kind}`,
      `${input.isApproved ? "同意" : "不同意"}${input.comment ? `：${input.comment}` : ""}`,
    );
    return { kind: signer.kind, isApproved: input.isApproved };
  });
}

async function assertServiceAdmin(actor: Actor, regionCode: string, deps: Deps): Promise<void> {
  const kinds = await reviewerKinds(actor, regionCode, deps);
  if (!kinds.some((k) => k.kind === "service_admin"))
    throw new AppError("FORBIDDEN", "catalog.onlyServiceAdmin");
}

/**
 * Extends the 5-working-day review once, by 5 more working days, with a written reason.
 * @throws AppError FORBIDDEN (not 政务服务管理), INVALID_STATE, CONFLICT (already extended).
 */
export async function extendReview(actor: Actor, crId: number, input: { reason: string }, deps: Deps) {
  const existing = await findChangeRequest(deps.db, crId);
  if (existing === undefined) throw new AppError("NOT_FOUND", "catalog.crNotFound");
  await assertServiceAdmin(actor, existing.region_code, deps);
  const extended = await addWorkdaysInRegion(
    deps.db,
    existing.region_code,
    existing.review_due,
    DEADLINES.extensionDays,
  );
  return deps.db.transaction().execute(async (trx) => {
    const cr = await lockSubmitted(trx, crId);
    if (cr.extended_review_due !== null) throw new AppError("CONFLICT", "catalog.alreadyExtended");
    await updateChangeRequest(trx, crId, { extended_review_due: extended, extension_reason: input.reason });
    await event(trx, actor, crId, "extend", input.reason);
    return { reviewDue: cr.review_due, extendedReviewDue: extended };
  });
}

/**
 * The management agency's decision. Approval needs, for a basic catalog item, the legality
 * sign-offs of 司法行政, 机构编制 and 政务服务管理 (办法 8); when functions are touched, the 机构编制
 * opinion (办法 16); no dissenting sign-off. Approval publishes (or abolishes); rejection returns
 * the draft to the department for revision.
 * @throws AppError FORBIDDEN, INVALID_STATE (missing or dissenting sign-offs), VALIDATION_FAILED.
 */
export async function decide(
  actor: Actor,
  crId: number,
  input: { decision: "approve" | "reject"; comment?: string; effectiveFrom?: string },
  deps: Deps,
) {
  const existing = await findChangeRequest(deps.db, crId);
  if (existing === undefined) throw new AppError("NOT_FOUND", "catalog.crNotFound");
  await assertServiceAdmin(actor, existing.region_code, deps);
  if (input.decision === "reject" && (input.comment ?? "").trim() === "") {
    throw new AppError("VALIDATION_FAILED", "catalog.rejectNeedsComment", {}, [
      { path: "comment", message: "catalog.rejectNeedsComment" },
    ]);
  }
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const cr = await lockSubmitted(trx, crId);
    const entry = await lockEntry(trx, cr.entry_id);
    if (entry === undefined) throw new AppError("NOT_FOUND", "catalog.entryNotFound");
    const version = cr.version_id === null ? undefined : await findVersion(trx, cr.version_id);
    if (input.decision === "reject") {
      if (version !== undefined) await setVersionStatus(trx, version.id, { status: "draft" });
      await updateChangeRequest(trx, crId, {
        status: "rejected",
        decided_at: now,
        decided_by: requireUser(actor).id,
        decision_comment: input.comment ?? null,
      });
      await event(trx, actor, crId, "reject", input.comment ?? null);
      return { status: "rejected" as const };
    }
    const signoffs = await listSignoffs(trx, crId, cr.round);
    const dissent = signoffs.find((s) => !s.is_approved);
    if (dissent !== undefined)
      throw new AppError("INVALID_STATE", "catalog.signoffRejected", { kind: SIGNOFF_NAMES[dissent.kind] });
    const required = new Set<SignoffKind>();
    if (cr.layer === "basic")
      ["justice", "staffing", "service_admin"].forEach((k) => required.add(k as SignoffKind));
    if (cr.touches_functions) required.add("staffing");
    if (cr.layer === "bundle")
      catalogLayerExtension("bundle").requiredSignoffs.forEach((k) => required.add(k));
    const missing = [...required].filter((k) => !signoffs.some((s) => s.kind === k));
    if (missing.length > 0) {
      throw new AppError(
        "INVALID_STATE",
        "catalog.signoffMissing",
        { missing: missing.map((k) => SIGNOFF_NAMES[k]).join("、") },
        { missing },
      );
    }
    if (cr.kind === "abolish") {
      await abolishEntryInTx(trx, actor, entry, input.effectiveFrom ?? chinaDate(now));
    } else {
      if (version === undefined) throw new AppError("INVALID_STATE", "catalog.versionRequired");
      await assertRules(trx, entry, version);
      await publishVersionInTx(trx, actor, entry, version, input.effectiveFrom ?? chinaDate(now), now);
    }
    await updateChangeRequest(trx, crId, {
      status: "approved",
      decided_at: now,
      decided_by: requireUser(actor).id,
      decision_comment: input.comment ?? null,
    });
    await event(trx, actor, crId, "approve", input.comment ?? null);
    return { status: "approved" as const };
  });
}

/**
 * Resubmits a rejected request after the department revised its draft: a new review round with
 * fresh sign-offs and a new 5-working-day review deadline.
 * @throws AppError FORBIDDEN, INVALID_STATE (not rejected), VALIDATION_FAILED (rules).
 */
export async function resubmit(actor: Actor, crId: number, input: { reason?: string }, deps: Deps) {
  const existing = await findChangeRequest(deps.db, crId);
  if (existing === undefined) throw new AppError("NOT_FOUND", "catalog.crNotFound");
  assertCan(actor, "catalog.edit", { agencyId: existing.filing_agency_id, regionCode: existing.region_code });
  const filedOn = chinaDate(nowOf(deps));
  const reviewDue = await addWorkdaysInRegion(deps.db, existing.region_code, filedOn, DEADLINES.reviewDays);
  return deps.db.transaction().execute(async (trx) => {
    const cr = await lockChangeRequest(trx, crId);
    if (cr?.status !== "rejected") throw new AppError("INVALID_STATE", "catalog.crNotRejected");
    const entry = await findEntry(trx, cr.entry_id);
    const version = cr.version_id === null ? undefined : await findVersion(trx, cr.version_id);
    if (entry !== undefined && version !== undefined) {
      if (version.status !== "draft") throw new AppError("INVALID_STATE", "catalog.notDraft");
      await assertRules(trx, entry, version);
      await setVersionStatus(trx, version.id, { status: "in_review" });
    }
    await updateChangeRequest(trx, crId, {
      status: "submitted",
      round: cr.round + 1,
      filed_on: filedOn,
      review_due: reviewDue,
      extended_review_due: null,
      extension_reason: null,
      decided_at: null,
      decided_by: null,
      decision_comment: null,
    });
    await event(trx, actor, crId, "resubmit", input.reason ?? null);
    return { round: cr.round + 1, reviewDue };
  });
}

/** A change request with its sign-offs, history and deadline indicators. @throws AppError NOT_FOUND. */
export async function getChangeRequest(actor: Actor, crId: number, deps: Deps) {
  requireUser(actor);
  const cr = await findChangeRequest(deps.db, crId);
  if (cr === undefined) throw new AppError("NOT_FOUND", "catalog.crNotFound");
  const isVisible =
    can(actor, "catalog.review", { regionCode: cr.region_code }) ||
    can(actor, "catalog.edit", { agencyId: cr.filing_agency_id, regionCode: cr.region_code });
  if (!isVisible) throw new AppError("NOT_FOUND", "catalog.crNotFound");
  const [signoffs, events] = await Promise.all([
    listSignoffs(deps.db, crId, cr.round),
    listEvents(deps.db, crId),
  ]);
  return {
    ...(await deadlineView(cr, deps)),
    kind: cr.kind,
    layer: cr.layer,
    status: cr.status,
    round: cr.round,
    entryId: cr.entry_id,
    versionId: cr.version_id,
    triggerSituation: cr.trigger_situation,
    triggerDate: cr.trigger_date,
    reason: cr.reason,
    basisDocuments: cr.basis_documents,
    opinions: cr.opinions,
    touchesFunctions: cr.touches_functions,
    decisionComment: cr.decision_comment,
    signoffs: signoffs.map((s) => ({
      kind: s.kind,
      kindName: SIGNOFF_NAMES[s.kind],
      isApproved: s.is_approved,
      comment: s.comment,
      signedAt: s.signed_at.toISOString(),
    })),
    history: events.map((e) => ({
      action: e.action,
      actorId: e.actor_id,
      comment: e.comment,
      at: e.at.toISOString(),
    })),
  };
}

async function deadlineView(
  cr: Pick<
    ChangeRequestRow,
    | "id"
    | "region_code"
    | "filed_on"
    | "filing_due"
    | "is_late_filing"
    | "review_due"
    | "extended_review_due"
    | "status"
  >,
  deps: Deps,
) {
  const today = chinaDate(nowOf(deps));
  const due = cr.extended_review_due ?? cr.review_due;
  const isOpen = cr.status === "submitted";
  return {
    id: cr.id,
    filedOn: cr.filed_on,
    filingDue: cr.filing_due,
    isLateFiling: cr.is_late_filing,
    reviewDue: cr.review_due,
    extendedReviewDue: cr.extended_review_due,
    isReviewOverdue: isOpen && today > due,
    reviewWorkdaysLeft:
      isOpen && today <= due ? await workdaysElapsedInRegion(deps.db, cr.region_code, today, due) : 0,
  };
}

/** Change requests the actor reviews (region subtree) or filed (own agency), with deadline indicators. */
export async function listChangeRequestsFor(
  actor: Actor,
  f: { status?: ChangeRequestRow["status"]; after?: number; limit: number },
  deps: Deps,
) {
  requireUser(actor);
  const review = scopesFor(actor, "catalog.review");
  const edit = scopesFor(actor, "catalog.edit");
  const rows = await listChangeRequests(deps.db, {
    ...f,
    limit: f.limit + 1,
    regionRoots: review.isAll ? "all" : review.regionRoots,
    agencyIds: edit.agencyIds,
  });
  const items = [];
  for (const r of rows.slice(0, f.limit)) {
    items.push({
      ...(await deadlineView(r, deps)),
      kind: r.kind,
      layer: r.layer,
      status: r.status,
      round: r.round,
      code: r.code,
      name: r.name,
    });
  }
  return { items, nextAfter: rows.length > f.limit ? (items[items.length - 1]?.id ?? null) : null };
}

/** "Owed" updates after basic catalog publications, with overdue flags (办法 19–20). */
export async function listOwed(actor: Actor, f: { isOpen: boolean }, deps: Deps) {
  requireUser(actor);
  const review = scopesFor(actor, "catalog.review");
  const edit = scopesFor(actor, "catalog.edit");
  const rows = await listObligations(deps.db, {
    isOpen: f.isOpen,
    regionRoots: review.isAll ? "all" : review.regionRoots,
    agencyIds: edit.agencyIds,
  });
  const today = chinaDate(nowOf(deps));
  const workdaysLeft = await owedWorkdaysLeft(rows, today, deps);
  return {
    items: rows.map((r) => ({
      id: r.id,
      layer: r.layer,
      entryId: r.entry_id,
      code: r.code,
      name: r.name,
      agencyId: r.agency_id,
      regionCode: r.region_code,
      sourceCode: r.source_code,
      sourceVersionNo: r.source_version_no,
      dueDate: r.due_date,
      isFulfilled: r.fulfilled_at !== null,
      isOverdue: r.fulfilled_at === null && today > r.due_date,
      workdaysLeft: workdaysLeft.get(r.id) ?? null,
    })),
  };
}

/**
 * Working days from today to each open obligation's due date on the calendar of the entry's region
 * (holidays, 调休 and regional days): 0 when today is the last day, negative when overdue; absent
 * when settled or when the dates reach a year without holiday data.
 */
async function owedWorkdaysLeft(
  rows: { id: number; region_code: string; due_date: string; fulfilled_at: Date | null }[],
  today: string,
  deps: Deps,
): Promise<Map<number, number>> {
  const open = rows.filter((r) => r.fulfilled_at === null);
  const calendars = new Map<string, WorkCalendar>();
  for (const region of new Set(open.map((r) => r.region_code))) {
    const dates = [today, ...open.filter((r) => r.region_code === region).map((r) => r.due_date)].sort();
    calendars.set(region, await loadCalendar(deps.db, region, dates[0]!, dates[dates.length - 1]!));
  }
  const out = new Map<number, number>();
  for (const r of open) {
    const calendar = calendars.get(r.region_code)!;
    try {
      out.set(
        r.id,
        r.due_date >= today
          ? calendar.workdaysElapsed(today, r.due_date)
          : -calendar.workdaysElapsed(r.due_date, today),
      );
    } catch (err) {
      if (!(err instanceof CalendarCoverageError)) throw err;
    }
  }
  return out;
}
