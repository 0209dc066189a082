import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/tables.js";
import { addDays } from "../../../shared/calendar.js";

export type GroupBy = "agency" | "item" | "channel" | "region";

const GROUP_COLUMN: Record<GroupBy, string> = {
  agency: "x.agency_id",
  item: "x.guide_code",
  channel: "x.channel",
  region: "x.region_code",
};

/** The counters of case_stats_daily (migration 0014), in its column order. */
const COUNTERS = [
  "cases",
  "concluded",
  "on_time",
  "instant",
  "online",
  "not_accepted",
  "ratings",
  "rating_sum",
  "bad_ratings",
  "rectified",
  "complaints",
  "outcome_accepted",
  "outcome_corrected",
  "outcome_tolerance",
  "outcome_not_ours",
  "outcome_not_catalogued",
  "outcome_pending",
] as const;

/** The first day of the month of an ISO date, and of the next month. */
const monthOf = (d: string) => `${d.slice(0, 7)}-01`;
function nextMonth(d: string): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/**
 * The whole calendar months of a period (Beijing dates, inclusive) as [first month, first day after
 * the last whole month), or undefined when the period holds no whole month.
 */
export function wholeMonths(from: string, to: string): { from: string; until: string } | undefined {
  const first = from.endsWith("-01") ? from : nextMonth(from);
  const afterTo = nextMonth(to);
  // `to` closes its month when the next day is the first of the next month.
  const until = addDays(to, 1) === afterTo ? afterTo : monthOf(to);
  return first < until ? { from: first, until } : undefined;
}

/**
 * The aggregate rows of a region subtree over a period of Beijing days (inclusive): the period's whole
 * months from case_stats_monthly, its partial months from case_stats_daily, plus the pending changes
 * not folded yet, read in one statement (exact at any moment, folded or not).
 */
function aggregatesOf(regionRoot: string, from: string, to: string) {
  const counters = COUNTERS.map((c) => sql.ref(c));
  const daily = sql.join([
    sql`day`,
    sql`region_code`,
    sql`agency_id`,
    sql`guide_code`,
    sql`channel`,
    ...counters,
  ]);
  const monthly = sql.join([
    sql`month as day`,
    sql`region_code`,
    sql`agency_id`,
    sql`guide_code`,
    sql`channel`,
    ...counters,
  ]);
  const like = `${regionRoot}%`;
  const months = wholeMonths(from, to);
  const days =
    months === undefined
      ? sql`day >= ${from}::date and day <= ${to}::date`
      : sql`((day >= ${from}::date and day < ${months.from}::date) or (day >= ${months.until}::date and day <= ${to}::date))`;
  return sql`(
    ${
      months === undefined
        ? sql``
        : sql`select ${monthly} from case_stats_monthly
              where region_code like ${like} and month >= ${months.from}::date and month < ${months.until}::date
              union all`
    }
    select ${daily} from case_stats_daily where region_code like ${like} and ${days}
    union all
    select ${daily} from case_stats_pending
    where region_code like ${like} and day >= ${from}::date and day <= ${to}::date
  )`;
}

/**
 * Case statistics for one region subtree and period (Beijing dates, inclusive), grouped: volumes,
 * on-time conclusions, 即办, online share, acceptance outcomes, ratings (of cases, and of window visits
 * under channel 'window'), rectifications and complaints — summed from the maintained aggregates.
 */
export async function caseStatistics(
  db: Kysely<Database>,
  f: { regionRoot: string; from: string; to: string; groupBy: GroupBy },
) {
  const key = sql.ref(GROUP_COLUMN[f.groupBy]);
  const sums = sql.join(COUNTERS.map((c) => sql`coalesce(sum(x.${sql.ref(c)}), 0)::int as ${sql.ref(c)}`));
  const rows = await sql<{ key: string } & Record<(typeof COUNTERS)[number], number>>`
    select ${key}::text as key, ${sums}
    from ${aggregatesOf(f.regionRoot, f.from, f.to)} x
    group by ${key}
    having sum(x.cases) <> 0 or sum(x.ratings) <> 0 or sum(x.complaints) <> 0
    order by sum(x.cases) desc, 1
  `.execute(db);
  return rows.rows;
}

/**
 * Satisfaction of the window channel by hall (the agency that runs it) and window clerk, over the
 * ratings given in the period: ratings of window cases and of window visits (方案 九; GB/T 39735).
 */
export async function windowSatisfaction(
  db: Kysely<Database>,
  f: { regionRoot: string; from: Date; to: Date },
) {
  const r = await sql<{
    agency_id: number;
    agency_name: string;
    staff_id: string | null;
    staff_name: string | null;
    ratings: number;
    rating_sum: number;
    bad_ratings: number;
    visit_ratings: number;
  }>`
    select e.agency_id::int as agency_id, a.name as agency_name, e.staff_id::text as staff_id,
      u.display_name as staff_name, count(*)::int as ratings, sum(e.level)::int as rating_sum,
      count(*) filter (where e.level >= 4)::int as bad_ratings,
      count(*) filter (where e.visit_id is not null)::int as visit_ratings
    from evaluations e
    join agencies a on a.id = e.agency_id
    left join users u on u.id = e.staff_id
    where e.channel = 'window' and e.region_code like ${`${f.regionRoot}%`}
      and e.created_at >= ${f.from} and e.created_at < ${f.to}
    group by e.agency_id, a.name, e.staff_id, u.display_name
    order by e.agency_id, count(*) desc, e.staff_id
  `.execute(db);
  return r.rows;
}

/**
 * Folds up to `maxRows` pending aggregate changes into case_stats_daily (see migration 0014).
 * @returns how many were consumed; -1 when another fold is running.
 */
export async function foldCaseStatistics(db: Kysely<Database>, maxRows: number): Promise<number> {
  const r = await sql<{ n: number }>`select case_stats_fold(${maxRows}::int) as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Recomputes the aggregates from the base tables (writers wait meanwhile); returns the rows written. */
export async function rebuildCaseStatistics(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`select case_stats_rebuild() as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** How many aggregate changes wait to be folded. */
export async function pendingCaseStatistics(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from case_stats_pending`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The longest overdue running cases of a region subtree (the board). The walk on cases_overdue_idx
 * starts at the first due date that has any in the subtree (from the maintained counts, 0017), not at
 * the first overdue case of any region.
 */
export async function overdueCases(db: Kysely<Database>, regionRoot: string, today: string, limit: number) {
  const first = sql<string>`(
    select min(d.due) from (
      select o.due from ${runningDues(regionRoot)} o
      where o.due < ${today}::date
      group by o.due having sum(o.n) > 0) d)`;
  return db
    .selectFrom("cases")
    .select(["id", "case_number", "item_name", "agency_id", "promised_due", "warning_level", "status"])
    .where("handling_region_code", "like", `${regionRoot}%`)
    .where("status", "in", ["accepted", "under_review"])
    .where("promised_due", "<", today)
    .where("promised_due", ">=", first)
    .orderBy("promised_due")
    .limit(limit)
    .execute();
}

/**
 * The open cases (accepted, under_review, suspended) of a region subtree by warning level, as counts
 * per agency and level: the maintained counts of migration 0017 plus the changes not folded yet, read
 * in one statement (exact at any moment, folded or not).
 */
function openLevels(regionRoot: string) {
  const like = `${regionRoot}%`;
  return sql`(
    select warning_level, n from case_open_levels where region_code like ${like}
    union all
    select warning_level, n from case_open_pending where region_code like ${like}
  )`;
}

/**
 * The running cases (accepted, under_review) of a region subtree as counts per (agency, region,
 * promised due date — 'infinity' when none), as {@link openLevels}: those due before today are the
 * overdue ones.
 */
function runningDues(regionRoot: string) {
  const like = `${regionRoot}%`;
  return sql`(
    select agency_id, region_code, due, n from case_running_dues where region_code like ${like}
    union all
    select agency_id, region_code, due, n from case_open_pending
    where region_code like ${like} and status in ('accepted', 'under_review')
  )`;
}

/** Open cases of a region subtree by warning level (from the maintained counts, migration 0017). */
export async function warningCounts(db: Kysely<Database>, regionRoot: string) {
  const r = await sql<{ warning_level: string; n: number }>`
    select o.warning_level, sum(o.n)::int as n from ${openLevels(regionRoot)} o group by o.warning_level
  `.execute(db);
  return r.rows;
}

/**
 * Folds up to `maxRows` pending changes of the open-case counts into case_open_levels and
 * case_running_dues (migration 0017).
 * @returns how many were consumed; -1 when another fold is running.
 */
export async function foldOpenCaseCounts(db: Kysely<Database>, maxRows: number): Promise<number> {
  const r = await sql<{ n: number }>`select case_open_fold(${maxRows}::int) as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Recomputes the open-case counts from cases (writers wait meanwhile); returns the rows written. */
export async function rebuildOpenCaseCounts(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`select case_open_rebuild() as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function overdueChangeRequests(
  db: Kysely<Database>,
  regionRoot: string,
  today: string,
  limit: number,
) {
  return db
    .selectFrom("change_requests as r")
    .innerJoin("catalog_entries as e", "e.id", "r.entry_id")
    .select(["r.id", "e.name", "r.review_due", "r.extended_review_due"])
    .where("r.region_code", "like", `${regionRoot}%`)
    .where("r.status", "=", "submitted")
    .where(sql<boolean>`coalesce(r.extended_review_due, r.review_due) < ${today}`)
    .limit(limit)
    .execute();
}

export async function overdueRectifications(
  db: Kysely<Database>,
  regionRoot: string,
  today: string,
  limit: number,
) {
  return db
    .selectFrom("rectification_tasks")
    .select(["id", "agency_id", "due_date", "is_escalated"])
    .where("region_code", "like", `${regionRoot}%`)
    .where("status", "=", "open")
    .where("due_date", "<", today)
    .limit(limit)
    .execute();
}

export async function overdueComplaints(
  db: Kysely<Database>,
  regionRoot: string,
  today: string,
  limit: number,
) {
  return db
    .selectFrom("complaints")
    .select(["id", "number", "agency_id", "due_date"])
    .where("region_code", "like", `${regionRoot}%`)
    .where("status", "=", "dispatched")
    .where("due_date", "<", today)
    .limit(limit)
    .execute();
}

export type RankBy = "agency" | "region";

/** Weights of the composite assessment score (see {@link assessmentRanking}). */
export const SCORE_WEIGHTS = { onTime: 40, satisfaction: 30, rectification: 15, complaints: 15 } as const;

export interface RankingRow {
  key: string;
  name: string;
  cases: number;
  concluded: number;
  on_time: number;
  ratings: number;
  rating_sum: number;
  bad_ratings: number;
  rectified: number;
  complaints: number;
  on_time_rate: number | null;
  satisfaction: number | null;
  rectification_rate: number | null;
  complaint_rate: number;
  score: number;
  rank: number;
}

/**
 * Annual-assessment ranking (办法 33–36) of the agencies, or of the regions one level below the root,
 * that had cases submitted (or window visits rated) in the period, from the maintained aggregates.
 * Per unit, as fractions 0–1:
 * - on-time rate T = concluded by the promised date / concluded (办法 34: 办件逾期);
 * - satisfaction S = (6 − mean rating level) / 5, level 1 非常满意 … 5 非常不满意 (办法 33: 群众评价),
 *   ratings of the cases and of the window visits (a hall's visits count for the hall's agency);
 * - rectification rate R = closed rectification tasks / bad ratings (levels 4–5) (方案 九);
 * - complaint factor C = max(0, 1 − 10 × complaints / cases): a complaint rate of 10 % or more scores 0
 *   (办法 36); complaints filed in the period, dispatched to the agency or made in the region.
 * score = 100 × (40·T + 30·S + 15·R + 15·C) / (sum of the weights of the factors that exist): a factor
 * without a denominator (nothing concluded, no rating, no bad rating, no case) is left out, not counted as 0 or
 * 100. Ties share a rank (SQL `rank()`); within a tie, units are ordered by key.
 */
export async function assessmentRanking(
  db: Kysely<Database>,
  f: {
    regionRoot: string;
    childDigits: number;
    from: Date;
    to: Date;
    fromDay: string;
    toDay: string;
    rankBy: RankBy;
  },
): Promise<RankingRow[]> {
  const caseKey = f.rankBy === "agency" ? sql`x.agency_id::text` : sql`left(x.region_code, ${f.childDigits})`;
  const complaintKey =
    f.rankBy === "agency" ? sql`k.agency_id::text` : sql`left(k.region_code, ${f.childDigits})`;
  const nameOf =
    f.rankBy === "agency"
      ? sql`(select a.name from agencies a where a.id::text = m.key)`
      : sql`(select g.name from regions g where g.code = m.key)`;
  const w = {
    onTime: sql.lit(SCORE_WEIGHTS.onTime),
    satisfaction: sql.lit(SCORE_WEIGHTS.satisfaction),
    rectification: sql.lit(SCORE_WEIGHTS.rectification),
    complaints: sql.lit(SCORE_WEIGHTS.complaints),
  };
  const r = await sql<RankingRow>`
    with s as (
      select ${caseKey} as key,
        sum(x.cases)::int as cases,
        sum(x.concluded)::int as concluded,
        sum(x.on_time)::int as on_time,
        sum(x.ratings)::int as ratings,
        sum(x.rating_sum)::int as rating_sum,
        sum(x.bad_ratings)::int as bad_ratings,
        sum(x.rectified)::int as rectified
      from ${aggregatesOf(f.regionRoot, f.fromDay, f.toDay)} x
      group by 1
      having sum(x.cases) <> 0 or sum(x.ratings) <> 0
    ),
    q as (
      select ${complaintKey} as key, count(*)::int as complaints
      from complaints k
      where k.region_code like ${`${f.regionRoot}%`}
        and k.created_at >= ${f.from} and k.created_at < ${f.to}
      group by 1
    ),
    m as (
      select s.*, coalesce(q.complaints, 0) as complaints,
        case when s.concluded > 0 then s.on_time::numeric / s.concluded end as t,
        case when s.ratings > 0 then (6 - s.rating_sum::numeric / s.ratings) / 5 end as sa,
        case when s.bad_ratings > 0 then s.rectified::numeric / s.bad_ratings end as re,
        case when s.cases > 0 then greatest(0, 1 - 10 * coalesce(q.complaints, 0)::numeric / s.cases) end as co
      from s left join q on q.key = s.key
    ),
    scored as (
      select m.*,
        round(100 * (${w.onTime} * coalesce(t, 0) + ${w.satisfaction} * coalesce(sa, 0)
                     + ${w.rectification} * coalesce(re, 0) + ${w.complaints} * coalesce(co, 0))
              / (${w.onTime} * (t is not null)::int + ${w.satisfaction} * (sa is not null)::int
                 + ${w.rectification} * (re is not null)::int + ${w.complaints} * (co is not null)::int), 2) as score
      from m
    )
    select key, coalesce(${nameOf}, key) as name, cases, concluded, on_time, ratings, rating_sum,
      bad_ratings, rectified, complaints,
      round(100 * t, 1)::float8 as on_time_rate,
      round(100 * sa, 1)::float8 as satisfaction,
      round(100 * re, 1)::float8 as rectification_rate,
      coalesce(round(100 * complaints::numeric / nullif(cases, 0), 2), 0)::float8 as complaint_rate,
      score::float8 as score,
      (rank() over (order by score desc))::int as rank
    from scored m
    order by score desc, key
  `.execute(db);
  return r.rows;
}

export type OverdueKind = "cases" | "changeRequests" | "rectifications" | "complaints";
export type OverdueBy = "agency" | "region";

/**
 * The overdue objects of every kind in a region subtree, as (kind, agency, region, n) rows: cases
 * running past their promised date (n of them per key, from the maintained open-case counts),
 * change-request reviews past their (extended) due date, open rectifications and dispatched
 * complaints past their due date (one row each, served by partial indexes on the open objects).
 */
function overdueObjects(regionRoot: string, today: string) {
  const like = `${regionRoot}%`;
  return sql`(
    select 'cases' as kind, o.agency_id, o.region_code, o.n
    from ${runningDues(regionRoot)} o
    where o.due < ${today}::date
    union all
    select 'changeRequests', r.filing_agency_id, r.region_code, 1
    from change_requests r
    where r.region_code like ${like} and r.status = 'submitted'
      and coalesce(r.extended_review_due, r.review_due) < ${today}::date
    union all
    select 'rectifications', t.agency_id, t.region_code, 1
    from rectification_tasks t
    where t.region_code like ${like} and t.status = 'open' and t.due_date < ${today}::date
    union all
    select 'complaints', k.agency_id, k.region_code, 1
    from complaints k
    where k.region_code like ${like} and k.status = 'dispatched' and k.due_date < ${today}::date
  )`;
}

/**
 * Overdue counts per agency, or per region one level below the root (objects of the root's own
 * level count under the root's code), of each kind, most overdue first.
 */
export async function overdueTable(
  db: Kysely<Database>,
  f: { regionRoot: string; today: string; by: OverdueBy; childDigits: number },
) {
  const key = f.by === "agency" ? sql`o.agency_id::text` : sql`left(o.region_code, ${f.childDigits})`;
  const name =
    f.by === "agency"
      ? sql`(select a.name from agencies a where a.id = g.key::bigint)`
      : sql`(select r.name from regions r where r.code = g.key)`;
  const r = await sql<{
    key: string;
    name: string;
    cases: number;
    change_requests: number;
    rectifications: number;
    complaints: number;
    total: number;
  }>`
    with g as (
      select ${key} as key,
        coalesce(sum(o.n) filter (where o.kind = 'cases'), 0)::int as cases,
        coalesce(sum(o.n) filter (where o.kind = 'changeRequests'), 0)::int as change_requests,
        coalesce(sum(o.n) filter (where o.kind = 'rectifications'), 0)::int as rectifications,
        coalesce(sum(o.n) filter (where o.kind = 'complaints'), 0)::int as complaints,
        sum(o.n)::int as total
      from ${overdueObjects(f.regionRoot, f.today)} o
      where o.agency_id is not null or ${f.by === "region"}
      group by 1
      having sum(o.n) <> 0
    )
    select g.key, coalesce(${name}, g.key) as name, g.cases, g.change_requests, g.rectifications,
      g.complaints, g.total
    from g
    order by g.total desc, g.key
  `.execute(db);
  return r.rows;
}

export interface OverdueItemRow {
  id: string;
  label: string;
  detail: string | null;
  agency_id: number | null;
  agency_name: string | null;
  region_code: string;
  due: string;
  status: string;
  escalated: boolean;
}

/**
 * One page of the overdue objects of one kind in a region subtree (optionally of one agency),
 * the longest overdue first, and how many there are in all.
 */
export async function overdueItems(
  db: Kysely<Database>,
  f: {
    regionRoot: string;
    today: string;
    kind: OverdueKind;
    agencyId?: number | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: OverdueItemRow[] }> {
  const like = `${f.regionRoot}%`;
  const byAgency = (col: string) =>
    f.agencyId === undefined ? sql`true` : sql`${sql.ref(col)} = ${f.agencyId}`;
  const from = {
    cases: sql`
      select c.id::text as id, c.case_number as label, c.item_name as detail, c.agency_id::int as agency_id,
        c.handling_region_code as region_code, c.promised_due as due, c.status, c.warning_level = 'red' as escalated
      from cases c
      where c.handling_region_code like ${like} and c.status in ('accepted', 'under_review')
        and c.promised_due < ${f.today}::date and ${byAgency("c.agency_id")}`,
    changeRequests: sql`
      select r.id::text as id, e.name as label, r.kind as detail, r.filing_agency_id::int as agency_id,
        r.region_code, coalesce(r.extended_review_due, r.review_due) as due, r.status,
        r.extended_review_due is not null as escalated
      from change_requests r join catalog_entries e on e.id = r.entry_id
      where r.region_code like ${like} and r.status = 'submitted'
        and coalesce(r.extended_review_due, r.review_due) < ${f.today}::date and ${byAgency("r.filing_agency_id")}`,
    rectifications: sql`
      select t.id::text as id, t.id::text as label, v.level::text as detail, t.agency_id::int as agency_id,
        t.region_code, t.due_date as due, t.status, t.is_escalated as escalated
      from rectification_tasks t join evaluations v on v.id = t.evaluation_id
      where t.region_code like ${like} and t.status = 'open' and t.due_date < ${f.today}::date
        and ${byAgency("t.agency_id")}`,
    complaints: sql`
      select k.id::text as id, k.number as label, k.category as detail, k.agency_id::int as agency_id,
        k.region_code, k.due_date as due, k.status, k.reopen_count > 0 as escalated
      from complaints k
      where k.region_code like ${like} and k.status = 'dispatched' and k.due_date < ${f.today}::date
        and ${byAgency("k.agency_id")}`,
  }[f.kind];
  if (f.kind === "cases") {
    // The total from the maintained open-case counts (0017). The page: the counts per due date say
    // how many overdue cases come before each date, so the walk starts at the last date with at most
    // `offset` cases before it, skipping those (the same snapshot: exact), instead of walking the
    // whole offset; the keys index-only on cases_overdue_idx from there, then the page's rows.
    const keys = sql`
      select c.id, c.promised_due from cases c
      where c.handling_region_code like ${like} and c.status in ('accepted', 'under_review')
        and c.promised_due < ${f.today}::date and ${byAgency("c.agency_id")}`;
    const dues = sql`
      select o.due, sum(o.n) as n from ${runningDues(f.regionRoot)} o
      where o.due < ${f.today}::date
        and ${byAgency("o.agency_id")}
      group by o.due`;
    const [count, page] = await Promise.all([
      sql<{ n: number }>`select coalesce(sum(d.n), 0)::int as n from (${dues}) d`.execute(db),
      sql<OverdueItemRow>`
        with d as (${dues}),
        s as (select d.due,
                coalesce(sum(d.n) over (order by d.due rows between unbounded preceding and 1 preceding), 0)::bigint
                  as before
              from d),
        start as (select s.due, s.before from s where s.before <= ${f.offset}::bigint order by s.due desc limit 1),
        p as (select k.id, k.promised_due from (${keys}) k
              where k.promised_due >= (select start.due from start)
              order by k.promised_due, k.id
              limit ${f.limit} offset (${f.offset}::bigint - (select start.before from start)))
        select c.id::text as id, c.case_number as label, c.item_name as detail, c.agency_id::int as agency_id,
          a.name as agency_name, c.handling_region_code as region_code, c.promised_due::text as due, c.status,
          c.warning_level = 'red' as escalated
        from p join cases c on c.id = p.id left join agencies a on a.id = c.agency_id
        order by p.promised_due, p.id
      `.execute(db),
    ]);
    return { total: Number(count.rows[0]?.n ?? 0), rows: page.rows };
  }
  const [count, page] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from (${from}) x`.execute(db),
    sql<OverdueItemRow>`
      select x.id, x.label, x.detail, x.agency_id, a.name as agency_name, x.region_code, x.due::text as due,
        x.status, x.escalated
      from (${from}) x left join agencies a on a.id = x.agency_id
      order by x.due, x.id
      limit ${f.limit} offset ${f.offset}
    `.execute(db),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), rows: page.rows };
}
