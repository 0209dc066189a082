import { orderProblems, sumOfLimits } from "../../../shared/bundles.js";
import { checkGuide, powerListMismatches, type RuleViolation } from "../../../shared/catalog-rules.js";
import type {
  BasicItemContent,
  GuideContent,
  PowerEntryContent,
  SpecificationContent,
} from "../../../shared/contracts/catalog-content.js";
import type { BundleContent } from "../../../shared/contracts/bundles.js";
import { translate, type Locale } from "../../../shared/i18n/messages.js";
import type { WbTranslate } from "../../i18n/workbench-messages.js";
import { LAYER_SCHEMAS, type Layer } from "./schema.js";

/**
 * What the editor shows next to the fields while a draft is typed: the content schema's issues
 * (the same zod schema the server parses with) and, once the content parses, the pure catalog
 * rules (shared/catalog-rules.ts, shared/bundles.ts) against the published context the server
 * gave (GET /api/v1/catalog/entries/:id/rule-context). Rules that need the database (a bundle's
 * linked guides, the hall notice in working days) are the server's check on save.
 */
export interface Finding {
  /** Dotted path into the content, as the server's check reports it. */
  path: string;
  rule: string;
  message: string;
}

export interface RuleContext {
  layer: string;
  exerciseLevel: string | null;
  basic: BasicItemContent | null;
  spec: SpecificationContent | null;
  power: { content: PowerEntryContent | null } | null;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v = root;
  for (const k of path)
    v = typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function issueMessage(t: WbTranslate, i: Issue, content: unknown): string {
  const n = Number(i.minimum ?? i.maximum ?? 0);
  const value = valueAt(content, i.path);
  const empty = value === undefined || value === null || value === "";
  switch (i.code) {
    case "invalid_type":
      return empty ? t("catf.issue.required") : t("catf.issue.invalid");
    case "too_small":
      if (i.origin === "string")
        return empty || n <= 1 ? t("catf.issue.required") : t("catf.issue.minLength", { n });
      if (i.origin === "array") return t("catf.issue.minItems", { n });
      return t("catf.issue.min", { n });
    case "too_big":
      if (i.origin === "string") return t("catf.issue.maxLength", { n });
      if (i.origin === "array") return t("catf.issue.maxItems", { n });
      return t("catf.issue.max", { n });
    case "invalid_value":
      return t("catf.issue.choose");
    default:
      return t("catf.issue.format");
  }
}

function ruleFindings(violations: RuleViolation[], locale: Locale): Finding[] {
  return violations.map((v) => ({
    path: v.path,
    rule: v.rule,
    message: translate(v.messageKey, locale, v.params ?? {}),
  }));
}

/** Pure rules of a bundle that need no database: the order, the data pushes, the target limit. */
export function bundleShapeViolations(b: BundleContent): RuleViolation[] {
  const v: RuleViolation[] = orderProblems(b.items).map((p) => ({
    path: p.path,
    rule: "bundle_order",
    messageKey: "bundles.rule.order",
    params: { key: p.key, kind: p.kind },
  }));
  const keys = new Set(b.items.map((i) => i.key));
  b.dataPushes.forEach((d, i) => {
    for (const k of [d.from, d.to])
      if (!keys.has(k))
        v.push({
          path: `dataPushes.${i}`,
          rule: "bundle_data_push",
          messageKey: "bundles.rule.dataPush",
          params: { key: k },
        });
  });
  const sum = sumOfLimits(b.items);
  if (b.targetLimitDays > sum)
    v.push({
      path: "targetLimitDays",
      rule: "bundle_target",
      messageKey: "bundles.rule.target",
      params: { target: b.targetLimitDays, sum },
    });
  return v;
}

/** Every finding for a layer's content: schema issues first; the rules once the content parses. */
export function findingsFor(
  layer: Layer,
  content: unknown,
  context: RuleContext | null,
  t: WbTranslate,
  locale: Locale,
): Finding[] {
  const parsed = LAYER_SCHEMAS[layer].safeParse(content);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({
      path: i.path.map(String).join("."),
      rule: "schema",
      message: issueMessage(t, i as unknown as Issue, content),
    }));
  if (layer === "guide") {
    const guide = parsed.data as GuideContent;
    const v = checkGuide(guide, {
      ...(context?.basic ? { basic: context.basic } : {}),
      ...(context?.spec ? { spec: context.spec } : {}),
      ...(context?.exerciseLevel ? { exerciseLevel: context.exerciseLevel } : {}),
    });
    if (context?.power) {
      const m = powerListMismatches(guide, context.power.content ?? undefined);
      if (m === "missing")
        v.push({
          path: "name",
          rule: "power_list",
          messageKey: "catalog.rule.powerListMissing",
          params: { name: guide.name },
        });
      else
        for (const x of m)
          v.push({
            path: x.field,
            rule: "power_list",
            messageKey: "catalog.rule.powerListMismatch",
            params: { field: x.field, catalog: x.catalog, powerList: x.powerList },
          });
    }
    return ruleFindings(v, locale);
  }
  if (layer === "bundle") return ruleFindings(bundleShapeViolations(parsed.data as BundleContent), locale);
  return [];
}
