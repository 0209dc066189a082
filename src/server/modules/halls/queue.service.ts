import { randomUUID } from "node:crypto";
import { chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { assertCan, can } from "../../access/access.policy.js";
import { toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { WindowKind } from "../../db/tables.js";
import { nowOf, type Deps } from "../../http/context.js";
import {
  calledTicketsOfWindow,
  findAppointment,
  findTicket,
  findWindow,
  insertTicket,
  nextTicketSeq,
  setTicketStatus,
  ticketsOfDay,
  updateAppointmentStatus,
  waitingTicketsFor,
} from "./halls.queries.js";
import {
  PRIORITY_GROUPS,
  WINDOW_KINDS,
  compareTickets,
  percentile,
  ticketNumber,
  type PriorityGroup,
} from "./halls.rules.js";
import { loadVenue } from "./halls.service.js";

type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

function ticketDto(t: TicketRow, ahead?: number) {
  return {
    id: t.id,
    number: t.number,
    hallId: t.venue_id,
    date: t.service_date,
    source: t.source,
    windowKind: t.window_kind,
    priorityGroup: t.priority_group,
    status: t.status,
    windowId: t.window_id,
    issuedAt: t.issued_at.toISOString(),
    calledAt: t.called_at?.toISOString() ?? null,
    ...(ahead === undefined ? {} : { ahead }),
  };
}

/**
 * 取号: a ticket for today, by appointment (checks the appointment in) or as a walk-in (at the kiosk,
 * anonymous allowed; an appointment is never required). Green-channel groups (条例 40) are called
 * first; the window clerk confirms the group at the window.
 * @throws AppError NOT_FOUND (hall, appointment), INVALID_STATE (appointment not for today/here).
 */
export async function takeTicket(
  actor: Actor,
  input: {
    hallId: number;
    appointmentId?: string;
    guideCode?: string;
    windowKind?: WindowKind;
    priorityGroup?: PriorityGroup;
  },
  deps: Deps,
) {
  const v = await loadVenue(deps.db, input.hallId);
  const now = nowOf(deps);
  const today = chinaDate(now);
  let applicantId: string | null = actor.kind === "user" && actor.userKind !== "staff" ? actor.id : null;
  let guideCode = input.guideCode ?? null;
  if (input.appointmentId !== undefined) {
    const a = /^[0-9a-f-]{36}$/.test(input.appointmentId)
      ? await findAppointment(deps.db, input.appointmentId)
      : undefined;
    const isOwner = a !== undefined && actor.kind === "user" && actor.id === a.applicant_id;
    const isClerk = can(actor, "case.intake", { regionCode: v.region_code });
    if (a === undefined || !(isOwner || isClerk))
      throw new AppError("NOT_FOUND", "halls.appointmentNotFound");
    if (a.venue_id !== v.id || a.slot_date !== today || a.status !== "booked")
      throw new AppError("INVALID_STATE", "halls.appointmentNotToday");
    applicantId = a.applicant_id;
    guideCode = a.guide_code;
  }
  const kind = input.windowKind ?? "comprehensive";
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    if (input.appointmentId !== undefined) {
      if (
        !(await updateAppointmentStatus(trx, input.appointmentId, "booked", {
          status: "checked_in",
          checked_in_at: now,
        }))
      )
        throw new AppError("INVALID_STATE", "halls.appointmentNotToday");
    }
    const seq = await nextTicketSeq(trx, v.id, today);
    await insertTicket(trx, {
      id,
      venue_id: v.id,
      service_date: today,
      seq,
      number: ticketNumber(kind, seq, input.priorityGroup !== undefined),
      source: input.appointmentId === undefined ? "walk_in" : "appointment",
      appointment_id: input.appointmentId ?? null,
      applicant_id: applicantId,
      guide_code: guideCode,
      window_kind: kind,
      priority_group: input.priorityGroup ?? null,
      status: "waiting",
      issued_at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "queue.ticket",
      entityType: "queue_ticket",
      entityId: id,
      after: {
        hallId: v.id,
        seq,
        kind,
        priority: input.priorityGroup ?? null,
        appointment: input.appointmentId ?? null,
      },
      requestId: actor.requestId ?? null,
    });
  });
  const t = (await findTicket(deps.db, id))!;
  const waiting = await ticketsOfDay(deps.db, v.id, today);
  const ahead = waiting.filter(
    (x) =>
      x.status === "waiting" &&
      x.window_kind === kind &&
      x.id !== id &&
      compareTickets(
        { seq: x.seq, source: x.source, priorityGroup: x.priority_group },
        { seq: t.seq, source: t.source, priorityGroup: t.priority_group },
      ) < 0,
  ).length;
  return ticketDto(t, ahead);
}

/**
 * 叫号: the window calls its next ticket (green channel, then appointments, then walk-ins); the
 * ticket it was serving is finished. Clerks of the hall's region.
 * @throws AppError FORBIDDEN, NOT_FOUND (window), INVALID_STATE (window closed); null when nobody waits.
 */
export async function callNext(actor: Actor, windowId: number, deps: Deps) {
  const w = await findWindow(deps.db, windowId);
  if (w === undefined) throw new AppError("NOT_FOUND", "halls.windowNotFound");
  const v = await loadVenue(deps.db, w.venue_id);
  assertCan(actor, "case.intake", { regionCode: v.region_code });
  if (!w.is_active) throw new AppError("INVALID_STATE", "halls.windowClosed");
  const now = nowOf(deps);
  const today = chinaDate(now);
  const calledId = await deps.db.transaction().execute(async (trx) => {
    for (const c of await calledTicketsOfWindow(trx, windowId))
      await setTicketStatus(trx, c.id, ["called"], { status: "done", finished_at: now });
    const waiting = await waitingTicketsFor(trx, v.id, today, w.kind);
    const next = [...waiting].sort((a, b) =>
      compareTickets(
        { seq: a.seq, source: a.source, priorityGroup: a.priority_group },
        { seq: b.seq, source: b.source, priorityGroup: b.priority_group },
      ),
    )[0];
    if (next === undefined) return null;
    await setTicketStatus(trx, next.id, ["waiting"], {
      status: "called",
      window_id: windowId,
      called_at: now,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "queue.call",
      entityType: "queue_ticket",
      entityId: next.id,
      after: { windowId, number: next.number },
      requestId: actor.requestId ?? null,
    });
    return next.id;
  });
  return { ticket: calledId === null ? null : ticketDto((await findTicket(deps.db, calledId))!) };
}

/**
 * Finishes a called ticket (served) or marks it skipped (did not come to the window).
 * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE.
 */
export async function finishTicket(
  actor: Actor,
  id: string,
  input: { outcome: "done" | "skipped" },
  deps: Deps,
) {
  const t = /^[0-9a-f-]{36}$/.test(id) ? await findTicket(deps.db, id) : undefined;
  if (t === undefined) throw new AppError("NOT_FOUND", "halls.ticketNotFound");
  const v = await loadVenue(deps.db, t.venue_id);
  assertCan(actor, "case.intake", { regionCode: v.region_code });
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await setTicketStatus(trx, id, ["called"], { status: input.outcome, finished_at: now })))
      throw new AppError("INVALID_STATE", "halls.ticketNotCalled");
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: `queue.${input.outcome}`,
      entityType: "queue_ticket",
      entityId: id,
      before: { status: "called" },
      after: { status: input.outcome },
      requestId: actor.requestId ?? null,
    });
  });
  return ticketDto((await findTicket(deps.db, id))!);
}

/** What the hall's screen shows: the tickets being called and how many wait per window kind. */
export async function hallBoard(hallId: number, deps: Deps) {
  const v = await loadVenue(deps.db, hallId);
  const today = chinaDate(nowOf(deps));
  const tickets = await ticketsOfDay(deps.db, hallId, today);
  const called = tickets
    .filter((t) => t.status === "called")
    .sort((a, b) => (b.called_at?.getTime() ?? 0) - (a.called_at?.getTime() ?? 0))
    .map((t) => ({ number: t.number, window: t.window_number ?? "" }));
  const waiting = Object.entries(WINDOW_KINDS)
    .map(([kind, k]) => ({
      kind,
      kindName: k.name,
      count: tickets.filter((t) => t.status === "waiting" && t.window_kind === kind).length,
    }))
    .filter((x) => x.count > 0);
  return { hallName: v.name, date: today, called, waiting };
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The hall display page: server-rendered, refreshes itself, large type (适老化). */
export function renderBoard(b: Awaited<ReturnType<typeof hallBoard>>): string {
  const rows = b.called
    .slice(0, 8)
    .map((c) => `<tr><td class="n">${esc(c.number)}</td><td>请到 ${esc(c.window)} 号窗口</td></tr>`)
    .join("");
  const waits = b.waiting.map((w) => `<li>${esc(w.kindName)}：等候 ${w.count} 人</li>`).join("");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(b.hallName)} 叫号</title>
<style>body{font-family:sans-serif;background:#0b2545;color:#fff;margin:0;padding:2rem;font-size:2rem}
h1{font-size:2.6rem;margin:0 0 1rem}table{width:100%;border-collapse:collapse}td{padding:.5rem;border-bottom:1px solid #4a6fa5}
.n{font-size:3.2rem;font-weight:bold;color:#ffd166;width:30%}ul{list-style:none;padding:0}</style></head>
<body><h1>${esc(b.hallName)}</h1><p>${esc(b.date)}</p>
<table aria-live="polite"><tbody>${rows || '<tr><td colspan="2">暂无叫号</td></tr>'}</tbody></table>
<ul>${waits}</ul></body></html>`;
}

/**
 * Waiting-time statistics of a day (hall staff and supervisors of its region): tickets issued,
 * served, skipped, waiting, and waiting minutes (average, p50, p90) overall and per window kind.
 * @throws AppError FORBIDDEN, NOT_FOUND.
 */
export async function queueStats(actor: Actor, hallId: number, date: string | undefined, deps: Deps) {
  const v = await loadVenue(deps.db, hallId);
  if (!can(actor, "case.intake", { regionCode: v.region_code }))
    assertCan(actor, "supervision.read", { regionCode: v.region_code });
  const day = date ?? chinaDate(nowOf(deps));
  const tickets = await ticketsOfDay(deps.db, hallId, day);
  const summarise = (list: typeof tickets) => {
    const waits = list
      .filter((t) => t.called_at !== null)
      .map((t) => (t.called_at!.getTime() - t.issued_at.getTime()) / 60_000)
      .sort((a, b) => a - b);
    const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    return {
      issued: list.length,
      served: list.filter((t) => t.status === "done").length,
      skipped: list.filter((t) => t.status === "skipped").length,
      waiting: list.filter((t) => t.status === "waiting").length,
      priority: list.filter((t) => t.priority_group !== null).length,
      byAppointment: list.filter((t) => t.source === "appointment").length,
      avgWaitMinutes: round(waits.length === 0 ? null : waits.reduce((s, x) => s + x, 0) / waits.length),
      p50WaitMinutes: round(percentile(waits, 50)),
      p90WaitMinutes: round(percentile(waits, 90)),
    };
  };
  const kinds = [...new Set(tickets.map((t) => t.window_kind))];
  return {
    hallId,
    date: day,
    overall: summarise(tickets),
    byWindowKind: kinds.map((k) => ({ kind: k, ...summarise(tickets.filter((t) => t.window_kind === k)) })),
  };
}

export const PRIORITY_GROUP_CODES = Object.keys(PRIORITY_GROUPS) as [PriorityGroup, ...PriorityGroup[]];
