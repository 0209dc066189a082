import { POWER_ITEM_TYPES } from "./catalog.js";
import type {
  BasicItemContent,
  GuideContent,
  LegalBasis,
  PowerEntryContent,
  SpecificationContent,
} from "./contracts/catalog-content.js";
import type { MessageKey, MessageParams } from "./i18n/messages.js";

/** One broken rule, naming the field (a JSON path into the content) and the rule. */
export interface RuleViolation {
  path: string;
  rule: string;
  messageKey: MessageKey;
  params?: MessageParams;
}

/** 条例 12 forbids catch-all materials: 其他材料, 相关材料, 有关材料, a name ending in 等 … */
const CATCH_ALL = [
  /其[他它].{0,4}材料/,
  /[相有]关.{0,4}材料/,
  /其[他它]证明/,
  /等$/,
  /等材料/,
  /…|\.\.\./,
  /其[他它]$/,
  /需要的其[他它]/,
];

export function isCatchAllMaterial(name: string): boolean {
  const trimmed = name.trim();
  return CATCH_ALL.some((re) => re.test(trimmed));
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

const basisKey = (b: LegalBasis) => `${b.law.trim()}|${b.article.trim()}`;

/**
 * The rules a guide must pass on its own and against its basic catalog item and specification
 * (条例 12; 办法 12, 20; 方案 五). Returns every violation (empty = valid).
 */
export function checkGuide(
  guide: GuideContent,
  context: { basic?: BasicItemContent; spec?: SpecificationContent; exerciseLevel?: string } = {},
): RuleViolation[] {
  const v: RuleViolation[] = [];
  if (guide.legalLimitDays !== null && guide.promisedLimitDays > guide.legalLimitDays) {
    v.push({
      path: "promisedLimitDays",
      rule: "promised_within_legal",
      messageKey: "catalog.rule.promisedExceedsLegal",
      params: { promised: guide.promisedLimitDays, legal: guide.legalLimitDays },
    });
  }
  const maxSteps = guide.isJointApproval ? 5 : 3;
  if (guide.process.length > maxSteps) {
    v.push({
      path: "process",
      rule: "max_process_steps",
      messageKey: "catalog.rule.tooManySteps",
      params: { max: maxSteps, count: guide.process.length },
    });
  }
  guide.materials.forEach((m, i) => {
    if (isCatchAllMaterial(m.name)) {
      v.push({
        path: `materials.${i}.name`,
        rule: "no_catch_all_material",
        messageKey: "catalog.rule.catchAllMaterial",
        params: { name: m.name },
      });
    }
    if (m.source === "license" && m.licenseTypeCode === undefined) {
      v.push({
        path: `materials.${i}.licenseTypeCode`,
        rule: "license_material_type",
        messageKey: "catalog.rule.licenseTypeMissing",
        params: { name: m.name },
      });
    }
    if (m.originals + m.copies === 0 && m.form === "paper") {
      v.push({
        path: `materials.${i}.copies`,
        rule: "paper_material_count",
        messageKey: "catalog.rule.materialCount",
        params: { name: m.name },
      });
    }
  });
  for (const key of duplicates(guide.materials.map((m) => m.key))) {
    v.push({
      path: "materials",
      rule: "unique_material_keys",
      messageKey: "catalog.rule.duplicateKey",
      params: { key },
    });
  }
  for (const key of duplicates(guide.form.map((f) => f.key))) {
    v.push({
      path: "form",
      rule: "unique_form_keys",
      messageKey: "catalog.rule.duplicateKey",
      params: { key },
    });
  }
  if (guide.caseKind === "1" && guide.promisedLimitDays !== 0) {
    v.push({
      path: "promisedLimitDays",
      rule: "instant_is_same_day",
      messageKey: "catalog.rule.instantNotSameDay",
    });
  }
  if (guide.caseKind === "2" && guide.promisedLimitDays === 0) {
    v.push({
      path: "caseKind",
      rule: "commitment_needs_days",
      messageKey: "catalog.rule.commitmentNeedsDays",
    });
  }
  if (guide.fee.isFree && guide.fee.items.length > 0) {
    v.push({ path: "fee.items", rule: "free_has_no_fees", messageKey: "catalog.rule.freeWithFees" });
  }
  if (!guide.fee.isFree && guide.fee.items.length === 0) {
    v.push({ path: "fee.items", rule: "fees_listed", messageKey: "catalog.rule.feesMissing" });
  }
  if (guide.tags.isFullyOnline && !guide.channels.some((c) => c === "2" || c === "3")) {
    v.push({ path: "channels", rule: "online_channel", messageKey: "catalog.rule.onlineWithoutChannel" });
  }
  if (!guide.tags.isFullyOnline && (guide.tags.onlineNegativeReason ?? "").trim() === "") {
    v.push({
      path: "tags.onlineNegativeReason",
      rule: "online_negative_reason",
      messageKey: "catalog.rule.onlineNegativeReason",
    });
  }
  if (!guide.isInHall && (guide.tags.hallNegativeReason ?? "").trim() === "") {
    v.push({
      path: "tags.hallNegativeReason",
      rule: "hall_negative_reason",
      messageKey: "catalog.rule.hallNegativeReason",
    });
  }
  if (context.basic !== undefined) v.push(...checkAgainstBasic(guide, context.basic, context.exerciseLevel));
  if (context.spec !== undefined) v.push(...checkAgainstSpec(guide, context.spec));
  return v;
}

/** 办法 12: an implementation list may not exceed the basic catalog. */
function checkAgainstBasic(
  guide: GuideContent,
  basic: BasicItemContent,
  exerciseLevel: string | undefined,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  const allowedNames = [basic.name, ...basic.subItems.map((s) => s.name)];
  if (!allowedNames.includes(guide.name)) {
    v.push({
      path: "name",
      rule: "within_basic_catalog",
      messageKey: "catalog.rule.nameNotInBasic",
      params: { name: guide.name, basic: basic.name },
    });
  }
  if (guide.itemType !== basic.itemType) {
    v.push({ path: "itemType", rule: "within_basic_catalog", messageKey: "catalog.rule.typeNotBasic" });
  }
  if (basic.legalLimitDays !== null && guide.legalLimitDays !== basic.legalLimitDays) {
    v.push({
      path: "legalLimitDays",
      rule: "within_basic_catalog",
      messageKey: "catalog.rule.legalLimitNotBasic",
      params: { legal: basic.legalLimitDays },
    });
  }
  const extraObjects = guide.serviceObjects.filter((o) => !basic.serviceObjects.includes(o));
  if (extraObjects.length > 0) {
    v.push({
      path: "serviceObjects",
      rule: "within_basic_catalog",
      messageKey: "catalog.rule.objectsNotBasic",
    });
  }
  const basicBases = new Set(basic.basis.map((b) => b.law.trim()));
  guide.basis.forEach((b, i) => {
    if (!basicBases.has(b.law.trim())) {
      v.push({
        path: `basis.${i}.law`,
        rule: "within_basic_catalog",
        messageKey: "catalog.rule.basisNotBasic",
        params: { law: b.law },
      });
    }
  });
  if (exerciseLevel !== undefined && !basic.exerciseLevels.includes(exerciseLevel as never)) {
    v.push({ path: "exerciseLevel", rule: "within_basic_catalog", messageKey: "catalog.rule.levelNotBasic" });
  }
  return v;
}

/** 办法 20: a lower level inherits the specification's materials and may only add local ones. */
function checkAgainstSpec(guide: GuideContent, spec: SpecificationContent): RuleViolation[] {
  const v: RuleViolation[] = [];
  for (const m of spec.materials) {
    const own = guide.materials.find((g) => g.key === m.key);
    if (own === undefined) {
      v.push({
        path: "materials",
        rule: "inherit_specification",
        messageKey: "catalog.rule.specMaterialDropped",
        params: { name: m.name },
      });
    } else if (m.isRequired && !own.isRequired) {
      v.push({
        path: `materials.${guide.materials.indexOf(own)}.isRequired`,
        rule: "inherit_specification",
        messageKey: "catalog.rule.specMaterialLoosened",
        params: { name: m.name },
      });
    }
  }
  if (guide.resultName !== spec.resultName) {
    v.push({
      path: "resultName",
      rule: "inherit_specification",
      messageKey: "catalog.rule.specResultChanged",
      params: { result: spec.resultName },
    });
  }
  return v;
}

/** What a guide inherits from its specification and what it adds locally (办法 20). */
export function inheritanceOf(guide: GuideContent, spec: SpecificationContent) {
  const specKeys = new Set(spec.materials.map((m) => m.key));
  const specFields = new Set(spec.form.map((f) => f.key));
  return {
    inheritedMaterials: guide.materials.filter((m) => specKeys.has(m.key)).map((m) => m.key),
    addedMaterials: guide.materials.filter((m) => !specKeys.has(m.key)).map((m) => m.key),
    inheritedFields: guide.form.filter((f) => specFields.has(f.key)).map((f) => f.key),
    addedFields: guide.form.filter((f) => !specFields.has(f.key)).map((f) => f.key),
  };
}

export interface PowerMismatch {
  field: "name" | "itemType" | "basis";
  catalog: string;
  powerList: string;
}

/**
 * 办法 17–18: a 行政权力 item must match its power-list entry in name, type and basis.
 * Returns the mismatches field by field (empty for public services or a full match).
 */
export function powerListMismatches(
  item: Pick<BasicItemContent, "name" | "itemType" | "basis">,
  entry: PowerEntryContent | undefined,
): PowerMismatch[] | "missing" {
  if (!POWER_ITEM_TYPES.includes(item.itemType)) return [];
  if (entry === undefined) return "missing";
  const out: PowerMismatch[] = [];
  if (item.name !== entry.name) out.push({ field: "name", catalog: item.name, powerList: entry.name });
  if (item.itemType !== entry.itemType)
    out.push({ field: "itemType", catalog: item.itemType, powerList: entry.itemType });
  const a = item.basis.map(basisKey).sort().join("；");
  const b = entry.basis.map(basisKey).sort().join("；");
  if (a !== b) out.push({ field: "basis", catalog: a, powerList: b });
  return out;
}
