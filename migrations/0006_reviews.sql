-- 好差评 (evaluations) and bad-review rectification (条例 42, 方案 九).

create table evaluations (
  id              bigserial primary key,
  case_id         uuid not null unique references cases (id),
  rater_id        uuid not null references users (id),
  channel         text not null check (channel in ('online', 'window')),
  level           smallint not null check (level between 1 and 5),
  indicators      jsonb not null,
  comment         text,
  guide_code      text not null,
  agency_id       bigint not null references agencies (id),
  region_code     text not null,
  staff_id        uuid,
  created_at      timestamptz not null
);
create index evaluations_agency_idx on evaluations (agency_id, created_at);

-- A rating is the rater's: nobody changes or deletes it afterwards.
create function evaluations_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'evaluations cannot be changed (% refused)', tg_op using errcode = '42501';
end;
$$;
create trigger evaluations_no_change before update or delete on evaluations
  for each row execute function evaluations_immutable();

create table rectification_tasks (
  id              bigserial primary key,
  evaluation_id   bigint not null unique references evaluations (id),
  agency_id       bigint not null references agencies (id),
  region_code     text not null,
  due_date        date not null,
  status          text not null check (status in ('open', 'reported', 'appealed', 'closed')),
  verification    text,
  rectification   text,
  callback_note   text,
  reported_at     timestamptz,
  appeal_reason   text,
  appealed_at     timestamptz,
  recheck_result  text,
  rechecked_at    timestamptz,
  is_escalated    boolean not null default false,
  lock_version    integer not null default 0
);
create index rectification_tasks_due_idx on rectification_tasks (due_date) where status = 'open';
