-- Cases (办件): application, acceptance (条例 18), handling, time limits, decisions.

-- Per-region, per-day counters for the unified case number; one UPSERT takes the next value atomically.
create table case_number_counters (
  region_code  text not null,
  day          date not null,
  last_seq     integer not null,
  primary key (region_code, day)
);

create table cases (
  id                      uuid primary key,
  case_number             text not null unique check (length(case_number) <= 50),
  guide_entry_id          bigint not null references catalog_entries (id),
  guide_version_id        bigint not null references catalog_versions (id),
  guide_code              text not null,
  item_name               text not null,
  agency_id               bigint not null references agencies (id),
  handling_region_code    text not null references regions (code),
  receiving_region_code   text not null references regions (code),
  applicant_id            uuid not null references users (id),
  channel                 text not null check (channel in ('online', 'window', 'kiosk', 'assisted')),
  received_by             uuid references users (id),
  status                  text not null check (status in ('submitted', 'accepted', 'under_review', 'suspended', 'approved', 'denied', 'delivered', 'withdrawn', 'not_accepted', 'revoked')),
  acceptance_outcome      text check (acceptance_outcome in ('accepted', 'corrected_then_accepted', 'tolerance', 'not_ours', 'not_catalogued')),
  case_kind               text not null check (case_kind in ('1', '2')),
  form_data_enc           text not null,
  idempotency_key         text,
  submitted_at            timestamptz not null,
  accepted_on             date,
  legal_limit_days        integer,
  promised_limit_days     integer not null,
  extension_days          integer not null default 0,
  paused_workdays         integer not null default 0,
  paused_since            date,
  suspension_reason       text,
  legal_due               date,
  promised_due            date,
  warning_level           text not null default 'normal' check (warning_level in ('normal', 'yellow', 'red')),
  tolerance_due           date,
  tolerance_missing       jsonb,
  decision                text check (decision in ('approve', 'deny')),
  decision_reason         text,
  decided_at              timestamptz,
  delivered_at            timestamptz,
  lock_version            integer not null default 0,
  unique (applicant_id, idempotency_key)
);
create index cases_applicant_idx on cases (applicant_id, submitted_at desc, id);
create index cases_agency_idx on cases (agency_id, status, promised_due);
create index cases_receiving_idx on cases (receiving_region_code, status);
create index cases_tolerance_idx on cases (tolerance_due) where status = 'accepted' and tolerance_due is not null;

create table case_materials (
  id            bigserial primary key,
  case_id       uuid not null references cases (id),
  material_key  text not null,
  name          text not null,
  source        text not null check (source in ('upload', 'license', 'shared_data')),
  file_name     text,
  content_type  text,
  size_bytes    integer,
  sm3           text,
  data          bytea,
  reference     text,
  is_supplement boolean not null default false,
  created_at    timestamptz not null default now()
);
create index case_materials_case_idx on case_materials (case_id);

create table case_events (
  id           bigserial primary key,
  case_id      uuid not null references cases (id),
  action       text not null,
  from_status  text,
  to_status    text not null,
  actor_id     text,
  comment      text,
  at           timestamptz not null
);
create index case_events_case_idx on case_events (case_id, id);

-- Written notices (受理通知书, 不予受理告知书, 补正/容缺告知书, 决定书 …): structured, printable.
create table case_notices (
  id          bigserial primary key,
  case_id     uuid not null references cases (id),
  kind        text not null,
  title       text not null,
  content     jsonb not null,
  agency_id   bigint not null references agencies (id),
  issued_at   timestamptz not null
);
create index case_notices_case_idx on case_notices (case_id);
