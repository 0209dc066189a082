import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/tables.js";

export type GroupBy = "agency" | "item" | "channel" | "region";

const GROUP_COLUMN: Record<GroupBy, string> = {
  agency: "c.agency_id",
  item: "c.guide_code",
  channel: "c.channel",
  region: "c.handling_region_code",
};

/**
 * Case statistics for one region subtree and period, grouped: volumes, on-time conclusions, 即办,
 * online share, acceptance outcomes, ratings and complaints. One SQL pass over indexed columns.
 */
export async function caseStatistics(
  db: Kysely<Database>,
  f: { regionRoot: string; from: Date; to: Date; groupBy: GroupBy },
) {
  const key = sql.ref(GROUP_COLUMN[f.groupBy]);
  const rows = await sql<{
    key: string;
    cases: number;
    concluded: number;
    on_time: number;
    instant: number;
    online: number;
    not_accepted: number;
    ratings: number;
    rating_sum: number;
    bad_ratings: number;
    rectified: number;
    complaints: number;
    outcome_accepted: number;
    outcome_corrected: number;
    outcome_tolerance: number;
    outcome_not_ours: number;
    outcome_not_catalogued: number;
    outcome_pending: number;
  }>`
    select ${key}::text as key,
      count(*)::int as cases,
      count(*) filter (where c.decided_at is not null)::int as concluded,
      count(*) filter (where c.decided_at is not null and (c.promised_due is null or (c.decided_at at time zone 'Asia/Shanghai')::date <= c.promised_due))::int as on_time,
      count(*) filter (where c.case_kind = '1')::int as instant,
      count(*) filter (where c.channel = 'online')::int as online,
      count(*) filter (where c.status = 'not_accepted')::int as not_accepted,
      count(e.id)::int as ratings,
      coalesce(sum(e.level), 0)::int as rating_sum,
      count(e.id) filter (where e.level >= 4)::int as bad_ratings,
      count(r.id) filter (where r.status = 'closed')::int as rectified,
      coalesce(sum(k.n), 0)::int as complaints,
      count(*) filter (where c.acceptance_outcome = 'accepted')::int as outcome_accepted,
      count(*) filter (where c.acceptance_outcome = 'corrected_then_accepted')::int as outcome_corrected,
      count(*) filter (where c.acceptance_outcome = 'tolerance')::int as outcome_tolerance,
      count(*) filter (where c.acceptance_outcome = 'not_ours')::int as outcome_not_ours,
      count(*) filter (where c.acceptance_outcome = 'not_catalogued')::int as outcome_not_catalogued,
      count(*) filter (where c.acceptance_outcome is null and c.status = 'submitted')::int as outcome_pending
    from cases c
    left join evaluations e on e.case_id = c.id
    left join rectification_tasks r on r.evaluation_id = e.id
    left join (
      select related_case_id, count(*) as n from complaints where related_case_id is not null group by 1
    ) k on k.related_case_id = c.id
    where c.handling_region_code like ${`${f.regionRoot}%`}
      and c.submitted_at >= ${f.from} and c.submitted_at < ${f.to}
    group by ${key}
    order by count(*) desc, 1
  `.execute(db);
  return rows.rows;
}

export async function overdueCases(db: Kysely<Database>, regionRoot: string, today: string, limit: number) {
  return db
    .selectFrom("cases")
    .select(["id", "case_number", "item_name", "agency_id", "promised_due", "warning_level", "status"])
    .where("handling_region_code", "like", `${regionRoot}%`)
    .where("status", "in", ["accepted", "under_review"])
    .where("promised_due", "<", today)
    .orderBy("promised_due")
    .limit(limit)
    .execute();
}

export async function warningCounts(db: Kysely<Database>, regionRoot: string) {
  return db
    .selectFrom("cases")
    .select(["warning_level", (eb) => eb.fn.countAll<number>().as("n")])
    .where("handling_region_code", "like", `${regionRoot}%`)
    .where("status", "in", ["accepted", "under_review", "suspended"])
    .groupBy("warning_level")
    .execute();
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
 * that had cases submitted in the period. Per unit, as fractions 0–1:
 * - on-time rate T = concluded by the promised date / concluded (办法 34: 办件逾期);
 * - satisfaction S = (6 − mean rating level) / 5, level 1 非常满意 … 5 非常不满意 (办法 33: 群众评价);
 * - rectification rate R = closed rectification tasks / bad ratings (levels 4–5) (方案 九);
 * - complaint factor C = max(0, 1 − 10 × complaints / cases): a complaint rate of 10 % or more scores 0
 *   (办法 36); complaints filed in the period, dispatched to the agency or made in the region.
 * score = 100 × (40·T + 30·S + 15·R + 15·C) / (sum of the weights of the factors that exist): a factor
 * without a denominator (nothing concluded, no rating, no bad rating) is left out, not counted as 0 or
 * 100. Ties share a rank (SQL `rank()`); within a tie, units are ordered by key.
 */
export async function assessmentRanking(
  db: Kysely<Database>,
  f: { regionRoot: string; childDigits: number; from: Date; to: Date; rankBy: RankBy },
): Promise<RankingRow[]> {
  const caseKey =
    f.rankBy === "agency" ? sql`c.agency_id::text` : sql`left(c.handling_region_code, ${f.childDigits})`;
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
        count(*)::int as cases,
        count(*) filter (where c.decided_at is not null)::int as concluded,
        count(*) filter (where c.decided_at is not null and (c.promised_due is null or (c.decided_at at time zone 'Asia/Shanghai')::date <= c.promised_due))::int as on_time,
        count(e.id)::int as ratings,
        coalesce(sum(e.level), 0)::int as rating_sum,
        count(e.id) filter (where e.level >= 4)::int as bad_ratings,
        count(t.id) filter (where t.status = 'closed')::int as rectified
      from cases c
      left join evaluations e on e.case_id = c.id
      left join rectification_tasks t on t.evaluation_id = e.id
      where c.handling_region_code like ${`${f.regionRoot}%`}
        and c.submitted_at >= ${f.from} and c.submitted_at < ${f.to}
      group by 1
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
        greatest(0, 1 - 10 * coalesce(q.complaints, 0)::numeric / s.cases) as co
      from s left join q on q.key = s.key
    ),
    scored as (
      select m.*,
        round(100 * (${w.onTime} * coalesce(t, 0) + ${w.satisfaction} * coalesce(sa, 0)
                     + ${w.rectification} * coalesce(re, 0) + ${w.complaints} * co)
              / (${w.onTime} * (t is not null)::int + ${w.satisfaction} * (sa is not null)::int
                 + ${w.rectification} * (re is not null)::int + ${w.complaints}), 2) as score
      from m
    )
    select key, coalesce(${nameOf}, key) as name, cases, concluded, on_time, ratings, rating_sum,
      bad_ratings, rectified, complaints,
      round(100 * t, 1)::float8 as on_time_rate,
      round(100 * sa, 1)::float8 as satisfaction,
      round(100 * re, 1)::float8 as rectification_rate,
      round(100 * complaints::numeric / cases, 2)::float8 as complaint_rate,
      score::float8 as score,
      (rank() over (order by score desc))::int as rank
    from scored m
    order by score desc, key
  `.execute(db);
  return r.rows;
}
