import { sql, type RawBuilder } from "kysely";

/**
 * A WHERE condition for access scopes (see access.policy `scopesFor`): rows whose region lies in one
 * of the region subtrees, or whose agency is one of the agencies. No scope at all matches nothing.
 */
export function inScope(
  regionColumn: string,
  agencyColumn: string,
  scope: { regionRoots: string[]; agencyIds: number[] },
): RawBuilder<boolean> {
  const parts = [
    ...scope.regionRoots.map((root) => sql`${sql.ref(regionColumn)} like ${`${root}%`}`),
    ...(scope.agencyIds.length > 0 ? [sql`${sql.ref(agencyColumn)} in (${sql.join(scope.agencyIds)})`] : []),
  ];
  return parts.length === 0 ? sql<boolean>`false` : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
