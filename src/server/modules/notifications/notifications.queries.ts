import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/tables.js";
import { DELIVER_JOB } from "./notifications.provider.js";

/**
 * Finds what newly became a warning, overdue or dispatched, records each (object, level) once in
 * `notification_triggers`, fans it out to the responsible staff as in-app notifications and queues
 * one delivery job per notification (idempotency key `notify:<id>`), all in one set-based statement:
 * - case: open cases at warning level yellow or red (kept current by the cases warning sweep) → the
 *   reviewers and approvers of the case's agency;
 * - change_request: a submitted review due today or tomorrow ('due') or past due ('overdue'), per
 *   round → the catalog reviewers whose region covers the request;
 * - rectification: an open task ('opened') and one past its due date ('overdue') → the agency's staff;
 * - complaint: dispatched to an agency ('dispatched', 'reopened:N' after the N-th reopening) and past
 *   its due date ('overdue') → the agency's staff.
 */
export async function scanForNotifications(db: Kysely<Database>, today: string, now: Date) {
  const r = await sql<{ triggers: number; notifications: number }>`
    with src (object_type, object_id, level, agency_id, region_code, subject) as (
      select 'case', c.id::text, c.warning_level, c.agency_id, c.handling_region_code,
             c.case_number || ' ' || c.item_name
        from cases c
       where c.warning_level in ('yellow', 'red')
         and c.status in ('accepted', 'under_review', 'suspended')
      union all
      select 'change_request', r.id::text,
             (case when coalesce(r.extended_review_due, r.review_due) < ${today}::date then 'overdue' else 'due' end)
               || (case when r.round > 1 then ':' || r.round else '' end),
             r.filing_agency_id, r.region_code, e.name
        from change_requests r join catalog_entries e on e.id = r.entry_id
       where r.status = 'submitted'
         and coalesce(r.extended_review_due, r.review_due) <= ${today}::date + 1
      union all
      select 'rectification', t.id::text, 'opened', t.agency_id, t.region_code,
             coalesce(c.case_number || ' ' || c.item_name, w.purpose)
        from rectification_tasks t
        join evaluations v on v.id = t.evaluation_id
        left join cases c on c.id = v.case_id
        left join window_visits w on w.id = v.visit_id
       where t.status = 'open'
      union all
      select 'rectification', t.id::text, 'overdue', t.agency_id, t.region_code,
             coalesce(c.case_number || ' ' || c.item_name, w.purpose)
        from rectification_tasks t
        join evaluations v on v.id = t.evaluation_id
        left join cases c on c.id = v.case_id
        left join window_visits w on w.id = v.visit_id
       where t.status = 'open' and t.due_date < ${today}::date
      union all
      select 'complaint', k.id::text,
             case when k.reopen_count = 0 then 'dispatched' else 'reopened:' || k.reopen_count end,
             k.agency_id, k.region_code, k.number
        from complaints k
       where k.status = 'dispatched' and k.agency_id is not null
      union all
      select 'complaint', k.id::text,
             'overdue' || (case when k.reopen_count > 0 then ':' || k.reopen_count else '' end),
             k.agency_id, k.region_code, k.number
        from complaints k
       where k.status = 'dispatched' and k.agency_id is not null and k.due_date < ${today}::date
    ),
    t as (
      insert into notification_triggers (object_type, object_id, level, agency_id, region_code, subject, created_at)
      select object_type, object_id, level, agency_id, region_code, subject, ${now} from src
      on conflict do nothing
      returning object_type, object_id, level, agency_id, region_code, subject
    ),
    n as (
      insert into notifications (recipient_id, object_type, object_id, level, agency_id, region_code, subject, created_at)
      select distinct g.user_id, t.object_type, t.object_id, t.level, t.agency_id, t.region_code, t.subject, ${now}::timestamptz
        from t
        join role_grants g
          on (t.object_type <> 'change_request' and g.role in ('reviewer', 'approver') and g.agency_id = t.agency_id)
          or (t.object_type = 'change_request' and g.role = 'catalog_reviewer' and t.region_code like g.region_code || '%')
        join users u on u.id = g.user_id and u.is_active
      on conflict do nothing
      returning id
    ),
    j as (
      insert into jobs (name, payload, idempotency_key, run_at, max_attempts)
      select ${DELIVER_JOB}, json_build_object('notificationId', n.id)::jsonb, 'notify:' || n.id, ${now}, 5
        from n
      on conflict do nothing
      returning 1
    )
    select (select count(*) from t)::int as triggers, (select count(*) from n)::int as notifications
  `.execute(db);
  return r.rows[0] ?? { triggers: 0, notifications: 0 };
}

export async function listForRecipient(
  db: Kysely<Database>,
  recipientId: string,
  f: { isUnreadOnly: boolean; before: number | undefined; limit: number },
) {
  let q = db
    .selectFrom("notifications")
    .selectAll()
    .where("recipient_id", "=", recipientId)
    .orderBy("id", "desc")
    .limit(f.limit);
  if (f.isUnreadOnly) q = q.where("read_at", "is", null);
  if (f.before !== undefined) q = q.where("id", "<", f.before);
  return q.execute();
}

export async function countUnread(db: Kysely<Database>, recipientId: string): Promise<number> {
  const r = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("recipient_id", "=", recipientId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function markRead(db: Kysely<Database>, recipientId: string, id: number, at: Date) {
  return db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("id", "=", id)
    .where("recipient_id", "=", recipientId)
    .where("read_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}

export async function findForRecipient(db: Kysely<Database>, recipientId: string, id: number) {
  return db
    .selectFrom("notifications")
    .selectAll()
    .where("id", "=", id)
    .where("recipient_id", "=", recipientId)
    .executeTakeFirst();
}

export async function markAllRead(db: Kysely<Database>, recipientId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("recipient_id", "=", recipientId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findUndelivered(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("notifications")
    .selectAll()
    .where("id", "=", id)
    .where("delivered_at", "is", null)
    .executeTakeFirst();
}

export async function markDelivered(db: Kysely<Database>, id: number, at: Date) {
  return db
    .updateTable("notifications")
    .set({ delivered_at: at })
    .where("id", "=", id)
    .where("delivered_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}
