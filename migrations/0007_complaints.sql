-- Complaints (投诉举报, 12345, 办不成事; 条例 41, 46; 办法 36).

create table complaints (
  id               uuid primary key,
  number           text not null unique,
  channel          text not null check (channel in ('portal', 'hotline', 'hall')),
  category         text not null check (category in ('service_attitude', 'efficiency', 'unable_to_handle', 'guide_error', 'integrity', 'other')),
  complainant_id   uuid references users (id),
  contact_enc      text,
  content          text not null,
  related_case_id  uuid references cases (id),
  related_guide    text,
  suggested_agency_id bigint references agencies (id),
  agency_id        bigint references agencies (id),
  region_code      text not null,
  status           text not null check (status in ('received', 'dispatched', 'replied', 'closed')),
  due_date         date,
  reply            text,
  replied_at       timestamptz,
  satisfaction     smallint check (satisfaction between 1 and 5),
  reopen_count     integer not null default 0,
  received_by      uuid references users (id),
  created_at       timestamptz not null,
  lock_version     integer not null default 0
);
create index complaints_agency_idx on complaints (agency_id, status);
create index complaints_due_idx on complaints (due_date) where status = 'dispatched';
create index complaints_complainant_idx on complaints (complainant_id);

-- Fixed-window counters for rate limits kept in the database (shared by every instance).
create table rate_limits (
  key           text primary key,
  window_start  timestamptz not null,
  count         integer not null
);
