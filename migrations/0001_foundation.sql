-- Platform foundation: audit chain, job queue, working-day calendar overrides.
-- Forward-only. Runs identically on PostgreSQL 15 and PGlite (PostgreSQL 18).

-- Tamper-evident audit log: every write of the platform appends one event here, in the same
-- transaction as the write. Each event's hash covers the previous event's hash (SM3 chain).
create table audit_events (
  seq            bigint primary key,
  occurred_at    timestamptz not null,
  actor_kind     text not null check (actor_kind in ('user', 'system', 'anonymous')),
  actor_id       text,
  action         text not null,
  entity_type    text not null,
  entity_id      text,
  before_digest  text,
  after_digest   text,
  request_id     text,
  prev_hash      text not null,
  hash           text not null
);
create index audit_events_entity_idx on audit_events (entity_type, entity_id, seq);

-- The head of the chain: one row, locked by each appender, so events are chained in commit order.
create table audit_chain_head (
  id    smallint primary key check (id = 1),
  seq   bigint not null,
  hash  text not null
);
insert into audit_chain_head (id, seq, hash) values (1, 0, repeat('0', 64));

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = '42501';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();

-- PostgreSQL-backed job queue (no other server needed for the embedded default).
create table jobs (
  id               bigserial primary key,
  name             text not null,
  payload          jsonb not null default '{}'::jsonb,
  idempotency_key  text unique,
  status           text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'dead')),
  run_at           timestamptz not null default now(),
  attempts         integer not null default 0,
  max_attempts     integer not null default 5 check (max_attempts >= 1),
  locked_by        text,
  locked_until     timestamptz,
  last_error       text,
  created_at       timestamptz not null default now(),
  finished_at      timestamptz
);
create index jobs_due_idx on jobs (run_at) where status = 'queued';
create index jobs_running_idx on jobs (locked_until) where status = 'running';

-- Cron schedules: each due tick enqueues one job keyed by schedule name and tick time.
create table job_schedules (
  name         text primary key,
  cron         text not null,
  job_name     text not null,
  payload      jsonb not null default '{}'::jsonb,
  next_run_at  timestamptz not null,
  last_run_at  timestamptz,
  is_enabled   boolean not null default true
);

-- Working-day calendar. National holidays and make-up days come from the chinese-days package;
-- an admin declares a year the package does not cover yet (State Council notice, each November)
-- and enters overrides, nationally (region_code '') or for a region subtree (e.g. 肉孜节 in 65).
create table calendar_years (
  year         integer primary key check (year between 1900 and 2200),
  source       text not null,
  declared_at  timestamptz not null default now(),
  declared_by  text
);

create table calendar_overrides (
  id           bigserial primary key,
  day          date not null,
  region_code  text not null default '' check (region_code ~ '^([0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?)?$'),
  is_workday   boolean not null,
  name         text not null,
  created_at   timestamptz not null default now(),
  created_by   text,
  unique (day, region_code)
);
