import type { Kysely } from "kysely";
import { CalendarCoverageError, chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { assertCan } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { loadCalendar } from "../calendar/calendar.service.js";
import { chinaMinutes, overridesOn, servingWindows } from "./appointments.service.js";
import {
  findSettings,
  listSlotOverrides,
  lockSlot,
  lockSlotCounts,
  upsertSlotOverride,
} from "./halls.queries.js";
import {
  effectiveSlots,
  minutesOf,
  slotCapacity,
  slotsOfDay,
  slotTimeProblem,
  type EffectiveSlot,
} from "./halls.rules.js";
import { loadVenue } from "./halls.service.js";

/**
 * 预约时段调整 by the hall's administrator: one slot of one day gets another capacity per window or
 * another time, is closed, or (PATCH on a closed slot) reopened. Bookings are never undone here: a
 * slot with bookings cannot be moved or closed, and its capacity cannot go below what is booked
 * (409 with the figures) — the manager asks the applicants to cancel first, as the halls module has
 * no staff-side cancellation.
 */

interface SlotRef {
  hallId: number;
  date: string;
  start: string;
}

/**
 * The hall (its region's admin only) and the day's slots once the date is a coming working day.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (hall, no opening, not a working day),
 *   INVALID_STATE (a past day).
 */
async function prepare(actor: Actor, ref: SlotRef, deps: Deps) {
  const v = await loadVenue(deps.db, ref.hallId);
  assertCan(actor, "admin.manage", { regionCode: v.region_code });
  const settings = await findSettings(deps.db, ref.hallId);
  if (settings === undefined) throw new AppError("NOT_FOUND", "halls.slotNotFound", { ...ref });
  const now = nowOf(deps);
  if (ref.date < chinaDate(now)) throw new AppError("INVALID_STATE", "halls.slotPast", { ...ref });
  const calendar = await loadCalendar(deps.db, v.region_code, ref.date, ref.date);
  let isWorkday = false;
  try {
    isWorkday = calendar.isWorkday(ref.date);
  } catch (err) {
    if (!(err instanceof CalendarCoverageError)) throw err;
  }
  if (!isWorkday) throw new AppError("NOT_FOUND", "halls.slotNotFound", { ...ref });
  return { venue: v, settings, now, regular: slotsOfDay(settings.periods, settings.slot_minutes) };
}

async function slotsOn(
  trx: Kysely<Database>,
  hallId: number,
  date: string,
  regular: { start: string; end: string }[],
): Promise<EffectiveSlot[]> {
  return effectiveSlots(regular, overridesOn(await listSlotOverrides(trx, hallId, date, date), date));
}

function assertNotBegun(ref: SlotRef, slot: EffectiveSlot, now: Date) {
  if (ref.date === chinaDate(now) && minutesOf(slot.start) <= chinaMinutes(now))
    throw new AppError("INVALID_STATE", "halls.slotPast", { ...ref });
}

function view(ref: SlotRef, slot: EffectiveSlot, hallCapacity: number, booked: number) {
  return {
    hallId: ref.hallId,
    date: ref.date,
    start: slot.start,
    end: slot.end,
    regularStart: slot.regularStart,
    capacityPerWindow: slot.capacityPerWindow ?? hallCapacity,
    isClosed: slot.isClosed,
    booked,
  };
}

/**
 * Changes one slot of one day: capacity per window and/or time; on a closed slot, reopens it.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (no such slot), INVALID_STATE (begun or
 *   past), VALIDATION_FAILED (end not after start, overlaps another slot), CONFLICT (time change of a
 *   booked slot; capacity below the places booked for an item).
 */
export async function updateSlot(
  actor: Actor,
  ref: SlotRef,
  input: { capacityPerWindow?: number | undefined; start?: string | undefined; end?: string | undefined },
  deps: Deps,
) {
  const { settings, now, regular } = await prepare(actor, ref, deps);
  return deps.db.transaction().execute(async (trx) => {
    // Bookings of this slot (and of the time it moves to) wait for the change, then see it.
    for (const start of [...new Set([ref.start, input.start ?? ref.start])].sort())
      await lockSlot(trx, ref.hallId, ref.date, start);
    const day = await slotsOn(trx, ref.hallId, ref.date, regular);
    const slot =
      day.find((s) => s.start === ref.start && !s.isClosed) ?? day.find((s) => s.start === ref.start);
    if (slot === undefined) throw new AppError("NOT_FOUND", "halls.slotNotFound", { ...ref });
    assertNotBegun(ref, slot, now);
    const counts = await lockSlotCounts(trx, ref.hallId, ref.date, slot.start);
    const booked = counts.reduce((n, c) => n + c.booked, 0);
    const start = input.start ?? slot.start;
    const end = input.end ?? slot.end;
    const isMoved = start !== slot.start || end !== slot.end;
    if (isMoved && booked > 0)
      throw new AppError("CONFLICT", "halls.slotBookedTimeChange", { booked }, { booked });
    if (isMoved || slot.isClosed) {
      const problem = slotTimeProblem(
        start,
        end,
        day.filter((s) => s.regularStart !== slot.regularStart),
      );
      if (problem !== null)
        throw new AppError(
          "VALIDATION_FAILED",
          problem === "overlap" ? "halls.slotOverlap" : "halls.badPeriods",
          {},
          [{ path: "end", message: problem === "overlap" ? "halls.slotOverlap" : "halls.badPeriods" }],
        );
    }
    const capacityPerWindow = input.capacityPerWindow ?? slot.capacityPerWindow;
    if (input.capacityPerWindow !== undefined)
      for (const c of counts.filter((x) => x.booked > 0)) {
        const capacity = slotCapacity(
          input.capacityPerWindow,
          await servingWindows(trx, ref.hallId, c.guide_code),
        );
        if (c.booked > capacity)
          throw new AppError(
            "CONFLICT",
            "halls.capacityBelowBookings",
            { booked: c.booked, capacity, code: c.guide_code },
            { guideCode: c.guide_code, booked: c.booked, capacity },
          );
      }
    const next: EffectiveSlot = {
      regularStart: slot.regularStart,
      start,
      end,
      capacityPerWindow,
      isClosed: false,
    };
    await upsertSlotOverride(trx, {
      venue_id: ref.hallId,
      slot_date: ref.date,
      regular_start: slot.regularStart,
      start_time: start,
      end_time: end,
      capacity_per_window: capacityPerWindow,
      is_closed: false,
      updated_at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "hall.slot.update",
      entityType: "venue",
      entityId: String(ref.hallId),
      before: { date: ref.date, ...slot },
      after: { date: ref.date, ...next },
      requestId: actor.requestId ?? null,
    });
    return view(ref, next, settings.capacity_per_window, booked);
  });
}

/**
 * Closes one slot of one day (no more bookings); refused while anyone holds a place in it.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (no such slot), INVALID_STATE (begun or
 *   past), CONFLICT (booked; already closed).
 */
export async function closeSlot(actor: Actor, ref: SlotRef, deps: Deps) {
  const { settings, now, regular } = await prepare(actor, ref, deps);
  return deps.db.transaction().execute(async (trx) => {
    await lockSlot(trx, ref.hallId, ref.date, ref.start);
    const day = await slotsOn(trx, ref.hallId, ref.date, regular);
    const slot = day.find((s) => s.start === ref.start && !s.isClosed);
    if (slot === undefined) {
      if (day.some((s) => s.start === ref.start))
        throw new AppError("CONFLICT", "halls.slotAlreadyClosed", { ...ref });
      throw new AppError("NOT_FOUND", "halls.slotNotFound", { ...ref });
    }
    assertNotBegun(ref, slot, now);
    const counts = await lockSlotCounts(trx, ref.hallId, ref.date, slot.start);
    const booked = counts.reduce((n, c) => n + c.booked, 0);
    if (booked > 0) throw new AppError("CONFLICT", "halls.slotBooked", { booked }, { booked });
    const next: EffectiveSlot = { ...slot, isClosed: true };
    await upsertSlotOverride(trx, {
      venue_id: ref.hallId,
      slot_date: ref.date,
      regular_start: slot.regularStart,
      start_time: slot.start,
      end_time: slot.end,
      capacity_per_window: slot.capacityPerWindow,
      is_closed: true,
      updated_at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "hall.slot.close",
      entityType: "venue",
      entityId: String(ref.hallId),
      before: { date: ref.date, ...slot },
      after: { date: ref.date, ...next },
      requestId: actor.requestId ?? null,
    });
    return view(ref, next, settings.capacity_per_window, 0);
  });
}
