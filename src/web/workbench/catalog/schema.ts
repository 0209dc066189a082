import type { z } from "zod";
import {
  basicItemContent,
  guideContent,
  powerEntryContent,
  specificationContent,
} from "../../../shared/contracts/catalog-content.js";
import { bundleContent } from "../../../shared/contracts/bundles.js";

/**
 * The content schemas of the catalog layers (the same zod schemas the server validates with) and
 * a small reading of their structure, so that one form can edit every layer.
 */
export type Layer = "basic" | "spec" | "guide" | "bundle" | "power";

const specWithName = specificationContent.extend({
  name: basicItemContent.shape.name,
  itemType: basicItemContent.shape.itemType,
});

export const LAYER_SCHEMAS: Record<Layer, z.ZodType> = {
  basic: basicItemContent,
  spec: specWithName,
  guide: guideContent,
  bundle: bundleContent,
  power: powerEntryContent,
};

/** A schema node as the form sees it. */
export type Node =
  | { kind: "string"; long: boolean; optional: boolean; min?: number; max?: number }
  | { kind: "number"; optional: boolean; nullable: boolean; min?: number; max?: number }
  | { kind: "boolean"; optional: boolean }
  | { kind: "enum"; values: string[]; optional: boolean }
  | { kind: "array"; element: Node; optional: boolean; min?: number; max?: number }
  | { kind: "object"; fields: [string, Node][]; optional: boolean }
  | { kind: "unknown"; optional: boolean };

interface Def {
  type: string;
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  shape?: Record<string, { _zod: { def: Def } }>;
  entries?: Record<string, string>;
  in?: { _zod: { def: Def } };
  defaultValue?: unknown;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: unknown } } }[];
}

function bounds(def: Def): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === "min_length" && d.minimum !== undefined) out.min = Number(d.minimum);
    if (d.check === "max_length" && d.maximum !== undefined) out.max = Number(d.maximum);
    if (d.check === "greater_than" && typeof d.value === "number") out.min = d.value;
    if (d.check === "less_than" && typeof d.value === "number") out.max = d.value;
  }
  return out;
}

/** Reads a zod schema into a Node (optional / nullable / default wrappers folded in). */
export function nodeOf(schema: unknown, optional = false, nullable = false): Node {
  const def = (schema as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case "optional":
      return nodeOf(def.innerType, true, nullable);
    case "default":
      return nodeOf(def.innerType, true, nullable);
    case "nullable":
      return nodeOf(def.innerType, optional, true);
    case "pipe":
      return nodeOf(def.in, optional, nullable);
    case "string": {
      const b = bounds(def);
      return { kind: "string", long: (b.max ?? 0) >= 500, optional, ...b };
    }
    case "number":
    case "int":
      return { kind: "number", optional, nullable, ...bounds(def) };
    case "boolean":
      return { kind: "boolean", optional };
    case "enum":
      return { kind: "enum", values: Object.values(def.entries ?? {}), optional };
    case "array":
      return { kind: "array", element: nodeOf(def.element), optional, ...bounds(def) };
    case "object":
      return {
        kind: "object",
        optional,
        fields: Object.entries(def.shape ?? {}).map(([k, v]) => [k, nodeOf(v)]),
      };
    default:
      return { kind: "unknown", optional };
  }
}

/** A value for a new list element or a newly included optional part: the required fields filled blank. */
export function blankOf(node: Node): unknown {
  switch (node.kind) {
    case "string":
      return "";
    case "number":
      return node.nullable ? null : (node.min ?? 0);
    case "boolean":
      return false;
    case "enum":
      return node.values[0] ?? "";
    case "array":
      return [];
    case "object":
      return Object.fromEntries(node.fields.filter(([, n]) => !n.optional).map(([k, n]) => [k, blankOf(n)]));
    case "unknown":
      return null;
  }
}

/** Immutable set at a path (numbers index arrays); `undefined` removes an object key. */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...(root as unknown[])];
    copy[Number(head)] = setAt(copy[Number(head)], rest, value);
    return copy;
  }
  const obj = { ...((root ?? {}) as Record<string, unknown>) };
  const next = setAt(obj[String(head)], rest, value);
  if (next === undefined) delete obj[String(head)];
  else obj[String(head)] = next;
  return obj;
}
