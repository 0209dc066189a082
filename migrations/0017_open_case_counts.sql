-- Counts of open cases for the supervision board and its overdue tables and lists (issue 12, Scale).
-- At Xinjiang scale (bench/scale.ts: 10 M cases) a prefecture holds ~200,000 open cases, ~110,000 of
-- them overdue: counting them on every request, even index-only on cases_overdue_idx (0016), took
-- 60–100 ms (board, overdue tables, the lists' totals). They are now summed from a few thousand rows.
--
-- Two small tables of counts, each read whole for a region subtree:
-- case_open_levels: the open cases (accepted, under_review, suspended) per (handling region, agency,
--   warning level): the board's warning counts (a few rows per agency).
-- case_running_dues: the running cases (accepted, under_review: the clock runs) per (handling region,
--   agency, promised due date; 'infinity' when none). Overdue on a day = those due before it, so the
--   counts serve every day without a nightly job: the overdue tables, the lists' totals, and where a
--   list page starts (how many come before each date).
--
-- Exactness, as the statistics aggregates (0014): triggers on cases append each row's change (−1 under
-- its old key, +1 under its new one) to case_open_pending in the writer's own transaction (insert-only:
-- no writer waits for another on a counter row); case_open_fold (run with the statistics fold by the
-- job monitoring.fold_statistics) deletes a batch of pending rows and adds their sums into both tables
-- in one transaction under an advisory lock; readers sum a table and the pending rows in one statement:
-- exact at any moment, folded or not. case_open_rebuild() recomputes both from cases.

create table case_open_levels (
  region_code    text not null,
  agency_id      bigint not null,
  warning_level  text not null,
  n              integer not null,
  primary key (region_code, agency_id, warning_level)
);

-- Read by due date range first (the overdue ones), index-only.
create table case_running_dues (
  region_code    text not null,
  agency_id      bigint not null,
  due            date not null,
  n              integer not null,
  primary key (region_code, agency_id, due)
);
create index case_running_dues_due_idx on case_running_dues (due) include (region_code, agency_id, n);

create table case_open_pending (
  id             bigserial primary key,
  region_code    text not null,
  agency_id      bigint not null,
  status         text not null,
  warning_level  text not null,
  due            date not null,
  n              integer not null
);

-- Every change passes through the pending log and every fold updates the counts: vacuum them after a
-- thousand dead rows rather than a fraction of the table, so that a large fold (a warning sweep that
-- changed 100,000 levels) does not leave readers scanning megabytes of empty pages until the next
-- autovacuum.
alter table case_open_pending set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
alter table case_open_levels set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
alter table case_running_dues set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);

create function case_open_on_case() returns trigger language plpgsql as $$
begin
  if tg_op <> 'INSERT' and old.status in ('accepted', 'under_review', 'suspended') then
    insert into case_open_pending (region_code, agency_id, status, warning_level, due, n)
    values (old.handling_region_code, old.agency_id, old.status, old.warning_level,
      coalesce(old.promised_due, 'infinity'::date), -1);
  end if;
  if tg_op <> 'DELETE' and new.status in ('accepted', 'under_review', 'suspended') then
    insert into case_open_pending (region_code, agency_id, status, warning_level, due, n)
    values (new.handling_region_code, new.agency_id, new.status, new.warning_level,
      coalesce(new.promised_due, 'infinity'::date), 1);
  end if;
  return null;
end;
$$;
-- Cases are mostly inserted as submitted and updated in columns the counts do not depend on: the
-- WHEN clauses keep the function off those rows.
create trigger cases_open_insert after insert on cases
  for each row when (new.status in ('accepted', 'under_review', 'suspended'))
  execute function case_open_on_case();
create trigger cases_open_delete after delete on cases
  for each row when (old.status in ('accepted', 'under_review', 'suspended'))
  execute function case_open_on_case();
create trigger cases_open_update after update on cases
  for each row
  when ((old.status in ('accepted', 'under_review', 'suspended')
         or new.status in ('accepted', 'under_review', 'suspended'))
        and (old.status, old.warning_level, old.promised_due, old.agency_id, old.handling_region_code)
            is distinct from
            (new.status, new.warning_level, new.promised_due, new.agency_id, new.handling_region_code))
  execute function case_open_on_case();

-- Folds up to max_rows pending rows into case_open_levels and case_running_dues (keys whose count
-- falls to 0 are removed); returns how many were consumed, or -1 when another fold holds the lock (it
-- will consume them).
create function case_open_fold(max_rows integer) returns integer language plpgsql as $$
declare
  consumed integer;
begin
  if not pg_try_advisory_xact_lock(727274017) then
    return -1;
  end if;
  with batch as (
    delete from case_open_pending
    where id in (select id from case_open_pending order by id limit max_rows)
    returning region_code, agency_id, status, warning_level, due, n
  ), levels as (
    insert into case_open_levels as c (region_code, agency_id, warning_level, n)
    select b.region_code, b.agency_id, b.warning_level, sum(b.n)::int
    from batch b
    group by b.region_code, b.agency_id, b.warning_level
    having sum(b.n) <> 0
    order by 1, 2, 3
    on conflict (region_code, agency_id, warning_level) do update set n = c.n + excluded.n
    returning 1
  ), dues as (
    insert into case_running_dues as c (region_code, agency_id, due, n)
    select b.region_code, b.agency_id, b.due, sum(b.n)::int
    from batch b
    where b.status in ('accepted', 'under_review')
    group by b.region_code, b.agency_id, b.due
    having sum(b.n) <> 0
    order by 1, 2, 3
    on conflict (region_code, agency_id, due) do update set n = c.n + excluded.n
    returning 1
  )
  select count(*) into consumed from batch;
  delete from case_open_levels c where c.n = 0;
  delete from case_running_dues c where c.n = 0;
  return consumed;
end;
$$;

-- Both tables computed from cases alone (the rebuild, and the tests' reference).
create function case_open_levels_from_scratch() returns setof case_open_levels language sql stable as $$
  select handling_region_code, agency_id, warning_level, count(*)::int
  from cases
  where status in ('accepted', 'under_review', 'suspended')
  group by 1, 2, 3
$$;
create function case_running_dues_from_scratch() returns setof case_running_dues language sql stable as $$
  select handling_region_code, agency_id, coalesce(promised_due, 'infinity'::date), count(*)::int
  from cases
  where status in ('accepted', 'under_review')
  group by 1, 2, 3
$$;

-- Recomputes both from cases; writers of cases wait meanwhile (SHARE lock), folds too. Returns the
-- rows written.
create function case_open_rebuild() returns integer language plpgsql as $$
declare
  a integer;
  b integer;
begin
  perform pg_advisory_xact_lock(727274017);
  lock table cases in share mode;
  delete from case_open_pending;
  delete from case_open_levels;
  delete from case_running_dues;
  insert into case_open_levels select * from case_open_levels_from_scratch();
  get diagnostics a = row_count;
  insert into case_running_dues select * from case_running_dues_from_scratch();
  get diagnostics b = row_count;
  return a + b;
end;
$$;

select case_open_rebuild();

-- The back office's warning lists (GET /api/v1/cases?warning=red|yellow, scoped to its agencies),
-- newest first: with fresh statistics the planner combined the agency index (~33,000 cases of an
-- agency) with cases_warning_idx (~85,000 red cases) in a bitmap, ~25 ms and 100+ ms at p99 on 10 M
-- cases. The warned cases of an agency are few: this reads them in list order (one agency) or sorts
-- a few hundred (several).
create index if not exists cases_warning_agency_idx on cases (agency_id, warning_level, submitted_at desc, id desc)
  where warning_level <> 'normal';
