import { sql, type Insertable, type Kysely } from "kysely";
import { inScope } from "../../db/scope.js";
import { guardedAuditAppend, guardedInsert, withAuditAppend } from "../../audit/audit.queries.js";
import type {
  AuditEventRow,
  CaseRow,
  CasesTable,
  CaseStatus,
  Database,
  WarningLevel,
} from "../../db/tables.js";

export async function nextCaseSequence(
  db: Kysely<Database>,
  regionCode: string,
  day: string,
): Promise<number> {
  const row = await db
    .insertInto("case_number_counters")
    .values({ region_code: regionCode, day, last_seq: 1 })
    .onConflict((oc) =>
      oc
        .columns(["region_code", "day"])
        .doUpdateSet((eb) => ({ last_seq: eb("case_number_counters.last_seq", "+", 1) })),
    )
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/**
 * Reserves the next `count` sequences of a region's case numbers for a day and returns the last
 * one, in a transaction of its own (the counter row is locked only for this statement, not until
 * an application commits), committed without waiting for its WAL flush. That is safe: a number is
 * only used by a case whose own commit is flushed later, and flushing WAL flushes everything before
 * it, this reservation included; so after a crash the counter is past every number of a committed
 * case. A number not used (a failed application, a restart) is a gap, never a duplicate.
 * @throws Error inside a transaction (the setting would apply to that whole transaction).
 */
export async function reserveCaseSequences(
  db: Kysely<Database>,
  regionCode: string,
  day: string,
  count: number,
): Promise<number> {
  if (db.isTransaction) throw new Error("reserveCaseSequences runs in a transaction of its own");
  const r = await sql<{ last_seq: number }>`
    insert into case_number_counters (region_code, day, last_seq)
    select ${regionCode}, ${day}::date, ${count}::integer
    where set_config('synchronous_commit', 'off', true) is not null
    on conflict (region_code, day) do update set last_seq = case_number_counters.last_seq + ${count}::integer
    returning last_seq`.execute(db);
  const last = r.rows[0]?.last_seq;
  if (last === undefined) throw new Error("case number counter returned no row");
  return Number(last);
}

export type NewMaterial = Parameters<typeof insertMaterial>[1];
export type NewEvent = Parameters<typeof insertEvent>[1];

/**
 * A submitted case with its materials, its first event and its audit record (prepared by
 * `prepareAudit`), in one statement; the case as stored.
 */
/** One application's rows: the case, its materials and its first event. */
export interface SubmittedCaseRows {
  case: Insertable<CasesTable>;
  materials: NewMaterial[];
  event: NewEvent;
}

/**
 * Writes submitted cases with their materials, first events and audit records (consecutive links
 * of one chain, from prepareAudits) in one statement; the stored rows in the order given.
 */
export async function insertSubmittedCases(
  db: Kysely<Database>,
  writes: SubmittedCaseRows[],
  audits: AuditEventRow[],
): Promise<CaseRow[]> {
  const withEvents = withAuditAppend(db, audits).with("submitted_events", (q) =>
    q.insertInto("case_events").values(writes.map((w) => w.event)),
  );
  const materials = writes.flatMap((w) => w.materials);
  const cases = writes.map((w) => w.case);
  const rows =
    materials.length === 0
      ? await withEvents.insertInto("cases").values(cases).returningAll().execute()
      : await withEvents
          .with("submitted_materials", (q) => q.insertInto("case_materials").values(materials))
          .insertInto("cases")
          .values(cases)
          .returningAll()
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return cases.map((c) => {
    const row = byId.get(c.id);
    if (row === undefined) throw new Error(`case ${c.id} was not returned by its insert`);
    return row;
  });
}

/**
 * `insertSubmittedCases` as one statement outside any transaction, appending the audit records
 * behind a chain head the caller knows (`head`): it writes everything only if that chain's head is
 * still `head`, and returns the stored cases in the order given, or [] (nothing written) when
 * another writer has moved the head since.
 */
export async function appendSubmittedCasesIfHead(
  db: Kysely<Database>,
  head: { chain: number; seq: number; hash: string },
  writes: SubmittedCaseRows[],
  audits: AuditEventRow[],
): Promise<CaseRow[]> {
  const materials = writes.flatMap((w) => w.materials);
  const r = await sql<CaseRow>`
    with ${guardedAuditAppend(head, audits)},
    submitted_events as (${guardedInsert(
      "case_events",
      writes.map((w) => w.event),
    )})${materials.length === 0 ? sql`` : sql`, submitted_materials as (${guardedInsert("case_materials", materials)})`}
    ${guardedInsert(
      "cases",
      writes.map((w) => w.case),
    )}
    returning *`.execute(db);
  if (r.rows.length === 0) return [];
  const byId = new Map(r.rows.map((row) => [row.id, row]));
  return writes.map((w) => {
    const row = byId.get(String(w.case.id));
    if (row === undefined) throw new Error(`case ${String(w.case.id)} was not returned by its insert`);
    return row;
  });
}

export async function insertCase(db: Kysely<Database>, c: Insertable<CasesTable>): Promise<void> {
  await db.insertInto("cases").values(c).execute();
}

export async function findCase(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom("cases").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findCaseByKey(
  db: Kysely<Database>,
  applicantId: string,
  key: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom("cases")
    .selectAll()
    .where("applicant_id", "=", applicantId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

/** Optimistic update: succeeds only if nobody changed the case since it was read. */
export async function updateCaseIfVersion(
  db: Kysely<Database>,
  id: string,
  lockVersion: number,
  patch: Partial<Omit<CaseRow, "id" | "lock_version" | "tolerance_missing">> & {
    tolerance_missing?: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable("cases")
    .set({ ...patch, lock_version: lockVersion + 1 })
    .where("id", "=", id)
    .where("lock_version", "=", lockVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertMaterial(
  db: Kysely<Database>,
  m: {
    case_id: string;
    material_key: string;
    name: string;
    source: "upload" | "license" | "shared_data";
    file_name: string | null;
    content_type: string | null;
    size_bytes: number | null;
    sm3: string | null;
    data: Buffer | null;
    reference: string | null;
    is_supplement: boolean;
  },
): Promise<void> {
  await db.insertInto("case_materials").values(m).execute();
}

export async function listMaterials(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom("case_materials")
    .select([
      "id",
      "material_key",
      "name",
      "source",
      "file_name",
      "content_type",
      "size_bytes",
      "sm3",
      "reference",
      "is_supplement",
      "created_at",
    ])
    .where("case_id", "=", caseId)
    .orderBy("id")
    .execute();
}

export async function insertEvent(
  db: Kysely<Database>,
  e: {
    case_id: string;
    action: string;
    from_status: string | null;
    to_status: string;
    actor_id: string | null;
    comment: string | null;
    at: Date;
  },
): Promise<void> {
  await db.insertInto("case_events").values(e).execute();
}

export async function listEvents(db: Kysely<Database>, caseId: string) {
  return db.selectFrom("case_events").selectAll().where("case_id", "=", caseId).orderBy("id").execute();
}

export async function insertNotice(
  db: Kysely<Database>,
  n: { case_id: string; kind: string; title: string; content: string; agency_id: number; issued_at: Date },
): Promise<number> {
  const row = await db.insertInto("case_notices").values(n).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function listNotices(db: Kysely<Database>, caseId: string) {
  return db.selectFrom("case_notices").selectAll().where("case_id", "=", caseId).orderBy("id").execute();
}

export interface CaseListFilter {
  applicantId?: string;
  scope?: { regionRoots: string[]; agencyIds: number[] };
  status?: CaseStatus;
  warningLevel?: WarningLevel;
  guideCode?: string;
  submittedFrom?: Date;
  submittedBefore?: Date;
  before?: { submittedAt: Date; id: string };
  limit: number;
}

export async function listCases(db: Kysely<Database>, f: CaseListFilter) {
  let q = db
    .selectFrom("cases")
    .select([
      "id",
      "case_number",
      "item_name",
      "status",
      "warning_level",
      "channel",
      "agency_id",
      "receiving_region_code",
      "handling_region_code",
      "submitted_at",
      "promised_due",
      "applicant_id",
    ]);
  if (f.applicantId !== undefined) q = q.where("applicant_id", "=", f.applicantId);
  if (f.scope !== undefined) {
    const scope = f.scope;
    q = q.where((eb) =>
      eb.or([
        inScope("receiving_region_code", "agency_id", scope),
        inScope("handling_region_code", "agency_id", { regionRoots: scope.regionRoots, agencyIds: [] }),
      ]),
    );
  }
  if (f.status !== undefined) q = q.where("status", "=", f.status);
  if (f.warningLevel !== undefined) q = q.where("warning_level", "=", f.warningLevel);
  if (f.guideCode !== undefined) q = q.where("guide_code", "=", f.guideCode);
  if (f.submittedFrom !== undefined) q = q.where("submitted_at", ">=", f.submittedFrom);
  if (f.submittedBefore !== undefined) q = q.where("submitted_at", "<", f.submittedBefore);
  if (f.before !== undefined) {
    const b = f.before;
    q = q.where((eb) =>
      eb.or([
        eb("submitted_at", "<", b.submittedAt),
        eb.and([eb("submitted_at", "=", b.submittedAt), eb("id", "<", b.id)]),
      ]),
    );
  }
  return q.orderBy("submitted_at", "desc").orderBy("id", "desc").limit(f.limit).execute();
}

/** 容缺 acceptances whose supplement deadline has passed unsupplied. */
export async function listExpiredTolerances(db: Kysely<Database>, today: string, limit: number) {
  return db
    .selectFrom("cases")
    .select(["id", "tolerance_due"])
    .where("status", "=", "accepted")
    .where("tolerance_due", "<", today)
    .orderBy("tolerance_due")
    .limit(limit)
    .execute();
}

/** Open cases whose clock runs, keyset by id, for the warning sweep. */
export async function listRunningCases(db: Kysely<Database>, afterId: string, limit: number) {
  return db
    .selectFrom("cases")
    .select([
      "id",
      "handling_region_code",
      "accepted_on",
      "promised_due",
      "promised_limit_days",
      "extension_days",
      "paused_workdays",
      "warning_level",
    ])
    .where("status", "in", ["accepted", "under_review"])
    .where("promised_due", "is not", null)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function setWarningLevels(
  db: Kysely<Database>,
  level: WarningLevel,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("cases").set({ warning_level: level }).where("id", "in", ids).execute();
}

export async function listMaterialFiles(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom("case_materials")
    .select(["id", "material_key", "name", "source", "file_name", "content_type", "sm3", "data", "reference"])
    .where("case_id", "=", caseId)
    .orderBy("id")
    .execute();
}

export async function moveCaseToAgency(
  db: Kysely<Database>,
  id: string,
  lockVersion: number,
  agencyId: number,
  regionCode: string,
): Promise<boolean> {
  const r = await db
    .updateTable("cases")
    .set({ agency_id: agencyId, handling_region_code: regionCode, lock_version: lockVersion + 1 })
    .where("id", "=", id)
    .where("lock_version", "=", lockVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertPostCheck(db: Kysely<Database>, caseId: string, dueDate: string): Promise<void> {
  await db
    .insertInto("case_post_checks")
    .values({ case_id: caseId, due_date: dueDate, status: "pending" })
    .execute();
}

export async function findPostCheck(db: Kysely<Database>, caseId: string) {
  return db.selectFrom("case_post_checks").selectAll().where("case_id", "=", caseId).executeTakeFirst();
}

export async function completePostCheck(
  db: Kysely<Database>,
  caseId: string,
  passed: boolean,
  findings: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable("case_post_checks")
    .set({ status: passed ? "passed" : "failed", findings, checked_by: by, checked_at: at })
    .where("case_id", "=", caseId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertPayment(
  db: Kysely<Database>,
  p: { case_id: string; amount_fen: number; items: string; created_at: Date },
): Promise<void> {
  await db
    .insertInto("case_payments")
    .values({ ...p, status: "pending" })
    .execute();
}

export async function findPayment(db: Kysely<Database>, caseId: string) {
  return db.selectFrom("case_payments").selectAll().where("case_id", "=", caseId).executeTakeFirst();
}

export async function markPaid(
  db: Kysely<Database>,
  caseId: string,
  p: { provider: string; provider_ref: string; receipt_number: string; paid_at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable("case_payments")
    .set({ ...p, status: "paid" })
    .where("case_id", "=", caseId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
