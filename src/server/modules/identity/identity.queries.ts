import type { Insertable, Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { inScope } from "../../db/scope.js";
import type {
  Database,
  LoginThrottleTable,
  Role,
  SessionKind,
  UserRow,
  UsersTable,
} from "../../db/tables.js";

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findUserByIdNumberIndex(
  db: Kysely<Database>,
  bidx: string,
): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id_number_bidx", "=", bidx).executeTakeFirst();
}

export async function findUsersByPhoneIndex(db: Kysely<Database>, bidx: string): Promise<UserRow[]> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("phone_bidx", "=", bidx)
    .where("kind", "=", "person")
    .execute();
}

export async function findUserByCreditCode(
  db: Kysely<Database>,
  creditCode: string,
): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("credit_code", "=", creditCode).executeTakeFirst();
}

export async function findUserByLoginName(
  db: Kysely<Database>,
  loginName: string,
): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("login_name", "=", loginName).executeTakeFirst();
}

export async function insertUser(db: Kysely<Database>, u: Insertable<UsersTable>): Promise<void> {
  await db.insertInto("users").values(u).execute();
}

export async function insertGrant(
  db: Kysely<Database>,
  g: { user_id: string; role: Role; agency_id: number; region_code: string; granted_by: string | null },
): Promise<void> {
  await db
    .insertInto("role_grants")
    .values(g)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function listGrants(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("role_grants as g")
    .innerJoin("agencies as a", "a.id", "g.agency_id")
    .select(["g.role", "g.agency_id", "g.region_code", "a.name as agency_name"])
    .where("g.user_id", "=", userId)
    .orderBy("g.id")
    .execute();
}

export async function insertSession(
  db: Kysely<Database>,
  s: {
    id: string;
    user_id: string;
    kind: SessionKind;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<void> {
  await db.insertInto("sessions").values(s).execute();
}

/** A live session (not revoked, not expired at `now`) with its active user. */
export async function findLiveSession(db: Kysely<Database>, id: string, now: Date) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["s.id", "s.kind", "s.expires_at", "u.id as user_id", "u.kind as user_kind", "u.agency_id"])
    .where("s.id", "=", id)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", now)
    .where("u.is_active", "=", true)
    .executeTakeFirst();
}

/**
 * Sessions by id (several requests' at once), not revoked, with their active users and the users'
 * role grants (in grant order), in one query; expiry is the caller's to check against its own time.
 */
export async function findUnrevokedSessionsWithGrants(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select((eb) => [
      "s.id",
      "s.kind",
      "s.expires_at",
      "u.id as user_id",
      "u.kind as user_kind",
      "u.agency_id",
      jsonArrayFrom(
        eb
          .selectFrom("role_grants as g")
          .select(["g.role", "g.agency_id", "g.region_code"])
          .whereRef("g.user_id", "=", "u.id")
          .orderBy("g.id"),
      ).as("grants"),
    ])
    .where("s.id", "in", ids)
    .where("s.revoked_at", "is", null)
    .where("u.is_active", "=", true)
    .execute();
}

export async function revokeSession(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function lockThrottle(db: Kysely<Database>, key: string) {
  return db.selectFrom("login_throttle").selectAll().where("key", "=", key).forUpdate().executeTakeFirst();
}

export async function readThrottles(db: Kysely<Database>, keys: string[]) {
  return db.selectFrom("login_throttle").selectAll().where("key", "in", keys).execute();
}

export async function putThrottle(db: Kysely<Database>, row: LoginThrottleTable): Promise<void> {
  await db
    .insertInto("login_throttle")
    .values(row)
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures: row.failures,
        window_started_at: row.window_started_at,
        locked_until: row.locked_until,
      }),
    )
    .execute();
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}

/** Staff accounts of agencies in the given regions (roots, by prefix) or agencies. */
export async function listStaff(
  db: Kysely<Database>,
  scope: { regionRoots: string[]; agencyIds: number[]; isAll: boolean },
  filter: { agencyId?: number; after?: string; limit: number },
) {
  let q = db
    .selectFrom("users as u")
    .innerJoin("agencies as a", "a.id", "u.agency_id")
    .select([
      "u.id",
      "u.login_name",
      "u.display_name",
      "u.phone_enc",
      "u.agency_id",
      "a.name as agency_name",
      "a.region_code",
    ])
    .where("u.kind", "=", "staff");
  if (!scope.isAll) q = q.where(inScope("a.region_code", "a.id", scope));
  if (filter.agencyId !== undefined) q = q.where("u.agency_id", "=", filter.agencyId);
  if (filter.after !== undefined) q = q.where("u.login_name", ">", filter.after);
  return q.orderBy("u.login_name").limit(filter.limit).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<", before), eb("revoked_at", "<", before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteStaleThrottles(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db
    .deleteFrom("login_throttle")
    .where("window_started_at", "<", before)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", before)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** 认领 a window-registered account: sets its first password, only while it still has none. */
export async function setFirstPassword(
  db: Kysely<Database>,
  id: string,
  unclaimedMarker: string,
  passwordHash: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable("users")
    .set({ password_hash: passwordHash, password_changed_at: at })
    .where("id", "=", id)
    .where("password_hash", "=", unclaimedMarker)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
