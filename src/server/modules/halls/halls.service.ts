import type { Kysely } from "kysely";
import { addDays, chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { isWithinRegion } from "../../../shared/regions.js";
import { assertCan } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database, WindowKind } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { loadCalendar } from "../calendar/calendar.service.js";
import { getPublishedGuide } from "../catalog/catalog.service.js";
import {
  countBookedFrom,
  findDelegation,
  findSettings,
  findVenue,
  findWindow,
  insertDelegation,
  insertWindow,
  listDelegations,
  listVenuesWithin,
  listWindows,
  replaceWindowItems,
  revokeDelegationOnce,
  setWindowActive,
  upsertSettings,
} from "./halls.queries.js";
import { WINDOW_KINDS, periodProblems, windowServes, type Period } from "./halls.rules.js";

export const VENUE_KIND_NAMES = {
  service_center: "政务服务中心",
  convenience_center: "便民服务中心",
  convenience_station: "便民服务站",
} as const;

/** @throws AppError NOT_FOUND */
export async function loadVenue(db: Kysely<Database>, id: number) {
  const v = await findVenue(db, id);
  if (v === undefined) throw new AppError("NOT_FOUND", "halls.hallNotFound");
  return v;
}

async function audit(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  entityType: string,
  entityId: string,
  after: Record<string, unknown>,
) {
  await recordAudit(trx, {
    actor: toAuditActor(actor),
    action,
    entityType,
    entityId,
    after,
    requestId: actor.requestId ?? null,
  });
}

/** Halls of a region subtree (public). */
export async function listHalls(region: string, deps: Deps) {
  const rows = await listVenuesWithin(deps.db, region, 500);
  return {
    items: rows.map((v) => ({
      id: v.id,
      name: v.name,
      kind: v.kind,
      kindName: VENUE_KIND_NAMES[v.kind] ?? v.kind,
      regionCode: v.region_code,
      address: v.address,
      phone: v.phone,
    })),
  };
}

/**
 * A hall with its windows (kinds, items), delegated items and opening on the next working days of
 * its region's calendar (public).
 * @throws AppError NOT_FOUND.
 */
export async function getHall(id: number, deps: Deps) {
  const v = await loadVenue(deps.db, id);
  const [settings, windows, delegations] = await Promise.all([
    findSettings(deps.db, id),
    listWindows(deps.db, id),
    listDelegations(deps.db, id),
  ]);
  const today = chinaDate(nowOf(deps));
  const until = addDays(today, 13);
  const calendar = await loadCalendar(deps.db, v.region_code, today, until);
  const openDays = settings === undefined ? [] : calendar.workdaysIn(today, until);
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    kindName: VENUE_KIND_NAMES[v.kind] ?? v.kind,
    regionCode: v.region_code,
    regionName: v.region_name,
    address: v.address,
    phone: v.phone,
    opening:
      settings === undefined
        ? null
        : {
            periods: settings.periods,
            slotMinutes: settings.slot_minutes,
            capacityPerWindow: settings.capacity_per_window,
            bookingDaysAhead: settings.booking_days_ahead,
            openDays,
          },
    windows: windows.map((w) => ({
      id: w.id,
      number: w.number,
      kind: w.kind,
      kindName: WINDOW_KINDS[w.kind].name,
      isActive: w.is_active,
      guideCodes: w.items,
    })),
    delegations: delegations.map((d) => ({ id: d.id, guideCode: d.guide_code, basis: d.basis })),
  };
}

/**
 * Opening hours of a hall on working days (platform admin of the hall's region).
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (periods).
 */
export async function configureHall(
  actor: Actor,
  venueId: number,
  input: { periods: Period[]; slotMinutes: number; capacityPerWindow: number; bookingDaysAhead: number },
  deps: Deps,
) {
  const v = await loadVenue(deps.db, venueId);
  assertCan(actor, "admin.manage", { regionCode: v.region_code });
  const problems = periodProblems(input.periods);
  if (problems.length > 0 || input.periods.length === 0)
    throw new AppError(
      "VALIDATION_FAILED",
      "halls.badPeriods",
      {},
      (problems.length > 0 ? problems : ["periods"]).map((path) => ({ path, message: "halls.badPeriods" })),
    );
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    await upsertSettings(trx, {
      venue_id: venueId,
      periods: JSON.stringify(input.periods),
      slot_minutes: input.slotMinutes,
      capacity_per_window: input.capacityPerWindow,
      booking_days_ahead: input.bookingDaysAhead,
      updated_at: now,
    });
    await audit(trx, actor, "hall.configure", "venue", String(venueId), { ...input });
  });
  return getHall(venueId, deps);
}

async function assertGuides(codes: string[], deps: Deps) {
  for (const [i, code] of codes.entries()) {
    try {
      const g = await getPublishedGuide(code, undefined, deps);
      if (!g.isCurrent) throw new AppError("NOT_FOUND", "catalog.guideNotFound", { code });
    } catch (err) {
      if (err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED"))
        throw new AppError("VALIDATION_FAILED", "halls.unknownGuide", { code }, [
          { path: `guideCodes.${i}`, message: "halls.unknownGuide" },
        ]);
      throw err;
    }
  }
}

/**
 * Opens a window of a kind, with the items it serves (an empty list on a 综合窗口 serves every item).
 * @throws AppError FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (unknown guide), CONFLICT (number taken).
 */
export async function addWindow(
  actor: Actor,
  venueId: number,
  input: { number: string; kind: WindowKind; guideCodes: string[] },
  deps: Deps,
) {
  const v = await loadVenue(deps.db, venueId);
  assertCan(actor, "admin.manage", { regionCode: v.region_code });
  await assertGuides(input.guideCodes, deps);
  const now = nowOf(deps);
  const id = await deps.db.transaction().execute(async (trx) => {
    const w = await insertWindow(trx, {
      venue_id: venueId,
      number: input.number,
      kind: input.kind,
      created_at: now,
    });
    if (w === undefined) throw new AppError("CONFLICT", "halls.windowNumberTaken", { number: input.number });
    await replaceWindowItems(trx, w.id, [...new Set(input.guideCodes)]);
    await audit(trx, actor, "hall.window.add", "hall_window", String(w.id), { venueId, ...input });
    return w.id;
  });
  return (await getHall(venueId, deps)).windows.find((w) => w.id === id)!;
}

/**
 * Changes which items a window serves, or closes / reopens it.
 * @throws AppError FORBIDDEN, NOT_FOUND, VALIDATION_FAILED.
 */
export async function updateWindow(
  actor: Actor,
  windowId: number,
  input: { guideCodes?: string[]; isActive?: boolean },
  deps: Deps,
) {
  const w = await findWindow(deps.db, windowId);
  if (w === undefined) throw new AppError("NOT_FOUND", "halls.windowNotFound");
  const v = await loadVenue(deps.db, w.venue_id);
  assertCan(actor, "admin.manage", { regionCode: v.region_code });
  if (input.guideCodes !== undefined) await assertGuides(input.guideCodes, deps);
  await deps.db.transaction().execute(async (trx) => {
    if (input.guideCodes !== undefined)
      await replaceWindowItems(trx, windowId, [...new Set(input.guideCodes)]);
    if (input.isActive !== undefined) await setWindowActive(trx, windowId, input.isActive);
    await audit(trx, actor, "hall.window.update", "hall_window", String(windowId), { ...input });
  });
  return (await getHall(v.id, deps)).windows.find((x) => x.id === windowId)!;
}

/**
 * 委托受理: an item of a county (or higher) agency accepted at a township centre or village station
 * within that agency's region (条例 25: services extended to townships and villages).
 * @throws AppError FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (not a township/village venue, or the
 *   item's agency is not above the venue).
 */
export async function delegateItem(
  actor: Actor,
  venueId: number,
  input: { guideCode: string; basis: string },
  deps: Deps,
) {
  const v = await loadVenue(deps.db, venueId);
  assertCan(actor, "admin.manage", { regionCode: v.region_code });
  if (v.kind === "service_center")
    throw new AppError("VALIDATION_FAILED", "halls.delegationNotDown", {}, [
      { path: "venueId", message: "halls.delegationNotDown" },
    ]);
  await assertGuides([input.guideCode], deps);
  const g = await getPublishedGuide(input.guideCode, undefined, deps);
  const agencyRegion = g.agency?.regionCode ?? "";
  if (!(isWithinRegion(v.region_code, agencyRegion) && v.region_code !== agencyRegion))
    throw new AppError("VALIDATION_FAILED", "halls.delegationNotDown", {}, [
      { path: "guideCode", message: "halls.delegationNotDown" },
    ]);
  const now = nowOf(deps);
  const d = await deps.db.transaction().execute(async (trx) => {
    const row = await insertDelegation(trx, {
      venue_id: venueId,
      guide_code: input.guideCode,
      basis: input.basis,
      created_at: now,
    });
    await audit(trx, actor, "hall.delegate", "hall_delegation", String(row.id), { venueId, ...input });
    return row;
  });
  return { id: d.id, guideCode: d.guide_code, basis: d.basis };
}

/**
 * Ends a 委托受理 (the township or village venue no longer accepts the item for the higher agency);
 * authorised like the grant. Refused while applicants hold appointments for the item there that no
 * window of the venue would serve any more.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (no such delegation), CONFLICT (already
 *   removed; appointments booked).
 */
export async function revokeDelegation(actor: Actor, id: number, deps: Deps) {
  const d = await findDelegation(deps.db, id);
  if (d === undefined) throw new AppError("NOT_FOUND", "halls.delegationNotFound", { id });
  const v = await loadVenue(deps.db, d.venue_id);
  assertCan(actor, "admin.manage", { regionCode: v.region_code });
  if (d.revoked_at !== null) throw new AppError("CONFLICT", "halls.delegationAlreadyRemoved", { id });
  const now = nowOf(deps);
  const revokedAt = await deps.db.transaction().execute(async (trx) => {
    const isServedByWindow = (await listWindows(trx, d.venue_id)).some(
      (w) => w.is_active && windowServes({ kind: w.kind, items: w.items }, d.guide_code),
    );
    if (!isServedByWindow) {
      const booked = await countBookedFrom(trx, d.venue_id, d.guide_code, chinaDate(now));
      if (booked > 0) throw new AppError("CONFLICT", "halls.delegationHasBookings", { booked }, { booked });
    }
    if (!(await revokeDelegationOnce(trx, id, now)))
      throw new AppError("CONFLICT", "halls.delegationAlreadyRemoved", { id });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "hall.delegation.revoke",
      entityType: "hall_delegation",
      entityId: String(id),
      before: { venueId: d.venue_id, guideCode: d.guide_code, basis: d.basis },
      after: { revokedAt: now.toISOString() },
      requestId: actor.requestId ?? null,
    });
    return now;
  });
  return {
    id: d.id,
    hallId: d.venue_id,
    guideCode: d.guide_code,
    basis: d.basis,
    revokedAt: revokedAt.toISOString(),
  };
}
