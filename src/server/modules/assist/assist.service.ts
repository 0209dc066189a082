import { chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import type { Locale } from "../../../shared/i18n/messages.js";
import { assertCan, can, requireUser } from "../../access/access.policy.js";
import { toAuditActor, type Actor, type UserActor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getPublishedGuide } from "../catalog/catalog.service.js";
import { approveInstantly, revokeInstantApproval } from "../cases/case-actions.service.js";
import {
  applyForItem,
  caseForSystem,
  getCase,
  loadVisibleCase,
  type MaterialInput,
} from "../cases/cases.service.js";
import { getProfile, profileForSystem } from "../identity/identity.service.js";
import { gatherFacts, type ApplicantFacts } from "./assist.facts.js";
import {
  findInstantApproval,
  findRules,
  instantRulesWrites,
  insertInstantApproval,
  instantReport,
  markRevoked,
  upsertRules,
} from "./assist.queries.js";
import {
  evaluateRules,
  instantRules,
  isMachineDecidable,
  preReview,
  prefill,
  type InstantRule,
  type MaterialSubmission,
} from "./assist.review.js";

function requireApplicant(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (user.userKind === "staff") throw new AppError("FORBIDDEN", "assist.applicantsOnly");
  return user;
}

async function factsOf(actor: UserActor, deps: Deps): Promise<ApplicantFacts> {
  const p = await getProfile(actor, actor.id, deps);
  return gatherFacts(
    deps.db,
    {
      userId: p.id,
      kind: p.kind,
      name: p.displayName,
      idNumber: p.idNumber,
      phone: p.phone,
      creditCode: p.creditCode,
    },
    chinaDate(nowOf(deps)),
  );
}

async function currentGuide(code: string, deps: Deps) {
  const g = await getPublishedGuide(code, undefined, deps);
  if (!g.isCurrent) throw new AppError("NOT_FOUND", "catalog.guideNotFound", { code });
  return g;
}

/**
 * 智能预填: the guide's form and materials prefilled from the applicant's profile, shared data and
 * verified licenses, and what is left to supply.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN (staff), NOT_FOUND (guide).
 */
export async function getPrefill(actor: Actor, guideCode: string, deps: Deps) {
  const user = requireApplicant(actor);
  const guide = await currentGuide(guideCode, deps);
  const facts = await factsOf(user, deps);
  return { guideCode: guide.code, ...prefill(guide.content, facts, chinaDate(nowOf(deps))) };
}

export interface AssistMaterial extends MaterialInput {
  /** For a pre-review before uploading: the file's size as the applicant's device reports it. */
  sizeBytes?: number;
  issuedOn?: string;
  validUntil?: string;
}

function submissionsOf(materials: AssistMaterial[]): MaterialSubmission[] {
  return materials.map((m) => ({
    key: m.key,
    ...(m.fileName === undefined ? {} : { fileName: m.fileName }),
    ...(m.contentType === undefined ? {} : { contentType: m.contentType }),
    ...(m.dataBase64 !== undefined
      ? { sizeBytes: Buffer.from(m.dataBase64, "base64").length }
      : m.sizeBytes === undefined
        ? {}
        : { sizeBytes: m.sizeBytes }),
    ...(m.reference === undefined ? {} : { reference: m.reference }),
    ...(m.issuedOn === undefined ? {} : { issuedOn: m.issuedOn }),
    ...(m.validUntil === undefined ? {} : { validUntil: m.validUntil }),
  }));
}

export interface AssistApplication {
  guideCode: string;
  formData: Record<string, unknown>;
  /** Files (base64) or references; the described metadata (size, type, dates) is checked too. */
  materials: AssistMaterial[];
  commitment?: boolean;
  /** Fill what the facts know and the applicant left out (default true). */
  usePrefill?: boolean;
}

async function reviewed(user: UserActor, input: AssistApplication, deps: Deps, locale: Locale) {
  const guide = await currentGuide(input.guideCode, deps);
  const facts = await factsOf(user, deps);
  const today = chinaDate(nowOf(deps));
  const filled = input.usePrefill === false ? undefined : prefill(guide.content, facts, today);
  const formData = { ...(filled?.formData ?? {}), ...input.formData };
  const given = new Set(input.materials.map((m) => m.key));
  const materials: AssistMaterial[] = [
    ...input.materials,
    ...(filled?.materials ?? [])
      .filter((m) => !given.has(m.key))
      .map((m) => ({ key: m.key, reference: m.reference })),
  ];
  const issues = preReview(
    guide.content,
    {
      formData,
      materials: submissionsOf(materials),
      ...(input.commitment === undefined ? {} : { commitment: input.commitment }),
    },
    facts,
    today,
    locale,
  );
  return { guide, facts, formData, materials, issues, today };
}

/**
 * 预审: checks an application before it is submitted and answers with clear messages; nothing is
 * stored. Metadata-only materials (name, type, size, dates) can be checked before uploading.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN (staff), NOT_FOUND (guide).
 */
export async function preReviewApplication(
  actor: Actor,
  input: AssistApplication,
  deps: Deps,
  locale: Locale = "zh-CN",
) {
  const user = requireApplicant(actor);
  const r = await reviewed(user, input, deps, locale);
  return {
    isReady: !r.issues.some((i) => i.severity === "error"),
    issues: r.issues,
    formData: r.formData,
    materials: r.materials
      .filter((m) => m.reference !== undefined)
      .map((m) => ({ key: m.key, reference: m.reference! })),
  };
}

/**
 * Submits after pre-review (blocking errors → 400 with every issue) through the cases service, then
 * decides 秒批 where the guide is configured for it: all rules pass on verified facts → accepted and
 * approved at once by the system, audited; any rule fails → left to people ("referred", recorded).
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (pre-review, form), CONFLICT.
 */
export async function applyWithAssist(
  actor: Actor,
  input: AssistApplication,
  idempotencyKey: string | undefined,
  deps: Deps,
  locale: Locale = "zh-CN",
) {
  const user = requireApplicant(actor);
  const r = await reviewed(user, input, deps, locale);
  const errors = r.issues.filter((i) => i.severity === "error");
  if (errors.length > 0)
    throw new AppError(
      "VALIDATION_FAILED",
      "assist.preReviewFailed",
      { count: errors.length },
      errors.map((i) => ({ path: i.path, message: i.message })),
    );
  const materials: MaterialInput[] = r.materials
    .filter((m) => m.dataBase64 !== undefined || m.reference !== undefined)
    .map((m) => ({
      key: m.key,
      ...(m.fileName === undefined ? {} : { fileName: m.fileName }),
      ...(m.contentType === undefined ? {} : { contentType: m.contentType }),
      ...(m.dataBase64 === undefined ? {} : { dataBase64: m.dataBase64 }),
      ...(m.reference === undefined ? {} : { reference: m.reference }),
    }));
  const applied = await applyForItem(
    actor,
    {
      guideCode: input.guideCode,
      formData: r.formData,
      materials,
      ...(input.commitment === undefined ? {} : { commitment: input.commitment }),
    },
    idempotencyKey,
    deps,
    { instantDecision: false },
  );
  if (applied.isReplay)
    return { case: applied.case, isReplay: true, instantApproval: null, warnings: r.issues };
  const caseId = applied.case.id;
  const ruleRow = await findRules(deps.db, r.guide.code);
  let instant: InstantOutcome | null = null;
  if (
    ruleRow !== undefined &&
    ruleRow.is_enabled &&
    input.commitment !== true &&
    isMachineDecidable(r.guide.content)
  )
    instant = await decideInstantly(
      caseId,
      r.guide.code,
      ruleRow.rules as InstantRule[],
      r.facts,
      r.today,
      actor.requestId ?? null,
      deps,
    );
  return {
    case: await getCase(actor, caseId, deps),
    isReplay: false,
    instantApproval: instant,
    warnings: r.issues,
  };
}

type InstantOutcome = { outcome: "approved" | "referred"; checks: ReturnType<typeof evaluateRules> };

/** Evaluates the rules on verified facts and records the outcome: approved at once, or referred. */
async function decideInstantly(
  caseId: string,
  guideCode: string,
  rules: InstantRule[],
  facts: ApplicantFacts,
  today: string,
  requestId: string | null,
  deps: Deps,
): Promise<InstantOutcome> {
  const checks = evaluateRules(rules, facts, today);
  const outcome = checks.every((c) => c.passed) ? "approved" : "referred";
  const now = nowOf(deps);
  const record = async (trx: Parameters<typeof insertInstantApproval>[0]) => {
    await insertInstantApproval(trx, {
      case_id: caseId,
      guide_code: guideCode,
      outcome,
      checks: JSON.stringify(checks),
      decided_at: now,
    });
    await recordAudit(trx, {
      actor: { kind: "system", id: "instant-approval" },
      action: `instant_approval.${outcome}`,
      entityType: "case",
      entityId: caseId,
      after: { guide: guideCode, checks },
      requestId,
    });
  };
  if (outcome === "approved")
    await approveInstantly(caseId, { reason: checks.map((c) => c.label).join("；"), after: record }, deps);
  else await deps.db.transaction().execute(record);
  return { outcome, checks };
}

/**
 * Job (`cases.submitted_instant`): 秒批 for a case submitted the ordinary way (POST /api/v1/cases).
 * Decides like the assist application, on the applicant's verified facts; does nothing when the
 * case is no longer waiting (already accepted, withdrawn), already decided, a 告知承诺 application,
 * or the guide's rules are disabled since. Idempotent.
 * @returns the outcome, or undefined when nothing was decided.
 */
export async function decideSubmittedCase(caseId: string, deps: Deps): Promise<InstantOutcome | undefined> {
  const c = await caseForSystem(caseId, deps.db);
  if (c === undefined || c.status !== "submitted" || c.is_commitment) return undefined;
  if ((await findInstantApproval(deps.db, caseId)) !== undefined) return undefined;
  const ruleRow = await findRules(deps.db, c.guide_code);
  if (ruleRow === undefined || !ruleRow.is_enabled) return undefined;
  const guide = await getPublishedGuide(c.guide_code, undefined, deps);
  if (!isMachineDecidable(guide.content)) return undefined;
  const p = await profileForSystem(c.applicant_id, deps);
  const today = chinaDate(nowOf(deps));
  const facts = await gatherFacts(
    deps.db,
    {
      userId: p.id,
      kind: p.kind,
      name: p.displayName,
      idNumber: p.idNumber,
      phone: p.phone,
      creditCode: p.creditCode,
    },
    today,
  );
  return decideInstantly(caseId, guide.code, ruleRow.rules as InstantRule[], facts, today, null, deps);
}

/** For the cases module: whether submissions of a guide go to the 秒批 job. */
export async function isInstantGuide(db: Deps["db"], guideCode: string): Promise<boolean> {
  // Asked on every application: remembered per guide for INSTANT_FILTER_MS, forgotten at once when
  // this process writes rules. A change by another instance is seen within that time; the job
  // checks the rules again before it decides, so a stale answer never decides a case wrongly.
  let cache = instantFilterCache.get(db);
  if (cache === undefined || cache.writes !== instantRulesWrites()) {
    cache = { writes: instantRulesWrites(), answers: new Map() };
    instantFilterCache.set(db, cache);
  }
  const hit = cache.answers.get(guideCode);
  const at = Date.now();
  if (hit !== undefined && at - hit.at < INSTANT_FILTER_MS) return hit.value;
  const writes = cache.writes;
  const row = await findRules(db, guideCode);
  const value = row !== undefined && row.is_enabled;
  if (writes === instantRulesWrites()) {
    if (cache.answers.size >= 4096) cache.answers.clear();
    cache.answers.set(guideCode, { value, at });
  }
  return value;
}

const INSTANT_FILTER_MS = 1000;
const instantFilterCache = new WeakMap<
  Deps["db"],
  { writes: number; answers: Map<string, { value: boolean; at: number }> }
>();

/**
 * Configures 秒批 for a guide (catalog editor of the guide's agency): rules on verified facts only,
 * and only for guides whose required materials all come from licenses or shared data.
 * @throws AppError FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (rules, guide not machine-decidable).
 */
export async function configureInstantApproval(
  actor: Actor,
  guideCode: string,
  input: { rules: unknown; isEnabled: boolean },
  deps: Deps,
) {
  const user = requireUser(actor);
  const guide = await currentGuide(guideCode, deps);
  assertCan(actor, "catalog.edit", {
    agencyId: guide.agency?.id ?? null,
    regionCode: guide.agency?.regionCode ?? "",
  });
  const parsed = instantRules.safeParse(input.rules);
  if (!parsed.success)
    throw new AppError(
      "VALIDATION_FAILED",
      "assist.badRule",
      {},
      parsed.error.issues.map((i) => ({
        path: ["rules", ...i.path.map(String)].join("."),
        message: i.message,
      })),
    );
  if (!isMachineDecidable(guide.content))
    throw new AppError("VALIDATION_FAILED", "assist.notMachineDecidable", {}, [
      { path: "guideCode", message: "assist.notMachineDecidable" },
    ]);
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    await upsertRules(trx, {
      guide_code: guide.code,
      rules: JSON.stringify(parsed.data),
      is_enabled: input.isEnabled,
      updated_by: user.id,
      updated_at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "instant_approval.configure",
      entityType: "guide",
      entityId: guide.code,
      after: { rules: parsed.data, isEnabled: input.isEnabled },
      requestId: actor.requestId ?? null,
    });
  });
  return { guideCode: guide.code, rules: parsed.data, isEnabled: input.isEnabled };
}

/** The 秒批 rules of a guide (public: the applicant may know how it is decided). */
export async function getInstantApproval(guideCode: string, deps: Deps) {
  const row = await findRules(deps.db, guideCode);
  if (row === undefined) throw new AppError("NOT_FOUND", "assist.noRules");
  return { guideCode, rules: row.rules as InstantRule[], isEnabled: row.is_enabled };
}

/**
 * Revokes an instant approval (approver of the handling agency), with reasons; the case becomes
 * revoked with a written notice, and the 秒批 record keeps who and why.
 * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE (not instantly approved, or already revoked).
 */
export async function revokeInstant(actor: Actor, caseId: string, reason: string, deps: Deps) {
  const user = requireUser(actor);
  const c = await loadVisibleCase(actor, caseId, deps.db);
  // the decision authority first: an applicant or a reviewer must not learn the 秒批 state (403, not 409)
  assertCan(actor, "case.decide", { agencyId: c.agency_id, regionCode: c.handling_region_code });
  const ia = await findInstantApproval(deps.db, caseId);
  if (ia === undefined || ia.outcome !== "approved" || ia.revoked_at !== null)
    throw new AppError("INVALID_STATE", "assist.notInstant");
  const now = nowOf(deps);
  return revokeInstantApproval(
    actor,
    caseId,
    {
      reason,
      after: async (trx) => {
        if (!(await markRevoked(trx, caseId, user.id, reason, now)))
          throw new AppError("INVALID_STATE", "assist.notInstant");
      },
    },
    deps,
  );
}

/**
 * How many cases went through 秒批 (supervisors of the region): per guide, approved, referred to
 * people and revoked, against all cases of the guide in the period.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN.
 */
export async function instantApprovalReport(
  actor: Actor,
  q: { region: string; from: string; to: string },
  deps: Deps,
) {
  if (!can(actor, "supervision.read", { regionCode: q.region }))
    assertCan(actor, "admin.manage", { regionCode: q.region });
  const from = new Date(`${q.from}T00:00:00+08:00`);
  const to = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
  const rows = await instantReport(deps.db, { region: q.region, from, to });
  const items = rows.map((r) => ({
    guideCode: r.guide_code,
    itemName: r.item_name,
    approved: r.approved,
    referred: r.referred,
    revoked: r.revoked,
    totalCases: r.total_cases,
  }));
  const sum = (k: "approved" | "referred" | "revoked" | "totalCases") => items.reduce((s, i) => s + i[k], 0);
  return {
    region: q.region,
    from: q.from,
    to: q.to,
    totals: {
      approved: sum("approved"),
      referred: sum("referred"),
      revoked: sum("revoked"),
      totalCases: sum("totalCases"),
    },
    items,
  };
}
