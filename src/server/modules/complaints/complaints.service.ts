import { randomUUID } from "node:crypto";
import { chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { can, holdsAnywhere, requireUser, scopesFor } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { ComplaintRow, ComplaintsTable, ComplaintStatus } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { addWorkdaysInRegion } from "../calendar/calendar.service.js";
import { loadVisibleCase } from "../cases/cases.service.js";
import {
  findComplaint,
  hitRateLimit,
  insertComplaint,
  listComplaints,
  updateComplaintIfVersion,
} from "./complaints.queries.js";

/** Working days an agency has to reply, unless the dispatcher sets another. */
export const DEFAULT_REPLY_WORKDAYS = 10;
/** Anonymous complaints per IP address per hour. */
export const ANONYMOUS_PER_HOUR = 3;

export interface FileComplaintInput {
  category: ComplaintsTable["category"];
  content: string;
  relatedCaseId?: string;
  relatedGuideCode?: string;
  contactPhone?: string;
  /** Hotline (12345) or hall (办不成事反映窗口) intake by staff; portal otherwise. */
  channel?: "portal" | "hotline" | "hall";
}

function view(c: ComplaintRow, deps: Deps, showContact: boolean) {
  return {
    id: c.id,
    number: c.number,
    channel: c.channel,
    category: c.category,
    content: c.content,
    relatedCaseId: c.related_case_id,
    relatedGuide: c.related_guide,
    suggestedAgencyId: c.suggested_agency_id,
    agencyId: c.agency_id,
    status: c.status,
    dueDate: c.due_date,
    reply: c.reply,
    satisfaction: c.satisfaction,
    reopenCount: c.reopen_count,
    contactPhone: showContact && c.contact_enc !== null ? deps.secrets.decrypt(c.contact_enc) : null,
    isAnonymous: c.complainant_id === null,
    lockVersion: c.lock_version,
  };
}

/**
 * Files a complaint from the portal (logged in, or anonymous within a rate limit), or by staff for
 * the 12345 hotline or the hall's 办不成事 window. A related case suggests the responsible agency.
 * @throws AppError RATE_LIMITED (anonymous), FORBIDDEN (staff channel without a supervision role), NOT_FOUND (case).
 */
export async function fileComplaint(
  actor: Actor,
  input: FileComplaintInput,
  meta: { ip: string },
  deps: Deps,
) {
  const now = nowOf(deps);
  const channel = input.channel ?? "portal";
  if (
    channel !== "portal" &&
    !holdsAnywhere(actor, "supervision.read") &&
    !holdsAnywhere(actor, "case.intake")
  )
    throw new AppError("FORBIDDEN", "error.forbidden");
  if (
    actor.kind === "anonymous" &&
    (await hitRateLimit(deps.db, `complaint:ip:${meta.ip}`, now, 3600_000)) > ANONYMOUS_PER_HOUR
  ) {
    throw new AppError("RATE_LIMITED", "complaints.tooMany");
  }
  let suggested: number | null = null;
  let region = "65";
  if (input.relatedCaseId !== undefined) {
    // Only a logged-in complainant (or staff) can point at a case they can see.
    const c = await loadVisibleCase(actor, input.relatedCaseId, deps.db);
    suggested = c.agency_id;
    region = c.handling_region_code;
  }
  if (channel !== "portal" && actor.kind === "user" && actor.agencyId !== null && suggested === null) {
    region = (await getAgency(actor.agencyId, deps.db)).regionCode;
  }
  const id = randomUUID();
  const row = {
    id,
    number: `TS${chinaDate(now).replaceAll("-", "")}${id.slice(0, 8).toUpperCase()}`,
    channel,
    category: input.category,
    complainant_id: channel === "portal" && actor.kind === "user" ? actor.id : null,
    contact_enc: input.contactPhone === undefined ? null : deps.secrets.encrypt(input.contactPhone),
    content: input.content,
    related_case_id: input.relatedCaseId ?? null,
    related_guide: input.relatedGuideCode ?? null,
    suggested_agency_id: suggested,
    agency_id: null,
    region_code: region,
    status: "received" as const,
    due_date: null,
    reply: null,
    replied_at: null,
    satisfaction: null,
    received_by: channel !== "portal" && actor.kind === "user" ? actor.id : null,
    created_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertComplaint(trx, row);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "complaint.file",
      entityType: "complaint",
      entityId: id,
      after: { channel, category: input.category, relatedCaseId: row.related_case_id },
      requestId: actor.requestId ?? null,
    });
  });
  const created = await findComplaint(deps.db, id);
  if (created === undefined) throw new Error("complaint vanished");
  return view(created, deps, actor.kind === "user");
}

async function loadComplaint(
  actor: Actor,
  id: string,
  deps: Deps,
): Promise<{ c: ComplaintRow; isComplainant: boolean; isAgency: boolean; isSupervisor: boolean }> {
  const user = requireUser(actor);
  const c = /^[0-9a-f-]{36}$/.test(id) ? await findComplaint(deps.db, id) : undefined;
  if (c === undefined) throw new AppError("NOT_FOUND", "complaints.notFound");
  const isComplainant = c.complainant_id === user.id;
  const isAgency =
    c.agency_id !== null && can(actor, "case.review", { agencyId: c.agency_id, regionCode: c.region_code });
  const isSupervisor = can(actor, "supervision.read", { regionCode: c.region_code });
  if (!isComplainant && !isAgency && !isSupervisor) throw new AppError("NOT_FOUND", "complaints.notFound");
  return { c, isComplainant, isAgency, isSupervisor };
}

async function move(
  actor: Actor,
  c: ComplaintRow,
  patch: Partial<ComplaintRow> & { status: ComplaintStatus },
  action: string,
  deps: Deps,
) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateComplaintIfVersion(trx, c.id, c.lock_version, patch)))
      throw new AppError("CONFLICT", "cases.concurrentChange");
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: `complaint.${action}`,
      entityType: "complaint",
      entityId: c.id,
      before: { status: c.status },
      after: patch,
      requestId: actor.requestId ?? null,
    });
  });
  const updated = await findComplaint(deps.db, c.id);
  if (updated === undefined) throw new Error("complaint vanished");
  return view(updated, deps, true);
}

export async function getComplaint(actor: Actor, id: string, deps: Deps) {
  const { c, isSupervisor, isComplainant } = await loadComplaint(actor, id, deps);
  return view(c, deps, isSupervisor || isComplainant);
}

/** The supervising management agency dispatches to the responsible agency with a working-day deadline. */
export async function dispatchComplaint(
  actor: Actor,
  id: string,
  input: { agencyId?: number; workdays?: number },
  deps: Deps,
) {
  const { c, isSupervisor } = await loadComplaint(actor, id, deps);
  if (!isSupervisor) throw new AppError("FORBIDDEN", "error.forbidden");
  if (c.status !== "received") throw new AppError("INVALID_STATE", "complaints.wrongState");
  const agencyId = input.agencyId ?? c.suggested_agency_id;
  if (agencyId === null)
    throw new AppError("VALIDATION_FAILED", "complaints.agencyRequired", {}, [
      { path: "agencyId", message: "complaints.agencyRequired" },
    ]);
  const agency = await getAgency(agencyId, deps.db);
  const due = await addWorkdaysInRegion(
    deps.db,
    agency.regionCode,
    chinaDate(nowOf(deps)),
    input.workdays ?? DEFAULT_REPLY_WORKDAYS,
  );
  return move(
    actor,
    c,
    { status: "dispatched", agency_id: agency.id, region_code: agency.regionCode, due_date: due },
    "dispatch",
    deps,
  );
}

/** The responsible agency replies to the complainant. */
export async function replyComplaint(actor: Actor, id: string, input: { reply: string }, deps: Deps) {
  const { c, isAgency } = await loadComplaint(actor, id, deps);
  if (!isAgency) throw new AppError("FORBIDDEN", "error.forbidden");
  if (c.status !== "dispatched") throw new AppError("INVALID_STATE", "complaints.wrongState");
  return move(actor, c, { status: "replied", reply: input.reply, replied_at: nowOf(deps) }, "reply", deps);
}

/** The complainant's satisfaction; not resolved reopens it to the same agency with a new deadline. */
export async function giveFeedback(
  actor: Actor,
  id: string,
  input: { satisfaction: number; isResolved: boolean },
  deps: Deps,
) {
  const { c, isComplainant } = await loadComplaint(actor, id, deps);
  if (!isComplainant) throw new AppError("FORBIDDEN", "error.forbidden");
  if (c.status !== "replied") throw new AppError("INVALID_STATE", "complaints.wrongState");
  if (input.isResolved)
    return move(actor, c, { status: "closed", satisfaction: input.satisfaction }, "close", deps);
  const due = await addWorkdaysInRegion(
    deps.db,
    c.region_code,
    chinaDate(nowOf(deps)),
    DEFAULT_REPLY_WORKDAYS,
  );
  return move(
    actor,
    c,
    {
      status: "dispatched",
      satisfaction: input.satisfaction,
      due_date: due,
      reopen_count: c.reopen_count + 1,
    },
    "reopen",
    deps,
  );
}

/** Own complaints for citizens; the agency's and the supervised region's for staff; `overdue` for supervision. */
export async function listComplaintsFor(
  actor: Actor,
  f: { status?: ComplaintStatus; isOverdue?: boolean; limit: number },
  deps: Deps,
) {
  const user = requireUser(actor);
  const base = {
    limit: f.limit,
    ...(f.status ? { status: f.status } : {}),
    ...(f.isOverdue === true ? { overdueOn: chinaDate(nowOf(deps)) } : {}),
  };
  const rows =
    user.userKind === "staff"
      ? await listComplaints(deps.db, {
          ...base,
          scope: {
            regionRoots: scopesFor(actor, "supervision.read").regionRoots,
            agencyIds: scopesFor(actor, "case.review").agencyIds,
          },
        })
      : await listComplaints(deps.db, { ...base, complainantId: user.id });
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      channel: r.channel,
      category: r.category,
      status: r.status,
      agencyId: r.agency_id,
      dueDate: r.due_date,
      createdAt: r.created_at.toISOString(),
    })),
  };
}
