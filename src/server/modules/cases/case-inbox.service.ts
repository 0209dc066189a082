import { chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { can, holdsAnywhere, requireUser, scopesFor } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import type { CaseStatus, WarningLevel } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { listInbox, type InboxCursor, type InboxFilter } from "./case-inbox.queries.js";

export interface InboxInput {
  status?: CaseStatus;
  warning?: WarningLevel;
  cursor?: string;
  limit: number;
}

const DAY_MS = 86_400_000;

function parseCursor(cursor: string | undefined): InboxCursor | undefined {
  if (cursor === undefined) return undefined;
  const [rank, due, id] = cursor.split("|");
  if (
    rank === undefined ||
    due === undefined ||
    id === undefined ||
    !/^[0-2]$/.test(rank) ||
    Number.isNaN(Date.parse(`${due}T00:00:00Z`)) ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)
  )
    throw new AppError("VALIDATION_FAILED", "cases.badCursor", {}, [
      { path: "query.cursor", message: "cases.badCursor" },
    ]);
  return { rank: Number(rank), due, id };
}

async function page(f: Omit<InboxFilter, "after" | "limit">, input: InboxInput, deps: Deps) {
  const today = chinaDate(nowOf(deps));
  const rows = await listInbox(deps.db, {
    ...f,
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.warning === undefined ? {} : { warningLevel: input.warning }),
    ...(input.cursor === undefined ? {} : { after: parseCursor(input.cursor) }),
    limit: input.limit + 1,
  });
  const items = rows.slice(0, input.limit).map((r) => {
    const isOpen = Number(r.inbox_rank) === 0;
    const daysLeft =
      r.promised_due === null
        ? null
        : Math.round((Date.parse(`${r.promised_due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    return {
      id: r.id,
      caseNumber: r.case_number,
      itemName: r.item_name,
      status: r.status,
      warningLevel: r.warning_level,
      channel: r.channel,
      agencyId: r.agency_id,
      submittedAt: r.submitted_at.toISOString(),
      promisedDue: r.promised_due,
      isOverdue: isOpen && daysLeft !== null && daysLeft < 0,
      daysLeft,
      lockVersion: r.lock_version,
      hasToleranceMissing: Array.isArray(r.tolerance_missing) && r.tolerance_missing.length > 0,
      parentCaseId: r.parent_case_id,
      parentCaseNumber: r.parent_case_number,
    };
  });
  const last = rows.length > input.limit ? rows[input.limit - 1] : undefined;
  return {
    items,
    nextCursor: last === undefined ? null : `${Number(last.inbox_rank)}|${last.inbox_due}|${last.id}`,
    today,
  };
}

/**
 * 待办 (the back office's and the window's inbox): the cases this post may see, ordered by due date
 * on the server — open cases first, overdue first, then the soonest due, cases without a clock
 * after them; then decided ones awaiting delivery; then ended ones. Keyset-paged on that key (the
 * opaque `nextCursor`), so a page costs the same at row 10,000 as at row 1.
 * @throws AppError UNAUTHENTICATED; FORBIDDEN for applicants and staff without a case post;
 * VALIDATION_FAILED for a malformed cursor.
 */
export async function caseInbox(actor: Actor, input: InboxInput, deps: Deps) {
  const user = requireUser(actor);
  if (
    user.userKind !== "staff" ||
    !(
      holdsAnywhere(actor, "case.intake") ||
      holdsAnywhere(actor, "case.review") ||
      holdsAnywhere(actor, "supervision.read")
    )
  )
    throw new AppError("FORBIDDEN", "error.forbidden");
  const intake = scopesFor(actor, "case.intake");
  const review = scopesFor(actor, "case.review");
  const supervise = scopesFor(actor, "supervision.read");
  return page(
    {
      scope: { regionRoots: [...intake.regionRoots, ...supervise.regionRoots], agencyIds: review.agencyIds },
    },
    input,
    deps,
  );
}

/**
 * 本大厅办件 (前台综合受理 → 综合窗口出件): the cases taken in at the clerk's hall — received by any
 * clerk of the same hall — in inbox order, with what the window does next (dispatch, deliver).
 * @throws AppError UNAUTHENTICATED; FORBIDDEN unless the actor is a window clerk of their hall's region.
 */
export async function hallCases(actor: Actor, input: InboxInput, deps: Deps) {
  const user = requireUser(actor);
  if (user.userKind !== "staff" || user.agencyId === null) throw new AppError("FORBIDDEN", "error.forbidden");
  const hall = await getAgency(user.agencyId, deps.db);
  if (!can(actor, "case.intake", { regionCode: hall.regionCode }))
    throw new AppError("FORBIDDEN", "error.forbidden");
  return page({ receivedAtAgencyId: hall.id }, input, deps);
}
