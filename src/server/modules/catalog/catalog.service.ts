import { insertJob } from "../../jobs/jobs.queries.js";
import diff from "microdiff";
import type { Kysely } from "kysely";
import { chinaDate, addDays } from "../../../shared/calendar.js";
import { exerciseLevelOfRegion, ITEM_TYPES, type ItemTypeCode } from "../../../shared/catalog.js";
import {
  checkGuide,
  inheritanceOf,
  powerListMismatches,
  type RuleViolation,
} from "../../../shared/catalog-rules.js";
import { canonicalJson } from "../../../shared/canonical-json.js";
import { makeBasicCode, makeImplementationCode, parseGuideCode } from "../../../shared/codes/item-codes.js";
import type {
  BasicItemContent,
  GuideContent,
  PowerEntryContent,
  SpecificationContent,
} from "../../../shared/contracts/catalog-content.js";
import { AppError } from "../../../shared/errors.js";
import { translate } from "../../../shared/i18n/messages.js";
import { regionLevelOf } from "../../../shared/regions.js";
import { assertCan } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { digestOf, recordAudit } from "../../audit/audit.service.js";
import { inTransaction } from "../../db/db.js";
import type { CatalogEntryRow, CatalogLayer, CatalogVersionRow, Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { getAgency } from "../agencies/agencies.service.js";
import { addWorkdaysInRegion } from "../calendar/calendar.service.js";
import { parseContent, tagsOf, TAG_NAMES, type LayerContent } from "./catalog.content.js";
import { catalogLayerExtension } from "./catalog.extensions.js";
import {
  basicByNameAt,
  entriesOfBasic,
  findEntry,
  findEntryByCode,
  findVersion,
  findVersionByNo,
  insertEntry,
  insertVersion,
  listPublishedGuides,
  listVersions,
  lockEntry,
  maxBasicSequence,
  nextVersionNo,
  openVersionOf,
  publishedVersionOf,
  setVersionStatus,
  updateDraftContent,
  updateEntryProjection,
  type GuideListFilter,
} from "./catalog.queries.js";
import { createObligations, fulfilObligations } from "./obligations.queries.js";

/** 2-digit guiding-department codes of 基本编码 per functional line (demo assignment). */
export const LINE_DEPARTMENT_CODES: Record<string, string> = {
  government_services: "01",
  market_regulation: "02",
  public_security: "03",
  taxation: "04",
  human_resources: "05",
  housing_fund: "06",
  medical_security: "07",
  housing_construction: "08",
  natural_resources: "09",
  health: "10",
  civil_affairs: "11",
  veterans_affairs: "12",
  education: "13",
  forestry: "14",
  urban_management: "15",
  fire_rescue: "16",
  disabled_persons: "17",
  transport: "18",
  development_reform: "19",
  power_supply: "20",
  central_bank: "21",
  military_service: "22",
  justice: "23",
  staffing: "24",
};

function versionDto(v: CatalogVersionRow) {
  return {
    id: v.id,
    versionNo: v.version_no,
    status: v.status,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    contentDigest: v.content_digest,
    createdAt: v.created_at.toISOString(),
    publishedAt: v.published_at?.toISOString() ?? null,
  };
}

function entryDto(e: CatalogEntryRow) {
  return {
    id: e.id,
    layer: e.layer,
    code: e.code,
    basicCode: e.basic_code,
    agencyId: e.agency_id,
    regionCode: e.region_code,
    lineCode: e.line_code,
    exerciseLevel: e.exercise_level,
    name: e.name,
    itemType: e.item_type,
    itemTypeName: ITEM_TYPES[e.item_type as ItemTypeCode] ?? e.item_type,
    tags: e.tags,
    status: e.status,
    currentVersionId: e.current_version_id,
  };
}

export interface DraftInput {
  layer: CatalogLayer;
  /** The drafting department (basic, spec) or the implementing agency (guide, power). */
  agencyId: number;
  /** Where a basic item is set (65 / 6531 / 653101); others take their agency's region. */
  regionCode?: string;
  /** The basic item a spec, guide or power entry belongs to. */
  basicCode?: string;
  content: unknown;
}

function itemTypeOf(layer: CatalogLayer, content: LayerContent[CatalogLayer]): string {
  return layer === "bundle"
    ? catalogLayerExtension(layer).itemType
    : (content as { itemType: string }).itemType;
}

async function auditWrite(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  entityType: string,
  entityId: number,
  before: unknown,
  after: unknown,
) {
  await recordAudit(trx, {
    actor: toAuditActor(actor),
    action,
    entityType,
    entityId,
    before,
    after,
    requestId: actor.requestId ?? null,
  });
}

async function publishedBasic(
  db: Kysely<Database>,
  basicCode: string,
): Promise<{ entry: CatalogEntryRow; content: BasicItemContent }> {
  const entry = await findEntryByCode(db, "basic", basicCode);
  const version =
    entry?.current_version_id === undefined || entry.current_version_id === null
      ? undefined
      : await findVersion(db, entry.current_version_id);
  if (entry === undefined || version === undefined || entry.status !== "active") {
    throw new AppError("VALIDATION_FAILED", "catalog.basicNotFound", { code: basicCode }, [
      { path: "basicCode", message: "catalog.basicNotFound" },
    ]);
  }
  return { entry, content: parseContent("basic", version.content) };
}

async function insertDraftVersion(
  trx: Kysely<Database>,
  actor: Actor,
  entry: CatalogEntryRow,
  versionNo: number,
  content: unknown,
) {
  const version = await insertVersion(trx, {
    entry_id: entry.id,
    version_no: versionNo,
    status: "draft",
    content: canonicalJson(content),
    content_digest: digestOf(content),
    created_by: actor.kind === "anonymous" ? null : actor.id,
  });
  await auditWrite(trx, actor, "catalog.draft.create", "catalog_version", version.id, undefined, {
    entry: entry.code,
    content,
  });
  return { entry: entryDto(entry), version: versionDto(version) };
}

/**
 * Starts a new catalog entry with its first draft version: a basic catalog item (code generated
 * per appendix A), an implementation specification, a guide (实施编码 generated from the agency's
 * credit code, level and the basic code) or a power-list entry.
 * @throws AppError FORBIDDEN without catalog.edit for the agency; VALIDATION_FAILED; CONFLICT when the code exists.
 */
export async function createDraft(actor: Actor, input: DraftInput, deps: Deps) {
  const agency = await getAgency(input.agencyId, deps.db);
  assertCan(actor, "catalog.edit", { agencyId: agency.id, regionCode: agency.regionCode });
  const content = parseContent(input.layer, input.content);
  if (input.regionCode !== undefined && input.regionCode !== agency.regionCode && actor.kind !== "system") {
    // A department sets catalog entries at its own level only.
    throw new AppError("FORBIDDEN", "error.forbidden", {}, { regionCode: input.regionCode });
  }
  const base = await entryIdentity(input, agency, content, deps.db);
  return inTransaction(deps.db, async (trx) => {
    if ((await findEntryByCode(trx, input.layer, base.code)) !== undefined) {
      throw new AppError("CONFLICT", "catalog.entryExists", { code: base.code });
    }
    const entry = await insertEntry(trx, {
      ...base,
      name: content.name,
      item_type: itemTypeOf(input.layer, content),
    });
    return insertDraftVersion(trx, actor, entry, 1, content);
  });
}

async function entryIdentity(
  input: DraftInput,
  agency: { id: number; regionCode: string; creditCode: string },
  content: LayerContent[CatalogLayer],
  db: Kysely<Database>,
): Promise<
  Omit<CatalogEntryRow, "id" | "created_at" | "current_version_id" | "status" | "tags" | "name" | "item_type">
> {
  switch (input.layer) {
    case "basic": {
      const basic = content as BasicItemContent;
      const region = input.regionCode ?? agency.regionCode;
      const level = regionLevelOf(region);
      if (level === undefined || level > 3) {
        throw new AppError("VALIDATION_FAILED", "catalog.regionLevel", {}, [
          { path: "regionCode", message: "catalog.regionLevel" },
        ]);
      }
      if (
        region !== region.slice(0, 2) &&
        (await basicByNameAt(db, basic.name, region.slice(0, 2))) !== undefined
      ) {
        throw new AppError("VALIDATION_FAILED", "catalog.rule.setAtRegion", { name: basic.name }, [
          {
            path: "content.name",
            message: translate("catalog.rule.setAtRegion", "zh-CN", { name: basic.name }),
          },
        ]);
      }
      const dept = LINE_DEPARTMENT_CODES[basic.lineCode] ?? "99";
      const prefix = `${region.slice(0, 2)}${basic.itemType}${dept}`;
      const seq = (await maxBasicSequence(db, prefix)) + 1;
      const code = makeBasicCode({
        region: region.slice(0, 2),
        itemType: basic.itemType,
        department: dept,
        sequence: String(seq).padStart(3, "0"),
        subItem: basic.subItems.length > 0 ? "00Y" : "000",
      });
      return {
        layer: "basic",
        code,
        basic_code: code,
        agency_id: agency.id,
        region_code: region,
        line_code: basic.lineCode,
        exercise_level: null,
      };
    }
    case "spec": {
      const basic = await publishedBasic(db, input.basicCode ?? "");
      const region = input.regionCode ?? agency.regionCode;
      const level = exerciseLevelOfRegion(region);
      return {
        layer: "spec",
        code: `${basic.entry.code}:${level}`,
        basic_code: basic.entry.code,
        agency_id: agency.id,
        region_code: region,
        line_code: basic.entry.line_code,
        exercise_level: level,
      };
    }
    case "guide": {
      const basic = await publishedBasic(db, input.basicCode ?? "");
      const level = exerciseLevelOfRegion(agency.regionCode);
      const code = makeImplementationCode({
        creditCode: agency.creditCode,
        exerciseLevel: level,
        basicCode: basic.entry.code,
      });
      return {
        layer: "guide",
        code,
        basic_code: basic.entry.code,
        agency_id: agency.id,
        region_code: agency.regionCode,
        line_code: basic.entry.line_code,
        exercise_level: level,
      };
    }
    case "bundle": {
      const id = catalogLayerExtension("bundle").identity(agency, content);
      return {
        layer: "bundle",
        code: id.code,
        basic_code: null,
        agency_id: agency.id,
        region_code: id.regionCode,
        line_code: null,
        exercise_level: null,
      };
    }
    case "power": {
      const name = (content as PowerEntryContent).name;
      return {
        layer: "power",
        code: `P${agency.id}-${digestOf(name).slice(0, 10)}`,
        basic_code: input.basicCode ?? null,
        agency_id: agency.id,
        region_code: agency.regionCode,
        line_code: null,
        exercise_level: null,
      };
    }
  }
}

/**
 * Opens the next draft version of an entry (to modify a published item). Only one draft or
 * in-review version may be open at a time.
 * @throws AppError NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, CONFLICT.
 */
export async function createNextDraft(actor: Actor, entryId: number, rawContent: unknown, deps: Deps) {
  const entry = await findEntry(deps.db, entryId);
  if (entry === undefined) throw new AppError("NOT_FOUND", "catalog.entryNotFound");
  assertCan(actor, "catalog.edit", { agencyId: entry.agency_id, regionCode: entry.region_code });
  const content = parseContent(entry.layer, rawContent);
  return inTransaction(deps.db, async (trx) => {
    await lockEntry(trx, entryId);
    const open = await openVersionOf(trx, entryId);
    if (open !== undefined)
      throw new AppError("CONFLICT", "catalog.openVersionExists", { versionNo: open.version_no });
    return insertDraftVersion(trx, actor, entry, await nextVersionNo(trx, entryId), content);
  });
}

/**
 * Replaces a draft's content. Published (and in-review) versions are immutable.
 * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (not a draft), VALIDATION_FAILED.
 */
export async function updateDraft(actor: Actor, versionId: number, rawContent: unknown, deps: Deps) {
  const version = await findVersion(deps.db, versionId);
  const entry = version === undefined ? undefined : await findEntry(deps.db, version.entry_id);
  if (version === undefined || entry === undefined)
    throw new AppError("NOT_FOUND", "catalog.versionNotFound");
  assertCan(actor, "catalog.edit", { agencyId: entry.agency_id, regionCode: entry.region_code });
  const content = parseContent(entry.layer, rawContent);
  return deps.db.transaction().execute(async (trx) => {
    const current = await findVersion(trx, versionId);
    if (current?.status !== "draft") throw new AppError("INVALID_STATE", "catalog.notDraft");
    await updateDraftContent(trx, versionId, canonicalJson(content), digestOf(content));
    await auditWrite(
      trx,
      actor,
      "catalog.draft.update",
      "catalog_version",
      versionId,
      current.content,
      content,
    );
    const updated = await findVersion(trx, versionId);
    if (updated === undefined) throw new Error("draft vanished");
    return { entry: entryDto(entry), version: versionDto(updated) };
  });
}

/**
 * Every rule a version must pass before it can be published, against the published basic item,
 * the specification of its level and the implementing agency's power list.
 */
export async function rulesFor(
  db: Kysely<Database>,
  entry: CatalogEntryRow,
  content: LayerContent[CatalogLayer],
): Promise<RuleViolation[]> {
  switch (entry.layer) {
    case "guide": {
      const guide = content as GuideContent;
      const basic = await publishedBasic(db, entry.basic_code ?? "");
      const specEntry = await findEntryByCode(db, "spec", `${entry.basic_code}:${entry.exercise_level}`);
      const specVersion =
        specEntry?.current_version_id === undefined || specEntry.current_version_id === null
          ? undefined
          : await findVersion(db, specEntry.current_version_id);
      const spec =
        specVersion === undefined
          ? undefined
          : (parseContent("spec", specVersion.content) as SpecificationContent);
      const violations = checkGuide(guide, {
        basic: basic.content,
        ...(spec ? { spec } : {}),
        ...(entry.exercise_level ? { exerciseLevel: entry.exercise_level } : {}),
      });
      violations.push(...(await powerViolations(db, entry, guide)));
      return violations;
    }
    case "bundle":
      return catalogLayerExtension("bundle").rules(db, entry, content);
    case "basic":
    case "spec":
    case "power":
      return [];
  }
}

async function powerViolations(
  db: Kysely<Database>,
  entry: CatalogEntryRow,
  guide: GuideContent,
): Promise<RuleViolation[]> {
  const powerEntries = (await entriesOfBasic(db, entry.basic_code ?? "", "power")).filter(
    (p) => p.agency_id === entry.agency_id && p.status === "active",
  );
  let power: PowerEntryContent | undefined;
  const first = powerEntries[0];
  if (first !== undefined && first.current_version_id !== null) {
    const v = await findVersion(db, first.current_version_id);
    if (v !== undefined) power = parseContent("power", v.content);
  }
  const mismatches = powerListMismatches(guide, power);
  if (mismatches === "missing")
    return [
      {
        path: "name",
        rule: "power_list",
        messageKey: "catalog.rule.powerListMissing",
        params: { name: guide.name },
      },
    ];
  return mismatches.map((m) => ({
    path: m.field,
    rule: "power_list",
    messageKey: "catalog.rule.powerListMismatch",
    params: { field: m.field, catalog: m.catalog, powerList: m.powerList },
  }));
}

/** Violations of a version as field issues with Chinese messages. */
export function violationDetails(violations: RuleViolation[]) {
  return violations.map((v) => ({
    path: v.path,
    rule: v.rule,
    message: translate(v.messageKey, "zh-CN", v.params ?? {}),
  }));
}

/**
 * Checks a version against every rule without changing anything ("checked as you type").
 * @throws AppError NOT_FOUND.
 */
export async function checkVersion(versionId: number, deps: Deps) {
  const version = await findVersion(deps.db, versionId);
  const entry = version === undefined ? undefined : await findEntry(deps.db, version.entry_id);
  if (version === undefined || entry === undefined)
    throw new AppError("NOT_FOUND", "catalog.versionNotFound");
  const violations = await rulesFor(deps.db, entry, parseContent(entry.layer, version.content));
  return { isValid: violations.length === 0, violations: violationDetails(violations) };
}

/** @throws AppError VALIDATION_FAILED listing every violation. */
export async function assertRules(
  db: Kysely<Database>,
  entry: CatalogEntryRow,
  version: CatalogVersionRow,
): Promise<void> {
  const violations = await rulesFor(db, entry, parseContent(entry.layer, version.content));
  if (violations.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      "catalog.rulesFailed",
      { count: violations.length },
      violationDetails(violations),
    );
  }
}

/**
 * Publishes a version inside the caller's transaction: the previous published version is
 * superseded (its effective period ends the day before), the entry's projection follows, and a
 * basic item's publication creates the owed updates of its specifications (5 working days) and
 * implementation lists (10). A specification or guide publication settles what it owed.
 */
export async function publishVersionInTx(
  trx: Kysely<Database>,
  actor: Actor,
  entry: CatalogEntryRow,
  version: CatalogVersionRow,
  effectiveFrom: string,
  now: Date,
): Promise<void> {
  const previous = await publishedVersionOf(trx, entry.id);
  if (previous !== undefined) {
    await setVersionStatus(trx, previous.id, {
      status: "superseded",
      effective_to:
        addDays(effectiveFrom, -1) < (previous.effective_from ?? "")
          ? previous.effective_from
          : addDays(effectiveFrom, -1),
    });
  }
  await setVersionStatus(trx, version.id, {
    status: "published",
    effective_from: effectiveFrom,
    published_at: now,
  });
  const content = parseContent(entry.layer, version.content);
  await updateEntryProjection(trx, entry.id, {
    name: content.name,
    item_type: itemTypeOf(entry.layer, content),
    tags: tagsOf(entry.layer, content),
    status: "active",
    current_version_id: version.id,
  });
  if (entry.layer === "basic" && previous !== undefined) {
    const today = chinaDate(now);
    for (const [layer, days] of [
      ["spec", 5],
      ["guide", 10],
    ] as const) {
      const dependants = await entriesOfBasic(trx, entry.code, layer);
      if (dependants.length === 0) continue;
      const due = await addWorkdaysInRegion(trx, entry.region_code, today, days);
      await createObligations(
        trx,
        version.id,
        dependants.map((d) => d.id),
        layer,
        due,
      );
    }
  }
  if (entry.layer === "spec" || entry.layer === "guide")
    await fulfilObligations(trx, entry.id, version.id, now);
  if (entry.layer === "bundle") await catalogLayerExtension("bundle").onPublish?.(trx, entry, version);
  // --- search index (issue 11): keep the guide's index entry in step, by job ---
  if (entry.layer === "guide") await enqueueSearchIndex(trx, entry.code, `v${version.id}`, now);
  // --- end search index ---
  await auditWrite(
    trx,
    actor,
    "catalog.version.publish",
    "catalog_version",
    version.id,
    previous?.id ?? null,
    { entry: entry.code, effectiveFrom, digest: version.content_digest },
  );
}

/** Ends an entry: its published version is abolished with an end date. */
export async function abolishEntryInTx(
  trx: Kysely<Database>,
  actor: Actor,
  entry: CatalogEntryRow,
  effectiveTo: string,
): Promise<void> {
  const current = await publishedVersionOf(trx, entry.id);
  if (current === undefined) throw new AppError("INVALID_STATE", "catalog.entryNotActive");
  await setVersionStatus(trx, current.id, { status: "abolished", effective_to: effectiveTo });
  await updateEntryProjection(trx, entry.id, {
    name: entry.name,
    item_type: entry.item_type,
    tags: entry.tags,
    status: "abolished",
    current_version_id: current.id,
  });
  await auditWrite(trx, actor, "catalog.entry.abolish", "catalog_entry", entry.id, current.id, {
    effectiveTo,
  });
  // --- search index (issue 11) ---
  if (entry.layer === "guide") await enqueueSearchIndex(trx, entry.code, `abolish${current.id}`, new Date());
  // --- end search index ---
}

// --- search index (issue 11): the catalog enqueues, the search module's job indexes ---
async function enqueueSearchIndex(
  trx: Kysely<Database>,
  code: string,
  tag: string,
  now: Date,
): Promise<void> {
  await insertJob(trx, {
    name: "search.index_guide",
    payload: JSON.stringify({ code }),
    idempotencyKey: `search:guide:${code}:${tag}`,
    runAt: now,
    maxAttempts: 5,
  });
}
// --- end search index ---

/**
 * Publishes directly, without a change request: only for the system (seed, migration of an
 * existing catalog). Rules are enforced all the same.
 * @throws AppError FORBIDDEN for anyone but the system; VALIDATION_FAILED listing violations.
 */
export async function publishAsSystem(actor: Actor, versionId: number, deps: Deps, effectiveFrom?: string) {
  if (actor.kind !== "system") throw new AppError("FORBIDDEN", "error.forbidden");
  const now = nowOf(deps);
  return deps.db.transaction().execute(async (trx) => {
    const version = await findVersion(trx, versionId);
    const entry = version === undefined ? undefined : await lockEntry(trx, version.entry_id);
    if (version === undefined || entry === undefined)
      throw new AppError("NOT_FOUND", "catalog.versionNotFound");
    if (version.status !== "draft" && version.status !== "in_review")
      throw new AppError("INVALID_STATE", "catalog.notDraft");
    await assertRules(trx, entry, version);
    await publishVersionInTx(trx, actor, entry, version, effectiveFrom ?? chinaDate(now), now);
  });
}

/** Version history of an entry. @throws AppError NOT_FOUND. */
export async function getEntryHistory(entryId: number, deps: Deps) {
  const entry = await findEntry(deps.db, entryId);
  if (entry === undefined) throw new AppError("NOT_FOUND", "catalog.entryNotFound");
  const versions = await listVersions(deps.db, entryId);
  return { entry: entryDto(entry), versions: versions.map(versionDto) };
}

/** One version with its content. @throws AppError NOT_FOUND. */
export async function getVersion(versionId: number, deps: Deps) {
  const version = await findVersion(deps.db, versionId);
  const entry = version === undefined ? undefined : await findEntry(deps.db, version.entry_id);
  if (version === undefined || entry === undefined)
    throw new AppError("NOT_FOUND", "catalog.versionNotFound");
  return { entry: entryDto(entry), version: versionDto(version), content: version.content };
}

/**
 * Field-level differences between two versions of one entry.
 * @throws AppError NOT_FOUND; VALIDATION_FAILED for versions of different entries.
 */
export async function diffVersions(fromId: number, toId: number, deps: Deps) {
  const [a, b] = await Promise.all([findVersion(deps.db, fromId), findVersion(deps.db, toId)]);
  if (a === undefined || b === undefined) throw new AppError("NOT_FOUND", "catalog.versionNotFound");
  if (a.entry_id !== b.entry_id) throw new AppError("VALIDATION_FAILED", "catalog.diffDifferentEntries");
  const changes = diff(a.content as Record<string, unknown>, b.content as Record<string, unknown>).map(
    (d) => ({
      type: d.type,
      path: d.path.map(String).join("."),
      before: "oldValue" in d ? (d.oldValue as unknown) : undefined,
      after: "value" in d ? (d.value as unknown) : undefined,
    }),
  );
  return { from: versionDto(a), to: versionDto(b), changes };
}

/**
 * 同源发布: the guide behind a 31-character 实施编码 or a 33-character 业务办理项编码, current
 * published version by default or `versionNo`; the same record feeds the API, the printable page
 * and the QR code.
 * @throws AppError VALIDATION_FAILED for a malformed code; NOT_FOUND when unpublished.
 */
export async function getPublishedGuide(code: string, versionNo: number | undefined, deps: Deps) {
  const parsed = parseGuideCode(code);
  if (parsed === undefined)
    throw new AppError("VALIDATION_FAILED", "catalog.invalidGuideCode", {}, [
      { path: "code", message: "catalog.invalidGuideCode" },
    ]);
  const entry = await findEntryByCode(deps.db, "guide", parsed.implementationCode);
  const notFound = new AppError("NOT_FOUND", "catalog.guideNotFound", { code });
  if (entry === undefined) throw notFound;
  const version =
    versionNo === undefined
      ? entry.current_version_id === null
        ? undefined
        : await findVersion(deps.db, entry.current_version_id)
      : await findVersionByNo(deps.db, entry.id, versionNo);
  if (version === undefined || !["published", "superseded", "abolished"].includes(version.status))
    throw notFound;
  const content = parseContent("guide", version.content);
  if (parsed.handlingSeq !== undefined && content.handlingItemSeq !== parsed.handlingSeq) throw notFound;
  const agency = entry.agency_id === null ? undefined : await getAgency(entry.agency_id, deps.db);
  const specEntry = await findEntryByCode(deps.db, "spec", `${entry.basic_code}:${entry.exercise_level}`);
  const specVersion =
    specEntry?.current_version_id === undefined || specEntry.current_version_id === null
      ? undefined
      : await findVersion(deps.db, specEntry.current_version_id);
  return {
    entryId: entry.id,
    code: entry.code,
    handlingCode:
      content.handlingItemSeq === undefined
        ? null
        : `${entry.code}${String(content.handlingItemSeq).padStart(2, "0")}`,
    basicCode: entry.basic_code,
    versionId: version.id,
    versionNo: version.version_no,
    status: version.status,
    effectiveFrom: version.effective_from,
    effectiveTo: version.effective_to,
    isCurrent: version.id === entry.current_version_id && version.status === "published",
    agency:
      agency === undefined
        ? null
        : {
            id: agency.id,
            name: agency.name,
            creditCode: agency.creditCode,
            regionCode: agency.regionCode,
            regionName: agency.regionName,
          },
    tags: tagsOf("guide", content).map((t) => ({ code: t, name: TAG_NAMES[t] ?? t })),
    inheritance:
      specVersion === undefined ? null : inheritanceOf(content, parseContent("spec", specVersion.content)),
    content,
  };
}

/** Published guides, filtered and keyset-paged. */
export async function listGuides(f: Omit<GuideListFilter, "limit"> & { limit: number }, deps: Deps) {
  const rows = await listPublishedGuides(deps.db, { ...f, limit: f.limit + 1 });
  const items = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    itemType: r.item_type,
    itemTypeName: ITEM_TYPES[r.item_type as ItemTypeCode] ?? r.item_type,
    regionCode: r.region_code,
    agencyId: r.agency_id ?? 0,
    agencyName: r.agency_name,
    tags: r.tags.map((t) => ({ code: t, name: TAG_NAMES[t] ?? t })),
    versionId: r.version_id,
    versionNo: r.version_no,
    effectiveFrom: r.effective_from,
  }));
  return { items, nextAfter: rows.length > f.limit ? (items[items.length - 1]?.id ?? null) : null };
}

/**
 * The guide content a case was applied under (cases bind to the exact version).
 * @throws AppError NOT_FOUND for an unknown or non-guide version.
 */
export async function getGuideVersionContent(versionId: number, deps: Deps): Promise<GuideContent> {
  const version = await findVersion(deps.db, versionId);
  const entry = version === undefined ? undefined : await findEntry(deps.db, version.entry_id);
  if (version === undefined || entry?.layer !== "guide")
    throw new AppError("NOT_FOUND", "catalog.versionNotFound");
  return parseContent("guide", version.content);
}
