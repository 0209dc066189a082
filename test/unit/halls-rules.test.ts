import { describe, expect, it } from "vitest";
import {
  compareTickets,
  percentile,
  periodProblems,
  slotCapacity,
  slotsOfDay,
  ticketNumber,
  windowServes,
  type QueuedTicket,
} from "../../src/server/modules/halls/halls.rules.js";

describe("opening periods and slots", () => {
  it("cuts each period into whole slots", () => {
    const slots = slotsOfDay(
      [
        { start: "10:00", end: "11:00" },
        { start: "16:00", end: "16:50" },
      ],
      30,
    );
    expect(slots).toEqual([
      { start: "10:00", end: "10:30" },
      { start: "10:30", end: "11:00" },
      { start: "16:00", end: "16:30" },
    ]);
  });

  it("rejects malformed, reversed and overlapping periods", () => {
    expect(periodProblems([{ start: "10:00", end: "13:30" }])).toEqual([]);
    expect(periodProblems([{ start: "25:00", end: "26:00" }])).toEqual(["periods.0"]);
    expect(periodProblems([{ start: "13:00", end: "12:00" }])).toEqual(["periods.0"]);
    expect(
      periodProblems([
        { start: "10:00", end: "13:00" },
        { start: "12:00", end: "14:00" },
      ]),
    ).toEqual(["periods.1"]);
  });

  it("gives a slot the capacity of every window serving the item", () => {
    expect(slotCapacity(3, 2)).toBe(6);
    expect(slotCapacity(3, 0)).toBe(0);
  });

  it("a 综合窗口 without a list serves every item; other windows only what they list", () => {
    expect(windowServes({ kind: "comprehensive", items: [] }, "X")).toBe(true);
    expect(windowServes({ kind: "comprehensive", items: ["Y"] }, "X")).toBe(false);
    expect(windowServes({ kind: "cross_province", items: [] }, "X")).toBe(false);
    expect(windowServes({ kind: "cross_province", items: ["X"] }, "X")).toBe(true);
  });
});

describe("queue order (条例 40)", () => {
  const t = (
    seq: number,
    source: QueuedTicket["source"],
    priorityGroup: string | null = null,
  ): QueuedTicket => ({
    seq,
    source,
    priorityGroup,
  });

  it("calls the green channel first, then appointments, then walk-ins, each by ticket order", () => {
    const order = [
      t(1, "walk_in"),
      t(2, "appointment"),
      t(3, "walk_in", "elderly"),
      t(4, "walk_in"),
      t(5, "appointment", "military"),
    ]
      .sort(compareTickets)
      .map((x) => x.seq);
    expect(order).toEqual([3, 5, 2, 1, 4]);
  });

  it("numbers tickets by window kind, green channel with V", () => {
    expect(ticketNumber("comprehensive", 7, false)).toBe("A007");
    expect(ticketNumber("cross_province", 12, false)).toBe("B012");
    expect(ticketNumber("comprehensive", 8, true)).toBe("V008");
  });

  it("computes nearest-rank percentiles", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 90)).toBe(4);
  });
});
