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
