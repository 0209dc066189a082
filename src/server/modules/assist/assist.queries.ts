import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/tables.js";

export async function findRules(db: Kysely<Database>, guideCode: string) {
  return db
    .selectFrom("instant_approval_rules")
    .selectAll()
    .where("guide_code", "=", guideCode)
    .executeTakeFirst();
}

/** Writes of this process to instant_approval_rules (the 秒批 filter's cache starts over). */
let rulesWrites = 0;
export function instantRulesWrites(): number {
  return rulesWrites;
}

export async function upsertRules(
  db: Kysely<Database>,
  r: { guide_code: string; rules: string; is_enabled: boolean; updated_by: string; updated_at: Date },
) {
  rulesWrites++;
  await db
    .insertInto("instant_approval_rules")
    .values(r)
    .onConflict((oc) =>
      oc.column("guide_code").doUpdateSet({
        rules: r.rules,
        is_enabled: r.is_enabled,
        updated_by: r.updated_by,
        updated_at: r.updated_at,
      }),
    )
    .execute();
}

export async function insertInstantApproval(
  db: Kysely<Database>,
  a: {
    case_id: string;
    guide_code: string;
    outcome: "approved" | "referred";
    checks: string;
    decided_at: Date;
  },
) {
  await db.insertInto("instant_approvals").values(a).execute();
}

export async function findInstantApproval(db: Kysely<Database>, caseId: string) {
  return db.selectFrom("instant_approvals").selectAll().where("case_id", "=", caseId).executeTakeFirst();
}

export async function markRevoked(
  db: Kysely<Database>,
  caseId: string,
  by: string,
  reason: string,
  at: Date,
) {
  const r = await db
    .updateTable("instant_approvals")
    .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
    .where("case_id", "=", caseId)
    .where("outcome", "=", "approved")
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Counts per guide within a region subtree (the handling region of the case) and period. */
export async function instantReport(db: Kysely<Database>, f: { region: string; from: Date; to: Date }) {
  const r = await sql<{
    guide_code: string;
    item_name: string;
    approved: number;
    referred: number;
    revoked: number;
    total_cases: number;
  }>`
    select i.guide_code, max(c.item_name) as item_name,
      count(*) filter (where i.outcome = 'approved')::int as approved,
      count(*) filter (where i.outcome = 'referred')::int as referred,
      count(*) filter (where i.revoked_at is not null)::int as revoked,
      (select count(*)::int from cases c2 where c2.guide_code = i.guide_code
         and c2.submitted_at >= ${f.from} and c2.submitted_at < ${f.to}) as total_cases
    from instant_approvals i join cases c on c.id = i.case_id
    where c.handling_region_code like ${`${f.region}%`} and i.decided_at >= ${f.from} and i.decided_at < ${f.to}
    group by i.guide_code order by i.guide_code`.execute(db);
  return r.rows;
}
