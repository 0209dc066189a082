import { describe, expect, it } from "vitest";
import {
  CalendarCoverageError,
  PACKAGE_YEARS,
  WorkCalendar,
  addDays,
  isIsoDate,
  isRegionCode,
  type CalendarOverride,
} from "../../src/shared/calendar.js";

const national = new WorkCalendar({ declaredYears: [], overrides: [] });

describe("date helpers", () => {
  it("accept only real YYYY-MM-DD dates", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-2-1")).toBe(false);
    expect(isIsoDate("tomorrow")).toBe(false);
  });
  it("add days across month and year ends", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("recognise 2/4/6/9/12-digit division codes", () => {
    for (const ok of ["65", "6531", "653101", "653101001", "653101001001"])
      expect(isRegionCode(ok)).toBe(true);
    for (const bad of ["6", "653", "65310100", "6531010010011", "65a1"])
      expect(isRegionCode(bad)).toBe(false);
  });
});

describe("package coverage", () => {
  it("covers 2004 through 2026 from chinese-days", () => {
    expect(PACKAGE_YEARS[0]).toBe(2004);
    expect(PACKAGE_YEARS).toContain(2026);
    expect(national.isCovered(2027)).toBe(false);
  });
});

describe("due dates across the 2026 Spring Festival (2/15–2/23 off, 2/14 and 2/28 make-up days)", () => {
  it.each([
    [1, "2026-02-13"],
    [2, "2026-02-14"], // Saturday, make-up working day
    [3, "2026-02-24"], // the whole holiday is skipped
    [5, "2026-02-26"],
    [7, "2026-02-28"], // Saturday, make-up working day
    [8, "2026-03-02"],
  ])("%i working days after Thursday 2026-02-12 → %s", (n, expected) => {
    expect(national.addWorkdays("2026-02-12", n)).toBe(expected);
  });

  it("the day of acceptance does not count, 0 days is the same day", () => {
    expect(national.addWorkdays("2026-02-13", 0)).toBe("2026-02-13");
    expect(national.addWorkdays("2026-02-13", 1)).toBe("2026-02-14");
  });
});

describe("due dates across Mid-Autumn and National Day 2026 (9/25–27 and 10/1–7 off, 9/20 and 10/10 make-up days)", () => {
  it.each([
    [1, "2026-09-20"], // Sunday, make-up working day
    [5, "2026-09-24"],
    [6, "2026-09-28"], // Mid-Autumn skipped
    [8, "2026-09-30"],
    [9, "2026-10-08"], // National Day skipped
    [11, "2026-10-10"], // Saturday, make-up working day
    [12, "2026-10-12"],
  ])("%i working days after Friday 2026-09-18 → %s", (n, expected) => {
    expect(national.addWorkdays("2026-09-18", n)).toBe(expected);
  });

  it("counts working days in a closed range with the make-up days in the list", () => {
    const days = national.workdaysIn("2026-09-28", "2026-10-11");
    expect(days).toEqual([
      "2026-09-28",
      "2026-09-29",
      "2026-09-30",
      "2026-10-08",
      "2026-10-09",
      "2026-10-10",
    ]);
    expect(national.workdaysElapsed("2026-09-27", "2026-10-11")).toBe(6);
  });
});

describe("years without data", () => {
  it("refuse a due date that runs into 2027 instead of guessing Monday–Friday", () => {
    expect(() => national.addWorkdays("2026-12-20", 20)).toThrow(CalendarCoverageError);
    try {
      national.addWorkdays("2026-12-20", 20);
    } catch (err) {
      expect((err as CalendarCoverageError).year).toBe(2027);
    }
  });
  it("refuse years before the data starts", () => {
    expect(() => national.addWorkdays("2003-06-02", 1)).toThrow(CalendarCoverageError);
  });
  it("compute once an admin declared the year, with its entered holidays", () => {
    const overrides: CalendarOverride[] = [
      { day: "2027-01-01", regionCode: "", isWorkday: false, name: "元旦" },
    ];
    const cal = new WorkCalendar({ declaredYears: [2027], overrides });
    // 12-31 Thu → 1-01 Fri is the declared holiday → 1-04 Mon
    expect(cal.addWorkdays("2026-12-31", 1)).toBe("2027-01-04");
  });
});

describe("regional overrides", () => {
  const overrides: CalendarOverride[] = [
    { day: "2026-03-20", regionCode: "65", isWorkday: false, name: "测试：自治区地方假日" },
    { day: "2026-03-20", regionCode: "6542", isWorkday: true, name: "测试：塔城地区照常上班" },
    { day: "2026-03-21", regionCode: "", isWorkday: true, name: "测试：全国调休" },
  ];

  it("apply in the region's subtree only", () => {
    const kashgarCity = new WorkCalendar({ declaredYears: [], overrides, regionCode: "653101" });
    const beijing = new WorkCalendar({ declaredYears: [], overrides, regionCode: "110101" });
    expect(kashgarCity.isWorkday("2026-03-20")).toBe(false);
    expect(beijing.isWorkday("2026-03-20")).toBe(true);
    // Thursday 03-19 + 1: Kashgar skips Friday's regional holiday and works the national Saturday override
    expect(kashgarCity.addWorkdays("2026-03-19", 1)).toBe("2026-03-21");
    expect(beijing.addWorkdays("2026-03-19", 1)).toBe("2026-03-20");
  });

  it("let the most specific region win", () => {
    const tacheng = new WorkCalendar({ declaredYears: [], overrides, regionCode: "654201" });
    expect(tacheng.day("2026-03-20")).toMatchObject({ isWorkday: true, source: "override" });
  });

  it("explain each day", () => {
    expect(national.day("2026-02-17")).toMatchObject({ isWorkday: false, reason: "春节", source: "package" });
    expect(national.day("2026-02-14")).toMatchObject({ isWorkday: true, reason: "春节调休上班" });
    expect(national.day("2026-11-22")).toMatchObject({ isWorkday: false, reason: "周末", source: "weekday" });
  });
});
