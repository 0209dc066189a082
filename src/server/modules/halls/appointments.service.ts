import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { addDays, chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { requireUser } from "../../access/access.policy.js";
import { SYSTEM, toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import { loadCalendar } from "../calendar/calendar.service.js";
import {
  appointmentsToRemind,
  bookedCounts,
  findAppointment,
  listSlotOverrides,
  lockSlot,
  findSettings,
  insertAppointment,
  listAppointmentsOf,
  listDelegations,
  listWindows,
  pastBookedAppointments,
  releaseSlotPlace,
  takeSlotPlace,
  updateAppointmentStatus,
} from "./halls.queries.js";
import { effectiveSlots, slotCapacity, slotsOfDay, windowServes, type SlotOverride } from "./halls.rules.js";
import { loadVenue } from "./halls.service.js";
import { enqueueFollowUp } from "../../jobs/jobs.outbox.js";
import { markRemindedOnce } from "./appointment-reminders.queries.js";
import { REMINDER_JOB, reminderKey } from "./appointment-reminders.js";

/** Minutes of China time since midnight. */
export function chinaMinutes(now: Date): number {
  const t = new Date(now.getTime() + 8 * 3600_000);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

/** How many windows of the hall serve the item (a delegated item is served by the 综合窗口). */
export async function servingWindows(
  db: Kysely<Database>,
  venueId: number,
  guideCode: string,
): Promise<number> {
  const windows = (await listWindows(db, venueId)).filter((w) => w.is_active);
  const n = windows.filter((w) => windowServes({ kind: w.kind, items: w.items }, guideCode)).length;
  if (n > 0) return n;
  const delegated = (await listDelegations(db, venueId)).some((d) => d.guide_code === guideCode);
  return delegated ? windows.filter((w) => w.kind === "comprehensive").length : 0;
}

/** The administrator's changes to the slots of one day, from their rows. */
export function overridesOn(
  rows: Awaited<ReturnType<typeof listSlotOverrides>>,
  date: string,
): SlotOverride[] {
  return rows
    .filter((o) => o.slot_date === date)
    .map((o) => ({
      regularStart: o.regular_start,
      start: o.start_time,
      end: o.end_time,
      capacityPerWindow: o.capacity_per_window,
      isClosed: o.is_closed,
    }));
}

/**
 * A slot's capacity for an item as it stands inside the caller's transaction (after `lockSlot`):
 * undefined when the slot is closed, moved away or gone.
 */
async function capacityInTx(
  trx: Kysely<Database>,
  key: { venue_id: number; guide_code: string; slot_date: string; slot_start: string },
): Promise<number | undefined> {
  const settings = await findSettings(trx, key.venue_id);
  if (settings === undefined) return undefined;
  const rows = await listSlotOverrides(trx, key.venue_id, key.slot_date, key.slot_date);
  const slot = effectiveSlots(
    slotsOfDay(settings.periods, settings.slot_minutes),
    overridesOn(rows, key.slot_date),
  ).find((s) => !s.isClosed && s.start === key.slot_start);
  if (slot === undefined) return undefined;
  const windows = await servingWindows(trx, key.venue_id, key.guide_code);
  return slotCapacity(slot.capacityPerWindow ?? settings.capacity_per_window, windows);
}

/**
 * Bookable slots of a hall for an item on its next working days (the region's calendar): each
 * slot with its capacity (per-window capacity × windows serving the item) and places left.
 * @throws AppError NOT_FOUND (hall), INVALID_STATE (hall takes no appointments / item not served).
 */
export async function listSlots(venueId: number, guideCode: string, deps: Deps) {
  const v = await loadVenue(deps.db, venueId);
  const settings = await findSettings(deps.db, venueId);
  if (settings === undefined) throw new AppError("INVALID_STATE", "halls.noAppointments");
  const windows = await servingWindows(deps.db, venueId, guideCode);
  if (windows === 0) throw new AppError("INVALID_STATE", "halls.itemNotServed", { code: guideCode });
  const now = nowOf(deps);
  const today = chinaDate(now);
  const until = addDays(today, settings.booking_days_ahead);
  const calendar = await loadCalendar(deps.db, v.region_code, today, until);
  const days = calendar.workdaysIn(today, until);
  const [counts, overrides] = await Promise.all([
    bookedCounts(deps.db, venueId, guideCode, today, until),
    listSlotOverrides(deps.db, venueId, today, until),
  ]);
  const booked = new Map(counts.map((c) => [`${c.slot_date} ${c.slot_start}`, c.booked]));
  const nowMin = chinaMinutes(now);
  const regular = slotsOfDay(settings.periods, settings.slot_minutes);
  // 预约时段调整: the administrator's per-day changes (moved, resized or closed slots).
  const slots = days.flatMap((date) =>
    effectiveSlots(regular, overridesOn(overrides, date))
      .filter((s) => !s.isClosed)
      .filter((s) => date !== today || Number(s.start.slice(0, 2)) * 60 + Number(s.start.slice(3)) > nowMin)
      .map((s) => {
        const capacity = slotCapacity(s.capacityPerWindow ?? settings.capacity_per_window, windows);
        const taken = booked.get(`${date} ${s.start}`) ?? 0;
        return { date, start: s.start, end: s.end, capacity, available: Math.max(0, capacity - taken) };
      }),
  );
  return { hallId: venueId, guideCode, slots };
}

/**
 * 预约: books a place in a slot for the applicant. Capacity holds under concurrency (a guarded
 * increment); one booking per applicant per slot. Appointments are never required: walk-ins are
 * served too (方案 八).
 * @throws AppError UNAUTHENTICATED, NOT_FOUND, INVALID_STATE, VALIDATION_FAILED (no such slot),
 *   CONFLICT (slot full, or already booked).
 */
export async function bookAppointment(
  actor: Actor,
  input: { hallId: number; guideCode: string; date: string; start: string },
  deps: Deps,
) {
  const user = requireUser(actor);
  if (user.userKind === "staff") throw new AppError("FORBIDDEN", "halls.applicantsOnly");
  const { slots } = await listSlots(input.hallId, input.guideCode, deps);
  const slot = slots.find((s) => s.date === input.date && s.start === input.start);
  if (slot === undefined)
    throw new AppError("VALIDATION_FAILED", "halls.noSuchSlot", {}, [
      { path: "start", message: "halls.noSuchSlot" },
    ]);
  const now = nowOf(deps);
  const id = randomUUID();
  const key = {
    venue_id: input.hallId,
    guide_code: input.guideCode,
    slot_date: input.date,
    slot_start: input.start,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      // The slot as it stands now: an administrator may have resized or closed it since it was listed.
      await lockSlot(trx, input.hallId, input.date, input.start);
      const capacity = await capacityInTx(trx, key);
      if (capacity === undefined)
        throw new AppError("VALIDATION_FAILED", "halls.noSuchSlot", {}, [
          { path: "start", message: "halls.noSuchSlot" },
        ]);
      if (!(await takeSlotPlace(trx, key, capacity))) throw new AppError("CONFLICT", "halls.slotFull");
      await insertAppointment(trx, {
        id,
        ...key,
        applicant_id: user.id,
        slot_end: slot.end,
        status: "booked",
        created_at: now,
      });
      await recordAudit(trx, {
        actor: toAuditActor(actor),
        action: "appointment.book",
        entityType: "appointment",
        entityId: id,
        after: { ...input },
        requestId: actor.requestId ?? null,
      });
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The unique index: this applicant already holds this slot.
    if (/appointments_one_per_slot|unique/i.test(String((err as Error).message)))
      throw new AppError("CONFLICT", "halls.alreadyBooked");
    throw err;
  }
  return appointmentDto((await findAppointment(deps.db, id))!);
}

function appointmentDto(a: NonNullable<Awaited<ReturnType<typeof findAppointment>>>) {
  return {
    id: a.id,
    hallId: a.venue_id,
    guideCode: a.guide_code,
    date: a.slot_date,
    start: a.slot_start,
    end: a.slot_end,
    status: a.status,
    remindedAt: a.reminded_at?.toISOString() ?? null,
  };
}

/** The applicant's appointments. */
export async function listMyAppointments(actor: Actor, deps: Deps) {
  const user = requireUser(actor);
  return { items: (await listAppointmentsOf(deps.db, user.id)).map(appointmentDto) };
}

/**
 * Cancels the applicant's own booking before its slot starts; the place is given back.
 * @throws AppError NOT_FOUND (not theirs), INVALID_STATE (not booked, or the slot has begun).
 */
export async function cancelAppointment(actor: Actor, id: string, deps: Deps) {
  const user = requireUser(actor);
  const a = /^[0-9a-f-]{36}$/.test(id) ? await findAppointment(deps.db, id) : undefined;
  if (a === undefined || a.applicant_id !== user.id)
    throw new AppError("NOT_FOUND", "halls.appointmentNotFound");
  const now = nowOf(deps);
  const today = chinaDate(now);
  const startMin = Number(a.slot_start.slice(0, 2)) * 60 + Number(a.slot_start.slice(3));
  if (
    a.status !== "booked" ||
    a.slot_date < today ||
    (a.slot_date === today && startMin <= chinaMinutes(now))
  )
    throw new AppError("INVALID_STATE", "halls.cannotCancel");
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateAppointmentStatus(trx, id, "booked", { status: "cancelled", cancelled_at: now })))
      throw new AppError("INVALID_STATE", "halls.cannotCancel");
    await releaseSlotPlace(trx, a);
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "appointment.cancel",
      entityType: "appointment",
      entityId: id,
      before: { status: "booked" },
      after: { status: "cancelled" },
      requestId: actor.requestId ?? null,
    });
  });
  return appointmentDto((await findAppointment(deps.db, id))!);
}

/**
 * Job: reminds applicants of tomorrow's appointments (recorded once as `reminded_at`, the SMS sent by
 * the `halls.appointment_reminder` job through the notification provider) and records no-shows for
 * booked appointments of past days.
 */
export async function remindAppointments(
  db: Kysely<Database>,
  now: Date,
  batch = 500,
): Promise<{ reminded: number; noShows: number }> {
  const today = chinaDate(now);
  const tomorrow = addDays(today, 1);
  let reminded = 0;
  let noShows = 0;
  for (const a of await appointmentsToRemind(db, tomorrow, batch)) {
    const marked = await db.transaction().execute(async (trx) => {
      if (!(await markRemindedOnce(trx, a.id, now))) return false;
      // The SMS goes out through the notification provider by job, once per appointment.
      await enqueueFollowUp(
        trx,
        REMINDER_JOB,
        { appointmentId: a.id },
        { idempotencyKey: reminderKey(a.id), runAt: now },
      );
      await recordAudit(trx, {
        actor: toAuditActor(SYSTEM),
        action: "appointment.remind",
        entityType: "appointment",
        entityId: a.id,
        after: { date: a.slot_date, start: a.slot_start },
      });
      return true;
    });
    if (marked) reminded++;
  }
  for (const a of await pastBookedAppointments(db, today, batch)) {
    await db.transaction().execute(async (trx) => {
      if (!(await updateAppointmentStatus(trx, a.id, "booked", { status: "no_show" }))) return;
      await recordAudit(trx, {
        actor: toAuditActor(SYSTEM),
        action: "appointment.no_show",
        entityType: "appointment",
        entityId: a.id,
        before: { status: "booked" },
        after: { status: "no_show" },
      });
      noShows++;
    });
  }
  return { reminded, noShows };
}
