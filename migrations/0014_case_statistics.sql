-- Maintained aggregates for the statistics and the assessment rankings (条例 41–46; 办法 33–36), so that
-- a region over a year reads a few thousand aggregate rows instead of millions of cases.
--
-- case_stats_daily: one row per (Beijing day of submission, handling region, agency, item, channel) with
-- the counts the statistics are made of. A window visit's rating counts on the visit's day, region and
-- hall (agency), its item if any (else ''), channel 'window'.
--
-- Exactness: triggers on cases, evaluations, rectification_tasks and complaints append the change of
-- each row's contribution to case_stats_pending, in the writer's own transaction (insert-only, so no
-- writer ever waits for another on a counter row). The fold (case_stats_fold, run by the job
-- monitoring.fold_statistics) deletes a batch of pending rows and adds their sums into case_stats_daily
-- in one transaction: a pending row is consumed exactly once whatever the commit order of the writers
-- (a sequence watermark would skip a row whose transaction commits after a later one was folded), a
-- crash rolls both back, and folders are serialized by an advisory lock. Readers sum case_stats_daily
-- and the pending rows in one statement, which sees either both sides of a fold or neither: exact at
-- any moment, folded or not. case_stats_rebuild() recomputes everything from the base tables.

create table case_stats_daily (
  day                     date not null,
  region_code             text not null,
  agency_id               bigint not null,
  guide_code              text not null,
  channel                 text not null,
  cases                   integer not null default 0,
  concluded               integer not null default 0,
  on_time                 integer not null default 0,
  instant                 integer not null default 0,
  online                  integer not null default 0,
  not_accepted            integer not null default 0,
  ratings                 integer not null default 0,
  rating_sum              integer not null default 0,
  bad_ratings             integer not null default 0,
  rectified               integer not null default 0,
  complaints              integer not null default 0,
  outcome_accepted        integer not null default 0,
  outcome_corrected       integer not null default 0,
  outcome_tolerance       integer not null default 0,
  outcome_not_ours        integer not null default 0,
  outcome_not_catalogued  integer not null default 0,
  outcome_pending         integer not null default 0,
  primary key (day, region_code, agency_id, guide_code, channel)
);
-- A region subtree over a period.
create index case_stats_daily_region_idx on case_stats_daily (region_code text_pattern_ops, day);

create table case_stats_pending (
  id bigserial primary key,
  like case_stats_daily including defaults
);

create function case_stats_day(ts timestamptz) returns date language sql stable as $$
  select (ts at time zone 'Asia/Shanghai')::date
$$;

-- The case's own counts, in the column order of case_stats_daily (ratings … complaints are 0 here).
create function case_stats_own(c cases) returns integer[] language sql stable as $$
  select array[
    1,
    (c.decided_at is not null)::int,
    coalesce(c.decided_at is not null
      and (c.promised_due is null or case_stats_day(c.decided_at) <= c.promised_due), false)::int,
    coalesce(c.case_kind = '1', false)::int,
    coalesce(c.channel = 'online', false)::int,
    coalesce(c.status = 'not_accepted', false)::int,
    0, 0, 0, 0, 0,
    coalesce(c.acceptance_outcome = 'accepted', false)::int,
    coalesce(c.acceptance_outcome = 'corrected_then_accepted', false)::int,
    coalesce(c.acceptance_outcome = 'tolerance', false)::int,
    coalesce(c.acceptance_outcome = 'not_ours', false)::int,
    coalesce(c.acceptance_outcome = 'not_catalogued', false)::int,
    coalesce(c.acceptance_outcome is null and c.status = 'submitted', false)::int
  ]
$$;

-- What hangs on a case: its rating, closed rectification and complaints (moved with the case's key).
create function case_stats_attached(p_case uuid) returns integer[] language sql stable as $$
  select array[
    0, 0, 0, 0, 0, 0,
    (select count(*) from evaluations e where e.case_id = p_case)::int,
    (select coalesce(sum(e.level), 0) from evaluations e where e.case_id = p_case)::int,
    (select count(*) from evaluations e where e.case_id = p_case and e.level >= 4)::int,
    (select count(*) from evaluations e join rectification_tasks t on t.evaluation_id = e.id
      where e.case_id = p_case and t.status = 'closed')::int,
    (select count(*) from complaints k where k.related_case_id = p_case)::int,
    0, 0, 0, 0, 0, 0
  ]
$$;

-- a + k·b, element by element.
create function case_stats_combine(a integer[], b integer[], k integer) returns integer[] language sql immutable as $$
  select array_agg(x + k * y order by i) from unnest(a, b) with ordinality as u(x, y, i)
$$;

-- Appends one change of counts to the pending log (nothing when every count is unchanged).
create function case_stats_put(d date, r text, a bigint, g text, ch text, v integer[]) returns void language plpgsql as $$
begin
  if v = array_fill(0, array[17]) then
    return;
  end if;
  insert into case_stats_pending (day, region_code, agency_id, guide_code, channel, cases, concluded,
    on_time, instant, online, not_accepted, ratings, rating_sum, bad_ratings, rectified, complaints,
    outcome_accepted, outcome_corrected, outcome_tolerance, outcome_not_ours, outcome_not_catalogued,
    outcome_pending)
  values (d, r, a, g, ch, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
    v[13], v[14], v[15], v[16], v[17]);
end;
$$;

-- Counts under the key of a case (row-locked FOR SHARE, so that a concurrent change of the case's key
-- waits for this transaction and then moves what it added) or of a window visit.
create function case_stats_put_for(p_case uuid, p_visit uuid, v integer[]) returns void language plpgsql as $$
declare
  c record;
begin
  if p_case is not null then
    select submitted_at, handling_region_code, agency_id, guide_code, channel into c
      from cases where id = p_case for share;
    perform case_stats_put(case_stats_day(c.submitted_at), c.handling_region_code, c.agency_id,
      c.guide_code, c.channel, v);
  elsif p_visit is not null then
    select created_at, region_code, agency_id, guide_code into c from window_visits where id = p_visit;
    perform case_stats_put(case_stats_day(c.created_at), c.region_code, c.agency_id,
      coalesce(c.guide_code, ''), 'window', v);
  end if;
end;
$$;

create function case_stats_on_case() returns trigger language plpgsql as $$
declare
  a integer[];
begin
  if tg_op = 'INSERT' then
    perform case_stats_put(case_stats_day(new.submitted_at), new.handling_region_code, new.agency_id,
      new.guide_code, new.channel, case_stats_own(new));
  elsif tg_op = 'DELETE' then
    perform case_stats_put(case_stats_day(old.submitted_at), old.handling_region_code, old.agency_id,
      old.guide_code, old.channel,
      case_stats_combine(array_fill(0, array[17]),
        case_stats_combine(case_stats_own(old), case_stats_attached(old.id), 1), -1));
  elsif (old.submitted_at, old.handling_region_code, old.agency_id, old.guide_code, old.channel)
        is not distinct from
        (new.submitted_at, new.handling_region_code, new.agency_id, new.guide_code, new.channel) then
    perform case_stats_put(case_stats_day(new.submitted_at), new.handling_region_code, new.agency_id,
      new.guide_code, new.channel, case_stats_combine(case_stats_own(new), case_stats_own(old), -1));
  else
    a := case_stats_attached(new.id);
    perform case_stats_put(case_stats_day(old.submitted_at), old.handling_region_code, old.agency_id,
      old.guide_code, old.channel,
      case_stats_combine(array_fill(0, array[17]), case_stats_combine(case_stats_own(old), a, 1), -1));
    perform case_stats_put(case_stats_day(new.submitted_at), new.handling_region_code, new.agency_id,
      new.guide_code, new.channel, case_stats_combine(case_stats_own(new), a, 1));
  end if;
  return null;
end;
$$;
create trigger cases_stats_insert after insert or delete on cases
  for each row execute function case_stats_on_case();
-- Only the columns the counts depend on (the warning sweep's updates never reach the function).
create trigger cases_stats_update after update on cases
  for each row
  when ((old.status, old.decided_at, old.promised_due, old.case_kind, old.acceptance_outcome, old.channel,
         old.agency_id, old.handling_region_code, old.guide_code, old.submitted_at)
        is distinct from
        (new.status, new.decided_at, new.promised_due, new.case_kind, new.acceptance_outcome, new.channel,
         new.agency_id, new.handling_region_code, new.guide_code, new.submitted_at))
  execute function case_stats_on_case();

-- Evaluations are immutable (0006): only inserts count.
create function case_stats_on_evaluation() returns trigger language plpgsql as $$
begin
  perform case_stats_put_for(new.case_id, new.visit_id,
    array[0, 0, 0, 0, 0, 0, 1, new.level, (new.level >= 4)::int, 0, 0, 0, 0, 0, 0, 0, 0]);
  return null;
end;
$$;
create trigger evaluations_stats after insert on evaluations
  for each row execute function case_stats_on_evaluation();

create function case_stats_on_rectification() returns trigger language plpgsql as $$
declare
  d integer := 0;
  e record;
begin
  if tg_op <> 'DELETE' and new.status = 'closed' then
    d := d + 1;
  end if;
  if tg_op <> 'INSERT' and old.status = 'closed' then
    d := d - 1;
  end if;
  if d <> 0 then
    select case_id, visit_id into e from evaluations
      where id = (case when tg_op = 'DELETE' then old.evaluation_id else new.evaluation_id end);
    perform case_stats_put_for(e.case_id, e.visit_id,
      array[0, 0, 0, 0, 0, 0, 0, 0, 0, d, 0, 0, 0, 0, 0, 0, 0]);
  end if;
  return null;
end;
$$;
create trigger rectification_tasks_stats after insert or update of status or delete on rectification_tasks
  for each row execute function case_stats_on_rectification();

create function case_stats_on_complaint() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' and old.related_case_id is not null then
    perform case_stats_put_for(old.related_case_id, null,
      array[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0]);
  end if;
  if tg_op <> 'DELETE' and new.related_case_id is not null then
    perform case_stats_put_for(new.related_case_id, null,
      array[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  end if;
  return null;
end;
$$;
create trigger complaints_stats_insert after insert or delete on complaints
  for each row execute function case_stats_on_complaint();
create trigger complaints_stats_update after update of related_case_id on complaints
  for each row when (old.related_case_id is distinct from new.related_case_id)
  execute function case_stats_on_complaint();

-- Folds up to max_rows pending rows into case_stats_daily; returns how many were consumed, or -1 when
-- another fold holds the lock (it will consume them).
create function case_stats_fold(max_rows integer) returns integer language plpgsql as $$
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
  )
  select count(*) into n from batch;
  return n;
end;
$$;

-- The aggregates computed from the base tables alone (the rebuild, and the tests' reference).
create function case_stats_from_scratch() returns setof case_stats_daily language sql stable as $$
  select day, region_code, agency_id, guide_code, channel,
    sum(cases)::int, sum(concluded)::int, sum(on_time)::int, sum(instant)::int, sum(online)::int,
    sum(not_accepted)::int, sum(ratings)::int, sum(rating_sum)::int, sum(bad_ratings)::int,
    sum(rectified)::int, sum(complaints)::int, sum(outcome_accepted)::int, sum(outcome_corrected)::int,
    sum(outcome_tolerance)::int, sum(outcome_not_ours)::int, sum(outcome_not_catalogued)::int,
    sum(outcome_pending)::int
  from (
    select case_stats_day(c.submitted_at) as day, c.handling_region_code as region_code, c.agency_id,
      c.guide_code, c.channel,
      1 as cases,
      (c.decided_at is not null)::int as concluded,
      coalesce(c.decided_at is not null
        and (c.promised_due is null or case_stats_day(c.decided_at) <= c.promised_due), false)::int as on_time,
      (c.case_kind = '1')::int as instant,
      (c.channel = 'online')::int as online,
      (c.status = 'not_accepted')::int as not_accepted,
      0 as ratings, 0 as rating_sum, 0 as bad_ratings, 0 as rectified, 0 as complaints,
      coalesce(c.acceptance_outcome = 'accepted', false)::int as outcome_accepted,
      coalesce(c.acceptance_outcome = 'corrected_then_accepted', false)::int as outcome_corrected,
      coalesce(c.acceptance_outcome = 'tolerance', false)::int as outcome_tolerance,
      coalesce(c.acceptance_outcome = 'not_ours', false)::int as outcome_not_ours,
      coalesce(c.acceptance_outcome = 'not_catalogued', false)::int as outcome_not_catalogued,
      (c.acceptance_outcome is null and c.status = 'submitted')::int as outcome_pending
    from cases c
    union all
    select case_stats_day(c.submitted_at), c.handling_region_code, c.agency_id, c.guide_code, c.channel,
      0, 0, 0, 0, 0, 0, 1, e.level, (e.level >= 4)::int,
      coalesce((select (t.status = 'closed')::int from rectification_tasks t where t.evaluation_id = e.id), 0),
      0, 0, 0, 0, 0, 0, 0
    from evaluations e join cases c on c.id = e.case_id
    union all
    select case_stats_day(v.created_at), v.region_code, v.agency_id, coalesce(v.guide_code, ''), 'window',
      0, 0, 0, 0, 0, 0, 1, e.level, (e.level >= 4)::int,
      coalesce((select (t.status = 'closed')::int from rectification_tasks t where t.evaluation_id = e.id), 0),
      0, 0, 0, 0, 0, 0, 0
    from evaluations e join window_visits v on v.id = e.visit_id
    union all
    select case_stats_day(c.submitted_at), c.handling_region_code, c.agency_id, c.guide_code, c.channel,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
    from complaints k join cases c on c.id = k.related_case_id
  ) x
  group by day, region_code, agency_id, guide_code, channel
$$;

-- Recomputes the aggregates from the base tables; writers wait meanwhile (SHARE locks), folds too.
create function case_stats_rebuild() returns integer language plpgsql as $$
declare
  n integer;
begin
  perform pg_advisory_xact_lock(727274014);
  lock table cases, evaluations, rectification_tasks, complaints, window_visits in share mode;
  delete from case_stats_pending;
  delete from case_stats_daily;
  insert into case_stats_daily select * from case_stats_from_scratch();
  get diagnostics n = row_count;
  return n;
end;
$$;

select case_stats_rebuild();

-- Window satisfaction by hall and clerk over the ratings given in a period (statistics section).
create index evaluations_window_idx on evaluations (region_code text_pattern_ops, created_at)
  where channel = 'window';
