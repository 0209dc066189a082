import type { Kysely } from "kysely";
import {
  criticalPathDays,
  mergeForm,
  mergeMaterials,
  orderProblems,
  splitApplication,
  stagesOf,
  sumOfLimits,
  type MergedField,
  type OrderProblem,
} from "../../../shared/bundles.js";
import { addDays, chinaDate } from "../../../shared/calendar.js";
import type { RuleViolation } from "../../../shared/catalog-rules.js";
import type { ParentStatus } from "../../../shared/case-groups.js";
import { bundleContent, type BundleContent, type BundleGuide } from "../../../shared/contracts/bundles.js";
import { AppError, type FieldIssue } from "../../../shared/errors.js";
import { isWithinRegion, regionAncestry } from "../../../shared/regions.js";
import { assertCan, requireUser } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import type { CatalogEntryRow, CatalogVersionRow, Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { addWorkdaysInRegion, workdaysElapsedInRegion } from "../calendar/calendar.service.js";
import { registerCatalogLayer } from "../catalog/catalog.extensions.js";
import {
  entryWithVersion,
  guideVersionFacts,
  linkedGuideFacts,
  listEntriesInForce,
} from "../catalog/catalog.links.js";
import {
  applyAsGroup,
  caseGroupStats,
  deliverGroup,
  getCaseGroup,
  type CaseGroupView,
} from "../cases/case-groups.service.js";
import { checkFormData } from "../cases/cases.form.js";
import { insertPins, listPins } from "./bundles.queries.js";

/** Working days between notifying the hall and going live (办法 21). */
export const HALL_NOTICE_WORKDAYS = 10;

const ORDER_PROBLEM_NAMES: Record<OrderProblem["kind"], string> = {
  duplicate_key: "事项标识重复",
  unknown_item: "引用了不存在的事项",
  self: "事项不能在自身之后",
  cycle: "先后顺序成环",
};

/**
 * The rules a bundle version must pass before publication (办法 15–16, 18, 21): every linked item
 * published and implemented in the bundle's region, each item's agency holding the power (no gap,
 * no overlap), the agency being the lead or a co-department, a valid order, limits within the
 * guides' and the target within their sum, and the go-live date 10 working days after the hall was
 * notified.
 */
export async function bundleRules(
  db: Kysely<Database>,
  entry: Pick<CatalogEntryRow, "region_code" | "agency_id">,
  content: BundleContent,
): Promise<RuleViolation[]> {
  const violations: RuleViolation[] = [];
  for (const p of orderProblems(content.items))
    violations.push({
      path: p.path,
      rule: "bundle_order",
      messageKey: "bundles.rule.order",
      params: { key: p.key, kind: ORDER_PROBLEM_NAMES[p.kind] },
    });
  const keys = new Set(content.items.map((i) => i.key));
  content.dataPushes.forEach((d, i) => {
    for (const k of [d.from, d.to])
      if (!keys.has(k))
        violations.push({
          path: `dataPushes.${i}`,
          rule: "bundle_data_push",
          messageKey: "bundles.rule.dataPush",
          params: { key: k },
        });
  });
  const basics = new Map<string, string>();
  for (const [i, item] of content.items.entries()) {
    const path = `items.${i}`;
    const facts = await linkedGuideFacts(db, item.guideCode);
    if (facts?.status !== "active" || facts.version === undefined) {
      violations.push({
        path: `${path}.guideCode`,
        rule: "bundle_item_published",
        messageKey: "bundles.rule.itemNotPublished",
        params: { name: item.name, code: item.guideCode },
      });
      continue;
    }
    // Implemented in the region: by an agency of the region or a parent (serving all of it), or
    // below it (a county department where the 地区 has none, e.g. 人武部).
    if (
      !isWithinRegion(entry.region_code, facts.regionCode) &&
      !isWithinRegion(facts.regionCode, entry.region_code)
    )
      violations.push({
        path: `${path}.guideCode`,
        rule: "bundle_item_region",
        messageKey: "bundles.rule.itemNotInRegion",
        params: { name: item.name, region: entry.region_code },
      });
    if (facts.isPowerItem && !facts.powerHolders.some((h) => h.agencyId === facts.agencyId))
      violations.push({
        path: `${path}.guideCode`,
        rule: "bundle_power",
        messageKey: "bundles.rule.powerMissing",
        params: { name: item.name },
      });
    const otherHolders = facts.powerHolders.filter(
      (h) => h.regionCode === facts.regionCode && h.agencyId !== facts.agencyId,
    );
    const twice = facts.basicCode !== null && basics.has(facts.basicCode);
    if ((facts.isPowerItem && otherHolders.length > 0) || twice)
      violations.push({
        path: `${path}.guideCode`,
        rule: "bundle_power",
        messageKey: "bundles.rule.powerOverlap",
        params: { name: item.name },
      });
    if (facts.basicCode !== null) basics.set(facts.basicCode, item.key);
    if (facts.agencyId !== entry.agency_id && !content.coAgencyIds.includes(facts.agencyId ?? 0))
      violations.push({
        path: `${path}.guideCode`,
        rule: "bundle_departments",
        messageKey: "bundles.rule.coDepartment",
        params: { name: item.name },
      });
    if (item.limitDays > facts.version.content.promisedLimitDays)
      violations.push({
        path: `${path}.limitDays`,
        rule: "bundle_item_limit",
        messageKey: "bundles.rule.itemLimit",
        params: { name: item.name, days: item.limitDays, promised: facts.version.content.promisedLimitDays },
      });
  }
  const sum = sumOfLimits(content.items);
  if (content.targetLimitDays > sum)
    violations.push({
      path: "targetLimitDays",
      rule: "bundle_target",
      messageKey: "bundles.rule.target",
      params: { target: content.targetLimitDays, sum },
    });
  const earliest = await addWorkdaysInRegion(
    db,
    entry.region_code,
    content.hallNotifiedOn,
    HALL_NOTICE_WORKDAYS,
  );
  if (content.goLiveOn < earliest)
    violations.push({
      path: "goLiveOn",
      rule: "bundle_hall_notice",
      messageKey: "bundles.rule.notice",
      params: { earliest },
    });
  return violations;
}

/** Publication pins every linked item to its guide's current published version. */
async function pinOnPublish(trx: Kysely<Database>, _entry: CatalogEntryRow, version: CatalogVersionRow) {
  const content = bundleContent.parse(version.content);
  const rows = [];
  for (const item of content.items) {
    const facts = await linkedGuideFacts(trx, item.guideCode);
    if (facts?.version === undefined)
      throw new AppError("INVALID_STATE", "bundles.rule.itemNotPublished", {
        name: item.name,
        code: item.guideCode,
      });
    rows.push({
      bundle_version_id: version.id,
      item_key: item.key,
      guide_entry_id: facts.entryId,
      guide_version_id: facts.version.id,
    });
  }
  await insertPins(trx, rows);
}

/**
 * Makes bundles a catalog layer ("bundle"): drafted by the lead department, versioned, checked by
 * `bundleRules`, changed through change requests that need the 机构编制 opinion (multi-department,
 * 办法 16), pinned on publication. Called when the app is built; idempotent.
 */
export function registerBundleLayer(): void {
  registerCatalogLayer("bundle", {
    schema: bundleContent,
    identity: (agency, content) => ({ code: (content as BundleContent).code, regionCode: agency.regionCode }),
    itemType: "bundle",
    rules: (db, entry, content) => bundleRules(db, entry, content as BundleContent),
    tags: () => ["one_thing"],
    requiredSignoffs: ["staffing"],
    onPublish: pinOnPublish,
  });
}

const TAGS = [{ code: "one_thing", name: "一件事" }];

/**
 * Published bundles in force in a region: set there or at one of its parents, the go-live date
 * reached. Keyset-paged like the guides.
 */
export async function listBundles(
  q: { region: string; event?: "life" | "enterprise"; after?: number; limit: number },
  deps: Deps,
) {
  const rows = await listEntriesInForce(deps.db, {
    layer: "bundle",
    regionCodes: regionAncestry(q.region),
    today: chinaDate(nowOf(deps)),
    limit: q.limit + 1,
    ...(q.event === undefined ? {} : { contentField: { key: "event", value: q.event } }),
    ...(q.after === undefined ? {} : { after: q.after }),
  });
  const items = [];
  for (const r of rows.slice(0, q.limit)) {
    const c = bundleContent.parse(r.content);
    const lead = await getAgency(r.agency_id ?? 0, deps.db);
    items.push({
      id: r.id,
      code: r.code,
      name: r.name,
      event: c.event,
      eventName: c.eventName,
      regionCode: r.region_code,
      leadAgencyId: lead.id,
      leadAgencyName: lead.name,
      itemCount: c.items.length,
      targetLimitDays: c.targetLimitDays,
      sumOfItemLimits: sumOfLimits(c.items),
      tags: TAGS,
      versionId: r.version_id,
      versionNo: r.version_no,
      effectiveFrom: r.effective_from,
    });
  }
  return { items, nextAfter: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null };
}

/**
 * 一单集成: the integrated guide of a published bundle version (current by default): its linked
 * items at their pinned guide versions, one merged form and one merged material list, the
 * stages that run in parallel, the total and each item's limit.
 * @throws AppError NOT_FOUND unless published (or superseded / abolished, when asked by version).
 */
export async function getBundleGuide(
  code: string,
  versionNo: number | undefined,
  deps: Deps,
): Promise<BundleGuide> {
  const found = await entryWithVersion(deps.db, "bundle", code, versionNo);
  if (found === undefined || !["published", "superseded", "abolished"].includes(found.version.status))
    throw new AppError("NOT_FOUND", "bundles.notFound", { code });
  const { entry, version } = found;
  const content = bundleContent.parse(version.content);
  const pins = await listPins(deps.db, version.id);
  const items = [];
  const merged = [];
  for (const item of content.items) {
    const pin = pins.find((p) => p.item_key === item.key);
    const g = pin === undefined ? undefined : await guideVersionFacts(deps.db, pin.guide_version_id);
    if (g === undefined) throw new AppError("NOT_FOUND", "bundles.notFound", { code });
    const agency = await getAgency(g.agencyId, deps.db);
    items.push({
      key: item.key,
      name: item.name,
      guideCode: g.code,
      guideVersionNo: g.versionNo,
      agencyId: agency.id,
      agencyName: agency.name,
      limitDays: item.limitDays,
      promisedLimitDays: g.content.promisedLimitDays,
      legalLimitDays: g.content.legalLimitDays,
      after: item.after,
      resultName: g.content.resultName,
      guide: g,
    });
    merged.push({ key: item.key, form: g.content.form, materials: g.content.materials });
  }
  const lead = await getAgency(entry.agency_id ?? 0, deps.db);
  const coDepartments = [];
  for (const id of content.coAgencyIds) {
    const a = await getAgency(id, deps.db);
    coDepartments.push({ agencyId: a.id, name: a.name });
  }
  return {
    entryId: entry.id,
    code: entry.code,
    name: content.name,
    versionId: version.id,
    versionNo: version.version_no,
    status: version.status,
    isCurrent: version.id === entry.current_version_id && version.status === "published",
    effectiveFrom: version.effective_from,
    effectiveTo: version.effective_to,
    regionCode: entry.region_code,
    isOneThing: true,
    tags: TAGS,
    event: content.event,
    eventName: content.eventName,
    lead: { agencyId: lead.id, name: lead.name, department: content.leadDepartment },
    coDepartments,
    items: items.map(({ guide: _g, ...rest }) => rest),
    stages: stagesOf(content.items) ?? [],
    dataPushes: content.dataPushes,
    targetLimitDays: content.targetLimitDays,
    criticalPathDays: criticalPathDays(content.items) ?? 0,
    sumOfItemLimits: sumOfLimits(content.items),
    form: mergeForm(merged),
    materials: mergeMaterials(merged),
    acceptanceConditions: items.flatMap((i) =>
      i.guide.content.acceptanceConditions.map((text) => ({ itemKey: i.key, text })),
    ),
    notes: content.notes,
    goLiveOn: content.goLiveOn,
  };
}

const PARENT_STATUS_NAMES: Record<ParentStatus, string> = {
  submitted: "已提交",
  in_progress: "并联办理中",
  ready: "待统一出件",
  completed: "已办结",
  partially_completed: "部分办结",
  failed: "未获准予",
  withdrawn: "已撤回",
};

function applicationView(v: CaseGroupView, isReplay = false) {
  return { ...v, statusName: PARENT_STATUS_NAMES[v.status], isReplay };
}

/** Maps an item form issue (`formData.<field>`) back to the merged field that fills it. */
function mergedPath(form: readonly MergedField[], itemKey: string, path: string): string {
  const fieldKey = path.replace(/^formData\./, "");
  const f = form.find((x) => x.targets.some((t) => t.itemKey === itemKey && t.key === fieldKey));
  return f === undefined ? path : `formData.${f.key}`;
}

export interface BundleApplyInput {
  formData: Record<string, unknown>;
  materials: {
    key: string;
    fileName?: string;
    contentType?: string;
    dataBase64?: string;
    reference?: string;
  }[];
  applicantId?: string;
  isAssisted?: boolean;
  /** 免证办: consent that held e-licenses and shared data are attached instead of uploads. */
  useLicenses?: boolean;
}

/**
 * 一表申请、一套材料: one application of the merged form and materials of a bundle in force in its
 * region creates a parent case and one sub-case per item, at the pinned guide versions; items
 * that must follow another wait undispatched. Idempotent with a key.
 * @throws AppError NOT_FOUND (not in force), VALIDATION_FAILED (merged fields and materials), FORBIDDEN.
 */
export async function applyForBundle(
  actor: Actor,
  code: string,
  input: BundleApplyInput,
  idempotencyKey: string | undefined,
  deps: Deps,
) {
  requireUser(actor); // 401 before the form is judged: an anonymous caller learns nothing
  const guide = await getBundleGuide(code, undefined, deps);
  if (!guide.isCurrent || guide.goLiveOn > chinaDate(nowOf(deps)))
    throw new AppError("NOT_FOUND", "bundles.notFound", { code });
  const found = await entryWithVersion(deps.db, "bundle", code, guide.versionNo);
  const content = bundleContent.parse(found?.version.content);
  const split = splitApplication(
    guide.form,
    guide.materials,
    guide.items.map((i) => i.key),
    input.formData,
    input.materials,
  );
  const issues: FieldIssue[] = [
    ...split.unknownFields.map((k) => ({ path: `formData.${k}`, message: "表单中没有此项" })),
    ...split.unknownMaterials.map((k) => ({
      path: `materials.${k}`,
      message: `一件事材料清单中没有材料 ${k}`,
    })),
  ];
  const seen = new Set(issues.map((i) => i.path));
  const members = [];
  const pins = await listPins(deps.db, guide.versionId);
  for (const item of guide.items) {
    const app = split.perItem.find((p) => p.itemKey === item.key);
    const pin = pins.find((p) => p.item_key === item.key);
    const pinned = pin === undefined ? undefined : await guideVersionFacts(deps.db, pin.guide_version_id);
    if (app === undefined || pinned === undefined)
      throw new AppError("NOT_FOUND", "bundles.notFound", { code });
    for (const issue of checkFormData(pinned.content.form, app.formData)) {
      const path = mergedPath(guide.form, item.key, issue.path);
      if (seen.has(path)) continue;
      seen.add(path);
      issues.push({ path, message: issue.message });
    }
    members.push({
      key: item.key,
      guide: {
        entryId: pinned.entryId,
        versionId: pinned.versionId,
        code: pinned.code,
        agency: { id: pinned.agencyId, regionCode: pinned.regionCode },
        content: pinned.content,
      },
      formData: app.formData,
      materials: app.materials,
      waitsFor: content.items.find((i) => i.key === item.key)?.after ?? [],
    });
  }
  if (issues.length > 0)
    throw new AppError("VALIDATION_FAILED", "cases.invalidApplication", { count: issues.length }, issues);
  const result = await applyAsGroup(
    actor,
    {
      kind: "bundle",
      refCode: guide.code,
      refVersionId: guide.versionId,
      title: guide.name,
      regionCode: guide.regionCode,
      leadAgencyId: guide.lead.agencyId,
      members,
      ...(input.applicantId === undefined ? {} : { applicantId: input.applicantId }),
      ...(input.isAssisted === undefined ? {} : { isAssisted: input.isAssisted }),
      ...(input.useLicenses === undefined ? {} : { useLicenses: input.useLicenses }),
    },
    idempotencyKey,
    deps,
  );
  return applicationView(await getCaseGroup(actor, result.id, deps), result.isReplay);
}

/** One bundle application as a whole (lead window, applicant, supervision). @throws AppError NOT_FOUND. */
export async function getBundleApplication(actor: Actor, id: string, deps: Deps) {
  return applicationView(await getCaseGroup(actor, id, deps));
}

/** The lead window delivers every result of the application together. @throws AppError INVALID_STATE, FORBIDDEN. */
export async function deliverBundleApplication(actor: Actor, id: string, deps: Deps) {
  return applicationView(await deliverGroup(actor, id, deps));
}

/**
 * Monitoring (电子监察): per bundle set in a region's subtree, how many applications, how many
 * concluded, and the average end-to-end working days of the concluded ones against the sum of the
 * items' own limits (the saving the reform promises).
 * @throws AppError FORBIDDEN without supervision over the region.
 */
export async function bundleMetrics(
  actor: Actor,
  region: string,
  deps: Deps,
  period?: { from: Date; to: Date },
) {
  assertCan(actor, "supervision.read", { regionCode: region });
  const bundles = [];
  let after: number | undefined;
  for (;;) {
    const rows = await listEntriesInForce(deps.db, {
      layer: "bundle",
      regionWithin: region,
      today: "9999-12-31",
      limit: 200,
      ...(after === undefined ? {} : { after }),
    });
    bundles.push(...rows);
    if (rows.length < 200) break;
    after = rows[rows.length - 1]?.id;
  }
  const stats = await caseGroupStats("bundle", region, deps.db, period);
  const items = [];
  for (const b of bundles) {
    const c = bundleContent.parse(b.content);
    const count = stats.counts.find((s) => s.refCode === b.code);
    const durations = [];
    for (const done of stats.concluded.filter((s) => s.refCode === b.code))
      durations.push(
        await workdaysElapsedInRegion(deps.db, done.regionCode, done.submittedOn, done.concludedOn),
      );
    const average =
      durations.length === 0
        ? null
        : Math.round((durations.reduce((s, d) => s + d, 0) / durations.length) * 10) / 10;
    const sum = sumOfLimits(c.items);
    items.push({
      code: b.code,
      name: b.name,
      regionCode: b.region_code,
      applications: count?.applications ?? 0,
      concluded: count?.concluded ?? 0,
      completed: count?.completed ?? 0,
      averageWorkdays: average,
      targetLimitDays: c.targetLimitDays,
      sumOfItemLimits: sum,
      savedWorkdays: average === null ? null : Math.round((sum - average) * 10) / 10,
    });
  }
  return { region, items };
}

/**
 * The 一件事 section of the monitoring statistics: the bundles of the region that were applied
 * for, with applications, conclusions and the working days saved against the sum of the items'
 * limits, and totals. Counted over the applications submitted in the period (Beijing dates,
 * inclusive), like the other sections; `GET /api/v1/bundles/metrics` counts all time.
 * @throws AppError FORBIDDEN without supervision over the region.
 */
export async function bundleStatisticsSection(
  actor: Actor,
  f: { regionCode: string; from: string; to: string },
  deps: Deps,
) {
  const m = await bundleMetrics(actor, f.regionCode, deps, {
    from: new Date(`${f.from}T00:00:00+08:00`),
    to: new Date(`${addDays(f.to, 1)}T00:00:00+08:00`),
  });
  const used = m.items.filter((i) => i.applications > 0);
  const saved = used.filter((i) => i.savedWorkdays !== null);
  return {
    scope: "period" as const,
    bundlesInForce: m.items.length,
    bundlesUsed: used.length,
    applications: used.reduce((s, i) => s + i.applications, 0),
    concluded: used.reduce((s, i) => s + i.concluded, 0),
    averageSavedWorkdays:
      saved.length === 0
        ? null
        : Math.round((saved.reduce((s, i) => s + (i.savedWorkdays ?? 0), 0) / saved.length) * 10) / 10,
    items: used,
  };
}
