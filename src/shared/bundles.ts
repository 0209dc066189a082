import type { FormField, Material } from "./contracts/catalog-content.js";

/**
 * "One thing" bundles (一件事, 办法 28–31; 方案 十): the pure part. One merged form whose fields are
 * deduplicated by semantic key and mapped to every item that needs them; one merged material list
 * where a material several items need is asked once; the order rules between items (which must
 * follow which, the rest run in parallel) and the time limits they give.
 */

/** One linked item as the merge sees it: its key in the bundle and its guide's form and materials. */
export interface ItemForMerge {
  key: string;
  form: FormField[];
  materials: Material[];
}

export interface Target {
  itemKey: string;
  key: string;
}

export interface MergedField extends FormField {
  /** The item fields this merged field fills. */
  targets: Target[];
}

export interface MergedMaterial extends Material {
  /** The item materials this merged material satisfies. */
  targets: Target[];
}

const normalise = (s: string) => s.replace(/[\s（）()【】[\]“”"'·、，,。.:：-]/g, "").toLowerCase();

/** The dedup key of a form field: its semantic key, else a key private to its item. */
export function fieldGroupKey(itemKey: string, f: FormField): string {
  return f.semanticKey ?? `${itemKey}__${f.key}`;
}

/** The dedup key of a material: its semantic key, else its normalised name (the same paper is asked once). */
export function materialGroupKey(m: Material): string {
  return m.semanticKey ?? `name:${normalise(m.name)}`;
}

/** Merged field key, usable as a form key: the semantic key, or `<item>__<field>` for an item's own field. */
function fieldKeyOf(itemKey: string, f: FormField): string {
  return f.semanticKey ?? `${itemKey}__${f.key}`;
}

/**
 * 一表申请: the fields of every item, one per semantic key, in first-seen order. A field is
 * required if any item requires it; options are the union; the tightest length limit wins.
 */
export function mergeForm(items: readonly ItemForMerge[]): MergedField[] {
  const byKey = new Map<string, MergedField>();
  for (const item of items) {
    for (const f of item.form) {
      const group = fieldGroupKey(item.key, f);
      const existing = byKey.get(group);
      if (existing === undefined) {
        const { semanticKey, ...rest } = f;
        byKey.set(group, {
          ...rest,
          ...(semanticKey === undefined ? {} : { semanticKey }),
          key: fieldKeyOf(item.key, f),
          targets: [{ itemKey: item.key, key: f.key }],
        });
        continue;
      }
      existing.isRequired = existing.isRequired || f.isRequired;
      if (f.options !== undefined)
        existing.options = [...new Set([...(existing.options ?? []), ...f.options])];
      if (f.maxLength !== undefined)
        existing.maxLength = Math.min(existing.maxLength ?? f.maxLength, f.maxLength);
      if (!existing.targets.some((t) => t.itemKey === item.key && t.key === f.key))
        existing.targets.push({ itemKey: item.key, key: f.key });
    }
  }
  return [...byKey.values()];
}

const SOURCE_RANK: Record<Material["source"], number> = {
  license: 0,
  shared_data: 1,
  issuing_agency: 2,
  applicant: 3,
};

/**
 * 一套材料: every item's materials, a material several items need listed once (by semantic key,
 * else by name). It is required if any item requires it, tolerated-missing only if every item
 * tolerates it, with the most originals and copies any item asks, and taken from an e-license or
 * shared data whenever one of the items can (条例 17: not asked of the applicant).
 */
export function mergeMaterials(items: readonly ItemForMerge[]): MergedMaterial[] {
  const byKey = new Map<string, MergedMaterial>();
  for (const item of items) {
    for (const m of item.materials) {
      const group = materialGroupKey(m);
      const existing = byKey.get(group);
      if (existing === undefined) {
        byKey.set(group, {
          ...m,
          key: m.semanticKey ?? `${item.key}__${m.key}`,
          targets: [{ itemKey: item.key, key: m.key }],
        });
        continue;
      }
      existing.isRequired = existing.isRequired || m.isRequired;
      existing.isToleratedMissing = existing.isToleratedMissing && m.isToleratedMissing;
      existing.originals = Math.max(existing.originals, m.originals);
      existing.copies = Math.max(existing.copies, m.copies);
      if (SOURCE_RANK[m.source] < SOURCE_RANK[existing.source]) {
        existing.source = m.source;
        if (m.licenseTypeCode !== undefined) existing.licenseTypeCode = m.licenseTypeCode;
        if (m.sharedDataKey !== undefined) existing.sharedDataKey = m.sharedDataKey;
      }
      if (existing.form !== m.form) existing.form = "paper_or_electronic";
      if (!existing.targets.some((t) => t.itemKey === item.key && t.key === m.key))
        existing.targets.push({ itemKey: item.key, key: m.key });
    }
  }
  return [...byKey.values()];
}

/** An item's place in the bundle's order: the items it must follow (approved first). */
export interface OrderedItem {
  key: string;
  after: readonly string[];
  limitDays?: number;
}

export interface OrderProblem {
  path: string;
  kind: "duplicate_key" | "unknown_item" | "self" | "cycle";
  key: string;
}

/** Order rules that cannot hold: duplicate keys, references to no item, an item after itself, cycles. */
export function orderProblems(items: readonly OrderedItem[]): OrderProblem[] {
  const problems: OrderProblem[] = [];
  const keys = new Set<string>();
  items.forEach((it, i) => {
    if (keys.has(it.key)) problems.push({ path: `items.${i}.key`, kind: "duplicate_key", key: it.key });
    keys.add(it.key);
  });
  items.forEach((it, i) =>
    it.after.forEach((a, j) => {
      if (a === it.key) problems.push({ path: `items.${i}.after.${j}`, kind: "self", key: a });
      else if (!keys.has(a)) problems.push({ path: `items.${i}.after.${j}`, kind: "unknown_item", key: a });
    }),
  );
  if (problems.length > 0) return problems;
  if (stagesOf(items) === undefined) {
    const cyclic = items.find((it) => it.after.length > 0);
    problems.push({ path: "items", kind: "cycle", key: cyclic?.key ?? "" });
  }
  return problems;
}

/**
 * The items in stages: every item of a stage runs in parallel once the stages before it are
 * through (变串联为并联). Undefined when the order has a cycle.
 */
export function stagesOf(items: readonly OrderedItem[]): string[][] | undefined {
  const done = new Set<string>();
  const stages: string[][] = [];
  let left = [...items];
  while (left.length > 0) {
    const ready = left.filter((it) => it.after.every((a) => done.has(a)));
    if (ready.length === 0) return undefined;
    stages.push(ready.map((it) => it.key));
    ready.forEach((it) => done.add(it.key));
    left = left.filter((it) => !ready.includes(it));
  }
  return stages;
}

/**
 * Working days the bundle needs when the parallel items run at once: the longest chain of limits
 * through the order rules. Undefined when the order has a cycle.
 */
export function criticalPathDays(items: readonly OrderedItem[]): number | undefined {
  const stages = stagesOf(items);
  if (stages === undefined) return undefined;
  const finish = new Map<string, number>();
  const byKey = new Map(items.map((it) => [it.key, it]));
  for (const stage of stages)
    for (const key of stage) {
      const it = byKey.get(key);
      if (it === undefined) continue;
      const start = Math.max(0, ...it.after.map((a) => finish.get(a) ?? 0));
      finish.set(key, start + (it.limitDays ?? 0));
    }
  return Math.max(0, ...finish.values());
}

/** The sum of the items' own limits: what applying item by item would take at worst. */
export function sumOfLimits(items: readonly { limitDays: number }[]): number {
  return items.reduce((s, it) => s + it.limitDays, 0);
}

export interface MaterialSubmission {
  key: string;
  fileName?: string;
  contentType?: string;
  dataBase64?: string;
  reference?: string;
}

export interface ItemApplication {
  itemKey: string;
  formData: Record<string, unknown>;
  materials: MaterialSubmission[];
}

/**
 * Splits one application of the merged form and materials into each item's own form data and
 * materials, through the merge targets. Keys that are not in the merged form are returned as
 * `unknown` so that the caller can refuse them.
 */
export function splitApplication(
  form: readonly MergedField[],
  materials: readonly MergedMaterial[],
  itemKeys: readonly string[],
  formData: Record<string, unknown>,
  submitted: readonly MaterialSubmission[],
): { perItem: ItemApplication[]; unknownFields: string[]; unknownMaterials: string[] } {
  const perItem = new Map<string, ItemApplication>(
    itemKeys.map((k) => [k, { itemKey: k, formData: {}, materials: [] }]),
  );
  const fieldsByKey = new Map(form.map((f) => [f.key, f]));
  const unknownFields = Object.keys(formData).filter((k) => !fieldsByKey.has(k));
  for (const f of form) {
    const value = formData[f.key];
    if (value === undefined) continue;
    for (const t of f.targets) {
      const app = perItem.get(t.itemKey);
      if (app !== undefined) app.formData[t.key] = value;
    }
  }
  const materialsByKey = new Map(materials.map((m) => [m.key, m]));
  const unknownMaterials: string[] = [];
  for (const s of submitted) {
    const merged = materialsByKey.get(s.key);
    if (merged === undefined) {
      unknownMaterials.push(s.key);
      continue;
    }
    for (const t of merged.targets) perItem.get(t.itemKey)?.materials.push({ ...s, key: t.key });
  }
  return { perItem: [...perItem.values()], unknownFields, unknownMaterials };
}
