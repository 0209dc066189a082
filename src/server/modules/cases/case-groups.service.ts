import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { sm3 } from "sm-crypto-v2";
import { chinaDate } from "../../../shared/calendar.js";
import {
  deriveParentDue,
  deriveParentStatus,
  isFinalParentStatus,
  isLostChild,
} from "../../../shared/case-groups.js";
import { formatCaseNumber } from "../../../shared/codes/case-number.js";
import type { GuideContent } from "../../../shared/contracts/catalog-content.js";
import { AppError, type FieldIssue } from "../../../shared/errors.js";
import { can, requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { CaseChannel, CaseRow, CaseStatus, Database, ParentCaseRow } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { deliverCase } from "./case-actions.service.js";
import {
  findParentByKey,
  findParentCase,
  insertWaits,
  listChildren,
  listDependants,
  listOpenPredecessors,
  listWaits,
  lockParentCase,
  updateParentCase,
  insertParentCase,
  groupStats,
  concludedGroups,
} from "./case-groups.queries.js";
import { checkFormData, uploadProblem } from "./cases.form.js";
import { licensedAttachments, materialSource } from "./licensed-attachments.js";
import {
  findPayment,
  insertCase,
  insertEvent,
  insertMaterial,
  insertNotice,
  listNotices,
  nextCaseSequence,
} from "./cases.queries.js";
import type { MaterialInput } from "./cases.service.js";

/**
 * Parent cases: one application that creates a sub-case per item, handled by each department in
 * parallel where nothing orders them (a sub-case that must follow another waits, undispatched,
 * until that one is approved). The parent's status and due date are derived from the sub-cases in
 * the transaction of every sub-case transition.
 */

export interface GroupMember {
  /** The member's key in the group (the bundle's item key). */
  key: string;
  guide: {
    entryId: number;
    versionId: number;
    code: string;
    agency: { id: number; regionCode: string } | null;
    content: GuideContent;
  };
  formData: Record<string, unknown>;
  materials: MaterialInput[];
  /** Keys of the members that must be approved before this one is dispatched. */
  waitsFor: string[];
}

export interface GroupApplication {
  kind: "bundle";
  refCode: string;
  refVersionId: number;
  title: string;
  /** Where the application is received: the bundle's region (the lead window's hall). */
  regionCode: string;
  leadAgencyId: number | null;
  members: GroupMember[];
  applicantId?: string;
  isAssisted?: boolean;
  /** 免证办: the applicant consents that held e-licenses (and shared data) are attached instead of uploads. */
  useLicenses?: boolean;
}

/**
 * Files one application as a parent case and one sub-case per member, in one transaction. The
 * form data and materials of each member are checked against its guide version (paths prefixed
 * `members.<key>.`). With an idempotency key a repeated submission answers the first parent.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED.
 */
export async function applyAsGroup(
  actor: Actor,
  input: GroupApplication,
  idempotencyKey: string | undefined,
  deps: Deps,
): Promise<{ id: string; isReplay: boolean }> {
  const user = requireUser(actor);
  const isWindow = user.userKind === "staff";
  const applicantId = isWindow ? input.applicantId : user.id;
  if (applicantId === undefined)
    throw new AppError("VALIDATION_FAILED", "cases.applicantRequired", {}, [
      { path: "applicantId", message: "cases.applicantRequired" },
    ]);
  if (!isWindow && input.applicantId !== undefined && input.applicantId !== user.id)
    throw new AppError("FORBIDDEN", "error.forbidden");
  if (idempotencyKey !== undefined) {
    const existing = await findParentByKey(deps.db, applicantId, idempotencyKey);
    if (existing !== undefined) return { id: existing.id, isReplay: true };
  }
  let channel: CaseChannel = "online";
  if (isWindow) {
    if (user.agencyId === null) throw new AppError("FORBIDDEN", "error.forbidden");
    const hall = await getAgency(user.agencyId, deps.db);
    if (
      !can(actor, "case.intake", { regionCode: hall.regionCode }) ||
      !hall.regionCode.startsWith(input.regionCode)
    )
      throw new AppError("FORBIDDEN", "error.forbidden");
    channel = input.isAssisted === true ? "assisted" : "window";
  }
  const issues: FieldIssue[] = [];
  const prepared = input.members.map((m) => {
    if (m.guide.agency === null)
      throw new AppError("NOT_FOUND", "catalog.guideNotFound", { code: m.guide.code });
    for (const i of checkFormData(m.guide.content.form, m.formData))
      issues.push({ path: `members.${m.key}.${i.path}`, message: i.message });
    const files = m.materials.map((mat, i) => {
      const def = m.guide.content.materials.find((x) => x.key === mat.key);
      if (def === undefined) {
        issues.push({
          path: `members.${m.key}.materials.${i}.key`,
          message: `办事指南中没有材料 ${mat.key}`,
        });
        return { m: mat, name: mat.key, data: null };
      }
      if (mat.dataBase64 === undefined) {
        if (mat.reference === undefined)
          issues.push({
            path: `members.${m.key}.materials.${i}`,
            message: `请上传“${def.name}”或引用电子证照`,
          });
        return { m: mat, name: def.name, data: null };
      }
      const data = Buffer.from(mat.dataBase64, "base64");
      const problem = uploadProblem(mat.contentType ?? "", data);
      if (problem !== undefined)
        issues.push({ path: `members.${m.key}.materials.${i}`, message: `“${def.name}”：${problem}` });
      return { m: mat, name: def.name, data };
    });
    return { member: m, agency: m.guide.agency, files, id: randomUUID() };
  });
  // 免证办 per sub-case: referenced licenses checked; with consent, held ones attached.
  for (const p of prepared) {
    const licensed = await licensedAttachments(
      applicantId,
      p.member.guide.content,
      p.member.materials,
      input.useLicenses === true,
      deps,
    );
    for (const i of licensed.issues)
      issues.push({ path: `members.${p.member.key}.${i.path}`, message: i.message });
    p.files.push(...licensed.attached);
  }
  if (issues.length > 0)
    throw new AppError("VALIDATION_FAILED", "cases.invalidApplication", { count: issues.length }, issues);

  const now = nowOf(deps);
  const today = chinaDate(now);
  const parentId = randomUUID();
  const idOf = new Map(prepared.map((p) => [p.member.key, p.id]));
  try {
    await deps.db.transaction().execute(async (trx) => {
      const parentNumber = formatCaseNumber(
        input.regionCode,
        today,
        channel,
        await nextCaseSequence(trx, input.regionCode, today),
      );
      await insertParentCase(trx, {
        id: parentId,
        case_number: parentNumber,
        kind: input.kind,
        ref_code: input.refCode,
        ref_version_id: input.refVersionId,
        title: input.title,
        applicant_id: applicantId,
        receiving_region_code: input.regionCode,
        lead_agency_id: input.leadAgencyId,
        channel,
        status: "submitted",
        promised_due: null,
        submitted_at: now,
        completed_at: null,
        idempotency_key: idempotencyKey ?? null,
      });
      for (const p of prepared) {
        const g = p.member.guide;
        const handlingRegion = p.agency.regionCode;
        const seq = await nextCaseSequence(trx, handlingRegion, today);
        const caseNumber = formatCaseNumber(handlingRegion, today, channel, seq);
        await insertCase(trx, {
          id: p.id,
          case_number: caseNumber,
          guide_entry_id: g.entryId,
          guide_version_id: g.versionId,
          guide_code: g.code,
          item_name: g.content.name,
          agency_id: p.agency.id,
          handling_region_code: handlingRegion,
          receiving_region_code: input.regionCode,
          applicant_id: applicantId,
          channel,
          received_by: isWindow ? user.id : null,
          status: "submitted",
          acceptance_outcome: null,
          case_kind: g.content.caseKind,
          form_data_enc: deps.secrets.encrypt(JSON.stringify(p.member.formData)),
          idempotency_key: null,
          submitted_at: now,
          accepted_on: null,
          legal_limit_days: g.content.legalLimitDays,
          promised_limit_days: g.content.promisedLimitDays,
          paused_since: null,
          suspension_reason: null,
          legal_due: null,
          promised_due: null,
          tolerance_due: null,
          tolerance_missing: null,
          decision: null,
          decision_reason: null,
          decided_at: null,
          delivered_at: null,
          parent_case_id: parentId,
        });
        for (const f of p.files) {
          await insertMaterial(trx, {
            case_id: p.id,
            material_key: f.m.key,
            name: f.name,
            source: materialSource(f.data, f.m.reference),
            file_name: f.m.fileName ?? null,
            content_type: f.data === null ? null : (f.m.contentType ?? null),
            size_bytes: f.data?.length ?? null,
            sm3: f.data === null ? null : sm3(new Uint8Array(f.data)),
            data: f.data,
            reference: f.m.reference ?? null,
            is_supplement: false,
          });
        }
        await insertEvent(trx, {
          case_id: p.id,
          action: "submit",
          from_status: null,
          to_status: "submitted",
          actor_id: user.id,
          comment: `一件事“${input.title}”（${parentNumber}）`,
          at: now,
        });
        await recordAudit(trx, {
          actor: toAuditActor(actor),
          action: "case.submit",
          entityType: "case",
          entityId: p.id,
          after: { caseNumber, guide: g.code, version: g.versionId, channel, parent: parentId },
          requestId: actor.requestId ?? null,
        });
      }
      await insertWaits(
        trx,
        prepared.flatMap((p) =>
          p.member.waitsFor.map((k) => ({ case_id: p.id, waits_for_case_id: idOf.get(k) ?? "" })),
        ),
      );
      await recordAudit(trx, {
        actor: toAuditActor(actor),
        action: "case_group.submit",
        entityType: "parent_case",
        entityId: parentId,
        after: { caseNumber: parentNumber, kind: input.kind, ref: input.refCode, members: prepared.length },
        requestId: actor.requestId ?? null,
      });
    });
  } catch (err) {
    if (idempotencyKey !== undefined) {
      const existing = await findParentByKey(deps.db, applicantId, idempotencyKey);
      if (existing !== undefined) return { id: existing.id, isReplay: true };
    }
    throw err;
  }
  return { id: parentId, isReplay: false };
}

const LOST_NAMES: Partial<Record<CaseStatus, string>> = {
  denied: "不予许可",
  not_accepted: "不予受理",
  revoked: "撤销受理",
  withdrawn: "撤回",
};

/**
 * Called by every sub-case transition inside its transaction: recomputes the parent's status and
 * due date, and when a sub-case ends without its result, tells each sub-case that waits for it what
 * happens next (a notice: it stays undispatched; the others go on; withdraw it or apply again).
 */
export async function onChildTransition(
  trx: Kysely<Database>,
  c: Pick<CaseRow, "id" | "parent_case_id" | "item_name" | "case_number">,
  to: CaseStatus,
  decision: "approve" | "deny" | null,
  now: Date,
): Promise<void> {
  if (c.parent_case_id === null) return;
  if (isLostChild({ status: to, decision })) {
    for (const d of await listDependants(trx, c.id)) {
      if (!["submitted", "accepted"].includes(d.status)) continue;
      await insertNotice(trx, {
        case_id: d.id,
        kind: "group_predecessor_lost",
        title: "一件事前置事项办理结果告知书",
        content: JSON.stringify({
          caseNumber: d.case_number,
          itemName: d.item_name,
          date: chinaDate(now),
          predecessor: c.item_name,
          predecessorCaseNumber: c.case_number,
          outcome: LOST_NAMES[to] ?? "未获准予",
          nextSteps:
            "本事项须在前置事项准予后办理，现暂停分派，已提交的材料予以保留；同一件事中的其他事项不受影响、继续办理。您可在前置事项重新申请并获准后继续办理本事项，或申请撤回本事项。",
        }),
        agency_id: d.agency_id,
        issued_at: now,
      });
    }
  }
  await recomputeParent(trx, c.parent_case_id, now);
}

/** Derives the parent's status and due date from its sub-cases (pure rules in shared/case-groups.ts). */
export async function recomputeParent(trx: Kysely<Database>, parentId: string, now: Date): Promise<void> {
  const parent = await lockParentCase(trx, parentId);
  if (parent === undefined) return;
  const children = await listChildren(trx, parentId);
  const states = children.map((k) => ({
    status: k.status,
    decision: k.decision,
    promisedDue: k.promised_due,
  }));
  const status = deriveParentStatus(states);
  const due = deriveParentDue(states);
  const completedAt = isFinalParentStatus(status) ? (parent.completed_at ?? now) : null;
  const isSameCompletion = (completedAt?.getTime() ?? null) === (parent.completed_at?.getTime() ?? null);
  if (status === parent.status && due === parent.promised_due && isSameCompletion) return;
  await updateParentCase(trx, parentId, { status, promised_due: due, completed_at: completedAt });
  await recordAudit(trx, {
    actor: { kind: "system", id: "case_groups" },
    action: "case_group.derive",
    entityType: "parent_case",
    entityId: parentId,
    before: { status: parent.status, promisedDue: parent.promised_due },
    after: { status, promisedDue: due },
    requestId: null,
  });
}

/**
 * Refuses to dispatch a sub-case while a sibling it must follow is not approved.
 * @throws AppError INVALID_STATE naming the predecessors.
 */
export async function assertPredecessorsApproved(
  db: Kysely<Database>,
  c: Pick<CaseRow, "id" | "parent_case_id">,
) {
  if (c.parent_case_id === null) return;
  const open = await listOpenPredecessors(db, c.id);
  if (open.length > 0)
    throw new AppError("INVALID_STATE", "cases.waitingForPredecessor", {
      items: open.map((o) => o.item_name).join("、"),
    });
}

function canSeeParent(actor: Actor, p: ParentCaseRow): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user") return false;
  if (actor.id === p.applicant_id) return true;
  return (
    can(actor, "case.intake", { regionCode: p.receiving_region_code }) ||
    can(actor, "case.review", { agencyId: p.lead_agency_id, regionCode: p.receiving_region_code }) ||
    can(actor, "supervision.read", { regionCode: p.receiving_region_code })
  );
}

/** @throws AppError UNAUTHENTICATED; NOT_FOUND when the actor may not see it. */
async function loadVisibleParent(actor: Actor, id: string, db: Kysely<Database>): Promise<ParentCaseRow> {
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "error.unauthenticated");
  const p = /^[0-9a-f-]{36}$/.test(id) ? await findParentCase(db, id) : undefined;
  if (p === undefined || !canSeeParent(actor, p)) throw new AppError("NOT_FOUND", "cases.groupNotFound");
  return p;
}

/**
 * The whole of one application as the lead window (or the applicant) sees it: the parent's derived
 * status and due date and every sub-case with its department, status, what it waits for and its
 * notices. @throws AppError NOT_FOUND.
 */
export async function getCaseGroup(actor: Actor, id: string, deps: Deps) {
  const p = await loadVisibleParent(actor, id, deps.db);
  const children = await listChildren(deps.db, p.id);
  const waits = await listWaits(
    deps.db,
    children.map((k) => k.id),
  );
  const byId = new Map(children.map((k) => [k.id, k]));
  const items = [];
  for (const k of children) {
    const predecessors = waits.filter((w) => w.case_id === k.id).map((w) => byId.get(w.waits_for_case_id));
    const notices = await listNotices(deps.db, k.id);
    const agency = await getAgency(k.agency_id, deps.db);
    items.push({
      caseId: k.id,
      caseNumber: k.case_number,
      itemName: k.item_name,
      guideCode: k.guide_code,
      agencyId: k.agency_id,
      agencyName: agency.name,
      status: k.status,
      decision: k.decision,
      promisedDue: k.promised_due,
      lockVersion: k.lock_version,
      waitsFor: predecessors.map((x) => x?.case_number ?? ""),
      isWaiting: predecessors.some(
        (x) =>
          x !== undefined &&
          !(x.status === "approved" || (x.status === "delivered" && x.decision === "approve")),
      ),
      notices: notices.map((n) => ({
        kind: n.kind,
        title: n.title,
        content: n.content,
        issuedAt: n.issued_at.toISOString(),
      })),
    });
  }
  return {
    id: p.id,
    caseNumber: p.case_number,
    kind: p.kind,
    refCode: p.ref_code,
    title: p.title,
    applicantId: p.applicant_id,
    receivingRegionCode: p.receiving_region_code,
    leadAgencyId: p.lead_agency_id,
    channel: p.channel,
    status: p.status,
    promisedDue: p.promised_due,
    submittedAt: p.submitted_at.toISOString(),
    completedAt: p.completed_at?.toISOString() ?? null,
    subCases: items,
  };
}

export type CaseGroupView = Awaited<ReturnType<typeof getCaseGroup>>;

/**
 * 综合窗口出件: delivers every decided sub-case of the group together, once none is still being
 * handled. @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (sub-cases still running or nothing to deliver).
 */
export async function deliverGroup(actor: Actor, id: string, deps: Deps) {
  const p = await loadVisibleParent(actor, id, deps.db);
  const children = await listChildren(deps.db, p.id);
  // Delivery is a front- or back-office act on every sub-case (as deliverCase checks each one):
  // refuse an applicant or a supervisor before telling them the group's state.
  requireUser(actor);
  for (const k of children)
    if (
      !can(actor, "case.intake", { regionCode: k.receiving_region_code }) &&
      !can(actor, "case.review", { agencyId: k.agency_id, regionCode: k.handling_region_code })
    )
      throw new AppError("FORBIDDEN", "error.forbidden");
  if (p.status !== "ready") throw new AppError("INVALID_STATE", "cases.groupNotReady");
  // All or none: a fee still unpaid holds back the whole delivery.
  for (const k of children) {
    const payment = k.status === "approved" ? await findPayment(deps.db, k.id) : undefined;
    if (payment?.status === "pending") throw new AppError("INVALID_STATE", "cases.unpaid");
  }
  for (const k of children)
    if (k.status === "approved" || k.status === "denied") await deliverCase(actor, k.id, {}, deps);
  return getCaseGroup(actor, id, deps);
}

/** Applications per reference code in a region subtree, and the concluded ones' dates (for metrics). */
export async function caseGroupStats(
  kind: "bundle",
  regionRoot: string,
  db: Kysely<Database>,
  period?: { from: Date; to: Date },
) {
  const [counts, concluded] = await Promise.all([
    groupStats(db, kind, regionRoot, period),
    concludedGroups(db, kind, regionRoot, period),
  ]);
  return {
    counts: counts.map((c) => ({
      refCode: c.ref_code,
      applications: Number(c.applications),
      concluded: Number(c.concluded),
      completed: Number(c.completed ?? 0),
    })),
    concluded: concluded.map((c) => ({
      refCode: c.ref_code,
      regionCode: c.receiving_region_code,
      submittedOn: chinaDate(c.submitted_at),
      concludedOn: c.completed_at === null ? chinaDate(c.submitted_at) : chinaDate(c.completed_at),
    })),
  };
}
