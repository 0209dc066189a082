-- Indexes for lists and sweeps at Xinjiang scale (measured by bench/scale.ts; EXPLAIN ANALYZE at 1 M cases).
-- Forward-only; identical on PostgreSQL 15 and PGlite (PG 18).

-- Region- and agency-scoped case lists are ordered newest first with a LIMIT: without this index every
-- list sorted all cases of the scope (a parallel seq scan, 741 ms at 1 M cases); with it 0.1 ms.
create index if not exists cases_submitted_idx on cases (submitted_at desc, id desc);

-- The red / yellow warning lists (the overdue views): few rows, newest first (886 ms → 0.2 ms).
create index if not exists cases_warning_idx on cases (warning_level, submitted_at desc, id desc) where warning_level <> 'normal';

-- The warning sweep walks running cases by id in batches of 1,000: without this it filtered ~67,000
-- rows through the primary key per batch (1.5 s per batch at 1 M cases).
create index if not exists cases_running_idx on cases (id) where status in ('accepted', 'under_review') and promised_due is not null;
