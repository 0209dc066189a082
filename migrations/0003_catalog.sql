-- Service item catalog (事项管理): four versioned layers, change requests, obligations.

-- One row per catalogued thing, identified by its stable code:
--   power: 'P' || agency id || '-' || seq;  basic: 基本编码 (12);  spec: 基本编码 || ':' || exercise level;
--   guide: 实施编码 (31 = credit code 18 + level 1 + 基本编码 12).
-- The columns after `code` are a projection of the current published version, for lists and filters.
create table catalog_entries (
  id                  bigserial primary key,
  layer               text not null check (layer in ('power', 'basic', 'spec', 'guide')),
  code                text not null,
  basic_code          text,
  agency_id           bigint references agencies (id),
  region_code         text not null references regions (code),
  line_code           text references functional_lines (code),
  exercise_level      text,
  name                text not null,
  item_type           text not null,
  tags                text[] not null default '{}',
  status              text not null default 'draft' check (status in ('draft', 'active', 'abolished')),
  current_version_id  bigint,
  created_at          timestamptz not null default now(),
  unique (layer, code)
);
create index catalog_entries_basic_idx on catalog_entries (basic_code, layer);
create index catalog_entries_list_idx on catalog_entries (layer, status, region_code);
create index catalog_entries_agency_idx on catalog_entries (agency_id, layer);

create table catalog_versions (
  id                 bigserial primary key,
  entry_id           bigint not null references catalog_entries (id),
  version_no         integer not null,
  status             text not null check (status in ('draft', 'in_review', 'published', 'superseded', 'abolished')),
  content            jsonb not null,
  content_digest     text not null,
  effective_from     date,
  effective_to       date,
  created_by         text,
  created_at         timestamptz not null default now(),
  published_at       timestamptz,
  unique (entry_id, version_no)
);
alter table catalog_entries add constraint catalog_entries_current_fk foreign key (current_version_id) references catalog_versions (id);

-- Published versions are immutable: content and effective_from never change after publication;
-- only the status may move on (superseded, abolished) with its effective_to. Nothing but drafts is deleted.
create function catalog_versions_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'catalog version % is % and cannot be deleted', old.id, old.status using errcode = '42501';
    end if;
    return old;
  end if;
  if old.status in ('published', 'superseded', 'abolished') then
    if new.content is distinct from old.content or new.content_digest is distinct from old.content_digest
       or new.effective_from is distinct from old.effective_from or new.version_no <> old.version_no
       or new.entry_id <> old.entry_id or new.published_at is distinct from old.published_at then
      raise exception 'catalog version % is published and immutable', old.id using errcode = '42501';
    end if;
    if not (new.status = old.status or (old.status = 'published' and new.status in ('superseded', 'abolished'))) then
      raise exception 'catalog version % cannot go from % to %', old.id, old.status, new.status using errcode = '42501';
    end if;
  end if;
  return new;
end;
$$;
create trigger catalog_versions_guard before update or delete on catalog_versions
  for each row execute function catalog_versions_immutable();

-- Change requests (动态调整, 办法 9, 13–16, 18–21).
create table change_requests (
  id                   bigserial primary key,
  entry_id             bigint not null references catalog_entries (id),
  version_id           bigint references catalog_versions (id),
  layer                text not null,
  kind                 text not null check (kind in ('add', 'modify', 'split', 'abolish')),
  trigger_situation    smallint not null check (trigger_situation between 1 and 5),
  trigger_date         date not null,
  reason               text not null,
  basis_documents      jsonb not null default '[]'::jsonb,
  opinions             jsonb not null default '[]'::jsonb,
  touches_functions    boolean not null default false,
  status               text not null check (status in ('submitted', 'rejected', 'approved', 'withdrawn')),
  round                integer not null default 1,
  filing_agency_id     bigint not null references agencies (id),
  region_code          text not null references regions (code),
  filed_on             date not null,
  filing_due           date not null,
  is_late_filing       boolean not null,
  review_due           date not null,
  extended_review_due  date,
  extension_reason     text,
  decided_at           timestamptz,
  decided_by           text,
  decision_comment     text,
  created_by           text,
  created_at           timestamptz not null default now()
);
create index change_requests_status_idx on change_requests (status, region_code);
create index change_requests_entry_idx on change_requests (entry_id);

create table change_request_signoffs (
  id                 bigserial primary key,
  change_request_id  bigint not null references change_requests (id),
  kind               text not null check (kind in ('justice', 'staffing', 'service_admin')),
  agency_id          bigint not null references agencies (id),
  signed_by          text not null,
  is_approved        boolean not null,
  comment            text,
  signed_at          timestamptz not null default now(),
  round              integer not null default 1,
  unique (change_request_id, kind, round)
);

create table change_request_events (
  id                 bigserial primary key,
  change_request_id  bigint not null references change_requests (id),
  action             text not null,
  actor_id           text,
  comment            text,
  at                 timestamptz not null default now()
);

-- After a basic catalog publication, specifications (5 working days) and implementation lists
-- (10 working days) that derive from it owe an update (办法 19–20).
create table catalog_obligations (
  id                   bigserial primary key,
  source_version_id    bigint not null references catalog_versions (id),
  entry_id             bigint not null references catalog_entries (id),
  layer                text not null,
  due_date             date not null,
  fulfilled_at         timestamptz,
  fulfilled_version_id bigint references catalog_versions (id),
  unique (source_version_id, entry_id)
);
create index catalog_obligations_open_idx on catalog_obligations (due_date) where fulfilled_at is null;
