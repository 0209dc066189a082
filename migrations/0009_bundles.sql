-- "One thing" bundles (一件事, 办法 3, 19–21, 28–31) and parent cases (one application, several sub-cases).

-- A bundle is a catalog entry of its own layer: versioned, immutable once published, changed through
-- the same change requests as items.
alter table catalog_entries drop constraint catalog_entries_layer_check;
alter table catalog_entries add constraint catalog_entries_layer_check
  check (layer in ('power', 'basic', 'spec', 'guide', 'bundle'));

-- The guide versions a published bundle version links (pinned at publication).
create table bundle_item_pins (
  bundle_version_id  bigint not null references catalog_versions (id),
  item_key           text not null,
  guide_entry_id     bigint not null references catalog_entries (id),
  guide_version_id   bigint not null references catalog_versions (id),
  primary key (bundle_version_id, item_key)
);

-- A parent case groups the sub-cases of one application (a bundle today; any case group).
-- Status and due date are derived from the sub-cases, recomputed when one of them moves.
create table parent_cases (
  id                     uuid primary key,
  case_number            text not null unique check (length(case_number) <= 50),
  kind                   text not null check (kind in ('bundle')),
  ref_code               text not null,
  ref_version_id         bigint references catalog_versions (id),
  title                  text not null,
  applicant_id           uuid not null references users (id),
  receiving_region_code  text not null references regions (code),
  lead_agency_id         bigint references agencies (id),
  channel                text not null check (channel in ('online', 'window', 'kiosk', 'assisted')),
  status                 text not null check (status in ('submitted', 'in_progress', 'ready', 'completed', 'partially_completed', 'failed', 'withdrawn')),
  promised_due           date,
  submitted_at           timestamptz not null,
  completed_at           timestamptz,
  idempotency_key        text,
  unique (applicant_id, idempotency_key)
);
create index parent_cases_ref_idx on parent_cases (kind, ref_code, receiving_region_code);
create index parent_cases_applicant_idx on parent_cases (applicant_id, submitted_at desc);

alter table cases add column parent_case_id uuid references parent_cases (id);
create index cases_parent_idx on cases (parent_case_id) where parent_case_id is not null;

-- A sub-case waits (is not dispatched) until each sibling it follows is approved.
create table case_waits (
  case_id            uuid not null references cases (id),
  waits_for_case_id  uuid not null references cases (id),
  primary key (case_id, waits_for_case_id)
);
create index case_waits_for_idx on case_waits (waits_for_case_id);
