import { addDays, chinaDate } from "../../../shared/calendar.js";
import { AppError } from "../../../shared/errors.js";
import { assertCan } from "../../access/access.policy.js";
import type { Actor } from "../../actor.js";
import { nowOf, type Deps } from "../../http/context.js";
import {
  caseStatistics,
  overdueCases,
  overdueChangeRequests,
  overdueComplaints,
  overdueRectifications,
  warningCounts,
  type GroupBy,
} from "./monitoring.queries.js";

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * 电子监察 board of a region: open cases by warning level and, of every kind, what is overdue —
 * cases, catalog change-request reviews, bad-review rectifications and complaints.
 * @throws AppError UNAUTHENTICATED, FORBIDDEN outside the supervisor's subtree.
 */
export async function supervisionBoard(actor: Actor, regionCode: string, deps: Deps) {
  assertCan(actor, "supervision.read", { regionCode });
  const today = chinaDate(nowOf(deps));
  const [warnings, cases, changeRequests, rectifications, complaints] = await Promise.all([
    warningCounts(deps.db, regionCode),
    overdueCases(deps.db, regionCode, today, 100),
    overdueChangeRequests(deps.db, regionCode, today, 100),
    overdueRectifications(deps.db, regionCode, today, 100),
    overdueComplaints(deps.db, regionCode, today, 100),
  ]);
  const count = (level: string) => Number(warnings.find((w) => w.warning_level === level)?.n ?? 0);
  return {
    regionCode,
    today,
    openCases: { normal: count("normal"), yellow: count("yellow"), red: count("red") },
    overdue: {
      cases: cases.map((c) => ({
        id: c.id,
        caseNumber: c.case_number,
        itemName: c.item_name,
        agencyId: c.agency_id,
        promisedDue: c.promised_due,
      })),
      changeRequests: changeRequests.map((r) => ({
        id: r.id,
        name: r.name,
        reviewDue: r.extended_review_due ?? r.review_due,
      })),
      rectifications: rectifications.map((r) => ({
        id: r.id,
        agencyId: r.agency_id,
        dueDate: r.due_date,
        isEscalated: r.is_escalated,
      })),
      complaints: complaints.map((c) => ({
        id: c.id,
        number: c.number,
        agencyId: c.agency_id,
        dueDate: c.due_date,
      })),
    },
  };
}

/**
 * Statistics for assessment (办法 33–35) by agency, item, channel or region over a period (Beijing
 * dates, inclusive): volumes and the rates people are measured by.
 * @throws AppError FORBIDDEN outside the supervisor's subtree; VALIDATION_FAILED for a reversed period.
 */
export async function statistics(
  actor: Actor,
  f: { regionCode: string; from: string; to: string; groupBy: GroupBy },
  deps: Deps,
) {
  assertCan(actor, "supervision.read", { regionCode: f.regionCode });
  if (f.to < f.from) throw new AppError("VALIDATION_FAILED", "calendar.rangeReversed");
  const rows = await caseStatistics(deps.db, {
    regionRoot: f.regionCode,
    from: new Date(`${f.from}T00:00:00+08:00`),
    to: new Date(`${addDays(f.to, 1)}T00:00:00+08:00`),
    groupBy: f.groupBy,
  });
  return {
    ...f,
    rows: rows.map((r) => ({
      key: r.key,
      cases: r.cases,
      concluded: r.concluded,
      onTimeRate: rate(r.on_time, r.concluded),
      instantRate: rate(r.instant, r.cases),
      onlineRate: rate(r.online, r.cases),
      notAccepted: r.not_accepted,
      ratings: r.ratings,
      satisfaction: r.ratings === 0 ? null : Math.round(((6 - r.rating_sum / r.ratings) / 5) * 1000) / 10,
      badRatings: r.bad_ratings,
      rectificationRate: rate(r.rectified, r.bad_ratings),
      complaints: r.complaints,
    })),
  };
}

const CSV_HEADERS = [
  "分组",
  "办件量",
  "办结量",
  "按时办结率%",
  "即办率%",
  "网办率%",
  "不予受理",
  "评价数",
  "满意度%",
  "差评数",
  "整改率%",
  "投诉数",
];

/** The statistics as CSV (UTF-8 with BOM so that Excel opens Chinese correctly). */
export function statisticsCsv(stats: Awaited<ReturnType<typeof statistics>>): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = stats.rows.map((r) =>
    [
      r.key,
      r.cases,
      r.concluded,
      r.onTimeRate,
      r.instantRate,
      r.onlineRate,
      r.notAccepted,
      r.ratings,
      r.satisfaction,
      r.badRatings,
      r.rectificationRate,
      r.complaints,
    ]
      .map(cell)
      .join(","),
  );
  return `\uFEFF${[CSV_HEADERS.join(","), ...lines].join("\r\n")}\r\n`;
}
