import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };

/**
 * Working-day arithmetic (SPEC §7). Pure: no clock, no I/O — the caller passes the dates and the
 * admin overrides. National holidays and 调休 make-up working days come from the `chinese-days`
 * package; a year it does not cover must be declared by an admin (State Council notice), otherwise
 * every computation touching that year is refused rather than silently falling back to Mon–Fri.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface CalendarOverride {
  day: IsoDate;
  /** '' = nationwide; otherwise a division code (2/4/6/9/12 digits) whose subtree it applies to. */
  regionCode: string;
  isWorkday: boolean;
  name: string;
}

export interface CalendarInput {
  /** Years an admin declared complete (their holidays entered as overrides). */
  declaredYears: readonly number[];
  /** Overrides; only those whose region contains `regionCode` are applied, the most specific first. */
  overrides: readonly CalendarOverride[];
  /** The region whose calendar this is ('' or omitted = national). */
  regionCode?: string;
}

export interface DayInfo {
  date: IsoDate;
  isWorkday: boolean;
  /** Why it is (not) a working day: holiday name, 调休, 周末, or the override's name. */
  reason: string;
  source: "package" | "override" | "weekday";
}

export class CalendarCoverageError extends Error {
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(`no holiday data for ${year}`);
    this.name = "CalendarCoverageError";
  }
}

const data = chineseDays as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** Years for which the package carries the State Council's schedule. */
export const PACKAGE_YEARS: readonly number[] = [
  ...new Set(
    [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) => Number(d.slice(0, 4))),
  ),
].sort((a, b) => a - b);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is false). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Division codes: 2 (省), 4 (地), 6 (县), 9 (乡), 12 (村) digits. */
export function isRegionCode(value: string): boolean {
  return /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/.test(value);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function holidayName(raw: string): string {
  return raw.split(",")[1] ?? raw;
}

export class WorkCalendar {
  readonly coveredYears: readonly number[];
  readonly regionCode: string;
  readonly #covered: ReadonlySet<number>;
  readonly #overrides: ReadonlyMap<IsoDate, CalendarOverride>;

  constructor(input: CalendarInput) {
    this.regionCode = input.regionCode ?? "";
    const covered = new Set([...PACKAGE_YEARS, ...input.declaredYears]);
    this.#covered = covered;
    this.coveredYears = [...covered].sort((a, b) => a - b);
    const applicable = input.overrides
      .filter((o) => this.regionCode.startsWith(o.regionCode))
      // most specific region last, so it wins in the map
      .sort((a, b) => a.regionCode.length - b.regionCode.length);
    this.#overrides = new Map(applicable.map((o) => [o.day, o]));
  }

  isCovered(year: number): boolean {
    return this.#covered.has(year);
  }

  /** @throws CalendarCoverageError when the date's year has no holiday data. */
  day(date: IsoDate): DayInfo {
    const year = Number(date.slice(0, 4));
    if (!this.#covered.has(year)) throw new CalendarCoverageError(year, this.coveredYears);
    const override = this.#overrides.get(date);
    if (override !== undefined) {
      return { date, isWorkday: override.isWorkday, reason: override.name, source: "override" };
    }
    const makeUp = data.workdays[date];
    if (makeUp !== undefined)
      return { date, isWorkday: true, reason: `${holidayName(makeUp)}调休上班`, source: "package" };
    const holiday = data.holidays[date];
    if (holiday !== undefined)
      return { date, isWorkday: false, reason: holidayName(holiday), source: "package" };
    const wd = weekday(date);
    const isWeekend = wd === 0 || wd === 6;
    return { date, isWorkday: !isWeekend, reason: isWeekend ? "周末" : "工作日", source: "weekday" };
  }

  isWorkday(date: IsoDate): boolean {
    return this.day(date).isWorkday;
  }

  /**
   * The date on which the n-th working day after `from` falls; `from` itself (the day of
   * acceptance) does not count (行政许可法 §82). n = 0 gives `from`.
   */
  addWorkdays(from: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a non-negative integer");
    let date = from;
    let counted = 0;
    while (counted < n) {
      date = addDays(date, 1);
      if (this.isWorkday(date)) counted++;
    }
    return date;
  }

  /** Working days in the closed range [from, to], in order. */
  workdaysIn(from: IsoDate, to: IsoDate): IsoDate[] {
    const out: IsoDate[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      if (this.isWorkday(date)) out.push(date);
    }
    return out;
  }

  /**
   * Working days elapsed after `from` up to and including `to` (0 when `to` ≤ `from`): how much of a
   * time limit is used, for warnings (e.g. yellow at 80 %).
   */
  workdaysElapsed(from: IsoDate, to: IsoDate): number {
    if (to <= from) return 0;
    return this.workdaysIn(addDays(from, 1), to).length;
  }
}

/** The calendar date in China (UTC+8, the official time in Xinjiang too) of an instant. */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
