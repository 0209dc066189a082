import { addDays, chinaDate } from "../../shared/calendar.js";
import type { BasicItemContent } from "../../shared/contracts/catalog-content.js";
import { SYSTEM } from "../actor.js";
import type { Deps } from "../http/context.js";
import { findBasicByName } from "../modules/catalog/catalog-editor.service.js";
import { createNextDraft, getVersion, publishAsSystem } from "../modules/catalog/catalog.service.js";

/** The basic item whose amendment the demo shows as owed by the implementing departments. */
export const DEMO_AMENDED_BASIC = "食品（含保健食品）经营许可";

/**
 * Owed updates for the catalog workbench (办法 19–20): the basic catalog item 食品经营许可 was
 * amended three weeks ago (its legal basis gained the article's text), so every implementation list
 * of it owes an update within 10 working days, and those of 喀什 are overdue today. Goes through
 * the catalog services with a clock set back, like the demo cases. Returns whether it amended.
 */
export async function seedDemoCatalogChanges(
  deps: Deps,
  now: Date = new Date(),
  name: string = DEMO_AMENDED_BASIC,
): Promise<boolean> {
  const basic = await findBasicByName(name, deps);
  if (basic?.currentVersionId === undefined || basic.currentVersionId === null) return false;
  const current = await getVersion(basic.currentVersionId, deps);
  if (current.version.versionNo > 1) return false;
  const content = current.content as BasicItemContent;
  const amended: BasicItemContent = {
    ...content,
    basis: content.basis.map((b, i) =>
      i === 0 ? { ...b, text: `${b.article}（2026 年修订后的条文，演示数据）` } : b,
    ),
  };
  const then = new Date(`${addDays(chinaDate(now), -21)}T03:00:00Z`);
  const past: Deps = { ...deps, now: () => then };
  const draft = await createNextDraft(SYSTEM, basic.id, amended, past);
  await publishAsSystem(SYSTEM, draft.version.id, past, chinaDate(now));
  return true;
}
