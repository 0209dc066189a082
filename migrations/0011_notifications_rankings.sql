-- Notifications to staff (电子监察 warnings, overdue items, new dispatches) and the indexes the
-- supervision board and the statistics need (条例 41–46; 办法 33–36).

-- One row per object and warning level that was ever noticed: the scan inserts here first, so a
-- warning is notified once and never twice, whoever the staff are at that time.
create table notification_triggers (
  object_type  text not null check (object_type in ('case', 'change_request', 'rectification', 'complaint')),
  object_id    text not null,
  level        text not null,
  agency_id    bigint references agencies (id),
  region_code  text not null,
  subject      text not null,
  created_at   timestamptz not null,
  primary key (object_type, object_id, level)
);

-- The in-app notifications of each staff member; delivered_at marks the SMS/email sending.
create table notifications (
  id            bigserial primary key,
  recipient_id  uuid not null references users (id),
  object_type   text not null,
  object_id     text not null,
  level         text not null,
  agency_id     bigint references agencies (id),
  region_code   text not null,
  subject       text not null,
  created_at    timestamptz not null,
  read_at       timestamptz,
  delivered_at  timestamptz,
  unique (recipient_id, object_type, object_id, level)
);
create index notifications_recipient_idx on notifications (recipient_id, id desc);
create index notifications_unread_idx on notifications (recipient_id) where read_at is null;

-- Indexes for the supervision board, the statistics and the notification scan (measured with
-- bench/monitoring-explain.ts on 1 M generated cases; see README).
-- Open cases by region: warning counts (index-only) and overdue lists of the board.
create index cases_running_region_idx on cases (handling_region_code text_pattern_ops)
  include (warning_level, promised_due)
  where status in ('accepted', 'under_review', 'suspended');
-- The earliest overdue open cases first (the board's top 100).
create index cases_running_due_idx on cases (promised_due)
  where status in ('accepted', 'under_review', 'suspended');
-- The notification scan reads only the open cases that carry a warning.
create index cases_warned_idx on cases (id)
  where warning_level in ('yellow', 'red') and status in ('accepted', 'under_review', 'suspended');
-- Statistics and rankings of a region subtree over a period.
create index cases_region_submitted_idx on cases (handling_region_code text_pattern_ops, submitted_at);
-- Complaints about a case (statistics by agency, item, channel, region).
create index complaints_related_case_idx on complaints (related_case_id) where related_case_id is not null;
-- Complaints of a region over a period (rankings).
create index complaints_region_created_idx on complaints (region_code text_pattern_ops, created_at);

-- Window visits without a case (咨询, 办不成事, a rejected walk-in …): the visitor may rate the window
-- once, like a case (方案 九; GB/T 39735 window indicators). The clerk records the visit, never the rating.
create table window_visits (
  id           uuid primary key,
  visitor_id   uuid not null references users (id),
  staff_id     uuid not null references users (id),
  agency_id    bigint not null references agencies (id),
  region_code  text not null,
  purpose      text not null,
  guide_code   text,
  created_at   timestamptz not null
);
create index window_visits_visitor_idx on window_visits (visitor_id, created_at desc);

alter table evaluations alter column case_id drop not null;
alter table evaluations alter column guide_code drop not null;
alter table evaluations add column visit_id uuid unique references window_visits (id);
alter table evaluations add constraint evaluations_one_subject check ((case_id is null) <> (visit_id is null));
