/**
 * Which staff pages a post opens, mirroring the server's ROLE_POLICY (src/server/access): the UI
 * offers a page only to roles whose permission the API would grant; the API still decides.
 */
export type WbPermission =
  | "case.intake"
  | "case.review"
  | "case.decide"
  | "catalog.edit"
  | "catalog.review"
  | "supervision.read"
  | "admin.manage";

export const ROLE_PERMISSIONS: Record<string, readonly WbPermission[]> = {
  window_clerk: ["case.intake"],
  reviewer: ["case.review"],
  approver: ["case.review", "case.decide"],
  catalog_editor: ["catalog.edit"],
  catalog_reviewer: ["catalog.review"],
  supervisor: ["supervision.read"],
  admin: ["admin.manage", "supervision.read"],
};

export function permissionsOf(grants: readonly { role: string }[]): Set<WbPermission> {
  const out = new Set<WbPermission>();
  for (const g of grants) for (const p of ROLE_PERMISSIONS[g.role] ?? []) out.add(p);
  return out;
}

/** The permissions of which at least one opens a workbench path (undefined: any staff member). */
export function pathPermissions(path: string): readonly WbPermission[] | undefined {
  const p = path.replace(/\/+$/, "");
  if (p.startsWith("/workbench/intake")) return ["case.intake"];
  if (p.startsWith("/workbench/hall")) return ["case.intake"]; // window (issue 9)
  if (p.startsWith("/workbench/bundles")) return ["case.intake", "case.review", "supervision.read"]; // window
  if (p.startsWith("/workbench/cases")) return ["case.intake", "case.review", "supervision.read"];
  if (p.startsWith("/workbench/supervision")) return ["supervision.read"];
  if (p.startsWith("/workbench/catalog")) return ["catalog.edit", "catalog.review"];
  if (p.startsWith("/admin")) return ["admin.manage"];
  return undefined;
}

export function mayOpen(perms: ReadonlySet<WbPermission>, path: string): boolean {
  const need = pathPermissions(path);
  return need === undefined || need.some((n) => perms.has(n));
}

/** Inbox order: the earliest promised due date first, cases without one last, then by number. */
export function byDueDate<T extends { promisedDue: string | null; caseNumber: string }>(a: T, b: T): number {
  if (a.promisedDue !== b.promisedDue) {
    if (a.promisedDue === null) return 1;
    if (b.promisedDue === null) return -1;
    return a.promisedDue < b.promisedDue ? -1 : 1;
  }
  return a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : 0;
}

/** Supervision drill-down: counts of cases grouped by a key, largest first. */
export function groupCount<T>(rows: readonly T[], key: (r: T) => string): { key: string; n: number }[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()]
    .map(([k, n]) => ({ key: k, n }))
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : 1));
}
