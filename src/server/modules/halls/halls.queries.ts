import { sql, type Kysely } from "kysely";
import type { Database, TicketStatus, WindowKind } from "../../db/tables.js";

export async function findVenue(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("venues as v")
    .innerJoin("regions as r", "r.code", "v.region_code")
    .select([
      "v.id",
      "v.agency_id",
      "v.region_code",
      "v.name",
      "v.kind",
      "v.address",
      "v.phone",
      "r.name as region_name",
    ])
    .where("v.id", "=", id)
    .executeTakeFirst();
}

export async function listVenuesWithin(db: Kysely<Database>, region: string, limit: number) {
  return db
    .selectFrom("venues")
    .select(["id", "agency_id", "region_code", "name", "kind", "address", "phone"])
    .where("region_code", "like", `${region}%`)
    .orderBy("region_code")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function findSettings(db: Kysely<Database>, venueId: number) {
  return db.selectFrom("hall_settings").selectAll().where("venue_id", "=", venueId).executeTakeFirst();
}

export async function upsertSettings(
  db: Kysely<Database>,
  s: {
    venue_id: number;
    periods: string;
    slot_minutes: number;
    capacity_per_window: number;
    booking_days_ahead: number;
    updated_at: Date;
  },
) {
  await db
    .insertInto("hall_settings")
    .values(s)
    .onConflict((oc) =>
      oc.column("venue_id").doUpdateSet({
        periods: s.periods,
        slot_minutes: s.slot_minutes,
        capacity_per_window: s.capacity_per_window,
        booking_days_ahead: s.booking_days_ahead,
        updated_at: s.updated_at,
      }),
    )
    .execute();
}

export async function listWindows(db: Kysely<Database>, venueId: number) {
  const windows = await db
    .selectFrom("hall_windows")
    .selectAll()
    .where("venue_id", "=", venueId)
    .orderBy("number")
    .execute();
  const items =
    windows.length === 0
      ? []
      : await db
          .selectFrom("hall_window_items")
          .selectAll()
          .where(
            "window_id",
            "in",
            windows.map((w) => w.id),
          )
          .execute();
  return windows.map((w) => ({
    ...w,
    items: items.filter((i) => i.window_id === w.id).map((i) => i.guide_code),
  }));
}

export async function findWindow(db: Kysely<Database>, id: number) {
  return db.selectFrom("hall_windows").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertWindow(
  db: Kysely<Database>,
  w: { venue_id: number; number: string; kind: WindowKind; created_at: Date },
) {
  return db
    .insertInto("hall_windows")
    .values(w)
    .onConflict((oc) => oc.columns(["venue_id", "number"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function replaceWindowItems(db: Kysely<Database>, windowId: number, codes: string[]) {
  await db.deleteFrom("hall_window_items").where("window_id", "=", windowId).execute();
  if (codes.length > 0)
    await db
      .insertInto("hall_window_items")
      .values(codes.map((guide_code) => ({ window_id: windowId, guide_code })))
      .execute();
}

export async function setWindowActive(db: Kysely<Database>, id: number, isActive: boolean) {
  await db.updateTable("hall_windows").set({ is_active: isActive }).where("id", "=", id).execute();
}

export async function listDelegations(db: Kysely<Database>, venueId: number) {
  return db
    .selectFrom("hall_delegations")
    .selectAll()
    .where("venue_id", "=", venueId)
    .where("revoked_at", "is", null)
    .orderBy("id")
    .execute();
}

export async function insertDelegation(
  db: Kysely<Database>,
  d: { venue_id: number; guide_code: string; basis: string; created_at: Date },
) {
  return db
    .insertInto("hall_delegations")
    .values(d)
    .onConflict((oc) =>
      oc
        .columns(["venue_id", "guide_code"])
        .doUpdateSet({ basis: d.basis, revoked_at: null, created_at: d.created_at }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Halls where a guide can be handled: windows listing it, or delegated to it. */
export async function venuesServingGuide(db: Kysely<Database>, guideCode: string) {
  const r = await sql<{ venue_id: number }>`
    select distinct w.venue_id::int as venue_id from hall_window_items i join hall_windows w on w.id = i.window_id
    where i.guide_code = ${guideCode} and w.is_active
    union
    select venue_id::int from hall_delegations where guide_code = ${guideCode} and revoked_at is null`.execute(
    db,
  );
  return r.rows.map((x) => x.venue_id);
}

// --- appointments ---

export async function bookedCounts(
  db: Kysely<Database>,
  venueId: number,
  guideCode: string,
  from: string,
  to: string,
) {
  return db
    .selectFrom("appointment_slot_counts")
    .select(["slot_date", "slot_start", "booked"])
    .where("venue_id", "=", venueId)
    .where("guide_code", "=", guideCode)
    .where("slot_date", ">=", from)
    .where("slot_date", "<=", to)
    .execute();
}

/** Takes one place of a slot if there is one left: a guarded increment (safe under concurrency). */
export async function takeSlotPlace(
  db: Kysely<Database>,
  key: { venue_id: number; guide_code: string; slot_date: string; slot_start: string },
  capacity: number,
): Promise<boolean> {
  await db
    .insertInto("appointment_slot_counts")
    .values({ ...key, booked: 0 })
    .onConflict((oc) => oc.columns(["venue_id", "guide_code", "slot_date", "slot_start"]).doNothing())
    .execute();
  const r = await db
    .updateTable("appointment_slot_counts")
    .set((eb) => ({ booked: eb("booked", "+", 1) }))
    .where("venue_id", "=", key.venue_id)
    .where("guide_code", "=", key.guide_code)
    .where("slot_date", "=", key.slot_date)
    .where("slot_start", "=", key.slot_start)
    .where("booked", "<", capacity)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseSlotPlace(
  db: Kysely<Database>,
  key: { venue_id: number; guide_code: string; slot_date: string; slot_start: string },
) {
  await db
    .updateTable("appointment_slot_counts")
    .set((eb) => ({ booked: eb("booked", "-", 1) }))
    .where("venue_id", "=", key.venue_id)
    .where("guide_code", "=", key.guide_code)
    .where("slot_date", "=", key.slot_date)
    .where("slot_start", "=", key.slot_start)
    .where("booked", ">", 0)
    .execute();
}

export async function insertAppointment(
  db: Kysely<Database>,
  a: {
    id: string;
    venue_id: number;
    guide_code: string;
    applicant_id: string;
    slot_date: string;
    slot_start: string;
    slot_end: string;
    status: "booked";
    created_at: Date;
  },
) {
  return db.insertInto("appointments").values(a).returningAll().executeTakeFirstOrThrow();
}

export async function findAppointment(db: Kysely<Database>, id: string) {
  return db.selectFrom("appointments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAppointmentsOf(db: Kysely<Database>, applicantId: string) {
  return db
    .selectFrom("appointments")
    .selectAll()
    .where("applicant_id", "=", applicantId)
    .orderBy("slot_date", "desc")
    .orderBy("slot_start", "desc")
    .limit(100)
    .execute();
}

export async function updateAppointmentStatus(
  db: Kysely<Database>,
  id: string,
  from: "booked",
  patch: { status: "cancelled" | "checked_in" | "no_show"; cancelled_at?: Date; checked_in_at?: Date },
): Promise<boolean> {
  const r = await db
    .updateTable("appointments")
    .set(patch)
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function appointmentsToRemind(db: Kysely<Database>, date: string, limit: number) {
  return db
    .selectFrom("appointments")
    .select(["id", "applicant_id", "venue_id", "slot_date", "slot_start"])
    .where("status", "=", "booked")
    .where("slot_date", "=", date)
    .where("reminded_at", "is", null)
    .limit(limit)
    .execute();
}

export async function markReminded(db: Kysely<Database>, id: string, at: Date) {
  await db.updateTable("appointments").set({ reminded_at: at }).where("id", "=", id).execute();
}

export async function pastBookedAppointments(db: Kysely<Database>, before: string, limit: number) {
  return db
    .selectFrom("appointments")
    .select(["id", "venue_id"])
    .where("status", "=", "booked")
    .where("slot_date", "<", before)
    .limit(limit)
    .execute();
}

// --- queue ---

export async function nextTicketSeq(db: Kysely<Database>, venueId: number, date: string): Promise<number> {
  const r = await db
    .insertInto("queue_counters")
    .values({ venue_id: venueId, service_date: date, last_seq: 1 })
    .onConflict((oc) =>
      oc
        .columns(["venue_id", "service_date"])
        .doUpdateSet((eb) => ({ last_seq: eb("queue_counters.last_seq", "+", 1) })),
    )
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return r.last_seq;
}

export async function insertTicket(
  db: Kysely<Database>,
  t: {
    id: string;
    venue_id: number;
    service_date: string;
    seq: number;
    number: string;
    source: "appointment" | "walk_in";
    appointment_id: string | null;
    applicant_id: string | null;
    guide_code: string | null;
    window_kind: WindowKind;
    priority_group: string | null;
    status: "waiting";
    issued_at: Date;
  },
) {
  return db.insertInto("queue_tickets").values(t).returningAll().executeTakeFirstOrThrow();
}

export async function findTicket(db: Kysely<Database>, id: string) {
  return db.selectFrom("queue_tickets").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Waiting tickets a window may call (its kind), locked so that two windows never call the same one. */
export async function waitingTicketsFor(
  db: Kysely<Database>,
  venueId: number,
  date: string,
  kind: WindowKind,
) {
  return db
    .selectFrom("queue_tickets")
    .selectAll()
    .where("venue_id", "=", venueId)
    .where("service_date", "=", date)
    .where("status", "=", "waiting")
    .where("window_kind", "=", kind)
    .orderBy("seq")
    .limit(500)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function setTicketStatus(
  db: Kysely<Database>,
  id: string,
  from: TicketStatus[],
  patch: { status: TicketStatus; window_id?: number; called_at?: Date; finished_at?: Date },
): Promise<boolean> {
  const r = await db
    .updateTable("queue_tickets")
    .set(patch)
    .where("id", "=", id)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function calledTicketsOfWindow(db: Kysely<Database>, windowId: number) {
  return db
    .selectFrom("queue_tickets")
    .select(["id"])
    .where("window_id", "=", windowId)
    .where("status", "=", "called")
    .execute();
}

export async function ticketsOfDay(db: Kysely<Database>, venueId: number, date: string) {
  return db
    .selectFrom("queue_tickets as t")
    .leftJoin("hall_windows as w", "w.id", "t.window_id")
    .select([
      "t.id",
      "t.number",
      "t.seq",
      "t.source",
      "t.priority_group",
      "t.status",
      "t.window_kind",
      "t.issued_at",
      "t.called_at",
      "t.finished_at",
      "w.number as window_number",
    ])
    .where("t.venue_id", "=", venueId)
    .where("t.service_date", "=", date)
    .orderBy("t.seq")
    .execute();
}

// --- administration: 委托受理 removal, per-slot changes ---

/** A delegation, removed or not. */
export async function findDelegation(db: Kysely<Database>, id: number) {
  return db.selectFrom("hall_delegations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks a delegation removed unless it already is (a guarded update: two admins never both remove it). */
export async function revokeDelegationOnce(db: Kysely<Database>, id: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("hall_delegations")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Booked appointments of an item at a hall from a day on. */
export async function countBookedFrom(
  db: Kysely<Database>,
  venueId: number,
  guideCode: string,
  from: string,
): Promise<number> {
  const r = await db
    .selectFrom("appointments")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("venue_id", "=", venueId)
    .where("guide_code", "=", guideCode)
    .where("status", "=", "booked")
    .where("slot_date", ">=", from)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listSlotOverrides(db: Kysely<Database>, venueId: number, from: string, to: string) {
  return db
    .selectFrom("appointment_slot_overrides")
    .selectAll()
    .where("venue_id", "=", venueId)
    .where("slot_date", ">=", from)
    .where("slot_date", "<=", to)
    .execute();
}

export async function upsertSlotOverride(
  db: Kysely<Database>,
  o: {
    venue_id: number;
    slot_date: string;
    regular_start: string;
    start_time: string;
    end_time: string;
    capacity_per_window: number | null;
    is_closed: boolean;
    updated_at: Date;
  },
) {
  await db
    .insertInto("appointment_slot_overrides")
    .values(o)
    .onConflict((oc) =>
      oc.columns(["venue_id", "slot_date", "regular_start"]).doUpdateSet({
        start_time: o.start_time,
        end_time: o.end_time,
        capacity_per_window: o.capacity_per_window,
        is_closed: o.is_closed,
        updated_at: o.updated_at,
      }),
    )
    .execute();
}

/** The places booked in one slot, per item, locked so that two changes of the slot run one after the other. */
export async function lockSlotCounts(db: Kysely<Database>, venueId: number, date: string, start: string) {
  return db
    .selectFrom("appointment_slot_counts")
    .select(["guide_code", "booked"])
    .where("venue_id", "=", venueId)
    .where("slot_date", "=", date)
    .where("slot_start", "=", start)
    .orderBy("guide_code")
    .forUpdate()
    .execute();
}

/**
 * Serialises everything that changes one slot of one day (a booking, an administrator's change) for
 * the rest of the transaction: a transaction-scoped advisory lock on the slot's key.
 */
export async function lockSlot(db: Kysely<Database>, venueId: number, date: string, start: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`slot:${venueId}:${date}:${start}`}))`.execute(db);
}
