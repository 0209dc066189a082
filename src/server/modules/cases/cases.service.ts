import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { addDays, chinaDate } from "../../../shared/calendar.js";
import { formatCaseNumber } from "../../../shared/codes/case-number.js";
import { AppError } from "../../../shared/errors.js";
import { can, holdsAnywhere, requireUser, scopesFor } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { CaseChannel, CaseRow, CaseStatus, Database, WarningLevel } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { sm3Hex } from "../../security/sm3.js";
import { getAgency } from "../agencies/agencies.service.js";
import { cachedPublishedGuide } from "../catalog/guide-cache.js";
import { LICENSE_IDENTIFIER_PREFIX } from "../../../shared/codes/license-identifier.js";
import { findHeldLicenseFor, wantsInstantDecision } from "./case-follow-ups.js";
import { writeSubmittedCase } from "./case-intake-writer.js";
import { onChildTransition } from "./case-groups.service.js";
import { takeCaseSequence } from "./case-numbers.js";
import { checkFormData, uploadProblem } from "./cases.form.js";
import {
  findCase,
  findCaseByKey,
  findPayment,
  findPostCheck,
  insertEvent,
  listCases,
  listEvents,
  listMaterials,
  listNotices,
  updateCaseIfVersion,
  type NewEvent,
  type NewMaterial,
} from "./cases.queries.js";

export interface MaterialInput {
  key: string;
  fileName?: string;
  contentType?: string;
  /** The file, base64-encoded. */
  dataBase64?: string;
  /** An e-license or shared-data reference instead of a file (免证办; filled by the e-license issue). */
  reference?: string;
}

export interface ApplyInput {
  guideCode: string;
  formData: Record<string, unknown>;
  materials: MaterialInput[];
  /** At a window: the applicant the clerk acts for (帮办代办 when `isAssisted`). */
  applicantId?: string;
  isAssisted?: boolean;
  /** 告知承诺: the applicant commits to the guide's commitment text instead of proving conditions. */
  commitment?: boolean;
  /** 免证办: the applicant consents that e-licenses they hold are attached instead of uploads. */
  useLicenses?: boolean;
}

/** Who may see a case: its applicant, and staff whose scope covers where it is received or handled. */
export function canSeeCase(
  actor: Actor,
  c: Pick<CaseRow, "applicant_id" | "agency_id" | "receiving_region_code" | "handling_region_code">,
): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user") return false;
  if (actor.id === c.applicant_id) return true;
  return (
    can(actor, "case.intake", { regionCode: c.receiving_region_code }) ||
    can(actor, "case.intake", { regionCode: c.handling_region_code }) ||
    can(actor, "case.review", { agencyId: c.agency_id, regionCode: c.handling_region_code }) ||
    can(actor, "supervision.read", { regionCode: c.handling_region_code })
  );
}

/** @throws AppError UNAUTHENTICATED; NOT_FOUND when the case does not exist or the actor may not see it (no enumeration). */
export async function loadVisibleCase(actor: Actor, id: string, db: Kysely<Database>): Promise<CaseRow> {
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "error.unauthenticated");
  const c = /^[0-9a-f-]{36}$/.test(id) ? await findCase(db, id) : undefined;
  if (c === undefined || !canSeeCase(actor, c)) throw new AppError("NOT_FOUND", "cases.notFound");
  return c;
}

/**
 * Applies for an item against its current published guide version, online (the applicant) or at
 * a window (a clerk for an applicant, 帮办代办 recorded). The form is validated against the guide;
 * files are checked by type and size and their SM3 digest kept. With an idempotency key a repeated
 * submission returns the first case instead of making a second. For an item decided by 秒批 the
 * decision is enqueued in the same transaction (`options.instantDecision: false` when the caller
 * decides itself, as the assist module's application does).
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED (fields, files), NOT_FOUND (guide).
 */
export async function applyForItem(
  actor: Actor,
  input: ApplyInput,
  idempotencyKey: string | undefined,
  deps: Deps,
  options: { instantDecision?: boolean } = {},
) {
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
    const existing = await findCaseByKey(deps.db, applicantId, idempotencyKey);
    if (existing !== undefined) return { case: await caseView(actor, existing, deps), isReplay: true };
  }
  // From the published-guide cache (frozen: read only); the version it names is the one bound.
  const { guide } = await cachedPublishedGuide(input.guideCode, undefined, deps);
  if (!guide.isCurrent || guide.agency === null)
    throw new AppError("NOT_FOUND", "catalog.guideNotFound", { code: input.guideCode });
  let receivingRegion = guide.agency.regionCode;
  let channel: CaseChannel = "online";
  if (isWindow) {
    if (user.agencyId === null) throw new AppError("FORBIDDEN", "error.forbidden");
    const hall = await getAgency(user.agencyId, deps.db);
    if (!can(actor, "case.intake", { regionCode: hall.regionCode }))
      throw new AppError("FORBIDDEN", "error.forbidden");
    receivingRegion = hall.regionCode;
    channel = input.isAssisted === true ? "assisted" : "window";
  }
  const issues = checkFormData(guide.content.form, input.formData);
  if (input.commitment === true && guide.content.tags.notificationCommitment === undefined) {
    issues.push({ path: "commitment", message: "该事项不实行告知承诺制" });
  }
  const files: { m: MaterialInput; name: string; data: Buffer | null }[] = [];
  input.materials.forEach((m, i) => {
    const def = guide.content.materials.find((x) => x.key === m.key);
    if (def === undefined) {
      issues.push({ path: `materials.${i}.key`, message: `办事指南中没有材料 ${m.key}` });
      return;
    }
    if (m.dataBase64 === undefined) {
      if (m.reference === undefined)
        issues.push({ path: `materials.${i}`, message: `请上传“${def.name}”或引用电子证照` });
      files.push({ m, name: def.name, data: null });
      return;
    }
    const data = Buffer.from(m.dataBase64, "base64");
    const problem = uploadProblem(m.contentType ?? "", data);
    if (problem !== undefined) issues.push({ path: `materials.${i}`, message: `“${def.name}”：${problem}` });
    files.push({ m, name: def.name, data });
  });
  // --- 免证办 (credentials): licenses referenced by identifier must be the applicant's, valid and
  // of the material's type; with consent, materials satisfiable by a held license are attached.
  for (const f of files) {
    const def = guide.content.materials.find((x) => x.key === f.m.key);
    if (f.data !== null || def?.licenseTypeCode === undefined) continue;
    if (f.m.reference?.startsWith(LICENSE_IDENTIFIER_PREFIX) !== true) continue;
    const held = await findHeldLicenseFor(applicantId, def.licenseTypeCode, f.m.reference, deps);
    if (held === undefined)
      issues.push({
        path: `materials.${input.materials.indexOf(f.m)}.reference`,
        message: `“${def.name}”：引用的电子证照无效或不属于申请人`,
      });
  }
  if (input.useLicenses === true) {
    for (const def of guide.content.materials) {
      if (input.materials.some((m) => m.key === def.key)) continue;
      if (def.source === "shared_data" && def.sharedDataKey !== undefined) {
        // 共享数据: obtained by the handling agency; the consent is recorded with the data key.
        files.push({
          m: { key: def.key, reference: `shared_data:${def.sharedDataKey}` },
          name: def.name,
          data: null,
        });
        continue;
      }
      if (def.source !== "license" || def.licenseTypeCode === undefined) continue;
      const held = await findHeldLicenseFor(applicantId, def.licenseTypeCode, undefined, deps);
      if (held !== undefined)
        files.push({ m: { key: def.key, reference: held.reference }, name: def.name, data: null });
    }
  }
  // --- end 免证办
  if (issues.length > 0)
    throw new AppError("VALIDATION_FAILED", "cases.invalidApplication", { count: issues.length }, issues);

  const now = nowOf(deps);
  const today = chinaDate(now);
  const id = randomUUID();
  const agencyId = guide.agency.id;
  const handlingRegion = guide.agency.regionCode;
  // Encryption and digests before the transaction, and the case number from a block of the
  // counter reserved on its own (case-numbers.ts): the transaction holds no row another
  // application needs.
  const formDataEnc = deps.secrets.encrypt(JSON.stringify(input.formData));
  const digests = files.map((f) => (f.data === null ? null : sm3Hex(new Uint8Array(f.data))));
  const [instant, seq] = await Promise.all([
    options.instantDecision !== false && input.commitment !== true
      ? wantsInstantDecision(deps.db, guide.code)
      : false,
    takeCaseSequence(deps.db, handlingRegion, today),
  ]);
  const caseNumber = formatCaseNumber(handlingRegion, today, channel, seq);
  const materials: NewMaterial[] = files.map((f, i) => ({
    case_id: id,
    material_key: f.m.key,
    name: f.name,
    source:
      f.data !== null ? "upload" : f.m.reference?.startsWith("shared_data:") ? "shared_data" : "license",
    file_name: f.m.fileName ?? null,
    content_type: f.data === null ? null : (f.m.contentType ?? null),
    size_bytes: f.data?.length ?? null,
    sm3: digests[i] ?? null,
    data: f.data,
    reference: f.m.reference ?? null,
    is_supplement: false,
  }));
  const event: NewEvent = {
    case_id: id,
    action: "submit",
    from_status: null,
    to_status: "submitted",
    actor_id: user.id,
    comment: channel === "assisted" ? "帮办代办" : null,
    at: now,
  };
  let created: CaseRow;
  try {
    // Written by group commit (case-intake-writer.ts): with the applications arriving at the same
    // time, in one transaction; the audit record is linked in the chain the transaction holds.
    created = await writeSubmittedCase(deps.db, {
      audit: {
        actor: toAuditActor(actor),
        action: "case.submit",
        entityType: "case",
        entityId: id,
        after: { caseNumber, guide: guide.code, version: guide.versionId, channel },
        requestId: actor.requestId ?? null,
      },
      rows: {
        case: {
          id,
          case_number: caseNumber,
          guide_entry_id: guide.entryId,
          guide_version_id: guide.versionId,
          guide_code: guide.code,
          item_name: guide.content.name,
          agency_id: agencyId,
          handling_region_code: handlingRegion,
          receiving_region_code: receivingRegion,
          applicant_id: applicantId,
          channel,
          received_by: isWindow ? user.id : null,
          status: "submitted",
          acceptance_outcome: null,
          case_kind: guide.content.caseKind,
          form_data_enc: formDataEnc,
          idempotency_key: idempotencyKey ?? null,
          submitted_at: now,
          accepted_on: null,
          legal_limit_days: guide.content.legalLimitDays,
          promised_limit_days: guide.content.promisedLimitDays,
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
          is_commitment: input.commitment === true,
        },
        materials,
        event,
      },
      instantAt: instant ? now : null,
    });
  } catch (err) {
    // Two submissions with the same key raced: the other one won; answer with its case.
    if (idempotencyKey !== undefined) {
      const existing = await findCaseByKey(deps.db, applicantId, idempotencyKey);
      if (existing !== undefined) return { case: await caseView(actor, existing, deps), isReplay: true };
    }
    throw err;
  }
  // The new case as committed: its row as stored, the materials and event just written, and no
  // notice, payment or post-check yet (nothing else can have written them before this commit).
  const view = caseViewOf(actor, created, {
    materials: materials.map((m) => ({ ...m, created_at: now })),
    events: [event],
    notices: [],
    payment: undefined,
    postCheck: undefined,
    formData: JSON.parse(JSON.stringify(input.formData)) as Record<string, unknown>,
  });
  return { case: view, isReplay: false };
}

export async function caseView(actor: Actor, c: CaseRow, deps: Deps) {
  const [materials, events, notices, payment, postCheck] = await Promise.all([
    listMaterials(deps.db, c.id),
    listEvents(deps.db, c.id),
    listNotices(deps.db, c.id),
    findPayment(deps.db, c.id),
    findPostCheck(deps.db, c.id),
  ]);
  return caseViewOf(actor, c, {
    materials,
    events,
    notices,
    payment,
    postCheck,
    formData: JSON.parse(deps.secrets.decrypt(c.form_data_enc)) as Record<string, unknown>,
  });
}

interface CaseParts {
  materials: Pick<
    Awaited<ReturnType<typeof listMaterials>>[number],
    | "material_key"
    | "name"
    | "source"
    | "file_name"
    | "content_type"
    | "size_bytes"
    | "sm3"
    | "reference"
    | "is_supplement"
  >[];
  events: Pick<
    Awaited<ReturnType<typeof listEvents>>[number],
    "action" | "from_status" | "to_status" | "actor_id" | "comment" | "at"
  >[];
  notices: Awaited<ReturnType<typeof listNotices>>;
  payment: Awaited<ReturnType<typeof findPayment>>;
  postCheck: Awaited<ReturnType<typeof findPostCheck>>;
  formData: Record<string, unknown>;
}

/** The case as its API shows it, from its row and its parts. */
function caseViewOf(
  actor: Actor,
  c: CaseRow,
  { materials, events, notices, payment, postCheck, formData }: CaseParts,
) {
  return {
    id: c.id,
    caseNumber: c.case_number,
    itemName: c.item_name,
    guideCode: c.guide_code,
    guideVersionId: c.guide_version_id,
    agencyId: c.agency_id,
    handlingRegionCode: c.handling_region_code,
    receivingRegionCode: c.receiving_region_code,
    applicantId: c.applicant_id,
    channel: c.channel,
    isAssisted: c.channel === "assisted",
    status: c.status,
    acceptanceOutcome: c.acceptance_outcome,
    caseKind: c.case_kind,
    formData,
    submittedAt: c.submitted_at.toISOString(),
    acceptedOn: c.accepted_on,
    legalDue: c.legal_due,
    promisedDue: c.promised_due,
    extensionDays: c.extension_days,
    pausedWorkdays: c.paused_workdays,
    pausedSince: c.paused_since,
    warningLevel: c.warning_level,
    toleranceDue: c.tolerance_due,
    toleranceMissing: (c.tolerance_missing ?? null) as string[] | null,
    decision: c.decision,
    decisionReason: c.decision_reason,
    lockVersion: c.lock_version,
    materials: materials.map((m) => ({
      key: m.material_key,
      name: m.name,
      source: m.source,
      fileName: m.file_name,
      contentType: m.content_type,
      sizeBytes: m.size_bytes,
      sm3: m.sm3,
      reference: m.reference,
      isSupplement: m.is_supplement,
    })),
    history: events.map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorId: e.actor_id,
      comment: e.comment,
      at: e.at.toISOString(),
    })),
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      content: n.content,
      issuedAt: n.issued_at.toISOString(),
    })),
    isCommitment: c.is_commitment,
    payment:
      payment === undefined
        ? null
        : {
            amountFen: payment.amount_fen,
            items: payment.items,
            status: payment.status,
            receiptNumber: payment.receipt_number,
            paidAt: payment.paid_at?.toISOString() ?? null,
          },
    postCheck:
      postCheck === undefined
        ? null
        : { dueDate: postCheck.due_date, status: postCheck.status, findings: postCheck.findings },
    canWithdraw:
      actor.kind === "user" &&
      actor.id === c.applicant_id &&
      ["submitted", "accepted", "under_review", "suspended"].includes(c.status),
  };
}

export type CaseView = ReturnType<typeof caseViewOf>;

/** @throws AppError NOT_FOUND when the case is not the actor's to see. */
export async function getCase(actor: Actor, id: string, deps: Deps): Promise<CaseView> {
  requireUser(actor);
  return caseView(actor, await loadVisibleCase(actor, id, deps.db), deps);
}

/**
 * Lists per role, newest first, keyset-paged: an applicant their own cases; a window clerk the
 * cases received or handled in their hall's region; the back office its agency's.
 */
export async function listCasesFor(
  actor: Actor,
  f: {
    status?: CaseStatus;
    warningLevel?: WarningLevel;
    guideCode?: string;
    /** Submitted on or after this day, and on or before `to` (Beijing dates). */
    from?: string;
    to?: string;
    before?: string;
    limit: number;
  },
  deps: Deps,
) {
  const user = requireUser(actor);
  // Beijing days → instants: YYYY-MM-DD 00:00 +08:00.
  const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
  let before: { submittedAt: Date; id: string } | undefined;
  if (f.before !== undefined) {
    const [ts, id] = f.before.split("|");
    if (ts === undefined || id === undefined || Number.isNaN(Date.parse(ts)))
      throw new AppError("VALIDATION_FAILED", "cases.badCursor");
    before = { submittedAt: new Date(ts), id };
  }
  const base = {
    limit: f.limit + 1,
    ...(f.status ? { status: f.status } : {}),
    ...(f.warningLevel ? { warningLevel: f.warningLevel } : {}),
    ...(f.guideCode ? { guideCode: f.guideCode } : {}),
    ...(f.from ? { submittedFrom: dayStart(f.from) } : {}),
    ...(f.to ? { submittedBefore: dayStart(addDays(f.to, 1)) } : {}),
    ...(before ? { before } : {}),
  };
  let rows;
  if (user.userKind !== "staff") rows = await listCases(deps.db, { ...base, applicantId: user.id });
  else {
    if (
      !holdsAnywhere(actor, "case.intake") &&
      !holdsAnywhere(actor, "case.review") &&
      !holdsAnywhere(actor, "supervision.read")
    )
      throw new AppError("FORBIDDEN", "error.forbidden");
    const intake = scopesFor(actor, "case.intake");
    const review = scopesFor(actor, "case.review");
    const supervise = scopesFor(actor, "supervision.read");
    rows = await listCases(deps.db, {
      ...base,
      scope: { regionRoots: [...intake.regionRoots, ...supervise.regionRoots], agencyIds: review.agencyIds },
    });
  }
  const items = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    caseNumber: r.case_number,
    itemName: r.item_name,
    status: r.status,
    warningLevel: r.warning_level,
    channel: r.channel,
    agencyId: r.agency_id,
    submittedAt: r.submitted_at.toISOString(),
    promisedDue: r.promised_due,
  }));
  const last = rows.length > f.limit ? rows[f.limit - 1] : undefined;
  return { items, nextBefore: last === undefined ? null : `${last.submitted_at.toISOString()}|${last.id}` };
}

/**
 * The applicant withdraws before a decision.
 * @throws AppError NOT_FOUND, FORBIDDEN (not the applicant), INVALID_STATE (decided), CONFLICT (changed meanwhile).
 */
export async function withdrawCase(
  actor: Actor,
  id: string,
  input: { reason?: string; lockVersion?: number },
  deps: Deps,
) {
  const c = await loadVisibleCase(actor, id, deps.db);
  if (actor.kind !== "user" || actor.id !== c.applicant_id)
    throw new AppError("FORBIDDEN", "error.forbidden");
  if (!["submitted", "accepted", "under_review", "suspended"].includes(c.status))
    throw new AppError("INVALID_STATE", "cases.cannotWithdraw");
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateCaseIfVersion(trx, c.id, input.lockVersion ?? c.lock_version, { status: "withdrawn" })))
      throw new AppError("CONFLICT", "cases.concurrentChange");
    await insertEvent(trx, {
      case_id: c.id,
      action: "withdraw",
      from_status: c.status,
      to_status: "withdrawn",
      actor_id: actor.id,
      comment: input.reason ?? null,
      at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "case.withdraw",
      entityType: "case",
      entityId: c.id,
      before: { status: c.status },
      after: { status: "withdrawn" },
      requestId: actor.requestId ?? null,
    });
    await onChildTransition(trx, c, "withdrawn", c.decision, now); // 0009: parent cases
  });
  return getCase(actor, id, deps);
}

/** The case row for a system follow-up (a job), without an actor; undefined when unknown. */
export async function caseForSystem(id: string, db: Kysely<Database>): Promise<CaseRow | undefined> {
  return findCase(db, id);
}
