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
      (select count(*)::int from complaints k where k.related_case_id = any(array_agg(c.id))) as complaints
    from cases c
    left join evaluations e on e.case_id = c.id
    left join rectification_tasks r on r.evaluation_id = e.id
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
