import { z } from "zod";
import { isIsoDate } from "../../../shared/calendar.js";
import type { FormField, GuideContent, Material } from "../../../shared/contracts/catalog-content.js";
import {
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from "../../../shared/i18n/messages.js";
import { MAX_UPLOAD_BYTES, checkFormData } from "../cases/cases.form.js";
import type { ApplicantFacts, LicenseFact } from "./assist.facts.js";

/* Prefill (方案 十五), material pre-review and the machine rules of 秒批 — pure functions. */

type Value = string | number | boolean;

/** Where a prefilled value came from. */
export type PrefillSource = "profile" | "shared_data" | "license";

/** The value a field's semantic key (or type) takes from the facts, with its source. */
function valueFor(f: FormField, facts: ApplicantFacts): { value: Value; source: PrefillSource } | undefined {
  const p = facts.profile;
  const key = f.semanticKey ?? "";
  const fromProfile = (v: string | null) =>
    v === null ? undefined : { value: v, source: "profile" as const };
  if (key === "applicant_name" || key === "name")
    return p.kind === "person" ? fromProfile(p.name) : undefined;
  if (key === "enterprise_name") return p.kind === "enterprise" ? fromProfile(p.name) : undefined;
  if (key === "id_number" || f.type === "id_number") return fromProfile(p.idNumber);
  if (key === "credit_code" || f.type === "credit_code") return fromProfile(p.creditCode);
  if (key === "phone" || f.type === "phone") return fromProfile(p.phone);
  const shared = facts.shared[key] ?? (f.type === "region" ? facts.shared["householdRegion"] : undefined);
  if (shared !== undefined) return { value: shared, source: "shared_data" };
  for (const l of facts.licenses) {
    if (!l.isVerified) continue;
    const v = l.data[key];
    if (v !== undefined) return { value: v, source: "license" };
  }
  return undefined;
}

export interface Prefill {
  formData: Record<string, Value>;
  fields: { key: string; label: string; source: PrefillSource }[];
  materials: { key: string; name: string; reference: string; source: "license" | "shared_data" }[];
  missing: { key: string; name: string; kind: "field" | "material" }[];
}

/** A usable license: verified and valid on `today`. */
export function isLicenseValid(l: LicenseFact, today: string): boolean {
  return (
    l.isVerified &&
    (l.validFrom === null || l.validFrom <= today) &&
    (l.validUntil === null || l.validUntil >= today)
  );
}

function licenseFor(m: Material, facts: ApplicantFacts, today: string): LicenseFact | undefined {
  const type = m.licenseTypeCode ?? m.semanticKey;
  return facts.licenses.find((l) => l.typeCode === type && isLicenseValid(l, today));
}

/**
 * Prefills a guide's form and materials from the facts: fields by semantic key (name, ID and
 * credit codes, phone from the profile; other keys from shared data, then from verified licenses),
 * materials by citing valid e-licenses and shared data (免证办). What stays for the applicant is
 * listed in `missing`.
 */
export function prefill(
  guide: Pick<GuideContent, "form" | "materials">,
  facts: ApplicantFacts,
  today: string,
): Prefill {
  const out: Prefill = { formData: {}, fields: [], materials: [], missing: [] };
  for (const f of guide.form) {
    const v = valueFor(f, facts);
    if (v === undefined) {
      if (f.isRequired) out.missing.push({ key: f.key, name: f.label, kind: "field" });
      continue;
    }
    out.formData[f.key] = v.value;
    out.fields.push({ key: f.key, label: f.label, source: v.source });
  }
  for (const m of guide.materials) {
    if (m.source === "license") {
      const l = licenseFor(m, facts, today);
      if (l !== undefined) {
        out.materials.push({ key: m.key, name: m.name, reference: l.reference, source: "license" });
        continue;
      }
    }
    if (
      m.source === "shared_data" &&
      m.sharedDataKey !== undefined &&
      facts.shared[m.sharedDataKey] !== undefined
    ) {
      out.materials.push({
        key: m.key,
        name: m.name,
        reference: `shared:${m.sharedDataKey}`,
        source: "shared_data",
      });
      continue;
    }
    if (m.isRequired) out.missing.push({ key: m.key, name: m.name, kind: "material" });
  }
  return out;
}

export interface MaterialSubmission {
  key: string;
  fileName?: string;
  contentType?: string;
  sizeBytes?: number;
  reference?: string;
  /** Date printed on the material (e.g. issue date of a certificate), if the applicant gave one. */
  issuedOn?: string;
  validUntil?: string;
}

export interface ReviewIssue {
  path: string;
  severity: "error" | "warning";
  code: string;
  message: string;
}

const ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png"];

/**
 * 预审: checks an application before submission and says clearly what to fix — required materials
 * present, file type and size, cited licenses known, verified and valid today, dates well-formed
 * and not in the future (issue dates) or past (validity), and the form (as the case intake does).
 * Errors block submission; warnings (e.g. a license expiring within 30 days) do not.
 */
export function preReview(
  guide: Pick<GuideContent, "form" | "materials" | "tags">,
  input: { formData: Record<string, unknown>; materials: MaterialSubmission[]; commitment?: boolean },
  facts: ApplicantFacts,
  today: string,
  locale: Locale = "zh-CN",
): ReviewIssue[] {
  const issues: ReviewIssue[] = [];
  const add = (
    path: string,
    severity: ReviewIssue["severity"],
    code: MessageKey,
    params: MessageParams = {},
  ) => issues.push({ path, severity, code, message: translate(code, locale, params) });
  for (const i of checkFormData(guide.form, input.formData))
    issues.push({ path: i.path, severity: "error", code: "assist.formField", message: i.message });

  const given = new Map(input.materials.map((m, i) => [m.key, { m, i }]));
  for (const def of guide.materials) {
    const g = given.get(def.key);
    if (g === undefined) {
      if (def.isRequired && !(input.commitment === true && def.isToleratedMissing))
        add(`materials.${def.key}`, "error", "assist.materialMissing", { name: def.name });
    }
  }
  input.materials.forEach((m, i) => {
    const def = guide.materials.find((x) => x.key === m.key);
    const path = `materials.${i}`;
    if (def === undefined) {
      add(path, "error", "assist.materialUnknown", { key: m.key });
      return;
    }
    if (m.reference !== undefined) {
      if (m.reference.startsWith("shared:")) {
        if (facts.shared[m.reference.slice(7)] === undefined)
          add(path, "error", "assist.sharedDataUnknown", { name: def.name });
        return;
      }
      const l = facts.licenses.find((x) => x.reference === m.reference);
      const wanted = def.licenseTypeCode ?? def.semanticKey;
      if (l === undefined) add(path, "error", "assist.licenseUnknown", { name: def.name });
      else if (!l.isVerified) add(path, "error", "assist.licenseUnverified", { name: def.name });
      else if (wanted !== undefined && l.typeCode !== wanted)
        add(path, "error", "assist.licenseWrongType", { name: def.name });
      else if (l.validUntil !== null && l.validUntil < today)
        add(path, "error", "assist.licenseExpired", { name: def.name, date: l.validUntil });
      else if (l.validUntil !== null && l.validUntil <= addDaysIso(today, 30))
        add(path, "warning", "assist.licenseExpiresSoon", { name: def.name, date: l.validUntil });
      return;
    }
    if (def.form === "electronic" && def.source === "license")
      add(path, "warning", "assist.licenseAvailable", { name: def.name });
    if (m.contentType === undefined || !ACCEPTED_TYPES.includes(m.contentType))
      add(path, "error", "assist.fileType", { name: def.name });
    if (m.sizeBytes === undefined || m.sizeBytes <= 0)
      add(path, "error", "assist.fileEmpty", { name: def.name });
    else if (m.sizeBytes > MAX_UPLOAD_BYTES)
      add(path, "error", "assist.fileTooLarge", {
        name: def.name,
        limit: `${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
      });
    if (m.issuedOn !== undefined) {
      if (!isIsoDate(m.issuedOn)) add(path, "error", "assist.badDate", { name: def.name });
      else if (m.issuedOn > today)
        add(path, "error", "assist.issuedInFuture", { name: def.name, date: m.issuedOn });
    }
    if (m.validUntil !== undefined) {
      if (!isIsoDate(m.validUntil)) add(path, "error", "assist.badDate", { name: def.name });
      else if (m.validUntil < today)
        add(path, "error", "assist.materialExpired", { name: def.name, date: m.validUntil });
    }
  });
  return issues;
}

function addDaysIso(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * 秒批 rules: every input a verified fact — the profile, shared data or a license — never what the
 * applicant typed. `fact` is `profile.<kind|creditCode|idNumber>`, `shared.<key>` or
 * `license.<typeCode>` (a valid license of that type; with `field`, a value on it).
 */
export const instantRule = z.object({
  fact: z
    .string()
    .regex(/^(profile\.(kind|creditCode|idNumber)|shared\.[a-zA-Z_]{1,40}|license\.[a-z0-9_]{1,40})$/, {
      message: "assist.badRule",
    }),
  field: z.string().max(40).optional(),
  op: z.enum(["exists", "eq", "ne", "gte", "lte", "in", "startsWith"]),
  value: z
    .union([
      z.string().max(100),
      z.number(),
      z.boolean(),
      z.array(z.union([z.string().max(100), z.number()])).max(50),
    ])
    .optional(),
  label: z.string().trim().min(2).max(100).describe("给人看的规则说明"),
});
export const instantRules = z.array(instantRule).min(1).max(20);
export type InstantRule = z.infer<typeof instantRule>;

export interface RuleCheck {
  label: string;
  fact: string;
  passed: boolean;
  actual: Value | null;
}

function factValue(r: InstantRule, facts: ApplicantFacts, today: string): Value | null {
  const [root, ...rest] = r.fact.split(".");
  const name = rest.join(".");
  if (root === "profile") {
    const v = facts.profile[name as "kind" | "creditCode" | "idNumber"];
    return v ?? null;
  }
  if (root === "shared") return facts.shared[name] ?? null;
  const l = facts.licenses.find((x) => x.typeCode === name && isLicenseValid(x, today));
  if (l === undefined) return null;
  return r.field === undefined ? l.reference : (l.data[r.field] ?? null);
}

/** Evaluates every rule; a missing fact fails its rule (fail closed). */
export function evaluateRules(rules: InstantRule[], facts: ApplicantFacts, today: string): RuleCheck[] {
  return rules.map((r) => {
    const actual = factValue(r, facts, today);
    const v = r.value;
    let passed = false;
    if (actual !== null) {
      switch (r.op) {
        case "exists":
          passed = true;
          break;
        case "eq":
          passed = actual === v;
          break;
        case "ne":
          passed = actual !== v;
          break;
        case "gte":
          passed = typeof actual === "number" && typeof v === "number" && actual >= v;
          break;
        case "lte":
          passed = typeof actual === "number" && typeof v === "number" && actual <= v;
          break;
        case "in":
          passed = Array.isArray(v) && (v as Value[]).includes(actual);
          break;
        case "startsWith":
          passed = typeof actual === "string" && typeof v === "string" && actual.startsWith(v);
          break;
      }
    }
    // Identity numbers are never echoed into the decision record.
    const shown = r.fact === "profile.idNumber" ? null : actual;
    return { label: r.label, fact: r.fact, passed, actual: shown };
  });
}

/**
 * Whether a guide can be decided by machine at all: every required material must come from a
 * license or shared data (nothing a person has to read), and it must not be a 告知承诺 application.
 */
export function isMachineDecidable(guide: Pick<GuideContent, "materials">): boolean {
  return guide.materials
    .filter((m) => m.isRequired)
    .every((m) => m.source === "license" || m.source === "shared_data");
}
