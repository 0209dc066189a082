-- Halls, windows, appointments and queue (条例 23–27, 40; 方案 六, 八); search index, FAQ,
-- instant approval (方案 七, 十五). No extensions: the search index is a token table with GIN.

-- Opening of a hall (the venues of the agencies module): periods of a working day, slot length
-- and how many applicants one window serves per slot. Days come from the work calendar.
create table hall_settings (
  venue_id              bigint primary key references venues (id),
  periods               jsonb not null,
  slot_minutes          smallint not null check (slot_minutes between 5 and 240),
  capacity_per_window   smallint not null check (capacity_per_window between 1 and 100),
  booking_days_ahead    smallint not null default 7 check (booking_days_ahead between 1 and 60),
  updated_at            timestamptz not null
);

create table hall_windows (
  id          bigserial primary key,
  venue_id    bigint not null references venues (id),
  number      text not null,
  kind        text not null check (kind in ('comprehensive', 'cross_province', 'in_region', 'one_thing', 'assisted', 'complaint')),
  is_active   boolean not null default true,
  created_at  timestamptz not null,
  unique (venue_id, number)
);

-- Which items (by guide code) a window serves.
create table hall_window_items (
  window_id   bigint not null references hall_windows (id),
  guide_code  text not null,
  primary key (window_id, guide_code)
);
create index hall_window_items_guide_idx on hall_window_items (guide_code);

-- 委托受理: an item of a higher agency accepted at a township or village venue.
create table hall_delegations (
  id          bigserial primary key,
  venue_id    bigint not null references venues (id),
  guide_code  text not null,
  basis       text not null,
  created_at  timestamptz not null,
  revoked_at  timestamptz,
  unique (venue_id, guide_code)
);

-- 预约: counters per slot keep capacity under concurrency (a guarded increment).
create table appointment_slot_counts (
  venue_id    bigint not null references venues (id),
  guide_code  text not null,
  slot_date   date not null,
  slot_start  text not null,
  booked      integer not null default 0 check (booked >= 0),
  primary key (venue_id, guide_code, slot_date, slot_start)
);

create table appointments (
  id            uuid primary key,
  venue_id      bigint not null references venues (id),
  guide_code    text not null,
  applicant_id  uuid not null references users (id),
  slot_date     date not null,
  slot_start    text not null,
  slot_end      text not null,
  status        text not null check (status in ('booked', 'cancelled', 'checked_in', 'no_show')),
  created_at    timestamptz not null,
  cancelled_at  timestamptz,
  reminded_at   timestamptz,
  checked_in_at timestamptz
);
create index appointments_applicant_idx on appointments (applicant_id, slot_date);
create index appointments_slot_idx on appointments (venue_id, slot_date, status);
create unique index appointments_one_per_slot on appointments (applicant_id, venue_id, slot_date, slot_start)
  where status = 'booked';

-- 叫号
create table queue_counters (
  venue_id      bigint not null references venues (id),
  service_date  date not null,
  last_seq      integer not null,
  primary key (venue_id, service_date)
);

create table queue_tickets (
  id              uuid primary key,
  venue_id        bigint not null references venues (id),
  service_date    date not null,
  seq             integer not null,
  number          text not null,
  source          text not null check (source in ('appointment', 'walk_in')),
  appointment_id  uuid references appointments (id),
  applicant_id    uuid references users (id),
  guide_code      text,
  window_kind     text not null,
  priority_group  text,
  status          text not null check (status in ('waiting', 'called', 'done', 'skipped')),
  window_id       bigint references hall_windows (id),
  issued_at       timestamptz not null,
  called_at       timestamptz,
  finished_at     timestamptz,
  unique (venue_id, service_date, seq)
);
create index queue_tickets_waiting_idx on queue_tickets (venue_id, service_date, status);

-- Search: one row per distinct searchable text (item name, FAQ, later bundles), with its tokens
-- (segmented words, character bigrams, pinyin, initials) under GIN, and the pinyin forms for
-- prefix matching. Guides point at the row of their name: a million guides share a few
-- thousand names, so ranking happens over names and the guides are then fetched by index.
create table search_terms (
  id          bigserial primary key,
  kind        text not null check (kind in ('item', 'faq', 'bundle')),
  key         text not null,
  title       text not null,
  body        text not null default '',
  ref         text,
  tokens      text[] not null,
  pinyin      text not null,
  initials    text not null,
  popularity  integer not null default 0,
  unique (kind, key)
);
create index search_terms_tokens_idx on search_terms using gin (tokens);

-- The generation of search_terms: every change bumps it, so each instance knows when to reload
-- its in-memory ranker (one tiny read per query).
create table search_meta (
  id          smallint primary key check (id = 1),
  generation  bigint not null
);
insert into search_meta (id, generation) values (1, 0);

create table search_guides (
  entry_id     bigint primary key,
  code         text not null unique,
  term_id      bigint not null references search_terms (id),
  name         text not null,
  agency_id    bigint,
  agency_name  text not null,
  region_code  text not null,
  item_type    text not null,
  line_code    text,
  tags         text[] not null default '{}',
  popularity   integer not null default 0
);
create index search_guides_term_pop_idx on search_guides (term_id, popularity desc, entry_id);
create index search_guides_term_region_idx on search_guides (term_id, region_code);

-- 智能问答: questions and answers per basic item.
create table item_faqs (
  id          bigserial primary key,
  basic_code  text not null,
  question    text not null,
  answer      text not null,
  created_by  uuid references users (id),
  created_at  timestamptz not null
);
create index item_faqs_basic_idx on item_faqs (basic_code);

-- 秒批: machine-checkable rules per guide, and each automatic decision (revocable).
create table instant_approval_rules (
  guide_code   text primary key,
  rules        jsonb not null,
  is_enabled   boolean not null default true,
  updated_by   uuid references users (id),
  updated_at   timestamptz not null
);

create table instant_approvals (
  case_id       uuid primary key references cases (id),
  guide_code    text not null,
  outcome       text not null check (outcome in ('approved', 'referred')),
  checks        jsonb not null,
  decided_at    timestamptz not null,
  revoked_at    timestamptz,
  revoked_by    uuid references users (id),
  revoke_reason text
);
create index instant_approvals_guide_idx on instant_approvals (guide_code, outcome);
