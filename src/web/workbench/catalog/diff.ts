/**
 * A readable field-by-field comparison of two versions' content: objects by field, lists of
 * records matched by their stable identity (a material's or form field's `key`, a sub-item's
 * `code`, a handling item's `seq`) so that inserting one material shows one added row rather than
 * every later material "changed"; lists of plain values compared as a whole.
 */
export interface DiffSegment {
  /** A field name (translated by the screen), or a list element's own name. */
  field?: string;
  element?: string;
}
export interface DiffRow {
  path: DiffSegment[];
  kind: "added" | "removed" | "changed";
  before?: string;
  after?: string;
}

const ID_KEYS = ["key", "code", "seq"] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value as one line of text: lists joined with "；", records as "field: value" pairs. */
export function show(v: unknown): string {
  if (v === undefined) return "";
  if (v === null) return "—";
  if (Array.isArray(v)) return v.map(show).join("；");
  if (isRecord(v))
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${show(x)}`)
      .join("，");
  return typeof v === "string" ? v : JSON.stringify(v);
}

function identityOf(items: unknown[]): ((v: unknown, i: number) => string) | undefined {
  const list = items.filter(isRecord);
  if (list.length === 0 || list.length !== items.length) return undefined;
  const key = ID_KEYS.find((k) => list.every((r) => r[k] !== undefined));
  return key === undefined ? undefined : (v) => String((v as Record<string, unknown>)[key]);
}

function elementName(v: unknown, fallback: string): string {
  if (isRecord(v)) {
    for (const k of ["name", "label", "law", "title"])
      if (typeof v[k] === "string" && v[k] !== "") return v[k];
  }
  return fallback;
}

function walk(a: unknown, b: unknown, path: DiffSegment[], out: DiffRow[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path, kind: "added", after: show(b) });
    return;
  }
  if (b === undefined) {
    out.push({ path, kind: "removed", before: show(a) });
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(a[k], b[k], [...path, { field: k }], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && (a.some(isRecord) || b.some(isRecord))) {
    const id = identityOf([...(a as unknown[]), ...(b as unknown[])]);
    if (id !== undefined) {
      const before = new Map((a as unknown[]).map((v, i) => [id(v, i), v]));
      const after = new Map((b as unknown[]).map((v, i) => [id(v, i), v]));
      const ids = [...before.keys(), ...[...after.keys()].filter((k) => !before.has(k))];
      for (const k of ids) {
        const x = before.get(k);
        const y = after.get(k);
        walk(x, y, [...path, { element: elementName(y ?? x, k) }], out);
      }
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++)
      walk(a[i], b[i], [...path, { element: elementName(b[i] ?? a[i], `#${i + 1}`) }], out);
    return;
  }
  const sa = show(a);
  const sb = show(b);
  if (sa !== sb || typeof a !== typeof b) out.push({ path, kind: "changed", before: sa, after: sb });
}

/** The differences from `before` to `after`, in the order of the fields. */
export function diffContent(before: unknown, after: unknown): DiffRow[] {
  const out: DiffRow[] = [];
  walk(before, after, [], out);
  return out;
}
