import type { Kysely } from "kysely";
import {
  CalendarCoverageError,
  PACKAGE_YEARS,
  WorkCalendar,
  addDays,
  daysBetween,
  isIsoDate,
  isRegionCode,
  type IsoDate,
} from "../../../shared/calendar.js";
import { MAX_RANGE_DAYS, type DueDateQuery, type WorkdaysQuery } from "../../../shared/contracts/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { assertCan } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import { toAuditActor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import type { Database } from "../../db/tables.js";
import {
  findOverride,
  insertDeclaredYear,
  listDeclaredYears,
  listOverrides,
  upsertOverride,
} from "./calendar.queries.js";

/** '653101' → ['', '65', '6531', '653101']: the regions whose overrides apply to a region. */
export function regionChain(regionCode: string): string[] {
  const chain = [""];
  for (const len of [2, 4, 6, 9, 12]) if (regionCode.length >= len) chain.push(regionCode.slice(0, len));
  return chain;
}

/**
 * The working calendar of a region for dates from `from` to `until`: package data, declared years
 * and the overrides of the region and its ancestors.
 */
export async function loadCalendar(
  db: Kysely<Database>,
  regionCode: string,
  from: IsoDate,
  until: IsoDate,
): Promise<WorkCalendar> {
  const [declaredYears, overrides] = await Promise.all([
    listDeclaredYears(db),
    listOverrides(db, regionChain(regionCode), from, until),
  ]);
  return new WorkCalendar({ declaredYears, overrides, regionCode });
}

function coverageError(err: CalendarCoverageError): AppError {
  const years = err.coveredYears;
  const covered = years.length === 0 ? "无" : `${years[0]}–${years[years.length - 1]}`;
  return new AppError(
    "OUT_OF_RANGE",
    "calendar.yearNotCovered",
    { year: err.year, covered },
    {
      year: err.year,
      coveredYears: years,
    },
  );
}

function withCoverage<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof CalendarCoverageError) throw coverageError(err);
    throw err;
  }
}

/**
 * The date on which the N-th working day after `from` falls (the day of acceptance does not count).
 * @throws AppError OUT_OF_RANGE when the computation reaches a year without holiday data.
 */
export async function getDueDate(_actor: Actor, q: DueDateQuery, db: Kysely<Database>) {
  const region = q.region ?? "";
  // N working days never span more than ~N*7/5 calendar days plus the longest holiday run.
  const calendar = await loadCalendar(db, region, q.from, addDays(q.from, Math.ceil(q.workdays * 1.6) + 60));
  const dueDate = withCoverage(() => calendar.addWorkdays(q.from, q.workdays));
  return { from: q.from, workdays: q.workdays, region: q.region ?? null, dueDate };
}

/**
 * Working days in the closed range [from, to], and the list.
 * @throws AppError VALIDATION_FAILED for a reversed or too long range; OUT_OF_RANGE past the data.
 */
export async function countWorkdays(_actor: Actor, q: WorkdaysQuery, db: Kysely<Database>) {
  const span = daysBetween(q.from, q.to);
  if (span < 0)
    throw new AppError("VALIDATION_FAILED", "calendar.rangeReversed", {}, [
      { path: "to", message: "calendar.rangeReversed" },
    ]);
  if (span > MAX_RANGE_DAYS)
    throw new AppError("VALIDATION_FAILED", "calendar.rangeTooLong", {}, [
      { path: "to", message: "calendar.rangeTooLong" },
    ]);
  const calendar = await loadCalendar(db, q.region ?? "", q.from, q.to);
  const workdays = withCoverage(() => calendar.workdaysIn(q.from, q.to));
  return { from: q.from, to: q.to, region: q.region ?? null, count: workdays.length, workdays };
}

export interface OverrideInput {
  day: IsoDate;
  /** '' for a nationwide change (State Council notice), else a division code. */
  regionCode: string;
  isWorkday: boolean;
  name: string;
}

function assertOverrideShape(o: OverrideInput): void {
  if (!isIsoDate(o.day))
    throw new AppError("VALIDATION_FAILED", "calendar.invalidDate", {}, [
      { path: "day", message: "calendar.invalidDate" },
    ]);
  if (o.regionCode !== "" && !isRegionCode(o.regionCode)) {
    throw new AppError("VALIDATION_FAILED", "calendar.invalidRegion", {}, [
      { path: "regionCode", message: "calendar.invalidRegion" },
    ]);
  }
  if (o.name.trim() === "")
    throw new AppError("VALIDATION_FAILED", "error.validation", {}, [
      { path: "name", message: "name is required" },
    ]);
}

/**
 * Sets (or replaces) one day's override for a region, e.g. a regional holiday decided by the
 * autonomous region. Only for years that already have data: a year is first declared whole.
 * @throws AppError VALIDATION_FAILED for bad input; OUT_OF_RANGE for a year without data.
 */
export async function setOverride(actor: Actor, input: OverrideInput, db: Kysely<Database>) {
  assertOverrideShape(input);
  const year = Number(input.day.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const declared = await listDeclaredYears(trx);
    if (!PACKAGE_YEARS.includes(year) && !declared.includes(year)) {
      throw new AppError("OUT_OF_RANGE", "calendar.overrideYearNotCovered", { year });
    }
    const before = await findOverride(trx, input.day, input.regionCode);
    const after = await upsertOverride(trx, {
      ...input,
      createdBy: actor.kind === "anonymous" ? null : actor.id,
    });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "calendar.override.set",
      entityType: "calendar_override",
      entityId: after.id,
      before,
      after,
      requestId: actor.requestId ?? null,
    });
    return after;
  });
}

export interface DeclareYearInput {
  year: number;
  /** The notice this comes from, e.g. 国办发明电〔2026〕X号. */
  source: string;
  /** Every nationwide holiday and make-up working day of the year. */
  days: { day: IsoDate; isWorkday: boolean; name: string }[];
}

/**
 * Declares a year the holiday package does not cover yet, with all its nationwide holidays and
 * make-up days at once, so computations never see a half-entered year.
 * @throws AppError CONFLICT when the year already has data; VALIDATION_FAILED for a day outside it.
 */
export async function declareYear(actor: Actor, input: DeclareYearInput, db: Kysely<Database>) {
  for (const d of input.days) {
    assertOverrideShape({ ...d, regionCode: "" });
    if (Number(d.day.slice(0, 4)) !== input.year) {
      throw new AppError("VALIDATION_FAILED", "error.validation", {}, [
        { path: "days", message: `${d.day} 不在 ${input.year} 年内` },
      ]);
    }
  }
  return db.transaction().execute(async (trx) => {
    const declared = await listDeclaredYears(trx);
    if (PACKAGE_YEARS.includes(input.year) || declared.includes(input.year)) {
      throw new AppError("CONFLICT", "error.conflict", {}, { year: input.year });
    }
    const by = actor.kind === "anonymous" ? null : actor.id;
    await insertDeclaredYear(trx, input.year, input.source, by);
    for (const d of input.days) await upsertOverride(trx, { ...d, regionCode: "", createdBy: by });
    await recordAudit(trx, {
      actor: toAuditActor(actor),
      action: "calendar.year.declare",
      entityType: "calendar_year",
      entityId: input.year,
      after: input,
      requestId: actor.requestId ?? null,
    });
    return { year: input.year, days: input.days.length };
  });
}

/**
 * For other modules: the N-th working day after `from` in a region's calendar.
 * @throws AppError OUT_OF_RANGE past the holiday data.
 */
export async function addWorkdaysInRegion(
  db: Kysely<Database>,
  regionCode: string,
  from: IsoDate,
  workdays: number,
): Promise<IsoDate> {
  const calendar = await loadCalendar(db, regionCode, from, addDays(from, Math.ceil(workdays * 1.6) + 60));
  return withCoverage(() => calendar.addWorkdays(from, workdays));
}

/**
 * For other modules: working days elapsed after `from` up to `to` (how much of a limit is used).
 * @throws AppError OUT_OF_RANGE past the holiday data.
 */
export async function workdaysElapsedInRegion(
  db: Kysely<Database>,
  regionCode: string,
  from: IsoDate,
  to: IsoDate,
): Promise<number> {
  const calendar = await loadCalendar(db, regionCode, from, to);
  return withCoverage(() => calendar.workdaysElapsed(from, to));
}

/** Nationwide days ('' region) are decided for the whole platform: an administrator of 新疆 (65). */
function adminTarget(regionCode: string): { regionCode: string } {
  return { regionCode: regionCode === "" ? "65" : regionCode };
}

/**
 * Administration: a year's overrides that apply to a region (its chain up to nationwide) and
 * whether the year has holiday data at all (chinese-days covers only the years it ships).
 * @throws AppError UNAUTHENTICATED, FORBIDDEN outside the administrator's region.
 */
export async function adminCalendar(actor: Actor, q: { year: number; region: string }, db: Kysely<Database>) {
  assertCan(actor, "admin.manage", adminTarget(q.region === "" ? "" : q.region));
  const declared = await listDeclaredYears(db);
  const overrides = await listOverrides(db, regionChain(q.region), `${q.year}-01-01`, `${q.year}-12-31`);
  overrides.sort((a, b) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : a.regionCode.length - b.regionCode.length,
  );
  return {
    year: q.year,
    region: q.region,
    isCovered: PACKAGE_YEARS.includes(q.year) || declared.includes(q.year),
    isDeclared: declared.includes(q.year),
    overrides,
  };
}

/** @throws AppError FORBIDDEN unless an administrator of 新疆; CONFLICT, VALIDATION_FAILED as declareYear. */
export async function adminDeclareYear(actor: Actor, input: DeclareYearInput, db: Kysely<Database>) {
  assertCan(actor, "admin.manage", adminTarget(""));
  return declareYear(actor, input, db);
}

/** @throws AppError FORBIDDEN outside the administrator's region; as setOverride otherwise. */
export async function adminSetOverride(actor: Actor, input: OverrideInput, db: Kysely<Database>) {
  assertCan(actor, "admin.manage", adminTarget(input.regionCode));
  const row = await setOverride(actor, input, db);
  return { day: row.day, regionCode: row.region_code, isWorkday: row.is_workday, name: row.name };
}
