-- Statistics aggregates, second level, and the overdue index (branch monitoring; follows 0014).
-- At Xinjiang scale a day holds about one case per (region, agency, item, channel), so a year of a
-- region read ~440,000 daily rows (1.4–2.4 s at 3 M cases); whole months are now read from a monthly
-- table kept by the same fold, partial months from the daily rows.

-- The same per calendar month (month = its first day): a period's whole months are read here, its
-- partial months from case_stats_daily (a day holds about one case per key at Xinjiang scale, a month
-- some tens).
create table case_stats_monthly (like case_stats_daily including defaults);
alter table case_stats_monthly rename column day to month;
alter table case_stats_monthly add primary key (month, region_code, agency_id, guide_code, channel);
create index case_stats_monthly_region_idx on case_stats_monthly (region_code text_pattern_ops, month);

-- The fold adds each batch into both levels in one transaction.
-- Folds up to max_rows pending rows into case_stats_daily; returns how many were consumed, or -1 when
-- another fold holds the lock (it will consume them).
create or replace function case_stats_fold(max_rows integer) returns integer language plpgsql as $$
declare
  n integer;
begin
  if not pg_try_advisory_xact_lock(727274014) then
    return -1;
  end if;
  with batch as (
    delete from case_stats_pending
    where id in (select id from case_stats_pending order by id limit max_rows)
    returning *
  ), summed as (
    select day, region_code, agency_id, guide_code, channel,
      sum(cases)::int as cases, sum(concluded)::int as concluded, sum(on_time)::int as on_time,
      sum(instant)::int as instant, sum(online)::int as online, sum(not_accepted)::int as not_accepted,
      sum(ratings)::int as ratings, sum(rating_sum)::int as rating_sum, sum(bad_ratings)::int as bad_ratings,
      sum(rectified)::int as rectified, sum(complaints)::int as complaints,
      sum(outcome_accepted)::int as outcome_accepted, sum(outcome_corrected)::int as outcome_corrected,
      sum(outcome_tolerance)::int as outcome_tolerance, sum(outcome_not_ours)::int as outcome_not_ours,
      sum(outcome_not_catalogued)::int as outcome_not_catalogued, sum(outcome_pending)::int as outcome_pending
    from batch
    group by day, region_code, agency_id, guide_code, channel
  ), applied as (
    insert into case_stats_daily as d
    select * from summed order by day, region_code, agency_id, guide_code, channel
    on conflict (day, region_code, agency_id, guide_code, channel) do update set
      cases = d.cases + excluded.cases, concluded = d.concluded + excluded.concluded,
      on_time = d.on_time + excluded.on_time, instant = d.instant + excluded.instant,
      online = d.online + excluded.online, not_accepted = d.not_accepted + excluded.not_accepted,
      ratings = d.ratings + excluded.ratings, rating_sum = d.rating_sum + excluded.rating_sum,
      bad_ratings = d.bad_ratings + excluded.bad_ratings, rectified = d.rectified + excluded.rectified,
      complaints = d.complaints + excluded.complaints,
      outcome_accepted = d.outcome_accepted + excluded.outcome_accepted,
      outcome_corrected = d.outcome_corrected + excluded.outcome_corrected,
      outcome_tolerance = d.outcome_tolerance + excluded.outcome_tolerance,
      outcome_not_ours = d.outcome_not_ours + excluded.outcome_not_ours,
      outcome_not_catalogued = d.outcome_not_catalogued + excluded.outcome_not_catalogued,
      outcome_pending = d.outcome_pending + excluded.outcome_pending
    returning 1
  ), applied_monthly as (
    insert into case_stats_monthly as m
    select date_trunc('month', day)::date, region_code, agency_id, guide_code, channel,
      sum(cases), sum(concluded), sum(on_time), sum(instant), sum(online), sum(not_accepted), sum(ratings),
      sum(rating_sum), sum(bad_ratings), sum(rectified), sum(complaints), sum(outcome_accepted),
      sum(outcome_corrected), sum(outcome_tolerance), sum(outcome_not_ours), sum(outcome_not_catalogued),
      sum(outcome_pending)
    from summed
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5
    on conflict (month, region_code, agency_id, guide_code, channel) do update set
      cases = m.cases + excluded.cases, concluded = m.concluded + excluded.concluded,
      on_time = m.on_time + excluded.on_time, instant = m.instant + excluded.instant,
      online = m.online + excluded.online, not_accepted = m.not_accepted + excluded.not_accepted,
      ratings = m.ratings + excluded.ratings, rating_sum = m.rating_sum + excluded.rating_sum,
      bad_ratings = m.bad_ratings + excluded.bad_ratings, rectified = m.rectified + excluded.rectified,
      complaints = m.complaints + excluded.complaints,
      outcome_accepted = m.outcome_accepted + excluded.outcome_accepted,
      outcome_corrected = m.outcome_corrected + excluded.outcome_corrected,
      outcome_tolerance = m.outcome_tolerance + excluded.outcome_tolerance,
      outcome_not_ours = m.outcome_not_ours + excluded.outcome_not_ours,
      outcome_not_catalogued = m.outcome_not_catalogued + excluded.outcome_not_catalogued,
      outcome_pending = m.outcome_pending + excluded.outcome_pending
    returning 1
  )
  select count(*) into n from batch;
  return n;
end;
$$;

-- Recomputes the aggregates (daily, then monthly) from the base tables; writers wait meanwhile (SHARE
-- locks), folds too. Returns the number of daily rows.
create or replace function case_stats_rebuild() returns integer language plpgsql as $$
declare
  n integer;
begin
  perform pg_advisory_xact_lock(727274014);
  lock table cases, evaluations, rectification_tasks, complaints, window_visits in share mode;
  delete from case_stats_pending;
  delete from case_stats_daily;
  delete from case_stats_monthly;
  insert into case_stats_daily select * from case_stats_from_scratch();
  get diagnostics n = row_count;
  insert into case_stats_monthly
  select date_trunc('month', day)::date, region_code, agency_id, guide_code, channel,
    sum(cases), sum(concluded), sum(on_time), sum(instant), sum(online), sum(not_accepted), sum(ratings),
    sum(rating_sum), sum(bad_ratings), sum(rectified), sum(complaints), sum(outcome_accepted),
    sum(outcome_corrected), sum(outcome_tolerance), sum(outcome_not_ours), sum(outcome_not_catalogued),
    sum(outcome_pending)
  from case_stats_daily
  group by 1, 2, 3, 4, 5;
  return n;
end;
$$;

-- The months of what is folded already (pending rows reach both levels when folded).
insert into case_stats_monthly
select date_trunc('month', day)::date, region_code, agency_id, guide_code, channel,
  sum(cases), sum(concluded), sum(on_time), sum(instant), sum(online), sum(not_accepted), sum(ratings),
  sum(rating_sum), sum(bad_ratings), sum(rectified), sum(complaints), sum(outcome_accepted),
  sum(outcome_corrected), sum(outcome_tolerance), sum(outcome_not_ours), sum(outcome_not_catalogued),
  sum(outcome_pending)
from case_stats_daily
group by 1, 2, 3, 4, 5;

-- Overdue tables and lists of the supervision board: the running cases past a date with their region,
-- agency and id, read index-only (the page's other columns are fetched for its 20 rows only). The due
-- date leads: overdue cases are few, while a region prefix may hold nearly every case.
create index cases_overdue_idx on cases (promised_due)
  include (handling_region_code, agency_id, id)
  where status in ('accepted', 'under_review');
