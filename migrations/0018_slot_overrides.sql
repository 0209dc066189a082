-- 预约时段调整: the hall administrator's changes to one slot of one day (the slots themselves are
-- generated from hall_settings on the calendar's working days). A row keys the generated slot by its
-- regular start and says where it now lies, how many applicants each serving window takes in it
-- (null = the hall's setting), or that it is closed. Rows whose regular start no longer exists after
-- a settings change are ignored.
create table appointment_slot_overrides (
  venue_id             bigint not null references venues (id),
  slot_date            date not null,
  regular_start        text not null,
  start_time           text not null,
  end_time             text not null,
  capacity_per_window  smallint check (capacity_per_window between 1 and 100),
  is_closed            boolean not null default false,
  updated_at           timestamptz not null,
  primary key (venue_id, slot_date, regular_start)
);
