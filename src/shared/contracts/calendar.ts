import { z } from "zod";
import { isIsoDate, isRegionCode } from "../calendar.js";

/** Contracts of the working-day calendar API. Issue messages are catalog keys (translated by the error handler). */

export const MAX_WORKDAYS = 1000;
export const MAX_RANGE_DAYS = 1100;

const isoDate = z.string().refine(isIsoDate, { message: "calendar.invalidDate" }).describe("日期 YYYY-MM-DD");

const regionCode = z
  .string()
  .refine(isRegionCode, { message: "calendar.invalidRegion" })
  .describe("行政区划代码（2/4/6/9/12 位），地方性节假日按区划及其下级生效");

export const dueDateQuery = z.object({
  from: isoDate.describe("起算日（受理当日，不计入期限）"),
  workdays: z
    .string()
    .regex(/^\d{1,4}$/, { message: "calendar.invalidWorkdays" })
    .transform(Number)
    .refine((n) => n <= MAX_WORKDAYS, { message: "calendar.invalidWorkdays" })
    .describe("工作日数 N"),
  region: regionCode.optional(),
});

export const dueDateResponse = z.object({
  from: z.string(),
  workdays: z.number().int(),
  region: z.string().nullable(),
  dueDate: z.string().describe("第 N 个工作日所在日期"),
});

export const workdaysQuery = z.object({
  from: isoDate,
  to: isoDate,
  region: regionCode.optional(),
});

export const workdaysResponse = z.object({
  from: z.string(),
  to: z.string(),
  region: z.string().nullable(),
  count: z.number().int().describe("闭区间内的工作日数"),
  workdays: z.array(z.string()),
});

export type DueDateQuery = z.infer<typeof dueDateQuery>;
export type WorkdaysQuery = z.infer<typeof workdaysQuery>;

/** Administration: the calendar of a year as it applies to a region ('' = nationwide only). */
export const adminCalendarQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  region: z
    .string()
    .refine((c) => c === "" || isRegionCode(c), { message: "calendar.invalidRegion" })
    .default(""),
});

const overrideDay = z.object({
  day: isoDate,
  isWorkday: z.boolean().describe("true：调休上班日；false：放假"),
  name: z.string().trim().min(1).max(60).describe("节日名称，如 春节"),
});

export const adminCalendarResponse = z.object({
  year: z.number().int(),
  region: z.string(),
  isCovered: z.boolean().describe("该年已有节假日数据（程序包内置或已声明）"),
  isDeclared: z.boolean().describe("该年由管理员声明"),
  overrides: z.array(overrideDay.extend({ regionCode: z.string() })),
});

export const declareYearBody = z.object({
  year: z.number().int().min(2000).max(2100),
  source: z.string().trim().min(1).max(200).describe("依据，如 国办发明电〔2026〕X号"),
  days: z.array(overrideDay).min(1).max(80),
});

export const setOverrideBody = overrideDay.extend({
  regionCode: z
    .string()
    .refine((c) => c === "" || isRegionCode(c), { message: "calendar.invalidRegion" })
    .describe("'' 为全国；否则为地方性节假日生效的区划"),
});
