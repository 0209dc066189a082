import ExcelJS from "exceljs";
import { addDays, chinaDate } from "../../../shared/calendar.js";
import { REGION_LEVELS } from "../../../shared/regions.js";
import { AppError } from "../../../shared/errors.js";
import { assertCan } from "../../access/access.policy.js";
import { SYSTEM, toAuditActor, type Actor } from "../../actor.js";
import { recordAudit } from "../../audit/audit.service.js";
import { nowOf, type Deps } from "../../http/context.js";
import {
  assessmentRanking,
  caseStatistics,
  foldCaseStatistics,
  foldOpenCaseCounts,
  rebuildCaseStatistics,
  rebuildOpenCaseCounts,
  SCORE_WEIGHTS,
  overdueCases,
  overdueChangeRequests,
  overdueComplaints,
  overdueRectifications,
  overdueItems,
  overdueTable,
  warningCounts,
  windowSatisfaction,
  type GroupBy,
  type OverdueBy,
  type OverdueKind,
  type RankBy,
} from "./monitoring.queries.js";

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
/** Satisfaction in % from the sum of levels (1 非常满意 … 5 非常不满意): (6 − mean) / 5. */
const satisfaction = (levelSum: number, ratings: number) =>
  ratings === 0 ? null : Math.round(((6 - levelSum / ratings) / 5) * 1000) / 10;

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
 * A section another module adds to the statistics (e.g. the bundles module's 一件事 usage and
 * savings), registered at app build so that monitoring imports none of its queries.
 */
export type StatisticsSection = (
  actor: Actor,
  f: { regionCode: string; from: string; to: string },
  deps: Deps,
) => Promise<unknown>;

const statisticsSections = new Map<string, StatisticsSection>();

export function registerStatisticsSection(name: string, section: StatisticsSection | undefined): void {
  if (section === undefined) statisticsSections.delete(name);
  else statisticsSections.set(name, section);
}

/**
 * Statistics for assessment (办法 33–35) by agency, item, channel or region over a period (Beijing
 * dates, inclusive): volumes and the rates people are measured by, from the maintained aggregates
 * (migration 0014); window visits' ratings count under channel 'window' and in `windows`
 * (satisfaction by hall and window clerk).
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
    from: f.from,
    to: f.to,
    groupBy: f.groupBy,
  });
  const windows = await windowSatisfaction(deps.db, {
    regionRoot: f.regionCode,
    from: new Date(`${f.from}T00:00:00+08:00`),
    to: new Date(`${addDays(f.to, 1)}T00:00:00+08:00`),
  });
  const sections: Record<string, unknown> = {};
  for (const [name, section] of statisticsSections)
    sections[name] = await section(actor, { regionCode: f.regionCode, from: f.from, to: f.to }, deps);
  return {
    ...f,
    sections,
    windows: windows.map((w) => ({
      agencyId: w.agency_id,
      hall: w.agency_name,
      staffId: w.staff_id,
      staffName: w.staff_name,
      ratings: w.ratings,
      visitRatings: w.visit_ratings,
      badRatings: w.bad_ratings,
      satisfaction: satisfaction(w.rating_sum, w.ratings),
    })),
    rows: rows.map((r) => ({
      key: r.key,
      cases: r.cases,
      concluded: r.concluded,
      onTimeRate: rate(r.on_time, r.concluded),
      instantRate: rate(r.instant, r.cases),
      onlineRate: rate(r.online, r.cases),
      notAccepted: r.not_accepted,
      ratings: r.ratings,
      satisfaction: satisfaction(r.rating_sum, r.ratings),
      badRatings: r.bad_ratings,
      rectificationRate: rate(r.rectified, r.bad_ratings),
      complaints: r.complaints,
      acceptance: {
        accepted: r.outcome_accepted,
        correctedThenAccepted: r.outcome_corrected,
        tolerance: r.outcome_tolerance,
        notOurs: r.outcome_not_ours,
        notCatalogued: r.outcome_not_catalogued,
        pending: r.outcome_pending,
      },
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
  "受理",
  "补正后受理",
  "容缺受理",
  "非本机关职权",
  "未列入目录",
  "待受理",
];

type Cell = string | number | null;

function toCsv(headers: readonly string[], rows: Cell[][]): string {
  const cell = (v: Cell) => {
    const s = v === null ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `\uFEFF${[headers.join(","), ...rows.map((r) => r.map(cell).join(","))].join("\r\n")}\r\n`;
}

/** One sheet, bold header row, the first row frozen: the house style of the catalog export. */
async function toXlsx(sheetName: string, headers: readonly string[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "通办 Tongban";
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = headers.map((h, i) => ({ header: h, width: i === 0 ? 24 : Math.max(10, h.length * 2 + 2) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function statisticsRows(stats: Awaited<ReturnType<typeof statistics>>): Cell[][] {
  return stats.rows.map((r) => [
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
    r.acceptance.accepted,
    r.acceptance.correctedThenAccepted,
    r.acceptance.tolerance,
    r.acceptance.notOurs,
    r.acceptance.notCatalogued,
    r.acceptance.pending,
  ]);
}

/** The statistics as CSV (UTF-8 with BOM so that Excel opens Chinese correctly). */
export function statisticsCsv(stats: Awaited<ReturnType<typeof statistics>>): string {
  return toCsv(CSV_HEADERS, statisticsRows(stats));
}

/** The statistics as an xlsx workbook (one sheet 统计). */
export async function statisticsXlsx(stats: Awaited<ReturnType<typeof statistics>>): Promise<Buffer> {
  return toXlsx("统计", CSV_HEADERS, statisticsRows(stats));
}

/**
 * Ranking for the annual assessment (办法 35) of the agencies, or of the regions one level below
 * `regionCode`, over a period (Beijing dates, inclusive), by the composite score documented at
 * {@link assessmentRanking}.
 * @throws AppError FORBIDDEN outside the supervisor's subtree; VALIDATION_FAILED for a reversed period
 *   or a region ranking below a village (no lower level).
 */
export async function ranking(
  actor: Actor,
  f: { regionCode: string; from: string; to: string; by: RankBy },
  deps: Deps,
) {
  assertCan(actor, "supervision.read", { regionCode: f.regionCode });
  if (f.to < f.from) throw new AppError("VALIDATION_FAILED", "calendar.rangeReversed");
  const child = REGION_LEVELS.find((l) => l.digits > f.regionCode.length);
  if (f.by === "region" && child === undefined)
    throw new AppError("VALIDATION_FAILED", "monitoring.noLowerRegion");
  const rows = await assessmentRanking(deps.db, {
    regionRoot: f.regionCode,
    childDigits: child?.digits ?? f.regionCode.length,
    from: new Date(`${f.from}T00:00:00+08:00`),
    to: new Date(`${addDays(f.to, 1)}T00:00:00+08:00`),
    fromDay: f.from,
    toDay: f.to,
    rankBy: f.by,
  });
  return {
    ...f,
    weights: SCORE_WEIGHTS,
    rows: rows.map((r) => ({
      rank: r.rank,
      key: r.key,
      name: r.name,
      score: r.score,
      cases: r.cases,
      concluded: r.concluded,
      onTime: r.on_time,
      onTimeRate: r.on_time_rate,
      ratings: r.ratings,
      satisfaction: r.satisfaction,
      badRatings: r.bad_ratings,
      rectified: r.rectified,
      rectificationRate: r.rectification_rate,
      complaints: r.complaints,
      complaintRate: r.complaint_rate,
    })),
  };
}

const RANKING_HEADERS = [
  "名次",
  "编码",
  "名称",
  "综合得分",
  "办件量",
  "办结量",
  "按时办结率%",
  "评价数",
  "满意度%",
  "差评数",
  "整改率%",
  "投诉数",
  "投诉率%",
];

function rankingRows(r: Awaited<ReturnType<typeof ranking>>): Cell[][] {
  return r.rows.map((x) => [
    x.rank,
    x.key,
    x.name,
    x.score,
    x.cases,
    x.concluded,
    x.onTimeRate,
    x.ratings,
    x.satisfaction,
    x.badRatings,
    x.rectificationRate,
    x.complaints,
    x.complaintRate,
  ]);
}

export function rankingCsv(r: Awaited<ReturnType<typeof ranking>>): string {
  return toCsv(RANKING_HEADERS, rankingRows(r));
}

export async function rankingXlsx(r: Awaited<ReturnType<typeof ranking>>): Promise<Buffer> {
  return toXlsx(r.by === "agency" ? "部门排名" : "地区排名", RANKING_HEADERS, rankingRows(r));
}

/**
 * Folds the pending aggregate changes into the daily statistics aggregates, `batch` at a time, each
 * batch in its own transaction, at most `maxBatches` (the next run takes the rest). A fold already
 * running elsewhere makes this one stop (it consumes the same rows).
 * @returns the pending changes consumed.
 */
export async function foldStatistics(db: Deps["db"], batch = 10_000, maxBatches = 100): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await db.transaction().execute((trx) => foldCaseStatistics(trx, batch));
    if (n <= 0) break;
    total += n;
    if (n < batch) break;
  }
  return total;
}

/**
 * Folds the pending changes of the open-case counts (board, overdue tables; migration 0017) as
 * {@link foldStatistics} does the statistics': `batch` at a time, each in its own transaction.
 * @returns the pending changes consumed.
 */
export async function foldOpenCounts(db: Deps["db"], batch = 10_000, maxBatches = 100): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await db.transaction().execute((trx) => foldOpenCaseCounts(trx, batch));
    if (n <= 0) break;
    total += n;
    if (n < batch) break;
  }
  return total;
}

/**
 * Recomputes the open-case counts from cases (after a bulk load or to check them): writers of cases
 * wait meanwhile. Audited as a system action.
 * @returns the count rows written.
 */
export async function rebuildOpenCounts(db: Deps["db"], now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await rebuildOpenCaseCounts(trx);
    await recordAudit(trx, {
      actor: toAuditActor(SYSTEM),
      action: "statistics.rebuild",
      entityType: "open_case_counts",
      entityId: "all",
      after: { rows },
      requestId: null,
      at: now,
    });
    return rows;
  });
}

/**
 * Recomputes the statistics aggregates from the base tables (after a bulk load or to check them):
 * writers wait meanwhile. Audited as a system action.
 * @returns the aggregate rows written.
 */
export async function rebuildStatistics(db: Deps["db"], now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await rebuildCaseStatistics(trx);
    await recordAudit(trx, {
      actor: toAuditActor(SYSTEM),
      action: "statistics.rebuild",
      entityType: "case_stats_daily",
      entityId: "all",
      after: { rows },
      requestId: null,
      at: now,
    });
    return rows;
  });
}

/**
 * Overdue table of a region (issue 9 §4, 电子监察): per agency, or per region one level below, how
 * many cases, change-request reviews, rectifications and complaints are overdue today.
 * @throws AppError FORBIDDEN outside the supervisor's subtree; VALIDATION_FAILED for a region table
 *   below a village (no lower level).
 */
export async function supervisionOverdue(actor: Actor, f: { regionCode: string; by: OverdueBy }, deps: Deps) {
  assertCan(actor, "supervision.read", { regionCode: f.regionCode });
  const child = REGION_LEVELS.find((l) => l.digits > f.regionCode.length);
  if (f.by === "region" && child === undefined)
    throw new AppError("VALIDATION_FAILED", "monitoring.noLowerRegion");
  const today = chinaDate(nowOf(deps));
  const rows = await overdueTable(deps.db, {
    regionRoot: f.regionCode,
    today,
    by: f.by,
    childDigits: child?.digits ?? f.regionCode.length,
  });
  const sum = (k: "cases" | "change_requests" | "rectifications" | "complaints" | "total") =>
    rows.reduce((s, r) => s + r[k], 0);
  return {
    regionCode: f.regionCode,
    by: f.by,
    today,
    totals: {
      cases: sum("cases"),
      changeRequests: sum("change_requests"),
      rectifications: sum("rectifications"),
      complaints: sum("complaints"),
      total: sum("total"),
    },
    rows: rows.map((r) => ({
      key: r.key,
      name: r.name,
      cases: r.cases,
      changeRequests: r.change_requests,
      rectifications: r.rectifications,
      complaints: r.complaints,
      total: r.total,
    })),
  };
}

/**
 * One page of the overdue objects of one kind in a region (optionally of one agency), longest
 * overdue first, with the number of days overdue and the total for paging.
 * @throws AppError FORBIDDEN outside the supervisor's subtree.
 */
export async function supervisionOverdueItems(
  actor: Actor,
  f: { regionCode: string; kind: OverdueKind; agencyId?: number | undefined; page: number; pageSize: number },
  deps: Deps,
) {
  assertCan(actor, "supervision.read", { regionCode: f.regionCode });
  const today = chinaDate(nowOf(deps));
  const { total, rows } = await overdueItems(deps.db, {
    regionRoot: f.regionCode,
    today,
    kind: f.kind,
    agencyId: f.agencyId,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  const dayMs = 86_400_000;
  return {
    regionCode: f.regionCode,
    kind: f.kind,
    agencyId: f.agencyId ?? null,
    today,
    page: f.page,
    pageSize: f.pageSize,
    total,
    items: rows.map((r) => ({
      id: r.id,
      label: r.label,
      detail: r.detail,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      regionCode: r.region_code,
      dueDate: r.due,
      daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.due}T00:00:00Z`)) / dayMs),
      status: r.status,
      escalated: r.escalated,
    })),
  };
}
