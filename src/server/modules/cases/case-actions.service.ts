import type { Kysely } from "kysely";
import { sm3 } from "sm-crypto-v2";
import { CalendarCoverageError, chinaDate, type WorkCalendar } from "../../../shared/calendar.js";
import { REMEDIES, warningLevel } from "../../../shared/case-time.js";
import { AppError } from "../../../shared/errors.js";
import { can, requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor, type UserActor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { AcceptanceOutcome, CaseRow, CaseStatus, Database, WarningLevel } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { addWorkdaysInRegion, loadCalendar, workdaysElapsedInRegion } from "../calendar/calendar.service.js";
import { getGuideVersionContent } from "../catalog/catalog.service.js";
import { enqueueCaseApproved, enqueueNoticeIssued } from "./case-follow-ups.js";
import { assertPredecessorsApproved, onChildTransition } from "./case-groups.service.js";
import { uploadProblem } from "./cases.form.js";
import { SimulatedPaymentProvider, type PaymentProvider } from "./payments.js";
import {
  completePostCheck,
  findCase,
  findPayment,
  insertEvent,
  insertPayment,
  insertPostCheck,
  markPaid,
  insertMaterial,
  insertNotice,
  listExpiredTolerances,
  listRunningCases,
  moveCaseToAgency,
  setWarningLevels,
  updateCaseIfVersion,
} from "./cases.queries.js";
import { caseView, getCase, loadVisibleCase } from "./cases.service.js";

/** Working days for the post-check of a 告知承诺 decision. */
export const POST_CHECK_WORKDAYS = 20;

/**
 * 条例 21: the fee order of an approved case, from the fee items of the guide version it was
 * applied under (a write for the approval's transaction; nothing for free items).
 */
async function feeOrder(c: CaseRow, deps: Deps): Promise<(trx: Kysely<Database>) => Promise<void>> {
  const content = await getGuideVersionContent(c.guide_version_id, deps);
  const items = content.fee.isFree ? [] : content.fee.items.filter((i) => i.amountFen !== undefined);
  const amount = items.reduce((sum, i) => sum + (i.amountFen ?? 0), 0);
  return async (trx) => {
    if (amount > 0)
      await insertPayment(trx, {
        case_id: c.id,
        amount_fen: amount,
        items: JSON.stringify(items),
        created_at: nowOf(deps),
      });
  };
}

const STATUS_NAMES: Record<CaseStatus, string> = {
  submitted: "已提交",
  accepted: "已受理",
  under_review: "审查中",
  suspended: "已中止计时",
  approved: "准予许可",
  denied: "不予许可",
  delivered: "已办结送达",
  withdrawn: "已撤回",
  not_accepted: "不予受理",
  revoked: "已撤销受理",
};

function assertStatus(c: CaseRow, allowed: CaseStatus[], action: string): void {
  if (!allowed.includes(c.status))
    throw new AppError("INVALID_STATE", "cases.wrongState", { status: STATUS_NAMES[c.status], action });
}

/** Front desk (window of the receiving region) or back office of the handling agency. */
function assertFrontOrBack(actor: Actor, c: CaseRow): UserActor {
  const user = requireUser(actor);
  const ok =
    can(actor, "case.intake", { regionCode: c.receiving_region_code }) ||
    can(actor, "case.review", { agencyId: c.agency_id, regionCode: c.handling_region_code });
  if (!ok) throw new AppError("FORBIDDEN", "error.forbidden");
  return user;
}

function assertBackOffice(actor: Actor, c: CaseRow, permission: "case.review" | "case.decide"): UserActor {
  const user = requireUser(actor);
  if (!can(actor, permission, { agencyId: c.agency_id, regionCode: c.handling_region_code }))
    throw new AppError("FORBIDDEN", "error.forbidden");
  return user;
}

interface Transition {
  to: CaseStatus;
  action: string;
  patch?: Parameters<typeof updateCaseIfVersion>[3];
  comment?: string | null;
  notice?: { kind: string; title: string; content: Record<string, unknown> };
  /** Further writes of the same transaction (post-check task, payment order). */
  after?: (trx: Kysely<Database>) => Promise<void>;
}

/**
 * Applies one transition atomically: an optimistic update on the case's lock version (a second
 * staff member acting at once gets CONFLICT), the event, the notice and the audit record.
 */
async function transition(
  trx: Kysely<Database>,
  actor: UserActor | { kind: "system"; id: string },
  c: CaseRow,
  t: Transition,
  now: Date,
  expectedVersion: number | undefined,
): Promise<void> {
  const ok = await updateCaseIfVersion(trx, c.id, expectedVersion ?? c.lock_version, {
    ...t.patch,
    status: t.to,
  });
  if (!ok) throw new AppError("CONFLICT", "cases.concurrentChange");
  await insertEvent(trx, {
    case_id: c.id,
    action: t.action,
    from_status: c.status,
    to_status: t.to,
    actor_id: actor.id,
    comment: t.comment ?? null,
    at: now,
  });
  if (t.notice !== undefined) {
    const noticeId = await insertNotice(trx, {
      case_id: c.id,
      kind: t.notice.kind,
      title: t.notice.title,
      content: JSON.stringify({
        caseNumber: c.case_number,
        itemName: c.item_name,
        date: chinaDate(now),
        ...t.notice.content,
      }),
      agency_id: c.agency_id,
      issued_at: now,
    });
    // credentials: the notice is signed and sealed as a PDF by a job (see case-follow-ups.ts).
    await enqueueNoticeIssued(trx, c.id, noticeId, now);
  }
  // credentials: an approval whose guide result is an e-license issues it by a job.
  if (t.to === "approved") await enqueueCaseApproved(trx, c.id, now);
  if (t.after !== undefined) await t.after(trx);
  // Parent cases (0009, bundles): the parent's status and due date follow its sub-cases.
  await onChildTransition(trx, c, t.to, t.patch?.decision ?? c.decision, now);
  await recordAudit(trx, {
    actor: toAuditActor(actor),
    action: `case.${t.action}`,
    entityType: "case",
    entityId: c.id,
    before: { status: c.status, version: c.lock_version },
    after: { status: t.to, ...t.patch },
    requestId: "requestId" in actor ? (actor.requestId ?? null) : null,
  });
}

async function dueDates(
  db: Kysely<Database>,
  c: Pick<
    CaseRow,
    "handling_region_code" | "legal_limit_days" | "promised_limit_days" | "extension_days" | "paused_workdays"
  >,
  acceptedOn: string,
) {
  const extra = c.extension_days + c.paused_workdays;
  return {
    promised_due: await addWorkdaysInRegion(
      db,
      c.handling_region_code,
      acceptedOn,
      c.promised_limit_days + extra,
    ),
    legal_due:
      c.legal_limit_days === null
        ? null
        : await addWorkdaysInRegion(db, c.handling_region_code, acceptedOn, c.legal_limit_days + extra),
  };
}

export interface AcceptInput {
  outcome: AcceptanceOutcome;
  /** not_ours: the competent agency the applicant must turn to (条例 18 (2)). */
  competentAgency?: string;
  /** corrected_then_accepted: what was corrected on the spot. */
  corrections?: string[];
  /** tolerance: the keys of the materials to supplement, and the working days allowed. */
  missingMaterialKeys?: string[];
  supplementDays?: number;
  reason?: string;
  lockVersion?: number;
}

/**
 * 条例 第十八条: exactly one of five outcomes, each with its written notice. Acceptance starts the
 * clock the next working day; a 即办件 is concluded at once; 容缺受理 lists, once, what to supplement
 * and by when (working days), and is revoked by a job if that passes unsupplied.
 * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE, VALIDATION_FAILED, CONFLICT.
 */
export async function acceptCase(actor: Actor, id: string, input: AcceptInput, deps: Deps) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertFrontOrBack(actor, c);
  assertStatus(c, ["submitted"], "受理");
  const now = nowOf(deps);
  const today = chinaDate(now);
  const agency = await getAgency(c.agency_id, deps.db);
  let t: Transition;
  switch (input.outcome) {
    case "not_ours": {
      if ((input.competentAgency ?? "").trim() === "")
        throw new AppError("VALIDATION_FAILED", "cases.competentAgencyRequired", {}, [
          { path: "competentAgency", message: "cases.competentAgencyRequired" },
        ]);
      t = {
        to: "not_accepted",
        action: "accept.not_ours",
        patch: { acceptance_outcome: "not_ours" },
        comment: input.reason ?? null,
        notice: {
          kind: "non_acceptance",
          title: "不予受理告知书",
          content: {
            reason: input.reason ?? "申请事项不属于本机关职权范围",
            competentAgency: input.competentAgency,
            agencyName: agency.name,
          },
        },
      };
      break;
    }
    case "not_catalogued":
      t = {
        to: "not_accepted",
        action: "accept.not_catalogued",
        patch: { acceptance_outcome: "not_catalogued" },
        comment: input.reason ?? null,
        notice: {
          kind: "not_catalogued",
          title: "不予受理告知书",
          content: {
            reason: input.reason ?? "申请事项依法不需要取得行政许可或不属于政务服务事项目录",
            agencyName: agency.name,
          },
        },
      };
      break;
    case "accepted":
    case "corrected_then_accepted":
    case "tolerance": {
      const due = await dueDates(deps.db, c, today);
      const patch: Transition["patch"] = { acceptance_outcome: input.outcome, accepted_on: today, ...due };
      let notice: Transition["notice"] = {
        kind: "acceptance",
        title: "受理通知书",
        content: {
          acceptedOn: today,
          promisedDue: due.promised_due,
          legalDue: due.legal_due,
          agencyName: agency.name,
        },
      };
      if (input.outcome === "corrected_then_accepted") {
        if ((input.corrections ?? []).length === 0)
          throw new AppError("VALIDATION_FAILED", "cases.reasonRequired", {}, [
            { path: "corrections", message: "cases.reasonRequired" },
          ]);
        notice = { ...notice, content: { ...notice.content, correctedOnTheSpot: input.corrections } };
      }
      if (input.outcome === "tolerance") {
        const guide = { content: await getGuideVersionContent(c.guide_version_id, deps) };
        const keys = input.missingMaterialKeys ?? [];
        if (keys.length === 0)
          throw new AppError("VALIDATION_FAILED", "cases.missingRequired", {}, [
            { path: "missingMaterialKeys", message: "cases.missingRequired" },
          ]);
        const names: string[] = [];
        for (const key of keys) {
          const m = guide.content.materials.find((x) => x.key === key);
          if (m === undefined || !m.isToleratedMissing)
            throw new AppError("VALIDATION_FAILED", "cases.notTolerable", { name: m?.name ?? key }, [
              { path: "missingMaterialKeys", message: `材料 ${m?.name ?? key} 不可容缺` },
            ]);
          names.push(m.name);
        }
        const supplementDays = input.supplementDays ?? 5;
        const toleranceDue = await addWorkdaysInRegion(
          deps.db,
          c.handling_region_code,
          today,
          supplementDays,
        );
        patch.tolerance_due = toleranceDue;
        patch.tolerance_missing = JSON.stringify(keys);
        notice = {
          kind: "tolerance",
          title: "容缺受理通知书",
          content: {
            ...notice.content,
            missingMaterials: names,
            supplementDue: toleranceDue,
            consequence: "逾期未补齐的，撤销受理并书面说明理由",
          },
        };
      }
      const isInstant = c.case_kind === "1" && input.outcome !== "tolerance";
      const onCommitment = c.is_commitment && input.outcome !== "tolerance";
      if (onCommitment) {
        const content = await getGuideVersionContent(c.guide_version_id, deps);
        const checkDue = await addWorkdaysInRegion(
          deps.db,
          c.handling_region_code,
          today,
          POST_CHECK_WORKDAYS,
        );
        const fee = await feeOrder(c, deps);
        t = {
          to: "approved",
          action: `accept.${input.outcome}.commitment`,
          patch: { ...patch, decision: "approve", decided_at: now },
          notice: {
            kind: "commitment_approval",
            title: "告知承诺审批决定书",
            content: {
              ...notice.content,
              commitment: content.tags.notificationCommitment?.text ?? "",
              postCheckDue: checkDue,
              consequence: "核查发现承诺不实的，依法撤销审批决定",
            },
          },
          comment: "告知承诺制：依申请人承诺作出决定",
          after: async (trx) => {
            await insertPostCheck(trx, c.id, checkDue);
            await fee(trx);
          },
        };
      } else if (isInstant) {
        t = {
          to: "approved",
          action: `accept.${input.outcome}.instant`,
          patch: { ...patch, decision: "approve", decided_at: now },
          notice,
          comment: "即办件当场办结",
          after: await feeOrder(c, deps),
        };
      } else {
        t = {
          to: "accepted",
          action: `accept.${input.outcome}`,
          patch,
          notice,
          comment: input.reason ?? null,
        };
      }
      break;
    }
  }
  await deps.db.transaction().execute((trx) => transition(trx, user, c, t, now, input.lockVersion));
  return getCase(actor, id, deps);
}

/**
 * The applicant supplies materials missing under 容缺受理 (or requested in 补正); once every listed
 * material is there, the supplement deadline is cleared.
 * @throws AppError FORBIDDEN (not the applicant), INVALID_STATE, VALIDATION_FAILED (file).
 */
export async function supplementMaterials(
  actor: Actor,
  id: string,
  input: { materials: { key: string; fileName?: string; contentType: string; dataBase64: string }[] },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = requireUser(actor);
  if (user.id !== c.applicant_id && !can(actor, "case.intake", { regionCode: c.receiving_region_code }))
    throw new AppError("FORBIDDEN", "error.forbidden");
  assertStatus(c, ["accepted", "suspended"], "补充材料");
  const missing = (c.tolerance_missing as string[] | null) ?? [];
  const now = nowOf(deps);
  const files = input.materials.map((m, i) => {
    const data = Buffer.from(m.dataBase64, "base64");
    const problem = uploadProblem(m.contentType, data);
    if (problem !== undefined)
      throw new AppError("VALIDATION_FAILED", "cases.invalidApplication", { count: 1 }, [
        { path: `materials.${i}`, message: problem },
      ]);
    return { m, data };
  });
  const stillMissing = missing.filter((k) => !files.some((f) => f.m.key === k));
  await deps.db.transaction().execute(async (trx) => {
    for (const f of files) {
      await insertMaterial(trx, {
        case_id: c.id,
        material_key: f.m.key,
        name: f.m.key,
        source: "upload",
        file_name: f.m.fileName ?? null,
        content_type: f.m.contentType,
        size_bytes: f.data.length,
        sm3: sm3(new Uint8Array(f.data)),
        data: f.data,
        reference: null,
        is_supplement: true,
      });
    }
    await transition(
      trx,
      user,
      c,
      {
        to: c.status,
        action: "supplement",
        patch: {
          tolerance_missing: stillMissing.length === 0 ? null : JSON.stringify(stillMissing),
          tolerance_due: stillMissing.length === 0 ? null : c.tolerance_due,
        },
        comment: `补充材料 ${files.map((f) => f.m.key).join("、")}`,
      },
      now,
      undefined,
    );
  });
  return getCase(actor, id, deps);
}

/**
 * Job: revokes 容缺 acceptances whose supplement deadline passed unsupplied, with a written notice
 * giving the reasons. Idempotent (only cases still pending are touched).
 */
export async function revokeExpiredTolerances(
  db: Kysely<Database>,
  now: Date,
  limit = 1000,
): Promise<number> {
  const today = chinaDate(now);
  const due = await listExpiredTolerances(db, today, limit);
  let revoked = 0;
  for (const row of due) {
    await db.transaction().execute(async (trx) => {
      const c = await findCase(trx, row.id);
      if (c?.status !== "accepted" || c.tolerance_due === null || c.tolerance_due >= today) return;
      await transition(
        trx,
        { kind: "system", id: "jobs:tolerance-sweep" },
        c,
        {
          to: "revoked",
          action: "tolerance.revoke",
          comment: "容缺材料逾期未补齐",
          notice: {
            kind: "tolerance_revocation",
            title: "撤销受理告知书",
            content: {
              reason: `容缺受理后未在 ${c.tolerance_due} 前补齐材料：${((c.tolerance_missing as string[] | null) ?? []).join("、")}`,
              remedies: REMEDIES,
            },
          },
        },
        now,
        undefined,
      );
      revoked++;
    });
  }
  return revoked;
}

/** Front desk dispatches an accepted case to the back office (前台受理、后台审批). */
export async function dispatchCase(actor: Actor, id: string, input: { lockVersion?: number }, deps: Deps) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertFrontOrBack(actor, c);
  assertStatus(c, ["accepted"], "分派");
  if (c.tolerance_missing !== null)
    throw new AppError("INVALID_STATE", "cases.wrongState", { status: "容缺材料未补齐", action: "分派" });
  await assertPredecessorsApproved(deps.db, c); // 0009: a sub-case that must follow another waits
  const now = nowOf(deps);
  await deps.db
    .transaction()
    .execute((trx) =>
      transition(trx, user, c, { to: "under_review", action: "dispatch" }, now, input.lockVersion),
    );
  return getCase(actor, id, deps);
}

/**
 * Stops the clock: 补正 (supplement requested) or a special procedure (hearing, inspection, expert
 * review; 条例 19 / A.7). The days until resumption do not count.
 */
export async function suspendCase(
  actor: Actor,
  id: string,
  input: {
    kind: "correction" | "hearing" | "inspection" | "expert_review";
    reason: string;
    lockVersion?: number;
  },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertBackOffice(actor, c, "case.review");
  assertStatus(c, ["accepted", "under_review"], "中止计时");
  if (input.reason.trim() === "")
    throw new AppError("VALIDATION_FAILED", "cases.reasonRequired", {}, [
      { path: "reason", message: "cases.reasonRequired" },
    ]);
  const now = nowOf(deps);
  const notice =
    input.kind === "correction"
      ? { kind: "correction_request", title: "补正材料通知书", content: { reason: input.reason } }
      : {
          kind: "special_procedure",
          title: "特别程序告知书",
          content: { procedure: input.kind, reason: input.reason },
        };
  await deps.db.transaction().execute((trx) =>
    transition(
      trx,
      user,
      c,
      {
        to: "suspended",
        action: `suspend.${input.kind}`,
        patch: { paused_since: chinaDate(now), suspension_reason: `${c.status}|${input.reason}` },
        comment: input.reason,
        notice,
      },
      now,
      input.lockVersion,
    ),
  );
  return getCase(actor, id, deps);
}

/** Restarts the clock; the working days while suspended push the due dates back. */
export async function resumeCase(actor: Actor, id: string, input: { lockVersion?: number }, deps: Deps) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertBackOffice(actor, c, "case.review");
  assertStatus(c, ["suspended"], "恢复计时");
  const now = nowOf(deps);
  const today = chinaDate(now);
  const paused =
    c.paused_since === null
      ? 0
      : await workdaysElapsedInRegion(deps.db, c.handling_region_code, c.paused_since, today);
  const back =
    (c.suspension_reason ?? "under_review|").split("|")[0] === "accepted" ? "accepted" : "under_review";
  const next = { ...c, paused_workdays: c.paused_workdays + paused };
  const due =
    c.accepted_on === null
      ? { promised_due: c.promised_due, legal_due: c.legal_due }
      : await dueDates(deps.db, next, c.accepted_on);
  await deps.db.transaction().execute((trx) =>
    transition(
      trx,
      user,
      c,
      {
        to: back,
        action: "resume",
        patch: {
          paused_since: null,
          suspension_reason: null,
          paused_workdays: next.paused_workdays,
          ...due,
        },
        comment: `中止 ${paused} 个工作日`,
      },
      now,
      input.lockVersion,
    ),
  );
  return getCase(actor, id, deps);
}

/** A written extension of the time limit, with its reason (approver only). */
export async function extendCase(
  actor: Actor,
  id: string,
  input: { days: number; reason: string; lockVersion?: number },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertBackOffice(actor, c, "case.decide");
  assertStatus(c, ["accepted", "under_review"], "延长期限");
  if (input.reason.trim() === "")
    throw new AppError("VALIDATION_FAILED", "cases.reasonRequired", {}, [
      { path: "reason", message: "cases.reasonRequired" },
    ]);
  const next = { ...c, extension_days: c.extension_days + input.days };
  const due = await dueDates(deps.db, next, c.accepted_on ?? chinaDate(nowOf(deps)));
  const now = nowOf(deps);
  await deps.db.transaction().execute((trx) =>
    transition(
      trx,
      user,
      c,
      {
        to: c.status,
        action: "extend",
        patch: { extension_days: next.extension_days, ...due },
        comment: input.reason,
        notice: {
          kind: "extension",
          title: "延长办理期限告知书",
          content: { days: input.days, reason: input.reason, promisedDue: due.promised_due },
        },
      },
      now,
      input.lockVersion,
    ),
  );
  return getCase(actor, id, deps);
}

/**
 * The decision (approver of the handling agency): approval, or denial with reasons and the
 * remedies (行政复议、行政诉讼、投诉举报).
 * @throws AppError FORBIDDEN, INVALID_STATE, VALIDATION_FAILED (denial without reasons), CONFLICT.
 */
export async function decideCase(
  actor: Actor,
  id: string,
  input: { decision: "approve" | "deny"; reason?: string; lockVersion?: number },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertBackOffice(actor, c, "case.decide");
  assertStatus(c, ["under_review"], "作出决定");
  if (input.decision === "deny" && (input.reason ?? "").trim() === "")
    throw new AppError("VALIDATION_FAILED", "cases.reasonRequired", {}, [
      { path: "reason", message: "cases.reasonRequired" },
    ]);
  const now = nowOf(deps);
  const t: Transition =
    input.decision === "approve"
      ? {
          to: "approved",
          action: "decide.approve",
          patch: { decision: "approve", decided_at: now, decision_reason: input.reason ?? null },
          notice: {
            kind: "decision_approve",
            title: "准予行政许可决定书",
            content: { reason: input.reason ?? null },
          },
          after: await feeOrder(c, deps),
        }
      : {
          to: "denied",
          action: "decide.deny",
          patch: { decision: "deny", decided_at: now, decision_reason: input.reason ?? null },
          comment: input.reason ?? null,
          notice: {
            kind: "decision_deny",
            title: "不予行政许可决定书",
            content: { reasons: input.reason, remedies: REMEDIES },
          },
        };
  await deps.db.transaction().execute((trx) => transition(trx, user, c, t, now, input.lockVersion));
  return getCase(actor, id, deps);
}

/** Delivery of the result by the window or the portal (综合窗口出件). */
export async function deliverCase(actor: Actor, id: string, input: { lockVersion?: number }, deps: Deps) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertFrontOrBack(actor, c);
  assertStatus(c, ["approved", "denied"], "送达");
  const payment = c.status === "approved" ? await findPayment(deps.db, c.id) : undefined;
  if (payment?.status === "pending") throw new AppError("INVALID_STATE", "cases.unpaid");
  const now = nowOf(deps);
  await deps.db
    .transaction()
    .execute((trx) =>
      transition(
        trx,
        user,
        c,
        { to: "delivered", action: "deliver", patch: { delivered_at: now } },
        now,
        input.lockVersion,
      ),
    );
  return getCase(actor, id, deps);
}

/**
 * Job: keeps every running case's warning level current (yellow at 80 % of the promised working
 * days, red past the due date), in batches; one audit event per batch that changed anything.
 * @returns how many cases changed level.
 */
export async function refreshWarnings(db: Kysely<Database>, now: Date, batchSize = 1000): Promise<number> {
  const today = chinaDate(now);
  let after = "00000000-0000-0000-0000-000000000000";
  let changed = 0;
  // One calendar per region for the whole sweep, not two queries per case.
  const calendars = new Map<string, WorkCalendar>();
  const calendarOf = async (region: string) => {
    let cal = calendars.get(region);
    if (cal === undefined) {
      cal = await loadCalendar(db, region, "2000-01-01", today);
      calendars.set(region, cal);
    }
    return cal;
  };
  for (;;) {
    const rows = await listRunningCases(db, after, batchSize);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    const byLevel = new Map<WarningLevel, string[]>();
    for (const r of rows) {
      if (r.accepted_on === null || r.promised_due === null) continue;
      let used: number;
      try {
        used =
          (await calendarOf(r.handling_region_code)).workdaysElapsed(r.accepted_on, today) -
          r.paused_workdays;
      } catch (err) {
        if (err instanceof CalendarCoverageError) continue; // no holiday data yet: keep the level rather than guess
        throw err;
      }
      const level = warningLevel({
        today,
        promisedDue: r.promised_due,
        usedWorkdays: used,
        limitWorkdays: r.promised_limit_days + r.extension_days,
      });
      if (level !== r.warning_level) byLevel.set(level, [...(byLevel.get(level) ?? []), r.id]);
    }
    const count = [...byLevel.values()].reduce((n, ids) => n + ids.length, 0);
    if (count > 0) {
      await db.transaction().execute(async (trx) => {
        for (const [level, ids] of byLevel) await setWarningLevels(trx, level, ids);
        await recordAudit(trx, {
          actor: { kind: "system", id: "jobs:warning-sweep" },
          action: "case.warning.refresh",
          entityType: "case",
          after: Object.fromEntries(byLevel),
          at: now,
        });
      });
      changed += count;
    }
    if (rows.length < batchSize) break;
  }
  return changed;
}

/**
 * 条例 20: after its review, a lower-level agency forwards the case to the upper-level agency of
 * the same line for the decision; the materials travel with it, the applicant submits nothing again.
 * @throws AppError FORBIDDEN, INVALID_STATE, VALIDATION_FAILED (not an upper agency of the same line), CONFLICT.
 */
export async function forwardCase(
  actor: Actor,
  id: string,
  input: { toAgencyId: number; opinion: string; lockVersion?: number },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertBackOffice(actor, c, "case.review");
  assertStatus(c, ["under_review"], "转报上级");
  if (input.opinion.trim() === "")
    throw new AppError("VALIDATION_FAILED", "cases.reasonRequired", {}, [
      { path: "opinion", message: "cases.reasonRequired" },
    ]);
  const [from, to] = await Promise.all([
    getAgency(c.agency_id, deps.db),
    getAgency(input.toAgencyId, deps.db),
  ]);
  const isUpper =
    to.lineCode !== null &&
    to.lineCode === from.lineCode &&
    from.regionCode.startsWith(to.regionCode) &&
    to.regionCode !== from.regionCode;
  if (!isUpper)
    throw new AppError("VALIDATION_FAILED", "cases.notUpperAgency", {}, [
      { path: "toAgencyId", message: "cases.notUpperAgency" },
    ]);
  const now = nowOf(deps);
  const moved = await deps.db.transaction().execute(async (trx) => {
    if (!(await moveCaseToAgency(trx, c.id, input.lockVersion ?? c.lock_version, to.id, to.regionCode)))
      throw new AppError("CONFLICT", "cases.concurrentChange");
    const moved = await findCase(trx, c.id);
    if (moved === undefined) throw new Error("case vanished");
    await insertEvent(trx, {
      case_id: c.id,
      action: "forward",
      from_status: c.status,
      to_status: c.status,
      actor_id: user.id,
      comment: `${from.name} 初审意见：${input.opinion}；转报 ${to.name}`,
      at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "case.forward",
      entityType: "case",
      entityId: c.id,
      before: { agencyId: from.id },
      after: { agencyId: to.id, opinion: input.opinion },
      requestId: actor.requestId ?? null,
    });
    return moved;
  });
  // The forwarding agency no longer handles the case; it gets this last view of it.
  return caseView(actor, moved, deps);
}

/**
 * The post-check of a decision made on commitment (告知承诺): passed, or failed, which revokes the
 * decision with a written notice naming the findings and the remedies.
 * @throws AppError FORBIDDEN, INVALID_STATE (no pending check), VALIDATION_FAILED.
 */
export async function recordPostCheck(
  actor: Actor,
  id: string,
  input: { passed: boolean; findings: string },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertBackOffice(actor, c, "case.review");
  if (!c.is_commitment) throw new AppError("INVALID_STATE", "cases.noPostCheck");
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await completePostCheck(trx, c.id, input.passed, input.findings, user.id, now)))
      throw new AppError("INVALID_STATE", "cases.noPostCheck");
    if (input.passed) {
      await transition(
        trx,
        user,
        c,
        { to: c.status, action: "post_check.passed", comment: input.findings },
        now,
        undefined,
      );
    } else {
      await transition(
        trx,
        user,
        c,
        {
          to: "revoked",
          action: "post_check.failed",
          comment: input.findings,
          notice: {
            kind: "commitment_revocation",
            title: "撤销行政许可决定书",
            content: { reasons: `核查发现申请人承诺不实：${input.findings}`, remedies: REMEDIES },
          },
        },
        now,
        undefined,
      );
    }
  });
  return getCase(actor, id, deps);
}

/**
 * The applicant pays the fees of an approved case through the payment provider; a receipt with
 * its own number is kept and shown with the case.
 * @throws AppError FORBIDDEN (not the applicant), INVALID_STATE (nothing to pay), CONFLICT (paid meanwhile).
 */
export async function payCase(
  actor: Actor,
  id: string,
  deps: Deps,
  provider: PaymentProvider = new SimulatedPaymentProvider(() => nowOf(deps)),
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  if (actor.kind !== "user" || actor.id !== c.applicant_id)
    throw new AppError("FORBIDDEN", "error.forbidden");
  const payment = await findPayment(deps.db, c.id);
  if (payment?.status !== "pending") throw new AppError("INVALID_STATE", "cases.nothingToPay");
  const paid = await provider.pay({
    caseNumber: c.case_number,
    amountFen: payment.amount_fen,
    description: c.item_name,
  });
  await deps.db.transaction().execute(async (trx) => {
    const receiptNumber = `R${c.case_number.replaceAll("-", "")}`;
    if (
      !(await markPaid(trx, c.id, {
        provider: provider.name,
        provider_ref: paid.providerRef,
        receipt_number: receiptNumber,
        paid_at: paid.paidAt,
      }))
    ) {
      throw new AppError("CONFLICT", "cases.concurrentChange");
    }
    await transition(
      trx,
      requireUser(actor),
      c,
      {
        to: c.status,
        action: "pay",
        notice: {
          kind: "receipt",
          title: "缴费收据",
          content: {
            receiptNumber,
            amountYuan: (payment.amount_fen / 100).toFixed(2),
            items: payment.items,
            provider: provider.name,
            providerRef: paid.providerRef,
          },
        },
      },
      paid.paidAt,
      undefined,
    );
  });
  return getCase(actor, id, deps);
}

// --- 秒批 instant approval (issue 11): the decision is made by the assist module's rules; these
// two transitions are how it reaches a case. Nothing else in cases depends on them. ---

/**
 * 秒批: accepts and approves a just-submitted case in one system transition, with the acceptance
 * dates, the decision notice, the fee order and the caller's own record (`after`) in the same
 * transaction. The caller has checked the machine rules.
 * @throws AppError NOT_FOUND, INVALID_STATE (no longer submitted), CONFLICT.
 */
export async function approveInstantly(
  id: string,
  input: { reason: string; after: (trx: Kysely<Database>) => Promise<void> },
  deps: Deps,
) {
  const c = await findCase(deps.db, id);
  if (c === undefined) throw new AppError("NOT_FOUND", "cases.notFound");
  assertStatus(c, ["submitted"], "秒批");
  const now = nowOf(deps);
  const today = chinaDate(now);
  const agency = await getAgency(c.agency_id, deps.db);
  const due = await dueDates(deps.db, c, today);
  const fee = await feeOrder(c, deps);
  const system = { kind: "system" as const, id: "instant-approval" };
  await deps.db.transaction().execute((trx) =>
    transition(
      trx,
      system,
      c,
      {
        to: "approved",
        action: "accept.accepted.instant_approval",
        patch: {
          acceptance_outcome: "accepted",
          accepted_on: today,
          ...due,
          decision: "approve",
          decided_at: now,
          decision_reason: input.reason,
        },
        comment: input.reason,
        notice: {
          kind: "decision_approve",
          title: "准予行政许可决定书（秒批）",
          content: { acceptedOn: today, agencyName: agency.name, reason: input.reason },
        },
        after: async (trx2) => {
          await fee(trx2);
          await input.after(trx2);
        },
      },
      now,
      undefined,
    ),
  );
}

/**
 * Revokes an instant approval (the approver of the handling agency) with a written notice and the
 * remedies; `after` writes the caller's record in the same transaction.
 * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE, CONFLICT.
 */
export async function revokeInstantApproval(
  actor: Actor,
  id: string,
  input: { reason: string; after: (trx: Kysely<Database>) => Promise<void> },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  const user = assertBackOffice(actor, c, "case.decide");
  assertStatus(c, ["approved", "delivered"], "撤销秒批决定");
  const now = nowOf(deps);
  await deps.db.transaction().execute((trx) =>
    transition(
      trx,
      user,
      c,
      {
        to: "revoked",
        action: "instant_approval.revoke",
        comment: input.reason,
        notice: {
          kind: "instant_revocation",
          title: "撤销行政许可决定书",
          content: { reasons: input.reason, remedies: REMEDIES },
        },
        after: input.after,
      },
      now,
      undefined,
    ),
  );
  return getCase(actor, id, deps);
}
// --- end 秒批 ---
