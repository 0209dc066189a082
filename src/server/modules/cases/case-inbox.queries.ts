import { sql, type Kysely } from "kysely";
import { inScope } from "../../db/scope.js";
import type { CaseStatus, Database, WarningLevel } from "../../db/tables.js";

/**
 * The inbox key: rank 0 = still being handled (受理前、审批中、中止), 1 = decided and waiting to be delivered, 2 = ended;
 * then the promised due date (none: last), then the id. Ascending, so overdue cases come first.
 * No index of its own yet: an agency's inbox is read through cases_agency_idx and top-N sorted, which
 * costs O(cases of the agency) per page — bench/inbox.bench.ts on PostgreSQL: ~21 ms a page at 10,000,
 * ~215 ms at 100,000. The expression index the bench creates with INBOX_INDEX=1, (agency_id, RANK, DUE,
 * id), makes every page an index range (~11 ms through HTTP, 0.2 ms for the query, at 100,000); it
 * wants a migration (0017) once the migrations before it exist.
 */
const RANK = sql<number>`(case when cases.status in ('submitted', 'accepted', 'under_review', 'suspended') then 0
        when cases.status in ('approved', 'denied') then 1 else 2 end)`;
const DUE = sql<string>`(coalesce(cases.promised_due, date '9999-12-31'))`;

export interface InboxCursor {
  rank: number;
  due: string;
  id: string;
}

export interface InboxFilter {
  /** Staff scope (as the case list): received or handled in a region subtree, or handled by an agency. */
  scope?: { regionRoots: string[]; agencyIds: number[] };
  /** The hall's cases: received by a staff member of this agency (the hall). */
  receivedAtAgencyId?: number;
  status?: CaseStatus;
  warningLevel?: WarningLevel;
  after?: InboxCursor;
  limit: number;
}

export async function listInbox(db: Kysely<Database>, f: InboxFilter) {
  let q = db
    .selectFrom("cases")
    .leftJoin("parent_cases", "parent_cases.id", "cases.parent_case_id")
    .select([
      "cases.id",
      "cases.case_number",
      "cases.item_name",
      "cases.status",
      "cases.warning_level",
      "cases.channel",
      "cases.agency_id",
      "cases.submitted_at",
      "cases.promised_due",
      "cases.lock_version",
      "cases.tolerance_missing",
      "cases.parent_case_id",
      "parent_cases.case_number as parent_case_number",
    ])
    .select([RANK.as("inbox_rank"), DUE.as("inbox_due")]);
  if (f.scope !== undefined) {
    const scope = f.scope;
    q = q.where((eb) =>
      eb.or([
        inScope("cases.receiving_region_code", "cases.agency_id", scope),
        inScope("cases.handling_region_code", "cases.agency_id", {
          regionRoots: scope.regionRoots,
          agencyIds: [],
        }),
      ]),
    );
  }
  if (f.receivedAtAgencyId !== undefined) {
    const hall = f.receivedAtAgencyId;
    q = q.where("cases.received_by", "in", (eb) =>
      eb.selectFrom("users").select("users.id").where("users.agency_id", "=", hall),
    );
  }
  if (f.status !== undefined) q = q.where("cases.status", "=", f.status);
  if (f.warningLevel !== undefined) q = q.where("cases.warning_level", "=", f.warningLevel);
  if (f.after !== undefined) {
    const a = f.after;
    q = q.where(sql<boolean>`(${RANK}, ${DUE}, cases.id) > (${a.rank}::int, ${a.due}::date, ${a.id}::uuid)`);
  }
  return q.orderBy(RANK).orderBy(DUE).orderBy("cases.id").limit(f.limit).execute();
}
