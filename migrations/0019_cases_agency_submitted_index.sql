-- Staff case lists (GET /api/v1/cases, cases.queries.ts listCases) of a department's reviewers: one
-- agency, usually one status, newest submission first, id as the keyset tie-breaker. With only
-- cases_agency_idx (agency_id, status, promised_due) PostgreSQL read and sorted every case of the
-- agency in that status for a page of 20 (7 ms at 10,000 submitted cases of one agency, growing with
-- them); this index gives the page in order.
create index if not exists cases_agency_submitted_idx on cases (agency_id, status, submitted_at desc, id desc);
