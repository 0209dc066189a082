import type { WindowKind } from "../../db/tables.js";

/** Window kinds (方案 六, 条例 23). */
export const WINDOW_KINDS: Record<WindowKind, { name: string; prefix: string }> = {
  comprehensive: { name: "综合窗口", prefix: "A" },
  cross_province: { name: "跨省通办窗口", prefix: "B" },
  in_region: { name: "区内通办窗口", prefix: "C" },
  one_thing: { name: "一件事窗口", prefix: "D" },
  assisted: { name: "帮办代办窗口", prefix: "E" },
  complaint: { name: "办不成事反映窗口", prefix: "F" },
};

/** 条例 第四十条: groups served through the green channel. */
export const PRIORITY_GROUPS = {
  military: "军人",
  fire_rescue: "消防救援人员",
  medical_staff: "医护人员",
  elderly: "老年人",
  ill: "患病群众",
  disabled: "残疾人",
  pregnant: "孕妇",
} as const;
export type PriorityGroup = keyof typeof PRIORITY_GROUPS;

export interface Period {
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (m === null) throw new RangeError(`not a time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Problems with opening periods: malformed, empty, overlapping or out of order. */
export function periodProblems(periods: Period[]): string[] {
  const out: string[] = [];
  let lastEnd = -1;
  periods.forEach((p, i) => {
    if (!HHMM.test(p.start) || !HHMM.test(p.end)) {
      out.push(`periods.${i}`);
      return;
    }
    const s = minutesOf(p.start);
    const e = minutesOf(p.end);
    if (e <= s || s < lastEnd) out.push(`periods.${i}`);
    lastEnd = e;
  });
  return out;
}

/** The slots of one working day: consecutive slots of `slotMinutes` inside each period. */
export function slotsOfDay(periods: Period[], slotMinutes: number): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  for (const p of periods) {
    const end = minutesOf(p.end);
    for (let t = minutesOf(p.start); t + slotMinutes <= end; t += slotMinutes)
      out.push({ start: hhmm(t), end: hhmm(t + slotMinutes) });
  }
  return out;
}

/** A slot's capacity: what each window serving the item takes per slot, times those windows. */
export function slotCapacity(capacityPerWindow: number, servingWindows: number): number {
  return capacityPerWindow * servingWindows;
}

/** Whether a window serves an item: listed, or a 综合窗口 with no list (无差别综合窗口 serves all). */
export function windowServes(w: { kind: WindowKind; items: string[] }, guideCode: string): boolean {
  return w.items.includes(guideCode) || (w.kind === "comprehensive" && w.items.length === 0);
}

export interface QueuedTicket {
  seq: number;
  source: "appointment" | "walk_in";
  priorityGroup: string | null;
}

/**
 * The calling order: the green channel (条例 40) first, then appointments (they booked the time),
 * then walk-ins, each by ticket order. Walk-ins are never refused for lack of an appointment.
 */
export function compareTickets(a: QueuedTicket, b: QueuedTicket): number {
  const rank = (t: QueuedTicket) => (t.priorityGroup !== null ? 0 : t.source === "appointment" ? 1 : 2);
  return rank(a) - rank(b) || a.seq - b.seq;
}

export function ticketNumber(kind: WindowKind, seq: number, isPriority: boolean): string {
  return `${isPriority ? "V" : WINDOW_KINDS[kind].prefix}${String(seq).padStart(3, "0")}`;
}

/** Percentile (nearest rank) of a sorted list; null when empty. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** A per-day change of one generated slot (预约时段调整). */
export interface SlotOverride {
  regularStart: string;
  start: string;
  end: string;
  capacityPerWindow: number | null;
  isClosed: boolean;
}

export interface EffectiveSlot {
  regularStart: string;
  start: string;
  end: string;
  /** null: the hall's capacity per window */
  capacityPerWindow: number | null;
  isClosed: boolean;
}

/**
 * The slots of one day after the administrator's changes, by start time: each generated slot moved,
 * resized or closed by its override (an override of a slot no longer generated is ignored).
 */
export function effectiveSlots(
  regular: { start: string; end: string }[],
  overrides: SlotOverride[],
): EffectiveSlot[] {
  const byStart = new Map(overrides.map((o) => [o.regularStart, o]));
  return regular
    .map((s) => {
      const o = byStart.get(s.start);
      return o === undefined
        ? { regularStart: s.start, start: s.start, end: s.end, capacityPerWindow: null, isClosed: false }
        : {
            regularStart: s.start,
            start: o.start,
            end: o.end,
            capacityPerWindow: o.capacityPerWindow,
            isClosed: o.isClosed,
          };
    })
    .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
}

/** Whether [start, end) is a proper interval that overlaps none of the other open slots of the day. */
export function slotTimeProblem(
  start: string,
  end: string,
  others: { start: string; end: string; isClosed: boolean }[],
): "badTime" | "overlap" | null {
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (e <= s) return "badTime";
  for (const o of others) {
    if (o.isClosed) continue;
    if (s < minutesOf(o.end) && minutesOf(o.start) < e) return "overlap";
  }
  return null;
}
