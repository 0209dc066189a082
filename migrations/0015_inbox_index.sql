-- The staff inbox by due date (GET /api/v1/cases/inbox, cases/case-inbox.queries.ts): per agency,
-- open cases first, then decided ones awaiting delivery, then ended; soonest due first; id as the
-- keyset tie-breaker. The expressions must match RANK and DUE in the query exactly, so that a page is
-- an index range scan whatever the size of the agency's inbox (bench/inbox.bench.ts: without it a page
-- took ~220 ms at 100,000 cases of one agency on PostgreSQL, with it ~11 ms).
create index if not exists cases_inbox_agency_idx on cases (agency_id,
  (case when status in ('submitted', 'accepted', 'under_review', 'suspended') then 0
        when status in ('approved', 'denied') then 1 else 2 end),
  (coalesce(promised_due, date '9999-12-31')), id);
