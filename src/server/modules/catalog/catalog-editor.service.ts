import type { Kysely } from "kysely";
import { AppError } from "../../../shared/errors.js";
import { can, requireUser, scopesFor } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import type { CatalogEntryRow, CatalogLayer, Database } from "../../db/tables.js";
import type { Deps } from "../../http/context.js";
import { parseContent } from "./catalog.content.js";
import { findActiveBasicByName, listEntriesInScope, openVersionsOf } from "./catalog-editor.queries.js";
import { entriesOfBasic, findEntry, findEntryByCode, findVersion } from "./catalog.queries.js";

/**
 * The workbench's catalog management: entries a staff member edits (catalog.edit for the agency) or
 * reviews (catalog.review over the region), and the published context the pure rules need so the
 * editor can check a draft in the browser as it is typed.
 */

/** @throws AppError UNAUTHENTICATED; FORBIDDEN without any catalog permission. */
function catalogScope(actor: Actor) {
  requireUser(actor);
  const edit = scopesFor(actor, "catalog.edit");
  const review = scopesFor(actor, "catalog.review");
  if (edit.isAll || review.isAll) return "all" as const;
  const scope = {
    regionRoots: [...review.regionRoots, ...edit.regionRoots],
    agencyIds: [...edit.agencyIds, ...review.agencyIds],
  };
  if (scope.regionRoots.length === 0 && scope.agencyIds.length === 0)
    throw new AppError("FORBIDDEN", "error.forbidden", {}, { permission: "catalog.edit" });
  return scope;
}

/** Entries within the actor's catalog scope, filtered and keyset-paged. */
export async function listEditorEntries(
  actor: Actor,
  f: { layer?: CatalogLayer; q?: string; after?: number; limit: number },
  deps: Deps,
) {
  const scope = catalogScope(actor);
  const rows = await listEntriesInScope(deps.db, { ...f, limit: f.limit + 1, scope });
  const page = rows.slice(0, f.limit);
  const open = new Map(
    (
      await openVersionsOf(
        deps.db,
        page.map((r) => r.id),
      )
    ).map((v) => [v.entry_id, v]),
  );
  const items = page.map((r) => ({
    id: r.id,
    layer: r.layer,
    code: r.code,
    name: r.name,
    status: r.status,
    agencyId: r.agency_id,
    agencyName: r.agency_name ?? null,
    regionCode: r.region_code,
    currentVersionId: r.current_version_id,
    currentVersionNo: r.current_version_no ?? null,
    openVersionId: open.get(r.id)?.id ?? null,
    openVersionStatus: open.get(r.id)?.status ?? null,
    mayEdit: can(actor, "catalog.edit", { agencyId: r.agency_id, regionCode: r.region_code }),
  }));
  return { items, nextAfter: rows.length > f.limit ? (items[items.length - 1]?.id ?? null) : null };
}

async function publishedContent(db: Kysely<Database>, entry: CatalogEntryRow | undefined) {
  if (entry === undefined || entry.status !== "active" || entry.current_version_id === null) return null;
  const v = await findVersion(db, entry.current_version_id);
  return v === undefined ? null : v.content;
}

/**
 * The published basic item, the specification of the entry's level and the implementing agency's
 * power-list entry: what checkGuide and powerListMismatches compare a guide with.
 * @throws AppError NOT_FOUND; FORBIDDEN unless the actor edits or reviews the entry.
 */
export async function ruleContext(actor: Actor, entryId: number, deps: Deps) {
  requireUser(actor);
  const entry = await findEntry(deps.db, entryId);
  if (entry === undefined) throw new AppError("NOT_FOUND", "catalog.entryNotFound");
  const target = { agencyId: entry.agency_id, regionCode: entry.region_code };
  if (!can(actor, "catalog.edit", target) && !can(actor, "catalog.review", target))
    throw new AppError("FORBIDDEN", "error.forbidden", {}, { permission: "catalog.edit" });
  const isBelowBasic = entry.layer === "guide" || entry.layer === "spec";
  const basic =
    isBelowBasic && entry.basic_code !== null
      ? await publishedContent(deps.db, await findEntryByCode(deps.db, "basic", entry.basic_code))
      : null;
  let spec: unknown = null;
  let power: { content: unknown } | null = null;
  if (entry.layer === "guide") {
    const specContent = await publishedContent(
      deps.db,
      await findEntryByCode(deps.db, "spec", `${entry.basic_code}:${entry.exercise_level}`),
    );
    spec = specContent === null ? null : parseContent("spec", specContent);
    const holder = (await entriesOfBasic(deps.db, entry.basic_code ?? "", "power")).find(
      (p) => p.agency_id === entry.agency_id && p.status === "active",
    );
    power = { content: await publishedContent(deps.db, holder) };
  }
  return {
    layer: entry.layer,
    exerciseLevel: entry.exercise_level,
    basic: basic === null ? null : parseContent("basic", basic),
    spec,
    power,
  };
}

/** The active basic item of this name, as the entry's id and current version (the demo seed). */
export async function findBasicByName(name: string, deps: Deps) {
  const row = await findActiveBasicByName(deps.db, name);
  return row === undefined ? undefined : { id: row.id, currentVersionId: row.current_version_id };
}
